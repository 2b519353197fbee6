"""A suppression comment is malformed, names no known code, or gives no reason.

## What it does
Reports a `# latinno-lint: ...` comment that is not
`# latinno-lint: ignore[CODE, ...] reason`, that names a code the linter does
not have, or that has no reason. Such a comment suppresses nothing.

## Why is this bad
A suppression is a reviewer's decision; without a reason the next reviewer
cannot tell whether it still holds, and a misspelt one silently fails.

## Example
```yaml
id: Example_Council  # latinno-lint: ignore[LAT105]
name: Example council
country: PE
description: A council of residents.
```

## Use instead
```yaml
id: Example_Council  # latinno-lint: ignore[LAT105] legacy id kept for the 2019 export
name: Example council
country: PE
description: A council of residents.
```
"""

CODE = "LAT901"
NAME = "invalid-suppression"
SEVERITY = "error"
SCOPE = "suppression"
FIXABLE = False
