"""A list of codes is not in vocabulary order.

## What it does
Reports `participants`, `means`, `ends`, `policy_cycle` and `countries` when
their codes are not in the order the schema lists them (the order latinno.net
prints them in; for countries, the schema's country list). The fix sorts the
list. Lists with unknown or repeated codes are left to the schema rules
(LAT101, LAT106) first.

## Why is this bad
The order of a list of codes carries no meaning, so the same coding should
always be written the same way: reviewers then see real changes in diffs
instead of reshuffles, and two cases with the same coding compare equal as
text in exports and spreadsheets.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
means: [e_participation, deliberation]
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
means: [deliberation, e_participation]
```
"""

from __future__ import annotations

from ... import vocabulary
from ...finding import fixed
from ._common import codes

CODE = "LAT307"
NAME = "unordered-codes"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = True
LISTS = tuple((d.name, d.pointer) for d in vocabulary.coding_dimensions() if d.multiple) + ((vocabulary.countries().name, "/countries"),)
FIELDS = tuple(at for _name, at in LISTS)
_RANK = {name: {value: i for i, value in enumerate(vocabulary.dimension(name).values)} for name, _at in LISTS}  # code -> place in the schema


def check(case):
    for name, at in LISTS:
        items = codes(case, name, at)
        if items is None or len(items) < 2 or len(set(items)) != len(items):
            continue
        wanted = sorted(items, key=_RANK[name].__getitem__)
        if items != wanted:
            field = at.lstrip("/").replace("/", ".")
            yield fixed(at, f"{field} is not in vocabulary order: write [{', '.join(wanted)}]", wanted)
