"""A value has the wrong type.

## What it does
Reports text where a list is expected, a list where text is expected, and so
on. Fixes the common, unambiguous cases: participants, means, ends or stages
written as one line of labels ("citizens civil society") become a list of
codes; "yes"/"no" for co_governance become true/false; a quoted year becomes a
number.

## Why is this bad
Exports and analyses read each field with one type. A field of the wrong type
is dropped or breaks the import of the whole table.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  participants: citizens civil society
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  participants: [citizens, civil_society]
```
"""

CODE = "LAT104"
NAME = "wrong-type"
SEVERITY = "error"
SCOPE = "schema"
FIXABLE = True
