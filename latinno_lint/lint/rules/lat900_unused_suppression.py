"""A suppression comment suppresses nothing.

## What it does
Reports a `# latinno-lint: ignore[CODE] reason` comment when no finding with
that code is on its line (or on the next line, for a comment on a line of its
own).

## Why is this bad
A stale suppression hides the next real problem on that line and tells readers
that a case was reviewed for something it no longer has.

## Example
```yaml
id: example
name: Example council  # latinno-lint: ignore[LAT101] reviewed with the coder
country: PE
description: A council of residents.
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
```
"""

CODE = "LAT900"
NAME = "unused-suppression"
SEVERITY = "warning"
SCOPE = "suppression"
FIXABLE = False
