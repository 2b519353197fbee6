"""Two cases have the same id.

## What it does
Reports a case whose `id` is also the id of another case file in the same
dataset (the nearest `cases/` folder, or the configured `cases-root`), even
when only this file is being checked.

## Why is this bad
The id names a case everywhere: in its file name, in other cases' `related`
entries and in exports. Two cases with one id make every reference to it
ambiguous, and one of them overwrites the other wherever cases are keyed by
id. Give one of the cases a new id (and file name).

## Example
```yaml
# file: cases/peru/example.yaml
id: example
name: Example council
country: PE
description: A council of residents.
```
```yaml
# file: cases/bolivia/example.yaml
id: example
name: Another council
country: BO
description: A council of neighbours.
```

## Use instead
```yaml
# file: cases/peru/example.yaml
id: example
name: Example council
country: PE
description: A council of residents.
```
```yaml
# file: cases/bolivia/another-council.yaml
id: another-council
name: Another council
country: BO
description: A council of neighbours.
```
"""

from __future__ import annotations

from ...finding import Hit, show
from ._common import elsewhere

CODE = "LAT401"
NAME = "duplicate-id"
SEVERITY = "error"
SCOPE = "dataset"
FIXABLE = False
FIELDS = ("/id",)


def check(case, index):
    case_id = case.get("/id")
    if isinstance(case_id, str):
        others = elsewhere(case, index, "by_id", case_id)
        if others:
            yield Hit("/id", f"id {show(case_id)} is also the id of {others}: ids must be unique in the dataset; give one case a new id and file name")
