"""Which files a run checks, and their bytes.

``discover`` turns the paths given (files and folders) into the case files to
check, each with the problem that keeps it from being read, if any: a broken
symbolic link, a link out of the dataset, a folder that cannot be listed. A
path that does not exist is not such a problem but a mistake in the command
(``PathNotFound``, raised by ``require``): every command says so and exits 2.
``default_root`` is the dataset a command checks when it is given no path.
``read_stamped`` reads one file with the guards a stranger's file needs (a
regular file, a size cap, no blocking on a FIFO) and the stamp that the index
cache compares."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from . import cache, dataset

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TypeAlias

    # a case file to check, as discover() gives it: (the path to show, the file
    # (None when there is a problem), the problem, the resolved path when known)
    Item: TypeAlias = tuple[str, "str | Path | None", "str | None", "str | None"]


# Spreadsheets that latinno-lint cannot read, by their name's suffix (any case).
# Named to check or import, each is refused with how to save it as a table it
# reads (.xlsx, .csv: data.TABLE_SUFFIXES), never read as YAML; a folder scan
# takes only *.yaml and *.yml (dataset.SUFFIXES), so it never meets them.
UNREADABLE_TABLES = {
    ".ods": "an OpenDocument spreadsheet (LibreOffice's own format)",
    ".xls": "an Excel 97-2003 workbook",
    ".numbers": "an Apple Numbers document",
}


def unreadable_table(path: str | os.PathLike[str]) -> str | None:
    """Why the file ``path`` is a spreadsheet that latinno-lint cannot read, and
    how to save it as one it can, said of the file ("is an OpenDocument ..."),
    in one line; None for any other path (a folder of any name is a folder).
    By its name, as data.is_table tells a table."""
    kind = UNREADABLE_TABLES.get(os.path.splitext(path)[1].lower())
    if kind is None or os.path.isdir(path):
        return None
    return (
        f"is {kind}, which latinno-lint cannot read: save it as .xlsx or .csv and give that file "
        '(LibreOffice Calc: File > Save As, file type "Excel 2007-365 (.xlsx)" or "Text CSV (.csv)"; '
        'Excel: File > Save As, "Excel Workbook (*.xlsx)" or "CSV UTF-8 (Comma delimited) (*.csv)"; '
        "Numbers: File > Export To > Excel or CSV)"
    )


class PathNotFound(FileNotFoundError):
    """Paths the user named that do not exist, not even as a broken symbolic link
    (``paths``): a mistake in the command line, not a finding, so that a typo
    cannot pass a gate (``--exit-zero``, ``--diff``) or empty an export."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(f"{', '.join(paths)}: no such file or folder")
        self.paths = paths


