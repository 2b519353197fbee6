"""Writing the site into its folder, and nowhere else.

Every file is written relative to an open descriptor of the folder above it,
opened without following symbolic links (O_NOFOLLOW, O_DIRECTORY): a symbolic
link inside the output folder, where a folder or a page of the site belongs,
is removed and replaced by a real folder or file, never followed. The output
folder itself must not be a symbolic link. Path parts are checked to be plain
names (no separator, no ``..``), whatever made them."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
KEEP_DEPTH = 2  # descriptors of folders this deep stay open (DIR/en/case); deeper ones are closed after each file


class OutputError(OSError):
    """The output folder cannot be written (exit 2)."""


def _plain(part: str) -> str:
    if not part or part in (".", "..") or "/" in part or "\\" in part or "\x00" in part:
        raise ValueError(f"not a plain file name: {part!r}")
    return part


class SiteWriter:
    """Writes files under ``root`` (created when missing)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        if self.root.is_symlink():
            raise OutputError(f"{root} is a symbolic link; name a real folder (the site is never written through a link)")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {root}: {exc.strerror or exc}") from None
        if not self.root.is_dir() or self.root.is_symlink():
            raise OutputError(f"{root} is not a folder")
        self.by_fd = os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
        self.fds: dict[tuple, int] = {}
        if self.by_fd:
            try:
                self.fds[()] = os.open(self.root, _DIR_FLAGS)
            except OSError as exc:
                raise OutputError(f"cannot open {root}: {exc.strerror or exc}") from None
        self.written = 0

    def close(self) -> None:
        for fd in self.fds.values():
            os.close(fd)
        self.fds.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def folder(self, parts: tuple) -> None:
        """Make the folder root/parts[0]/... (before processes share the writing out)."""
        try:
            self._folder(tuple(parts))
        except OSError as exc:
            raise OutputError(f"cannot write {self.root.joinpath(*parts)}: {exc.strerror or exc}") from None

    def _folder(self, parts: tuple) -> int:
        if parts in self.fds:
            return self.fds[parts]
        parent, name = self._folder(parts[:-1]), _plain(parts[-1])
        try:
            fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
        except FileNotFoundError:
            os.mkdir(name, 0o777, dir_fd=parent)
            fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                raise
            mode = os.lstat(name, dir_fd=parent).st_mode
            if stat.S_ISDIR(mode):
                raise
            os.unlink(name, dir_fd=parent)  # a link or a file where a folder of the site belongs
            os.mkdir(name, 0o777, dir_fd=parent)
            fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
        if len(parts) <= KEEP_DEPTH:
            self.fds[parts] = fd
        return fd

    def write(self, parts: tuple, data: bytes) -> None:
        """Write ``data`` to root/parts[0]/.../parts[-1]."""
        try:
            if self.by_fd:
                self._write_at(parts, data)
            else:
                self._write_by_path(parts, data)
        except OSError as exc:
            where = self.root.joinpath(*parts)
            raise OutputError(f"cannot write {where}: {exc.strerror or exc}") from None
        self.written += 1

    def _write_at(self, parts: tuple, data: bytes) -> None:
        if len(parts) > KEEP_DEPTH + 1 and tuple(parts[:-2]) in self.fds and self._write_fresh(parts, data):
            return
        folder = self._folder(tuple(parts[:-1]))
        try:
            name = _plain(parts[-1])
            try:
                if stat.S_ISLNK(os.lstat(name, dir_fd=folder).st_mode):
                    os.unlink(name, dir_fd=folder)
            except FileNotFoundError:
                pass
            fd = os.open(name, _FILE_FLAGS, 0o666, dir_fd=folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        finally:
            if tuple(parts[:-1]) not in self.fds:
                os.close(folder)

    def _write_fresh(self, parts: tuple, data: bytes) -> bool:
        """Write a file into a folder made here and now (the common case: a first
        build), without opening the folder: a folder this call made holds no link.
        False when the folder exists (then the careful way is taken)."""
        parent, folder, name = self.fds[tuple(parts[:-2])], _plain(parts[-2]), _plain(parts[-1])
        try:
            os.mkdir(folder, 0o777, dir_fd=parent)
        except FileExistsError:
            return False
        fd = os.open(f"{folder}/{name}", _FILE_FLAGS | os.O_EXCL, 0o666, dir_fd=parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return True

    def _write_by_path(self, parts: tuple, data: bytes) -> None:  # pragma: no cover - systems without dir_fd (Windows)
        here = self.root
        for part in parts[:-1]:
            here = here / _plain(part)
            if here.is_symlink() or (here.exists() and not here.is_dir()):
                here.unlink()
            here.mkdir(exist_ok=True)
        target = here / _plain(parts[-1])
        if target.is_symlink():
            target.unlink()
        fd = os.open(target, _FILE_FLAGS, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
