"""``latinno-lint diff`` as JSON, text and Markdown.

The text and Markdown forms name each field by its title in the schema and
each code by its label beside the code itself ("Frequency: Regular →
Sporadic (regular → sporadic)"), read from the schema (vocabulary.py,
versions/outline.py). Every path, key and value is a stranger's text: the
text form escapes it (finding.escape), the Markdown form writes it as literal
text (report/markdown.cell), the JSON form as JSON (finding.escape_json).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from .. import vocabulary
from ..finding import Finding, escape, escape_json, show
from ..report import formats
from ..report.markdown import cell, findings_table, table
from ..schema import schema
from ..versions.outline import outline
from .casediff import STATUSES, CaseDiff, Change

ARROW = "→"
HEADINGS = {"changed": "Changed", "moved": "Moved or renamed", "added": "Added", "removed": "Removed"}


@dataclass
class Review:
    """What ``diff`` found: the refs compared (head None: the working tree), the
    cases that differ and the findings brought in and mended."""

    base: str
    head: str | None
    cases: list[CaseDiff]
    new: list[Finding]
    fixed: list[Finding]

    @property
    def head_name(self) -> str:
        return self.head if self.head is not None else "the working tree"


@functools.cache
def _fields() -> dict:
    return outline(schema()).fields


def _pointer(field: str) -> str:
    return "/" + field.replace(".", "/")


def title(field: str) -> str:
    """The schema's title of a field ('institutional_design.frequency' -> 'Frequency'), or its dotted name."""
    found = _fields().get(_pointer(field))
    name = found.texts.get("title") if found is not None else None
    return name if isinstance(name, str) and name else field


def _plain(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        if all(not isinstance(item, (list, dict)) for item in value):
            return "[" + ", ".join(_plain(item) for item in value) + "]"
        return f"{len(value)} entr{'y' if len(value) == 1 else 'ies'}"
    return show(value)


def _codes(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_codes(item) for item in value) + "]"
    return value if isinstance(value, str) else _plain(value)


def _labels(dimension: vocabulary.Dimension, value: object) -> str:
    def one(code: object) -> str:
        found = dimension.code(code)
        return found.label if found is not None else show(code)

    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(one(item) for item in value) + "]"
    return one(value)


def describe(change: Change) -> tuple[str, str, str, str]:
    """``(field title, old, new, codes)``: the old and new values as labels for a
    coded field (codes: 'regular → sporadic'), else as written (codes: ''); codes
    whose labels are the codes themselves are not repeated (codes: '')."""
    dimension = vocabulary.by_pointer().get(_pointer(change.field))
    if dimension is None:
        return title(change.field), _plain(change.old), _plain(change.new), ""
    old, new = _labels(dimension, change.old), _labels(dimension, change.new)
    if (old, new) == (_codes(change.old), _codes(change.new)):  # labels that are the codes (latinno.net's 'regular'): said once
        return dimension.title, old, new, ""
    return dimension.title, old, new, f"{_codes(change.old)} {ARROW} {_codes(change.new)}"


def as_json(review: Review) -> str:
    document = {
        "base": review.base,
        "head": review.head,
        "cases": [case.as_dict() for case in review.cases],
        "findings": {"new": [f.as_dict() for f in review.new], "fixed": [f.as_dict() for f in review.fixed]},
    }
    return escape_json(json.dumps(document, indent=2, ensure_ascii=False, default=str)) + "\n"


def _where(case: CaseDiff) -> str:
    if case.status == "moved":
        return f"{case.path} (was {case.old_path})"
    return str(case.path if case.path is not None else case.old_path)


def _findings(review: Review) -> str:
    return f"{len(review.new)} new finding{'s' if len(review.new) != 1 else ''}, {len(review.fixed)} fixed"


def text(review: Review) -> str:
    out = [f"Cases in {escape(review.base)} {ARROW} {escape(review.head_name)}:"]
    if not review.cases:
        out.append("  no case changed")
    for case in review.cases:
        out.append(f"  {case.status:<8} {escape(_where(case))}" + (f" [{escape(str(case.id))}]" if case.id is not None else ""))
        for change in case.changes:
            name, old, new, codes = describe(change)
            out.append(f"      {escape(name)}: {escape(old)} {ARROW} {escape(new)}" + (f" ({escape(codes)})" if codes else ""))
    for heading, found in (("New findings", review.new), ("Fixed findings", review.fixed)):
        out.append(f"{heading} ({len(found)}):")
        out += ["  " + line for line in formats.text(found).splitlines()]
    counts = {status: sum(1 for c in review.cases if c.status == status) for status in STATUSES}
    out.append(", ".join(f"{n} {status}" for status, n in counts.items()) + f"; {_findings(review)}.")
    return "\n".join(out) + "\n"


def markdown(review: Review) -> str:
    out = [f"## Cases: {cell(review.base)} {ARROW} {cell(review.head_name)}\n"]
    counts = {status: [c for c in review.cases if c.status == status] for status in ("changed", "moved", "added", "removed")}
    out.append(", ".join(f"{len(found)} {status}" for status, found in counts.items()) + f"; {_findings(review)}.\n")
    for status, found in counts.items():
        if not found:
            continue
        out.append(f"### {HEADINGS[status]} ({len(found)})\n")
        if status in ("changed", "moved"):
            rows: list[tuple[object, ...]] = []
            for case in found:
                where = _where(case)
                if not case.changes:
                    rows.append((case.id, where, "", "", ""))
                for change in case.changes:
                    name, old, new, codes = describe(change)
                    shown_old, shown_new = (old, new) if not codes else (f"{old} ({_codes(change.old)})", f"{new} ({_codes(change.new)})")
                    rows.append((case.id, where, name, shown_old, shown_new))
            out.append(table(("Case", "File", "Field", "Old", "New"), rows))
        else:
            out.append(table(("Case", "File"), [(case.id, _where(case)) for case in found]))
    for heading, findings in (("New findings", review.new), ("Fixed findings", review.fixed)):
        if findings:
            out.append(f"### {heading} ({len(findings)})\n")
            out.append(findings_table(findings))
    return "\n".join(out)
