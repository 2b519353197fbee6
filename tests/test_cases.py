"""The repository's own cases: valid, warnings only, faithful to the seeds."""

import yaml

from latinno_lint import lint_paths
from latinno_lint.schema import validator

from conftest import ROOT

CASES = ROOT / "cases"


def test_every_case_is_schema_valid():
    files = sorted(CASES.rglob("*.yaml"))
    assert len(files) >= 2
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        assert list(validator().iter_errors(data)) == [], file


def test_cases_have_no_errors():
    report = lint_paths([str(CASES)])
    assert [f for f in report.findings if f.severity == "error"] == []


def test_peru_cases_leave_means_and_ends_out_and_say_why():
    for file in (CASES / "peru").glob("*.yaml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        assert "means" not in data and "ends" not in data
        assert set(data["undetermined"]) == {"means", "ends"}  # cannot be determined from the page, with the reason
        assert all("only by styling" in reason for reason in data["undetermined"].values())
        assert data["country"] == "PE" and file.stem == data["id"]


def test_forum_implements_the_action_plan():
    forum = yaml.safe_load((CASES / "peru" / "multisectorial-open-government-forum.yaml").read_text(encoding="utf-8"))
    assert forum["related"] == [{"id": "open-government-action-plan", "relation": "implements"}]
