"""The one result type: a finding at a place in a case file."""

from __future__ import annotations

import re
from collections import namedtuple
from functools import total_ordering

# Untrusted text (a file's name, a key or value quoted from it) stays one line
# and cannot steer a terminal or a CI log: line breaks (also NEL, U+2028/9),
# C0 and C1 controls, DEL and ESC, and the bidi controls that reorder what a
# line shows (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069) are written as
# Python escapes (\n, \x1b, \u202e). A name that is not UTF-8 keeps its bytes
# as lone surrogates (\udce9 once written). docs/security.md says where it applies.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _python_escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def escape(text: str) -> str:
    r"""``text`` with every UNPRINTABLE character written as its Python escape: what
    every output stream shows of a path, a key or a value (messages are escaped
    when a finding is made, paths when a report is written)."""
    return UNPRINTABLE.sub(_python_escape, text) if UNPRINTABLE.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    return char if char == "\n" else f"\\u{ord(char):04x}"  # json.dumps escaped the line breaks in strings


def escape_json(document: str) -> str:
    r"""JSON text (from json.dumps(..., ensure_ascii=False)) with the UNPRINTABLE
    characters written as JSON escapes (\u001b, \u202e): the same data to a JSON
    reader, nothing raw on a terminal or in a log."""
    return UNPRINTABLE.sub(_json_escape, document) if UNPRINTABLE.search(document) else document


class Hit(namedtuple("Hit", "pointer message fix has_fix key code at cause", defaults=(None, False, False, "", None, None))):
    """What a rule or the schema check yields: where (a JSON pointer) and what.

    ``fix``, when ``has_fix``, is the value that should replace the node at
    ``pointer``; the engine turns it into a text edit. ``key`` places the
    finding on the member's key rather than its value (an unknown key).
    ``code`` is set by the schema check, which produces several kinds.
    ``at``: the character offset, inside a text value, of what the finding is
    about; the engine places it there (the line and column inside a block).
    ``cause``: a rank (0 first) when the hit says what is wrong with the value
    as a whole (it is the template's placeholder; it is not of the type wanted):
    the engine leaves out the other hits, of a lower rank or none, on that
    value and inside it, which are its consequences (engine.without_consequences).
    """

    __slots__ = ()


def fixed(pointer: str, message: str, value: object) -> Hit:
    """A hit with a safe fix: replace the value at ``pointer`` with ``value``."""
    return Hit(pointer, message, value, True)


def short_number(value: int) -> str:
    """A whole number of more than 60 digits, shortened for a message:
    '1234567890...6789 (600 digits)'. Never str(value), which is slow for a long
    number and refused past 4,300 digits."""
    size = abs(value)
    digits = max(1, int(size.bit_length() * 0.3010299956639812))  # log10(2): the count, or one less
    if size >= 10**digits:
        digits += 1
    head = int.__repr__(size // 10 ** (digits - 10))
    tail = int.__repr__(size % 10**4).zfill(4)
    return f"{'-' if value < 0 else ''}{head}...{tail} ({digits:,} digits)"


def show(value: object) -> str:
    """A value as a user wrote it in YAML, for messages: text quoted and cut
    after 60 characters, a number of more than 60 digits shortened, infinity and
    NaN as YAML writes them (.inf, -.inf, .nan)."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    if isinstance(value, int) and value.bit_length() > 200:
        return short_number(value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return ".nan" if value != value else ".inf" if value > 0 else "-.inf"
    return str(value)


@total_ordering
class Finding:
    """One problem in one file, with a 1-based position. Immutable.

    Findings sort, compare and hash by path, line, column, then code. A finding
    in a table (CSV or XLSX) has its row as ``line``, its spreadsheet column
    (A = 1) as ``column``, the ``cell`` ("F17") and, in a workbook, the ``sheet``.

    (A plain class with slots, not a dataclass: a pre-commit run on one file
    is mostly start-up, and the dataclass machinery costs it about a tenth.)
    """

    __slots__ = ("path", "line", "column", "code", "rule", "severity", "message", "end_line", "end_column", "pointer", "fixable", "cell", "sheet")
    # the fields' types, for type checkers (annotations only: the slots hold the values)
    path: str  # the file as it was given (or found under a given folder)
    line: int  # 1-based (in a table: the spreadsheet row, the header being row 1)
    column: int  # 1-based, in characters (in a table: the spreadsheet column, A = 1)
    code: str  # the rule's code, ``LAT101``
    rule: str  # the rule's name, ``unknown-code``
    severity: str  # ``error`` or ``warning``, after the configuration
    message: str  # one line; what the file says is escaped
    end_line: int  # where the flagged text ends (0: at the start)
    end_column: int
    pointer: str  # the JSON pointer of the value, ``/institutional_design/selection``
    fixable: bool  # a safe fix exists (``check --fix``)
    cell: str  # in a table: the cell, ``F17``; else ""
    sheet: str  # in a workbook: the worksheet; else ""

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        code: str,
        rule: str,
        severity: str,
        message: str,
        end_line: int = 0,
        end_column: int = 0,
        pointer: str = "",
        fixable: bool = False,
        cell: str = "",
        sheet: str = "",
    ) -> None:
        init = object.__setattr__
        init(self, "path", path)
        init(self, "line", line)
        init(self, "column", column)
        init(self, "code", code)
        init(self, "rule", rule)
        init(self, "severity", severity)
        init(self, "message", message)
        init(self, "end_line", end_line)
        init(self, "end_column", end_column)
        init(self, "pointer", pointer)
        init(self, "fixable", fixable)
        init(self, "cell", cell)
        init(self, "sheet", sheet)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Finding is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Finding is immutable")

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:  # pickling, for the processes of --jobs
        return Finding, tuple(getattr(self, name) for name in self.__slots__)

    def _key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, Finding) else NotImplemented

    def __lt__(self, other: object) -> bool:  # sorting needs only this; total_ordering adds the rest
        return self._key() < other._key() if isinstance(other, Finding) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "Finding(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__) + ")"

    def as_dict(self) -> dict[str, str | int | bool]:
        """The finding as JSON holds it (``--format json``): every field, with
        ``end_line``/``end_column`` filled in from the start when not known;
        ``cell`` and ``sheet`` only for a finding in a table."""
        found: dict[str, str | int | bool] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line or self.line,
            "end_column": self.end_column or self.column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fixable": self.fixable,
            "pointer": self.pointer,
        }
        if self.cell:
            found["cell"] = self.cell
        if self.sheet:
            found["sheet"] = self.sheet
        return found
