"""A path given to the linter cannot be read as a case file.

## What it does
Reports a path that does not exist, is not a regular file (a FIFO, a device),
is a broken symbolic link or one that leads out of the dataset, cannot be
opened (permissions), or disappears while the run reads it.

## Why is this bad
A case the linter could not read is a case it did not check; saying so is the
only way the gate stays honest.

## Example
```yaml
# latinno-lint check cases/peru/missing.yaml  (no such file)
```

## Use instead
```yaml
# latinno-lint check cases/peru/  (check the files that exist)
```
"""

CODE = "LAT010"
NAME = "unreadable-file"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
