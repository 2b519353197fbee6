"""LAT007 against real YAML 1.2 readers: every case file latinno-lint accepts
holds the same data for PyYAML (YAML 1.1, what the linter reads), the npm
yaml package (YAML 1.2 core schema, what yaml-language-server reads; run by
node) and ruamel.yaml (YAML 1.2); every plain value they read differently is
a LAT007 finding, and its fix makes them agree."""

from __future__ import annotations

import datetime
import json
import math

import pytest
from ruamel.yaml import YAML

from latinno_lint import lint_text
from latinno_lint.lint.config import Config
from latinno_lint.lint.engine import check_document
from latinno_lint.lint.fix import fixed
from latinno_lint.lint.source import core_value, parse_text

import nodejs
from conftest import ROOT, TESTS

# The difference table of LAT007's page, and its neighbours that all readers agree on.
BOOLEANS = [w for word in ("yes", "no", "on", "off", "true", "false") for w in (word, word.capitalize(), word.upper())] + ["y", "Y", "n", "N", "yEs", "oN"]
NUMBERS = [
    "2016",
    "+2016",
    "-1",
    "0",
    "00",
    "02011",
    "010",
    "08",
    "0_1",
    "2_016",
    "4_900",
    "1_000.5",
    "1__0",
    "0x1A",
    "0x_1A",
    "0X1A",
    "0o17",
    "0o8",
    "0b101",
    "0b_1",
    "1:30",
    "-1:30",
    "190:20:30.15",
    "1:60",
    ".5",
    "-.5",
    "+.5",
    "1.",
    "1.5",
    "1e3",
    "1E3",
    "1e+3",
    "1.0e3",
    "1.0e+3",
    "1.0E-3",
    "1_0e3",
    ".inf",
    "-.Inf",
    "+.INF",
    ".nan",
    ".NaN",
    ".NAN",
    "nan",
    "inf",
]
NULLS = ["~", "null", "Null", "NULL", "nULL"]
DATES = ["2021-05-01", "2021-5-1", "2021-05-01T10:00:00Z", "2021-05-01 10:00:00", "2021-13-01"]
OTHERS = ["<<", "=", "text", "no_decision", "1a", "a:b", "-a", "+"]
SCALARS = BOOLEANS + NUMBERS + NULLS + DATES + OTHERS

BASE = "id: example\nname: Example\ncountry: PE\ndescription: A case.\n"
PLACES = {
    "text": lambda s: BASE.replace("name: Example", f"name: {s}"),
    "integer": lambda s: BASE + f"latinno_id: {s}\n",
    "year": lambda s: BASE + f"end_year: {s}\n",
    "boolean": lambda s: BASE + f"institutional_design:\n  co_governance: {s}\n",
    "code": lambda s: BASE + f"means:\n  - {s}\n",
    "date": lambda s: BASE + f"sources:\n  - url: https://latinno.net/en/case/1/\n    accessed: {s}\n",
}


def _normal(value):
    """Data as JSON would carry it: what the readers' results are compared on."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return {"$float": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
        return int(value) if float(value).is_integer() and abs(value) < 2**53 else value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normal(v) for v in value]
    return {"$other": repr(value)}


def _key(data) -> str:
    return json.dumps(_normal(data), sort_keys=True, ensure_ascii=False)


def _ruamel(text: str):
    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception as exc:  # a reader's refusal is a result to compare too
        return {"$error": type(exc).__name__}


def _npm(texts: list) -> list:
    return [r.get("data", {"$error": r.get("error")}) for r in nodejs.run_script("yaml12.cjs", texts)]


def _errors(text: str) -> list:
    return [f for f in lint_text(text, path="example.yaml") if f.severity == "error"]


@pytest.fixture(scope="module")
def corpus():
    """{case text: what the npm yaml package reads}: each scalar in each place."""
    nodejs.require()
    texts = [place(s) for s in SCALARS for place in PLACES.values()]
    return {text: (npm, lint_text(text, path="example.yaml")) for text, npm in zip(texts, _npm(texts))}


def _line_of_value(text: str) -> int:
    """The line the probed value is on: the only line that BASE does not have, or name's."""
    lines = text.splitlines()
    extra = [i for i, line in enumerate(lines, 1) if line not in BASE.splitlines() and not line.endswith(":")]
    return extra[-1]


def test_the_table_is_read_as_the_npm_yaml_package_reads_it():
    """source.core_value is YAML 1.2's core schema: the same values as the npm yaml package."""
    nodejs.require()
    texts = [f"v: {s}\n" for s in SCALARS]
    for scalar, result in zip(SCALARS, _npm(texts)):
        if scalar in ("<<",):
            continue  # a merge key only as a key; as a value it is text, as core_value says
        assert _key(core_value(scalar)) == _key(result["v"]), scalar


