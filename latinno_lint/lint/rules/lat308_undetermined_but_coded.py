"""A dimension is both coded and recorded as undetermined.

## What it does
Reports a dimension that a case codes (with any code but `unknown`) and also
names under `undetermined`, as if the sources could not settle it. The
finding points at the code and quotes the recorded reason.

## Why is this bad
`undetermined` says that the sources do not allow a dimension to be coded,
and that the dimension is left out on purpose. A code beside it says the
opposite, and the two cannot both hold: the CSV export carries both the code
and the reason (`frequency` and `undetermined_frequency`), so a researcher
cannot tell which to trust, while `stats` counts only the code. Usually the dimension was coded later, from a new
source, and the `undetermined` entry was not removed; sometimes a code was
guessed after the reason was written. Check the source and keep one.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
means: [deliberation]
undetermined:
  means: the page marks the coded means only by styling
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

from __future__ import annotations

from ... import vocabulary
from ...finding import Hit, show

CODE = "LAT308"
NAME = "undetermined-but-coded"
SEVERITY = "error"
SCOPE = "case"
FIXABLE = False  # which of the two is right only the source can tell
FIELDS = (*(d.pointer for d in vocabulary.coding_dimensions()), f"/{vocabulary.UNDETERMINED}")

_UNKNOWN = "unknown"  # agrees with 'cannot be determined': LAT301 is quiet on both
# (dimension, its key under undetermined), in schema order
_DIMENSIONS = tuple((d, d.pointer.rsplit("/", 1)[1]) for d in vocabulary.coding_dimensions())


def check(case):
    if vocabulary.UNDETERMINED not in case.data:
        return
    settled = vocabulary.undetermined(case.data)
    for dim, key in _DIMENSIONS:
        if key not in settled:
            continue
        value = case.get(dim.pointer)
        if value is None or value == _UNKNOWN or value == []:
            continue
        field = dim.pointer.lstrip("/").replace("/", ".")
        coded = ", ".join(show(v) for v in value) if isinstance(value, list) else show(value)
        yield Hit(
            dim.pointer,
            f"{field} is coded {coded} but also listed under undetermined ({show(settled[key])}): keep the code and remove undetermined.{key}, or remove the code if the sources cannot settle it",
        )
