"""The index cache: each case file's index entry, so that a pre-commit run on
one file does not parse the whole dataset for the cross-file rules.

It lives in ``<dataset root>/.latinno-lint-cache/`` (with a ``.gitignore`` of its
own) as one JSON file. An entry is reused only when

- the tool is the same: latinno-lint's version, the code that reads entries,
  PyYAML's version and whether libyaml is used, the Python version;
- the file's stamp is the same: size, modification and change times, inode
  (the change time cannot be set back by tools that restore modification times);
- the file was last changed at least two seconds before the run that stored the
  entry began, so that a change made while (or just before) the entry was read,
  within the file system's timestamp resolution, is never hidden.

Anything else is a miss and the file is read again. The cache is an
optimisation only: when it cannot be read or written (damaged, read-only, a
file in the way) the run reads the files and gives the same findings.

It is data from the checked repository, so it is never trusted blindly (see
docs/security.md):

- The folder and every file in it must be what latinno-lint writes: a real
  folder holding regular files. A symbolic link or any other kind of file
  there (a FIFO, a device, a folder) and the cache is not used at all: nothing
  is read from it or written to it, and the run says so (``Store.problem``).
- index.json is read as case files are: opened without following a link or
  blocking, only if it is a regular file, and at most MAX_BYTES of it.
- Every value is checked for its type and range before it is used (the
  header when the cache is read, each record when it is looked up): anything
  unexpected is a miss (a record) or no cache (the header).
- Files are written inside the folder opened once (dir_fd), never through a
  link: a new temporary file (O_CREAT | O_EXCL | O_NOFOLLOW) renamed over the
  old one, the .gitignore included, which is rewritten when it is not
  exactly what latinno-lint writes (a full disk could have left it empty).
  Temporary files older than STALE_SECONDS (from a killed run) are removed.
"""

from __future__ import annotations

import functools
import json
import os
import stat
import sys
import time
import zlib
from pathlib import Path

FOLDER = ".latinno-lint-cache"
FILE = "index.json"
IGNORE = ".gitignore"
IGNORE_TEXT = b"# created by latinno-lint\n*\n"
TEMP_PREFIX, TEMP_SUFFIX = ".index-", ".tmp"
STALE_SECONDS = 600  # a temporary file this old is a killed run's, not a concurrent run's
MAX_BYTES = 256_000_000  # ~1,000 bytes per case for 250,000 cases
FORMAT = 2
RACY_NS = 2_000_000_000
MISS = object()
_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)
_MAX_NS = 2**63  # a time in nanoseconds, as the file system gives it
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)
# the folder is opened once and every file is opened relative to it, where the system allows it
_DIR_FD = os.open in os.supports_dir_fd and os.replace in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")


