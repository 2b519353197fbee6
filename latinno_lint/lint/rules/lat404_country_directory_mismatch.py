"""The case is not in its country's folder.

## What it does
Reports a case file of a dataset that is not at `<root>/<country-slug>/<id>.yaml`,
the one layout docs/format.md allows: in the folder of another country, at the
top of the dataset root (`cases/example.yaml`), or in a folder deeper down
(`cases/bolivia/peru/example.yaml`). The country slug is the lower-case
English country name with hyphens (`peru`, `costa-rica`), or `transnational`,
as the schema gives it.

## Why is this bad
Contributors and reviewers find cases by country folder, and per-country
counts and exports are often taken from the folders. A case in the wrong
folder is missed by both, and the mismatch usually means that either the
country code or the file's place is a slip. Move the file or correct the
country.

## Example
```yaml
# file: cases/bolivia/example.yaml
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

import functools

from ... import vocabulary
from ...finding import Hit
from ._common import in_dataset

CODE = "LAT404"
NAME = "country-directory-mismatch"
SEVERITY = "error"
SCOPE = "dataset"
FIXABLE = False
FIELDS = ("/country",)
_slug = functools.lru_cache(maxsize=256)(vocabulary.country_slug)  # the schema is read once per process


LAYOUT = "<root>/<country-slug>/<id>.yaml"  # docs/format.md


def check(case, index):
    country = case.get("/country")
    if not isinstance(country, str) or not in_dataset(case):
        return
    folder = case.resolved.parent
    slug = _slug(country)
    if folder.parent == case.root:
        if slug is not None and folder.name != slug:
            yield Hit("/country", f"country is {country!r}, whose folder is {slug!r}, but the file is in {folder.name!r}: move the file to {slug}/ or correct the country")
        return
    where = "at the top of the dataset root" if folder == case.root else f"in {folder.relative_to(case.root).as_posix()}/ of the dataset root"
    to = f"move it to {slug}/" if slug is not None else "move it to its country's folder"
    yield Hit("/country", f"the file is {where}, not in a country folder: a case file goes in {LAYOUT} (docs/format.md); {to}")
