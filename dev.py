#!/usr/bin/env python3
"""Set up and run latinno-lint from a fresh clone, with nothing but Python 3.11+.

    python3 dev.py check [ARGS...]   set up .venv, then run `latinno-lint check` (default: cases/)
    python3 dev.py test [--deps locked|oldest|newest] [PYTEST ARGS...]
                                     set up an environment with the test tools (and, where node is
                                     installed, tests/js/node_modules with `npm ci`), then
                                     run the test suite
    python3 dev.py run CMD [ARGS...] set up .venv, then run any latinno-lint sub-command
    python3 dev.py docs [ARGS...]    set up .venv with the test lock, then build the docs site
                                     into site/ with `mkdocs build --strict` (mkdocs.yml)
    python3 dev.py lock              refresh the lock files in requirements/ (needs the network)

Environments, each a virtual environment in this folder:
    .venv          `check`, `run` and `test` (--deps locked, the default): every
                   package at the exact version and hash in requirements/*.txt,
                   so any machine on any day gets the same environment
    .venv-oldest   `test --deps oldest`: the package's runtime dependencies at
                   the lower bounds pyproject.toml declares (requirements/oldest.txt)
    .venv-newest   `test --deps newest`: the newest releases the index serves
                   for everything, ignoring the locks (upgraded on every run)

A locked environment is installed again only when its lock or pyproject.toml changes.
The npm packages of the JavaScript tests (Ajv, the yaml package,
yaml-language-server; exact versions and hashes in tests/js/package-lock.json)
are installed with `npm ci` by `test` when node is on the PATH, again only when
that lock changes. Without node those tests skip, saying why, except under CI
(CI=true), where they fail.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REQUIREMENTS = ROOT / "requirements"
# The tool that writes the locks, pinned so that a refresh resolves the same way
# everywhere; it is installed only by `dev.py lock`, never to run or test.
UV = "uv==0.13.9"
# The locks: which extras of pyproject.toml each holds, and how it is resolved.
LOCKS = {
    "run.txt": ([], []),  # the runtime dependencies: `check` and `run`
    "test.txt": (["test", "docs"], []),  # plus the test and development tools, and the docs site's
    "oldest.txt": (["test", "docs"], ["--override", "{lower_bounds}"]),  # runtime dependencies at their lower bounds
}
# Single releases, each locked on its own in requirements/releases/. A test installs
# the two PyYAML releases beside the environment to compare them
# (tests/test_dependency_versions.py): libyaml before and after its own depth limit.
# atheris, the coverage-guided fuzzer .ci/run uses, has no wheel on some platforms,
# so it is kept out of the test lock and installed from its own where it can be.
RELEASES = ["pyyaml==6.0.3", "pyyaml==6.0.4", "atheris==3.0.0"]
ENVIRONMENTS = {"locked": ".venv", "oldest": ".venv-oldest", "newest": ".venv-newest"}
# The least coverage of latinno_lint/ a full test run may have, in percent (pytest-cov,
# [tool.coverage] in pyproject.toml). Set from the measured figure; raise it when the
# figure rises, never lower it. Only a full run is held to it: see full_run().
COVERAGE_FLOOR = 93  # measured: 94.27% (lines and branches); a point of slack for other platforms and the --deps matrix
# pytest options that run part of the suite (each with or without a value)
SELECTING = ("-k", "-m", "--lf", "--last-failed", "--sw", "--stepwise", "--deselect", "--ignore", "--ignore-glob", "--co", "--collect-only", "--no-cov")


def bin_dir(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def python_of(env: Path) -> Path:
    return bin_dir(env) / ("python.exe" if os.name == "nt" else "python")


def pip(env: Path, *args: str) -> None:
    subprocess.run([str(python_of(env)), "-m", "pip", "--disable-pip-version-check", "-qq", *args], cwd=ROOT, check=True)


def create(env: Path) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036  dev.py itself runs on any python3, to say this
        sys.exit(f"latinno-lint needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not python_of(env).exists():
        print(f"dev.py: creating {env.name}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(env)


def ensure_locked(env: Path, lock: str) -> None:
    """Install `lock` (exact versions, every file's hash checked) and then this
    checkout, editable and without resolving anything more."""
    create(env)
    lock_file = REQUIREMENTS / lock
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + lock_file.read_bytes()).hexdigest()
    stamp = env / f".installed-{lock}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"dev.py: installing requirements/{lock} into {env.name}", file=sys.stderr)
    # --no-deps: the lock is complete (uv resolved it), and oldest.txt overrides
    # the runtime dependencies below what some test tools declare, which pip's
    # resolver would refuse; every file's hash is still checked.
    pip(env, "install", "--require-hashes", "--only-binary", ":all:", "--no-deps", "-r", str(lock_file))
    # setuptools comes from the lock too: no unpinned build environment
    pip(env, "install", "--no-deps", "--no-build-isolation", "-e", ".")
    for old in env.glob(".installed-*"):
        old.unlink()
    stamp.write_text(digest)


def ensure_newest(env: Path) -> None:
    create(env)
    print(f"dev.py: upgrading {env.name} to the newest releases (no lock)", file=sys.stderr)
    pip(env, "install", "--upgrade", "pip")
    pip(env, "install", "--upgrade", "--upgrade-strategy", "eager", "-e", ".[test]")


def lower_bounds() -> list[str]:
    """`name==X` for each runtime dependency `name>=X` in pyproject.toml."""
    pins = []
    for requirement in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]:
        match = re.fullmatch(r"\s*([A-Za-z0-9._-]+)\s*>=\s*([0-9][^,;\s]*)\s*", requirement)
        if not match:
            sys.exit(f"dev.py: runtime dependency {requirement!r} has no plain '>=' lower bound to test")
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def uv_compile(tools: Path, output: Path, *args: str) -> None:
    """uv's resolver, as every lock here uses it: every platform, Python 3.11 and
    newer, every file's hash, PyPI only, no user or machine configuration."""
    command = [str(bin_dir(tools) / "uv"), "pip", "compile", "--quiet", "--universal", "--python-version", "3.11", "--generate-hashes", "--no-header"]
    command += ["--index-url", "https://pypi.org/simple", "--output-file", str(output), *args]
    subprocess.run(command, cwd=ROOT, check=True, env=dict(os.environ, UV_NO_CONFIG="1"))


def lock() -> int:
    """Resolve every lock again from pyproject.toml with uv: one universal lock
    (all platforms, Python 3.11 and newer) with the hashes of every file."""
    tools = ROOT / ".venv-lock"
    create(tools)
    pip(tools, "install", UV)
    with tempfile.TemporaryDirectory() as tmp:
        overrides = Path(tmp) / "lower-bounds.txt"
        overrides.write_text("\n".join(lower_bounds()) + "\n", encoding="utf-8")
        build = Path(tmp) / "build.txt"
        build.write_text("\n".join(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]) + "\n")
        for name, (extras, extra_args) in LOCKS.items():
            print(f"dev.py: resolving requirements/{name}", file=sys.stderr)
            args = ["pyproject.toml", str(build), *(f"--extra={extra}" for extra in extras), *(arg.format(lower_bounds=overrides) for arg in extra_args)]
            uv_compile(tools, REQUIREMENTS / name, *args)
            text = (REQUIREMENTS / name).read_text(encoding="utf-8").replace(str(build), "build-system.requires").replace(str(overrides), "lower bounds")
            header = (
                f"# requirements/{name}: written by `python3 dev.py lock` ({UV}); do not edit.\n"
                f"# pyproject.toml{' extras ' + ', '.join(extras) if extras else ''}, resolved for every platform and Python >= 3.11.\n"
            )
            (REQUIREMENTS / name).write_text(header + text, encoding="utf-8")
        (REQUIREMENTS / "releases").mkdir(exist_ok=True)
        for release in RELEASES:
            name = f"{release.replace('==', '-')}.txt"
            single = Path(tmp) / "release.in"
            single.write_text(release + "\n", encoding="utf-8")
            print(f"dev.py: resolving requirements/releases/{name}", file=sys.stderr)
            uv_compile(tools, REQUIREMENTS / "releases" / name, "--no-annotate", str(single))
    return 0


