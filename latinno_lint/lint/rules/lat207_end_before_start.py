"""The end year is before the start year.

## What it does
Reports a case whose `end_year` is earlier than its `start_year`.

## Why is this bad
An innovation cannot end before it starts; one of the two years is wrong
(often swapped, or a typing slip), and any analysis of duration or of cases
active in a year would count it wrongly.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
start_year: 2015
end_year: 2012
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
start_year: 2012
end_year: 2015
```
"""

from __future__ import annotations

from ...finding import Hit, show
from ._common import year

CODE = "LAT207"
NAME = "end-before-start"
SEVERITY = "error"
SCOPE = "case"
FIXABLE = False
FIELDS = ("/start_year", "/end_year")


def check(case):
    start, end = year(case, "start_year"), year(case, "end_year")
    if start is not None and end is not None and end < start:
        yield Hit("/end_year", f"end_year {show(end)} is before start_year {show(start)}: check both years against the source")
