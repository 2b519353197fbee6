"""Running latinno-lint as a user who cannot read what its permissions forbid,
for the tests of unreadable files and folders.

Root reads every file whatever its mode, so as root those tests run the
linter as 'nobody'. 'nobody' may not reach this checkout or its .venv (a clone
inside a private folder: /root, or one from `mktemp -d`, mode 0700), so the
package and the distributions `check` needs are copied to a temporary folder
every user can read, and run by an interpreter of this Python version that
'nobody' can run (the system's, where this one's lives in a private folder).
Where there is none, the test is skipped with the reason: nothing else could
run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

NOBODY = {"user": 65534, "group": 65534}


def _runtime_requirements() -> list:
    """The distributions `check` needs (latinno-lint's requirements without an
    extra, and theirs), found from the installed metadata."""
    from importlib import metadata

    from packaging.requirements import Requirement

    found, todo = {}, ["latinno-lint"]
    while todo:
        dist = metadata.distribution(todo.pop())
        name = dist.metadata["Name"].lower()
        if name in found:
            continue
        found[name] = dist
        for text in dist.requires or ():
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return list(found.values())


def _interpreters() -> list:
    """Python interpreters of this version that another user may be able to run:
    this one's base (a venv or pyenv folder may be private) and the system's."""
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [getattr(sys, "_base_executable", ""), str(Path(sys.base_prefix) / "bin" / version)]
    candidates += [str(Path(folder) / version) for folder in ("/usr/local/bin", "/usr/bin", "/bin")]
    return [c for c in dict.fromkeys(candidates) if c and os.path.isfile(c)]


def _copy_runtime(runtime: Path) -> None:
    import latinno_lint
    from latinno_lint.schema import schema_text

    shutil.copytree(Path(latinno_lint.__file__).parent, runtime / "latinno_lint", ignore=shutil.ignore_patterns("__pycache__"))
    (runtime / "latinno_lint" / "schemas").mkdir(exist_ok=True)  # where a wheel has it
    (runtime / "latinno_lint" / "schemas" / "case.schema.json").write_text(schema_text(), encoding="utf-8")
    for dist in _runtime_requirements():
        if dist.metadata["Name"].lower() == "latinno-lint":
            continue
        for file in dist.files or ():
            if file.parts[0] != ".." and file.suffix != ".pyc":  # scripts in bin/ are not needed
                target = runtime / file
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(dist.locate_file(file), target)
    for folder, _dirs, _files in os.walk(runtime):
        os.chmod(folder, 0o755)


@pytest.fixture(scope="session")
def as_nobody():
    """(python, options): the command that starts Python (add "-m",
    "latinno_lint", ... or "-c", code) and the subprocess.run options that run
    it as a user who cannot read what its permissions forbid. Not root: this
    user and this interpreter. Root: 'nobody', with a copy of the package
    (see the module's docstring); ``-P`` keeps the working folder off sys.path."""
    if os.geteuid() != 0:
        yield [sys.executable], {}
        return
    runtime = Path(tempfile.mkdtemp(prefix="latinno-lint-runtime-"))
    try:
        runtime.chmod(0o755)
        _copy_runtime(runtime)
        env = {**os.environ, "PYTHONPATH": str(runtime), "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("COVERAGE_PROCESS_START", None)
        probe = f"import latinno_lint.lint.runner; assert latinno_lint.__file__.startswith({str(runtime)!r})"  # the copy, not another install
        tried = []
        for interpreter in _interpreters():
            try:
                run = subprocess.run([interpreter, "-s", "-P", "-c", probe], capture_output=True, text=True, timeout=60, env=env, **NOBODY)
            except PermissionError as exc:
                tried.append(f"{interpreter}: {exc.strerror}")
                continue
            if run.returncode == 0:
                yield [interpreter, "-s", "-P"], {**NOBODY, "env": env}
                break
            tried.append(f"{interpreter}: {(run.stderr.strip().splitlines() or ['exit ' + str(run.returncode)])[-1]}")
        else:
            pytest.skip(f"no Python {sys.version_info[0]}.{sys.version_info[1]} that the user 'nobody' can run with a copy of latinno-lint in {runtime} ({'; '.join(tried) or 'none found'})")
    finally:
        shutil.rmtree(runtime)
