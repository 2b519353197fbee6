"""Golden output: every format on a fixed set of case files (tests/golden/cases),
compared exactly with the files in tests/golden/expected/.

When an output change is intended, regenerate and read the diff before committing:

    LATINNO_LINT_UPDATE_GOLDEN=1 python3 dev.py test tests/test_output_formats.py
    git diff tests/golden/expected

A regenerating run writes the files and reports the tests as skipped, so it
can never pass as a check; without the variable any difference fails.
"""

import os
import shutil

import pytest

from latinno_lint import lint_paths
from latinno_lint.cli import main
from latinno_lint.lint.config import load
from latinno_lint.report import formats

from conftest import TESTS

GOLDEN = TESTS / "golden"
EXPECTED = GOLDEN / "expected"
UPDATE = os.environ.get("LATINNO_LINT_UPDATE_GOLDEN") == "1"
CONFIG = ["--config", "latinno-lint.toml"]

RUNS = {
    # name: (arguments, exit code)
    "text": (["check", *CONFIG, "cases"], 1),
    "json": (["check", *CONFIG, "--format", "json", "cases"], 1),
    "github": (["check", *CONFIG, "--format", "github", "cases"], 1),
    "sarif": (["check", *CONFIG, "--format", "sarif", "cases"], 1),
    "statistics": (["check", *CONFIG, "--statistics", "cases"], 1),
    "diff": (["check", *CONFIG, "--diff", "cases"], 1),
    "clean": (["check", *CONFIG, "cases/brazil/limpo.yaml"], 0),
}


def compare(name: str, actual: str) -> None:
    path = EXPECTED / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"{path} is missing; regenerate with LATINNO_LINT_UPDATE_GOLDEN=1"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"output differs from {path.relative_to(TESTS.parent)}"


@pytest.fixture
def in_golden(monkeypatch):
    monkeypatch.chdir(GOLDEN)
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_WORKSPACE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def regenerated() -> None:
    if UPDATE:
        pytest.skip("golden files regenerated; read 'git diff tests/golden/expected' before committing")


@pytest.mark.parametrize("name", list(RUNS))
def test_golden_output(name, in_golden, capsys):
    args, exit_code = RUNS[name]
    code = main(args)
    out, err = capsys.readouterr()
    compare(f"{name}.stdout", out)
    compare(f"{name}.stderr", err)
    regenerated()
    assert code == exit_code


def test_golden_text_in_colour(in_golden):
    findings = lint_paths(["cases"], load("latinno-lint.toml")).findings
    compare("text-colour.stdout", formats.text(findings, colour=True))
    regenerated()


def test_golden_fix_result(in_golden, tmp_path, capsys, monkeypatch):
    shutil.copytree(GOLDEN / "cases", tmp_path / "cases")
    shutil.copy(GOLDEN / "latinno-lint.toml", tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main(["check", *CONFIG, "--fix", "cases"])
    out, err = capsys.readouterr()
    compare("fix.stdout", out)
    compare("fix.stderr", err)
    compare("fixed-consejo-de-participacion.yaml", (tmp_path / "cases" / "peru" / "consejo-de-participacion.yaml").read_text(encoding="utf-8"))
    regenerated()
    assert code == 1
    changed = [p.relative_to(tmp_path).as_posix() for p in sorted((tmp_path / "cases").rglob("*.yaml")) if p.read_bytes() != (GOLDEN / p.relative_to(tmp_path)).read_bytes()]
    assert changed == ["cases/peru/consejo-de-participacion.yaml"], "files with YAML errors and clean files are left alone"


def test_the_golden_files_are_all_used():
    names = {f"{n}.{s}" for n in RUNS for s in ("stdout", "stderr")}
    names |= {"text-colour.stdout", "fix.stdout", "fix.stderr", "fixed-consejo-de-participacion.yaml"}
    assert {p.name for p in EXPECTED.iterdir()} == names, "remove stale golden files"


def test_github_commands_escape_what_would_end_a_property_or_the_message():
    from latinno_lint.finding import Finding

    finding = Finding("cases/a,b:c%.yaml", 2, 3, "LAT101", "unknown-code", "warning", "100% wrong:\nsee, here\r", 2, 9)
    assert formats.github([finding]) == ("::warning file=cases/a%2Cb%3Ac%25.yaml,line=2,col=3,endLine=2,endColumn=9,title=LAT101 unknown-code::LAT101 [unknown-code] 100%25 wrong:%0Asee, here%0D\n")
