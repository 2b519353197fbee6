"""A required key is missing.

## What it does
Reports a missing `id`, `name`, `country` or `description` (or a missing `url`
of a source, `id` or `relation` of a related case) at the mapping that should
hold it.

## Why is this bad
Without these a case cannot be identified, placed or understood, and it cannot
be exported as a row of the dataset.

## Example
```yaml
id: example
name: Example council
country: PE
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council where residents advise the municipality on spending.
```
"""

CODE = "LAT103"
NAME = "missing-key"
SEVERITY = "error"
SCOPE = "schema"
FIXABLE = False