def read_up_to(handle: int, size: int) -> bytes:
    """``size`` bytes, or all up to the end of the file: what a buffered
    read(size) gives, with plain os.read calls (no file object per file).
    Case files (files.read_stamped) and the cache are read with it."""
    chunks, got = [], 0
    while got < size:
        chunk = os.read(handle, size - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def stamp(st) -> tuple:
    """What identifies a version of a file without reading it."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@functools.lru_cache(maxsize=1)
def tool_key() -> str:
    """Changes whenever the code or libraries that turn a file into an entry change."""
    import yaml

    from ..version import __version__
    from . import source

    key = f"{FORMAT}|{__version__}|{yaml.__version__}|{source.WITH_LIBYAML}|{sys.version_info[:2]}"
    here = Path(__file__).parent
    for name in ("source.py", "dataset.py", "cache.py"):  # read, not imported: dataset imports this module
        try:
            code = (here / name).read_bytes()
        except OSError:
            code = b""
        key += f"|{len(code)}:{zlib.crc32(code):08x}"  # a check sum of the code, not a secret
    return key


def encode(entry) -> list | object | None:
    """An entry as JSON data, None for 'no entry', or MISS when it cannot be stored exactly."""
    if entry is None:
        return None
    values = [entry.id, entry.latinno_id, entry.name, entry.country]
    if all(isinstance(v, _SCALARS) for v in values) and all(isinstance(r, _SCALARS) for r in entry.related):
        return values + [list(entry.related), entry.name_key]
    return MISS


class Store:
    """The cached entries of one dataset root, read once and written back when changed."""

    def __init__(self, root: Path, started_ns: int, load: bool = True):
        self.root = root
        self.folder = root / FOLDER
        self.started_ns = started_ns
        self.written_ns = 0
        self.records: dict = {}
        self.fresh: dict = {}
        self.changed = 0  # records that differ from the stored ones
        self.read_others = False  # a file not being checked had to be read
        self.problem = ""  # why the cache is not used at all (a link, a file of another kind): said once
        self._dir: int | None = None  # the folder, opened (see _DIR_FD)
        self._temps: list = []  # temporary files found in the folder: (name, modification time)
        self._ignore_ok = False  # the .gitignore is there and as written
        self._read(load)

    def _read(self, load: bool = True) -> None:
        try:
            status = os.lstat(self.folder)
        except FileNotFoundError:
            return  # no cache yet
        except OSError:
            return  # cannot be asked about: nothing is read, and writing will fail
        if stat.S_ISLNK(status.st_mode):
            self.problem = f"{self.folder} is a symbolic link"
            return
        if not stat.S_ISDIR(status.st_mode):
            self.problem = f"{self.folder} is not a folder"
            return
        try:
            self._open_folder()
            with os.scandir(self._dir if self._dir is not None else self.folder) as listing:
                for item in listing:
                    try:
                        mode = stat.S_IFREG if item.is_file(follow_symlinks=False) else item.stat(follow_symlinks=False).st_mode
                        if stat.S_ISREG(mode) and item.name.startswith(TEMP_PREFIX) and item.name.endswith(TEMP_SUFFIX):
                            self._temps.append((item.name, item.stat(follow_symlinks=False).st_mtime))
                    except FileNotFoundError:
                        continue  # a concurrent run's temporary file, renamed since the listing
                    if not stat.S_ISREG(mode):
                        self.problem = f"{self.folder / item.name} is {'a symbolic link' if stat.S_ISLNK(mode) else 'not a regular file'}"
                        self.close()
                        return
            self._ignore_ok = self._read_file(IGNORE, len(IGNORE_TEXT) + 1) == IGNORE_TEXT
            if load:
                self.load()
        except OSError:
            self.records = {}

    def load(self) -> None:
        """Read index.json (a Store made with ``load=False`` has checked the folder only)."""
        if self.problem or (_DIR_FD and self._dir is None):
            return
        try:
            self._load(self._read_file(FILE, MAX_BYTES))
        except OSError:
            self.records = {}

    def _open_folder(self) -> None:
        if _DIR_FD and self._dir is None:
            self._dir = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW)

    def _open(self, name: str, flags: int, mode: int = 0o666) -> int:
        if self._dir is not None:
            return os.open(name, flags, mode, dir_fd=self._dir)
        return os.open(self.folder / name, flags, mode)

    def _read_file(self, name: str, limit: int) -> bytes | None:
        """The bytes of a regular file in the folder, or None (missing, or larger than ``limit``)."""
        try:
            handle = self._open(name, _READ_FLAGS)
        except FileNotFoundError:
            return None
        try:
            status = os.fstat(handle)
            if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
                return None
            data = read_up_to(handle, min(status.st_size, limit) + 1)  # one byte more: the file may have grown
            return data if len(data) <= limit else None
        finally:
            os.close(handle)

    def _load(self, raw: bytes | None) -> None:
        """Take the header of index.json; anything unexpected and no record is used."""
        if not raw:
            return
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep, a number too long
            return
        if type(data) is not dict or data.get("format") != FORMAT or data.get("tool") != tool_key():
            return
        written, files = data.get("written_ns"), data.get("files")
        if type(written) is int and 0 < written < _MAX_NS and type(files) is dict:
            self.written_ns = written
            self.records = files

    def get(self, rel: str, file_stamp: tuple):
        """The cached entry of ``rel`` as stored by encode() (None: the file has no
        entry), or MISS; put() the entry of a miss once it is known. A record of
        any other shape or with values of other types is a miss."""
        record = self.records.get(rel)
        if type(record) is not list or len(record) != 5:
            return MISS
        size, mtime, ctime, ino, data = record
        if (size, mtime, ctime, ino) != file_stamp or max(mtime, ctime) >= self.written_ns - RACY_NS:
            return MISS  # the stamp compares equal to integers only: no other type gets past this
        if data is not None:
            if type(data) is not list or len(data) != 6:
                return MISS
            ident, number, name, country, related, key = data
            scalars = _SCALAR_TYPES
            if not (type(ident) in scalars and type(number) in scalars and type(name) in scalars and type(country) in scalars):
                return MISS
            if type(related) is not list or (related and not scalars.issuperset(map(type, related))):
                return MISS
            if (type(key) is str) != (type(name) is str and type(country) is str) or (key is not None and type(key) is not str):
                return MISS  # a name key exactly when there is a name and a country (name_key_of)
        self.fresh[rel] = record  # unchanged: kept as it is
        return data

    def put(self, rel: str, file_stamp: tuple, entry, *, checked: bool = False) -> None:
        """Record the entry of ``rel``; ``checked``: the file was parsed for checking
        (not for the index), as a pre-commit run does with the files it is given."""
        data = encode(entry)
        if data is MISS:
            return  # not stored: read again next time
        record = [*file_stamp, data]
        if self.records.get(rel) != record or max(file_stamp[1], file_stamp[2]) >= self.written_ns - RACY_NS:
            self.changed += 1
            self.read_others |= not checked
        self.fresh[rel] = record

    def save(self) -> None:
        """Write what was seen in this run (files gone are dropped), when it saves
        later runs more than it costs now: after reading files that were not being
        checked, or when many records changed (not for the few files of a commit,
        which their next check parses anyway), or to mend the .gitignore. Never
        fails; never writes where the cache is not used (``problem``)."""
        try:
            if self.problem or not (self.read_others or self.changed > len(self.fresh) // 50 or self.fresh.keys() != self.records.keys() or not self._ignore_ok):
                return
            payload = {"format": FORMAT, "tool": tool_key(), "written_ns": self.started_ns, "files": self.fresh}
            text = json.dumps(payload, separators=(",", ":")).encode("ascii")
            if self.prepare():
                self._write(FILE, text)
        except (OSError, ValueError):
            pass  # read-only dataset, a file in the way, a full disk: the cache is only an optimisation
        finally:
            self.close()

    def prepare(self) -> bool:
        """Make the folder ready to write in (created, opened, its .gitignore as
        written, stale temporary files removed); False when it cannot be used.
        Raises OSError."""
        if self.problem:
            return False
        if self._dir is None:
            try:
                os.mkdir(self.folder)
            except FileExistsError:
                if not os.path.isdir(self.folder) or os.path.islink(self.folder):
                    return False  # appeared meanwhile, and not as a folder
            self._open_folder()
        now = time.time()
        for name, modified in self._temps:
            if modified < now - STALE_SECONDS:
                self._remove(name)
        self._temps = []
        if not self._ignore_ok:
            self._write(IGNORE, IGNORE_TEXT, sync=True)  # before the cache: git never sees it unignored
            self._ignore_ok = True
        return True

    def new_temp(self) -> tuple[str, Path]:
        """A new, empty temporary file in the folder (created exclusively, never
        through a link): its name, and its path for a library that opens by path."""
        temp = f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{TEMP_SUFFIX}"
        os.close(self._open(temp, _WRITE_FLAGS))
        return temp, self.folder / temp

    def replace(self, temp: str, name: str) -> None:
        """Put the temporary file ``temp`` in the place of ``name``, atomically."""
        if self._dir is not None:
            os.replace(temp, name, src_dir_fd=self._dir, dst_dir_fd=self._dir)
        else:
            os.replace(self.folder / temp, self.folder / name)

    def remove(self, name: str) -> None:
        self._remove(name)

    def _write(self, name: str, data: bytes, sync: bool = False) -> None:
        """Replace ``name`` in the folder by a new file holding ``data``."""
        temp = f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{TEMP_SUFFIX}"
        handle = self._open(temp, _WRITE_FLAGS)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                if sync:
                    out.flush()
                    os.fsync(out.fileno())
            if self._dir is not None:
                os.replace(temp, name, src_dir_fd=self._dir, dst_dir_fd=self._dir)
            else:
                os.replace(self.folder / temp, self.folder / name)
        except BaseException:
            self._remove(temp)
            raise

    def _remove(self, name: str) -> None:
        try:
            if self._dir is not None:
                os.unlink(name, dir_fd=self._dir)
            else:
                os.unlink(self.folder / name)
        except OSError:
            pass

    def close(self) -> None:
        if self._dir is not None:
            os.close(self._dir)
            self._dir = None


def open_for(root: Path, started_ns: int | None = None, load: bool = True) -> Store:
    """The cache folder of ``root``, checked; its index.json read unless ``load`` is False."""
    return Store(root, time.time_ns() if started_ns is None else started_ns, load)
