"""The one result type: a finding at a place in a case file."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Hit(NamedTuple):
    """What a rule or the schema check yields: where (a JSON pointer) and what.

    ``fix``, when ``has_fix``, is the value that should replace the node at
    ``pointer``; the engine turns it into a text edit. ``key`` places the
    finding on the member's key rather than its value (an unknown key).
    ``code`` is set by the schema check, which produces several kinds.
    """

    pointer: str
    message: str
    fix: Any = None
    has_fix: bool = False
    key: bool = False
    code: str = ""


def fixed(pointer: str, message: str, value: Any) -> Hit:
    """A hit with a safe fix: replace the value at ``pointer`` with ``value``."""
    return Hit(pointer, message, value, True)


def show(value: Any) -> str:
    """A value as a user wrote it in YAML, for messages."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return str(value)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file, with a 1-based position.

    Findings sort by path, line, column, then code.
    """

    path: str
    line: int
    column: int
    code: str
    rule: str = field(compare=False)
    severity: str = field(compare=False)
    message: str = field(compare=False)
    end_line: int = field(default=0, compare=False)
    end_column: int = field(default=0, compare=False)
    pointer: str = field(default="", compare=False)
    fixable: bool = field(default=False, compare=False)

    def as_dict(self) -> dict:
        return {
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
