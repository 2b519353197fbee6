"""A plain value that YAML readers read differently: text read as a boolean, number or date, or a value YAML 1.1 and YAML 1.2 disagree on.

## What it does
Reports an unquoted value that does not mean the same to every reader:

- a text field whose value YAML 1.1 reads as something else: `no`, `yes`,
  `on`, `off` (booleans), `~` or `null`, numbers, and dates such as
  `2021-05-01`;
- any value that YAML 1.1 and YAML 1.2 read differently (the table below),
  in any field.

The fix, where the field says what was meant: `true` or `false` for
`yes`/`no`/`on`/`off` in a boolean field, the plain digits for a grouped
number such as `2_016` in a whole-number field, and quotes around a value in
a text field, keeping it exactly as written. Other differences (a year
written `02011`, a number in another base) are reported without a fix: only
the author knows what was meant.

## Why is this bad
latinno-lint, like PyYAML, reads YAML 1.1. Editors (yaml-language-server), the
npm `yaml` package, ruamel.yaml and Go's yaml.v3 read YAML 1.2, whose core
schema has fewer implicit types. The same file can then hold different data
for different readers: `co_governance: yes` is true for the linter but the
text "yes" (an error) in the editor, and `start_year: 02011` is 1033 in YAML
1.1 and 2011 in YAML 1.2. A text field written `name: no` loses its text in
every YAML 1.1 tool.

| written (plain) | YAML 1.1 (PyYAML) | YAML 1.2 core schema | write instead |
|---|---|---|---|
| `yes` `no` `on` `off` (any case: `Yes`, `ON`, ...) | boolean | text | `true` / `false`, or `"yes"` for text |
| `y` `n` `Y` `N` | text in PyYAML, boolean in other 1.1 readers | text | `true` / `false`, or `"y"` |
| `2_016`, `1_000.5`, `0x_1A` (underscores) | number 2016, 1000.5, 26 | text | `2016`, `1000.5`, `26` |
| `1:30`, `190:20:30.15` (sexagesimal) | number 90, 685230.15 | text | the number, or `"1:30"` |
| `02011`, `010` (leading 0) | octal: 1033, 8 | decimal: 2011, 10 | `2011` (no leading 0) |
| `0b101` | number 5 | text | `5` |
| `0o17` | text | number 15 | `15`, or `"0o17"` |
| `0x1A` | number 26 | number 26 | (the same) |
| `1e3`, `1.0e3` (no sign in the exponent) | text | number 1000.0 | `1000`, or `"1e3"` |
| `.5`, `1.5`, `1.0e+3` | number | number | (the same) |
| `~`, `null`, `Null`, `NULL`, nothing | null | null | (the same; LAT007 in a text field) |
| `2021-05-01`, `2021-05-01T10:00:00Z` | date, date and time | text | `"2021-05-01"` |
| `<<` | merge key | text | `"<<"` (as a key: LAT001) |
| `=` | value key | text | `"="` |
| `true`, `false` and their capitalized forms | boolean | boolean | (the same) |

Quoted values (`"yes"`, `'2_016'`) are text for every reader.

## Example
```yaml
id: example
name: no
country: PE
description: A campaign called "No".
start_year: 2_016
institutional_design:
  co_governance: yes
```

## Use instead
```yaml
id: example
name: "no"
country: PE
description: A campaign called "No".
start_year: 2016
institutional_design:
  co_governance: true
```
"""

CODE = "LAT007"
NAME = "implicit-type"
SEVERITY = "error"
SCOPE = "schema"
FIXABLE = True
