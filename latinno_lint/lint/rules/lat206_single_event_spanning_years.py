"""A single event that runs for more than two years.

## What it does
Reports a case whose frequency is `single` while its end year is more than two
years after its start year.

## Why is this bad
LATINNO's frequency says how often the innovation takes place: `single` means
only once, `sporadic` now and then, `regular` permanently or at regular
intervals. Something held once rarely stretches over several years; a case
that runs from one year to a much later one usually took place again and again
(`sporadic` or `regular`), or one of its years is wrong. A single process that
really lasts that long (a constituent assembly, a long consultation) can keep
the coding with a suppression.

## Example
```yaml
id: example
name: Example consultation
country: PE
description: A national consultation on the education plan.
start_year: 2005
end_year: 2012
institutional_design:
  frequency: single
```

## Use instead
```yaml
id: example
name: Example consultation
country: PE
description: A national consultation on the education plan, held every year.
start_year: 2005
end_year: 2012
institutional_design:
  frequency: regular
```
"""

from __future__ import annotations

from ...finding import Hit, show
from ._common import code, named, pointer, year

CODE = "LAT206"
NAME = "single-event-spanning-years"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = (pointer("frequency"), "/start_year", "/end_year")

SINGLE = named("frequency", "single")
MAX_SPAN = 2  # years a single event may span before it is worth a look


def check(case):
    start, end = year(case, "start_year"), year(case, "end_year")
    if code(case, "frequency") == SINGLE and start is not None and end is not None and end - start > MAX_SPAN:
        yield Hit(
            pointer("frequency"),
            f"frequency is {SINGLE!r} (held once) while the case runs from {show(start)} to {show(end)} ({show(end - start)} years): "
            "check whether it is sporadic or regular, or whether start_year or end_year is wrong",
        )
