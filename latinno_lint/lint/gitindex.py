"""The index of the cross-file rules for a few files of a dataset in git: a
pre-commit run that checks one file of 40,000 asks git what changed, and an
on-disk index (sqlite) which cases have an id, number or name, without
looking at every case file or loading the whole index.

git knows each tracked file's blob id (a hash of its content) and which files
differ from it (``git ls-files -t -s -m -d -o``: one process, which compares
the work tree with git's index as ``git status`` does). The index,
``.latinno-lint-cache/index.sqlite``, holds

- ``files``: each tracked case file (path relative to the dataset root) and
  the blob id git's index gives it, as of the last run that wrote it, with a
  digest of the whole listing, so that an unchanged listing is known without
  comparing it file by file;
- ``blobs``: for each blob id, the case's id, number, name, country and
  relations (and where each relation's id is written, for LAT405 on files the
  run does not check), or why it gives no case. Keyed by content, an entry
  stays good across a checkout, a rebase or a move, and is never wrong for
  the bytes it names: it is stored only after the bytes read were hashed and
  found to be that blob;
- ``dangling``: the relations of the stored cases that name no stored case.

What git says differs from its index (files changed and not staged, deleted,
untracked, and files whose content the cache has not seen) is read in each
run and laid over the stored cases. The result is the index a full scan
would give (``dataset.load``), so the findings are those of ``--no-cache``
(tests/test_gitindex.py).

The stat-based road (cache.py, index.json) is taken instead whenever this one
cannot be sure: outside a git work tree, without git, many files checked or
untracked, a symbolic link, a submodule or a merge conflict among the cases,
an index cache that git tracks (it could come from a pull request).

The index file is untrusted data too (docs/security.md): it is opened only in
a cache folder that cache.Store has checked (a real folder of regular files),
read-only and as immutable; its format, latinno-lint's code and version, and
every row's checksum are checked before use. A row that fails is a damaged
index: the run reads the whole dataset instead (the findings of --no-cache)
and the index is built again. It is never written in place: a new file is
made in a temporary file (created exclusively, without following a link) and
renamed over the old one.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zlib
from pathlib import Path

from . import cache as cache_mod
from . import dataset
from .source import parse_bytes

FILE = "index.sqlite"
FORMAT = 2
MAX_CHECKED = 200  # more files checked than this: the stat-based road (each lookup here is a query)
MAX_UNTRACKED = 500  # case files git does not track, read in every run: more, and the stat-based road
_SUFFIXES = (".yaml", ".yml")
_CACHE_PREFIX = cache_mod.FOLDER.encode() + b"/"


class Damaged(Exception):
    """A row of the index file is not what latinno-lint wrote."""


# git ------------------------------------------------------------------------------------------


def listing(root: Path) -> tuple[bytes, bytes] | None:
    """What git says of the files under ``root`` (paths relative to it): the
    staged listing and the files that differ from it (gitlist.answer), or None
    when git cannot say (no work tree, no git, an error or a warning)."""
    from . import gitlist

    return gitlist.answer(os.fspath(root))


def _relevant(rel: str) -> bool:
    """A case file as dataset.scan lists it: a .yaml or .yml name, no hidden name on the way."""
    return rel.lower().endswith(_SUFFIXES) and not any(part.startswith(".") for part in rel.split("/"))


class State:
    """git's view of a dataset: the staged listing (its digest), the blob id of
    each tracked case file, and the case files that differ from it."""

    def __init__(self, digest: str, staged: bytes, dirty: set[str], untracked: list[str]):
        self.digest = digest
        self._staged = staged
        self.dirty = dirty  # changed or deleted in the work tree, not staged
        self.untracked = untracked

    def blob_ids(self) -> dict[str, str]:
        """path -> blob id of every tracked case file (the whole listing: only when it changed)."""
        found = {}
        for record in self._staged.split(b"\0"):
            if not record:
                continue
            head, _tab, raw = record.partition(b"\t")
            rel = os.fsdecode(raw)
            if _relevant(rel):
                found[rel] = head.split(b" ")[1].decode("ascii")
        return found


def state(root: Path) -> State | None:
    """git's view of the dataset at ``root``, or None when the stat-based road must be taken."""
    answer = listing(root)
    if answer is None:
        return None
    staged, others = answer
    if b" 120000 " in staged or b" 160000 " in staged or b"\t" + _CACHE_PREFIX in staged or staged.startswith(_CACHE_PREFIX):
        return None  # a link or a submodule (the scan follows neither), a tracked index cache
    dirty: set[str] = set()
    untracked: list[str] = []
    for record in others.split(b"\0"):
        tag = record[:2]
        if not record:
            continue
        if tag == b"? ":
            if record.endswith(b"/"):
                return None  # a repository inside the dataset
            rel = os.fsdecode(record[2:])
            if _relevant(rel):
                untracked.append(rel)
        elif tag in (b"C ", b"R "):
            rel = os.fsdecode(record[2:])
            if _relevant(rel):
                dirty.add(rel)
        else:
            return None  # unmerged, skip-worktree, to be killed: not a plain work tree
    if len(untracked) > MAX_UNTRACKED:
        return None
    return State(hashlib.sha1(staged).hexdigest(), staged, dirty, untracked)