def require(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Raise PathNotFound for the paths that do not exist. A path whose folder
    cannot be searched exists as far as this goes: discover() reports it (LAT010)."""
    missing = []
    for given in paths:
        try:
            os.lstat(given)
        except (FileNotFoundError, NotADirectoryError):
            missing.append(os.fsdecode(given))
        except (OSError, ValueError):
            pass
    if missing:
        raise PathNotFound(missing)


def default_root(configured: Path | None, start: Path | None = None) -> Path | None:
    """The dataset a command checks when it is given no path: the configured
    ``cases-root``, else the nearest ``cases/`` folder: the working folder
    (``start``) or a folder above it that is named cases or holds one. None
    when there is none."""
    if configured is not None:
        return configured
    start = Path(os.path.abspath(start or os.getcwd()))
    for folder in (start, *start.parents):
        if folder.name == "cases":
            return folder
        if (folder / "cases").is_dir():
            return folder / "cases"
    return None


def shown(path: str | os.PathLike[str]) -> str:
    """A path as a run shows it: relative to the working folder when it is under
    it, else as it is."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        return text
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive
        return text
    return text if relative.startswith("..") else relative


def _leaves_root(path: Path, configured: Path | None) -> bool:
    """True when ``path``, once symbolic links are followed, is outside the dataset
    root it is written under (the configured root or the nearest cases/ folder)."""
    written = Path(os.path.abspath(path))
    if configured is not None and (configured == written or configured in written.parents):
        root = configured
    else:
        found = next((folder for folder in written.parents if folder.name == "cases"), None)
        if found is None:
            return False
        root = found
    real, real_root = written.resolve(), root.resolve()
    return real != real_root and real_root not in real.parents


def discover(paths: Iterable[str | os.PathLike[str]], cases_root: Path | None = None) -> list[Item]:
    """(display path, file, problem message, resolved path) for every case file
    named (PathNotFound when a path does not exist): the file (a path or its text) is None when there is a problem, and the
    resolved path (text) is None when it is not known yet (see dataset.resolve)."""
    paths = list(paths)
    require(paths)
    found: list[Item] = []
    for given in paths:
        p = Path(given)
        try:
            p.lstat()
        except FileNotFoundError:
            pass  # reported below
        except OSError as exc:  # a folder on the way cannot be searched
            found.append((str(given), None, f"cannot be read: {(exc.strerror or str(exc)).lower()}", None))
            continue
        if p.is_symlink() and not p.exists():
            found.append((str(given), None, "is a broken symbolic link", None))
        elif p.exists() and _leaves_root(p, cases_root):
            found.append((str(given), None, "leads out of the dataset root through a symbolic link; it was not followed", None))
        elif p.is_dir():
            found += _folder_items(p)
        elif spreadsheet := unreadable_table(p):
            found.append((str(given), None, spreadsheet, None))
        elif p.exists():
            found.append((str(given), p, None, None))
        else:  # gone since require() looked
            found.append((str(given), None, "disappeared while it was being read", None))
    seen: set[str] = set()
    unique: list[Item] = []
    for item in found:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    return unique


def _folder_items(folder: Path) -> list[Item]:
    """discover() for the case files of a folder. A directory listing tells which
    are symbolic links, so the others are resolved folder by folder, not one by one."""
    found: list[Item] = []
    unreadable: list[OSError] = []
    real: dict[str, str] = {}
    base = folder.resolve()
    for path, is_link in dataset.walk(folder, unreadable):
        if is_link:
            resolved = os.path.realpath(path)
            if base not in Path(resolved).parents:
                found.append((path, None, "is a symbolic link that leads out of the folder being checked; it was not followed", None))
                continue
        else:
            parent, name = os.path.split(path)
            if parent not in real:
                real[parent] = os.path.realpath(parent)
            resolved = os.path.join(real[parent], name)
        found.append((path, path, None, resolved))
    for exc in unreadable:
        found.append((str(exc.filename), None, f"is a folder that cannot be read: {(exc.strerror or str(exc)).lower()}; its cases were not checked", None))
    return found


_READ_LIMIT = 2_000_001  # more than a case file may have (source.MAX_BYTES): enough to tell


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_stamped(file: Path) -> tuple[bytes | None, tuple | None, str | None]:
    """The bytes of a case file, its stamp as opened (see latinno_lint.lint.cache), or the problem."""
    try:
        if not hasattr(os, "O_NONBLOCK") and not stat.S_ISREG(os.stat(file).st_mode):
            return None, None, "is not a regular file (a folder, FIFO or device); case files are regular files"
        handle = os.open(file, _OPEN_FLAGS)  # non-blocking: a FIFO must not hang the run
        try:
            status = os.fstat(handle)
            if not stat.S_ISREG(status.st_mode):
                return None, None, "is not a regular file (a folder, FIFO or device); case files are regular files"
            # read(n) sets aside n bytes first: ask for the size the file has (and a
            # little more, to see it grew), not for the 2 MB cap every time
            data = cache.read_up_to(handle, min(status.st_size + 4096, _READ_LIMIT))
            if len(data) > status.st_size and len(data) < _READ_LIMIT:
                data += cache.read_up_to(handle, _READ_LIMIT - len(data))
        finally:
            os.close(handle)
        return data, cache.stamp(status), None
    except FileNotFoundError:
        return None, None, "disappeared while it was being read"
    except PermissionError:
        return None, None, "cannot be read: permission denied"
    except OSError as exc:
        return None, None, f"cannot be read: {exc.strerror or exc}"
