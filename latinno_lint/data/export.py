"""Case files to tables: CSV, JSON Lines and JSON, plus a Frictionless data
package descriptor for the CSV.

The CSV's columns come from the schema (``codebook.fields()``), in its order;
the cases come from the linter, so that by default only cases without errors
are exported. Nothing here prints: the command in ``cli/export_cmd.py`` does.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import json
import math
import re
from dataclasses import dataclass, field

from ..lint.source import parse_bytes
from ..schema import format_version, schema_id
from ..version import __version__
from ..vocabulary import Code
from .citation import citation, sources
from .codebook import Field, fields

SEPARATOR = ";"  # joins the items of a list in one CSV cell
YES, NO = "1", "0"  # co_governance and the indicator columns
# A CSV cell that starts with one of these is a formula to Excel, LibreOffice
# and Google Sheets (=HYPERLINK(...) in a description from a pull request).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"  # put before such a cell (and before one that starts with itself)
GUARD_NOTE = (  # for readers of the CSV: the data package's resource description
    "A cell of a string column that starts with =, +, -, @, a tab, a carriage return or ' is written with one ' "
    "before it, so that a spreadsheet shows it as text instead of running it as a formula: "
    "remove the first ' of a string cell that starts with ' to get the value."
)


@dataclass(frozen=True)
class Column:
    """One CSV column: where its value sits in a case and how it is written."""

    name: str
    kind: str  # value, code, indicator, joined or path
    keys: tuple = ()  # the keys leading to the value in a case
    field: Field | None = None  # the field (for a list of objects: the item's field)
    parent: Field | None = None  # the list or dimension the column is part of
    code: Code | None = None  # for an indicator: the code it stands for

    @property
    def text(self) -> bool:
        """Whether the column's cells can hold text: all but the integer and
        indicator columns, whose cells are numbers (or empty)."""
        if self.kind == "indicator":
            return False
        return not (self.kind == "value" and self.field is not None and self.field.type == "integer")


def columns() -> list[Column]:
    """The CSV columns, in schema order, then ``path``."""
    return list(_columns())


@functools.lru_cache(maxsize=1)  # the schema does not change during a run
def _columns() -> tuple:
    found: list[Column] = []

    def add(f: Field, keys: tuple) -> None:
        name = f.name
        if f.type == "object" and f.csv_prefix:  # sub-fields named after the field they are about
            found.extend(Column(f.csv_prefix + child.name, "value", keys + (child.name,), child, f) for child in f.children)
        elif f.type == "object":
            for child in f.children:
                add(child, keys + (child.name,))
        elif f.multiple:
            found.extend(Column(f"{name}_{c.value}", "indicator", keys, f, f, c) for c in f.codes)
        elif f.type == "array" and f.children:
            found.extend(Column(f"{name}_{c.name}", "joined", keys, c, f) for c in f.children)
        elif f.type == "array":
            found.append(Column(name, "joined", keys, f, f))
        else:
            found.append(Column(name, "code" if f.coded else "value", keys, f))

    for f in fields():
        add(f, (f.name,))
    found.append(Column("path", "path"))
    names = [c.name for c in found]
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:  # a schema change made two fields flatten to one name
        raise ValueError(f"the schema gives two CSV columns the same name: {', '.join(clashes)}")
    return tuple(found)


# Cells ---------------------------------------------------------------------


def _get(data, keys):
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _code(f: Field, value):
    for code in f.codes:
        if code.value == value and type(code.value) is type(value):
            return code
    return None


def _show(f: Field, value, labels: bool, lang: str) -> str:
    if value is None:
        return ""
    code = _code(f, value) if f.coded else None
    if code is not None:
        if labels:
            return code.label_in(lang)
        if isinstance(value, bool):
            return YES if value else NO
        return str(value)
    if f.coded or not _fits(f, value):
        return ""  # an unknown code, a year that is text: in no column (jsonl and json keep them)
    value = plain(value)  # below this line only for values the schema does not allow
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fits(f: Field, value) -> bool:
    """Whether a value of a field that has no codes fits the column's type and
    bounds in datapackage.json (an invalid case exported anyway may not)."""
    if f.type != "integer":
        return True
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    bounds = dict(f.constraints)
    return bounds.get("minimum", value) <= value <= bounds.get("maximum", value)


def cell(column: Column, data: dict, path: str, labels: bool = False, lang: str = "en") -> str:
    """The text of one CSV cell; empty when the case leaves the value out."""
    if column.kind == "path":
        return path
    value = _get(data, column.keys)
    if value is None:
        return ""
    f = column.field
    assert f is not None  # every column but path's has its field
    if column.kind == "indicator":
        assert column.code is not None
        return (YES if column.code.value in value else NO) if isinstance(value, list) else ""
    if column.kind == "joined" and isinstance(value, list):
        if column.parent is not None and column.parent.children:
            value = [item.get(f.name) if isinstance(item, dict) else None for item in value]
        return SEPARATOR.join(_show(f, item, labels, lang) for item in value)
    return _show(f, value, labels, lang)


def csv_cell(column: Column, data: dict, path: str, labels: bool = False, lang: str = "en") -> str:
    """The text of a cell in the CSV: ``cell``, ``guarded`` in a text column."""
    text = cell(column, data, path, labels, lang)
    return guarded(text) if column.text else text


def guarded(text: str) -> str:
    """A text cell as a CSV holds it: with TEXT_MARK before it when it starts with
    a formula character or with TEXT_MARK itself, so that a spreadsheet shows
    it as text and ``unguarded`` gives back exactly ``text``."""
    return TEXT_MARK + text if text.startswith((*FORMULA_STARTS, TEXT_MARK)) else text


def unguarded(text: str) -> str:
    """The value of a CSV text cell written by ``guarded``: without its first TEXT_MARK."""
    return text[len(TEXT_MARK) :] if text.startswith(TEXT_MARK) else text


def code_text(f: Field, value, labels: bool = False, lang: str = "en") -> str:
    """A code of a field as its cell shows it: the code (1/0 for true/false), or its label."""
    return _show(f, value, labels, lang)


def unjoinable(path: str, data: dict) -> list:
    """(column name, message) for each list item that holds the separator ';': a
    table cannot hold it, since the items of a list are joined with ';' there."""
    found = []
    for column in columns():
        if column.kind != "joined" or column.field is None or column.parent is None:
            continue
        value = _get(data, column.keys)
        if not isinstance(value, list):
            continue
        for item in value:
            if column.parent.children:
                item = item.get(column.field.name) if isinstance(item, dict) else None
            if isinstance(item, str) and SEPARATOR in item:
                found.append((column.name, f"the item {item[:60]!r} holds '{SEPARATOR}', which joins the items of a list in a table cell"))
    return found


def plain(value):
    """A value as JSON can hold it: dates as ISO text, NaN and infinities as text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def record(path: str, data: dict) -> dict:
    """A case as exported to JSON: the file path first, then the case's own keys."""
    return {"path": path, **plain(data)}


