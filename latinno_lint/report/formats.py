"""Pure functions from findings to text, one per output format.

Paths are escaped here as messages are when a finding is made (finding.escape):
whatever a file is named, each finding is one line that starts with its path.
The JSON formats keep the exact path and write its controls as JSON escapes."""

from __future__ import annotations

import json
from collections import Counter

from ..finding import escape, escape_json

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..finding import Finding

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


def text(findings: Sequence[Finding], *, colour: bool = False) -> str:
    """One line per finding: ``path:line:col: CODE severity [rule] message``;
    fixable findings end with ``[*]``; a finding in a table ends with its cell, ``(F17)``."""
    out = []
    for f in findings:
        mark = (f" ({f.cell})" if f.cell else "") + (" [*]" if f.fixable else "")
        path = escape(f.path)
        if colour:
            c = _COLOURS
            out.append(f"{c['bold']}{path}:{f.line}:{f.column}:{c['reset']} {c[f.severity]}{f.code} {f.severity}{c['reset']} {c['dim']}[{f.rule}]{c['reset']} {f.message}{mark}")
        else:
            out.append(f"{path}:{f.line}:{f.column}: {f.code} {f.severity} [{f.rule}] {f.message}{mark}")
    return "".join(line + "\n" for line in out)


def summary(findings: Sequence[Finding], files: int, fixed: int = 0, *, baseline: str | None = None, left_out: int = 0) -> str:
    """``Checked 3 files: 1 error, 2 warnings.``; with ``baseline`` (a git ref,
    ``check --baseline``) it adds how many findings were left out as already there."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    fixable = sum(1 for f in findings if f.fixable)
    noun = "file" if files == 1 else "files"
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    line = f"Checked {files} {noun}: {', '.join(parts)}"
    if fixable:
        line += f", {fixable} fixable with --fix ([*])"
    if fixed:
        line += f"; fixed {fixed} file{'s' if fixed != 1 else ''}"
    if baseline is not None:
        line += f"; {left_out} finding{'s' if left_out != 1 else ''} already at {escape(baseline)} left out"
    return line + ".\n"


def as_json(findings: Sequence[Finding]) -> str:
    """A JSON list of finding objects (path, line, column, end_line, end_column,
    code, rule, severity, message, fixable, pointer)."""
    return escape_json(json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False)) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands, shown as annotations on pull requests.
    The path is escaped as in the text format, then as a property."""
    out = []
    for f in findings:
        level = "error" if f.severity == "error" else "warning"
        props = (
            f"file={_escape_property(escape(f.path))},line={f.line},col={f.column},endLine={f.end_line or f.line},endColumn={f.end_column or f.column},title={_escape_property(f'{f.code} {f.rule}')}"
        )
        out.append(f"::{level} {props}::{_escape_data(f'{f.code} [{f.rule}] {f.message}')}\n")
    return "".join(out)


def rule_counts(findings: Sequence[Finding]) -> list[dict]:
    """The findings per rule, most frequent first: ``code``, ``rule``,
    ``severity``, ``count`` and how many of them are ``fixable``."""
    counts = Counter((f.code, f.rule, f.severity) for f in findings)
    fixable = Counter((f.code, f.severity) for f in findings if f.fixable)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][2]))
    return [{"code": code, "rule": rule, "severity": severity, "count": count, "fixable": fixable[(code, severity)]} for (code, rule, severity), count in rows]


def statistics(findings: Sequence[Finding]) -> str:
    """Count of findings per rule, most frequent first."""
    out = []
    for row in rule_counts(findings):
        fix = f"  ({row['fixable']} fixable)" if row["fixable"] else ""
        out.append(f"{row['count']:6d}  {row['code']}  {row['severity']:<7}  {row['rule']}{fix}\n")
    return "".join(out)


def statistics_json(findings: Sequence[Finding]) -> str:
    """rule_counts() as a JSON list (``--statistics --format json``)."""
    return json.dumps(rule_counts(findings), indent=2) + "\n"
