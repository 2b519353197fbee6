"""The file holds more than one YAML document.

## What it does
Reports a second document in the file (after a `---` or `...` line), at the
place where it starts.

## Why is this bad
One file is one case: the linter, the exports and other YAML readers would see
only the first document or fail, and the second case would be lost.

## Example
```yaml
id: first-case
name: First
country: PE
description: One case.
---
id: second-case
```

## Use instead
```yaml
id: first-case
name: First
country: PE
description: One case; the second one goes in cases/peru/second-case.yaml.
```
"""

CODE = "LAT004"
NAME = "multiple-documents"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
