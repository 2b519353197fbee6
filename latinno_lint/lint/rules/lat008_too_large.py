"""The file or one of its values is too large or too deep to be a case.

## What it does
Refuses, without parsing, a file over 1 MB or one whose lists and mappings
(brackets or indented blocks such as `- - - x`) nest more than 500 levels
deep; refuses to check a file holding more than 10,000 values; and reports
values nested more than 64 levels deep or numbers too long to convert.

## Why is this bad
A case file is about 2 KB and four levels deep. Anything far beyond that is a
mistake (a pasted dump, a generated file) or hostile input, and checking it
would cost time and memory on every commit.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
notes: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
start_year: 2001
```
"""

CODE = "LAT008"
NAME = "too-large"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
