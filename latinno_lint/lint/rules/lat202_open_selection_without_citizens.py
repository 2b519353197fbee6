"""Selection is open while the participants do not include citizens.

## What it does
Reports a case whose mode of selection is `open` while its type of
participants, when coded, does not include `citizens`.

## Why is this bad
LATINNO codes selection as `open` when anyone may take part. If anyone may
take part, individual citizens are among the participants; a list of only
organisations (civil society, private stakeholders) contradicts open access.
Usually either the selection is really `restricted` (only invited
organisations) or `citizens` was left out of the participants.

## Example
```yaml
id: example
name: Example forum
country: PE
description: A forum open to anyone who wants to attend.
institutional_design:
  selection: open
  participants: [civil_society]
```

## Use instead
```yaml
id: example
name: Example forum
country: PE
description: A forum open to anyone who wants to attend.
institutional_design:
  selection: open
  participants: [citizens, civil_society]
```
"""

from __future__ import annotations

from ...finding import Hit
from ._common import code, codes, named, pointer

CODE = "LAT202"
NAME = "open-selection-without-citizens"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = (pointer("selection"), pointer("participants"))

OPEN = named("selection", "open")
CITIZENS = named("participants", "citizens")


def check(case):
    participants = codes(case, "participants")
    if code(case, "selection") == OPEN and participants is not None and CITIZENS not in participants:
        yield Hit(
            pointer("selection"),
            f"selection is {OPEN!r} (anyone may take part) while participants are {' and '.join(map(repr, participants))} "
            f"without {CITIZENS!r}: check the source; either add {CITIZENS!r} to participants or code the selection "
            "as restricted",
        )
