"""Agreement of codings: alpha per field and every disagreement, as data and text.

`measure` matches the cases of the codings by ``id`` and computes, for every
field of codings.fields(), Krippendorff's alpha (alpha.py): nominal for a
single code (``country`` included), interval for a year, MASI for a set of
codes plus a nominal alpha per code of the set (present or absent; a coding
that left the set out or named it under ``undetermined`` is missing there,
not absent). A *disagreement* is a case and field for which two codings that
both coded it wrote different values; a missing value is never one.

`as_json` and `text` give the report to the command line, which prints it;
everything read from the files is escaped there (finding.escape, escape_json).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..finding import escape
from . import alpha as kalpha
from .codings import Coding, Field, fields

GOOD = 0.800  # Krippendorff (2004, 2011): rely on variables with alpha >= .800
TENTATIVE = 0.667  # ... and draw tentative conclusions only down to .667

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Hashable


@dataclass(frozen=True)
class Measure:
    """The alpha of one entry of the report: a field, or (``code`` set) the
    presence of one code of a set-valued field."""

    name: str
    field: Field
    code: object
    result: kalpha.Result


@dataclass(frozen=True)
class Disagreement:
    """A case and field that codings coded differently: each coding's value,
    and where it is written (coding, path, line)."""

    id: str
    field: Field
    values: dict
    locations: list


@dataclass(frozen=True)
class Report:
    codings: list[str]
    cases: dict[str, int]  # coding -> its number of cases
    units: int  # cases in two codings or more
    measures: list[Measure]
    disagreements: list[Disagreement]
    draws: int
    seed: int


def measure(codings: list[Coding], draws: int = kalpha.DRAWS, seed: int = kalpha.SEED) -> Report:
    """The agreement of ``codings`` (two or more) on the cases they share."""
    ids = sorted({case_id for coding in codings for case_id in coding.cases})
    shared = [case_id for case_id in ids if sum(case_id in coding.cases for coding in codings) >= 2]
    measures: list[Measure] = []
    disagreements: list[Disagreement] = []
    for measured in fields():
        # per shared case: (coding, case, value) of the codings that coded it
        coded = []
        for case_id in shared:
            present = [(coding.name, coding.cases[case_id]) for coding in codings if case_id in coding.cases]
            coded.append((case_id, [(name, case, value) for name, case in present if (value := case.value(measured)) is not None]))
        units = [[value for _name, _case, value in values] for _id, values in coded]
        measures.append(Measure(measured.name, measured, None, kalpha.alpha(units, measured.metric, draws=draws, seed=seed, show=lambda v, f=measured: shown(v, f))))
        if measured.multiple:
            for code in measured.codes:
                present_units = [[code in value for value in unit if isinstance(value, frozenset)] for unit in units]
                result = kalpha.alpha(present_units, "nominal", draws=draws, seed=seed, show=lambda v: "present" if v else "absent")
                measures.append(Measure(f"{measured.name}.{code}", measured, code, result))
        for case_id, values in coded:
            if len(values) >= 2 and len({value for _name, _case, value in values}) > 1:
                disagreements.append(
                    Disagreement(
                        case_id,
                        measured,
                        {name: value for name, _case, value in values},
                        [(name, case.path, case.line(measured)) for name, case, _value in values],
                    )
                )
    disagreements.sort(key=lambda d: d.id)  # by case, each case's fields in schema order (a stable sort)
    return Report([c.name for c in codings], {c.name: len(c.cases) for c in codings}, len(shared), measures, disagreements, draws, seed)


def ordered(values, measured: Field) -> list:
    """The codes of a set in the schema's order, any other value after them."""
    known = [code for code in measured.codes if code in values]
    return known + sorted((v for v in values if v not in measured.codes), key=repr)


def plain(value: Hashable, measured: Field):
    """A value as JSON holds it (a set as its list of codes)."""
    return ordered(value, measured) if isinstance(value, frozenset) else value


