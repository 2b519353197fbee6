"""Issue 23: no typo passes. A path that does not exist, a configured dataset
root, files the country check missed, --statistics with --format, stdin for
editors, and the smaller items (relative configuration paths, .YAML files,
an empty --select, an unreadable folder, "did you mean"). Each test names the
item of the issue it covers and runs the real command line."""

import json
import re

import pytest

from latinno_lint.cli import main

from conftest import ROOT

CASE = """\
id: {id}
name: {name}
country: {country}
description: >-
  A council of residents that meets every month to discuss the budget of the district.
"""


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def case(folder, ident, country="PE", name=None):
    return write(folder / f"{ident}.yaml", CASE.format(id=ident, name=name or ident.replace("-", " ").title(), country=country))


# --- 1. a path that does not exist ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--exit-zero"],
        ["check", "--diff"],
        ["check", "--fix"],
        ["check", "--statistics"],
        ["check", "--format", "sarif"],
        ["check", "--format", "json", "--exit-zero"],
        ["stats"],
        ["stats", "--format", "json"],
        ["export"],
        ["export", "--format", "json"],
    ],
)
def test_1_a_missing_path_is_one_line_and_exit_2_for_every_command(tmp_path, monkeypatch, capsys, args):
    monkeypatch.chdir(tmp_path)
    case(tmp_path / "cases" / "peru", "real")
    code, out, err = run([*args, "cases/peru/real.yaml", "nodir/"], capsys)
    assert code == 2 and out == ""
    assert err == "latinno-lint: nodir/: no such file or folder\n"


