"""A start or end year after the current year.

## What it does
Reports a `start_year` or `end_year` later than the current year (read from
the clock when the linter runs).

## Why is this bad
Case files record innovations that have taken place: `start_year` is the year
it started and `end_year` the year it ended (left out while it is ongoing). A
year in the future is a typing slip, or a planned date that has not happened
yet and must not be recorded as a fact.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
start_year: 2012
end_year: 2099
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents that still meets.
start_year: 2012
```
"""

from __future__ import annotations

import datetime

from ...finding import Hit, show
from ._common import year

CODE = "LAT209"
NAME = "year-in-future"
SEVERITY = "error"
SCOPE = "case"
FIXABLE = False
FIELDS = ("/start_year", "/end_year")


def check(case):
    this_year = datetime.date.today().year
    for name in ("start_year", "end_year"):
        value = year(case, name)
        if value is not None and value > this_year:
            extra = "; leave end_year out while the case is ongoing" if name == "end_year" else ""
            yield Hit(f"/{name}", f"{name} {show(value)} is after the current year {this_year}: check the year{extra}")
