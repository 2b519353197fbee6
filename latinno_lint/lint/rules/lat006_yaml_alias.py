"""A value is reused through a YAML anchor and alias.

## What it does
Reports an alias (`*name`) that repeats an anchored value (`&name`). Aliases are
never expanded, so a "billion laughs" file costs nothing to check.

## Why is this bad
Case files are data that people read and edit line by line; a value that is
defined in one place and silently reused in another is easy to change by
mistake, and alias bombs can exhaust the memory of tools that expand them.

## Example
```yaml
id: example
name: Example council
country: PE
description: &text A council of residents.
notes: *text
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
notes: A council of residents.
```
"""

CODE = "LAT006"
NAME = "yaml-alias"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
