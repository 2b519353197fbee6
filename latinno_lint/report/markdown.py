"""Findings as Markdown, for a pull-request comment or a GitHub job summary
(``$GITHUB_STEP_SUMMARY``): a summary by rule and severity, then the findings
as a table.

What a file is named and what it says come from strangers, and Markdown
would render them: a ``|`` ends a table cell, a backtick opens code, ``<`` and
``&`` are HTML, ``@name`` and ``#12`` ping people and link issues, a bracket
makes a link. `cell` writes any text as one table cell of literal text: the
unprintable characters escaped as everywhere (finding.escape, so a line break
is the two characters ``\\n``), then every ASCII punctuation mark
backslash-escaped, which CommonMark and GitHub show as the mark itself.
"""

from __future__ import annotations

import re
from collections import Counter

from ..finding import escape

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..finding import Finding

MAX_ROWS = 500  # a job summary holds at most 1 MiB; the rest is counted, not listed
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def cell(text: object) -> str:
    """``text`` as literal Markdown for a table cell (and any inline place)."""
    return _PUNCTUATION.sub(r"\\\1", escape(str(text)))


def table(header: Sequence[str], rows: Sequence[Sequence[object]], limit: int = MAX_ROWS) -> str:
    """A GitHub table of ``rows``, every value escaped with `cell`; past ``limit``
    rows, a line says how many more there are."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell("" if value is None else value) for value in row) + " |" for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"\n… and {len(rows) - limit:,} more, not listed here.")
    return "\n".join(lines) + "\n"


def findings_table(findings: Sequence[Finding]) -> str:
    """The findings, one row each: file and line, rule, severity, message."""
    rows = [(f"{f.path}:{f.line}:{f.column}", f"{f.code} {f.rule}", f.severity, f.message) for f in findings]
    return table(("File", "Rule", "Severity", "Message"), rows)


def report(findings: Sequence[Finding], summary: str, title: str = "latinno-lint") -> str:
    """``check --format markdown``: a heading, the ``summary`` line (from
    formats.summary), the count of findings by rule and severity, and the findings."""
    out = [f"## {cell(title)}\n", cell(summary.strip()) + "\n"]
    if findings:
        counts = Counter((f.code, f.rule, f.severity) for f in findings)
        rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out.append(table(("Rule", "Name", "Severity", "Findings"), [(code, rule, severity, count) for (code, rule, severity), count in rows]))
        out.append(findings_table(findings))
    return "\n".join(out)
