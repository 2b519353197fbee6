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
"""
from __future__ import annotations

import functools
import json
import os
import sys
import time
import zlib
from pathlib import Path

FOLDER = ".latinno-lint-cache"
FILE = "index.json"
FORMAT = 2
RACY_NS = 2_000_000_000
MISS = object()
_SCALARS = (str, int, float, bool, type(None))


def stamp(st) -> tuple:
    """What identifies a version of a file without reading it."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@functools.lru_cache(maxsize=1)
def tool_key() -> str:
    """Changes whenever the code or libraries that turn a file into an entry change."""
    import yaml

    from . import __version__, dataset, source

    key = f"{FORMAT}|{__version__}|{yaml.__version__}|{source.WITH_LIBYAML}|{sys.version_info[:2]}"
    for module in (source, dataset, sys.modules[__name__]):
        try:
            code = Path(module.__file__).read_bytes()
        except (OSError, TypeError):
            code = b""
        key += f"|{len(code)}:{zlib.crc32(code):08x}"  # a check sum of the code, not a secret
    return key


def encode(entry) -> list | None | object:
    """An entry as JSON data, None for 'no entry', or MISS when it cannot be stored exactly."""
    if entry is None:
        return None
    values = [entry.id, entry.latinno_id, entry.name, entry.country]
    if all(isinstance(v, _SCALARS) for v in values) and all(isinstance(r, _SCALARS) for r in entry.related):
        return values + [list(entry.related), entry.name_key]
    return MISS


class Store:
    """The cached entries of one dataset root, read once and written back when changed."""

    def __init__(self, root: Path, started_ns: int):
        self.root = root
        self.folder = root / FOLDER
        self.started_ns = started_ns
        self.written_ns = 0
        self.records: dict = {}
        self.fresh: dict = {}
        self.changed = 0  # records that differ from the stored ones
        self.read_others = False  # a file not being checked had to be read
        self._read()

    def _read(self) -> None:
        try:
            with open(self.folder / FILE, encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("format") == FORMAT and data.get("tool") == tool_key():
                self.written_ns = int(data["written_ns"])
                self.records = dict(data["files"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            self.records = {}

    def get(self, rel: str, file_stamp: tuple):
        """The cached entry of ``rel`` as stored by encode() (None: the file has no
        entry), or MISS; put() the entry of a miss once it is known."""
        record = self.records.get(rel)
        try:
            size, mtime, ctime, ino, data = record
            if (size, mtime, ctime, ino) != file_stamp or max(mtime, ctime) >= self.written_ns - RACY_NS:
                return MISS
            if data is not None and (len(data) != 6 or not isinstance(data[4], list) or not isinstance(data[5], (str, type(None)))):
                return MISS
        except (TypeError, ValueError):
            return MISS
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
        which their next check parses anyway). Never fails."""
        if not (self.read_others or self.changed > len(self.fresh) // 50 or self.fresh.keys() != self.records.keys()):
            return
        payload = {"format": FORMAT, "tool": tool_key(), "written_ns": self.started_ns, "files": self.fresh}
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by latinno-lint\n*\n", encoding="utf-8")
            import tempfile

            handle, temp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(payload, out, separators=(",", ":"))
                os.replace(temp, self.folder / FILE)
            except BaseException:
                os.unlink(temp)
                raise
        except (OSError, ValueError):
            pass  # read-only dataset, a file in the way, a full disk: the cache is only an optimisation


def open_for(root: Path, started_ns: int | None = None) -> Store:
    return Store(root, time.time_ns() if started_ns is None else started_ns)