def blob_id(raw: bytes, like: str) -> str:
    """git's id of a blob holding ``raw`` (SHA-1, or SHA-256 for ids as long as ``like``)."""
    digest = hashlib.sha256() if len(like) == 64 else hashlib.sha1()
    digest.update(b"blob %d\0" % len(raw))
    digest.update(raw)
    return digest.hexdigest()


# reading case files ---------------------------------------------------------------------------


class Read:
    """One case file as read here: its entry (or why it has none) and, for the
    index file, where each relation's id is written."""

    __slots__ = ("raw", "entry", "why", "relations", "comments", "stored")

    def __init__(self, raw, entry, why, relations, comments, stored):
        self.raw, self.entry, self.why, self.relations, self.comments, self.stored = raw, entry, why, relations, comments, stored


def read_case(path: str) -> Read | None:
    """A case file read as dataset.read_data reads it; None for a symbolic link
    (the stat-based road says what a link is). ``stored``: the reason it gave no
    case depends on its bytes only (so it may be kept by blob id)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return Read(None, None, None, (), False, False)  # deleted: no case, nothing to say
    except OSError as exc:
        return Read(None, None, f"it cannot be read: {(exc.strerror or str(exc)).lower()}", (), False, False)
    if stat.S_ISLNK(status.st_mode):
        return None
    if not stat.S_ISREG(status.st_mode):
        return Read(None, None, None, (), False, False)  # the scan lists regular files only
    raw, _stamp, problem = _read_stamped(path)
    if raw is None:
        if problem == "disappeared while it was being read":
            return Read(None, None, None, (), False, False)
        return Read(None, None, f"it cannot be read: {(problem or '').removeprefix('cannot be read: ').lower()}", (), False, False)
    return from_bytes(path, raw)


def _read_stamped(path: str):
    from .files import read_stamped

    return read_stamped(Path(path))


def from_bytes(path: str, raw: bytes) -> Read:
    if len(raw) > dataset.MAX_BYTES:
        return Read(raw, None, "it is larger than a case file may be", (), False, True)
    doc = parse_bytes(raw)
    if not (doc.ok and isinstance(doc.data, dict)):
        return Read(raw, None, "it does not read as a case (a YAML error, or not a mapping)", (), False, True)
    entry = dataset.entry_from(path, doc.data)
    relations = []
    related = doc.data.get("related")
    if isinstance(related, list):
        for i, item in enumerate(related):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                span = doc.span(f"/related/{i}/id")
                relations.append((i, item["id"], span.line, span.column, span.end_line, span.end_column))
    return Read(raw, entry, None, tuple(relations), "latinno-lint" in doc.text, True)


# the index file -------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files (path TEXT PRIMARY KEY, oid TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX files_oid ON files (oid);
CREATE TABLE blobs (oid TEXT PRIMARY KEY, data TEXT NOT NULL, sid TEXT, num TEXT, nkey TEXT, bad INTEGER NOT NULL, sum INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX blobs_sid ON blobs (sid) WHERE sid IS NOT NULL;
CREATE INDEX blobs_num ON blobs (num) WHERE num IS NOT NULL;
CREATE INDEX blobs_nkey ON blobs (nkey) WHERE nkey IS NOT NULL;
CREATE INDEX blobs_bad ON blobs (bad) WHERE bad = 1;
CREATE TABLE rel (target TEXT NOT NULL, oid TEXT NOT NULL, place INTEGER NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,
  end_line INTEGER NOT NULL, end_col INTEGER NOT NULL, own TEXT, comments INTEGER NOT NULL);
CREATE INDEX rel_target ON rel (target);
CREATE TABLE dangling (path TEXT NOT NULL, oid TEXT NOT NULL, target TEXT NOT NULL, place INTEGER NOT NULL, line INTEGER NOT NULL,
  col INTEGER NOT NULL, end_line INTEGER NOT NULL, end_col INTEGER NOT NULL, comments INTEGER NOT NULL);
"""