def test_1_a_missing_table_is_said_the_same_way(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check", "nope.csv", "cases/peru/nope.yaml"], capsys)
    assert (code, out, err) == (2, "", "latinno-lint: nope.csv, cases/peru/nope.yaml: no such file or folder\n")


def test_1_the_python_api_raises_file_not_found(tmp_path):
    from latinno_lint import lint_paths
    from latinno_lint.lint.files import PathNotFound

    with pytest.raises(FileNotFoundError) as raised:
        lint_paths([tmp_path / "nowhere.yaml"])
    assert isinstance(raised.value, PathNotFound) and raised.value.paths == [str(tmp_path / "nowhere.yaml")]


def test_1_a_broken_link_is_still_a_finding_not_a_typo(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    code, out, err = run(["check", "broken.yaml"], capsys)
    assert code == 1 and out.startswith("broken.yaml:1:1: LAT010")


# --- 2. one place finds the dataset root ------------------------------------------


@pytest.fixture
def configured(tmp_path):
    """A repository that keeps its cases in data/cases, configured, with one error in them."""
    write(tmp_path / "pyproject.toml", '[tool.latinno-lint]\ncases-root = "data/cases"\n')
    case(tmp_path / "data" / "cases" / "peru", "council")
    write(tmp_path / "data" / "cases" / "bolivia" / "bad.yaml", CASE.format(id="bad", name="Bad", country="BO") + "means: [bribery]\n")
    return tmp_path


@pytest.mark.parametrize("where", [".", "data", "data/cases/peru"])
def test_2_a_bare_check_uses_the_configured_cases_root(configured, monkeypatch, capsys, where):
    monkeypatch.chdir(configured / where)
    code, out, err = run(["check", "--format", "json"], capsys)
    errors = [f for f in json.loads(out) if f["severity"] == "error"]
    assert code == 1, err
    assert [f["code"] for f in errors] == ["LAT101"]
    assert (configured / "data" / "cases" / "bolivia" / "bad.yaml").samefile(configured / where / errors[0]["path"])
    assert "Checked 2 files: 1 error," in run(["check"], capsys)[2]


def test_2_stats_and_export_default_to_the_configured_root_too(configured, monkeypatch, capsys):
    monkeypatch.chdir(configured / "data" / "cases" / "peru")
    summary = json.loads(run(["stats", "--format", "json"], capsys)[1])
    assert (summary["files"], summary["cases_with_errors"]) == (2, 1)
    exported = json.loads(run(["export", "--format", "json", "--include-invalid"], capsys)[1])
    assert sorted(c["id"] for c in exported) == ["bad", "council"]


def test_2_from_a_subfolder_without_configuration_the_nearest_cases_folder(tmp_path, monkeypatch, capsys):
    case(tmp_path / "cases" / "peru", "council")
    case(tmp_path / "cases" / "bolivia", "other", country="BO")
    monkeypatch.chdir(tmp_path / "cases" / "peru")
    code, out, err = run(["check"], capsys)
    assert code == 0 and "Checked 2 files: 0 errors," in err


def test_2_without_a_root_anywhere_a_bare_check_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check"], capsys)
    assert code == 2 and "no cases/ folder here or above, and no cases-root configured" in err


def test_2_the_all_cases_hook_runs_a_bare_check_as_pre_commit_md_says():
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["latinno-lint-all-cases"]["entry"] == "latinno-lint check"
    assert hooks["latinno-lint-all-cases"]["pass_filenames"] is False
    page = (ROOT / "docs" / "pre-commit.md").read_text(encoding="utf-8")
    assert "`latinno-lint check` (every case under `cases/`, or under the configured `cases-root`)" in page


# --- 5. LAT404 for any file that is not at <root>/<country-slug>/<file> -------------


@pytest.mark.parametrize("where, says", [("bolivia/peru/deep", "in bolivia/peru/ of the dataset root"), ("toplevel", "at the top of the dataset root")])
def test_5_nested_and_top_level_files_get_lat404_naming_the_layout(tmp_path, monkeypatch, capsys, where, says):
    monkeypatch.chdir(tmp_path)
    path = case(tmp_path / "cases" / where.rpartition("/")[0], where.rpartition("/")[2])
    code, out, err = run(["check", "--select", "LAT404", path.relative_to(tmp_path)], capsys)
    assert code == 1
    assert out == (
        f"cases/{where}.yaml:3:10: LAT404 error [country-directory-mismatch] the file is {says}, not in a country folder: "
        "a case file goes in <root>/<country-slug>/<id>.yaml (docs/format.md); move it to peru/\n"
    )
    assert "`cases/<country-slug>/<id>.yaml`" in (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def test_5_a_file_in_its_country_folder_passes(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    case(tmp_path / "cases" / "peru", "council")
    assert run(["check", "--select", "LAT404", "cases"], capsys)[0] == 0


# --- 6. --statistics with --format --------------------------------------------------

BAD = ROOT / "tests" / "rules" / "LAT101" / "bad.yaml"


def test_6_statistics_as_json_counts_what_the_json_findings_hold(capsys):
    code, out, err = run(["check", "--statistics", "--format", "json", BAD], capsys)
    findings = json.loads(run(["check", "--format", "json", BAD], capsys)[1])
    assert code == 1 and err == ""
    assert json.loads(out) == [{"code": "LAT101", "rule": "unknown-code", "severity": "error", "count": len(findings), "fixable": sum(f["fixable"] for f in findings)}]


def test_6_statistics_as_text_is_the_table_with_the_summary(capsys):
    code, out, err = run(["check", "--statistics", BAD], capsys)
    assert code == 1 and out.split()[:4] == ["3", "LAT101", "error", "unknown-code"] and err.startswith("Checked 1 file: 3 errors")


@pytest.mark.parametrize("form", ["github", "sarif"])
def test_6_statistics_with_a_format_of_findings_one_by_one_is_refused(capsys, form):
    code, out, err = run(["check", "--statistics", "--format", form, BAD], capsys)
    assert (code, out) == (2, "") and err.count("\n") == 1 and f"--format {form}" in err and "--format json" in err


# --- 11. smaller -----------------------------------------------------------------


def test_11_a_configuration_error_names_the_file_as_checking_md_shows(tmp_path, monkeypatch, capsys):
    page = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")
    shown = next(line for line in page.splitlines() if line.startswith("latinno-lint: configuration error: "))
    write(tmp_path / "pyproject.toml", '[tool.latinno-lint.severity]\nLAT101 = "fatal"\n')
    case(tmp_path / "cases" / "peru", "council")
    monkeypatch.chdir(tmp_path)
    for args in (["check"], ["check", "--config", tmp_path / "pyproject.toml"]):
        assert run(args, capsys)[::2] == (2, shown + "\n")


@pytest.mark.parametrize("name", ["upper.YAML", "mixed.Yml", "lower.yaml"])
def test_11_case_files_are_found_whatever_the_case_of_their_suffix(tmp_path, monkeypatch, capsys, name):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "cases" / "peru" / name, "id: [broken\n")
    code, out, err = run(["check", "--no-cache"], capsys)
    assert code == 1 and out.startswith(f"cases/peru/{name}:") and "Checked 1 file:" in err


@pytest.fixture
def locked(tmp_path, monkeypatch):
    """cases/peru with one case and cases/locked, a folder whose listing fails as
    an unreadable folder's does (os.scandir raises PermissionError; a real
    mode 000 does not stop root, and tests/test_security.py runs that as
    another user)."""
    import errno
    import os

    monkeypatch.chdir(tmp_path)
    case(tmp_path / "cases" / "peru", "council")
    folder = case(tmp_path / "cases" / "locked", "hidden").parent
    real = os.scandir

    def scandir(path="."):
        if os.path.realpath(path) == str(folder.resolve()):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return tmp_path


@pytest.mark.parametrize("extra", [[], ["--no-cache"], ["--fix"], ["--select", "LAT0,LAT1"]])
def test_11_an_unreadable_folder_is_an_error_but_no_checked_file(locked, capsys, extra):
    code, out, err = run(["check", *extra, "cases"], capsys)
    assert code == 1
    assert out.startswith("cases/locked:1:1: LAT010 error [unreadable-file] cases/locked is a folder that cannot be read: permission denied")
    assert "Checked 1 file: 1 error," in err


def test_11_only_an_unreadable_folder_checks_no_file_and_says_why(locked, capsys):
    code, out, err = run(["check", "cases/locked"], capsys)
    assert code == 1 and out.startswith("cases/locked:1:1: LAT010") and err.endswith("Checked 0 files: 1 error, 0 warnings.\n")


def test_11_stats_and_export_do_not_count_an_unreadable_folder_as_a_file(locked, capsys):
    summary = json.loads(run(["stats", "--format", "json", "cases"], capsys)[1])
    assert (summary["files"], summary["cases"], summary["unreadable_folders"]) == (1, 1, 1)
    code, out, err = run(["export", "--format", "json", "cases"], capsys)
    assert code == 1 and [c["id"] for c in json.loads(out)] == ["council"]
    assert "left out the cases of 1 folder that could not be read:\n  cases/locked:1:1: LAT010" in err


def test_11_an_empty_select_is_a_usage_error(capsys):
    for flag in ("--select", "--ignore", "--extend-select"):
        with pytest.raises(SystemExit) as stopped:
            main(["check", flag, " , ", str(BAD)])
        err = capsys.readouterr().err
        assert stopped.value.code == 2 and f"argument {flag}: names no rule (' , ')" in err


@pytest.mark.parametrize("argv, says", [(["chek", "cases"], "'chek' (did you mean 'check'?)"), (["--debug", "rule"], "'rule' (did you mean 'rules'?)"), (["xyzzy"], "'xyzzy'")])
def test_11_a_mistyped_command_gets_did_you_mean(capsys, argv, says):
    from latinno_lint.cli import COMMANDS

    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith(f"latinno-lint: error: unknown command {says}; the commands are {', '.join(COMMANDS)}\n")


@pytest.mark.parametrize("given, meant", [("restricted-citizen-only", "restricted-citizens-only"), ("LAT2001", "LAT201"), ("unknwn-code", "unknown-code")])
def test_11_a_mistyped_rule_gets_did_you_mean(capsys, given, meant):
    code, out, err = run(["rules", given], capsys)
    assert (code, out) == (2, "") and err == f"latinno-lint: unknown rule {given!r} (did you mean {meant!r}?); run 'latinno-lint rules' for the list\n"
    code, out, err = run(["check", "--select", given, BAD], capsys)
    assert code == 2 and f"unknown rule {given!r} (did you mean {meant!r}?)" in err


# --- 7. standard input, for editors ----------------------------------------------

EDITED = """\
id: x
name: Council of Lima
country: BO
description: A council.
institutional_design:
  frequency: Regular  # latinno-lint: ignore[LAT999] a suppression the file has
related:
  - id: old-name
    relation: related_to
"""


@pytest.fixture
def editing(tmp_path, monkeypatch):
    """A dataset in which cases/peru/x.yaml is on disk as id old-name (other.yaml
    relates to it, third.yaml has its name), and EDITED is the buffer being typed."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.latinno-lint.per-file-ignores]\n"cases/peru/x.yaml" = ["LAT303"]\n')
    write(tmp_path / "cases" / "peru" / "x.yaml", CASE.format(id="old-name", name="Old", country="PE"))
    write(tmp_path / "cases" / "peru" / "other.yaml", CASE.format(id="other", name="Other", country="PE") + "related:\n  - id: x\n    relation: related_to\n")
    write(tmp_path / "cases" / "bolivia" / "third.yaml", CASE.format(id="third", name="Council of Lima", country="BO"))
    return tmp_path


def feed(monkeypatch, text: str) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))


@pytest.mark.parametrize("extra", [[], ["--no-cache"], ["--format", "sarif"], ["--strict"]])
def test_7_stdin_gives_the_findings_of_the_file_it_names(editing, monkeypatch, capsys, extra):
    feed(monkeypatch, EDITED)
    code, out, err = run(["check", "--stdin-filename", "cases/peru/x.yaml", *extra, "-"], capsys)
    assert (editing / "cases" / "peru" / "x.yaml").read_text(encoding="utf-8").startswith("id: old-name")  # nothing written
    (editing / "cases" / "peru" / "x.yaml").write_text(EDITED, encoding="utf-8")  # what the editor would save
    assert run(["check", *extra, "cases/peru/x.yaml"], capsys) == (code, out, err)
    if not extra:
        codes = {line.split()[1] for line in out.splitlines()}
        assert {"LAT404", "LAT407", "LAT405", "LAT101", "LAT901"} <= codes and "LAT303" not in codes, out  # folder, index, config, suppressions
        assert "cases/peru/x.yaml:8:9: LAT405" in out  # the buffer's relation: old-name is its own id no more


def test_7_stdin_stands_in_for_the_file_in_the_index(editing, monkeypatch, capsys):
    feed(monkeypatch, EDITED.replace("id: x", "id: third"))
    code, out, err = run(["check", "--select", "LAT401", "--stdin-filename", "cases/peru/x.yaml", "-"], capsys)
    assert code == 1 and out.startswith("cases/peru/x.yaml:1:5: LAT401") and "cases/bolivia/third.yaml" in out
    feed(monkeypatch, CASE.format(id="old-name", name="Old", country="PE"))
    assert run(["check", "--select", "LAT401", "--stdin-filename", "cases/peru/x.yaml", "-"], capsys)[:2] == (0, "")  # the disk file is not counted twice


def test_7_a_dash_alone_is_checked_as_stdin_without_folder_or_dataset(editing, monkeypatch, capsys):
    feed(monkeypatch, EDITED)
    code, out, err = run(["check", "-"], capsys)
    codes = {line.split()[1] for line in out.splitlines()}
    assert code == 1 and all(line.startswith("<stdin>:") for line in out.splitlines())
    assert "LAT101" in codes and not any(c.startswith("LAT4") for c in codes) and err.startswith("Checked 1 file:")


def test_7_fix_prints_the_fixed_text_and_reports_on_stderr(editing, monkeypatch, capsys):
    feed(monkeypatch, EDITED)
    code, out, err = run(["check", "--fix", "--stdin-filename", "cases/peru/x.yaml", "-"], capsys)
    assert out == EDITED.replace("frequency: Regular", "frequency: regular")
    assert code == 1 and "LAT101" not in err and "cases/peru/x.yaml:3:10: LAT404" in err
    assert (editing / "cases" / "peru" / "x.yaml").read_text(encoding="utf-8").startswith("id: old-name")
    feed(monkeypatch, "id: [broken\n")
    code, out, err = run(["check", "--fix", "-"], capsys)
    assert (code, out) == (1, "id: [broken\n") and "<stdin>:" in err  # nothing to fix: the text as it came


def test_7_diff_shows_what_fix_would_print(editing, monkeypatch, capsys):
    feed(monkeypatch, EDITED)
    code, out, err = run(["check", "--diff", "--stdin-filename", "cases/peru/x.yaml", "-"], capsys)
    assert code == 1 and "-  frequency: Regular" in out and "+  frequency: regular" in out and out.startswith("--- a/cases/peru/x.yaml")


@pytest.mark.parametrize(
    "argv, says",
    [
        (["--stdin-filename", "cases/peru/x.yaml", "cases"], "give - as the only PATH"),
        (["-", "cases"], "- reads one case file from standard input"),
        (["--stdin-filename", "table.csv", "-"], "not a table"),
    ],
)
def test_7_stdin_command_lines_that_cannot_work_are_refused(editing, monkeypatch, capsys, argv, says):
    feed(monkeypatch, EDITED)
    code, out, err = run(["check", *argv], capsys)
    assert (code, out) == (2, "") and says in err and err.count("\n") == 1


def test_7_the_editors_page_command_runs_as_written(editing):
    import subprocess
    import sys

    page = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    shown = re.search(r"^cat (\S+) \| latinno-lint check --stdin-filename (\S+) -$", page, re.M)
    assert shown and shown[1] == shown[2] and shown[1].startswith("cases/peru/"), "editors.md shows a buffer piped in under its own name"
    path = shown[1]
    (editing / path).write_text(EDITED, encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    piped = f"cat {path} | {sys.executable} -m latinno_lint check --stdin-filename {path} -"
    proc = subprocess.run(piped, shell=True, capture_output=True, text=True, cwd=editing, env=env)
    direct = subprocess.run([sys.executable, "-m", "latinno_lint", "check", path], capture_output=True, text=True, cwd=editing, env=env)
    assert (proc.returncode, proc.stdout, proc.stderr) == (direct.returncode, direct.stdout, direct.stderr) and proc.returncode == 1


def test_7_a_buffer_of_a_dataset_not_yet_made_gets_the_folder_rules_and_no_note(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    feed(monkeypatch, CASE.format(id="x", name="X", country="BO"))
    code, out, err = run(["check", "--select", "LAT4", "--stdin-filename", "cases/peru/y.yaml", "-"], capsys)
    assert code == 1 and [line.split()[1] for line in out.splitlines()] == ["LAT403", "LAT404"]
    assert err == "Checked 1 file: 2 errors, 0 warnings.\n" and not (tmp_path / "cases").exists()
