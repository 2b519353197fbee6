"""Placeholder text such as `TODO`, `TBD`, `N/A` or a lone `?` in a name or description.

## What it does
Reports `name`, `name_original` or `description` when it holds placeholder
text: the words `TODO` (in capitals; `todo` is Spanish for "all"), `FIXME`,
`TBD`, `lorem`, `N/A`, `N/D`, `S/D`, `xxx` (any case; a capital `XXX` followed
by a word is read as the Roman numeral 30, as in "XXX Congreso"), a `?` that
stands alone (`?`, `(?)`, `created in ? by`), or a value with no letter or
digit at all (`-`, `...`). A question mark that ends a word (`Innovating
Democracy?`, `¿Qué es? Es ...`) is prose and is not reported, and a `?` between
two numbers (`2013 ? 2019`) is a lost dash, reported by encoding-damage
(LAT306). The finding points at the first placeholder, also inside a
multi-line (block) text.

## Why is this bad
The name and description are what readers and the LATINNO coders see first; a
placeholder left in them is published as if it were data, and a stub such as
"TBD" hides that the case was never described. Replace it with what the
source says, or leave out an optional field the source does not give.

## Example
```yaml
id: example
name: Participatory budget of XXX
country: PE
description: TODO
```

## Use instead
```yaml
id: example
name: Participatory budget of Villa El Salvador
country: PE
description: >-
  Residents of Villa El Salvador decide in yearly assemblies how to spend part
  of the municipal investment budget. Does it work? The district says so.
```
"""

from __future__ import annotations

import re

from ...finding import Hit
from ._common import excerpt, question_marks

CODE = "LAT304"
NAME = "placeholder-text"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = ("/name", "/name_original", "/description")

_WORD = re.compile(r"(?<![\w/])(?:TODO|(?i:fixme|tbd|lorem|n/a|n/d|s/d|x{3,}))(?![\w/])")
_WORD_HINTS = ("todo", "fixme", "tbd", "lorem", "xxx")  # a cheap test before _WORD, with _SLASH_HINTS
_SLASH_HINTS = ("n/a", "n/d", "s/d")  # looked for only in text with a '/'
_ROMAN_30 = re.compile(r"XXX(?=\s+\w)")


def placeholders(text: str) -> list[str]:
    """Excerpts of the placeholders in ``text``, in order."""
    return [shown for _start, shown in located(text)]


def located(text: str) -> list[tuple[int, str]]:
    """(offset, excerpt) of each placeholder in ``text``: the words first, then lone question marks."""
    if not (text[:1].isalnum() or any(ch.isalnum() for ch in text)):  # most text starts with a letter
        stripped = text.strip()
        return [(text.index(stripped[0]), repr(stripped))] if stripped else []
    found = []
    lower = text.casefold()
    if any(hint in lower for hint in _WORD_HINTS) or ("/" in lower and any(hint in lower for hint in _SLASH_HINTS)):
        for match in _WORD.finditer(text):
            if not _ROMAN_30.match(text, match.start()) or match.group() != "XXX":
                found.append((match.start(), repr(match.group())))
    for start, end, kind in question_marks(text):
        if kind == "lone":
            found.append((start, excerpt(text, start, end)))
    return found


def check(case):
    for field in FIELDS:
        text = case.get(field)
        if not isinstance(text, str):
            continue
        found = located(text)
        if found:
            name = field.lstrip("/")
            shown = ", ".join(dict.fromkeys(excerpt for _start, excerpt in found))
            # placed at the first placeholder (inside a block scalar too), not at the field's first line
            yield Hit(field, f"{name} has placeholder text {shown}: replace it with what the source says", at=min(start for start, _excerpt in found))