def shown(value: Hashable, measured: Field) -> str:
    """A value as the text report writes it (as YAML would), escaped."""
    if isinstance(value, frozenset):
        return "[" + ", ".join(shown(v, measured) for v in ordered(value, measured)) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def as_json(report: Report) -> dict:
    """The report as the JSON document of `agreement --format json` (docs/agreement.md)."""
    dimensions = {}
    for m in report.measures:
        r = m.result
        dimensions[m.name] = {
            "alpha": r.alpha,
            "metric": r.metric,
            "units": r.units,
            "pairable_values": r.pairable,
            "observed_agreement": r.observed_agreement,
            "observed_disagreement": r.observed_disagreement,
            "expected_disagreement": r.expected_disagreement,
            "interval": list(r.interval) if r.interval else None,
            "reason": r.reason,
        }
    return {
        "codings": report.codings,
        "cases": report.cases,
        "units": report.units,
        "bootstrap": {"draws": report.draws, "seed": report.seed, "level": kalpha.LEVEL},
        "dimensions": dimensions,
        "disagreements": [
            {
                "id": d.id,
                "field": d.field.name,
                "values": {name: plain(value, d.field) for name, value in d.values.items()},
                "locations": [{"coding": name, "path": path, "line": line} for name, path, line in d.locations],
            }
            for d in report.disagreements
        ],
    }


def mark(value: float | None) -> str:
    """'**' below TENTATIVE, '*' below GOOD, '' otherwise (and for no alpha)."""
    if value is None or value >= GOOD:
        return ""
    return "**" if value < TENTATIVE else "*"


def text(report: Report, verbose: bool = False) -> str:
    """The report as text: the table of fields, then every disagreement at
    file:line for each coding; with ``verbose``, the coincidence table of each
    single-code field."""
    names = ", ".join(escape(name) for name in report.codings)
    lines = [
        f"Krippendorff's alpha of {len(report.codings)} codings ({names}) on the {report.units} cases they share",
        f"95% interval: bootstrap of {report.draws} resamples (seed {report.seed}); * alpha below {GOOD:.3f}, ** below {TENTATIVE:.3f}",
    ]
    lines.append("cases: " + ", ".join(f"{escape(name)} {count}" for name, count in report.cases.items()) + " (a case that a coding lacks is missing there, not a disagreement)")
    lines.append("")
    width = max(len("field"), *(len(m.name) for m in report.measures))
    lines.append(f"{'field':<{width}}  {'metric':<8}  {'alpha':>6}     {'95% interval':<16}  {'units':>5}  {'values':>6}  {'agreement':>9}")
    for m in report.measures:
        r = m.result
        if r.alpha is None:
            lines.append(f"{m.name:<{width}}  {r.metric:<8}  {'-':>6}     {escape(r.reason or '')}")
            continue
        bounds = f"[{r.interval[0]:.3f}, {r.interval[1]:.3f}]" if r.interval else ""
        agreement = f"{100 * r.observed_agreement:.1f}%" if r.observed_agreement is not None else ""
        lines.append(f"{m.name:<{width}}  {r.metric:<8}  {r.alpha:>6.3f} {mark(r.alpha):<2}  {bounds:<16}  {r.units:>5}  {r.pairable:>6}  {agreement:>9}")
    if verbose:
        for m in report.measures:
            if m.code is None and m.field.metric == "nominal" and not m.field.multiple and m.result.coincidences:
                lines += ["", *coincidence_table(m)]
    lines.append("")
    if not report.disagreements:
        lines.append("No disagreements: the codings agree on every value they both coded.")
    else:
        lines.append(f"{len(report.disagreements)} disagreement{'s' if len(report.disagreements) != 1 else ''} (a value that a coding lacks is none):")
        for d in report.disagreements:
            lines.append(f"{escape(d.id)}: {d.field.name}")
            for (name, path, line), value in zip(d.locations, d.values.values()):
                lines.append(f"  {escape(path)}:{line}: {shown(value, d.field)}  ({escape(name)})")
    return "\n".join(lines) + "\n"


def coincidence_table(m: Measure) -> list[str]:
    """The coincidence matrix of a single-code field as a table: o[c, k], the
    pairs of values two codings gave the same case (each case's pairs weighted
    1/(m-1), so that each case counts as many times as it has values)."""
    matrix = m.result.coincidences
    values = ordered({c for c, _k in matrix}, m.field)
    labels = [shown(v, m.field) for v in values]
    width = max(len(label) for label in labels)
    cells = [[_cell(matrix.get((c, k), Fraction(0))) for k in values] for c in values]
    column = max(width, *(len(cell) for row in cells for cell in row))
    lines = [f"Coincidences of {m.name} (o[c,k]; each case's pairs of values weighted 1/(m-1)):", " " * width + "".join(f"  {label:>{column}}" for label in labels)]
    for label, row in zip(labels, cells):
        lines.append(f"{label:<{width}}" + "".join(f"  {cell:>{column}}" for cell in row))
    return lines


def _cell(count: Fraction) -> str:
    return str(count.numerator) if count.denominator == 1 else f"{float(count):.2f}"
