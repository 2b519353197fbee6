"""The file is not UTF-8 text.

## What it does
Reports a file that is UTF-16 or UTF-32 (it starts with such a byte-order mark)
or that holds bytes that are not valid UTF-8, at the first bad byte.
A UTF-8 byte-order mark is accepted and kept.

## Why is this bad
Names of innovations carry accents (Consejo, Participação). A file saved in
another encoding turns them into garbage for every other tool, or cannot be
read at all.

## Example
```yaml
# saved as Latin-1: the byte 0xe7 of "Participação" is not UTF-8
name: "Participa\xe7\xe3o"
```

## Use instead
```yaml
# saved as UTF-8
name: Participação
```
"""

CODE = "LAT002"
NAME = "encoding"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