def ensure_node_packages() -> None:
    js = ROOT / "tests" / "js"
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        print("dev.py: node and npm are not on the PATH: the tests that run Ajv and yaml-language-server will skip (and fail under CI=true)", file=sys.stderr)
        return
    digest = hashlib.sha256((js / "package-lock.json").read_bytes()).hexdigest()
    stamp = js / "node_modules" / ".installed-lock"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("dev.py: installing the npm packages of tests/js (npm ci)", file=sys.stderr)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=js, check=True)
    stamp.write_text(digest)


def full_run(pytest_args: list[str]) -> bool:
    """Whether these pytest arguments run the whole suite: no test named (a file,
    a folder, a node id: any argument not starting with '-') and no option that
    selects tests. Only a full run is held to COVERAGE_FLOOR."""
    return not any(not arg.startswith("-") or arg.split("=", 1)[0] in SELECTING for arg in pytest_args)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "test", "run", "docs", "lock"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "lock":
        return lock()
    if command == "test":
        deps = "locked"
        if rest[:1] == ["--deps"] and len(rest) > 1:
            deps, rest = rest[1], rest[2:]
        elif rest[:1] and rest[0].startswith("--deps="):
            deps, rest = rest[0].split("=", 1)[1], rest[1:]
        if deps not in ENVIRONMENTS:
            print(f"dev.py: --deps takes one of {', '.join(ENVIRONMENTS)}, not {deps!r}", file=sys.stderr)
            return 2
        env = ROOT / ENVIRONMENTS[deps]
        if deps == "newest":
            ensure_newest(env)
        else:
            ensure_locked(env, "test.txt" if deps == "locked" else "oldest.txt")
        ensure_node_packages()
        floor = [f"--cov-fail-under={COVERAGE_FLOOR}"] if full_run(rest) else []
        return subprocess.run([str(python_of(env)), "-m", "pytest", *floor, *rest], cwd=ROOT, env=dict(os.environ, LATINNO_LINT_DEPS=deps)).returncode
    if command == "docs":  # mkdocs is in the test lock (the docs extra)
        ensure_locked(ROOT / ".venv", "test.txt")
        return subprocess.run([str(bin_dir(ROOT / ".venv") / "mkdocs"), "build", "--strict", *rest], cwd=ROOT).returncode
    env = ROOT / ".venv"
    # after `dev.py test`, .venv holds the test lock, which includes all that `check` needs
    ensure_locked(env, "test.txt" if (env / ".installed-test.txt").exists() else "run.txt")
    args = ["check", *(rest or ["cases"])] if command == "check" else rest
    return subprocess.run([str(bin_dir(env) / "latinno-lint"), *args], cwd=ROOT).returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as exc:
        sys.exit(f"dev.py: set-up failed: {' '.join(map(str, exc.cmd))} exited {exc.returncode}")
