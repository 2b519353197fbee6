"""The versions the package accepts are the versions it is tested with.

- The locks in requirements/ hold every requirement of pyproject.toml, at a
  version its range admits, and `dev.py test` (locked) runs on exactly them.
- requirements/oldest.txt pins each runtime dependency at the lower bound that
  pyproject.toml declares, so `dev.py test --deps oldest` proves that bound.
- A finding does not follow the PyYAML release: deep nesting is LAT008 at the
  same place with the same words under PyYAML 6.0.3, whose libyaml has no depth
  limit, and 6.0.4, whose libyaml refuses 1,000 levels by itself.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from test_hostile import BASE, DEEP

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DEPS = os.environ.get("LATINNO_LINT_DEPS", "")  # set by dev.py test: locked, oldest or newest


def pins(lock: Path) -> dict[str, tuple[Version, str]]:
    """name -> (version, marker) for each `name==version [; marker]` line of a lock."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$", line)
        if match:
            found[canonicalize_name(match[1])] = (Version(match[2]), (match[3] or "").strip())
    return found


def applies(marker: str) -> bool:
    return not marker or Marker(marker).evaluate()


@pytest.mark.parametrize("lock, extras", [("run.txt", []), ("test.txt", ["test", "docs"]), ("oldest.txt", ["test", "docs"])])
def test_each_lock_holds_every_requirement_at_an_admitted_version(lock, extras):
    locked = pins(REQUIREMENTS / lock)
    wanted = [Requirement(text) for text in PYPROJECT["project"]["dependencies"]]
    for extra in extras:
        wanted += [Requirement(text) for text in PYPROJECT["project"]["optional-dependencies"][extra]]
    wanted += [Requirement(text) for text in PYPROJECT["build-system"]["requires"]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is not in requirements/{lock}: run `python3 dev.py lock`"
        assert locked[name][0] in requirement.specifier, f"requirements/{lock} pins {name}=={locked[name][0]}, outside {requirement}: run `python3 dev.py lock`"
    text = (REQUIREMENTS / lock).read_text(encoding="utf-8")
    unhashed = re.findall(r"^([A-Za-z0-9._-]+==\S+)\s*$", text, re.M)  # a pin with no '\' and hashes after it
    assert not unhashed, f"requirements/{lock} pins without hashes: {unhashed}"


def test_oldest_lock_pins_every_runtime_dependency_at_its_declared_lower_bound():
    oldest = pins(REQUIREMENTS / "oldest.txt")
    for text in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(text)
        bounds = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert len(bounds) == 1, f"{text}: a runtime dependency needs one '>=' lower bound, the one the matrix tests"
        assert oldest[canonicalize_name(requirement.name)][0] == Version(bounds[0]), f"requirements/oldest.txt does not test {text} at its lower bound: run `python3 dev.py lock`"


@pytest.mark.skipif(DEPS not in ("locked", "oldest"), reason="only a locked environment (dev.py test, --deps oldest) is checked against its lock")
def test_the_environment_is_exactly_its_lock():
    lock = REQUIREMENTS / ("test.txt" if DEPS == "locked" else "oldest.txt")
    differ = []
    for name, (version, marker) in pins(lock).items():
        if not applies(marker):
            continue
        try:
            installed = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            differ.append(f"{name}: not installed, locked {version}")
            continue
        if installed != version:
            differ.append(f"{name}: installed {installed}, locked {version}")
    assert not differ, f"the environment differs from requirements/{lock.name}: " + "; ".join(differ)


def test_the_newest_environment_is_not_held_back_by_a_lock():
    # `--deps newest` installs from pyproject.toml's open ranges, never from requirements/
    source = (ROOT / "dev.py").read_text(encoding="utf-8")
    newest = source[source.index("def ensure_newest") : source.index("def lower_bounds")]
    assert "requirements" not in newest and "--upgrade-strategy" in newest


# --- one finding whatever the PyYAML release -------------------------------------

RELEASES = sorted((REQUIREMENTS / "releases").glob("pyyaml-*.txt"))


@pytest.fixture(scope="module")
def deep_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deep") / "cases" / "peru"
    folder.mkdir(parents=True)
    for index, content in enumerate(DEEP.values()):
        content = content if content.startswith('"') else BASE + content
        (folder / f"deep-{index}.yaml").write_text(content, encoding="utf-8")
    return folder


def run_with(release_dir: Path, files: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(release_dir), str(ROOT)]))
    return subprocess.run([sys.executable, "-m", "latinno_lint", "check", "--no-cache", "--format", "json", str(files)], capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.slow
def test_deep_nesting_is_the_same_finding_under_each_pyyaml_release(tmp_path_factory, deep_files):
    assert [path.name for path in RELEASES] == ["pyyaml-6.0.3.txt", "pyyaml-6.0.4.txt"]
    outputs = {}
    for lock in RELEASES:
        target = tmp_path_factory.mktemp(lock.stem)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--require-hashes", "--only-binary", ":all:", "--target", str(target), "-r", str(lock)],
            check=True,
        )
        probe = subprocess.run(
            [sys.executable, "-c", "import yaml; print(yaml.__version__, yaml.__with_libyaml__)"], capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(target)), check=True
        )
        version = lock.stem.split("-", 1)[1]
        assert probe.stdout.split() == [version, "True"], f"expected PyYAML {version} with libyaml, got {probe.stdout!r}"
        run = run_with(target, deep_files.parent.parent)
        assert run.returncode == 1, run.stderr
        outputs[version] = run.stdout
        codes = re.findall(r'"code": "(LAT\d+)"', run.stdout)
        assert codes == ["LAT008"] * len(DEEP), f"PyYAML {version}: {codes}"
        assert run.stdout.count("nests more than 500 levels") == len(DEEP), run.stdout
    assert outputs["6.0.3"] == outputs["6.0.4"], "the findings differ between PyYAML 6.0.3 and 6.0.4"


@pytest.mark.slow
def test_libyaml_still_refuses_deep_nesting_by_itself_as_this_code_expects(tmp_path_factory):
    """Written against PyYAML 6.0.4, whose libyaml refuses 1,000 block levels
    with 'exceeded maximum nesting depth'; source.py maps that text to LAT008
    should it ever come first. A release that words it otherwise fails here."""
    lock = REQUIREMENTS / "releases" / "pyyaml-6.0.4.txt"
    target = tmp_path_factory.mktemp("pyyaml-6.0.4-probe")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--require-hashes", "--only-binary", ":all:", "--target", str(target), "-r", str(lock)],
        check=True,
    )
    probe = subprocess.run(
        [sys.executable, "-c", "import yaml\ntry:\n    yaml.compose('- ' * 1000 + 'x', Loader=yaml.CSafeLoader)\nexcept yaml.MarkedYAMLError as e:\n    print(e.problem)"],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(target)),
        check=True,
    )
    assert "nesting depth" in probe.stdout, f"PyYAML 6.0.4's libyaml now says {probe.stdout!r}: update source._is_nesting_limit"
