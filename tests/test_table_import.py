"""latinno-lint import TABLE: rows to case files; --update applies an edited
workbook to the case files as minimal edits. The workbooks are real ones,
exported by latinno-lint and edited with openpyxl."""

import csv
import os

import openpyxl
import pytest

from latinno_lint.cli import main
from latinno_lint.data import export
from latinno_lint.data.table import letter
from latinno_lint.lint.source import parse_bytes

HEADER = [c.name for c in export.columns()]

COMMENTED = """\
# yaml-language-server: $schema=../../schema/case.schema.json
id: council   # the id
name: "Council of Lima"
country: PE
description: >-
  A council of residents that meets every month in the town hall of Lima and
  talks about the budget of the city.
start_year: 2010  # latinno-lint: ignore[LAT209] checked against the decree
institutional_design:
  # the design, from the decree
  formalization: government_program
  frequency: sporadic   # was regular in 2012
  selection: open
  participants: [citizens]
means:
  - deliberation  # seen in the minutes
  - direct_voting
notes: 'Coded by hand.'
"""

OTHER = """\
id: other-council
name: Other council
country: BO
description: A council of neighbours that meets every week.
"""


@pytest.fixture
def dataset(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for text, country in ((COMMENTED, "peru"), (OTHER, "bolivia")):
        folder = tmp_path / "cases" / country
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{parse_bytes(text.encode()).data['id']}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def exported(capsys, *extra) -> openpyxl.Workbook:
    code, _out, err = run(["export", "cases", "--format", "xlsx", "-o", "cases.xlsx", *extra], capsys)
    assert code == 0, err
    return openpyxl.load_workbook("cases.xlsx")


def edit(book, row: int, **values):
    sheet = book["cases"]
    for name, value in values.items():
        sheet.cell(row=row, column=HEADER.index(name) + 1).value = value  # cell(value=None) would not empty it
    book.save("cases.xlsx")


def files(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "cases").rglob("*.yaml"))}


def test_import_writes_each_row_as_a_case_file_in_an_empty_folder(dataset, capsys):
    exported(capsys)
    code, out, err = run(["import", "cases.xlsx", "--out", "new"], capsys)
    assert code == 0, err
    assert out.splitlines() == ["new/bolivia/other-council.yaml: written", "new/peru/council.yaml: written"]
    for country, name in (("peru", "council"), ("bolivia", "other-council")):
        old = parse_bytes((dataset / "cases" / country / f"{name}.yaml").read_bytes()).data
        assert parse_bytes((dataset / "new" / country / f"{name}.yaml").read_bytes()).data == old
    assert "2 rows: 2 written, 0 updated, 0 unchanged, 0 not written." in err


def test_nothing_is_overwritten_without_force_or_update(dataset, capsys):
    book = exported(capsys)
    edit(book, 3, frequency="regular")
    before = files(dataset)
    code, out, err = run(["import", "cases.xlsx", "--out", "cases"], capsys)
    assert code == 1 and out == "" and files(dataset) == before
    assert "cases.xlsx:3: not written: cases/peru/council.yaml exists; give --update" in err


def test_a_row_with_errors_is_not_written_and_the_run_exits_1(dataset, capsys):
    book = exported(capsys)
    edit(book, 2, id="new-council", frequency="weekly")
    code, out, err = run(["import", "cases.xlsx", "--out", "new"], capsys)
    assert code == 1
    assert "cases.xlsx:2:11: LAT101 error [unknown-code] 'weekly' is not a frequency code" in err and "(K2)" in err
    assert "cases.xlsx:2: not written: 1 error (above)" in err
    assert out == "new/peru/council.yaml: written\n" and not (dataset / "new" / "bolivia").exists()


def test_update_changes_only_the_edited_values_and_keeps_the_comments(dataset, capsys):
    book = exported(capsys)
    edit(
        book,
        3,
        frequency="regular",
        means_e_participation=1,
        decisiveness="no toma decisión",
        end_year=2015,
        participants_civil_society=1,
        description="A council of residents that meets every week in the town hall of Lima and talks about the budget and the plans of the city.",
    )
    untouched = (dataset / "cases" / "bolivia" / "other-council.yaml").stat().st_mtime_ns
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", "--update"], capsys)
    assert code == 0, err
    assert out.splitlines() == [
        "cases/peru/council.yaml: updated",
        "  description: 'A council of residents that meets every month in the town...' -> 'A council of residents that meets every week in the town ...'",
        "  end_year: added 2015",
        "  institutional_design/frequency: 'sporadic' -> 'regular'",
        "  institutional_design/participants: [citizens] -> [citizens, civil_society]",
        "  institutional_design/decisiveness: added 'no_decision'",
        "  means: [deliberation, direct_voting] -> [deliberation, direct_voting, e_participation]",
    ]
    text = (dataset / "cases" / "peru" / "council.yaml").read_text(encoding="utf-8")
    assert (
        text
        == """\
# yaml-language-server: $schema=../../schema/case.schema.json
id: council   # the id
name: "Council of Lima"
country: PE
description: >-
  A council of residents that meets every week in the town hall of Lima and
  talks about the budget and the plans of the city.
start_year: 2010  # latinno-lint: ignore[LAT209] checked against the decree
end_year: 2015
institutional_design:
  # the design, from the decree
  formalization: government_program
  frequency: regular   # was regular in 2012
  selection: open
  participants: [citizens, civil_society]
  decisiveness: no_decision
means:
  - deliberation  # seen in the minutes
  - direct_voting
  - e_participation
notes: 'Coded by hand.'
"""
    )
    assert (dataset / "cases" / "bolivia" / "other-council.yaml").stat().st_mtime_ns == untouched
    assert "1 updated, 1 unchanged, 0 not written" in err


