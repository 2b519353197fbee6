"""A value has the right type but breaks the format's rules.

## What it does
Reports an id that is not a slug, a blank text, an empty list, a URL that is
not http(s), a date not written YYYY-MM-DD, and a year outside 1900-2100.

## Why is this bad
These values cannot be used as they are: an id that is not a slug cannot be
a file name, an empty list says nothing, a malformed date cannot be sorted.

## Example
```yaml
id: Example_Council
name: Example council
country: PE
description: A council of residents.
```

## Use instead
```yaml
id: example-council
name: Example council
country: PE
description: A council of residents.
```
"""

CODE = "LAT105"
NAME = "invalid-value"
SEVERITY = "error"
SCOPE = "schema"
FIXABLE = False
