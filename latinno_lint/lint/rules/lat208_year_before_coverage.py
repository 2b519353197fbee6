"""The start year is before LATINNO's coverage (1990).

## What it does
Reports a case whose `start_year` is before 1990.

## Why is this bad
LATINNO collects democratic innovations from 1990 onwards (the dataset covers
1990–2020). A start year before 1990 is either a typing slip or a case outside
the dataset's scope, such as an institution founded earlier that only later
became participatory; check the source and record the year the innovation
itself began.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
start_year: 1985
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
start_year: 1995
```
"""

from __future__ import annotations

from ...finding import Hit, show
from ._common import year

CODE = "LAT208"
NAME = "year-before-coverage"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = ("/start_year",)

FIRST_YEAR = 1990  # LATINNO covers democratic innovations from 1990 on


def check(case):
    start = year(case, "start_year")
    if start is not None and start < FIRST_YEAR:
        yield Hit(
            "/start_year",
            f"start_year {show(start)} is before {FIRST_YEAR}, where LATINNO's coverage begins: check the year, and whether the innovation itself (not an older institution behind it) started then",
        )
