"""The file holds no YAML document.

## What it does
Reports a case file that is empty or holds only comments.

## Why is this bad
An empty file in cases/ is a case that was started and never written; it
counts as nothing in the dataset while looking like a case.

## Example
```yaml
# TODO: fill in
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council where residents advise the municipality.
```
"""

CODE = "LAT003"
NAME = "empty-file"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