def test_update_with_nothing_edited_touches_no_file(dataset, capsys):
    exported(capsys, "--labels", "--lang", "es")  # labels read back as the same codes
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (dataset / "cases").rglob("*.yaml")}
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", "--update"], capsys)
    assert code == 0 and out == "" and "0 updated, 2 unchanged" in err
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (dataset / "cases").rglob("*.yaml")} == before


def test_update_from_a_csv_takes_the_apostrophe_off_guarded_text(dataset, capsys):
    code, _out, err = run(["export", "cases", "-o", "cases.csv"], capsys)
    assert code == 0, err
    with open("cases.csv", encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [row["id"] for row in table] == ["other-council", "council"]
    table[1]["notes"] = '\'=HYPERLINK("http://evil.example", "Coded by hand.")'  # as the export guards it
    table[0]["name"] = "''Other' council"  # a name that starts with ', guarded
    with open("cases.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(table)
    code, out, err = run(["import", "cases.csv", "--out", "cases", "--update"], capsys)
    assert code == 0, err
    council = parse_bytes((dataset / "cases" / "peru" / "council.yaml").read_bytes()).data
    assert council["notes"] == '=HYPERLINK("http://evil.example", "Coded by hand.")'
    assert parse_bytes((dataset / "cases" / "bolivia" / "other-council.yaml").read_bytes()).data["name"] == "'Other' council"
    assert "  notes: 'Coded by hand.' -> '=HYPERLINK(" in out and "2 updated" in err
    code, _out, err = run(["export", "cases", "-o", "again.csv"], capsys)
    assert (dataset / "again.csv").read_bytes() == (dataset / "cases.csv").read_bytes()  # and back to the same table


@pytest.mark.parametrize("option", ["--update", "--force"])
def test_a_row_that_moves_a_case_to_another_country_is_refused_until_the_file_is_moved(dataset, capsys, option):
    book = exported(capsys)
    edit(book, 3, country="Bolivia", frequency="regular")  # council: PE -> BO, by its label
    before = files(dataset)["cases/peru/council.yaml"]
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", option], capsys)
    assert code == 1 and "council.yaml" not in out.replace("other-council.yaml", "")  # written nowhere
    assert files(dataset)["cases/peru/council.yaml"] == before and "cases/bolivia/council.yaml" not in files(dataset)
    verb = "updated" if option == "--update" else "written"
    at = f"{letter(HEADER.index('country') + 1)}3"
    assert (
        f"cases.xlsx:3: not {verb}: cell {at} changes country from 'PE' to 'BO', but cases/peru/council.yaml is in peru/, not bolivia/; "
        "move it first, then import again: git mv cases/peru/council.yaml cases/bolivia/council.yaml\n"
    ) in err
    assert "0 updated, 1 unchanged, 1 not written." in err if option == "--update" else "1 written, 0 updated, 0 unchanged, 1 not written." in err
    (dataset / "cases" / "peru" / "council.yaml").rename(dataset / "cases" / "bolivia" / "council.yaml")  # as git mv does
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", option], capsys)
    assert code == 0, err
    moved = parse_bytes((dataset / "cases" / "bolivia" / "council.yaml").read_bytes()).data
    assert (moved["country"], moved["institutional_design"]["frequency"]) == ("BO", "regular")
    code, out, err = run(["check", "cases"], capsys)
    assert code == 0 and "LAT404" not in out, out


def test_a_country_change_is_applied_to_a_file_outside_the_country_folders(dataset, capsys):
    (dataset / "cases" / "peru" / "council.yaml").rename(dataset / "cases" / "council.yaml")  # no folder to keep in step
    book = exported(capsys, "--include-invalid")  # a file outside the country folders is itself a LAT404 error
    edit(book, 3, country="BO")
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", "--update"], capsys)
    assert code == 0 and "cases/council.yaml: updated\n  country: 'PE' -> 'BO'\n" in out, err


def test_emptied_cells_remove_the_key_and_a_comment_in_the_way_stops_that_file(dataset, capsys):
    book = exported(capsys)
    edit(book, 2, description=None)  # other-council: required, so an error: not written
    edit(book, 3, selection=None, start_year=None)  # council: selection goes; start_year has a comment
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", "--update"], capsys)
    assert code == 1
    assert "cases.xlsx:2:7: LAT103 error [missing-key] missing required key 'description'" in err
    assert "cases.xlsx:3: not updated: start_year has a comment, which removing it would lose" in err
    assert (dataset / "cases" / "peru" / "council.yaml").read_text(encoding="utf-8") == COMMENTED
    edit(book, 3, start_year=2010)
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", "--update"], capsys)
    assert "  institutional_design/selection: removed (was 'open')" in out
    assert "  selection: open\n" not in (dataset / "cases" / "peru" / "council.yaml").read_text(encoding="utf-8")


def test_a_missing_row_is_reported_never_deleted(dataset, capsys):
    book = exported(capsys)
    book["cases"].delete_rows(2)  # other-council
    book.save("cases.xlsx")
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", "--update"], capsys)
    assert code == 0
    assert "cases/bolivia/other-council.yaml: no row of cases.xlsx has its id 'other-council'; the case file is left as it is" in err
    assert (dataset / "cases" / "bolivia" / "other-council.yaml").read_text(encoding="utf-8") == OTHER


def test_force_replaces_the_file_in_the_canonical_format(dataset, capsys):
    book = exported(capsys)
    edit(book, 3, frequency="regular")
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", "--force"], capsys)
    assert code == 0 and "cases/peru/council.yaml: replaced" in out
    text = (dataset / "cases" / "peru" / "council.yaml").read_text(encoding="utf-8")
    assert "# the id" not in text and "frequency: regular" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["cases.xlsx", "page.txt"], "give one table"),
        (["cases.xlsx", "--country", "PE"], "--country applies to pages"),
        (["cases.xlsx", "--stdout"], "--stdout applies to pages"),
        (["cases.xlsx", "--force", "--update"], "give one"),
        (["page.txt", "--update"], "--update applies to tables"),
    ],
)
def test_usage_errors_exit_2_with_one_line(dataset, capsys, args, message):
    code, out, err = run(["import", *args], capsys)
    assert code == 2 and message in err and len(err.splitlines()) == 1 and out == ""


