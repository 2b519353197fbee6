"""pre-commit: this repository's hook configuration and the hooks it publishes.

The fast tests read .pre-commit-config.yaml and .pre-commit-hooks.yaml. The
slow tests run the real pre-commit (`try-repo`, and the README's set-up with
`pre-commit install` and `git commit`) against a committed copy of this
working tree, as a downstream data repository uses the published hooks:
pre-commit clones the copy, installs it with pip (dependencies from PyPI) and
runs it. Each installs an environment, so they take a minute together.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from test_format_docs import README, blocks, section

from latinno_lint.cli import main
from latinno_lint.version import __version__
from latinno_lint.vocabulary import CODES_KEYWORD

from conftest import ROOT, rederive
from versions import written_against

CONFIG = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
MANIFEST = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCAL_HOOKS = {hook["id"]: hook for repo in CONFIG["repos"] for hook in repo["hooks"]}

GOOD_CASE = """\
id: neighbourhood-council
name: Neighbourhood Council
country: PE
description: >-
  Residents meet every month to advise the municipality on local spending.
institutional_design:
  frequency: regular
  selection: open
"""
BAD_CASE = GOOD_CASE.replace("neighbourhood-council", "bad-council").replace("Neighbourhood", "Bad").replace("frequency: regular", "frequency: regularly")
FIXABLE_CASE = GOOD_CASE.replace("neighbourhood-council", "fixable-council").replace("Neighbourhood", "Fixable").replace("frequency: regular", "frequency: Regular") + "means: [E-Participation]\n"
FIXED_CASE = FIXABLE_CASE.replace("frequency: Regular", "frequency: regular").replace("[E-Participation]", "[e_participation]")


def test_no_hook_repository_is_cloned_and_every_dependency_is_pinned():
    assert [repo["repo"] for repo in CONFIG["repos"]] == ["local"], "only PyPI is reachable: use local hooks"
    for hook in LOCAL_HOOKS.values():
        assert hook["language"] == "python", hook["id"]
        assert hook.get("additional_dependencies"), hook["id"]
        for dependency in hook["additional_dependencies"]:
            specifiers = list(Requirement(dependency).specifier)
            assert len(specifiers) == 1 and specifiers[0].operator == "==", f"{hook['id']}: pin {dependency!r} to a release"


def test_the_repository_hook_installs_every_runtime_dependency_of_the_package():
    pins = {}
    for dependency in LOCAL_HOOKS["latinno-lint"]["additional_dependencies"]:
        requirement = Requirement(dependency)
        pins[canonicalize_name(requirement.name)] = next(iter(requirement.specifier)).version
    for dependency in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(dependency)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"add {requirement.name} to the latinno-lint hook's additional_dependencies"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} does not satisfy {requirement}"
        locked = re.search(rf"^{re.escape(name)}==(\S+)", (ROOT / "requirements" / "run.txt").read_text(encoding="utf-8"), re.M | re.I)
        assert locked and locked[1] == pins[name], f"the hook pins {name}=={pins[name]}, requirements/run.txt {locked and locked[1]}: keep them equal"


@pytest.mark.parametrize("hook_id", ["mypy", "ruff", "ruff-format"])
def test_the_code_check_hooks_run_the_versions_of_the_test_lock(hook_id):
    """pre-commit and `dev.py test`'s .venv (what .ci/run and an editor use)
    check the code with the same releases, so they cannot disagree."""
    locked = (ROOT / "requirements" / "test.txt").read_text(encoding="utf-8")
    for dependency in LOCAL_HOOKS[hook_id]["additional_dependencies"]:
        requirement = Requirement(dependency)
        name, version = canonicalize_name(requirement.name), next(iter(requirement.specifier)).version
        pinned = re.search(rf"^{re.escape(name)}==(\S+)", locked, re.M | re.I)
        assert pinned and pinned[1] == version, f"{hook_id}: {dependency}, requirements/test.txt {pinned and pinned[1]}: keep them equal"


def test_the_repository_hook_runs_the_linter_from_the_checkout():
    hook = LOCAL_HOOKS["latinno-lint"]
    # `python -m` puts the working directory (the repository root) first on sys.path
    assert hook["entry"].split()[:3] == ["python", "-m", "latinno_lint"]
    assert hook["files"] == MANIFEST["latinno-lint"]["files"]


@pytest.mark.parametrize(
    "path, fixed",
    [
        ("tests/test_cli.py", True),
        ("README.md", True),
        ("tests/rules/LAT001/bad.yaml", False),
        ("tests/golden/cases/chile/roto.yaml", False),
        ("tests/golden/expected.txt", False),
    ],
)
def test_fixers_and_yaml_check_leave_test_data_alone(path, fixed):
    for hook_id in ("trailing-whitespace", "end-of-file-fixer", "check-yaml"):
        assert (re.search(LOCAL_HOOKS[hook_id]["exclude"], path) is None) == fixed, hook_id


@pytest.mark.parametrize(
    "path, linted",
    [
        ("cases/peru/open-government-action-plan.yaml", True),
        ("cases/costa-rica/some-case.yml", True),
        ("cases/peru/written-on-windows.YAML", True),
        ("templates/case.yaml", False),
        ("tests/rules/LAT101/bad.yaml", False),
        ("cases/README.md", False),
    ],
)
def test_published_hooks_pick_case_files(path, linted):
    for hook in (h for h in MANIFEST.values() if h.get("pass_filenames", True)):
        assert bool(re.search(hook["files"], path)) == linted
        assert hook["types"] == ["yaml"] and hook["language"] == "python"


def test_published_hook_entries_are_the_documented_commands(tmp_path, capsys):
    scripts = PYPROJECT["project"]["scripts"]
    case = tmp_path / "cases" / "peru" / "fixable-council.yaml"
    case.parent.mkdir(parents=True)
    case.write_text(FIXABLE_CASE, encoding="utf-8")
    for hook_id, expected_exit in (("latinno-lint", 1), ("latinno-lint-fix", 0)):
        program, *args = MANIFEST[hook_id]["entry"].split()
        assert program in scripts
        assert main([*args, str(case)]) == expected_exit, hook_id
    assert case.read_text(encoding="utf-8") == FIXED_CASE
    assert "LAT101" in capsys.readouterr().out


# --- the real pre-commit ------------------------------------------------------


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    """Environment for git and pre-commit: a private PRE_COMMIT_HOME, a commit
    identity, and no user or system git configuration."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    gitconfig = home / "gitconfig"
    gitconfig.write_text("[user]\n\tname = latinno-lint tests\n\temail = tests@latinno-lint.invalid\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n")
    env = dict(os.environ, PRE_COMMIT_HOME=str(home / "cache"), GIT_CONFIG_GLOBAL=str(gitconfig), GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_COLOR="never", NO_COLOR="1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "PRE_COMMIT"):
        env.pop(name, None)
    return env


def checkout_files() -> list:
    """The files of this checkout as they are now: tracked and new, not ignored."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    return [name for name in filter(None, listed) if (ROOT / name).is_file() and not (ROOT / name).is_symlink()]


@pytest.fixture(scope="module")
def published(tmp_path_factory, environment):
    """A git repository holding this checkout's files as they are now (tracked
    and new, not ignored), committed: what pre-commit clones for a `rev:`."""
    repo = tmp_path_factory.mktemp("latinno-lint")
    for name in checkout_files():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    version = __version__  # pyproject.toml reads it from latinno_lint/version.py
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "latinno-lint under test"], ["tag", f"v{version}"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=environment)
    return repo


@pytest.fixture
def downstream(tmp_path, environment):
    """A downstream data repository with a cases/ folder."""
    repo = tmp_path / "data"
    files = {"cases/peru/neighbourhood-council.yaml": GOOD_CASE, "cases/peru/bad-council.yaml": BAD_CASE, "cases/peru/fixable-council.yaml": FIXABLE_CASE}
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "cases"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=environment)
    return repo


def try_repo(published, hook, files, cwd, env):
    run = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(published), hook, "--color", "never", "--files", *files], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    # written against pre-commit 4.7.0 (requirements/test.txt): its exit codes and output
    return run.returncode, run.stdout + run.stderr + written_against("pre-commit", "4.7.0")


@pytest.mark.slow
def test_try_repo_fails_a_bad_case_and_passes_a_good_one(published, downstream, environment):
    code, output = try_repo(published, "latinno-lint", ["cases/peru/bad-council.yaml"], downstream, environment)
    assert code == 1, output
    assert "latinno-lint" in output and "Failed" in output
    assert "cases/peru/bad-council.yaml:7:14: LAT101 error [unknown-code] 'regularly' is not a frequency code" in output

    code, output = try_repo(published, "latinno-lint", ["cases/peru/neighbourhood-council.yaml"], downstream, environment)
    assert code == 0, output
    assert re.search(r"latinno-lint\.+Passed", output), output


@pytest.mark.slow
def test_try_repo_all_cases_hook_checks_the_configured_cases_root(published, tmp_path, environment):
    """docs/pre-commit.md: a repository that keeps its cases elsewhere sets cases-root; the
    hook that re-checks every case (a bare `latinno-lint check`) then checks them there."""
    repo = tmp_path / "data"
    (repo / "data" / "cases" / "peru").mkdir(parents=True)
    (repo / "data" / "cases" / "peru" / "bad-council.yaml").write_text(BAD_CASE, encoding="utf-8")
    (repo / "pyproject.toml").write_text('[tool.latinno-lint]\ncases-root = "data/cases"\n', encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "cases"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=environment)
    code, output = try_repo(published, EVERY_CASE, ["pyproject.toml"], repo, environment)
    assert code == 1 and "data/cases/peru/bad-council.yaml:7:14: LAT101 error [unknown-code]" in output, output


@pytest.mark.slow
def test_try_repo_fix_hook_rewrites_a_fixable_case(published, downstream, environment):
    case = downstream / "cases/peru/fixable-council.yaml"
    code, output = try_repo(published, "latinno-lint-fix", ["cases/peru/fixable-council.yaml"], downstream, environment)
    assert code == 1 and "files were modified by this hook" in output, output
    assert case.read_text(encoding="utf-8") == FIXED_CASE
    assert (downstream / "cases/peru/bad-council.yaml").read_text(encoding="utf-8") == BAD_CASE


@pytest.mark.slow
def test_readme_set_up_blocks_a_commit_with_a_bad_case(published, tmp_path, environment):
    """README, "pre-commit in other repositories", followed from nothing: its
    config (with `repo:` pointing at the copy, tagged as the release that
    `rev:` names), `pre-commit install`, then commits."""
    [config] = [yaml.safe_load(b) for b in blocks(section(README, "pre-commit in other repositories"), "yaml")]
    assert config["repos"][0]["rev"] == f"v{__version__}"
    config["repos"][0]["repo"] = str(published)
    repo = tmp_path / "data"
    case = repo / "cases" / "peru" / "neighbourhood-council.yaml"
    case.parent.mkdir(parents=True)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    case.write_text(GOOD_CASE.replace("frequency: regular", "frequency: regularly"), encoding="utf-8")

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, env=environment, capture_output=True, text=True, timeout=900)

    git("init", "-q")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=environment, capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    git("add", "-A")
    refused = git("commit", "-m", "a case")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "cases/peru/neighbourhood-council.yaml:7:14: LAT101 error" in refused.stdout + refused.stderr
    assert git("rev-parse", "--verify", "HEAD").returncode != 0, "nothing may be committed"

    case.write_text(GOOD_CASE, encoding="utf-8")
    git("add", "-A")
    accepted = git("commit", "-m", "a case")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert re.search(r"latinno-lint\.+Passed", accepted.stdout + accepted.stderr)


# --- a schema change re-checks every case ------------------------------------------

EVERY_CASE = "latinno-lint-all-cases"


def test_a_change_to_the_schema_or_the_linter_checks_every_case_here():
    hook = LOCAL_HOOKS[EVERY_CASE]
    assert hook["pass_filenames"] is False and hook["entry"].split() == ["python", "-m", "latinno_lint", "check", "cases"]
    assert hook["additional_dependencies"] == LOCAL_HOOKS["latinno-lint"]["additional_dependencies"]
    for path, runs in (("schema/case.schema.json", True), ("latinno_lint/lint/rules/lat101_unknown_code.py", True), ("cases/peru/open-government-action-plan.yaml", False), ("README.md", False)):
        assert bool(re.search(hook["files"], path)) is runs, path


def test_the_published_hooks_offer_the_same_downstream():
    hook = MANIFEST[EVERY_CASE]
    assert hook["pass_filenames"] is False and hook["entry"] == "latinno-lint check"
    for path, runs in (("schema/case.schema.json", True), (".pre-commit-config.yaml", True), ("pyproject.toml", True), ("cases/peru/a.yaml", False), ("docs/schema.md", False)):
        assert bool(re.search(hook["files"], path)) is runs, path


@pytest.mark.slow
def test_removing_a_code_a_case_uses_fails_pre_commit_on_the_schema_file_alone(tmp_path, environment):
    """This repository's own .pre-commit-config.yaml, run by the real pre-commit
    on a committed copy of the checkout: a schema change that removes a code the
    Peru cases use fails, though no case file is part of the run."""
    repo = tmp_path / "checkout"
    for name in checkout_files():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "checkout"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=environment)
    # only the two latinno-lint hooks: the others install tools that have nothing to say here
    env = dict(environment, SKIP=",".join(h for h in LOCAL_HOOKS if h not in ("latinno-lint", EVERY_CASE)))

    def pre_commit():
        run = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never", "--files", "schema/case.schema.json"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
        return run.returncode, run.stdout + run.stderr + written_against("pre-commit", "4.7.0")

    code, output = pre_commit()
    assert code == 0 and re.search(r"latinno-lint every case.*\.+Passed", output), output

    schema_file = repo / "schema" / "case.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    codes = schema["$defs"]["frequency"][CODES_KEYWORD]  # a code that both Peru cases use and no rule names
    codes[:] = [c for c in codes if c["const"] != "regular"]
    rederive(schema)
    schema_file.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    subprocess.run(["git", "add", "schema/case.schema.json"], cwd=repo, check=True, env=environment)
    code, output = pre_commit()
    assert code == 1, output
    assert re.search(r"latinno-lint \(this checkout\)\.+\(no files to check\)Skipped", output), output
    assert re.search(r"latinno-lint every case.*\.+Failed", output), output
    assert "cases/peru/open-government-action-plan.yaml:23:14: LAT101 error [unknown-code] 'regular' is not a frequency code" in output
    assert "cases/peru/multisectorial-open-government-forum.yaml:23:14: LAT101 error" in output

    # a code that a rule names (LAT201 checks 'restricted'): one line says which rule, no traceback
    codes = schema["$defs"]["selection"][CODES_KEYWORD]
    codes[:] = [c for c in codes if c["const"] != "restricted"]
    rederive(schema)
    schema_file.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    subprocess.run(["git", "add", "schema/case.schema.json"], cwd=repo, check=True, env=environment)
    code, output = pre_commit()
    assert code == 1 and "Traceback" not in output and "internal error" not in output, output
    assert "latinno-lint: the rules and the schema disagree: rule LAT201 restricted-citizens-only (lat201_restricted_citizens_only.py) names 'restricted'" in output
