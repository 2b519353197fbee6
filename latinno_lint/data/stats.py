"""A summary of a dataset: cases by country, by start decade and by each code
of each LATINNO dimension (with the share left uncoded), and the findings by
rule. ``summary()`` gives plain data; ``text()`` a report. Nothing here prints."""

from __future__ import annotations

from collections import Counter

from .. import vocabulary
from .codebook import walk
from .export import select

UNCODED, OTHER, UNKNOWN_DECADE = "uncoded", "other", "unknown"
UNDETERMINED = "undetermined"  # left out with a reason: cannot be determined from the sources


def code_key(value) -> str:
    """How a code is written as a key of the counts: its value as text (booleans as true and false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _get(data, pointer: str):
    for key in pointer.split("/")[1:]:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _same(a, b) -> bool:
    return a == b and type(a) is type(b)


def _tally(codes, values, settled=None) -> dict:
    """Cases per code (a list counts for each code it holds), cases uncoded,
    cases holding a value that is not a code and, with ``settled`` (one bool per
    value: the case records the dimension as undetermined), cases that leave it
    out because it cannot be determined from the sources (not counted as uncoded)."""
    counts = {code_key(c.value): 0 for c in codes}
    uncoded = other = undetermined = 0
    for i, value in enumerate(values):
        if value is None:
            if settled is not None and settled[i]:
                undetermined += 1
            else:
                uncoded += 1
            continue
        held = value if isinstance(value, list) else [value]
        known = [c for c in codes if any(_same(c.value, v) for v in held)]
        for c in known:
            counts[code_key(c.value)] += 1
        if len(known) < len(held):
            other += 1
    total = len(values)
    found = {"codes": counts, UNCODED: uncoded, "uncoded_share": round(uncoded / total, 4) if total else 0.0, OTHER: other}
    if settled is not None:
        found[UNDETERMINED] = undetermined
    return found


def _decade(year) -> str:
    if isinstance(year, int) and not isinstance(year, bool):
        return f"{year // 10 * 10}s"
    return UNKNOWN_DECADE


def summary(paths, config=None) -> dict:
    """The summary of the case files under ``paths`` (every case that parses counts)."""
    chosen = select(paths, config, include_invalid=True)
    data = [d for _path, d in chosen.cases]
    with_errors = {f.path for f in chosen.findings if f.severity == "error"}
    by_rule = Counter((f.code, f.rule, f.severity) for f in chosen.findings)
    return {
        "files": len(chosen.cases) + len(chosen.unparsed),
        "cases": len(data),
        "cases_with_errors": sum(1 for p, _d in chosen.cases if p in with_errors),
        "unreadable_files": len(chosen.unparsed),
        "unreadable_folders": len(chosen.folders),
        **counts(data),
        "findings_by_rule": [{"code": code, "rule": rule, "severity": severity, "count": n} for (code, rule, severity), n in sorted(by_rule.items())],
    }


def counts(data: list) -> dict:
    """How the cases ``data`` (case dicts) are coded: ``by_country``,
    ``by_start_decade`` and ``dimensions`` of :func:`summary` (also drawn by the site's charts)."""
    country = next(f for f in walk() if f.pointer == "/country")
    decades = Counter(_decade(d.get("start_year")) for d in data)
    return {
        "by_country": _tally(country.codes, [d.get("country") for d in data]),
        "by_start_decade": dict(sorted(decades.items(), key=lambda kv: (kv[0] == UNKNOWN_DECADE, kv[0]))),
        "dimensions": {
            dim.name: {
                "title": dim.title,
                "multiple": dim.multiple,
                **_tally(dim.codes, [_get(d, dim.pointer) for d in data], [dim.pointer.rsplit("/", 1)[-1] in vocabulary.undetermined(d) for d in data]),
            }
            for dim in vocabulary.coding_dimensions()
        },
    }


def _share(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f}%" if total else "    -"


def _rows(counts: dict, total: int, extra: dict) -> list[str]:
    items = list(counts.items()) + [(k, v) for k, v in extra.items() if v or k in (UNCODED, UNDETERMINED)]
    width = max((len(k) for k, _ in items), default=0)
    return [f"  {k:<{width}}  {v:>6}  {_share(v, total)}" for k, v in items]


def text(s: dict) -> str:
    """The summary as a plain-text report."""
    total = s["cases"]
    unreadable = s["unreadable_files"]
    head = f"{total} case{'s' if total != 1 else ''} in {s['files']} file{'s' if s['files'] != 1 else ''}: {s['cases_with_errors']} with errors"
    if unreadable:
        head += f"; {unreadable} file{'s' if unreadable != 1 else ''} could not be read as a case"
    folders = s["unreadable_folders"]
    if folders:
        head += f"; {folders} folder{'s' if folders != 1 else ''} could not be read, and {'their' if folders != 1 else 'its'} cases are not counted"
    lines = [head + ".", "", "By country (the country field; transnational cases once):"]
    c = s["by_country"]
    lines += _rows(c["codes"], total, {UNCODED: c[UNCODED], OTHER: c[OTHER]})
    lines += ["", "By start decade:"] + _rows(s["by_start_decade"], total, {})
    for name, d in s["dimensions"].items():
        kind = "multiple choice: a case counts once for each code it holds" if d["multiple"] else "single choice"
        lines += ["", f"{d['title']} ({name}; {kind}):"]
        lines += _rows(d["codes"], total, {UNDETERMINED: d[UNDETERMINED], UNCODED: d[UNCODED], OTHER: d[OTHER]})
    lines += ["", "Findings by rule:"]
    if not s["findings_by_rule"]:
        lines.append("  none")
    lines += [f"  {r['code']} {r['rule']:<34} {r['severity']:<8} {r['count']:>6}" for r in s["findings_by_rule"]]
    return "\n".join(lines) + "\n"
