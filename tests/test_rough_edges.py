"""Issue 17: no silent passes, no surprises. Each test runs the real command
line (``python -m latinno_lint``) in a subprocess, as a contributor or a
maintainer would, and names the item of the issue it covers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TESTS

SEEDS = TESTS / "fixtures" / "seeds"
CASE = """\
id: {id}
name: {name}
country: PE
description: >-
  A council of residents that meets every month to discuss the budget of the district.
"""


def cli(*args, cwd=None, stdin=None, timeout=120):
    """The command line in a subprocess; no run may print a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "latinno_lint", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=timeout,
        errors="backslashreplace",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. a run that checks nothing ------------------------------------------------


@pytest.mark.parametrize("layout", ["empty folder", "only other files", "empty cases/ by default"])
def test_1_a_run_that_checks_no_file_is_a_usage_error(tmp_path, layout):
    folder = tmp_path / "cases"
    folder.mkdir()
    if layout == "only other files":
        write(folder / "peru" / "notes.txt", "not a case\n")
        write(folder / ".hidden.yaml", CASE.format(id="hidden", name="Hidden"))
    args = () if layout.endswith("by default") else ("cases",)
    proc = cli("check", *args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("latinno-lint: no case files to check in cases: looked for *.yaml and *.yml files")


def test_1_the_same_folder_with_a_case_passes(tmp_path):
    write(tmp_path / "cases" / "peru" / "c.yaml", CASE.format(id="c", name="Council"))
    proc = cli("check", "--select", "LAT1", "cases", cwd=tmp_path)
    assert proc.returncode == 0 and "Checked 1 file" in proc.stderr


# --- 2. a misspelt configuration table -------------------------------------------


@pytest.mark.parametrize("table", ["tool.latinno_lint", "tool.LatinnoLint", "tools.latinno-lint"])
def test_2_a_near_miss_table_is_a_configuration_error(tmp_path, table):
    write(tmp_path / "pyproject.toml", f'[project]\nname = "x"\n\n[{table}]\nfail-on = "warning"\n')
    write(tmp_path / "cases" / "peru" / "c.yaml", CASE.format(id="c", name="Council"))
    for args in (("check",), ("check", "--config", "pyproject.toml")):
        proc = cli(*args, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.splitlines() == [f"latinno-lint: configuration error: pyproject.toml: [{table}] is not read: the table is spelt [tool.latinno-lint]; rename it so that its settings apply"]


def test_2_the_right_spelling_applies_the_gate(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.latinno-lint]\nfail-on = "warning"\n')
    write(tmp_path / "cases" / "peru" / "c.yaml", CASE.format(id="c", name="Council"))
    proc = cli("check", cwd=tmp_path)
    assert proc.returncode == 1 and "LAT301 warning" in proc.stdout  # warnings fail: the table was read


# --- 3. import refuses what is not a case page -----------------------------------


@pytest.mark.parametrize(
    "given, says",
    [
        (ROOT / "cases" / "peru" / "open-government-action-plan.yaml", "it is a case file (YAML), not the text of a latinno.net case page"),
        (ROOT / "docs" / "format.md", "it does not look like a latinno.net case page: "),
    ],
)
def test_3_import_refuses_a_file_that_is_not_a_case_page(tmp_path, given, says):
    out = tmp_path / "cases"
    proc = cli("import", "--country", "PE", "--out", out, given)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [proc.stderr.strip()]  # one line
    assert proc.stderr.startswith(f"{given}: not imported: {says}")
    assert not out.exists()  # nothing written


def test_3_a_real_page_is_still_imported(tmp_path):
    out = tmp_path / "cases"
    proc = cli("import", "--out", out, SEEDS / "000_b3049613379fd766.txt")
    assert proc.returncode == 0
    assert (out / "peru" / "open-government-action-plan.yaml").is_file()


# --- 4. --include-invalid --datapackage passes its own validation -------------------

INVALID = """\
id: bad
latinno_id: "12a"
name: Bad council
country: Peru
start_year: 1700
description: A council of residents that meets.
institutional_design:
  frequency: regularly
  co_governance: maybe
  participants: [citizens, neighbours]
countries: [PE, Peru]
"""


@pytest.mark.parametrize("extra", [[], ["--labels", "--lang", "es"]])
def test_4_an_export_with_invalid_cases_passes_frictionless_validate(tmp_path, extra):
    write(tmp_path / "cases" / "peru" / "bad.yaml", INVALID)
    write(tmp_path / "cases" / "peru" / "noname.yaml", "id: noname\ncountry: PE\ndescription: A council.\n")
    write(tmp_path / "cases" / "peru" / "good.yaml", CASE.format(id="good", name="Good council"))
    (tmp_path / "out").mkdir()
    proc = cli("export", "--include-invalid", "-o", "out/latinno.csv", "--datapackage", *extra, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = (tmp_path / "out" / "latinno.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    bad = dict(zip(header, next(r for r in rows if r.startswith("bad,")).split(",")))
    # unknown codes and values of the wrong type are in no column, as the README says
    assert (bad["country"], bad["frequency"], bad["co_governance"], bad["latinno_id"], bad["start_year"]) == ("", "", "", "", "")
    assert "regularly" not in rows[1] and "maybe" not in rows[1] and "neighbours" not in rows[1]
    assert bad["countries"].endswith(";")  # 'Peru' is not a code: its place in the list stays, empty
    assert bad["participants_citizens"] == "1"
    # the real frictionless command line, on the package the tool wrote
    tool = Path(sys.executable).with_name("frictionless")
    checked = subprocess.run([str(tool), "validate", "datapackage.json"], cwd=tmp_path / "out", capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "VALID" in checked.stdout and "INVALID" not in checked.stdout


def test_4_frictionless_validate_fails_on_a_value_outside_the_codes(tmp_path):
    """The check above can fail: the same command rejects a package whose CSV breaks its enum."""
    write(tmp_path / "cases" / "peru" / "good.yaml", CASE.format(id="good", name="Good council"))
    (tmp_path / "out").mkdir()
    assert cli("export", "-o", "out/latinno.csv", "--datapackage", cwd=tmp_path).returncode == 0
    csv_file = tmp_path / "out" / "latinno.csv"
    csv_file.write_bytes(csv_file.read_bytes().replace(b",PE,", b",Peru,"))
    tool = Path(sys.executable).with_name("frictionless")
    checked = subprocess.run([str(tool), "validate", "datapackage.json"], cwd=tmp_path / "out", capture_output=True, text=True, timeout=120)
    assert checked.returncode != 0 and "constraint-error" in checked.stdout


# --- 5. a run whose files break another case's relation fails --------------------------

RELATED = CASE + "related:\n  - id: {target}\n    relation: implements\n"


def _two_cases(tmp_path) -> Path:
    peru = tmp_path / "cases" / "peru"
    write(peru / "plan.yaml", CASE.format(id="plan", name="Action plan"))
    write(peru / "forum.yaml", RELATED.format(id="forum", name="Forum", target="plan"))
    write(peru / "other.yaml", CASE.format(id="other", name="Other council"))
    assert cli("check", "--select", "LAT4", cwd=tmp_path).returncode == 0  # and the index cache is written
    return peru


@pytest.mark.parametrize("extra", [[], ["--no-cache"], ["--jobs", "2"], ["--diff"]])
def test_5_renaming_an_id_that_another_case_relates_to_fails_and_names_both_files(tmp_path, extra):
    peru = _two_cases(tmp_path)
    (peru / "plan.yaml").unlink()  # git mv plan.yaml action-plan.yaml, and the id changed with it
    write(peru / "action-plan.yaml", CASE.format(id="action-plan", name="Action plan"))
    proc = cli("check", "--select", "LAT4", *extra, "cases/peru/action-plan.yaml", cwd=tmp_path)
    if extra == ["--diff"]:  # --diff reports what --fix would change, nothing else
        assert proc.returncode == 0
        return
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == [
        "cases/peru/forum.yaml:7:9: LAT405 error [dangling-relation] related id 'plan' names no case of the dataset any "
        "more: cases/peru/action-plan.yaml, checked in this run, may have renamed or removed that case; restore its id, "
        "or correct this relation"
    ]
    assert "Checked 1 file: 1 error" in proc.stderr


def test_5_deleting_a_case_fails_a_run_on_the_other_files_of_the_commit(tmp_path):
    peru = _two_cases(tmp_path)
    (peru / "plan.yaml").unlink()
    write(peru / "other.yaml", CASE.format(id="other", name="Other council, renamed"))
    proc = cli("check", "cases/peru/other.yaml", "--select", "LAT4", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("cases/peru/forum.yaml:7:9: LAT405 error [dangling-relation] related id 'plan' names no case")
    assert "cases/peru/other.yaml, checked in this run" in proc.stdout


def test_5_a_full_run_reports_the_dangling_relation_once_and_a_suppression_holds(tmp_path):
    peru = _two_cases(tmp_path)
    (peru / "plan.yaml").unlink()
    proc = cli("check", "--select", "LAT4", cwd=tmp_path)
    assert [line.split(" [")[0] for line in proc.stdout.splitlines()] == ["cases/peru/forum.yaml:7:9: LAT405 error"]
    forum = (peru / "forum.yaml").read_text().replace("id: plan", "id: plan  # latinno-lint: ignore[LAT405] the plan is added next week")
    write(peru / "forum.yaml", forum)
    assert cli("check", "--select", "LAT4", "cases/peru/other.yaml", cwd=tmp_path).returncode == 0


def test_5_taking_another_case_s_latinno_id_fails_and_names_both_files(tmp_path):
    peru = _two_cases(tmp_path)
    write(peru / "plan.yaml", CASE.format(id="plan", name="Action plan") + "latinno_id: 17\n")
    write(peru / "other.yaml", CASE.format(id="other", name="Other council") + "latinno_id: 17\n")
    proc = cli("check", "--select", "LAT4", "cases/peru/other.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("cases/peru/other.yaml:6:13: LAT402 error [duplicate-latinno-id] latinno_id 17 is also the latinno_id of cases/peru/plan.yaml")


# --- 6. "cannot be determined from the sources" is not "not yet coded" -------------------

SETTLED = (
    CASE
    + """\
undetermined:
  means: the page marks the coded means only by styling
  ends: the page marks the coded ends only by styling
"""
)


def test_6_lat301_is_quiet_on_a_dimension_recorded_as_undetermined(tmp_path):
    case = write(tmp_path / "cases" / "peru" / "c.yaml", SETTLED.format(id="c", name="Council"))
    proc = cli("check", "--select", "LAT1,LAT301", case)
    flagged = {line.split("] ")[1].split(" ")[0] for line in proc.stdout.splitlines()}
    assert "means" not in flagged and "ends" not in flagged
    assert "policy_cycle" in flagged  # neither coded nor recorded: still 'not yet coded'
    assert "record why it cannot be determined under undetermined: {policy_cycle: reason}" in proc.stdout
    blank = write(tmp_path / "cases" / "peru" / "d.yaml", CASE.format(id="d", name="Other") + "undetermined:\n  means: ' '\n  sideways: x\n")
    proc = cli("check", "--select", "LAT1,LAT301", blank)
    assert "undetermined.means ' ' must not be blank" in proc.stdout and "unknown key 'sideways' in undetermined" in proc.stdout
    assert "] means is not coded" in proc.stdout  # a blank reason settles nothing


def test_6_the_repository_cases_give_no_lat301():
    proc = cli("check", "cases", cwd=ROOT)
    assert proc.returncode == 0 and "LAT301" not in proc.stdout and "Checked 2 files" in proc.stderr


def test_6_import_writes_undetermined_for_means_and_ends(tmp_path):
    proc = cli("import", "--stdout", SEEDS / "000_b3049613379fd766.txt", cwd=tmp_path)
    assert proc.returncode == 0
    assert "\nundetermined:\n  means: >-\n    the latinno.net page lists all four means" in proc.stdout
    assert "LAT301" not in proc.stderr


def test_6_export_stats_and_codebook_count_it_apart_from_uncoded(tmp_path):
    write(tmp_path / "cases" / "peru" / "settled.yaml", SETTLED.format(id="settled", name="Settled council"))
    write(tmp_path / "cases" / "peru" / "open.yaml", CASE.format(id="open", name="Open council"))
    proc = cli("export", cwd=tmp_path)
    import csv
    import io

    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(proc.stdout))}
    assert rows["settled"]["undetermined_means"] == "the page marks the coded means only by styling"
    assert rows["settled"]["means_deliberation"] == "" and rows["open"]["means_deliberation"] == ""
    assert rows["open"]["undetermined_means"] == ""  # empty dimension, no reason: not yet coded
    stats = json.loads(cli("stats", "--format", "json", cwd=tmp_path).stdout)
    means = stats["dimensions"]["means"]
    assert (means["undetermined"], means["uncoded"]) == (1, 1)
    assert (stats["dimensions"]["policy_cycle"]["undetermined"], stats["dimensions"]["policy_cycle"]["uncoded"]) == (0, 2)
    text = cli("stats", cwd=tmp_path).stdout
    assert "  undetermined                 1   50.0%" in text
    codebook = cli("codebook").stdout
    assert "## `undetermined`: Cannot be determined from the sources" in codebook
    assert "when empty, `undetermined_means` holds the reason if it cannot be determined from the sources" in codebook


# --- 10. comma lists get a fix --------------------------------------------------------


def test_10_comma_lists_are_fixed_like_space_joined_ones(tmp_path):
    case = write(
        tmp_path / "cases" / "peru" / "c.yaml", CASE.format(id="c", name="Council") + "institutional_design:\n  participants: citizens, civil society\npolicy_cycle: agenda setting; implementation\n"
    )
    proc = cli("check", "--select", "LAT104", case)
    assert proc.returncode == 1
    assert "write [citizens, civil_society] [*]" in proc.stdout and "write [agenda_setting, implementation] [*]" in proc.stdout
    assert cli("check", "--select", "LAT104", "--fix", case).returncode == 0
    assert case.read_text().endswith("  participants: [citizens, civil_society]\npolicy_cycle: [agenda_setting, implementation]\n")


# --- 11. --diff and --fix surprises, import --id of a case already there ----------------


def test_11_diff_says_why_a_file_with_a_yaml_error_has_nothing_to_fix(tmp_path):
    case = write(tmp_path / "cases" / "peru" / "c.yaml", CASE.format(id="c", name="Council") + "institutional_design:\n  frequency: Regular\n  frequency: Regular\n")
    proc = cli("check", "--diff", case)
    assert proc.returncode == 0 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "Nothing to fix.",
        f"Fixes are never made in a file with a YAML error (syntax, duplicate key, complex key, alias, tag), so none are shown for {case}; mend that error, then run --diff again.",
    ]


def test_11_fix_and_diff_together_are_a_usage_error(tmp_path):
    case = write(tmp_path / "cases" / "peru" / "c.yaml", CASE.format(id="c", name="Council") + "institutional_design:\n  frequency: Regular\n")
    before = case.read_bytes()
    proc = cli("check", "--fix", "--diff", case)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == "latinno-lint: --diff shows what --fix would change and writes nothing; give one of them, not both\n"
    assert case.read_bytes() == before


def test_11_import_with_another_id_warns_about_the_case_already_there(tmp_path):
    seed = SEEDS / "000_b3049613379fd766.txt"
    assert cli("import", seed, "--latinno-id", "5", cwd=tmp_path).returncode == 0
    proc = cli("import", seed, "--id", "other-plan", "--latinno-id", "5", cwd=tmp_path)
    assert proc.returncode == 0  # written, as asked, but not silently
    warnings = [line for line in proc.stderr.splitlines() if ": warning: " in line]
    assert warnings == [
        f"{seed}: warning: cases/peru/open-government-action-plan.yaml already has the latinno_id 5; check that this is not the same case imported twice",
        f"{seed}: warning: cases/peru/open-government-action-plan.yaml already has the name 'Open Government Action Plan'; check that this is not the same case imported twice",
    ]


# --- 13. messages ---------------------------------------------------------------------


def test_13_messages_hold_no_python_list_reprs(tmp_path):
    case = write(tmp_path / "cases" / "peru" / "c.yaml", CASE.format(id="c", name="Council") + "institutional_design:\n  selection: restricted\n  participants: [citizens]\n")
    proc = cli("check", "--select", "LAT201", case)
    assert "selection is 'restricted' while the only participants are 'citizens':" in proc.stdout
    write(case, CASE.format(id="c", name="Council") + "institutional_design:\n  selection: open\n  participants: [civil_society, private_stakeholders]\n")
    proc = cli("check", "--select", "LAT202", case)
    assert "while participants are 'civil_society' and 'private_stakeholders' without 'citizens'" in proc.stdout
    assert "['" not in proc.stdout


def test_13_an_unknown_option_shows_the_command_s_usage():
    proc = cli("check", "--frobnicate")
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: latinno-lint check ")
    assert proc.stderr.splitlines()[-1] == "latinno-lint check: error: unrecognized arguments: --frobnicate"


def test_13_lower_case_codes_work_in_suppressions_as_in_the_configuration(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.latinno-lint.severity]\nlat201 = "error"\n')
    case = write(
        tmp_path / "cases" / "peru" / "c.yaml",
        CASE.format(id="c", name="Council") + "institutional_design:\n  selection: restricted  # latinno-lint: ignore[lat201] an elected citizen council\n  participants: [citizens]\n",
    )
    proc = cli("check", "--select", "LAT201,LAT9", "cases", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout
    write(case, case.read_text().replace("  # latinno-lint: ignore[lat201] an elected citizen council", ""))
    proc = cli("check", "--select", "LAT201,LAT9", "cases", cwd=tmp_path)
    assert proc.returncode == 1 and "LAT201 error" in proc.stdout  # the lower-case severity applied too


def test_13_spanish_labels_for_country_and_co_governance(tmp_path):
    write(tmp_path / "cases" / "peru" / "c.yaml", CASE.format(id="c", name="Council") + "institutional_design:\n  co_governance: true\n")
    (tmp_path / "out").mkdir()
    proc = cli("export", "--labels", "--lang", "es", "-o", "out/l.csv", "--datapackage", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    import csv

    (row,) = csv.DictReader((tmp_path / "out" / "l.csv").open(encoding="utf-8", newline=""))
    assert (row["country"], row["co_governance"]) == ("Perú", "Co-gobernanza: sí")
    tool = Path(sys.executable).with_name("frictionless")
    checked = subprocess.run([str(tool), "validate", "datapackage.json"], cwd=tmp_path / "out", capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout


# --- 12 and 14. the README ---------------------------------------------------------------

# the manual: the README and the pages of the documentation site
README = "\n".join(path.read_text(encoding="utf-8") for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def test_12_sections_that_other_files_name_exist_in_the_manual():
    import re

    for name in (".pre-commit-hooks.yaml", ".pre-commit-config.yaml", "CONTRIBUTING.md", "latinno_lint/lint/rules/lat108_deprecated_code.py"):
        text = (ROOT / name).read_text(encoding="utf-8")
        for where, section in re.findall(r'(README(?:\.md)?|docs/[\w.-]+\.md), "([^"]+)"', text):
            page = (ROOT / ("README.md" if where.startswith("README") else where)).read_text(encoding="utf-8")
            headings = {line.lstrip("#").strip() for line in page.splitlines() if line.startswith("#")}
            assert section in headings, (name, where, section)


def test_12_the_r_recipe_names_the_resource_the_export_writes(tmp_path):
    import re

    write(tmp_path / "cases" / "peru" / "c.yaml", CASE.format(id="c", name="Council"))
    assert cli("export", "-o", "latinno.csv", "--datapackage", cwd=tmp_path).returncode == 0
    written = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))["resources"][0]["name"]
    recipe = re.search(r'read_resource\(read_package\("datapackage.json"\), "([^"]+)"\)', README).group(1)
    assert recipe == written
    assert "latinno-lint export -o latinno.csv --datapackage" in README  # the file name the recipe assumes


def test_12_the_readme_says_where_the_command_lives_and_14_how_to_see_warnings_under_pre_commit():
    assert "`python3 dev.py run ...`" in README and "`.venv/bin/latinno-lint ...`" in README
    assert "add `verbose: true` under `- id: latinno-lint`" in README


# --- 7. suppressions ---------------------------------------------------------------------

CITIZEN_COUNCIL = CASE + "institutional_design:\n  selection: restricted{a}\n  participants: [citizens]{b}\n"
REASON = "  # latinno-lint: ignore[LAT201] an elected citizen council"


def test_7_a_consistency_finding_can_be_accepted_on_the_line_of_either_field(tmp_path):
    case = tmp_path / "cases" / "peru" / "c.yaml"
    for a, b in ((REASON, ""), ("", REASON)):
        write(case, CITIZEN_COUNCIL.format(id="c", name="Council", a=a, b=b))
        proc = cli("check", "--select", "LAT201,LAT9", case)
        assert proc.returncode == 0 and proc.stdout == "", proc.stdout


def test_7_an_unused_suppression_says_where_its_finding_is(tmp_path):
    case = write(tmp_path / "cases" / "peru" / "c.yaml", CITIZEN_COUNCIL.format(id="c", name="Council", a="", b="").replace("name: Council", "name: Council" + REASON))
    proc = cli("check", "--select", "LAT201,LAT9", case)
    assert f"{case}:2:16: LAT900 warning [unused-suppression] suppression of LAT201 is unused: no LAT201 finding on line 2; the LAT201 finding is on line 7: move the comment there" in proc.stdout


def _doc_blocks(name: str) -> list:
    import re

    return re.findall(r"```yaml\n(.*?)```", (ROOT / name).read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("doc", ["docs/checking.md", "CONTRIBUTING.md"])
def test_7_every_suppression_example_in_the_docs_suppresses_what_it_names(tmp_path, doc):
    examples = [block for block in _doc_blocks(doc) if "latinno-lint: ignore[" in block]
    assert examples, doc
    for i, block in enumerate(examples):
        text = CASE.format(id=f"c{i}", name=f"Council {i}") + block if not block.startswith("id:") else block
        case = write(tmp_path / "cases" / "peru" / f"c{i}.yaml", text)
        proc = cli("check", case)
        assert "LAT900" not in proc.stdout and "LAT901" not in proc.stdout, (doc, block, proc.stdout)
        named = block.split("ignore[")[1].split("]")[0]
        unsuppressed = cli("check", "--select", named, write(case, text.replace("# latinno-lint:", "# was:")))
        assert f" {named} " in unsuppressed.stdout, (doc, block)  # the example does hide a real finding


@pytest.mark.parametrize("doc, folder", [("docs/checking.md", "example"), ("CONTRIBUTING.md", "participatory-budget-of-lima")])
def test_7_the_finding_lines_shown_in_the_docs_are_what_check_prints(tmp_path, doc, folder):
    import re

    text = (ROOT / doc).read_text(encoding="utf-8")
    shown = re.search(rf"^cases/peru/{folder}\.yaml:(\d+):(\d+): (LAT101 .*)$", text, re.M)
    line, column, rest = int(shown.group(1)), int(shown.group(2)), shown.group(3)
    head = [f"id: {folder}", "name: Council", "country: PE", "description: A council of residents."]
    padding = ["latinno_id: 17", "name_original: Consejo", "start_year: 2000"][: line - len(head) - 2]
    body = head + padding + ["institutional_design:", "  frequency: regularly"]
    write(tmp_path / "cases" / "peru" / f"{folder}.yaml", "\n".join(body) + "\n")
    proc = cli("check", "--select", "LAT101", f"cases/peru/{folder}.yaml", cwd=tmp_path)
    assert f"cases/peru/{folder}.yaml:{line}:{column}: {rest}" in proc.stdout.splitlines(), proc.stdout


def test_7_one_comment_does_not_hide_every_absent_dimension(tmp_path):
    case = write(
        tmp_path / "cases" / "peru" / "c.yaml",
        "id: c  # latinno-lint: ignore[LAT301] nothing is known\nname: Council\ncountry: PE\ndescription: A council.\nundetermined:\n  means: the page marks the coded means only by styling\n",
    )
    proc = cli("check", "--select", "LAT301,LAT9", case)
    lines = proc.stdout.splitlines()
    assert any("] ends is not coded" in line for line in lines)  # each absent dimension is still reported
    assert not any("] means is not coded" in line for line in lines)  # the one recorded by name is accepted
    (unused,) = [line for line in lines if "LAT900" in line]
    assert unused.startswith(f"{case}:1:8: LAT900 warning [unused-suppression] suppression of LAT301 is unused: no LAT301 finding on line 1; a comment cannot accept a field that is absent")


# --- 8. positions inside block text -----------------------------------------------------


def test_8_findings_in_block_text_point_at_the_characters_and_quote_the_words_around(tmp_path):
    case = write(
        tmp_path / "cases" / "peru" / "c.yaml",
        "id: c\nname: Council\ncountry: PE\ndescription: >-\n  The council meets every month in the town hall\n"
        "  to discuss the  budget of the community?s districts\n  and reports to the mayor.\n"
        "notes: |\n  First line.\n  Second line with  two spaces.\n",
    )
    proc = cli("check", "--select", "LAT305,LAT306", case)
    assert proc.stdout.splitlines() == [
        f"{case}:6:17: LAT305 warning [whitespace] description has 1 run of doubled spaces, the first at '...all to discuss the  budget of the comm...'",
        f"{case}:6:42: LAT306 warning [encoding-damage] description has damaged characters: '...community?s district...' ('?' where an apostrophe belongs: ’ or '); restore them from the source",
        f"{case}:10:19: LAT305 warning [whitespace] notes has 1 run of doubled spaces, the first at '.... Second line with  two spaces.'",
    ]
    # the key line of a block still takes a suppression (a comment inside the block is text)
    write(case, case.read_text().replace("description: >-", "description: >-  # latinno-lint: ignore[LAT305, LAT306] as on the page"))
    proc = cli("check", "--select", "LAT305,LAT306,LAT9", case)
    assert [line.split(" ")[0] for line in proc.stdout.splitlines()] == [f"{case}:10:19:"]


# --- 9. indentation mistakes in plain words ------------------------------------------------

HEAD_LINES = "id: c\nname: Council\ncountry: PE\ndescription: A council.\n"


@pytest.mark.parametrize(
    "body, where, says",
    [
        (
            "institutional_design:\n  formalization: government_program\n   frequency: regular\n",
            "7:4",
            "the indentation of line 7 is off: it is indented 3 spaces while line 6 above it has 2 spaces, so YAML reads it as more "
            "of the value on line 6; indent it as line 6 if it is a key of the same mapping",
        ),
        (
            "institutional_design:\n    formalization: government_program\n  frequency: regular\n",
            "7:3",
            "the indentation of line 7 is off: it is indented 2 spaces which lines it up neither with line 6 above it (4 spaces) nor with the mapping or list that holds line 6;",
        ),
        ("sources:\n  - url: https://example.org/a\n   title: A\n", "7:4", "the indentation of line 7 is off: it is indented 3 spaces"),
        ("  start_year: 2000\n", "5:3", "the indentation of line 5 is off: it is indented 2 spaces while line 4 above it has 0 spaces"),
    ],
)
def test_9_indentation_mistakes_are_said_in_plain_words(tmp_path, body, where, says):
    case = write(tmp_path / "c.yaml", HEAD_LINES + body)
    proc = cli("check", case)
    (line,) = [line for line in proc.stdout.splitlines() if "LAT001" in line]
    assert line.startswith(f"{case}:{where}: LAT001 error [yaml-syntax] YAML syntax error: {says}"), line
    assert "mapping values are not allowed" not in line and "did not find expected" not in line


# --- 14. progress on a terminal only ------------------------------------------------------


def _on_a_terminal(args, env_extra: dict) -> tuple[str, str]:
    """Run the CLI with standard error on a pseudo-terminal: (stdout, what the terminal showed)."""
    import pty

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(ROOT)} | env_extra
    proc = subprocess.Popen([sys.executable, "-m", "latinno_lint", *map(str, args)], stdout=subprocess.PIPE, stderr=follower, env=env, text=True)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        shown += chunk
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.wait(timeout=60)
    os.close(leader)
    return out, shown.decode("utf-8", "replace")


def test_14_progress_shows_on_a_terminal_after_a_while_and_never_in_a_pipe_or_ci(tmp_path):
    for i in range(3):
        write(tmp_path / "cases" / "peru" / f"c{i}.yaml", CASE.format(id=f"c{i}", name=f"Council {i}"))
    out, shown = _on_a_terminal(["check", "--select", "LAT1", tmp_path / "cases"], {"LATINNO_LINT_PROGRESS_AFTER": "0"})
    assert "Checking 3/3 files" in shown and "Checked 3 files" in shown
    assert "Checking" not in out
    _out, shown = _on_a_terminal(["check", "--select", "LAT1", tmp_path / "cases"], {"LATINNO_LINT_PROGRESS_AFTER": "0", "CI": "true"})
    assert "Checking" not in shown and "Checked 3 files" in shown
    _out, shown = _on_a_terminal(["check", "--select", "LAT1", tmp_path / "cases"], {})  # a quick run: nothing
    assert "Checking" not in shown
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LATINNO_LINT_PROGRESS_AFTER": "0"}
    proc = subprocess.run([sys.executable, "-m", "latinno_lint", "check", "--select", "LAT1", tmp_path / "cases"], capture_output=True, text=True, env=env)
    assert "Checking" not in proc.stderr  # a pipe


# --- a schema edit that a rule's code disagrees with --------------------------------

WITHOUT_A_CODE = """
import json, sys
from latinno_lint import schema, vocabulary
dimension, removed = sys.argv[1], sys.argv[2]
root = json.loads(schema.schema_text())
node = root["$defs"][dimension]
node["x-latinno-codes"] = [c for c in node["x-latinno-codes"] if c["const"] != removed]
node.update(vocabulary.editor_view([vocabulary.code_of(c) for c in node["x-latinno-codes"]]))
text = json.dumps(root)
schema.schema_text = lambda: text  # as if the maintainer had edited schema/case.schema.json
from latinno_lint.cli import main
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.parametrize("args", [["check", "cases"], ["rules"], ["export", "cases", "-o", "-"], ["check", "--debug", "cases"]])
def test_a_schema_without_a_code_a_rule_names_gives_one_line_and_exit_2(args):
    proc = subprocess.run([sys.executable, "-c", WITHOUT_A_CODE, "selection", "restricted", *args], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2
    said = (
        "latinno-lint: the rules and the schema disagree: rule LAT201 restricted-citizens-only (lat201_restricted_citizens_only.py) "
        "names 'restricted', which the schema no longer lists as a selection code"
    )
    if "--debug" in args:
        assert "Traceback" in proc.stderr and "VocabularyError" in proc.stderr  # --debug shows where
    else:
        assert proc.stderr.startswith(said) and proc.stderr.count("\n") == 1 and proc.stdout == ""