# Formats -------------------------------------------------------------------


def to_csv(cases, labels: bool = False, lang: str = "en") -> str:
    """RFC 4180 CSV: a header row, then one row per (path, data) case. Text
    cells that a spreadsheet would read as a formula are ``guarded``."""
    cols = columns()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(c.name for c in cols)
    for path, data in cases:
        writer.writerow(csv_cell(c, data, path, labels, lang) for c in cols)
    return buffer.getvalue()


def to_jsonl(cases) -> str:
    return "".join(json.dumps(record(p, d), ensure_ascii=False) + "\n" for p, d in cases)


def to_json(cases) -> str:
    return json.dumps([record(p, d) for p, d in cases], ensure_ascii=False, indent=2) + "\n"


FORMATS = {"csv": to_csv, "jsonl": to_jsonl, "json": to_json}


# The data package descriptor -----------------------------------------------


def deprecation(code) -> str:
    """'deprecated, replaced by X' (or 'deprecated, no replacement') for a deprecated code, else ''."""
    if not code.deprecated:
        return ""
    return f"deprecated, replaced by {code.replaced_by}" if code.replaced_by is not None else "deprecated, no replacement"


def _codes_text(f: Field, labels: bool, lang: str) -> str:
    shown = []
    for c in f.codes:
        value = c.label_in(lang) if labels else _show(f, c.value, False, lang)
        name = f"{value} ({c.value})" if labels else f"{value} ({c.label_in(lang)})"
        if c.deprecated:
            name += f" [{deprecation(c)}]"
        shown.append(f"{name}: {c.definition.rstrip('.')}" if c.definition else name)
    return "; ".join(shown).rstrip(".") + "."