# the relations of the stored cases (each with the file that holds it), a case's own id left out (LAT406's)
_DANGLING = "f.path, r.oid, r.target, r.place, r.line, r.col, r.end_line, r.end_col, r.comments FROM rel r JOIN files f ON f.oid = r.oid WHERE (r.own IS NULL OR r.target != r.own)"


def _tool() -> str:
    return f"{FORMAT}|{cache_mod.tool_key()}|{zlib.crc32(Path(__file__).read_bytes()):08x}"


def _row(oid: str, read: Read) -> tuple:
    """The blobs row of a read file: data is JSON [ok, why or entry fields, relations, comments]."""
    entry = read.entry
    if entry is None:
        data = json.dumps([0, read.why])
        sid = num = nkey = None
    else:
        data = json.dumps([1, [entry.id, entry.latinno_id, entry.name, entry.country, list(entry.related), entry.name_key], [list(r) for r in read.relations], read.comments])
        sid = entry.id if isinstance(entry.id, str) else None
        number = entry.latinno_id
        num = str(number) if isinstance(number, int) and not isinstance(number, bool) else None
        nkey = json.dumps([entry.country, entry.name_key]) if entry.name_key else None
    return (oid, data, sid, num, nkey, int(entry is None), _sum(oid, data, sid, num, nkey))


def _sum(oid, data, sid, num, nkey) -> int:
    return zlib.crc32(json.dumps([oid, data, sid, num, nkey]).encode("utf-8", "surrogatepass"))


_SCALARS = (str, int, float, bool, type(None))


def _decode(path: str, oid, data, sid, num, nkey, total) -> tuple:
    """(entry or None, why, relations, comments) of a stored row; Damaged when it is not as written."""
    if type(total) is not int or _sum(oid, data, sid, num, nkey) != total or type(data) is not str:
        raise Damaged(oid)
    try:
        value = json.loads(data)
        if value[0] == 0:
            if type(value[1]) is not str:
                raise Damaged(oid)
            return None, value[1], (), False
        ident, number, name, country, related, key = value[1]
        relations, comments = value[2], value[3]
        if not all(type(v) in _SCALARS for v in (ident, number, name, country, key, *related)):
            raise Damaged(oid)
        entry = tuple.__new__(dataset.Entry, (path, ident, number, name, country, tuple(related), key))
        return entry, None, relations, comments is True
    except (ValueError, TypeError, IndexError, KeyError, RecursionError) as exc:
        raise Damaged(oid) from exc


