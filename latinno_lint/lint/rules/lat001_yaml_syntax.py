"""The file is not valid YAML.

## What it does
Reports the parser's own error (an unclosed quote, a bad indentation, a tab
used for indentation, a key that is a list) at the line and column where the
parser stopped.

## Why is this bad
A file that does not parse cannot be checked or exported: every value in it is
lost to the dataset until the syntax is mended.

## Example
```yaml
id: example
name: "Participatory budget of Lima
country: PE
```

## Use instead
```yaml
id: example
name: "Participatory budget of Lima"
country: PE
```
"""

CODE = "LAT001"
NAME = "yaml-syntax"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
