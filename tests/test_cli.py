"""The command line: exit codes 0/1/2, output, and never a traceback."""

import json
import os
import subprocess
import sys

import pytest

from latinno_lint.cli import main

from conftest import ROOT, TESTS

GOOD = TESTS / "rules" / "LAT101" / "good.yaml"
BAD = TESTS / "rules" / "LAT101" / "bad.yaml"


def run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_on_the_repository_cases_exits_0(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run(["check"], capsys)
    assert code == 0
    assert "Checked 2 files: 0 errors" in err


def test_errors_exit_1_with_file_line_col(capsys):
    code, out, err = run(["check", str(BAD)], capsys)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{BAD}:6:14: LAT101 error [unknown-code] 'regularly' is not a frequency code")
    assert "(did you mean 'regular'?)" in first


def test_warnings_exit_0_unless_strict(capsys, tmp_path):
    case = tmp_path / "c.yaml"
    case.write_text("id: c\nname: Example  # latinno-lint: ignore[LAT105] unused here\ncountry: PE\ndescription: A council.\n")
    assert run(["check", str(case)], capsys)[0] == 0
    assert run(["check", "--strict", str(case)], capsys)[0] == 1


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2


def test_unknown_rule_in_select_exits_2(capsys):
    code, out, err = run(["check", "--select", "LAT999", str(GOOD)], capsys)
    assert code == 2 and "unknown rule 'LAT999'" in err


def test_unreadable_paths_are_findings(capsys, tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    broken = tmp_path / "broken.yaml"
    broken.symlink_to(tmp_path / "nowhere.yaml")
    code, out, err = run(["check", "--format", "json", str(fifo), str(broken)], capsys)
    findings = json.loads(out)
    assert code == 1
    assert [f["code"] for f in findings] == ["LAT010"] * 2
    assert {f["path"] for f in findings} == {str(fifo), str(broken)}


def test_json_output_has_every_field(capsys):
    code, out, err = run(["check", "--format", "json", str(BAD)], capsys)
    findings = json.loads(out)
    assert set(findings[0]) == {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "fixable", "pointer"}
    assert findings[0]["pointer"] == "/institutional_design/frequency"


def test_github_output_is_workflow_commands(capsys):
    code, out, err = run(["check", "--format", "github", str(BAD)], capsys)
    assert out.startswith(f"::error file={BAD},line=6,col=14,")


def test_statistics_counts_per_rule(capsys):
    code, out, err = run(["check", "--statistics", str(BAD)], capsys)
    assert out.split()[:3] == ["3", "LAT101", "error"]


def test_rules_lists_and_shows_pages(capsys):
    code, out, err = run(["rules"], capsys)
    assert code == 0 and "LAT101  unknown-code" in out
    code, out, err = run(["rules", "unknown-code"], capsys)
    assert code == 0 and out.startswith("LAT101 unknown-code (error, fixable)") and "## Why is this bad" in out
    assert run(["rules", "LAT999"], capsys)[0] == 2


def test_no_traceback_for_any_bad_file_in_a_subprocess(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe\x00garbage: [\n\t- x")
    proc = subprocess.run([sys.executable, "-m", "latinno_lint", "check", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert f"{bad}:1:1: LAT002" in proc.stdout


def test_each_command_is_registered_under_its_own_name():
    from latinno_lint import cli

    assert [module.NAME for module in cli.command_modules(None)] == list(cli.COMMANDS)


def test_a_check_run_imports_no_other_command():
    """A pre-commit run pays only for the check command: the importer, exports and
    codebook stay unloaded, while help still lists every command."""
    probe = (
        "import sys; from latinno_lint.cli import COMMANDS, main; code = main(['check', sys.argv[1]]); "
        "print(sorted(m for m in sys.modules if m.removeprefix('latinno_lint.cli.') in COMMANDS.values()))"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(GOOD)], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.splitlines()[-1] == "['latinno_lint.cli.check']"
    helped = subprocess.run([sys.executable, "-m", "latinno_lint", "--help"], capture_output=True, text=True, cwd=ROOT)
    from latinno_lint import cli

    assert helped.returncode == 0 and all(name in helped.stdout for name in cli.COMMANDS)


@pytest.mark.parametrize("argv", [["chek"], ["--debug"], ["--", "check"]])
def test_a_mistaken_command_line_still_lists_every_command(argv, capsys):
    from latinno_lint import cli

    try:
        code = main(argv)  # no command: help, exit 2
    except SystemExit as exc:  # a usage error: exit 2
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert all(name in err for name in cli.COMMANDS)


def test_only_a_program_run_freezes_its_objects_for_a_quick_exit():
    """Run as the program, main() leaves the interpreter's last collection nothing
    to walk; called with arguments (a library, these tests) it leaves GC alone."""
    probe = "import gc, sys; from latinno_lint.cli import main; main(['rules']); before = gc.get_freeze_count(); sys.argv = ['latinno-lint', 'rules']; main(); print(before, gc.get_freeze_count() > 0)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.splitlines()[-1] == "0 True"
