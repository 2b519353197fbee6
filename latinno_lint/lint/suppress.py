"""Suppression comments: ``# latinno-lint: ignore[LAT201, LAT302] reason``.

A comment at the end of a line applies to findings on that line; a comment on
a line of its own applies to the next line that holds YAML. Codes must match
exactly and a reason is required. A '#' inside a quoted or block scalar is
part of the text, not a comment. Unused and malformed suppressions (including
``# latinno-lint ignore[...]`` without the colon) are reported (LAT900,
LAT901) by the engine.
"""

from __future__ import annotations

import bisect
import re
from collections import namedtuple

import yaml

from .source import BREAKS

# a '#' that starts a comment: at the start of the text or after white space
_MARK = re.compile(r"(?<!\S)#[ \t]*latinno-lint\b(?P<colon>[ \t]*:)?(?P<body>[^\r\n\x85\u2028\u2029]*)")
_IGNORE = re.compile(r"^\s*ignore\[(?P<codes>[^\]]*)\](?P<reason>.*)$")
_CODE = re.compile(r"^LAT\d{3}$")
_COMMENT = re.compile(r"(?<!\S)#")
_QUOTED_OR_BLOCK = ("'", '"', "|", ">")


class Suppression:
    """One suppression comment: where it is (1-based), the line it applies to,
    its codes, and the codes it was used for."""

    __slots__ = ("line", "column", "target", "codes", "used")

    def __init__(self, line: int, column: int, target: int, codes: tuple):
        self.line, self.column, self.target, self.codes = line, column, target, codes
        self.used: set = set()


class Parsed(namedtuple("Parsed", "suppressions invalid")):
    """The suppressions of a file, and its invalid ones as (line, column, message)."""

    __slots__ = ()


def parse(text: str, known_codes, root=None) -> Parsed:
    """Suppressions in ``text``. ``root`` is the YAML node tree when the file
    parsed: a '#' inside a quoted or block scalar is text, not a comment."""
    found: list[Suppression] = []
    invalid: list[tuple[int, int, str]] = []
    if "latinno-lint" not in text:
        return Parsed(found, invalid)
    starts = [0] + [m.end() for m in BREAKS.finditer(text)]
    inside = _scalar_spans(root, text)
    next_content = None
    for match in _MARK.finditer(text):
        at = match.start()
        if _within(inside, at):
            continue
        body = match.group("body")
        if not match.group("colon") and not body.strip().startswith("ignore"):
            continue  # a comment that merely mentions latinno-lint
        number = bisect.bisect_right(starts, at)
        line_start = starts[number - 1]
        column = at - line_start + 1
        ignore = _IGNORE.match(body) if match.group("colon") else None
        if not ignore:
            invalid.append((number, column, f"malformed suppression {match.group(0)[1:].strip()!r}; write '# latinno-lint: ignore[LAT123] reason'"))
            continue
        written = [c.strip() for c in ignore.group("codes").split(",") if c.strip()]
        codes = tuple(c.upper() for c in written)  # lat201 counts as LAT201, as in the configuration
        reason = ignore.group("reason").strip()
        bad = [w for w, c in zip(written, codes) if not _CODE.match(c) or c not in known_codes]
        if not codes or bad:
            what = ", ".join(bad) if bad else "nothing"
            invalid.append((number, column, f"suppression names {what}; give rule codes such as LAT201 (see 'latinno-lint rules')"))
            continue
        if not reason:
            invalid.append((number, column, f"suppression of {', '.join(codes)} gives no reason; say why the finding is accepted after the ']'"))
            continue
        target = number
        if not text[line_start:at].strip():
            next_content = next_content or _next_content_lines(text, starts)
            target = next_content[number - 1] or number
        found.append(Suppression(number, column, target, codes))
    return Parsed(found, invalid)


def comment_positions(text: str, node, start: int, end: int) -> list:
    """Where comments start in ``text[start:end]``, the text of ``node`` (a '#'
    after white space that is not inside one of its quoted or block scalars)."""
    inside = _scalar_spans(node)
    return [m.start() for m in _COMMENT.finditer(text, start, end) if not _within(inside, m.start())]


def _within(spans: list, at: int) -> bool:
    """Whether ``at`` is strictly inside one of ``spans`` (sorted, never overlapping)."""
    index = bisect.bisect_left(spans, (at,)) - 1
    return index >= 0 and spans[index][0] < at < spans[index][1]


def _scalar_spans(root, text: str = "") -> list:
    """(start, end) character offsets of the quoted and block scalars under
    ``root``, sorted; a block's span starts after its header line ('>-  # ...'
    holds a comment), when ``text`` is given."""
    spans, stack = [], [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.style in _QUOTED_OR_BLOCK:
                start = node.start_mark.index
                if node.style in ("|", ">") and text:
                    header_end = BREAKS.search(text, start)
                    start = header_end.start() if header_end else start
                spans.append((start, node.end_mark.index))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return sorted(spans)


def _next_content_lines(text: str, starts: list) -> list:
    """For each line (0-based), the number of the first later line that holds YAML
    (not blank, not only a comment), or 0; one pass, however many suppressions."""
    result, following = [0] * len(starts), 0
    for index in range(len(starts) - 1, -1, -1):
        result[index] = following
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        stripped = text[starts[index] : end].strip()
        if stripped and not stripped.startswith("#"):
            following = index + 1
    return result


def applies(suppressions, line: int, code: str) -> bool:
    """True (and the suppression is marked used) when a suppression covers ``code`` at ``line``."""
    for s in suppressions:
        if s.target == line and code in s.codes:
            s.used.add(code)
            return True
    return False


def applies_any(suppressions, lines, code: str) -> bool:
    """applies() for a finding a suppression may cover from any of ``lines``."""
    return any(applies(suppressions, line, code) for line in lines)