def _connect(path: Path):
    import sqlite3
    from urllib.parse import quote

    return sqlite3.connect(f"file:{quote(os.fspath(path))}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def _open(store: cache_mod.Store):
    """The index file of ``store``'s folder if it is one this code wrote, else None."""
    import sqlite3

    path = store.folder / FILE
    try:
        status = os.lstat(path)
        if not stat.S_ISREG(status.st_mode):
            return None
        db = _connect(path)
    except (OSError, sqlite3.Error):
        return None
    try:
        meta = dict(db.execute("SELECT k, v FROM meta"))
        if meta.get("tool") != _tool() or type(meta.get("digest")) is not str or meta.get("sum") != _meta_sum(meta):
            db.close()
            return None
        return db, meta
    except sqlite3.Error:
        db.close()
        return None


def _meta_sum(meta: dict) -> str:
    return f"{zlib.crc32(json.dumps([meta.get('tool'), meta.get('digest'), meta.get('pending')]).encode()):08x}"


# the index ------------------------------------------------------------------------------------


class Table:
    """One lookup of a GitIndex (by id, number or name), answered by a query."""

    def __init__(self, index: GitIndex, column: str):
        self.index, self.column = index, column
        self._found: dict = {}

    def get(self, key, default=()):
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self.index._lookup(self.column, key)
        return found or default

    def __getitem__(self, key):
        return self.get(key, [])

    def __contains__(self, key) -> bool:
        return bool(self.get(key))


class GitIndex(dataset.Index):
    """A dataset.Index answered from the index file and the files git says differ (``overlay``)."""

    real_paths = True  # its files are named by their resolved paths (git lists no link here)

    def __init__(self, root: Path, db, overlay: dict, bad: list, file: Path | None = None):
        self.root = root
        self._file = file  # the index file, removed when found damaged
        self.unreadable = []
        self.unread_files = bad
        self.cache_problem = ""
        self._db = db
        self._pid = os.getpid()
        self._overlay = overlay  # relative path -> Read, for every file read in this run
        self._base = os.fspath(root)
        self._full: dataset.Index | None = None
        self._tables: dict = {}
        self._shown: str | None = None
        self.by_id = Table(self, "sid")  # type: ignore[assignment]
        self.by_latinno_id = Table(self, "num")  # type: ignore[assignment]
        self.by_name = Table(self, "nkey")  # type: ignore[assignment]

    def display(self, entry) -> str:
        """dataset.Index.display, with the dataset root's relative path worked out once."""
        path, base = entry[0], self._base
        if path.startswith(base) and path[len(base) : len(base) + 1] == os.sep:
            if self._shown is None:
                try:
                    self._shown = os.path.relpath(base)
                except ValueError:
                    self._shown = ""
            if self._shown:
                rel = path[len(base) + 1 :]
                return rel if self._shown == "." else os.path.join(self._shown, rel)
        return super().display(entry)

    def path_of(self, rel: str) -> str:
        return os.path.join(self._base, *rel.split("/"))

    def _key(self, column: str, key):
        if column == "sid":
            return key if isinstance(key, str) else None
        if column == "num":
            return str(key) if isinstance(key, int) and not isinstance(key, bool) else None
        if isinstance(key, tuple) and len(key) == 2:
            return json.dumps(list(key))
        return None

    def _lookup(self, column: str, key) -> list:
        if self._full is not None:
            return list(getattr(self._full, {"sid": "by_id", "num": "by_latinno_id", "nkey": "by_name"}[column]).get(key, ()))
        value = self._key(column, key)
        self._own_connection()
        if value is None:
            return []
        found = []
        try:
            rows = self._db.execute(f"SELECT f.path, b.oid, b.data, b.sid, b.num, b.nkey, b.sum FROM blobs b JOIN files f ON f.oid = b.oid WHERE b.{column} = ?", (value,)).fetchall()
            for rel, oid, data, sid, num, nkey, total in rows:
                if rel in self._overlay:
                    continue
                entry = _decode(self.path_of(rel), oid, data, sid, num, nkey, total)[0]
                if entry is None or self._key(column, _field(entry, column)) != value:
                    raise Damaged(oid)
                found.append(entry)
        except (Damaged, Exception) as exc:  # a damaged file: every case is read, as with --no-cache
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            self._fall_back()
            return self._lookup(column, key)
        found += self._overlaid(column).get(value, ())
        found.sort(key=_order)
        return found

    def _overlaid(self, column: str) -> dict:
        """The overlay's entries by the value of ``column``, worked out once."""
        table = self._tables.get(column)
        if table is None:
            table = self._tables[column] = {}
            for read in self._overlay.values():
                entry = read.entry
                if entry is not None:
                    value = self._key(column, _field(entry, column))
                    if value is not None:
                        table.setdefault(value, []).append(entry)
        return table

    def _fall_back(self) -> None:
        """The index file is damaged: read every case (the road of --no-cache) and mark it for rebuilding."""
        self._full = dataset.load(self.root, {}, use_cache=False)
        self.unread_files = self._full.unread_files if self._full is not None else self.unread_files
        if self._file is not None:
            try:
                os.unlink(self._file)  # built again by the next run (a link would be removed, never followed)
            except OSError:
                pass

    @property
    def entries(self) -> list:  # type: ignore[override]
        """Every case (a full read of the index: not for pre-commit runs)."""
        if self._full is None:
            self._own_connection()
            try:
                rows = self._db.execute("SELECT f.path, b.oid, b.data, b.sid, b.num, b.nkey, b.sum FROM files f JOIN blobs b ON f.oid = b.oid").fetchall()
                entries = [_decode(self.path_of(rel), *row)[0] for rel, *row in rows if rel not in self._overlay]
            except Exception:
                self._fall_back()
                return self.entries
            entries += [read.entry for read in self._overlay.values()]
            self._full = dataset.Index(self.root, sorted((e for e in entries if e is not None), key=_order))
        return self._full.entries

    def __reduce__(self):  # to the processes of --jobs: every case, in memory
        index = dataset.Index(self.root, self.entries)
        index.unread_files = self.unread_files
        return _rebuilt, (self.root, self.entries, self.unread_files)

    def dangling(self, checked: set) -> list:
        """(entry, relations as (place, target, span), comments) of each case not
        in ``checked`` (resolved paths) with a relation that names no case;
        relations is None when its places are not known (the file must be parsed)."""
        if self._full is not None:
            return _dangling_of(self._full, checked)
        try:
            return self._dangling(checked)
        except Exception:
            self._fall_back()
            return _dangling_of(self._full, checked) if self._full is not None else []

    def _own_connection(self) -> None:
        """A connection of this process: a forked process (--jobs) opens the index file again."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            if self._file is not None and os.path.isfile(self._file):
                self._db = _connect(self._file)

    def _dangling(self, checked: set) -> list:
        self._own_connection()
        db, overlay = self._db, self._overlay
        rows = db.execute("SELECT * FROM dangling").fetchall()
        gained = set(self._overlaid("sid"))  # ids of the files read in this run
        for rel in overlay:  # ids that a file read in this run had, and may have taken away
            row = db.execute("SELECT b.sid FROM files f JOIN blobs b ON b.oid = f.oid WHERE f.path = ?", (rel,)).fetchone()
            if row is not None and isinstance(row[0], str) and row[0] not in gained and row[0] not in self.by_id:
                rows += db.execute(f"SELECT {_DANGLING} AND r.target = ?", (row[0],)).fetchall()
        by_path: dict = {}
        for rel, oid, target, *place in rows:
            if rel not in overlay and target not in gained:
                by_path.setdefault((rel, oid), set()).add((place[0], target, *place[1:5], place[5]))
        result: list = []
        for (rel, oid), places in sorted(by_path.items()):
            path = self.path_of(rel)
            if path in checked:
                continue
            if any(p[6] for p in places):  # suppression comments: the file is parsed
                row = db.execute("SELECT oid, data, sid, num, nkey, sum FROM blobs WHERE oid = ?", (oid,)).fetchone()
                entry = _decode(path, *row)[0] if row is not None else None
                if entry is not None:
                    result.append((entry, None, True))
                continue
            entry = tuple.__new__(dataset.Entry, (path, None, None, None, None, (), None))  # its file is all that is used
            result.append((entry, sorted(p[:6] for p in places), False))
        for rel, read in overlay.items():
            entry = read.entry
            if entry is None or self.path_of(rel) in checked:
                continue
            if any(isinstance(t, str) and t != entry[1] and t not in self.by_id for t in entry[5]):
                result.append((entry, None, True))
        return result


def _rebuilt(root, entries, unread):
    index = dataset.Index(root, entries)
    index.unread_files = unread
    return index


def _dangling_of(index: dataset.Index, checked: set) -> list:
    ids = index.by_id
    return [(entry, None, True) for entry in index.entries if entry[5] and entry[0] not in checked and any(isinstance(t, str) and t not in ids and t != entry[1] for t in entry[5])]


def _field(entry, column: str):
    if column == "sid":
        return entry[1]
    if column == "num":
        return entry[2]
    return (entry[4], entry[6])


def _order(entry) -> str:
    return entry[0]


# a run ----------------------------------------------------------------------------------------


def load(root: Path, store: cache_mod.Store, checked: set[str], budget: int | None, save: bool):
    """The index of the dataset at ``root`` (resolved) for a run that checks the
    files ``checked`` (resolved paths, text): a GitIndex; None when this road
    cannot be taken (the stat-based one is); False when more than ``budget`` of
    the checked files would have to be read for it (dataset.load's budget)."""
    import sqlite3

    if len(checked) > MAX_CHECKED:
        return None
    git = state(root)
    if git is None:
        return None
    opened = _open(store)
    db, meta = opened if opened is not None else (None, {})
    try:
        return _load(root, store, checked, budget, save, git, db, meta)
    except (Damaged, sqlite3.Error, ValueError, TypeError):
        if db is not None:
            db.close()
        _discard(store)
        return None  # this run reads the dataset as without a cache; the next one builds the index again


def _discard(store: cache_mod.Store) -> None:
    try:
        os.unlink(store.folder / FILE)  # (a link would be removed, never followed)
    except OSError:
        pass


def _load(root, store, checked, budget, save, git, db, meta):
    base = os.fspath(root)
    overlay: dict = {}  # rel -> Read
    reads: dict = {}  # rel -> blob id expected (None: not tracked, or not staged as it is)
    for rel in (*git.dirty, *git.untracked):
        reads[rel] = None
    changes: dict = {}  # rel -> blob id (None: no longer tracked), for the index file
    if db is None or meta.get("digest") != git.digest:
        changes = _changes(db, git)
        for rel, oid in changes.items():
            if oid is not None and rel not in reads and not _known(db, oid):
                reads[rel] = oid
    else:
        pending = json.loads(meta.get("pending", "[]"))
        if type(pending) is not list or not all(type(rel) is str for rel in pending):
            raise Damaged("pending")
        for rel in pending:  # tracked files whose staged blob was not seen (changed in the work tree then)
            if rel not in reads:
                row = db.execute("SELECT oid FROM files WHERE path = ?", (rel,)).fetchone()
                if row is not None and not _known(db, row[0]):
                    reads[rel] = row[0]
    if budget is not None and sum(os.path.join(base, *rel.split("/")) in checked for rel in reads) > budget:
        if db is not None:
            db.close()
        return False
    new_rows: dict = {}
    for rel in sorted(reads):
        path = os.path.join(base, *rel.split("/"))
        read = read_case(path)
        if read is None:
            if db is not None:
                db.close()
            return None  # a symbolic link: the stat-based road says what it is
        expected = reads[rel]
        if expected is not None and read.raw is not None and read.stored and blob_id(read.raw, expected) == expected:
            new_rows[expected] = _row(expected, read)
        read.raw = None  # hashed: not kept (a first run reads every case)
        overlay[rel] = read  # read in this run: it stands for the file, whatever the index file says
    if changes or new_rows or db is None:
        written = _write(store, db, git, changes, new_rows, save)
        if written is not None:
            db = written  # it holds the files read and stored: the overlay keeps the others
            for rel, expected in reads.items():
                if expected is not None and expected in new_rows and changes.get(rel, expected) == expected:
                    del overlay[rel]
        elif db is not None:  # the index file is as it was: every file it has wrong is read
            for rel in changes:
                if rel not in overlay:
                    read = read_case(os.path.join(base, *rel.split("/")))
                    if read is None:
                        db.close()
                        return None
                    overlay[rel] = read
    if db is None:
        return None
    bad = _unread(db, overlay, base, checked)
    return GitIndex(root, db, overlay, bad, store.folder / FILE)


def _known(db, oid: str) -> bool:
    if db is None:
        return False
    return db.execute("SELECT 1 FROM blobs WHERE oid = ?", (oid,)).fetchone() is not None


def _changes(db, git: State) -> dict:
    """rel -> blob id for each tracked case file whose blob id is not the one the
    index file holds, or whose blob it has not seen (None: no longer tracked)."""
    now = git.blob_ids()
    stored = dict(db.execute("SELECT f.path, CASE WHEN b.oid IS NULL THEN '' ELSE f.oid END FROM files f LEFT JOIN blobs b ON b.oid = f.oid")) if db is not None else {}
    changes = {rel: oid for rel, oid in now.items() if stored.get(rel) != oid}
    changes.update({rel: None for rel in stored.keys() - now.keys()})
    return changes


def _write(store: cache_mod.Store, db, git: State, changes: dict, new_rows: dict, save: bool):
    """The index file with ``changes`` and ``new_rows``, written as a new file
    (copied from ``db`` when there is one); the new file opened, or None when it
    cannot be written (or ``save`` is False: then the changes are only read)."""
    import sqlite3

    if not save:
        if db is None:
            return _in_memory(git, changes, new_rows)
        return None
    temp = None
    try:
        if not store.prepare():
            return _in_memory(git, changes, new_rows) if db is None else None
        temp, path = store.new_temp()
        out = sqlite3.connect(path)
        try:
            _fill(out, db, git, changes, new_rows)
        finally:
            out.close()
        store.replace(temp, FILE)
        temp = None
        if db is not None:
            db.close()
        opened = _open(store)
        return opened[0] if opened is not None else None
    except (OSError, sqlite3.Error, ValueError):
        return _in_memory(git, changes, new_rows) if db is None else None
    finally:
        if temp is not None:
            store.remove(temp)


def _in_memory(git: State, changes: dict, new_rows: dict):
    import sqlite3

    out = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(out, None, git, changes, new_rows)
    return out


def _fill(out, db, git: State, changes: dict, new_rows: dict) -> None:
    out.isolation_level = None  # transactions as written here
    out.execute("PRAGMA journal_mode = OFF")
    out.execute("PRAGMA synchronous = OFF")
    if db is not None:
        db.backup(out)
        out.execute("DELETE FROM meta")
    else:
        out.executescript(_SCHEMA)
    out.execute("BEGIN")
    out.executemany("DELETE FROM files WHERE path = ?", [(rel,) for rel, oid in changes.items() if oid is None])
    out.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)", [(rel, oid) for rel, oid in changes.items() if oid is not None])
    out.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?, ?, ?, ?)", new_rows.values())
    for oid, data, sid, *_rest in new_rows.values():
        value = json.loads(data)
        if value[0] == 1:
            out.executemany("INSERT INTO rel VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [(target, oid, place, *span, sid, int(value[3])) for place, target, *span in value[2]])
    out.execute("DELETE FROM blobs WHERE oid NOT IN (SELECT oid FROM files)")  # blobs no file has any more
    out.execute("DELETE FROM rel WHERE oid NOT IN (SELECT oid FROM blobs)")
    out.execute("DELETE FROM dangling")
    out.execute(f"INSERT INTO dangling SELECT {_DANGLING} AND r.target NOT IN (SELECT b.sid FROM blobs b JOIN files g ON g.oid = b.oid WHERE b.sid IS NOT NULL)")
    pending = [rel for (rel,) in out.execute("SELECT f.path FROM files f LEFT JOIN blobs b ON b.oid = f.oid WHERE b.oid IS NULL ORDER BY f.path")]
    meta = {"format": str(FORMAT), "tool": _tool(), "digest": git.digest, "pending": json.dumps(pending)}
    meta["sum"] = _meta_sum(meta)
    out.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    out.execute("COMMIT")


def _unread(db, overlay: dict, base: str, checked: set) -> list:
    """(file, why) for the case files that give no case, as dataset.load lists them."""
    found = []
    for rel, data in db.execute("SELECT f.path, b.data FROM blobs b JOIN files f ON f.oid = b.oid WHERE b.bad = 1"):
        if rel not in overlay:
            try:
                why = json.loads(data)[1]
            except (ValueError, IndexError, TypeError):
                raise Damaged(rel) from None
            found.append((os.path.join(base, *rel.split("/")), str(why)))
    for rel, read in overlay.items():
        if read.why is not None:
            found.append((os.path.join(base, *rel.split("/")), read.why))
    return sorted((file, why) for file, why in found if file not in checked)


dataset.GIT_ROAD = load
