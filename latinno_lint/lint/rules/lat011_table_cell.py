"""A cell of a table of cases cannot be read as a value of the case.

## What it does
Reports a cell of a CSV or XLSX table (`latinno-lint check cases.xlsx`,
`latinno-lint import cases.xlsx`) whose content has no meaning in the layout
that `latinno-lint export` writes: an indicator column (`means_deliberation`,
`participants_citizens`, ...) holding something other than 1, 0 or nothing,
or the columns of a list of entries (`sources_url`, `sources_title`, ...)
holding different numbers of `;`-separated items. The finding is at the
row and column of the cell.

## Why is this bad
The value of such a cell cannot be read without guessing: "x" in an
indicator column may mean yes or a note to oneself, and a `;` inside a URL
cannot be told from the separator between two sources. Reading it anyway
would lose or invent data, so the row is not imported.

## Example
```yaml
# cases.csv, row 2, column means_deliberation: x
```

## Use instead
```yaml
# cases.csv, row 2, column means_deliberation: 1
```
"""

CODE = "LAT011"
NAME = "table-cell"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
