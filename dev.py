#!/usr/bin/env python3
"""Set up and run latinno-lint from a fresh clone, with nothing but Python 3.11+.

    python3 dev.py check [ARGS...]   set up .venv, then run `latinno-lint check` (default: cases/)
    python3 dev.py test [ARGS...]    set up .venv with the test tools, then run the test suite
    python3 dev.py run CMD [ARGS...] set up .venv, then run any latinno-lint sub-command

The virtual environment lives in .venv/ and is reinstalled only when
pyproject.toml changes.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"latinno-lint needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"dev.py: creating {VENV.relative_to(ROOT)}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extras}]" if extras else "."
    print(f"dev.py: installing latinno-lint{' with ' + extras if extras else ''} into .venv", file=sys.stderr)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "test", "run"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "test":
        ensure_venv("test")
        return subprocess.run([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT).returncode
    ensure_venv("")
    args = ["check", *(rest or ["cases"])] if command == "check" else rest
    return subprocess.run([str(BIN / "latinno-lint"), *args], cwd=ROOT).returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as exc:
        sys.exit(f"dev.py: set-up failed: {' '.join(map(str, exc.cmd))} exited {exc.returncode}")
