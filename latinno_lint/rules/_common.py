"""Small helpers the rules share: reading coded values safely and walking text.

Rules see the data as written, which may break the schema (the schema check
reports that). These helpers return a value only when it is a valid code, so a
rule never trips over a wrong type and never repeats a schema finding.
"""
from __future__ import annotations

import re
from typing import Iterator

from .. import vocabulary
from ..source import join_pointer


def named(dimension: str, value):
    """``value``, after checking at import time that the schema still has it as a
    code of ``dimension`` (a rule that names a code must not silently go dead)."""
    if vocabulary.dimension(dimension).code(value) is None:
        raise LookupError(f"a rule names {value!r}, which the schema no longer lists as a {dimension} code")
    return value


def pointer(dimension: str) -> str:
    """Where a dimension sits in a case, e.g. '/institutional_design/selection'."""
    return vocabulary.dimension(dimension).pointer


def code(case, dimension: str):
    """The value of a single-choice dimension when it is one of its codes, else None."""
    value = case.get(pointer(dimension))
    return value if vocabulary.dimension(dimension).code(value) is not None else None


def codes(case, dimension: str, at: str | None = None) -> list | None:
    """A list of codes (at ``at``, default the dimension's place) when every item
    is a code of ``dimension``; None when absent or not a clean list of codes."""
    value = case.get(at or pointer(dimension))
    dim = vocabulary.dimension(dimension)
    if not isinstance(value, list) or not value or any(dim.code(v) is None for v in value):
        return None
    return value


def year(case, name: str) -> int | None:
    """``start_year`` or ``end_year`` when it is a whole number (not a boolean)."""
    value = case.get(f"/{name}")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def strings(value, parts: tuple = ()) -> Iterator[tuple[str, str, tuple]]:
    """(pointer, text, path parts) for every string value, depth first in file order."""
    if isinstance(value, str):
        yield join_pointer(parts), value, parts
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*parts, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, (*parts, i))


# A '?' between two numbers ("2013 ? 2019"): a dash lost in a copy (LAT306), not a placeholder (LAT304).
QUESTION_FOR_DASH = re.compile(r"(?<=\d)( ?)\?\1(?=\d)")


def excerpt(text: str, start: int, end: int, width: int = 18) -> str:
    """The text around ``text[start:end]``, on one line and quoted, for messages."""
    left, right = max(0, start - width), min(len(text), end + width)
    snippet = " ".join(text[left:right].split())
    return repr(("..." if left else "") + snippet + ("..." if right < len(text) else ""))


def elsewhere(case, index, table: str, key) -> str:
    """The other files of the dataset listed under ``key`` in one of the index's
    tables ('by_id', 'by_latinno_id', 'by_name'), as text; '' when there are none."""
    if index is None:
        return ""
    file = case.file.resolve() if case.file is not None else None
    paths = sorted(index.display(e) for e in index.others(getattr(index, table), key, file))
    if len(paths) > 3:
        paths = paths[:3] + [f"{len(paths) - 3} more"]
    return ", ".join(paths)


def in_dataset(case) -> bool:
    """True when the case is a file inside a dataset root (a cases/ folder or the configured root)."""
    return case.file is not None and case.root is not None and case.root in case.file.resolve().parents
