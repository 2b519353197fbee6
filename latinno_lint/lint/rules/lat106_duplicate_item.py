"""A list of codes names the same code twice.

## What it does
Reports participants, means, ends, policy_cycle or countries that list an item
more than once. The fix keeps the first of each.

## Why is this bad
A coded list is a set; a repeated code is a slip that some analyses would count
twice.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
means: [deliberation, deliberation]
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
means: [deliberation]
```
"""

CODE = "LAT106"
NAME = "duplicate-item"
SEVERITY = "error"
SCOPE = "schema"
FIXABLE = True
