"""Suppression comments: ``# latinno-lint: ignore[LAT201, LAT302] reason``.

A comment at the end of a line applies to findings on that line; a comment on
a line of its own applies to the next line that holds YAML. Codes must match
exactly and a reason is required. Unused and malformed suppressions are
reported (LAT900, LAT901) by the engine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .source import lines

_MARK = re.compile(r"(?:^|\s)#\s*latinno-lint\s*:(?P<body>.*)$")
_IGNORE = re.compile(r"^\s*ignore\[(?P<codes>[^\]]*)\](?P<reason>.*)$")
_CODE = re.compile(r"^LAT\d{3}$")


@dataclass
class Suppression:
    line: int  # 1-based line of the comment
    column: int
    target: int  # the line it applies to
    codes: tuple
    used: set = field(default_factory=set)


@dataclass
class Parsed:
    suppressions: list
    invalid: list  # (line, column, message)


def parse(text: str, known_codes) -> Parsed:
    found, invalid = [], []
    all_lines = lines(text)
    for number, line in enumerate(all_lines, start=1):
        if "latinno-lint" not in line:
            continue
        match = _MARK.search(line)
        if not match:
            continue
        column = match.start() + (1 if match.group(0)[0] != "#" else 0) + 1
        body = match.group("body")
        ignore = _IGNORE.match(body)
        if not ignore:
            invalid.append((number, column, f"malformed suppression {body.strip()!r}; write '# latinno-lint: ignore[LAT123] reason'"))
            continue
        codes = tuple(c.strip() for c in ignore.group("codes").split(",") if c.strip())
        reason = ignore.group("reason").strip()
        bad = [c for c in codes if not _CODE.match(c) or c not in known_codes]
        if not codes or bad:
            what = ", ".join(bad) if bad else "nothing"
            invalid.append((number, column, f"suppression names {what}; give rule codes such as LAT201 (see 'latinno-lint rules')"))
            continue
        if not reason:
            invalid.append((number, column, f"suppression of {', '.join(codes)} gives no reason; say why the finding is accepted after the ']'"))
            continue
        target = number
        if not line[: match.start()].strip():
            target = _next_content_line(all_lines, number)
        found.append(Suppression(number, column, target, codes))
    return Parsed(found, invalid)


def _next_content_line(all_lines, number: int) -> int:
    for later in range(number, len(all_lines)):
        stripped = all_lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return number


def applies(suppressions, line: int, code: str) -> bool:
    """True (and the suppression is marked used) when a suppression covers ``code`` at ``line``."""
    for s in suppressions:
        if s.target == line and code in s.codes:
            s.used.add(code)
            return True
    return False
