"""A case is related to itself.

## What it does
Reports an entry of `related` whose `id` is the case's own id.

## Why is this bad
`related` links a case to other cases. A link to itself says nothing, and it
usually means the id of the other case was copied from this one and never
changed. Put in the other case's id, or remove the entry.

## Example
```yaml
id: example
name: Example forum
country: PE
description: A forum that implements the action plan.
related:
  - id: example
    relation: implements
```

## Use instead
```yaml
id: example
name: Example forum
country: PE
description: A forum that implements the action plan.
```
"""

from __future__ import annotations

from ...finding import Hit, show

CODE = "LAT406"
NAME = "self-relation"
SEVERITY = "error"
SCOPE = "case"
FIXABLE = False
FIELDS = ("/related",)


def check(case):
    related, own = case.get("/related"), case.get("/id")
    if not isinstance(related, list) or not isinstance(own, str):
        return
    for i, entry in enumerate(related):
        if isinstance(entry, dict) and entry.get("id") == own:
            yield Hit(f"/related/{i}/id", f"related id {show(own)} is this case's own id: put in the other case's id, or remove the entry")
