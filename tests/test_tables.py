"""Tables in: `latinno-lint check TABLE.csv|TABLE.xlsx` lints the rows as cases
and places each finding at its row, column and cell; bad tables get one line
and exit 2. The workbooks are real ones, written with openpyxl."""

import csv
import json
import subprocess
import sys

import openpyxl
import pytest

from latinno_lint.cli import main
from latinno_lint.data import export, table
from latinno_lint.lint.source import parse_bytes
from latinno_lint.vocabulary import dimension

from conftest import ROOT

HEADER = [c.name for c in export.columns()]


def col(name: str) -> int:
    return HEADER.index(name) + 1


def cell(name: str, row: int) -> str:
    return f"{table.letter(col(name))}{row}"


def case_row(**values) -> list:
    """A row of the export's layout: a valid case, changed by ``values``."""
    base = {
        "id": "council-one",
        "name": "Council one",
        "country": "PE",
        "description": "A council of residents that meets every month in the town hall.",
        "start_year": 2010,
        "formalization": "government_program",
        "frequency": "regular",
        "selection": "open",
        "participants_citizens": 1,
        "participants_civil_society": 0,
        "participants_private_stakeholders": 0,
        "decisiveness": "non_binding",
        "co_governance": 0,
        "sources_url": "https://latinno.net/en/case/1/",
        "sources_title": "latinno.net",
        "sources_accessed": "2024-05-01",
    }
    base.update(values)
    return [base.get(name) for name in HEADER]


