"""Property-based tests (issue 8): for generated input, lint_text never raises,
findings stay inside the file, valid cases pass, the writer round-trips, --fix
is idempotent and safe, and the importer never writes a schema-invalid file.

Derandomized, with a small example budget so that CI is quick and repeatable;
LATINNO_LINT_EXAMPLES=2000 runs each property longer (fuzz/fuzz_lint.py is the
long run).
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import os
import tempfile
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from latinno_lint import lint_paths, lint_text, vocabulary
from latinno_lint.cli import main
from latinno_lint.data.importer import import_page
from latinno_lint.data.writer import dump
from latinno_lint.lint import validate
from latinno_lint.lint.source import lines, parse_text
from latinno_lint.schema import schema
from latinno_lint.vocabulary import coding_dimensions, countries, field_order

from conftest import TESTS

EXAMPLES = int(os.environ.get("LATINNO_LINT_EXAMPLES", "120"))
PROPERTY = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
REFERENCE = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
THIS_YEAR = datetime.date.today().year
RELATIONS = vocabulary.dimension("relation").values

# --- YAML-ish text ------------------------------------------------------------------

# the shared pieces of hostile YAML, then the schema's keys and some of its codes
PIECES = [
    *json.loads((TESTS / "fixtures" / "yaml-pieces.json").read_text(encoding="utf-8"))["pieces"],
    *field_order()[:12],
    *(f"{key}: " for key in field_order()[:8]),
    *(d.values[0] for d in coding_dimensions() if isinstance(d.values[0], str)),
    " ".join(str(v) for v in vocabulary.dimension("participants").values[:2]),
    "PE",
    "transnational",
]
yamlish = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)


def inside(findings, text: str) -> None:
    all_lines = lines(text)
    for f in findings:
        assert 1 <= f.line <= len(all_lines), (f, len(all_lines))
        assert 1 <= f.column <= len(all_lines[f.line - 1]) + 1, (f, all_lines[f.line - 1])
        assert "\n" not in f.message and f.path


@PROPERTY
@given(yamlish)
@example("a: [" + "[" * 2000)
@example("- " * 3000 + "x")
@example('id: "\\ud800"\n')
def test_no_exception_and_findings_inside_the_text(text):
    findings = lint_text(text, path="x.yaml")
    inside(findings, text.lstrip("\ufeff") if text.startswith("\ufeff") else text)
    assert findings == lint_text(text, path="x.yaml")  # and the same every time


@PROPERTY
@given(st.one_of(st.binary(max_size=200), yamlish.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_no_exception_for_any_bytes(raw):
    findings = lint_text(raw, path="x.yaml")
    text = raw.decode("utf-8", "replace")
    inside(findings, text[1:] if text.startswith("\ufeff") else text)


# --- case-shaped data, built from the schema's vocabulary ----------------------------------

SLUG = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(lambda s: s.strip())
PROSE = st.one_of(
    TEXT, st.lists(st.sampled_from(["The", "council", "meets", "in", "Lima", "—", "participação", "\n", "\n\n", "  "]), min_size=1, max_size=40).map(" ".join).filter(lambda s: s.strip())
)
URL = st.from_regex(r"https?://[a-z]{1,10}\.[a-z]{2,3}(/[A-Za-z0-9_%.-]{0,12})?", fullmatch=True)
DATE = st.dates(datetime.date(1990, 1, 1), datetime.date(THIS_YEAR, 1, 1)).map(datetime.date.isoformat)
COUNTRY_CODES = countries().values


def _dimension_value(dim):
    if dim.multiple:
        return st.lists(st.sampled_from(dim.values), min_size=1, max_size=len(dim.values), unique=True)
    return st.sampled_from(dim.values)


@st.composite
def valid_cases(draw) -> dict:
    case = {"id": draw(SLUG), "name": draw(TEXT), "description": draw(PROSE)}
    country = draw(st.sampled_from([*COUNTRY_CODES, "transnational"]))
    case["country"] = country
    if country == "transnational":
        case["countries"] = draw(st.lists(st.sampled_from(COUNTRY_CODES), min_size=2, max_size=4, unique=True))
    if draw(st.booleans()):
        case["latinno_id"] = draw(st.integers(1, 10**9))
    if draw(st.booleans()):
        case["name_original"] = draw(TEXT)
    if draw(st.booleans()):
        start = case["start_year"] = draw(st.integers(1990, THIS_YEAR))
        if draw(st.booleans()):
            case["end_year"] = draw(st.integers(start, THIS_YEAR))
    design = {}
    for dim in coding_dimensions():
        if draw(st.booleans()):
            value = draw(_dimension_value(dim))
            if dim.pointer.startswith("/institutional_design/"):
                design[dim.pointer.rsplit("/", 1)[1]] = value
            else:
                case[dim.pointer.lstrip("/")] = value
    if design:
        case["institutional_design"] = design
    if draw(st.booleans()):
        case["sources"] = draw(st.lists(st.fixed_dictionaries({"url": URL}, optional={"title": TEXT, "accessed": DATE}), min_size=1, max_size=3))
    if draw(st.booleans()):
        others = SLUG.filter(lambda s: s != case["id"])
        case["related"] = draw(st.lists(st.fixed_dictionaries({"id": others, "relation": st.sampled_from(RELATIONS)}), min_size=1, max_size=3))
    if draw(st.booleans()):
        case["notes"] = draw(PROSE)
    return case


JUNK = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=False),
        st.text(max_size=20),
        st.dates().map(datetime.date.isoformat),
        st.sampled_from(["", " ", "unknown", "TODO", "yes", "no", "~", "null", "12"]),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


def _spellings(dim):
    """Other ways a person writes a dimension's codes: labels, known variants, space-joined text."""
    words = [w for code in dim.codes for w in (code.label, *code.labels.values(), *code.variants) if isinstance(w, str)]
    choices = [st.sampled_from(words)] if words else []
    if dim.multiple:
        choices.append(st.lists(st.sampled_from(dim.values), min_size=1, max_size=4).map(" ".join))
        choices.append(st.lists(st.sampled_from(dim.values), min_size=2, max_size=5))  # repeats, any order
    return st.one_of(*choices, st.sampled_from(dim.values).map(lambda v: f"  {v} " if isinstance(v, str) else v))


