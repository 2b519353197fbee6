"""action.yml, the composite GitHub Action: valid against the GitHub schemas
(as the workflows are), no input written into a script, and its scripts run
for real in a clone of a repository built here, as a runner would run them."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_review import build

from conftest import ROOT
from gitrepo import Repo

ACTION_FILE = ROOT / "action.yml"
ACTION = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
STEPS = {step["id"]: step for step in ACTION["runs"]["steps"]}


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    """The check-jsonschema command (test lock) with one of its vendored schemas: no network."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True)


def test_the_action_is_valid_against_the_github_actions_schema():
    done = check_jsonschema("vendor.github-actions", ACTION_FILE)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_workflow_is_valid_against_the_github_workflows_schema():
    assert WORKFLOWS
    done = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_rejects_a_broken_action(tmp_path):
    broken = tmp_path / "action.yml"
    broken.write_text(yaml.safe_dump(dict(ACTION, runs={"using": "composite", "steps": [{"run": "true"}]})))  # no shell
    assert check_jsonschema("vendor.github-actions", broken).returncode == 1


def test_no_expression_is_written_into_a_script():
    # a branch name or a path in a script would be shell code; they come in as environment variables
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step["run"], step["id"]
        assert step["shell"] == "bash"


def test_the_inputs_and_their_defaults():
    inputs = ACTION["inputs"]
    assert set(inputs) == {"paths", "fail-on", "baseline", "version"}
    assert inputs["paths"]["default"] == "cases" and inputs["fail-on"]["default"] == "error"
    assert inputs["baseline"]["default"] == "${{ github.base_ref }}"  # the pull request's base; empty on a push
    assert inputs["version"]["default"] == ""
    assert "requirements/run.txt" in STEPS["install"]["run"] and (ROOT / "requirements" / "run.txt").is_file()


def run_step(name: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """A step's script as a runner runs a `shell: bash` step."""
    script = cwd.parent / f"{name}.sh"
    script.write_text(STEPS[name]["run"], encoding="utf-8")
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd, env=env, capture_output=True, text=True)


def outputs(path: Path) -> dict:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


@pytest.fixture
def clone(tmp_path):
    """A pull request's checkout: a shallow clone of branch pr, without main."""
    if shutil.which("bash") is None:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail("CI must run the action's scripts, but bash is not on the PATH")
        pytest.skip("bash is not on the PATH")
    origin = build(tmp_path / "origin")
    work = tmp_path / "work"
    origin.git("clone", "-q", "--depth", "1", "--branch", "pr", f"file://{origin.path}", str(work / "clone"))
    assert "origin/main" not in origin.git("-C", str(work / "clone"), "branch", "-r")
    return origin, work / "clone"


def environment(origin: Repo, clone: Path, **extra: str) -> dict:
    latinno_lint = Path(sys.executable).parent / "latinno-lint"
    assert latinno_lint.is_file()
    return dict(origin.env, GITHUB_OUTPUT=str(clone.parent / "output"), GITHUB_STEP_SUMMARY=str(clone.parent / "summary.md"), LATINNO_LINT=str(latinno_lint), **extra)


def test_on_a_pull_request_the_action_fails_on_the_new_finding_alone_and_summarises_the_change(clone):
    origin, checkout = clone
    env = environment(origin, checkout, BASELINE="main")
    done = run_step("baseline", env, checkout)
    assert done.returncode == 0, done.stderr
    found = outputs(checkout.parent / "output")
    assert found["ref"] == "origin/main" and found["commit"] == origin.git("rev-parse", "main").strip()
    env = environment(origin, checkout, PATHS="cases", FAIL_ON="error", BASELINE=found["ref"])
    done = run_step("check", env, checkout)
    assert done.returncode == 1, done.stderr
    assert re.fullmatch(r"::error file=cases/peru/a\.yaml,line=13,[^\n]*LAT101[^\n]*\n", done.stdout)  # e's old defect is left out
    summary = (checkout.parent / "summary.md").read_text()
    assert summary.startswith("## Cases: origin\\/main → the working tree\n")
    assert "### Moved or renamed (1)" in summary and "### Fixed findings (1)" in summary
    assert "## latinno\\-lint\n" in summary and "1 finding already at origin\\/main left out" in summary
    env["FAIL_ON"] = "never"
    assert run_step("check", env, checkout).returncode == 0


def test_on_a_push_every_finding_counts(clone):
    origin, checkout = clone
    env = environment(origin, checkout, BASELINE="")
    assert run_step("baseline", env, checkout).returncode == 0
    assert not (checkout.parent / "output").exists()  # no baseline: no ref
    done = run_step("check", environment(origin, checkout, PATHS="cases", FAIL_ON="error", BASELINE=""), checkout)
    assert done.returncode == 1
    assert [line.split(",")[0] for line in done.stdout.splitlines()] == ["::error file=cases/peru/a.yaml", "::error file=cases/peru/e.yaml"]
    assert "## Cases" not in (checkout.parent / "summary.md").read_text()


def test_a_wrong_fail_on_stops_the_job(clone):
    origin, checkout = clone
    done = run_step("check", environment(origin, checkout, PATHS="cases", FAIL_ON="sometimes", BASELINE=""), checkout)
    assert done.returncode == 2 and "fail-on must be error, warning or never" in done.stdout
