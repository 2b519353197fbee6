"""A binding decision without any formal basis.

## What it does
Reports a case whose decisiveness is `binding` while its formalization is
`not_formalized`.

## Why is this bad
A binding decision obliges someone, usually a government, to act on it; that
needs a basis in the constitution, legislation or at least a government
program. In the LATINNO cases seen, every binding case was embedded in the
constitution or legislation. An informal process whose outcome binds anyone is
possible but rare, so check both dimensions against the source.

## Example
```yaml
id: example
name: Example assembly
country: PE
description: Neighbours meet and decide how to spend the municipal budget.
institutional_design:
  formalization: not_formalized
  decisiveness: binding
```

## Use instead
```yaml
id: example
name: Example assembly
country: PE
description: Neighbours meet and decide how to spend the municipal budget.
institutional_design:
  formalization: constitution_or_legislation
  decisiveness: binding
```
"""

from __future__ import annotations

from ...finding import Hit
from ._common import code, named, pointer

CODE = "LAT204"
NAME = "binding-without-formal-basis"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = (pointer("decisiveness"), pointer("formalization"))

BINDING = named("decisiveness", "binding")
NOT_FORMALIZED = named("formalization", "not_formalized")


def check(case):
    if code(case, "decisiveness") == BINDING and code(case, "formalization") == NOT_FORMALIZED:
        yield Hit(
            pointer("decisiveness"),
            f"decisiveness is {BINDING!r} while formalization is {NOT_FORMALIZED!r}: a binding outcome needs a formal "
            "basis; check whether the case is backed by legislation or a government program, or whether the decision is non_binding",
        )
