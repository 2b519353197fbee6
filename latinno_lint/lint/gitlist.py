"""What git says of the files of a dataset, asked for as early as a run can:
``git ls-files`` compares the work tree with git's index (a stat of every
tracked file), which takes as long as a pre-commit run's imports, so a run
starts it first and reads its answer when the index of the cross-file rules
is needed (gitindex.py). Light on purpose: the command line imports it before
anything else."""

from __future__ import annotations

import os

COMMAND = ("git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=false", "ls-files", "-t", "-s", "-m", "-d", "-o", "-z", "--", ".")
_STARTED: dict = {}  # root (text) -> (process, output file, error file)


def _in_work_tree(root: str) -> bool:
    if os.environ.get("GIT_DIR"):
        return True
    folder = root
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent


def _temporary() -> int:
    """An open, nameless temporary file (the answer waits there, not in a pipe git would stall on)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag:
        try:
            return os.open(os.environ.get("TMPDIR") or "/tmp", flag | os.O_RDWR, 0o600)
        except OSError:
            pass
    import tempfile

    handle, name = tempfile.mkstemp(prefix="latinno-lint-")
    os.unlink(name)
    return handle


def start(root: str) -> None:
    """Start git on the dataset at ``root`` (resolved, text), if it is in a work tree and not started yet."""
    if root in _STARTED or not os.path.isdir(root) or not _in_work_tree(root):
        return
    import subprocess

    out = err = -1
    try:
        out, err = _temporary(), _temporary()
        process = subprocess.Popen(COMMAND, cwd=root, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    except (OSError, ValueError):
        for handle in (out, err):
            if handle >= 0:
                os.close(handle)
        _STARTED[root] = None
        return
    _STARTED[root] = (process, out, err)


def answer(root: str) -> bytes | None:
    """git's answer for ``root`` (starting git if need be), or None when git cannot say."""
    start(root)
    started = _STARTED.pop(root, None)
    if started is None:
        return None
    process, out, err = started
    try:
        if process.wait() != 0 or os.fstat(err).st_size:
            return None  # not a work tree after all, a folder git cannot read, ...
        size = os.fstat(out).st_size
        chunks = []
        offset = 0
        while offset < size:
            chunk = os.pread(out, size - offset, offset)
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(out)
        os.close(err)


def guess(argv: list) -> None:
    """Start git for the dataset a ``check`` command line names, before the run
    imports what it needs: the nearest folder named cases above its first path
    (a guess: a run that finds another root asks git itself)."""
    if "--no-cache" in argv or "--fix" in argv or "--diff" in argv or not hasattr(os, "pread"):
        return
    for arg in argv[1:]:
        if arg.startswith("-") or not os.path.exists(arg):
            continue
        path = os.path.realpath(arg)
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        while os.path.basename(folder) != "cases":
            parent = os.path.dirname(folder)
            if parent == folder:
                return
            folder = parent
        start(folder)
        return
