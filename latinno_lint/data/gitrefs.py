"""Case files as a git commit holds them, read with git and never from the working tree.

`latinno-lint diff`, `check --baseline` and `agreement CODING` (a `REF:PATH`
coding) compare the dataset at another commit with the one on disk. They read
that commit through git's own plumbing: ``git ls-tree`` names the files under
the paths asked for, ``git cat-file --batch`` gives their bytes, and nothing
is checked out. The working tree, the index and HEAD stay untouched.

What a commit holds comes from strangers as much as a working tree does:

- a symbolic link (mode 120000) or a submodule (160000) is not a case file; it
  is listed apart (``Tree.skipped``) and never followed;
- a path is written into a folder of ours only after it is checked to stay
  below it (`materialize`), and never through a symbolic link;
- every error is a `GitError` with one line that names the ref or the folder,
  for the command line to print with exit 2.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..finding import escape

# the file modes of a tree entry that hold bytes of a file
_FILE_MODES = ("100644", "100755")


class GitError(Exception):
    """A ref, a folder or git itself that cannot give the files asked for; the
    message is one line naming it (already escaped)."""


@dataclass(frozen=True)
class Tree:
    """The case files of ``ref`` (a commit id) under the paths asked for.

    ``files`` maps each path, relative to ``prefix`` (the folder the paths were
    named from, relative to the repository's top), to its blob id; ``skipped``
    maps the symbolic links and submodules found there to what they are."""

    ref: str
    commit: str
    top: Path
    prefix: str
    files: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


def _git(args: list[str], cwd: Path, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed or not on the PATH; it is needed to read another commit's cases")
    # no pager, no prompts, no configured helpers that could run a stranger's command
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", LC_ALL="C")
    try:
        return subprocess.run([git, *args], cwd=cwd, input=input_bytes, capture_output=True, env=env, check=False)
    except OSError as exc:
        raise GitError(f"git could not be run in {escape(str(cwd))}: {escape(exc.strerror or str(exc))}") from exc


def top_of(folder: str | os.PathLike[str]) -> tuple[Path, str]:
    """The top of the git work tree that holds ``folder``, and ``folder``'s path
    below it ('' at the top, else ending in '/'); GitError outside a repository."""
    where = Path(folder)
    if not where.is_dir():
        raise GitError(f"{escape(str(folder))} is not a folder")
    done = _git(["rev-parse", "--show-toplevel", "--show-prefix"], where)
    if done.returncode != 0:
        raise GitError(f"{escape(str(folder))} is not inside a git repository")
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    return Path(lines[0]), (lines[1] if len(lines) > 1 else "")


def resolve(ref: str, folder: str | os.PathLike[str] = ".") -> str:
    """The commit id that ``ref`` names in the repository of ``folder``. A ref
    that does not exist is a GitError naming it; in a shallow clone the message
    says to fetch it, since the commit may just not have been fetched."""
    if not ref or ref.startswith("-"):
        raise GitError(f"{escape(repr(ref))} is not a git ref")
    top, _prefix = top_of(folder)
    done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top)
    if done.returncode == 0:
        return done.stdout.decode("ascii").strip()
    shallow = _git(["rev-parse", "--is-shallow-repository"], top).stdout.strip() == b"true"
    hint = f"; this clone is shallow, so the commit may just not be here: fetch it (git fetch origin {escape(ref)}, or clone with history: actions/checkout's fetch-depth: 0)" if shallow else ""
    raise GitError(f"git ref {escape(repr(ref))} does not exist in {escape(str(top))}{hint}")


def tree(ref: str, paths: list[str], folder: str | os.PathLike[str] = ".") -> Tree:
    """The case files (``*.yaml``/``*.yml``) of ``ref`` under ``paths``, which are
    named as from ``folder`` (as a user names them on the command line)."""
    commit = resolve(ref, folder)
    top, prefix = top_of(folder)
    wanted = []
    for path in paths:
        given = Path(path)
        if given.is_absolute():
            given = Path(os.path.relpath(given, top))
        wanted.append(os.path.normpath(PurePosixPath(prefix, given.as_posix()).as_posix()))
    # literal pathspecs: a file name from a stranger is never read as git's pathspec magic
    done = _git(["--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", commit, "--", *wanted], top)
    if done.returncode != 0:
        raise GitError(f"git could not list {escape(ref)}: {escape(done.stderr.decode('utf-8', 'replace').strip())}")
    result = Tree(ref=ref, commit=commit, top=top, prefix=prefix)
    for entry in done.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _tab, raw_path = entry.partition(b"\t")
        mode, kind, blob = meta.decode("ascii").split(" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        shown = path[len(prefix) :] if prefix and path.startswith(prefix) else path
        if not shown.lower().endswith((".yaml", ".yml")):
            continue
        if mode in _FILE_MODES and kind == "blob":
            result.files[shown] = blob
        else:
            result.skipped[shown] = "a symbolic link" if mode == "120000" else "a submodule" if kind == "commit" else f"an entry of mode {mode}"
    return result


def read(tree_: Tree) -> dict[str, bytes]:
    """The bytes of every file of ``tree_``, by path, read in one ``git cat-file``."""
    if not tree_.files:
        return {}
    blobs = list(dict.fromkeys(tree_.files.values()))
    done = _git(["cat-file", "--batch"], tree_.top, input_bytes=b"".join(blob.encode("ascii") + b"\n" for blob in blobs))
    if done.returncode != 0:
        raise GitError(f"git could not read the files of {escape(tree_.ref)}: {escape(done.stderr.decode('utf-8', 'replace').strip())}")
    contents: dict[str, bytes] = {}
    out, at = done.stdout, 0
    for blob in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].decode("ascii").split(" ")
        if len(header) != 3 or header[0] != blob:
            raise GitError(f"git gave no blob {blob} for {escape(tree_.ref)}")
        size = int(header[2])
        contents[blob] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1  # the content, then a newline
    return {path: contents[blob] for path, blob in tree_.files.items()}


def materialize(tree_: Tree, contents: dict[str, bytes], destination: Path) -> list[Path]:
    """Write ``contents`` (from `read`) below ``destination``, an empty folder of
    ours, at their paths; a path that would leave it, or pass through a symbolic
    link, is refused. Gives the files written."""
    base = destination.resolve()
    written = []
    for path, data in sorted(contents.items()):
        parts = PurePosixPath(path).parts
        if not parts or any(part in ("", ".", "..") for part in parts) or PurePosixPath(path).is_absolute():
            raise GitError(f"{escape(tree_.ref)} holds a path that cannot be written safely: {escape(path)}")
        target = base.joinpath(*parts)
        parent = target.parent
        parent.mkdir(parents=True, exist_ok=True)
        if parent.resolve() != parent or base not in target.parents:
            raise GitError(f"{escape(tree_.ref)} holds a path that leads out of the folder it is read into: {escape(path)}")
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        written.append(target)
    return written


def split_spec(spec: str) -> tuple[str, str] | None:
    """``(ref, path)`` for a ``REF:PATH`` spec such as ``coder-b:cases``, or None
    when ``spec`` is a folder on disk or has no colon (a folder named with a
    colon wins over a ref of the same spelling)."""
    if Path(spec).exists() or ":" not in spec:
        return None
    ref, _colon, path = spec.partition(":")
    if not ref:
        return None
    return ref, path or "."
