"""A key that the case format does not define.

## What it does
Reports every key that is not part of the format, at the key, and suggests the
closest allowed key.

## Why is this bad
A misspelt key (`frequncy`) is not a new field: it is a coding that every tool
ignores, so the dimension reads as uncoded while the author believes it is
coded.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  frequncy: regular
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  frequency: regular
```
"""

CODE = "LAT102"
NAME = "unknown-key"
SEVERITY = "error"
SCOPE = "schema"
FIXABLE = False
