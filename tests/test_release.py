""".github/workflows/release.yml and its gate, .ci/release-check: on a version
tag the workflow builds with `python dev.py dist`, checks that the tag, the
built distributions, the schema's format version and CHANGELOG.md agree, and
publishes to PyPI and npm by trusted publishing; the gate refuses a release
where they disagree."""

import io
import json
import re
import shutil
import subprocess
import sys
import tarfile

import pytest
import yaml
from test_workflow import WORKFLOW as CI
from test_workflow import workflow_validator

from latinno_lint.data import typegen
from latinno_lint.schema import format_version

from conftest import ROOT
from versions import written_against

RELEASE_FILE = ROOT / ".github" / "workflows" / "release.yml"
RELEASE = yaml.safe_load(RELEASE_FILE.read_text(encoding="utf-8"))
RELEASE["on"] = RELEASE.pop(True)  # PyYAML reads the key `on` as YAML 1.1's true
GATE = ROOT / ".ci" / "release-check"


def steps(job: str) -> list:
    return RELEASE["jobs"][job]["steps"]


def runs(job: str) -> list:
    return [step["run"] for step in steps(job) if "run" in step]


def test_the_release_workflow_is_valid_against_the_vendored_github_workflow_schema():
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in workflow_validator().iter_errors(RELEASE)]
    assert errors == [], written_against("check-jsonschema", "0.39.0")


def test_it_runs_on_version_tags_only():
    assert RELEASE["on"] == {"push": {"tags": ["v[0-9]+.[0-9]+.[0-9]+"]}}
    assert RELEASE["permissions"] == {"contents": "read"}


def test_it_builds_with_dev_py_dist_and_checks_before_publishing():
    build = runs("build")
    assert build[0] == "python dev.py dist"
    assert 'python .ci/release-check "$GITHUB_REF_NAME" dist' in build
    assert ".ci/schema-gate" in build  # the format's version policy, against the last release tag
    checkout = steps("build")[0]
    assert checkout["with"]["fetch-depth"] == 0
    for job in ("pypi", "npm"):
        assert RELEASE["jobs"][job]["needs"] == "build"


def test_pypi_and_npm_are_published_by_trusted_publishing():
    pypi = RELEASE["jobs"]["pypi"]
    assert pypi["permissions"] == {"id-token": "write"}
    [publish] = [s for s in pypi["steps"] if s.get("uses", "").startswith("pypa/gh-action-pypi-publish@")]
    assert "password" not in publish.get("with", {})  # no stored token: OpenID Connect
    npm = RELEASE["jobs"]["npm"]
    assert npm["permissions"] == {"id-token": "write"}
    [command] = runs("npm")
    assert "npm publish --provenance --access public" in command
    assert "NODE_AUTH_TOKEN" not in json.dumps(npm)


@pytest.mark.parametrize("job", sorted(RELEASE["jobs"]))
def test_every_action_is_pinned_to_a_commit_and_shared_ones_as_ci_pins_them(job):
    pins = {step["uses"].split("@")[0]: step["uses"] for ci_job in CI["jobs"].values() for step in ci_job["steps"] if "uses" in step}
    for step in steps(job):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            name = step["uses"].split("@")[0]
            assert pins.get(name, step["uses"]) == step["uses"], f"{name} is pinned otherwise in ci.yml"
    text = RELEASE_FILE.read_text(encoding="utf-8")
    assert all(re.search(r"@[0-9a-f]{40} # v\d", line) for line in text.splitlines() if "uses:" in line), "each pin names its tag"


# --- .ci/release-check --------------------------------------------------------------


@pytest.fixture
def release(python_distributions, tmp_path):
    """A release as the workflow sees it: the built wheel and sdist, an npm
    package of the format's version, and a checkout whose CHANGELOG.md dates
    this version's section."""
    dist = tmp_path / "dist"
    dist.mkdir()
    for path in python_distributions.values():
        shutil.copy(path, dist)
    with tarfile.open(dist / f"{typegen.NPM_NAME}-{format_version()}.tgz", "w:gz") as archive:
        data = typegen.npm_package()["package.json"].encode()
        info = tarfile.TarInfo("package/package.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    root = tmp_path / "checkout"
    (root / "schema").mkdir(parents=True)
    shutil.copy(ROOT / "schema" / "case.schema.json", root / "schema")
    version = re.search(r"-(\d+\.\d+\.\d+)-", python_distributions["wheel"].name)[1]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    changelog = re.sub(rf"^## latinno-lint {re.escape(version)}.*$", f"## latinno-lint {version} (2026-12-31)", changelog, flags=re.M)
    (root / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    return dist, root, version


def gate(tag, dist, root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(GATE), tag, str(dist), "--root", str(root)], capture_output=True, text=True, timeout=60)


def test_the_gate_passes_a_release_that_agrees(release):
    dist, root, version = release
    done = gate(f"v{version}", dist, root)
    assert done.returncode == 0, done.stderr
    assert f"v{version} agrees" in done.stdout


def test_the_gate_refuses_a_tag_that_is_not_the_version(release):
    dist, root, version = release
    done = gate("v99.0.0", dist, root)
    assert done.returncode == 1
    assert f"the tag v99.0.0 is not v{version}" in done.stderr


def test_the_gate_refuses_an_unreleased_changelog_section(release):
    dist, root, version = release
    changelog = root / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(f"## latinno-lint {version} (2026-12-31)", f"## latinno-lint {version} (unreleased)"), encoding="utf-8")
    done = gate(f"v{version}", dist, root)
    assert done.returncode == 1 and "still calls" in done.stderr
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(f"## latinno-lint {version} (unreleased)", "## latinno-lint 0.0.1"), encoding="utf-8")
    done = gate(f"v{version}", dist, root)
    assert done.returncode == 1 and f"no section '## latinno-lint {version}'" in done.stderr


def test_the_gate_refuses_a_format_version_that_disagrees(release):
    dist, root, version = release
    schema_file = root / "schema" / "case.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["x-latinno-format-version"] = "9.9.9"
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    done = gate(f"v{version}", dist, root)
    assert done.returncode == 1
    assert "the schema's format version 9.9.9" in done.stderr
    assert "does not end with its format version 9.9.9" in done.stderr
    assert "is not the format version 9.9.9" in done.stderr


def test_the_gate_refuses_a_folder_without_exactly_one_of_each(release, tmp_path):
    dist, root, version = release
    next(dist.glob("*.whl")).unlink()
    done = gate(f"v{version}", dist, root)
    assert done.returncode == 1 and "0 wheel files, not one" in done.stderr
    assert gate("v1", dist, root).returncode == 1
    usage = subprocess.run([sys.executable, str(GATE)], capture_output=True, text=True)
    assert usage.returncode == 2 and "usage:" in usage.stderr
