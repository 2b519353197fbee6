"""The version gate of CI (.ci/schema-gate, run by .ci/run and the GitHub
workflow) in throw-away git repositories: it compares the schema with the last
release tag, or the previous commit, and fails a version bumped too little.
And CHANGELOG.md's newest section names every code and key that changed since
the previous format version."""

import copy
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from latinno_lint.schema import load_schema
from latinno_lint.versions import changes
from latinno_lint.vocabulary import CODES_KEYWORD as CODES

from conftest import ROOT, rederive

GATE = ROOT / ".ci" / "schema-gate"
SCHEMA = "schema/case.schema.json"
BASE = load_schema()
LOG = "# Changelog\n\n## Format {version}\n\n{body}\n"


@pytest.fixture
def env(tmp_path):
    config = tmp_path / "gitconfig"
    config.write_text('[user]\n\tname = t\n\temail = t@t.invalid\n[init]\n\tdefaultBranch = main\n[protocol "file"]\n\tallow = always\n')
    return dict(os.environ, GIT_CONFIG_GLOBAL=str(config), GIT_CONFIG_NOSYSTEM="1", LATINNO_LINT=f"{sys.executable} -m latinno_lint")


def git(repo, env, *args):
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True)


def commit(repo, env, schema, body="", message="change"):
    (repo / "schema").mkdir(parents=True, exist_ok=True)
    (repo / SCHEMA).write_text(json.dumps(schema, indent=2), encoding="utf-8")
    (repo / "CHANGELOG.md").write_text(LOG.format(version=schema["x-latinno-format-version"], body=body), encoding="utf-8")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "--allow-empty", "-m", message)


def versioned(schema, version):
    schema = copy.deepcopy(schema)
    schema["x-latinno-format-version"] = version
    schema["$id"] = schema["$id"].rsplit(":", 1)[0] + ":" + version
    return schema


BASE = versioned(BASE, "1.0.0")  # the history below starts at 1.0.0, whatever version the packaged schema has reached


def with_code(schema, value):
    schema = copy.deepcopy(schema)
    schema["$defs"]["ends"]["items"][CODES].append({"const": value, "title": value})
    return rederive(schema)


def without_code(schema, value):
    schema = copy.deepcopy(schema)
    codes = schema["$defs"]["formalization"][CODES]
    codes[:] = [c for c in codes if c["const"] != value]
    return rederive(schema)


@pytest.fixture
def repo(tmp_path, env):
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(GATE, repo / ".ci" / "schema-gate")
    git(repo, env, "init", "-q")
    commit(repo, env, BASE, "- The first version.", "first")
    return repo


def gate(repo, env):
    run = subprocess.run(["bash", ".ci/schema-gate"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    return run.returncode, run.stdout + run.stderr


def test_the_first_commit_has_nothing_to_compare(repo, env):
    code, output = gate(repo, env)
    assert code == 0 and "the first commit" in output, output


def test_a_bump_too_small_for_the_previous_commit_fails(repo, env):
    commit(repo, env, versioned(without_code(BASE, "government_program"), "1.1.0"), "- Removed `government_program`.")
    code, output = gate(repo, env)
    assert code == 1, output
    assert "comparing schema/case.schema.json with the previous commit" in output
    assert "the changes need a major version bump, but 1.0.0 -> 1.1.0 is a minor bump" in output


def test_a_bump_big_enough_and_named_in_the_changelog_passes(repo, env):
    commit(repo, env, versioned(with_code(BASE, "sustainability"), "1.1.0"), "- Added `sustainability` to `ends`.")
    code, output = gate(repo, env)
    assert code == 0, output
    assert "[code-added]" in output


def test_a_change_the_changelog_does_not_name_fails(repo, env):
    commit(repo, env, versioned(with_code(BASE, "sustainability"), "1.1.0"), "- A new end.")
    code, output = gate(repo, env)
    assert code == 1 and "does not name `sustainability`" in output, output


def test_the_last_release_tag_is_the_base_when_there_is_one(repo, env):
    git(repo, env, "tag", "v0.1.0")
    commit(repo, env, versioned(with_code(BASE, "sustainability"), "1.1.0"), "- Added `sustainability`.")
    commit(repo, env, versioned(without_code(with_code(BASE, "sustainability"), "not_formalized"), "1.1.0"), "- Added `sustainability`; removed `not_formalized`.")
    code, output = gate(repo, env)  # the previous commit alone would see only the removal; the tag sees both
    assert code == 1, output
    assert "with the last release tag, v0.1.0" in output and "[code-added]" in output and "[code-removed]" in output


def test_a_shallow_clone_fetches_the_history_it_needs(repo, env, tmp_path):
    commit(repo, env, versioned(without_code(BASE, "government_program"), "1.0.1"), "- `government_program` removed.")
    clone = tmp_path / "clone"
    git(tmp_path, env, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert git(clone, env, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    code, output = gate(clone, env)
    assert code == 1 and "need a major version bump" in output, output
    assert "the previous commit" in output


# --- this repository ------------------------------------------------------------


def _schemas_in_history():
    """(commit, schema) for each commit that changed the schema, newest first."""
    log = subprocess.run(["git", "log", "--format=%H", "--", SCHEMA], cwd=ROOT, check=True, capture_output=True, text=True)
    for sha in log.stdout.split():
        shown = subprocess.run(["git", "show", f"{sha}:{SCHEMA}"], cwd=ROOT, capture_output=True)
        if shown.returncode == 0:
            yield sha, json.loads(shown.stdout)


def test_the_newest_changelog_section_names_every_change_since_the_previous_format():
    current = load_schema()
    version = current["x-latinno-format-version"]
    previous = next((s for _sha, s in _schemas_in_history() if s.get("x-latinno-format-version") != version), None)
    section = changes.newest_section((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert section is not None and section[0] == version
    if previous is None:  # the first format version: nothing came before it
        assert version == "1.0.0" and list(_schemas_in_history()), "the schema's history is missing (a shallow clone?)"
        return
    result = changes.diff(previous, current)
    assert changes.version_problems(result) == []
    assert changes.unnamed(result.changes, section[1]) == []


def test_ci_runs_the_gate():
    assert "LATINNO_LINT=.venv/bin/latinno-lint .ci/schema-gate" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["schema-version"]
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any(s.get("run") == ".ci/schema-gate" for s in job["steps"])