def test_a_bad_table_writes_nothing(dataset, capsys):
    book = exported(capsys)
    edit(book, 3, start_year="=2000+10")
    before = files(dataset)
    code, out, err = run(["import", "cases.xlsx", "--out", "cases", "--update"], capsys)
    assert code == 2 and out == "" and "formula" in err and len(err.splitlines()) == 1
    assert files(dataset) == before


def test_an_id_that_is_not_a_case_id_never_names_a_file_even_when_the_rule_is_ignored(dataset, capsys):
    (dataset / "pyproject.toml").write_text('[tool.latinno-lint]\nignore = ["LAT105"]\n', encoding="utf-8")
    book = exported(capsys)
    edit(book, 2, id="../../escaped")
    code, out, err = run(["import", "cases.xlsx", "--out", "new"], capsys)
    assert code == 1 and "cases.xlsx:2: not written: the row has no valid id and country to name its file" in err
    assert not (dataset.parent / "escaped.yaml").exists() and not list(dataset.parent.glob("*.yaml"))


def test_the_move_it_suggests_works_as_written_when_the_country_has_no_folder_yet(tmp_path, monkeypatch, capsys):
    """The first case of a country: cases/bolivia/ does not exist, and `git mv`
    makes no folder. The suggested command, run in a real git repository, moves
    the file, and the same import then applies the row."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("git is not on the PATH")
        pytest.skip("git is not on the PATH")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cases" / "peru").mkdir(parents=True)
    (tmp_path / "cases" / "peru" / "council.yaml").write_text(COMMENTED, encoding="utf-8")
    env = {
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t.invalid",
        "PATH": os.environ["PATH"],
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "a case"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    book = exported(capsys)
    edit(book, 2, country="Bolivia")
    code, _out, err = run(["import", "cases.xlsx", "--out", "cases", "--update"], capsys)
    assert code == 1 and not (tmp_path / "cases" / "bolivia").exists()
    suggested = err.split("move it first, then import again: ", 1)[1].splitlines()[0]
    assert suggested == "mkdir -p cases/bolivia && git mv cases/peru/council.yaml cases/bolivia/council.yaml"
    moved = subprocess.run(["sh", "-c", suggested], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert moved.returncode == 0, moved.stderr
    assert "cases/bolivia/council.yaml" in subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=tmp_path, env=env, capture_output=True, text=True).stdout
    code, _out, err = run(["import", "cases.xlsx", "--out", "cases", "--update"], capsys)
    assert code == 0, err
    assert parse_bytes((tmp_path / "cases" / "bolivia" / "council.yaml").read_bytes()).data["country"] == "BO"