def test_an_accepted_file_holds_the_same_data_for_every_reader(corpus):
    accepted = 0
    for text, (npm, findings) in corpus.items():
        if any(f.severity == "error" for f in findings):
            continue
        accepted += 1
        ours = parse_text(text).data
        assert _key(ours) == _key(npm), f"YAML 1.1 and the npm yaml package disagree on an accepted file:\n{text}"
        assert _key(ours) == _key(_ruamel(text)), f"YAML 1.1 and ruamel.yaml disagree on an accepted file:\n{text}"
    assert accepted > 20  # the corpus holds files every reader agrees on


def test_every_value_read_differently_is_an_error_on_its_line(corpus):
    flagged = 0
    for text, (npm, findings) in corpus.items():
        ours = parse_text(text).data
        if _key(ours) == _key(npm):
            continue
        line = _line_of_value(text)
        codes = {(f.line, f.code) for f in findings}
        # LAT007, or LAT104 where the linter's own reading is already of the wrong type
        assert {(line, "LAT007"), (line, "LAT104")} & codes, f"not reported:\n{text}"
        flagged += 1
    assert flagged > 100


def test_the_fixes_make_the_readers_agree(corpus):
    config = Config()
    mended = []
    for text, (_npm_data, first) in corpus.items():
        if not any(f.code == "LAT007" and f.fixable for f in first):
            continue
        doc = parse_text(text)
        findings, fixes = check_document(doc, "example.yaml", None, config)
        version_fixes = [(p, v) for p, v in fixes if any(f.code == "LAT007" and f.pointer == p for f in findings)]
        after = fixed(doc, version_fixes)
        assert after is not None, text
        assert not [f for f in lint_text(after.text, path="example.yaml") if f.code == "LAT007"], after.text
        mended.append(after)
    assert len(mended) > 20
    for after, npm in zip(mended, _npm([a.text for a in mended])):  # one node process for all
        assert _key(after.data) == _key(npm) == _key(_ruamel(after.text)), after.text


@pytest.mark.parametrize(
    "scalar, fixed_text",
    [
        ("yes", "  co_governance: true"),
        ("On", "  co_governance: true"),
        ("off", "  co_governance: false"),
    ],
)
def test_a_yaml_1_1_boolean_in_the_boolean_field_becomes_true_or_false(scalar, fixed_text):
    text = PLACES["boolean"](scalar)
    doc = parse_text(text)
    _findings, fixes = check_document(doc, "example.yaml", None, Config())
    assert fixed_text in fixed(doc, fixes).text.splitlines()


def test_a_grouped_year_becomes_its_digits_and_text_gets_quotes():
    doc = parse_text(PLACES["year"]("2_016").replace("name: Example", "name: 0o17"))
    _findings, fixes = check_document(doc, "example.yaml", None, Config())
    lines = fixed(doc, fixes).text.splitlines()
    assert "end_year: 2016" in lines and 'name: "0o17"' in lines


def test_a_leading_zero_year_is_reported_without_a_fix():
    findings = [f for f in lint_text(PLACES["year"]("02011"), path="example.yaml") if f.code == "LAT007"]
    assert len(findings) == 1 and not findings[0].fixable
    assert "1033" in findings[0].message and "2011" in findings[0].message


def _files() -> list:
    folders = [ROOT / "cases", ROOT / "templates", TESTS / "fixtures", TESTS / "rules", TESTS / "golden"]
    return sorted(p for folder in folders for p in folder.rglob("*.yaml"))


def test_every_accepted_fixture_holds_the_same_data_for_every_reader():
    nodejs.require()
    files = [p for p in _files() if not _errors(p.read_bytes())]
    texts = [p.read_text(encoding="utf-8") for p in files]
    assert len(files) > 20
    for path, text, npm in zip(files, texts, _npm(texts)):
        ours = parse_text(text).data
        assert _key(ours) == _key(npm) == _key(_ruamel(text)), path


@pytest.mark.parametrize(
    ("field", "value"),
    [("sources.0.accessed", "2024-01-01"), ("sources.0.url", "2024-01-01"), ("name", "2024-01-01"), ("sources.0.accessed", "20240101")],
)
def test_a_value_of_the_wrong_type_gets_one_finding(field, value):
    """An unquoted date (or number) in a text field is LAT007; the schema's other
    checks of that value (pattern, format) are its consequences, not findings
    of their own, so no LAT105 says it 'is not a date written YYYY-MM-DD'."""
    source = {"name": "Council", "sources.0.url": "https://latinno.net/en/case/1/", "sources.0.accessed": '"2024-01-01"', field: value}
    text = f"id: council\nname: {source['name']}\ncountry: PE\ndescription: A council.\nsources:\n  - url: {source['sources.0.url']}\n    accessed: {source['sources.0.accessed']}\n"
    pointer = "/" + field.replace(".", "/")
    found = [f.code for f in lint_text(text, path="council.yaml") if f.pointer == pointer]
    assert found == ["LAT007"], found
    quoted = text.replace(f": {value}\n", f': "{value}"\n')
    assert "LAT007" not in {f.code for f in lint_text(quoted, path="council.yaml")}