def describe(column: Column, labels: bool = False, lang: str = "en", include_invalid: bool = False) -> dict:
    """The Frictionless field descriptor of a column: name, title, type, description, constraints."""
    f, parent = column.field, column.parent
    if column.kind == "path" or f is None:  # (only the path column has no field)
        return {"name": "path", "title": "Case file", "type": "string", "description": "The case file this row comes from.", "constraints": {"required": True}}
    if column.kind == "indicator":
        dim, code = parent, column.code
        assert dim is not None and code is not None  # an indicator column stands for a code of a dimension
        note = f" ({deprecation(code)})" if code.deprecated else ""
        return {
            "name": column.name,
            "title": f"{dim.title_in(lang)}: {code.label_in(lang)}{' (deprecated)' if code.deprecated else ''}",
            "type": "boolean",
            "trueValues": [YES],
            "falseValues": [NO],
            "description": f"{YES} when {dim.name} includes {code.value}{note} ({code.label_in(lang)}: {code.definition}); {NO} when it does not; empty when {dim.name} is not coded. {dim.definition}",
        }
    title = f.title_in(lang)
    description = f.definition
    if column.kind == "value" and parent is not None:  # undetermined_means: the reason for means
        title = f"{parent.title_in(lang)}: {f.name}"
        description = f"{parent.definition} {f.definition} Empty when {f.name} is coded or not yet coded."
    if column.kind == "joined" and parent is not None:
        title = f"{parent.title_in(lang)}: {title}" if parent is not f else title
        aligned = f", aligned with the other {parent.name}_ columns" if parent is not f else ""
        description += f" The items of the list joined with '{SEPARATOR}' in their order{aligned}."
    out: dict = {"name": column.name, "title": title, "type": "string", "description": description.strip()}  # JSON
    constraints: dict = {}
    if column.kind == "value":
        out["type"] = f.type if f.type in ("string", "integer") else "any"
        constraints.update({k: v for k, v in f.constraints if k in ("minimum", "maximum")})
    elif column.kind == "code":
        out["description"] += f" Codes: {_codes_text(f, labels, lang)}"
        if f.type == "boolean" and not labels:
            out.update(type="boolean", trueValues=[YES], falseValues=[NO])
        else:
            constraints["enum"] = [_show(f, c.value, labels, lang) for c in f.codes]
    elif f.coded:
        out["description"] += f" Codes: {_codes_text(f, labels, lang)}"
    if f.required and column.kind in ("value", "code") and len(column.keys) == 1:
        if include_invalid:  # an invalid case may lack it, or hold an unknown code, written as an empty cell
            out["description"] += " Required in a valid case; empty in a case exported with --include-invalid that lacks it."
        else:
            constraints["required"] = True
    if constraints:
        out["constraints"] = constraints
    return out


def resource_name(csv_name: str) -> str:
    stem = csv_name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    return re.sub(r"[^a-z0-9._-]+", "-", stem).strip("-.") or "cases"


def datapackage(csv_name: str, labels: bool = False, lang: str = "en", include_invalid: bool = False) -> dict:
    """A Frictionless (tabular) data package descriptor for a CSV written by
    ``to_csv`` with the same ``labels`` and ``lang``, named ``csv_name`` (a path
    relative to the descriptor). ``include_invalid``: the CSV may hold cases
    with errors, so no column but ``path`` is required."""
    return {
        "profile": "tabular-data-package",
        "name": "latinno-cases",
        "title": "LATINNO democratic innovations",
        "description": (
            f"Cases exported by latinno-lint {__version__} from case files in format {format_version()} "
            f"(schema {schema_id()}), {'with labels in ' + lang if labels else 'with codes'}. "
            "Empty cells are values the case leaves out."
        ),
        "sources": sources(),  # the data the case files come from: the LATINNO dataset
        "citation": citation(),  # how to cite: CITATION.cff's content (Citation File Format 1.2.0)
        "resources": [
            {
                "name": resource_name(csv_name),
                "description": GUARD_NOTE,
                "path": csv_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [describe(c, labels, lang, include_invalid) for c in columns()], "missingValues": [""]},
            }
        ],
    }


# Which cases -----------------------------------------------------------------


@dataclass
class Selection:
    """The cases to export and the ones left out, each with its first error."""

    cases: list = field(default_factory=list)  # (path, data)
    left_out: list = field(default_factory=list)  # (path, Finding): cases with errors
    unparsed: list = field(default_factory=list)  # (path, Finding or None): no case data to export
    folders: list = field(default_factory=list)  # (path, Finding): folders that could not be read; their cases are not here
    findings: list = field(default_factory=list)  # every finding of the run
    lossy: list = field(default_factory=list)  # (path, message): cases a workbook cannot hold, left out
    warnings: list = field(default_factory=list)  # (path, message): values a table holds but cannot give back


def _data(path: str):
    """The case data of a file, parsed the way the linter parsed it, or None."""
    try:
        with open(path, "rb") as handle:
            doc = parse_bytes(handle.read())
    except OSError:
        return None
    return doc.data if doc.ok and isinstance(doc.data, dict) else None


def select(paths, config=None, include_invalid: bool = False) -> Selection:
    """Lint ``paths`` and keep the cases without errors (all that parse with
    ``include_invalid``), in file order."""
    from ..lint.runner import lint_paths

    report = lint_paths(paths, config)
    chosen = Selection(findings=report.findings)
    chosen.folders = [(result.path, result.findings[0]) for result in report.folders]
    for result in sorted(report.files, key=lambda r: r.path):
        errors = sorted(f for f in result.findings if f.severity == "error")
        if errors and not include_invalid:
            chosen.left_out.append((result.path, errors[0]))
            continue
        # never reopen what the linter would not read: a FIFO blocks, a link may lead out of the dataset
        data = None if any(f.code == "LAT010" for f in result.findings) else _data(result.path)
        if data is None:
            chosen.unparsed.append((result.path, errors[0] if errors else None))
        else:
            chosen.cases.append((result.path, data))
    return chosen
