"""Selection is restricted while the only participants are citizens.

## What it does
Reports a case whose mode of selection is `restricted` while its type of
participants is `citizens` alone. It asks for a review; it does not say the
coding is wrong.

## Why is this bad
LATINNO codes selection as `restricted` when access depends on some condition
(election, appointment, membership, invitation). That condition usually
selects organisations: civil society or private stakeholders. Restricted access
for individual citizens alone is unusual, and a coding that took the
restriction from an organisation-run body but kept only `citizens` is a common
slip. Real cases exist, though (councils with elected or appointed citizen
members), so this is a warning: check the source, and when the case is such a
council keep the coding and suppress the warning on the selection line with
`# latinno-lint: ignore[LAT201] reason`.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents appointed by the mayor.
institutional_design:
  selection: restricted
  participants: [citizens]
```

## Use instead
When the source shows that organisations take part, code them:
```yaml
id: example
name: Example council
country: PE
description: A council of neighbourhood associations appointed by the mayor.
institutional_design:
  selection: restricted
  participants: [civil_society]
```
When the members really are appointed citizens, keep the coding and say why:
```yaml
id: example
name: Example council
country: PE
description: A council of residents appointed by the mayor.
institutional_design:
  selection: restricted  # latinno-lint: ignore[LAT201] members are appointed residents
  participants: [citizens]
```
"""

from __future__ import annotations

from ...finding import Hit
from ._common import code, codes, named, pointer

CODE = "LAT201"
NAME = "restricted-citizens-only"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = (pointer("selection"), pointer("participants"))

RESTRICTED = named("selection", "restricted")
CITIZENS = named("participants", "citizens")


def check(case):
    if code(case, "selection") == RESTRICTED and codes(case, "participants") == [CITIZENS]:
        yield Hit(
            pointer("selection"),
            f"selection is {RESTRICTED!r} while the only participants are {CITIZENS!r}: restricted access usually "
            "selects organisations; check the source, and if citizens are elected or appointed members "
            f"(a citizen council) keep the coding and add '# latinno-lint: ignore[{CODE}] reason'",
        )
