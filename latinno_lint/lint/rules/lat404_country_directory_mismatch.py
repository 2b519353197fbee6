"""The case sits in another country's folder.

## What it does
Reports a case file that sits in a folder directly under the dataset root
(`cases/<folder>/<id>.yaml`) when that folder is not the one for the case's
`country`: the lower-case English country name with hyphens (`peru`,
`costa-rica`), or `transnational`, as the schema gives it.

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


def check(case, index):
    country = case.get("/country")
    if not isinstance(country, str) or not in_dataset(case):
        return
    folder = case.resolved.parent
    slug = _slug(country)
    if slug is None or folder.parent != case.root or folder.name == slug:
        return
    yield Hit("/country", f"country is {country!r}, whose folder is {slug!r}, but the file is in {folder.name!r}: move the file to {slug}/ or correct the country")
