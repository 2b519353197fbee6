"""Every rule has a bad and a good example file under tests/rules/<CODE>/; the
findings of that rule must be exactly the ones marked in the file."""

from pathlib import Path

import pytest

from latinno_lint import lint_paths
from latinno_lint.lint.rules import RULES

from conftest import TESTS, deprecating_schema, expected_markers

FIXTURES = TESTS / "rules"
# Codes whose bad example cannot be a file in the repository; the test named covers them.
NOT_A_FILE = {"LAT010": "tests/test_cli.py::test_unreadable_paths_are_findings", "LAT011": "tests/test_tables.py::test_a_bad_indicator_cell_is_lat011_at_its_cell"}
# Rules that need a schema other than the packaged one to report anything: their
# examples are checked against it (the packaged schema deprecates no code).
SCHEMAS = {"LAT108": deprecating_schema}


def _files(example: Path) -> list[Path]:
    if example.is_dir():
        return sorted(p for p in example.rglob("*") if p.suffix in (".yaml", ".yml"))
    return [example]


def _example(code: str, kind: str) -> Path:
    folder = FIXTURES / code
    return folder / f"{kind}.yaml" if (folder / f"{kind}.yaml").exists() else folder / kind


@pytest.mark.parametrize("code", sorted(set(RULES) - set(NOT_A_FILE)))
def test_every_rule_has_examples(code):
    assert _example(code, "bad").exists(), f"tests/rules/{code}/bad.yaml (or bad/) is missing"
    assert _example(code, "good").exists(), f"tests/rules/{code}/good.yaml (or good/) is missing"


def test_rules_without_an_example_file_name_a_test_that_exists():
    for code, test in NOT_A_FILE.items():
        module, name = test.split("::")
        assert code in RULES and f"def {name}(" in (TESTS.parent / module).read_text(encoding="utf-8"), test


def _marked(files) -> set:
    return {(str(f), line, code) for f in files for line, code in expected_markers(f.read_bytes())}


@pytest.fixture
def schema_for(packaged_schema):
    """Install the schema a rule's examples need, if not the packaged one."""

    def install(code):
        if code in SCHEMAS:
            packaged_schema(SCHEMAS[code]())

    return install


@pytest.mark.parametrize("code", sorted(c for c in RULES if (FIXTURES / c).exists()))
def test_bad_example_gives_exactly_the_marked_findings(code, schema_for):
    schema_for(code)
    example = _example(code, "bad")
    files = _files(example)
    expected = {m for m in _marked(files) if m[2] == code}
    assert expected, f"{example} marks no '# expect: {code}'"
    report = lint_paths([str(example)])
    got = {(f.path, f.line, f.code) for f in report.findings if f.code == code}
    assert got == expected


@pytest.mark.parametrize("code", sorted(c for c in RULES if (FIXTURES / c).exists()))
def test_good_example_has_no_finding_of_the_rule(code, schema_for):
    schema_for(code)
    example = _example(code, "good")
    report = lint_paths([str(example)])
    assert [f for f in report.findings if f.code == code] == []
