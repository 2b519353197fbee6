"""A path given to the linter cannot be read as a case file.

## What it does
Reports a path that is not a regular file (a FIFO, a device), is a broken
symbolic link or one that leads out of the dataset, is a file or folder that
cannot be opened (permissions), or disappears while the run reads it. A path
that does not exist at all is not a finding but a mistake in the command: the
run stops with exit code 2 and one line naming it.

## Why is this bad
A case the linter could not read is a case it did not check; saying so is the
only way the gate stays honest.

## Example
```yaml
# latinno-lint check cases/peru/council.yaml  (a symbolic link to a file that is gone)
```

## Use instead
```yaml
# latinno-lint check cases/peru/  (the link removed, or pointed at the case file)
```
"""

CODE = "LAT010"
NAME = "unreadable-file"
SEVERITY = "error"
SCOPE = "file"
FIXABLE = False
