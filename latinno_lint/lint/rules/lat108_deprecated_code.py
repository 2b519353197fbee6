"""A case uses a code that the schema has deprecated.

## What it does
Reports every code that the schema marks `"deprecated": true`, wherever a
case holds it (a dimension, a list of codes, the country, the relation of a
related case). The message names the code that replaces it
(`x-latinno-replaced-by` in the code's schema entry) and the fix writes that
code. A deprecated code without a replacement, or whose replacement is already
in the same list, is reported without a fix: the coder decides. LAT101 never
offers a deprecated code, and `import` writes the replacement when a page or a
table cell names a deprecated code by a label or spelling (and says so).

No code of the current vocabulary is deprecated; the examples below are what
the rule reports once `e_participation` is deprecated in favour of a
hypothetical `digital_participation` (docs/changing-the-vocabulary.md walks
through it).

## Why is this bad
A deprecated code is still valid, but the next major version of the format
removes it (docs/format.md, "Deprecating a code"), and a case that still holds it then
fails with LAT101. Moving to the replacement while both codes are valid keeps
the dataset counting the same thing under one code.

## Example
```yaml
id: example
name: Example platform
country: PE
description: Residents propose projects on a website.
means: [e_participation]
```

## Use instead
```yaml
id: example
name: Example platform
country: PE
description: Residents propose projects on a website.
means: [digital_participation]
```
"""

from __future__ import annotations

import functools

from ...finding import Hit, fixed, show
from ...schema import schema

CODE = "LAT108"
NAME = "deprecated-code"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = True


@functools.lru_cache(maxsize=1)
def deprecations() -> tuple:
    """(path parts of a coded field, its name, {code key: (code, replacement or
    None)}) for every field that has deprecated codes; empty when none has."""
    from ...versions import outline  # read once per process, on the first case

    found = []
    for field in outline.outline(schema()).fields.values():
        if not field.codes or not any(c.deprecated for c in field.codes):
            continue
        valid = {outline.key(c.value) for c in field.codes if not c.deprecated}
        table = {}
        for code in field.codes:
            if code.deprecated:
                replacement = code.replaced_by if outline.key(code.replaced_by) in valid else None
                table[outline.key(code.value)] = (code, replacement)
        found.append((tuple(field.pointer.split("/")[1:]), field.name, table))
    return tuple(found)


def check(case):
    places = deprecations()
    if not places:  # the usual case: no code is deprecated
        return
    from ...versions import outline

    for parts, name, table in places:
        for at, value, siblings in _values(case.data, parts, ""):
            try:
                hit = table.get(outline.key(value))
            except TypeError:  # a list or mapping where a code belongs
                continue
            if hit is not None:
                yield _hit(at, value, name, hit[1], siblings)


def _hit(at: str, value, name: str, replacement, siblings):
    what = f"{show(value)} is a deprecated {name} code"
    if replacement is None:
        return Hit(at, f"{what} with no replacement; the next major version of the format removes it (see CHANGELOG.md)")
    if siblings is not None and any(type(s) is type(replacement) and s == replacement for s in siblings):
        return Hit(at, f"{what}, replaced by {show(replacement)}, which the list already holds: remove {show(value)}")
    return fixed(at, f"{what}: write {show(replacement)}, which replaces it", replacement)


def _values(data, parts: tuple, at: str, siblings=None):
    """(pointer, value, the list it is an item of or None) at path ``parts``, '*' standing for every item."""
    if not parts:
        yield at, data, siblings
        return
    head, rest = parts[0], parts[1:]
    if head == "*":  # outline.ITEM
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _values(item, rest, f"{at}/{i}", data if not rest else None)
    elif isinstance(data, dict):
        key = head.replace("~1", "/").replace("~0", "~")
        if key in data:
            yield from _values(data[key], rest, f"{at}/{head}", siblings)
