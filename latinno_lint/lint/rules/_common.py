"""Small helpers the rules share: reading coded values safely and walking text.

Rules see the data as written, which may break the schema (the schema check
reports that). These helpers return a value only when it is a valid code, so a
rule never trips over a wrong type and never repeats a schema finding.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ... import vocabulary
from ..source import join_pointer


def named(dimension: str, value):
    """``value``, after checking at import time that the schema still has it as a
    code of ``dimension`` (a rule that names a code must not silently go dead)."""
    if vocabulary.dimension(dimension).code(value) is None:
        raise vocabulary.VocabularyError(f"names {value!r}, which the schema no longer lists as a {dimension} code")
    return value


def pointer(dimension: str) -> str:
    """Where a dimension sits in a case, e.g. '/institutional_design/selection'."""
    return _lookup(dimension)[0]


@functools.cache
def _lookup(dimension: str) -> tuple[str, frozenset]:
    """A dimension's pointer, and (type, value) of each of its codes: whether a
    value is a code in one look-up, as Dimension.code() decides it (same value,
    same type), instead of a scan of the codes on every case."""
    dim = vocabulary.dimension(dimension)
    return dim.pointer, frozenset((type(c.value), c.value) for c in dim.codes)


def _all_codes(values: list, known: frozenset) -> bool:
    try:
        return known.issuperset(zip(map(type, values), values))
    except TypeError:  # a list or mapping where a code belongs: never a code
        return False


def code(case, dimension: str):
    """The value of a single-choice dimension when it is one of its codes, else None."""
    at, known = _lookup(dimension)
    value = case.get(at)
    try:
        return value if (type(value), value) in known else None
    except TypeError:  # a list or mapping where a code belongs
        return None


def codes(case, dimension: str, at: str | None = None) -> list | None:
    """A list of codes (at ``at``, default the dimension's place) when every item
    is a code of ``dimension``; None when absent or not a clean list of codes."""
    place, known = _lookup(dimension)
    value = case.get(at or place)
    if not isinstance(value, list) or not value or not _all_codes(value, known):
        return None
    return value


def year(case, name: str) -> int | None:
    """``start_year`` or ``end_year`` when it is a whole number (not a boolean)."""
    value = case.get(f"/{name}")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def strings(value) -> list[tuple[tuple, str]]:
    """(path parts, text) for every string value, in file order; ``pointer_of(parts)``
    gives its JSON pointer. Several rules walk the same case in a row: the last
    answer is kept (do not change it)."""
    if _LAST[0] is value:
        return _LAST[1]
    found = _strings(value, (), []) if isinstance(value, (dict, list)) else [((), value)] if isinstance(value, str) else []
    _LAST[:] = [value, found]
    return found


_LAST: list = [None, []]


def _strings(value, parts: tuple, found: list) -> list:
    for key, item in value.items() if isinstance(value, dict) else enumerate(value):
        if isinstance(item, str):
            found.append(((*parts, key), item))
        elif isinstance(item, (dict, list)):
            _strings(item, (*parts, key), found)
    return found


def all_text(value) -> str:
    """Every string value in ``value``, each one between two NUL characters
    ('\0name\0description\0...\0'). A rule that looks for something rare (a '?',
    doubled spaces) tests this once per case, and walks strings() only when it
    may be there. The last answer is kept, as for strings()."""
    if _LAST_TEXT[0] is not value:
        found = _texts(value, [""]) if isinstance(value, (dict, list)) else ["", value] if isinstance(value, str) else [""]
        found.append("")
        _LAST_TEXT[:] = [value, "\0".join(found)]
    return _LAST_TEXT[1]


_LAST_TEXT: list = [None, "\0"]


def _texts(value, found: list) -> list:
    for item in value.values() if isinstance(value, dict) else value:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, (dict, list)):
            _texts(item, found)
    return found


@functools.lru_cache(maxsize=4096)
def pointer_of(parts: tuple) -> str:
    """The JSON pointer of path parts; cases repeat the same paths: ('sources', 0, 'url')."""
    return join_pointer(parts)


_QUESTIONS = re.compile(r"\?+")
_OPENERS = "([{\"'«“¿"


def question_marks(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) for each run of '?' in ``text``. Kinds: 'in-word' between
    two letters (community?s: a lost apostrophe or accent), 'dash' alone between
    two numbers (2013 ? 2019: a lost dash), 'lone' not attached to a word on its
    left (a placeholder: '?', '(?)', 'in ? by'), and 'prose' (ends a word: a question)."""
    if "?" not in text:
        return
    for m in _QUESTIONS.finditer(text):
        start, end = m.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before.isalpha() and after.isalpha():
            kind = "in-word"
        elif end - start == 1 and _between_numbers(text, start):
            kind = "dash"
        elif not before or before.isspace() or before in _OPENERS:
            kind = "lone"
        else:
            kind = "prose"
        yield start, end, kind


def _between_numbers(text: str, at: int) -> bool:
    for gap in (0, 1):
        left, right = at - 1 - gap, at + 1 + gap
        if left >= 0 and right < len(text) and text[left].isdigit() and text[right].isdigit():
            if not gap or (text[at - 1] == " " and text[at + 1] == " "):
                return True
    return False


def excerpt(text: str, start: int, end: int, width: int = 18) -> str:
    """The text around ``text[start:end]``, on one line and quoted, for messages."""
    left, right = max(0, start - width), min(len(text), end + width)
    snippet = " ".join(text[left:right].split())
    return repr(("..." if left else "") + snippet + ("..." if right < len(text) else ""))


def elsewhere(case, index, table: str, key) -> str:
    """The other files of the dataset listed under ``key`` in one of the index's
    tables ('by_id', 'by_latinno_id', 'by_name'), as text; '' when there are none."""
    if index is None or key not in getattr(index, table):
        return ""
    others = index.others(getattr(index, table), key, case.resolved)
    if not others:
        return ""
    paths = sorted(index.display(e) for e in others)
    if len(paths) > 3:
        paths = paths[:3] + [f"{len(paths) - 3} more"]
    return ", ".join(paths)


def in_dataset(case) -> bool:
    """True when the case is a file inside a dataset root (a cases/ folder or the configured root)."""
    return case.file is not None and case.root is not None and _under(case.root, case.resolved.parent)


@functools.lru_cache(maxsize=1024)
def _under(root, folder) -> bool:
    """``root`` is ``folder`` or one of its parents; asked once per folder, not per file."""
    return folder == root or root in folder.parents
