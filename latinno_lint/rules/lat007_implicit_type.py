"""A value meant as text was read as a boolean, null, number or date.

## What it does
Reports a text field whose unquoted value YAML 1.1 reads as something else:
`no`, `yes`, `on`, `off` (booleans), `~` or `null`, numbers, and dates such as
`2021-05-01`. The fix puts the value in quotes, keeping it exactly as written.

## Why is this bad
`country: NO` or `name: no` becomes the boolean false in every YAML 1.1 tool:
the text is gone before anyone looks at it. A date becomes a date object that
JSON and CSV exports cannot represent as written.

## Example
```yaml
id: example
name: no
country: PE
description: A campaign called "No".
```

## Use instead
```yaml
id: example
name: "no"
country: PE
description: A campaign called "No".
```
"""

CODE = "LAT007"
NAME = "implicit-type"
SEVERITY = "error"
SCOPE = "schema"
FIXABLE = True
