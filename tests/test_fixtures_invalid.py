"""Invalid case fixtures: each is rejected by the schema and gives the marked finding."""

from pathlib import Path

import pytest
import yaml

from latinno_lint import lint_paths
from latinno_lint.schema import validator

from conftest import TESTS, expected_markers

INVALID = sorted((TESTS / "fixtures" / "invalid").glob("*.yaml"))


def test_there_is_a_fixture_for_each_kind():
    names = {p.stem for p in INVALID}
    assert names >= {"unknown-code", "misspelt-key", "wrong-type", "missing-required-key", "transnational-without-countries", "bad-id-pattern"}


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_is_rejected_by_the_schema(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert not validator().is_valid(data)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_gives_the_marked_findings(path: Path):
    expected = expected_markers(path.read_bytes())
    report = lint_paths([str(path)])
    got = {(f.line, f.code) for f in report.findings if f.severity == "error"}
    assert expected and expected <= got
