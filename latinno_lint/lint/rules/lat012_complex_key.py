"""A mapping has a key that is a list or a mapping (a YAML complex key).

## What it does
Reports a key written as a list or a mapping, with YAML's `?` (`? [a, b]`,
`? {a: 1}`) or in a flow mapping (`{[a, b]: c}`). Such a file is valid YAML;
the member with that key is not read, and the file is not fixed.

## Why is this bad
Every key of a case file is the name of a field of the schema, and a field's
name is plain text. A list or a mapping cannot name a field: JSON, which the
schema describes, has text keys only, so no validator, export or spreadsheet
can hold the member, and other YAML readers refuse such a key or turn it
into text, each in its own way.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council where residents advise the municipality.
? [start_year, end_year]
: [2010, 2014]
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council where residents advise the municipality.
start_year: 2010
end_year: 2014
```
"""

CODE = "LAT012"
NAME = "complex-key"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