POINTERS = [*field_order(), *(d.pointer for d in coding_dimensions())]


@st.composite
def mutated_cases(draw) -> dict:
    """A valid case with one to three fields replaced by junk or by a human spelling."""
    case = draw(valid_cases())
    for _ in range(draw(st.integers(1, 3))):
        pointer = draw(st.sampled_from(POINTERS))
        parts = pointer.strip("/").split("/")
        dim = next((d for d in coding_dimensions() if d.pointer == pointer), None)
        value = draw(st.one_of(JUNK, _spellings(dim)) if dim else JUNK)
        if draw(st.integers(0, 9)) == 0:
            value = None if parts[-1] not in case else "__delete__"
        holder = case
        for part in parts[:-1]:
            if not isinstance(holder.get(part), dict):
                holder[part] = {}
            holder = holder[part]
        if value == "__delete__":
            holder.pop(parts[-1], None)
        else:
            holder[parts[-1]] = value
    return case


@PROPERTY
@given(valid_cases())
def test_valid_generated_cases_have_no_errors_and_round_trip(case):
    assert REFERENCE.is_valid(case), list(REFERENCE.iter_errors(case))
    text = dump(case)
    errors = [f for f in lint_text(text, path="case.yaml") if f.severity == "error"]
    assert errors == [], text
    doc = parse_text(text)
    assert doc.data == case  # the writer loses nothing
    assert dump(doc.data) == text  # and is a fixed point


