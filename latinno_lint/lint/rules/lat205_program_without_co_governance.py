"""A government program without government involvement.

## What it does
Reports a case whose formalization is `government_program` while
co_governance is `false`.

## Why is this bad
LATINNO codes formalization as `government_program` when the innovation is
backed by a governmental program or policy, and co-governance as whether the
government is involved in the process. A government's own program in which
the government takes no part is unusual: every government-program case seen
on latinno.net had co-governance yes. Check whether the government runs or
takes part in the process, or whether the program only funds an independent
one.

## Example
```yaml
id: example
name: Example program
country: PE
description: A ministry program of participatory workshops.
institutional_design:
  formalization: government_program
  co_governance: false
```

## Use instead
```yaml
id: example
name: Example program
country: PE
description: A ministry program of participatory workshops.
institutional_design:
  formalization: government_program
  co_governance: true
```
"""

from __future__ import annotations

from ...finding import Hit
from ._common import code, named, pointer

CODE = "LAT205"
NAME = "program-without-co-governance"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = (pointer("formalization"), pointer("co_governance"))

PROGRAM = named("formalization", "government_program")
NO_GOVERNMENT = named("co_governance", False)


def check(case):
    if code(case, "formalization") == PROGRAM and code(case, "co_governance") is NO_GOVERNMENT:
        yield Hit(
            pointer("co_governance"),
            f"co_governance is false while formalization is {PROGRAM!r}: a government program usually involves the government; check whether the government takes part in the process",
        )
