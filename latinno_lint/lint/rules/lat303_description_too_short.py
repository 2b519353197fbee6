"""The description is too short to say what the innovation is.

## What it does
Reports a `description` shorter than the `min-description-length` option
(100 characters by default, counting runs of whitespace as one).

## Why is this bad
LATINNO's description says what the innovation is and how it works: who takes
part, how, and what comes of it. The coding of the six institutional-design
dimensions is checked against it. A description of a line or two cannot carry
that, and is often a name repeated or a stub left to fill in later. Copy or
write the full description from the source.

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
description: >-
  A council of residents elected in neighbourhood assemblies that meets every
  month to advise the municipality on its budget and to monitor public works.
```
"""

from __future__ import annotations

from ...finding import Hit

CODE = "LAT303"
NAME = "description-too-short"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = ("/description",)
OPTIONS = {"min-description-length": 100}


def check(case):
    description = case.get("/description")
    if not isinstance(description, str) or not description.strip():
        return  # missing or empty: the schema check reports it
    minimum = case.option("min-description-length")
    # the beginning of the text, its spacing collapsed, begins the whole text collapsed:
    # when it is long enough, so is the whole (most descriptions are many times the minimum)
    if isinstance(minimum, int) and len(" ".join(description[: 2 * minimum + 64].split())) >= minimum:
        return
    length = len(" ".join(description.split()))
    if length < minimum:
        yield Hit(
            "/description",
            f"description has {length} characters, fewer than {minimum} (option min-description-length): say what the innovation is and how it works, from the source",
        )
