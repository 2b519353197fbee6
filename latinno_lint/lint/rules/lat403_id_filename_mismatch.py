"""The id differs from the file name.

## What it does
Reports a case file inside a dataset (under a `cases/` folder or the
configured `cases-root`) whose `id` is not its file name without `.yaml`.
Files outside a dataset, and text linted without a file, are not checked.

## Why is this bad
A case lives at `cases/<country>/<id>.yaml`, so that the file for an id (named
in another case's `related`, in an issue or an export) can be found without
opening every file, and so that two cases with one id cannot both exist in a
folder. A file renamed without its id, or an id changed without the file,
breaks that. Rename the file or correct the id.

## Example
```yaml
# file: cases/peru/example-council.yaml
id: example
name: Example council
country: PE
description: A council of residents.
```

## Use instead
```yaml
# file: cases/peru/example.yaml
id: example
name: Example council
country: PE
description: A council of residents.
```
"""

from __future__ import annotations

from ...finding import Hit, show
from ._common import in_dataset

CODE = "LAT403"
NAME = "id-filename-mismatch"
SEVERITY = "error"
SCOPE = "dataset"
FIXABLE = False
FIELDS = ("/id",)


def check(case, index):
    case_id = case.get("/id")
    if isinstance(case_id, str) and in_dataset(case) and case.file.stem != case_id:
        yield Hit("/id", f"id {show(case_id)} differs from the file name {case.file.name!r}: rename the file to {case_id}{case.file.suffix} or correct the id")
