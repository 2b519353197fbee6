"""A related case that is not in the dataset.

## What it does
Reports an entry of `related` whose `id` is not the id of any case in the
dataset (the nearest `cases/` folder, or the configured `cases-root`), even
when only this file is being checked. Files outside a dataset are not checked,
since the other cases cannot be known.

## Why is this bad
`related` links a case to other cases of the dataset: a forum that implements
an action plan, a program that succeeds another. A link to an id that does
not exist points nowhere, usually because of a typing slip or because the
other case was renamed or not added yet. Correct the id, or add the other
case.

## Example
```yaml
# file: cases/peru/example.yaml
id: example
name: Example forum
country: PE
description: A forum that implements the action plan.
related:
  - id: example-action-plan
    relation: implements
```

## Use instead
```yaml
# file: cases/peru/example.yaml
id: example
name: Example forum
country: PE
description: A forum that implements the action plan.
related:
  - id: example-action-plan
    relation: implements
```
```yaml
# file: cases/peru/example-action-plan.yaml
id: example-action-plan
name: Example action plan
country: PE
description: The action plan the forum implements.
```
"""

from __future__ import annotations

from ...finding import Hit, show

CODE = "LAT405"
NAME = "dangling-relation"
SEVERITY = "error"
SCOPE = "dataset"
FIXABLE = False
FIELDS = ("/related",)


def check(case, index):
    related = case.get("/related")
    if index is None or index.root is None or not isinstance(related, list):
        return
    own = case.get("/id")
    for i, entry in enumerate(related):
        other = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(other, str) and other != own and other not in index.by_id:
            yield Hit(f"/related/{i}/id", f"related id {show(other)} is not the id of any case in the dataset: correct the id, or add that case")
