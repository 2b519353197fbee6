"""A key appears twice in the same mapping.

## What it does
Reports the second occurrence of a key in a mapping, with the line of the first.

## Why is this bad
YAML loaders keep only the last value and drop the other without a word
(PyYAML does), so one of the two codings is silently lost.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  frequency: regular
  frequency: sporadic
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

CODE = "LAT005"
NAME = "duplicate-key"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