@PROPERTY
@given(mutated_cases())
def test_mutated_cases_never_raise_and_are_reported_where_they_are_wrong(case):
    text = dump(case)
    findings = lint_text(text, path="case.yaml")
    inside(findings, text)
    doc = parse_text(text)
    if doc.ok and not REFERENCE.is_valid(doc.data):
        assert any(f.severity == "error" for f in findings), text
    assert findings == lint_text(text, path="case.yaml")


@PROPERTY
@given(
    st.one_of(
        mutated_cases(), valid_cases(), st.recursive(st.one_of(st.none(), st.text(max_size=5), st.integers()), lambda x: st.dictionaries(st.sampled_from(field_order()), x, max_size=4), max_leaves=8)
    )
)
def test_schema_hits_agree_with_jsonschema(data):
    reference = REFERENCE.is_valid(data)
    assert validate.is_valid(data) == reference
    assert (list(validate.check(data)) == []) == reference  # every invalid document yields a hit


# --- --fix ------------------------------------------------------------------------------------


def _fix(folder: Path, text: str) -> tuple[bytes, list]:
    path = folder / "case.yaml"
    path.write_bytes(text.encode("utf-8"))
    report = lint_paths([str(path)], fix_files=True)
    return path.read_bytes(), report


@PROPERTY
@given(st.one_of(mutated_cases().map(dump), valid_cases().map(dump), yamlish))
def test_fix_is_idempotent_safe_and_leaves_unfixable_files_alone(text):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / "case.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        before = path.read_bytes()
        checked = lint_paths([str(path)])
        once = lint_paths([str(path)], fix_files=True)
        after_once = path.read_bytes()
        if not any(f.fixable for f in checked.findings):
            assert after_once == before
        old, new = parse_text(before.decode("utf-8", "replace")), parse_text(after_once.decode("utf-8"))
        if after_once != before:
            assert new.ok and not any(p.code in ("LAT001", "LAT003", "LAT004") for p in new.problems)
            if old.ok and REFERENCE.is_valid(old.data):
                assert REFERENCE.is_valid(new.data), after_once.decode()
        lint_paths([str(path)], fix_files=True)
        assert path.read_bytes() == after_once  # a second --fix changes nothing
        assert sorted(p.name for p in folder.iterdir()) == ["case.yaml"]
        assert once.files[0].error == ""


# --- the importer -------------------------------------------------------------------------------

SEED_LINES = [line for seed in sorted((TESTS / "fixtures" / "seeds").glob("*.txt")) for line in seed.read_text(encoding="utf-8").splitlines()]
LABELS = [label for dim in coding_dimensions() for label in (dim.title, *dim.labels.values())]
VALUES = [w for dim in coding_dimensions() for code in dim.codes for w in (code.label, *code.labels.values(), *code.variants) if isinstance(w, str)]
PAGE_LINE = st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(LABELS), st.sampled_from(VALUES), st.sampled_from(["", "Peru", "Brasil", "México", "?", "Sources"]), st.text(max_size=30))
pages = st.tuples(st.lists(PAGE_LINE, max_size=80), st.sampled_from(["\n", "\r\n"])).map(lambda t: t[1].join(t[0]))


@PROPERTY
@given(st.one_of(pages, st.text(max_size=300)))
@example("\n".join(SEED_LINES))
def test_import_never_raises_and_never_writes_an_invalid_case(page):
    result = import_page(page)
    assert isinstance(result.case, dict)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.txt"
        source.write_text(page, encoding="utf-8", errors="surrogatepass", newline="")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["import", str(source), "--out", str(Path(folder) / "cases"), "--country", "PE", "--id", "generated-case"])
        assert code in (0, 1), err.getvalue()
        assert "Traceback" not in err.getvalue()
        written = sorted((Path(folder) / "cases").rglob("*.yaml"))
        assert len(written) == (1 if code == 0 else 0)
        for file in written:
            text = file.read_text(encoding="utf-8")
            doc = parse_text(text)
            assert doc.ok and REFERENCE.is_valid(doc.data), text
            assert [f for f in lint_text(text, path=str(file)) if f.severity == "error"] == []
