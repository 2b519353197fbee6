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
    python3 dev.py generate          write again the files generated from the schema and the package
                                     that the repository holds: latinno_lint/types.py, CITATION.cff, LICENSE
    python3 dev.py dist [--outdir DIR]
                                     build what a release publishes into dist/ (or DIR): the wheel
                                     and sdist (python -m build, from the test lock) and the npm
                                     package latinno-case-schema (npm pack), reproducibly: every
                                     timestamp is the last commit's (SOURCE_DATE_EPOCH)

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
yaml-language-server, TypeScript; exact versions and hashes in tests/js/package-lock.json)
are installed with `npm ci` by `test` when node is on the PATH, again only when
that lock changes. Without node those tests skip, saying why, except under CI
(CI=true), where they fail.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
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
# cffconvert, which validates CITATION.cff, asks for jsonschema<4, which the package
# cannot have: tests/test_distributions.py installs it into an environment of its own.
RELEASES = ["pyyaml==6.0.3", "pyyaml==6.0.4", "atheris==3.0.0", "cffconvert==2.0.0"]
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
    # the build back end too: the tests build the distributions with it (--no-isolation)
    pip(env, "install", "--upgrade", *tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"])


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
        print("dev.py: node and npm are not on the PATH: the tests that run Ajv, yaml-language-server and tsc will skip (and fail under CI=true)", file=sys.stderr)
        return
    digest = hashlib.sha256((js / "package-lock.json").read_bytes()).hexdigest()
    stamp = js / "node_modules" / ".installed-lock"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("dev.py: installing the npm packages of tests/js (npm ci)", file=sys.stderr)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=js, check=True)
    stamp.write_text(digest)


def generate(python: Path, write: bool = True) -> list[str]:
    """Write the generated files the repository holds (latinno_lint/data/typegen.py,
    ``committed``) that differ from what the generator makes; return their paths."""
    code = "import json, sys; from latinno_lint.data.typegen import committed; json.dump(committed(), sys.stdout)"
    files = json.loads(subprocess.run([str(python), "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    stale = []
    for name, text in files.items():
        target = ROOT / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
            if write:
                target.write_text(text, encoding="utf-8", newline="\n")
    return stale


def source_date_epoch() -> str:
    """The last commit's time, which every timestamp in the distributions takes."""
    return subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def build_python(python: Path, outdir: Path) -> list[Path]:
    """The sdist, and the wheel built from it, into ``outdir`` (the build tools
    come from the environment of ``python``: no isolated, unpinned one)."""
    epoch = source_date_epoch()
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    done = subprocess.run([str(python), "-m", "build", "--no-isolation", "--outdir", str(outdir), str(ROOT)], cwd=ROOT, check=True, env=env, capture_output=True, text=True)
    names = re.findall(r"^Successfully built (.+) and (.+)$", done.stdout, re.M)
    built = [outdir / name for name in names[-1]]
    for path in built:
        if path.name.endswith(".tar.gz"):
            normalize_sdist(path, int(epoch))
    return built


def normalize_sdist(path: Path, epoch: int) -> None:
    """The sdist again with every time in it the last commit's: setuptools takes
    SOURCE_DATE_EPOCH for the wheel, but writes the sdist's files with their times
    on disk and its gzip header with the time of the build."""
    with tarfile.open(path) as source:
        members = [(member, source.extractfile(member).read() if member.isfile() else None) for member in source.getmembers()]  # type: ignore[union-attr]
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=epoch) as compressed, tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as out:
        for member, data in members:
            member.mtime, member.uid, member.gid, member.uname, member.gname = epoch, 0, 0, "", ""
            member.pax_headers = {k: v for k, v in member.pax_headers.items() if k not in ("mtime", "atime", "ctime")}
            out.addfile(member, io.BytesIO(data) if data is not None else None)
    path.write_bytes(buffer.getvalue())


def build_npm(python: Path, outdir: Path) -> Path:
    """The npm package latinno-case-schema, written from the schema
    (typegen.npm_package) into build/npm/ and packed into ``outdir``."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("dev.py: npm is not on the PATH: the npm package cannot be packed (install Node.js 20 or newer)")
    folder = ROOT / "build" / "npm"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    code = "import json, sys; from latinno_lint.data.typegen import npm_package; json.dump(npm_package(), sys.stdout)"
    files = json.loads(subprocess.run([str(python), "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
    # npm pack gives every file in the tarball one fixed time: the tarball depends on the files alone
    done = subprocess.run([npm, "pack", "--json", "--pack-destination", str(outdir), str(folder)], cwd=ROOT, check=True, capture_output=True, text=True)
    return outdir / json.loads(done.stdout)[0]["filename"]


def dist(outdir: Path) -> int:
    env = ROOT / ".venv"
    ensure_locked(env, "test.txt")  # build is in the test lock
    stale = generate(python_of(env), write=False)
    if stale:
        print(f"dev.py: {', '.join(stale)} differ from what the schema and the package generate: run `python3 dev.py generate` and commit", file=sys.stderr)
        return 1
    outdir.mkdir(parents=True, exist_ok=True)
    built = [*build_python(python_of(env), outdir), build_npm(python_of(env), outdir)]
    for path in built:
        print(f"{path}  sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return 0


def full_run(pytest_args: list[str]) -> bool:
    """Whether these pytest arguments run the whole suite: no test named (a file,
    a folder, a node id: any argument not starting with '-') and no option that
    selects tests. Only a full run is held to COVERAGE_FLOOR."""
    return not any(not arg.startswith("-") or arg.split("=", 1)[0] in SELECTING for arg in pytest_args)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "test", "run", "docs", "lock", "generate", "dist"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "lock":
        return lock()
    if command == "generate":
        ensure_locked(ROOT / ".venv", "test.txt" if (ROOT / ".venv" / ".installed-test.txt").exists() else "run.txt")
        for name in generate(python_of(ROOT / ".venv")):
            print(f"dev.py: wrote {name}", file=sys.stderr)
        return 0
    if command == "dist":
        if rest and not (len(rest) == 2 and rest[0] == "--outdir"):
            print("dev.py: dist takes only --outdir DIR", file=sys.stderr)
            return 2
        return dist(Path(rest[1]).resolve() if rest else ROOT / "dist")
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
