"""Every shell example of the docs runs as written: each line of a ```sh block
(and each `$ ` line of a ```console block) in README.md, CONTRIBUTING.md and
docs/*.md, page by page in document order, in a copy of this checkout that is a
git repository where every release tag and every branch the docs name exists
(created here: `v0.1.0` stands for a release in them, `coder-b:cases` for a
coder's branch). `latinno-lint` is this checkout's
command, run in this process; `.venv/` is this checkout's environment; other
lines run in bash. Each exits 0 on the dataset as it is (it has no errors),
as the docs promise, and never with a traceback. The lines that
cannot run here (an install from the network, a test run of hours, a synopsis)
are listed in NOT_RUN, each with the reason."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_docs import FENCE, SHELL
from test_precommit import checkout_files, environment  # noqa: F401 (a fixture: git without the user's configuration)

from latinno_lint.cli import main

from conftest import ROOT

DOC_FILES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
TAG = re.compile(r"\bv\d+\.\d+\.\d+\b")
# a branch the docs read cases from as `REF:cases` (agreement's codings: `coder-b:cases`)
BRANCH = re.compile(r"(?<![\w/.:-])([A-Za-z][\w-]*):cases\b")

# Lines that are not run, by their text (without the comment), each with the reason.
NOT_RUN = {
    "python3 dev.py check": "sets up .venv from requirements/ with pip (minutes, from PyPI); the check it runs is README's `latinno-lint check cases/`",
    "python3 dev.py test": "the whole test suite, this test included (minutes)",
    "python3 dev.py test tests/test_hostile.py": "a test run inside a test run (and it sets up .venv first)",
    "LATINNO_LINT_EXAMPLES=2000 python3 dev.py test tests/test_properties.py tests/test_security.py": "2000 generated examples per property: many minutes",
    ".venv/bin/pre-commit run --files cases/peru/participatory-budget-of-lima.yaml": "installs the hooks' environments from PyPI; tests/test_precommit.py runs the hooks",
    ".venv/bin/python -m pip install atheris": "an install from PyPI (network)",
    ".venv/bin/python fuzz/fuzz_lint.py --seconds 3600 --seed 2": "an hour of fuzzing",
    ".venv/bin/python fuzz/fuzz_lint.py --mode cache --seconds 600": "ten minutes of fuzzing",
    "pip install -e '.[bench]'": "an install from PyPI (network); the test lock has check-jsonschema already",
    "python benchmarks/run.py": "4,000 and 40,000 cases, several runs: minutes; `--quick` runs",
    "python benchmarks/run.py --sizes 1000,4000 --repeat 3 --write BENCHMARKS.md": "minutes of benchmarks; `--quick` runs",
    "python benchmarks/run.py --scale --write BENCHMARKS.md": "400,000 generated cases: about an hour and 1 GB of files; `--quick` runs",
    "(cd tests/js && npm ci)": "an install from the npm registry (network); .ci/run installs tests/js",
    "pip install 'latinno-lint[xlsx]'": "an install from PyPI (network); the test lock has openpyxl",
    "npm install latinno-case-schema@1.1.1": "an install from the npm registry (network); tests/test_distributions.py installs the packed tarball",
}
# Pages whose examples another test runs, in the repository the page describes.
OWN_TEST = {
    "docs/reviewing.md": "a pull request's walk-through, run with every output it shows by tests/test_review.py::test_the_reviewing_page_shows_what_the_commands_print",
}
# Files the examples take as the reader's own, made before a page runs.
GIVEN = {
    "page.txt": "a latinno.net case page saved as text (README's tour imports it)",
    "latinno.xlsx": "the table a researcher edited in a spreadsheet (researchers.md checks and imports it)",
    "coders": "two coders' folders of the same cases, coders/ana/cases and coders/ben/cases (agreement.md compares them)",
}


def _synopsis(text: str) -> bool:
    """A usage line (`latinno-lint check [PATH ...]`, `--format csv|xlsx`), not a command."""
    return ("[" in text and "]" in text) or bool(re.search(r"\S\|\S", text))


def commands() -> list[tuple[str, int, str]]:
    """(page, line, command) for each shell line of the docs, in document order."""
    found = []
    for path in DOC_FILES:
        text = path.read_text(encoding="utf-8")
        page = path.relative_to(ROOT).as_posix()
        for match in FENCE.finditer(text):
            if match["lang"] not in SHELL:
                continue
            first = text.count("\n", 0, match.start()) + 2
            lines = [line[len(match["indent"]) :] for line in match["body"].splitlines()]
            pending, start = "", 0
            for offset, line in enumerate(lines):
                if match["lang"] == "console" and not line.startswith("$ ") and not pending:
                    continue  # output shown under a command
                line = line.removeprefix("$ ")
                if not pending:
                    start = first + offset
                if line.endswith("\\"):
                    pending += line[:-1] + " "
                    continue
                whole = (pending + line).strip()
                pending = ""
                if whole and not whole.startswith("#"):
                    found.append((page, start, whole))
    return found


def _key(command: str) -> str:
    """The command as the tables name it: without its comment."""
    return re.sub(r"\s+#.*$", "", command).strip()


def test_the_docs_have_shell_examples_and_the_tables_name_only_real_ones():
    found = {_key(c) for _p, _l, c in commands()}
    assert len(found) >= 30 and any(c.startswith("latinno-lint check") for c in found)
    assert set(NOT_RUN) <= found, set(NOT_RUN) - found  # no stale entry
    assert set(OWN_TEST) <= {page for page, _l, _c in commands()}


def _git(repo: Path, env: dict, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def docs_repository(tmp_path_factory, environment):  # noqa: F811
    """This checkout's files, committed in a new git repository with every
    release tag the docs name, its .venv a link to this environment."""
    if shutil.which("git") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("git is not on the PATH: the shell examples of the docs need it")
        pytest.skip("git is not on the PATH: the shell examples of the docs need it")
    repo = tmp_path_factory.mktemp("docs-repository") / "latinno-lint"
    for name in checkout_files():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    _git(repo, environment, "init", "-q")
    _git(repo, environment, "add", "-A")
    _git(repo, environment, "commit", "-q", "-m", "latinno-lint as the docs describe it")
    for tag in sorted({t for path in DOC_FILES for t in TAG.findall(path.read_text(encoding="utf-8"))}):
        _git(repo, environment, "tag", tag)
    for branch in sorted({b for path in DOC_FILES for b in BRANCH.findall(path.read_text(encoding="utf-8"))}):
        _git(repo, environment, "branch", branch)
    (repo / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "pages" / "spanish.txt", repo / "page.txt")
    for coder in ("ana", "ben"):
        shutil.copytree(repo / "cases", repo / "coders" / coder / "cases")
    with contextlib.chdir(repo), contextlib.redirect_stdout(io.StringIO()):
        assert main(["export", "cases", "--format", "xlsx", "-o", "latinno.xlsx"]) == 0
    assert {name for name in GIVEN} <= {p.name for p in repo.iterdir()}
    return repo


def _run(command: str, repo: Path, env: dict) -> tuple[int, str]:
    """Exit code and standard error of one line, run in ``repo``."""
    words = shlex.split(command, comments=True)
    if words[0] == "latinno-lint" and not re.search(r"[;&|<>$`]", _key(command)):  # no shell syntax: one command
        out, err = io.StringIO(), io.StringIO()
        with contextlib.chdir(repo), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(words[1:])
            except SystemExit as exit:  # argparse
                code = exit.code if isinstance(exit.code, int) else 2
        return code, err.getvalue()
    run = subprocess.run(["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    return run.returncode, run.stderr


PAGES = sorted({page for page, _line, _command in commands()} - set(OWN_TEST), key=[p.relative_to(ROOT).as_posix() for p in DOC_FILES].index)


@pytest.mark.parametrize("page", PAGES)
def test_shell_examples_run_as_written(page, docs_repository, environment, tmp_path):  # noqa: F811
    repo = tmp_path / "latinno-lint"
    shutil.copytree(docs_repository, repo, symlinks=True)
    env = {**environment, "PATH": f"{Path(sys.prefix) / 'bin'}{os.pathsep}{environment['PATH']}", "VIRTUAL_ENV": sys.prefix}
    env.pop("PYTHONPATH", None)
    failures, ran = [], 0
    for _page, line, command in (c for c in commands() if c[0] == page):
        key = _key(command)
        if key in NOT_RUN or _synopsis(key):  # a usage line: tests/test_docs.py parses an instance of it
            continue
        code, err = _run(command, repo, env)
        ran += 1
        wanted = 0  # the dataset as it is passes, and so does every example the docs give for it
        if code != wanted or "Traceback" in err or "internal error" in err:
            failures.append(f"{page}:{line}: `{command}` exited {code}, not {wanted}:\n{err.strip()[-2000:]}")
    assert not failures, "\n\n".join(failures)
    assert ran or all(_key(c) in NOT_RUN or _synopsis(_key(c)) for p, _l, c in commands() if p == page)
