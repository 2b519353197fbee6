"""Real git repositories for the tests that read another commit's cases
(`latinno-lint diff`, `check --baseline`, `agreement REF:PATH`, the docs'
examples): a repository in a temporary folder, with a git configuration of its
own so that the user's or the machine's never changes what a test sees.

git is part of every machine the tests run on; where it is missing, `require`
skips the test with the reason, except under CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def require() -> None:
    """Skip the calling test where git is missing; fail under CI."""
    if shutil.which("git") is not None:
        return
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail("CI must run the tests that use git, but git is not on the PATH")
    pytest.skip("git is not on the PATH")


class Repo:
    """A git repository at ``path``, made empty by the constructor."""

    def __init__(self, path: Path) -> None:
        require()
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        config = path.parent / f".gitconfig-{path.name}"
        config.write_text('[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n[protocol "file"]\n\tallow = always\n')
        self.env = dict(os.environ, GIT_CONFIG_GLOBAL=str(config), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z")
        self.git("init", "-q")

    def git(self, *args: str) -> str:
        """Run git in the repository; its output, or a failed test with git's message."""
        done = subprocess.run(["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True)
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def write(self, relative: str, text: str) -> Path:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def commit(self, message: str = "change", tag: str | None = None) -> str:
        """Commit every change of the work tree; the commit's id."""
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        if tag:
            self.git("tag", tag)
        return self.git("rev-parse", "HEAD").strip()
