"""The case names no sources.

## What it does
Reports a case without a `sources` list.

## Why is this bad
A coding is only as good as what it can be checked against. LATINNO codes each
innovation from documents (the case page, laws, government and press
reports); a case without a source cannot be reviewed, corrected or cited.
Add at least the latinno.net case page, with the date it was read.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
sources:
  - url: https://latinno.net/en/case/17000/
    title: LATINNO case page
    accessed: "2024-01-31"
```
"""

from __future__ import annotations

from ...finding import Hit

CODE = "LAT302"
NAME = "missing-sources"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = ("/sources",)


def check(case):
    if "sources" in case.data:
        return  # an empty or malformed list is the schema check's finding
    latinno_id = case.get("/latinno_id")
    # a plausible case number only: one of hundreds of digits makes no address
    plausible = isinstance(latinno_id, int) and not isinstance(latinno_id, bool) and 0 < latinno_id.bit_length() <= 64
    page = f"https://latinno.net/en/case/{latinno_id}/" if plausible else "the latinno.net case page"
    yield Hit("/sources", f"sources is missing: add at least one source the coding can be checked against (url, title, accessed), e.g. {page}")
