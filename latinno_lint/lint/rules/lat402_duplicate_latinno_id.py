"""Two cases have the same latinno.net case number.

## What it does
Reports a case whose `latinno_id` is also the `latinno_id` of another case
file in the same dataset, even when only this file is being checked.

## Why is this bad
`latinno_id` is the number of the case on latinno.net
(latinno.net/en/case/<number>/), and each number is one innovation. Two files
with one number are either the same case imported twice or a typing slip in
one of the numbers; either way, joins with the LATINNO dataset go wrong.
Merge the duplicates, or correct the number from the case page.

## Example
```yaml
# file: cases/peru/example.yaml
id: example
latinno_id: 17023
name: Example council
country: PE
description: A council of residents.
```
```yaml
# file: cases/peru/example-council.yaml
id: example-council
latinno_id: 17023
name: Example Council of Residents
country: PE
description: A council of residents.
```

## Use instead
```yaml
# file: cases/peru/example.yaml
id: example
latinno_id: 17023
name: Example council
country: PE
description: A council of residents.
```
"""

from __future__ import annotations

from ...finding import Hit, show
from ._common import elsewhere

CODE = "LAT402"
NAME = "duplicate-latinno-id"
SEVERITY = "error"
SCOPE = "dataset"
FIXABLE = False
FIELDS = ("/latinno_id",)


def check(case, index):
    number = case.get("/latinno_id")
    if isinstance(number, int) and not isinstance(number, bool):
        others = elsewhere(case, index, "by_latinno_id", number)
        if others:
            yield Hit("/latinno_id", f"latinno_id {show(number)} is also the latinno_id of {others}: each latinno.net case is one file; merge the duplicates or correct the number")
