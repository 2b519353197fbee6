"""A value carries an explicit YAML tag.

## What it does
Reports tags such as `!!python/object`, `!!binary`, `!!set` or custom `!tags`.
Tagged values are never constructed: the linter reads them as plain data.

## Why is this bad
Case files hold text, numbers, booleans, lists and mappings only. Tags make
other loaders run code or build types that no export can hold.

## Example
```yaml
id: example
name: !!python/object:builtins.str Example council
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

CODE = "LAT009"
NAME = "yaml-tag"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
