""".github/workflows/ci.yml: valid against the GitHub workflow schema that the
check-jsonschema package vendors, and doing what the merge gate promises."""

import json
import re
import tomllib
from importlib import resources

import pytest
import yaml
from jsonschema.validators import validator_for
from packaging.specifiers import SpecifierSet

from latinno_lint.cli import check

from conftest import ROOT
from versions import written_against

WORKFLOW_FILE = ROOT / ".github" / "workflows" / "ci.yml"


def load_workflow() -> dict:
    data = yaml.safe_load(WORKFLOW_FILE.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as the YAML 1.1 boolean true; GitHub reads YAML 1.2
    if True in data:
        data["on"] = data.pop(True)
    return data


WORKFLOW = load_workflow()


def steps(job: str) -> list:
    return WORKFLOW["jobs"][job]["steps"]


def runs(job: str) -> list:
    return [step["run"] for step in steps(job) if "run" in step]


def workflow_validator():
    """A validator for the GitHub workflow schema vendored in check-jsonschema
    (written against check-jsonschema 0.39.0: its vendored copy of the schema)."""
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor").joinpath("github-workflows.json")
    schema = json.loads(vendored.read_text(encoding="utf-8"))
    return validator_for(schema)(schema)


def test_workflow_is_valid_against_the_vendored_github_workflow_schema():
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in workflow_validator().iter_errors(WORKFLOW)]
    assert errors == [], written_against("check-jsonschema", "0.39.0")


def test_the_schema_check_rejects_a_broken_workflow():
    broken = dict(WORKFLOW, jobs={"test": {"steps": [{"run": "true"}]}})  # no runs-on
    assert not workflow_validator().is_valid(broken), written_against("check-jsonschema", "0.39.0")


def test_runs_on_push_and_pull_request():
    assert set(WORKFLOW["on"]) == {"push", "pull_request"}


def test_pre_commit_runs_on_all_files():
    assert any(re.match(r"pre-commit run --all-files\b", command) for command in runs("pre-commit"))


def test_the_suite_runs_with_the_readme_command_on_every_supported_python():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    supported = SpecifierSet(pyproject["project"]["requires-python"])
    versions = WORKFLOW["jobs"]["test"]["strategy"]["matrix"]["python-version"]
    assert all(v in supported for v in versions)
    lowest = min(s.version for s in supported if s.operator == ">=")
    assert lowest in versions, "test the oldest Python that pyproject accepts"
    minors = sorted(int(v.split(".")[1]) for v in versions)
    assert minors == list(range(minors[0], minors[-1] + 1)), "no supported version skipped"
    assert "python dev.py test" in runs("test")


def test_the_dependency_ranges_are_tested_at_both_ends():
    job = WORKFLOW["jobs"]["dependencies"]
    assert job["strategy"]["matrix"]["deps"] == ["oldest", "newest"]
    assert "python dev.py test --deps ${{ matrix.deps }}" in runs("dependencies")
    assert all("--deps" not in command for command in runs("test")), "the Python matrix stays locked"


def test_the_suite_gets_the_npm_packages_before_it_runs():
    test_steps = steps("test")
    npm = next(i for i, step in enumerate(test_steps) if step.get("run", "").startswith("npm ci"))
    assert test_steps[npm]["working-directory"] == "tests/js"
    assert npm < next(i for i, step in enumerate(test_steps) if step.get("run") == "python dev.py test")


def test_cases_are_checked_by_the_repositorys_own_action():
    # the action (action.yml, tests/test_action.py) runs check --format github: annotations, and a failing job
    [step] = [s for s in steps("cases") if s.get("uses") == "./"]
    assert step["with"]["paths"] == "cases" and "fail-on" not in step["with"]
    assert "github" in check.FORMATS


def test_sarif_report_is_uploaded_to_code_scanning():
    job = WORKFLOW["jobs"]["code-scanning"]
    assert job["permissions"]["security-events"] == "write"
    command = next(c for c in runs("code-scanning") if c.startswith("latinno-lint check"))
    assert "--format sarif" in command and "-o results.sarif" in command
    assert "sarif" in check.FORMATS
    upload = next(s for s in steps("code-scanning") if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "results.sarif"


@pytest.mark.parametrize("job", sorted(WORKFLOW["jobs"]))
def test_every_action_is_pinned_to_a_commit(job):
    for step in steps(job):
        if "uses" in step and step["uses"] != "./":  # ./ is this repository's own action, at this commit
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


PAGES_FILE = ROOT / ".github" / "workflows" / "pages.yml"


def load_pages() -> dict:
    data = yaml.safe_load(PAGES_FILE.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_the_pages_workflow_is_valid_and_pinned():
    pages = load_pages()
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in workflow_validator().iter_errors(pages)]
    assert errors == [], written_against("check-jsonschema", "0.39.0")
    for job in pages["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_the_pages_workflow_builds_docs_and_site_and_deploys_only_the_default_branch():
    pages = load_pages()
    assert set(pages["on"]) == {"push", "pull_request"}
    build = pages["jobs"]["build"]
    commands = [step["run"] for step in build["steps"] if "run" in step]
    assert "python dev.py docs" in commands
    site = next(c for c in commands if "latinno-lint site cases" in c)
    assert "-o site/cases" in site and "{path}#L{line}" in site
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site" and "if" not in upload  # a pull request's run uploads it too
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "github.event_name == 'push'" in deploy["if"] and "default_branch" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_the_browser_tests_get_a_browser_in_ci():
    for job in ("test", "dependencies"):
        setup = "\n".join(runs(job))
        assert "LATINNO_LINT_CHROMIUM=" in setup and "LATINNO_LINT_CHROMEDRIVER=" in setup
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium chromium-driver" in ci_run
    assert ci_run.index("chromium-driver") < ci_run.index("python3 dev.py test")
