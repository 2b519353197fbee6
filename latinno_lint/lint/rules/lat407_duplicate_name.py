"""Two cases in the same country have the same name.

## What it does
Reports a case whose `name` is also the name of another case of the same
`country` in the dataset, comparing names without regard to case, accents,
hyphens and spacing, even when only this file is being checked.

## Why is this bad
LATINNO names an innovation by what it is and where it runs ("Participatory
Budget of Villa El Salvador"). Two cases of one country with one name are
usually the same innovation entered twice, which doubles it in every count.
Different innovations that share a name (the same program in two periods)
should say what tells them apart in the name; when they cannot, keep both and
suppress the warning with a reason.

## Example
```yaml
# file: cases/peru/example.yaml
id: example
name: Participatory Budget of Lima
country: PE
description: A participatory budget.
```
```yaml
# file: cases/peru/example-budget.yaml
id: example-budget
name: participatory budget of  Lima
country: PE
description: The same participatory budget, entered again.
```

## Use instead
```yaml
# file: cases/peru/example.yaml
id: example
name: Participatory Budget of Lima
country: PE
description: A participatory budget.
```
```yaml
# file: cases/peru/example-budget.yaml
id: example-budget
name: Participatory Budget of Cusco
country: PE
description: Another participatory budget.
```
"""

from __future__ import annotations

from ...finding import Hit, show
from ..dataset import name_key
from ._common import elsewhere

CODE = "LAT407"
NAME = "duplicate-name"
SEVERITY = "warning"
SCOPE = "dataset"
FIXABLE = False
FIELDS = ("/name", "/country")


def check(case, index):
    name, country = case.get("/name"), case.get("/country")
    key = name_key(name) if isinstance(name, str) and isinstance(country, str) else ""
    if key:
        others = elsewhere(case, index, "by_name", (country, key))
        if others:
            yield Hit("/name", f"name {show(name)} is also the name of {others} in the same country: check whether it is the same case entered twice; if not, make the names tell them apart")
