"""Configuration: [tool.latinno-lint] in pyproject.toml or --config FILE, command-line
overrides, and one clear line (naming the file and the key) with exit 2 for every
configuration error."""

import json
import re
import textwrap

import pytest

from latinno_lint.cli import main
from latinno_lint.lint import config, rules

from conftest import ROOT

CASE = """\
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  frequency: regularly
  colour: red
notes: x  # latinno-lint: ignore[LAT105] stale
"""
# LAT101 error on line 6, LAT102 error on line 7, LAT900 warning on line 8


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with cases/peru/example.yaml, as the current folder."""
    folder = tmp_path / "project"
    (folder / "cases" / "peru").mkdir(parents=True)
    (folder / "cases" / "peru" / "example.yaml").write_text(CASE, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def write_config(folder, body: str, name="pyproject.toml", table="[tool.latinno-lint]\n"):
    path = folder / name
    path.write_text(table + textwrap.dedent(body), encoding="utf-8")
    return path


def check(capsys, *args):
    code = main(["check", "--format", "json", *args])
    out, err = capsys.readouterr()
    findings = json.loads(out) if code != 2 else None
    if findings:  # the file, schema and suppression rules this test's case is made for; other rules have their own tests
        findings = [f for f in findings if f["code"][:4] in ("LAT0", "LAT1", "LAT9")]
    return code, findings, err


def summary(findings):
    return [(f["line"], f["code"], f["severity"]) for f in findings]


def test_defaults_without_configuration(project, capsys):
    code, findings, _ = check(capsys, "cases")
    assert code == 1
    assert summary(findings) == [(6, "LAT101", "error"), (7, "LAT102", "error"), (8, "LAT900", "warning")]


def test_select_ignore_and_extend_select(project, capsys):
    write_config(project, 'select = ["LAT1"]\n')
    assert [f["code"] for f in check(capsys, "cases")[1]] == ["LAT101", "LAT102"]
    write_config(project, 'select = ["unknown-code"]\nextend-select = ["LAT105", "LAT900"]\n')
    assert [f["code"] for f in check(capsys, "cases")[1]] == ["LAT101", "LAT900"]
    write_config(project, 'ignore = ["LAT101", "unused-suppression"]\n')
    assert [f["code"] for f in check(capsys, "cases")[1]] == ["LAT102"]


def test_a_suppression_is_unused_only_when_its_rule_ran(project, capsys):
    write_config(project, 'select = ["LAT900"]\n')
    assert check(capsys, "cases")[1] == [], "LAT105 did not run, so the suppression cannot be judged"


def test_severity_changes_level_and_exit_code(project, capsys):
    write_config(project, '[tool.latinno-lint.severity]\nLAT101 = "warning"\nunknown-key = "warning"\nLAT900 = "error"\n', table="")
    code, findings, _ = check(capsys, "cases")
    assert summary(findings) == [(6, "LAT101", "warning"), (7, "LAT102", "warning"), (8, "LAT900", "error")]
    assert code == 1
    write_config(project, 'ignore = ["LAT900"]\nseverity = {LAT101 = "warning", LAT102 = "warning"}\n')
    assert check(capsys, "cases")[0] == 0, "warnings alone do not fail the run"


def test_fail_on_warning(project, capsys):
    write_config(project, 'select = ["LAT105", "LAT900"]\n')
    assert check(capsys, "cases")[0] == 0
    write_config(project, 'select = ["LAT105", "LAT900"]\nfail-on = "warning"\n')
    assert check(capsys, "cases")[0] == 1


def test_per_file_ignores_are_relative_to_the_configuration_file(project, capsys, monkeypatch):
    write_config(project, '[tool.latinno-lint.per-file-ignores]\n"cases/peru/*" = ["LAT102"]\n"cases/chile/*" = ["LAT101"]\n', table="")
    assert [f["code"] for f in check(capsys, "cases")[1]] == ["LAT101", "LAT900"]
    assert [f["code"] for f in check(capsys, str(project / "cases" / "peru" / "example.yaml"))[1]] == ["LAT101", "LAT900"]
    monkeypatch.chdir(project / "cases")  # the nearest pyproject.toml is found above
    assert [f["code"] for f in check(capsys, "peru/example.yaml")[1]] == ["LAT101", "LAT900"]


def test_cases_root_is_resolved_relative_to_the_configuration(project):
    path = write_config(project, 'cases-root = "cases"\n')
    assert config.load(str(path)).cases_root == project / "cases"
    assert config.load(start=project / "cases" / "peru").cases_root == project / "cases"


def test_rule_options(project, monkeypatch):
    monkeypatch.setattr(rules, "option_defaults", lambda: {"min-description-length": 40, "strict-names": False})
    path = write_config(project, "[tool.latinno-lint.options]\nmin-description-length = 80\n", table="")
    loaded = config.load(str(path))
    assert loaded.option("min-description-length") == 80
    assert loaded.option("strict-names") is False, "unset options keep their default"


def test_config_flag_reads_the_named_file(project, capsys):
    write_config(project, 'select = ["LAT101"]\n')  # the pyproject.toml the flag overrides
    other = write_config(project, 'select = ["LAT102"]\n', name="lint.toml", table="")
    assert [f["code"] for f in check(capsys, "--config", str(other), "cases")[1]] == ["LAT102"]
    tooled = write_config(project, 'select = ["LAT105", "LAT900"]\n', name="tooled.toml")
    assert [f["code"] for f in check(capsys, "--config", str(tooled), "cases")[1]] == ["LAT900"]
    assert [f["code"] for f in check(capsys, "cases")[1]] == ["LAT101"]


def test_command_line_overrides_the_configuration(project, capsys):
    write_config(project, 'select = ["LAT101"]\nignore = ["LAT900"]\n')
    assert [f["code"] for f in check(capsys, "--select", "LAT102,LAT900", "cases")[1]] == ["LAT102"]
    assert [f["code"] for f in check(capsys, "--extend-select", "LAT102", "cases")[1]] == ["LAT101", "LAT102"]
    assert [f["code"] for f in check(capsys, "--ignore", "LAT101", "--extend-select", "LAT102", "cases")[1]] == ["LAT102"]
    write_config(project, 'select = ["LAT105", "LAT900"]\n')
    assert check(capsys, "cases")[0] == 0
    assert check(capsys, "--strict", "cases")[0] == 1


def test_a_pyproject_without_the_table_is_skipped_on_the_way_up(project, capsys):
    write_config(project, 'select = ["LAT102"]\n')
    (project / "cases" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert config.find_pyproject(project / "cases" / "peru") == project / "pyproject.toml"


def test_a_pyproject_that_cannot_hold_the_table_is_not_even_parsed(project, monkeypatch):
    """Not our file: even broken TOML in it is no error of ours, and tomllib is
    not loaded for it. A table spelled with TOML escapes is still found."""
    write_config(project, 'select = ["LAT102"]\n')
    (project / "cases" / "pyproject.toml").write_text('[project\nname = "x"\n', encoding="utf-8")
    parsed = []
    real = config._read
    monkeypatch.setattr(config, "_read", lambda path: parsed.append(path) or real(path))
    assert config.find_pyproject(project / "cases" / "peru") == project / "pyproject.toml"
    assert parsed == [project / "pyproject.toml"]
    (project / "cases" / "pyproject.toml").write_text('[tool."\\u006catinno-lint"]\nselect = ["LAT101"]\n', encoding="utf-8")
    assert config.find_pyproject(project / "cases" / "peru") == project / "cases" / "pyproject.toml"


@pytest.mark.parametrize(
    "text",
    [
        '[tool.latinno-lint]\nselect = ["LAT101"]\n',
        '[tool."latinno-lint"]\nselect = ["LAT101"]\n',
        "[ tool . 'latinno-lint' ]\nselect = [\"LAT101\"]\n",
        '[tool.latinno-lint.severity]\nLAT101 = "warning"\n',
        'tool.latinno-lint.select = ["LAT101"]\n',
        '[tool]\nlatinno-lint = { select = ["LAT101"] }\n',
        '[tool]\n"latinno-lint".select = ["LAT101"]\n',
    ],
)
def test_every_spelling_of_the_table_is_found(tmp_path, text):
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert config.find_pyproject(tmp_path) == tmp_path / "pyproject.toml"


def test_a_project_that_only_depends_on_latinno_lint_is_not_parsed_for_a_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "data"\ndependencies = [\n  "latinno-lint>=0.1"\n]\ndescription = "checked with latinno-lint"\n', encoding="utf-8")
    assert not config._may_hold_table(tmp_path / "pyproject.toml")


@pytest.mark.parametrize("flag", ["--select", "--ignore", "--extend-select"])
def test_unknown_codes_on_the_command_line_exit_2(project, capsys, flag):
    code, _, err = check(capsys, flag, "LAT101,LAT999", "cases")
    assert code == 2
    assert err == f"latinno-lint: configuration error: {flag}: unknown rule 'LAT999'; see 'latinno-lint rules' for the codes\n"


ERRORS = [
    ("unknown key", 'colour = "red"\n', "colour: unknown key"),
    ("misspelt key", 'extend_select = ["LAT101"]\n', "extend_select: unknown key"),
    ("unknown code", 'select = ["LAT999"]\n', "select: unknown rule 'LAT999'"),
    ("unknown name", 'ignore = ["no-such-rule"]\n', "ignore: unknown rule 'no-such-rule'"),
    ("not a list", 'select = "LAT101"\n', "select: must be a list"),
    ("not a code", "extend-select = [101]\n", "extend-select: 101 is not a rule code"),
    ("severity of unknown code", 'severity = {LAT999 = "error"}\n', "severity.LAT999: unknown rule"),
    ("bad severity", 'severity = {LAT101 = "fatal"}\n', "severity.LAT101: must be 'error' or 'warning', not 'fatal'"),
    ("severity not a table", 'severity = "warning"\n', "severity: must be a table"),
    ("per-file-ignores not a list", 'per-file-ignores = {"cases/*" = "LAT101"}\n', "per-file-ignores.'cases/*': must be a list"),
    ("per-file-ignores unknown code", 'per-file-ignores = {"cases/*" = ["LAT999"]}\n', "per-file-ignores.'cases/*': unknown rule 'LAT999'"),
    ("bad fail-on", 'fail-on = "never"\n', "fail-on: must be 'error' or 'warning', not 'never'"),
    ("cases-root missing", 'cases-root = "nowhere"\n', "cases-root: 'nowhere' is not a folder"),
    ("cases-root not text", "cases-root = 1\n", "cases-root: must be a folder path"),
    ("unknown option", "options = {colour = 1}\n", "options.colour: unknown option"),
    ("wrong option type", 'options = {min-description-length = "long"}\n', "options.min-description-length: must be a whole number, not 'long'"),
    ("bool for a number", "options = {min-description-length = true}\n", "options.min-description-length: must be a whole number, not True"),
    ("options not a table", "options = 3\n", "options: must be a table"),
]


@pytest.mark.parametrize("body, expected", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_configuration_errors_exit_2_with_one_line_naming_file_and_key(project, capsys, monkeypatch, body, expected):
    monkeypatch.setattr(rules, "option_defaults", lambda: {"min-description-length": 40})
    path = write_config(project, body)
    code, _, err = check(capsys, "cases")
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"latinno-lint: configuration error: {path.relative_to(project)} [tool.latinno-lint]: {expected}"), err


def test_errors_in_a_standalone_config_file_name_it(project, capsys):
    path = write_config(project, 'colour = "red"\n', name="lint.toml", table="")
    code, _, err = check(capsys, "--config", str(path), "cases")
    assert code == 2 and err.startswith(f"latinno-lint: configuration error: {path.relative_to(project)}: colour: unknown key")


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"[tool.latinno-lint]\nselect = [\n", "not valid TOML: "),
        (b'[tool.latinno-lint]\nselect = ["LAT101"]\nselect = []\n', "not valid TOML: "),
        (b'[tool.latinno-lint]\nnotes = "caf\xe9"\n', "not valid TOML: the file is not UTF-8"),
    ],
)
def test_bad_toml_exits_2(project, capsys, content, expected):
    (project / "pyproject.toml").write_bytes(content)
    code, _, err = check(capsys, "cases")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"latinno-lint: configuration error: pyproject.toml: {expected}")
    if "UTF-8" not in expected:
        assert "(at " in err, "the TOML error says where"


def test_missing_or_tableless_config_file_exits_2(project, capsys):
    code, _, err = check(capsys, "--config", "missing.toml", "cases")
    assert code == 2 and err == "latinno-lint: configuration error: missing.toml: configuration file not found\n"
    other = project / "other" / "pyproject.toml"
    other.parent.mkdir()
    other.write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, _, err = check(capsys, "--config", str(other), "cases")
    assert code == 2 and err == "latinno-lint: configuration error: other/pyproject.toml: has no [tool.latinno-lint] table\n"


def test_the_readme_example_is_a_valid_configuration(project):
    readme = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[tool\.latinno-lint\].*?)```", readme, re.S).group(1)
    (project / "cases" / "transnational").mkdir()
    path = write_config(project, example, table="")
    loaded = config.load(str(path))
    assert loaded.fail_on == "warning" and loaded.severity == {"LAT102": "warning"}
    assert loaded.enabled("LAT901") and not loaded.enabled("LAT102") and not loaded.enabled("LAT900")


def test_a_folder_above_that_cannot_be_searched_for_a_configuration_is_said_not_a_traceback(as_nobody, monkeypatch):
    """Run from inside a folder whose parent the user cannot search (a checkout in
    /root, seen by another user): whether a pyproject.toml is there cannot be
    told, so the run stops with one line naming it (exit 2), as for an
    unreadable one, and not with an internal error."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    python, user = as_nobody
    shared = Path(tempfile.mkdtemp(prefix="latinno-lint-config-"))
    private = shared / "private"
    try:
        shared.chmod(0o755)
        case = shared / "cases" / "peru" / "open-government-action-plan.yaml"
        case.parent.mkdir(parents=True)
        shutil.copy(ROOT / "cases" / "peru" / case.name, case)
        for folder in (shared / "cases", case.parent):
            folder.chmod(0o755)
        (private / "work").mkdir(parents=True)
        (private / "work").chmod(0o777)
        (private / "pyproject.toml").write_text('[tool.latinno-lint]\nfail-on = "warning"\n', encoding="utf-8")
        monkeypatch.chdir(private / "work")
        private.chmod(0o000)
        proc = subprocess.run([*python, "-m", "latinno_lint", "check", str(case)], capture_output=True, text=True, timeout=60, **user)
        assert proc.returncode == 2 and "internal error" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.count("\n") == 1 and "pyproject.toml" in proc.stderr and "Permission denied" in proc.stderr, proc.stderr
        proc = subprocess.run([*python, "-m", "latinno_lint", "check", "--config", str(private / "pyproject.toml"), str(case)], capture_output=True, text=True, timeout=60, **user)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Permission denied" in proc.stderr, proc.stderr
    finally:
        private.chmod(0o755)
        shutil.rmtree(shared)