def workbook(path, rows, header=HEADER, sheet="cases"):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def check(*args, capsys):
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_letters_and_cells():
    assert [table.letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
    assert table.cell_name(17, 6) == "F17"


def test_the_csv_export_reads_back_as_the_cases(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["export", "cases", "-o", str(tmp_path / "cases.csv")]) == 0
    capsys.readouterr()
    read = table.read(str(tmp_path / "cases.csv"))
    chosen = export.select(["cases"])
    assert [(r.path, r.data) for r in read.rows] == chosen.cases
    assert [r.number for r in read.rows] == [2, 3]


def test_defects_planted_in_an_xlsx_are_reported_at_their_row_and_column(tmp_path, capsys):
    rows = [
        case_row(),
        case_row(id="council-two", name="Council two", frequency="regularly"),  # row 3: not a code
        case_row(id="council-three", name=None, start_year=2090),  # row 4: no name; a year in the future
        case_row(id="council-four", name="Council four", means_deliberation="x"),  # row 5: not 1/0
        case_row(id="council-five", name="Council one"),  # row 6: the name of row 2, same country
    ]
    path = workbook(tmp_path / "cases.xlsx", rows)
    code, out, err = check(path, "--format", "json", capsys=capsys)
    assert code == 1, err
    got = {(f["line"], f["column"], f["code"], f["cell"], f["sheet"]) for f in json.loads(out)}
    assert (3, col("frequency"), "LAT101", cell("frequency", 3), "cases") in got
    assert (4, col("name"), "LAT103", cell("name", 4), "cases") in got
    assert (4, col("start_year"), "LAT209", cell("start_year", 4), "cases") in got
    assert (5, col("means_deliberation"), "LAT011", cell("means_deliberation", 5), "cases") in got
    assert (6, col("name"), "LAT407", cell("name", 6), "cases") in got
    assert (2, col("name"), "LAT407", cell("name", 2), "cases") in got  # the rule speaks of both rows
    assert {g[0] for g in got if g[2] not in ("LAT301",)} <= {2, 3, 4, 5, 6}


def test_text_output_ends_with_the_cell(tmp_path, capsys):
    path = workbook(tmp_path / "cases.xlsx", [case_row(frequency="regularly")])
    code, out, err = check(path, capsys=capsys)
    at = col("frequency")
    line = next(text for text in out.splitlines() if "LAT101" in text)
    assert line.startswith(f"{path}:2:{at}: LAT101 error [unknown-code] 'regularly' is not a frequency code")
    assert line.endswith(f"({table.letter(at)}2)")
    assert code == 1 and "Checked 1 file: 1 error" in err


def test_labels_in_any_language_and_variants_are_read_as_codes(tmp_path):
    rows = [
        case_row(
            country="Perú",
            formalization="only backed by a governmental program or policy",
            frequency="permanent",
            co_governance="sí",
            sources_url=None,
            sources_title=None,
            sources_accessed=None,
            related_id="council-one",
            related_relation="part of",
            id="council-two",
        )
    ]
    data = table.read(str(workbook(tmp_path / "cases.xlsx", [case_row()] + rows))).rows[1].data
    design = data["institutional_design"]
    assert (data["country"], design["formalization"], design["frequency"], design["co_governance"]) == ("PE", "government_program", "regular", True)
    assert data["related"] == [{"id": "council-one", "relation": "part_of"}] and "sources" not in data


def test_rows_are_checked_against_each_other_and_the_configured_dataset(tmp_path, capsys, monkeypatch):
    (tmp_path / "cases" / "peru").mkdir(parents=True)
    (tmp_path / "cases" / "peru" / "council-one.yaml").write_text("id: council-one\nlatinno_id: 7\nname: Old council\ncountry: PE\ndescription: A council.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.latinno-lint]\ncases-root = "cases"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rows = [
        case_row(id="council-one", latinno_id=7, path="cases/peru/council-one.yaml"),  # stands in for the file
        case_row(id="council-two", name="Council two", latinno_id=7, related_id="council-nine", related_relation="implements"),
    ]
    workbook(tmp_path / "cases.xlsx", rows)
    code, out, err = check("cases.xlsx", "--format", "json", capsys=capsys)
    got = {(f["line"], f["code"], f["cell"]) for f in json.loads(out)}
    assert (3, "LAT402", cell("latinno_id", 3)) in got and (2, "LAT402", cell("latinno_id", 2)) in got
    assert (3, "LAT405", cell("related_id", 3)) in got
    assert not any(c == "LAT401" for _l, c, _c in got)  # row 2 is the file council-one.yaml, edited
    rows[0][col("path") - 1] = None  # now it is a second case with that id
    workbook(tmp_path / "cases.xlsx", rows)
    code, out, err = check("cases.xlsx", "--format", "json", capsys=capsys)
    assert (2, "LAT401", cell("id", 2)) in {(f["line"], f["code"], f["cell"]) for f in json.loads(out)}


def test_a_bad_indicator_cell_is_lat011_at_its_cell(tmp_path, capsys):
    path = tmp_path / "cases.csv"
    rows = [HEADER, ["" if v is None else str(v) for v in case_row(means_deliberation="yes")]]
    path.write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    code, out, err = check(path, capsys=capsys)
    at = col("means_deliberation")
    assert code == 1 and f"{path}:2:{at}: LAT011 error [table-cell] means_deliberation holds 'yes'" in out


def test_a_cell_that_was_not_read_gets_its_lat011_only(tmp_path, capsys):
    """The only means cell is invalid: LAT011 says so, and the empty list it
    leaves is its consequence, not a second finding (LAT105 'an empty list')."""
    path = workbook(tmp_path / "cases.xlsx", [case_row(means_deliberation="yes")])
    code, out, err = check(path, "--format", "json", capsys=capsys)
    at = {(f["code"], f["cell"]) for f in json.loads(out) if f["line"] == 2}
    assert code == 1 and ("LAT011", cell("means_deliberation", 2)) in at
    assert [c for c, where in at if where == cell("means_deliberation", 2)] == ["LAT011"], at
    path = workbook(tmp_path / "cases.xlsx", [case_row(means_deliberation=1, means_e_participation="yes")])
    code, out, err = check(path, "--format", "json", capsys=capsys)
    assert [f["code"] for f in json.loads(out) if f["pointer"].startswith("/means")] == ["LAT011"]


def test_items_that_do_not_line_up_are_lat011(tmp_path, capsys):
    path = workbook(tmp_path / "cases.xlsx", [case_row(sources_url="https://a.example/x;y", sources_title="one")])
    code, out, err = check(path, capsys=capsys)
    assert code == 1 and "LAT011" in out and "sources_url 2 and sources_title 1" in out


def test_fix_on_a_table_is_refused(tmp_path, capsys):
    path = workbook(tmp_path / "cases.xlsx", [case_row(frequency="regularly")])
    before = path.read_bytes()
    code, out, err = check(path, "--fix", capsys=capsys)
    assert code == 2 and out == "" and "--update" in err and len(err.splitlines()) == 1
    assert path.read_bytes() == before


def _csv(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


GOOD_ROW = ",".join("" if v is None else str(v) for v in case_row())


def _bad_tables(tmp_path):
    """(name, path, words the one line must hold) for each kind of bad table."""
    found = []
    book = openpyxl.Workbook()
    book.active.title = "notes"
    book.active.append(["what", "who"])
    book.save(tmp_path / "nosheet.xlsx")
    found.append(("no sheet of cases", tmp_path / "nosheet.xlsx", ["no sheet of cases", "'notes'"]))
    book = openpyxl.Workbook()
    book.active.title = "a"
    book.active.append(["id"])
    book.create_sheet("b").append(["id", "name"])
    book.save(tmp_path / "two.xlsx")
    found.append(("several sheets", tmp_path / "two.xlsx", ["several sheets", "'a', 'b'"]))
    workbook(tmp_path / "unknown.xlsx", [case_row()], header=HEADER[:-1] + ["colour"])
    found.append(("unknown column", tmp_path / "unknown.xlsx", [f"cell {table.letter(len(HEADER))}1", "unknown column 'colour'"]))
    workbook(tmp_path / "dup.xlsx", [case_row(), case_row(name="Other")])
    found.append(("duplicate ids", tmp_path / "dup.xlsx", ["cell A3", "'council-one' is also the id in row 2"]))
    path = workbook(tmp_path / "formula.xlsx", [case_row(start_year="=2000+10")])
    found.append(("formula", path, [f"cell {cell('start_year', 2)}", "formula"]))
    book = openpyxl.load_workbook(workbook(tmp_path / "merged.xlsx", [case_row(), case_row(id="b")]))
    book["cases"].merge_cells("C2:C3")
    book.save(tmp_path / "merged.xlsx")
    found.append(("merged cells", tmp_path / "merged.xlsx", ["C2:C3", "merged"]))
    import datetime

    path = workbook(tmp_path / "date.xlsx", [case_row(sources_accessed=datetime.date(2024, 5, 1))])
    found.append(("a date", path, [f"cell {cell('sources_accessed', 2)}", "date"]))
    path = workbook(tmp_path / "text.xlsx", [case_row(start_year="2010")])
    found.append(("a number stored as text", path, [f"cell {cell('start_year', 2)}", "stored as text"]))
    workbook(tmp_path / "empty.xlsx", [])
    found.append(("no rows", tmp_path / "empty.xlsx", ["empty"]))
    found.append(("an empty CSV", _csv(tmp_path / "empty.csv", ""), ["empty"]))
    found.append(("not UTF-8", _csv(tmp_path / "latin1.csv", ",".join(HEADER) + "\n" + GOOD_ROW.replace("Council one", "Consejo Ñuñoa") + "\n", "latin-1"), [":2:", "not UTF-8"]))
    found.append(("a BOM", _csv(tmp_path / "bom.csv", "\ufeff" + ",".join(HEADER) + "\n" + GOOD_ROW + "\n"), [":1:", "byte-order mark"]))
    found.append(("a ragged row", _csv(tmp_path / "ragged.csv", ",".join(HEADER) + "\n" + GOOD_ROW + ",extra\n"), [":2:", "row 2 has"]))
    found.append(("100,000 rows", _csv(tmp_path / "big.csv", "id\n" + "".join(f"case-{i}\n" for i in range(100_000))), ["more than 20,000 rows"]))
    book = openpyxl.Workbook()
    book.active.title = "cases"
    book.active.append(["id", "name"])
    book.active["A100001"] = "the last of 100,000 rows"
    book.save(tmp_path / "big.xlsx")
    found.append(("100,000 rows of a workbook", tmp_path / "big.xlsx", ["more than 20,000 rows"]))
    found.append(("not a workbook", _csv(tmp_path / "fake.xlsx", b"id,name\n"), ["not an XLSX workbook"]))
    path = workbook(tmp_path / "stray.xlsx", [case_row() + [None, "a note"]])
    found.append(("a value right of the last named column", path, [f"cell {table.letter(len(HEADER) + 2)}2", "right of the last named column"]))
    path = _csv(tmp_path / "escape.csv", ",".join(HEADER[:-1] + ["\x1b[31mred"]) + "\n" + GOOD_ROW + "\n")
    found.append(("a column name that would steer a terminal", path, ["'\\x1b[31mred'"]))
    return found


def test_bad_tables_get_one_line_and_exit_2(tmp_path, capsys):
    for name, path, words in _bad_tables(tmp_path):
        code, out, err = check(path, capsys=capsys)
        assert code == 2, (name, err)
        assert out == "" and len(err.splitlines()) == 1 and str(path) in err, (name, err)
        for word in words:
            assert word in err, (name, word, err)
        assert "Traceback" not in err
        assert "\x1b" not in err


def test_check_on_yaml_does_not_import_openpyxl_nor_the_table_reader():
    code = (
        "import sys; from latinno_lint.cli import main; main(['check', 'cases']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl' or m in ('latinno_lint.data.table', 'latinno_lint.data.xlsx', 'latinno_lint.data.export')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_without_openpyxl_an_xlsx_gets_one_line_saying_how_to_install_it(tmp_path):
    path = workbook(tmp_path / "cases.xlsx", [case_row()])
    code = f"import sys; sys.modules['openpyxl'] = None; from latinno_lint.cli import main; sys.exit(main(['check', {str(path)!r}]))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.strip() == f"latinno-lint: {table.XLSX_HINT}"
    code = f"import sys; sys.modules['openpyxl'] = None; from latinno_lint.cli import main; sys.exit(main(['export', {str(ROOT / 'cases')!r}, '--format', 'xlsx', '-o', 'out.xlsx']))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 2 and table.XLSX_HINT in proc.stderr and not (tmp_path / "out.xlsx").exists()


def test_a_csv_and_case_files_are_checked_in_one_run(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = _csv(tmp_path / "cases.csv", ",".join(HEADER) + "\n" + GOOD_ROW.replace("regular", "regularly") + "\n")
    code, out, err = check(path, "cases/peru", capsys=capsys)
    assert code == 1 and f"{path}:2:{col('frequency')}: LAT101" in out and "Checked 3 files" in err


def test_xlsx_export_has_a_frozen_header_drop_downs_notes_and_a_codebook(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "cases.xlsx"
    assert main(["export", "cases", "--format", "xlsx", "--labels", "--lang", "es", "-o", str(out)]) == 0
    assert "Exported 2 cases" in capsys.readouterr().err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["cases", "codebook"]
    cases, codebook = book["cases"], book["codebook"]
    assert [c.value for c in cases[1]] == HEADER and cases.freeze_panes == "A2"
    assert all(c.comment is not None and c.comment.text for c in cases[1])
    assert "Stable slug" in cases["A1"].comment.text
    rows = [[c.value for c in r] for r in codebook.iter_rows()]
    assert rows[0] == ["field", "code", "label", "definition"]
    assert rows[[r[:2] for r in rows].index(["participants", "citizens"])][:3] == ["participants", "citizens", "ciudadanos"]
    lists = {str(v.sqref): v.formula1 for v in cases.data_validations.dataValidation}
    frequency = table.letter(col("frequency"))
    first, last = (int(x) for x in lists[f"{frequency}2:{frequency}1048576"].replace("codebook!$C$", "").split(":$C$"))
    assert [r[1] for r in rows[first - 1 : last]] == ["single", "sporadic", "regular", "unknown"]
    assert lists[f"{table.letter(col('means_deliberation'))}2:{table.letter(col('means_deliberation'))}1048576"] == '"1,0"'
    singles = {c.name for c in export.columns() if c.kind == "code"}
    assert {name for name in singles if any(k.startswith(table.letter(col(name)) + "2:") for k in lists)} == singles
    # numbers as numbers, text as text, labels in Spanish
    row = {name: c.value for name, c in zip(HEADER, cases[2])}
    assert row["participants_civil_society"] == 1 and row["country"] == "Perú" and row["selection"] == dimension("selection").code("restricted").labels["es"] != "restricted"
    assert [(r.path, r.data) for r in table.read(str(out)).rows] == export.select(["cases"]).cases


def test_xlsx_text_that_looks_like_a_formula_stays_text(tmp_path, capsys):
    folder = tmp_path / "cases" / "peru"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text('id: x\nname: "=HYPERLINK(\\"http://evil\\")"\ncountry: PE\ndescription: A council.\n', encoding="utf-8")
    out = tmp_path / "x.xlsx"
    assert main(["export", str(tmp_path / "cases"), "--format", "xlsx", "-o", str(out)]) == 0
    capsys.readouterr()
    name = openpyxl.load_workbook(out)["cases"].cell(row=2, column=col("name"))
    assert name.data_type == "s" and name.value.startswith("=HYPERLINK")
    assert table.read(str(out)).rows[0].data["name"] == '=HYPERLINK("http://evil")'


def _csv_rows(path, rows) -> str:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    return str(path)


def test_a_csv_reads_text_cells_without_the_apostrophe_the_export_puts_before_formulas(tmp_path, capsys):
    row = case_row(
        name='\'=HYPERLINK("http://evil")',
        name_original="''Consejo' de Lima",
        notes="'quoted",  # a cell with one ' that the export would not have written: its ' goes too
        sources_title="'-1 point of view",
        latinno_id="'5",  # a number column is not text: kept, and LAT104 reports it
        path="'@cases/x.yaml",
    )
    path = _csv_rows(tmp_path / "cases.csv", [row])
    (got,) = table.read(path).rows
    assert got.data["name"] == '=HYPERLINK("http://evil")'
    assert got.data["name_original"] == "'Consejo' de Lima"
    assert got.data["notes"] == "quoted"
    assert got.data["sources"] == [{"url": "https://latinno.net/en/case/1/", "title": "-1 point of view", "accessed": "2024-05-01"}]
    assert got.data["latinno_id"] == "'5" and got.path == "@cases/x.yaml"
    code, out, _err = check(path, capsys=capsys)
    assert code == 1 and f"{path}:2:{col('latinno_id')}: LAT104 error" in out


def test_an_xlsx_cell_is_read_as_it_is_apostrophe_included(tmp_path):
    # a workbook's cells are typed: text is text, so the export never guards them, and import keeps a leading '
    path = workbook(tmp_path / "cases.xlsx", [case_row(name="'=x", notes="''y")])
    (got,) = table.read(str(path)).rows
    assert (got.data["name"], got.data["notes"]) == ("'=x", "''y")


def test_csv_export_then_check_places_findings_on_the_unguarded_values(tmp_path, capsys):
    folder = tmp_path / "cases" / "peru"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text('id: x\nname: "=HYPERLINK(\\"http://evil\\")"\ncountry: PE\ndescription: "-short"\n', encoding="utf-8")
    out = tmp_path / "x.csv"
    assert main(["export", str(tmp_path / "cases"), "-o", str(out)]) == 0
    assert "'=HYPERLINK(" in out.read_text(encoding="utf-8")
    capsys.readouterr()
    code, text, _err = check(out, capsys=capsys)
    assert "description has 6 characters" in text  # '-short', without the '
    assert table.read(str(out)).rows[0].data["name"] == '=HYPERLINK("http://evil")'


def test_a_semicolon_inside_a_url_is_exported_with_a_warning_and_import_reports_it(tmp_path, capsys):
    folder = tmp_path / "cases" / "peru"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text("id: x\nname: X\ncountry: PE\ndescription: A council.\nsources:\n  - url: https://a.example/p;q\n", encoding="utf-8")
    for form in ("csv", "xlsx"):
        out = tmp_path / f"x.{form}"
        assert main(["export", str(tmp_path / "cases"), "--format", form, "-o", str(out)]) == 0
        err = capsys.readouterr().err
        assert "warning: " in err and "sources_url: the item 'https://a.example/p;q' holds ';'" in err and "Exported 1 case" in err


@pytest.mark.parametrize(
    "name, description, said",
    [
        ('"X\\u0007"', "A council.", "name: it holds a control character"),
        # XML gives a carriage return back as a line feed: the workbook could not give the text back as it is
        ("X", '"A council.\\r\\nIt meets."', "description: it holds a carriage return, which an XLSX cell gives back as a line break"),
    ],
)
def test_what_a_cell_cannot_hold_leaves_a_case_out_of_a_workbook_and_a_csv_holds_it(tmp_path, capsys, name, description, said):
    folder = tmp_path / "cases" / "peru"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text(f"id: x\nname: {name}\ncountry: PE\ndescription: {description}\n", encoding="utf-8")
    assert main(["export", str(tmp_path / "cases"), "--format", "xlsx", "-o", str(tmp_path / "x.xlsx")]) == 1
    err = capsys.readouterr().err
    assert said in err and "Exported 0 cases" in err
    assert main(["export", str(tmp_path / "cases"), "-o", str(tmp_path / "x.csv")]) == 0
    (row,) = table.read(str(tmp_path / "x.csv")).rows
    assert row.data == parse_bytes((folder / "x.yaml").read_bytes()).data


# --- spreadsheets it cannot read ---------------------------------------------


def _ods(path):
    """A real OpenDocument spreadsheet's container: a zip whose first member is its
    media type, stored (what LibreOffice writes), with a table of one cell."""
    import zipfile

    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>', zipfile.ZIP_DEFLATED)
    return path


def _spreadsheet(path):
    if path.suffix.lower() == ".ods":
        return _ods(path)
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4)  # the compound-file header of .xls (and bytes that are not UTF-8)
    return path


UNREADABLE = ["cases.ods", "cases.xls", "cases.numbers", "CASES.ODS", "Casos.Xls", "cases.NUMBERS"]


@pytest.mark.parametrize("name", UNREADABLE)
@pytest.mark.parametrize("command", [["check"], ["import"], ["import", "--update"], ["check", "cases/peru"]])
def test_a_spreadsheet_it_cannot_read_gets_one_line_saying_how_to_save_it(tmp_path, capsys, monkeypatch, name, command):
    monkeypatch.chdir(ROOT)
    path = _spreadsheet(tmp_path / name)
    code = main([*command, str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", (out, err)
    [line] = err.splitlines()
    assert line.startswith(f"latinno-lint{' import' if command[0] == 'import' else ''}: {path} is "), line
    for words in ("LibreOffice", '"Excel 2007-365 (.xlsx)"', '"Text CSV (.csv)"', "Excel: File > Save As", "(*.xlsx)", "(*.csv)"):
        assert words in line, (words, line)
    assert " LAT0" not in line and "not valid UTF-8" not in line  # never a YAML finding


def test_a_named_spreadsheet_is_no_yaml_finding_from_python_either(tmp_path):
    from latinno_lint import lint_paths

    [finding] = lint_paths([_spreadsheet(tmp_path / "cases.ods")]).findings
    assert finding.code == "LAT010" and "OpenDocument spreadsheet" in finding.message and "Save As" in finding.message


def test_a_folder_scan_passes_a_spreadsheet_by_and_a_folder_of_any_name_is_a_folder(tmp_path, capsys):
    folder = tmp_path / "cases.ods" / "peru"
    folder.mkdir(parents=True)
    case = next((ROOT / "cases" / "peru").glob("*.yaml"))
    (folder / case.name).write_bytes(case.read_bytes())
    _spreadsheet(folder / "table.ods")
    _spreadsheet(folder / "old.xls")
    code, out, err = check(tmp_path / "cases.ods", "--select", "LAT0,LAT1", capsys=capsys)
    assert code == 0 and out == "" and "Checked 1 file" in err, err


def test_the_name_of_a_spreadsheet_is_escaped(tmp_path, capsys):
    path = _spreadsheet(tmp_path / "a\x1b[31m.ods")
    code, out, err = check(path, capsys=capsys)
    assert code == 2 and "\x1b" not in err and "\\x1b[31m.ods is an OpenDocument" in err
