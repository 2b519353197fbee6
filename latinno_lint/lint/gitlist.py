"""What git says of the files of a dataset, asked for as early as a run can:
``git ls-files`` compares the work tree with git's index (a stat of every
tracked file), which takes as long as a pre-commit run's imports, so a run
starts it first and reads its answer when the index of the cross-file rules
is needed (gitindex.py). Light on purpose: the command line imports it before
anything else."""

from __future__ import annotations

import os

_GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=false", "ls-files", "-z")
# three processes side by side: the blob ids of git's index (no file is looked at), the files
# that differ from it (a stat of each; a deleted file is one), those it does not have (a listing
# of each folder)
COMMANDS = ((*_GIT, "-s", "--", "."), (*_GIT, "-t", "-m", "--", "."), (*_GIT, "-t", "-o", "--", "."))
_STARTED: dict = {}  # root (text) -> [(process, output file, error file)] or None


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

    started: list = []
    try:
        for command in COMMANDS:
            out, err = _temporary(), _temporary()
            started.append((None, out, err))
            env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
            started[-1] = (subprocess.Popen(command, cwd=root, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env), out, err)
    except (OSError, ValueError):
        _finish(started)
        _STARTED[root] = None
        return
    _STARTED[root] = started


def _finish(started: list) -> None:
    for process, out, err in started:
        if process is not None:
            process.wait()
        os.close(out)
        os.close(err)


def answer(root: str) -> tuple[bytes, bytes] | None:
    """git's answers for ``root`` (starting git if need be): the staged listing
    (``ls-files -s``) and the files that differ (``ls-files -t -m``, ``-t -o``); None
    when git cannot say."""
    start(root)
    started = _STARTED.pop(root, None)
    if started is None:
        return None
    try:
        found = []
        for process, out, err in started:
            if process.wait() != 0 or os.fstat(err).st_size:
                return None  # not a work tree after all, a folder git cannot read, ...
            found.append(_read(out))
        return found[0], found[1] + found[2]
    except OSError:
        return None
    finally:
        _finish(started)


def _read(handle: int) -> bytes:
    size = os.fstat(handle).st_size
    chunks = []
    offset = 0
    while offset < size:
        chunk = os.pread(handle, size - offset, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


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
        if os.path.isdir(path):
            return  # a folder: a whole dataset, whose index is not git's (gitindex.MAX_CHECKED)
        folder = os.path.dirname(path)
        while os.path.basename(folder) != "cases":
            parent = os.path.dirname(folder)
            if parent == folder:
                return
            folder = parent
        start(folder)
        return
