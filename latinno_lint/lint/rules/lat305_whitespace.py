"""Leading, trailing or doubled spaces in a text value.

## What it does
Reports any string value (names, description, notes, source titles and URLs,
codes) that starts with whitespace, ends with spaces, or holds two or more
spaces in a row between words. The fix trims the ends and collapses the runs
to one space. Line breaks inside a value are left alone, and so is the layout
of block scalars (`>-`, `|`): for those, the parsed value is checked (a folded
line that ends with spaces gives doubled spaces) but `--fix` does not rewrite
them; remove the spaces by hand.

## Why is this bad
Stray spaces are invisible in an editor but not in the data: two names that
differ only by a trailing space count as different cases, a code with a space
around it is not the code, and exported tables carry the spaces into every
analysis. Text scraped from latinno.net pages often carries them (the values
are printed with trailing spaces).

## Example
```yaml
id: example
name: "Example council "
country: PE
description: A council  of residents.
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
```
"""

from __future__ import annotations

import re

from ...finding import fixed, show
from ._common import all_text, pointer_of, strings

CODE = "LAT305"
NAME = "whitespace"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = True
FIELDS = ("",)  # every string value

_DOUBLED = re.compile(r"(?<=\S)[^\S\n]{2,}(?=\S)")
_ODD_SPACE = re.compile(r"[^\S \n]")  # whitespace other than a space or a line break
_ASCII_ODD_SPACE = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"


def _doubled(text: str) -> list:
    if text.isascii() and "  " not in text and not any(ch in text for ch in "\t\r\x0b\x0c"):
        return []  # the common case, without a regex scan
    return _DOUBLED.findall(text)


def _around(text: str, start: int, end: int, width: int = 18) -> str:
    """The words around ``text[start:end]``, quoted, with its spaces as they are."""
    left, right = max(0, start - width), min(len(text), end + width)
    snippet = text[left:right].rstrip("\n").replace("\n", " ")
    return repr(("..." if left else "") + snippet + ("..." if right < len(text) else ""))


def tidy(text: str) -> str:
    return _DOUBLED.sub(" ", text.strip())


def _all_tidy(text: str) -> bool:
    """True when no string in ``text`` (all_text: each between NULs) can have a
    finding: only spaces and line breaks, never two spaces in a row, none at a
    start, no space at an end, no line break at either end. A few quick scans
    over the whole case instead of several tests on every string."""
    if text.isascii():
        if any(ch in text for ch in _ASCII_ODD_SPACE):
            return False
    elif _ODD_SPACE.search(text):
        return False
    return not ("  " in text or "\0 " in text or " \0" in text or "\0\n" in text or "\n\0" in text)


def check(case):
    if _all_tidy(all_text(case.data)):
        return
    for parts, text in strings(case.data):
        if not text.strip():
            continue  # blank text is the schema check's finding
        problems, first = [], None
        if text[0].isspace():
            problems.append("leading whitespace")
            first = (0, len(text) - len(text.lstrip()))
        doubled = _doubled(text)
        if doubled:
            problems.append(f"{len(doubled)} run{'s' if len(doubled) > 1 else ''} of doubled spaces")
            match = _DOUBLED.search(text) if first is None else None
            if match is not None:
                first = match.span()
        body = text.rstrip("\n")
        if body[-1].isspace():  # a final line break alone is block-scalar layout
            problems.append("trailing spaces")
            if first is None:
                first = (len(body.rstrip()), len(body))
        if problems and first is not None:  # each problem sets first
            pointer = pointer_of(parts)
            field = pointer.lstrip("/").replace("/", ".")
            what = " and ".join(problems)
            if len(text) <= 60 and "\n" not in text:
                message = f"{field} has {what}: write {show(tidy(text))}"
            else:  # a long text: the words around the first problem, which the finding points at
                message = f"{field} has {what}, the first at {_around(text, *first)}"
            yield fixed(pointer, message, tidy(text))._replace(at=first[0])
