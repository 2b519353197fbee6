"""The dataset index that cross-file rules need: every case's id, number, name,
country and relations, from the dataset root (the nearest ``cases/`` folder, or a
configured root). Files being checked anyway lend their entries; the rest come
from the index cache (latinno_lint.lint.cache) or are read here."""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from operator import itemgetter
from pathlib import Path

from ..vocabulary import normalize
from . import cache as cache_mod
from .source import MAX_BYTES, parse_bytes

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable

SUFFIXES = (".yaml", ".yml")  # in any case: .YAML, .Yml too
# gitindex.load, set when that module is imported (the runner imports it): the index of a few
# files of a dataset in git, from git and an index file; None when it cannot be had so
GIT_ROAD: Callable[..., Index | bool | None] | None = None


class Entry(tuple):
    """One case in the index: its resolved path (``file``), id, latinno.net number,
    name, country, the ids it is related to, and the key its name is compared by
    (``name_key``, worked out here when not given). Immutable (a tuple). The path
    is kept as text and made a Path when asked for: most entries of a large
    dataset never are, and a pre-commit run builds one for every case."""

    __slots__ = ()
    _FIELDS = ("file", "id", "latinno_id", "name", "country", "related", "name_key")

    def __new__(cls, file, id=None, latinno_id=None, name=None, country=None, related=(), name_key=NotImplemented):
        if name_key is NotImplemented:
            name_key = name_key_of(name, country)
        return tuple.__new__(cls, (os.fspath(file), id, latinno_id, name, country, tuple(related), name_key))

    def __getnewargs__(self):  # pickling, for the processes of --jobs
        return tuple(self)

    file = property(lambda self: Path(self[0]), doc="The resolved path of the case file.")
    id = property(itemgetter(1))
    latinno_id = property(itemgetter(2))
    name = property(itemgetter(3))
    country = property(itemgetter(4))
    related = property(itemgetter(5))
    name_key = property(itemgetter(6))

    def __repr__(self) -> str:
        return "Entry(" + ", ".join(f"{k}={v!r}" for k, v in zip(self._FIELDS, self)) + ")"


class Index:
    """Cases of one dataset, looked up by id, latinno.net number and name."""

    def __init__(self, root: Path | None, entries):
        self.root = root
        self.entries = list(entries)
        self.unreadable: list = []  # folders of the dataset that could not be listed (OSError): a partial view
        self.unread_files: list[tuple[str, str]] = []  # (file, why) for case files of the dataset that gave no entry
        self.cache_problem = ""  # why the index cache was not used (a link in it, ...), or ''
        self.by_id: defaultdict[object, list[Entry]] = defaultdict(list)
        self.by_latinno_id: defaultdict[object, list[Entry]] = defaultdict(list)
        self.by_name: defaultdict[object, list[Entry]] = defaultdict(list)
        by_id, by_number, by_name = self.by_id, self.by_latinno_id, self.by_name
        for entry in self.entries:
            _file, ident, number, _name, country, _related, key = entry
            if isinstance(ident, str):
                by_id[ident].append(entry)
            if isinstance(number, int) and not isinstance(number, bool):
                by_number[number].append(entry)
            if key:
                by_name[(country, key)].append(entry)

    def others(self, table: dict, key, file: Path) -> list:
        """Entries under ``key`` in ``table`` other than the one for ``file``."""
        found = table.get(key, ())
        if not found:
            return []
        text = os.fspath(file) if file is not None else None
        if len(found) == 1 and found[0][0] == text:
            return []  # the usual answer: only the file itself
        text = os.path.normcase(text) if text is not None else None
        return [e for e in found if os.path.normcase(e[0]) != text]

    def display(self, entry: Entry) -> str:
        try:
            return os.path.relpath(entry.file)
        except ValueError:
            return str(entry.file)


def name_key(name: str) -> str:
    """A name as compared for duplicates: case, accents, hyphens and spacing ignored."""
    return normalize(name)


def name_key_of(name, country) -> str | None:
    """The name key of a case with this name and country ('' or None: it has none,
    and it is never a duplicate by name)."""
    return name_key(name) if isinstance(name, str) and isinstance(country, str) else None


def entry_from(file: str | Path, data: object) -> Entry | None:
    """The index entry of a case (None for data that is not a mapping): ``file``
    is its resolved path."""
    if not isinstance(data, dict):
        return None
    related = data.get("related")
    ids = tuple(r.get("id") for r in related if isinstance(r, dict)) if isinstance(related, list) else ()
    return Entry(file, data.get("id"), data.get("latinno_id"), data.get("name"), data.get("country"), ids)


def find_root(file: Path, configured: Path | None = None) -> Path | None:
    """The dataset root a case file belongs to, or None when it is in no dataset."""
    return root_of(file.resolve(), configured.resolve() if configured is not None else None)


def root_of(resolved: Path, configured: Path | None = None) -> Path | None:
    """find_root() for a path that is already resolved (and a resolved ``configured``)."""
    if configured is not None:
        return configured if configured in resolved.parents else None
    for folder in resolved.parents:
        if folder.name == "cases":
            return folder
    return None


def walk(root, errors: list | None = None) -> list[tuple[str, bool]]:
    """Every case file under ``root`` as ``(path as text, is a symbolic link)``,
    sorted, hidden names left out, links not followed; from one directory listing
    per folder: no file is asked about separately. Paths are written under
    ``str(root)``, as os.walk would. Folders that cannot be read are skipped, or
    added to ``errors`` (OSError)."""
    return [(item.path, item.is_symlink()) for _rel, item in _listing(os.fspath(root), errors)]


def _listing(root: str, errors: list | None = None) -> list:
    """``(name relative to root, os.DirEntry)`` of every case-file entry under
    ``root`` (of any kind: files, links, FIFOs), sorted as walk() gives them, hidden
    names left out. A link to a folder is a folder, as os.walk sees it, and is not
    entered. Folders that cannot be read are skipped, or added to ``errors``."""
    found: list = []
    _list(root, "", found, errors)
    return found


def _list(folder: str, prefix: str, found: list, errors: list | None) -> None:
    try:
        with os.scandir(folder) as listing:
            items = sorted((item.name, item) for item in listing if not item.name.startswith("."))
    except OSError as exc:
        if errors is not None:
            errors.append(exc)
        return
    folders = []
    for name, item in items:
        try:
            is_dir = item.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not item.is_symlink():
                folders.append(item)
        elif name.endswith(SUFFIXES) or name.lower().endswith(SUFFIXES):
            found.append((prefix + name, item))
    for item in folders:
        _list(item.path, prefix + item.name + "/", found, errors)


def read_data(file: Path, unread: list | None = None):
    """The data of a case file, or None when it cannot be read or parsed. It is
    parsed as a checked file is, with the same guards: a case file that is
    refused for its nesting must not crash the run when the index reads it.
    ``unread``: where to add ``(file, why)`` when the file gives no case."""
    why = None
    try:
        if file.is_symlink() or not file.is_file():
            why = "it is not a regular file"  # a FIFO would block the read forever
        elif file.stat().st_size > MAX_BYTES:
            why = "it is larger than a case file may be"
        else:
            doc = parse_bytes(file.read_bytes())
            if doc.ok and isinstance(doc.data, dict):
                return doc.data
            why = "it does not read as a case (a YAML error, or not a mapping)"
    except OSError as exc:
        why = f"it cannot be read: {(exc.strerror or str(exc)).lower()}"
    if unread is not None:
        unread.append((str(file), why))
    return None


def build(root: Path | None, known: dict[str, object]) -> Index:
    """An index of the dataset at ``root`` for lint_text(index=...); ``known`` maps
    resolved paths to data already parsed. Without a root, the index holds only
    the known files. The cache is not used."""
    root = root.resolve() if root is not None else None
    index = load(root, {path: (None, entry_from(path, data)) for path, data in known.items()}, use_cache=False)
    assert index is not None  # None only with a budget
    return index


def load(root: Path | None, known: dict, *, use_cache: bool = True, started_ns: int | None = None, checked=frozenset(), budget: int | None = None, save: bool = True) -> Index | None:
    """An index of the dataset at ``root`` (a resolved path). ``known`` maps the
    resolved paths of files parsed in this run to ``(stamp, entry)``; every other
    case file comes from the cache when its stamp is unchanged, else it is read.
    ``started_ns``: when this run started reading files (for the cache).

    ``checked``: the resolved paths of the files this run checks. With a
    ``budget``, None is returned, before any file is read, when more than that
    many of them are not in the cache (reading them here would parse them twice).
    ``save=False`` reads the cache but does not write it."""
    with WithoutCollections():  # tens of thousands of small tuples, and no cycles: collections would only slow it down
        return _load(root, known, use_cache, started_ns, checked, budget, save)


class WithoutCollections:
    """A context in which Python's cyclic garbage collector does not run.

    A run makes and drops a node tree, a case and its findings per file, none
    of them in a reference cycle: reference counting frees them all. The
    collector, though, walks every object still alive each time enough new
    ones were made, and a run keeps thousands alive (the index, each file's
    findings): a run of 4,000 cases takes a few per cent less CPU without it
    (docs/speed.md), and the more a run keeps, the more it saves. Nested
    contexts are fine: the outermost turns it back on."""

    def __enter__(self):
        self.enabled = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *_exc) -> None:
        if self.enabled:
            gc.enable()


def _load(root, known, use_cache, started_ns, checked, budget, save):
    store = cache_mod.open_for(root, started_ns, load=False) if use_cache and root is not None else None
    try:
        problem = store.problem if store is not None else ""
        if store is not None and not problem:
            if not known and GIT_ROAD is not None:  # a few files of a dataset in git: git and the index file
                found = GIT_ROAD(root, store, {str(path) for path in checked}, budget, save)
                if found is not False and found is not None:
                    return found
                if found is False:
                    return None
            store.load()
        index = _load_with(root, known, None if problem else store, checked, budget, save)  # a refused cache: as --no-cache
        if index is not None:
            index.cache_problem = problem
        return index
    finally:
        if store is not None:
            store.close()


def _load_with(root, known, store, checked, budget, save):
    known_by_name = {str(path): value for path, value in known.items()}
    checked = {str(path) for path in checked}
    cached = store.get if store is not None else None
    miss, new, stamp_of = cache_mod.MISS, tuple.__new__, cache_mod.stamp
    entries: list = []  # in scan order; a miss holds its place until it is read
    reads, parsed, seen = [], [], set()  # (place, rel, path, stamp) to read; (rel, stamp, entry) parsed in this run
    unreadable: list[OSError] = []  # folders that could not be listed
    links: list[tuple[str, str]] = []  # (file, why) for links that lead to no case of the dataset
    for rel, path, item in scan(root, unreadable, links) if root is not None else ():
        mine = known_by_name.get(path)
        try:
            if mine is not None:  # parsed in this run: its stamp is asked for only if the cache needs one
                stamp, entry = mine
                if store is not None:
                    parsed.append((rel, stamp or stamp_of(item.stat(follow_symlinks=False)), entry))
                seen.add(path)
                entries.append(entry)
                continue
            stamp = stamp_of(item.stat(follow_symlinks=False))
        except OSError:
            continue  # gone since its folder was listed
        data = cached(rel, stamp) if cached is not None else miss
        if data is miss:
            reads.append((len(entries), rel, path, stamp))
            entries.append(None)
        elif isinstance(data, list):  # (None: the file has no entry)
            entries.append(new(Entry, (path, data[0], data[1], data[2], data[3], tuple(data[4]), data[5])))
    if budget is not None and sum(path in checked for _place, _rel, path, _stamp in reads) > budget:
        return None
    unread: list[tuple[str, str]] = []
    for place, rel, path, stamp in reads:
        before = len(unread)
        entries[place] = entry = entry_from(path, read_data(Path(path), unread))
        if len(unread) > before:
            if path in checked:
                del unread[before:]  # this run checks it: its own findings say what is wrong
            continue  # not cached: read (and said) again next time, until it is mended
        if store is not None:
            store.put(rel, stamp, entry, checked=path in checked)
    for rel, stamp, entry in parsed:
        store.put(rel, stamp, entry, checked=True)
    if known_by_name.keys() - seen:  # parsed in this run but not under the root as listed (a linked file)
        for path, (_stamp, entry) in known.items():
            if str(path) not in seen and (root is None or root in Path(path).parents):
                entries.append(entry)
    if store is not None and save:
        store.save()
    index = Index(root, [entry for entry in entries if entry is not None] if reads or known else entries)
    index.unreadable = unreadable
    index.unread_files = sorted(links + unread)
    return index


def scan(root: Path, errors: list | None = None, links: list | None = None) -> list:
    """``(relative name, resolved path as text, os.DirEntry)`` of every regular case file
    under a resolved ``root``, in the order of walk(); symbolic links are
    skipped (they have no entry: one to a case of the dataset leads to a file
    listed here). Nothing is asked of a file beyond its folder's listing: the
    caller stats the entries whose stamp it needs. Folders that cannot be read
    are added to ``errors`` (OSError); links that lead to no file of the dataset
    (broken, or out of it) to ``links``, as ``(file, why)``."""
    found = []
    for rel, item in _listing(str(root), errors):
        try:
            if item.is_file(follow_symlinks=False):
                found.append((rel, item.path, item))
            elif links is not None and item.is_symlink():
                target = os.path.realpath(item.path)
                if not os.path.isfile(target):
                    links.append((item.path, "it is a symbolic link to no file"))
                elif root not in Path(target).parents:
                    links.append((item.path, "it is a symbolic link that leads out of the dataset"))
        except OSError:
            continue
    return found


# Which dataset each file of a run belongs to ---------------------------------


def indexes_for(items: list, cases_root: Path | None, known: dict, use_cache: bool, started_ns: int, budget: int | None = None, save_cache: bool = True) -> dict | None:
    """For each checked file (by display path): its dataset root and that dataset's
    index. ``known`` maps resolved paths (text) of files parsed in this run to
    ``(stamp, entry)``. With a ``budget``: None when more than that many checked
    files would have to be parsed for the index (see load). ``items`` are the
    files of a run as files.discover() gives them; ``cases_root`` is the
    configured dataset root, if any."""
    configured = cases_root.resolve() if cases_root is not None else None
    by_root: dict = {}
    roots: dict = {}  # resolved folder -> its dataset root: worked out once per folder
    for display, file, problem, resolved in items:
        if problem is None:
            resolved = resolved or str(resolve(Path(file)))
            folder = os.path.dirname(resolved)
            if folder not in roots:
                roots[folder] = root_of(Path(resolved), configured)
            by_root.setdefault(roots[folder], []).append((display, resolved, file))
    result = {}
    for root, files in by_root.items():
        if root is None:
            if budget is not None and sum(resolved not in known for _d, resolved, _f in files) > budget:
                return None
            mine = {resolved: known[resolved] if resolved in known else (None, entry_from(resolved, read_data(Path(file)))) for _display, resolved, file in files}
            index = load(None, mine, use_cache=False)
        else:
            index = load(root, known, use_cache=use_cache, started_ns=started_ns, checked={resolved for _d, resolved, _f in files}, budget=budget, save=save_cache)
            if index is None:
                return None
        for display, _resolved, _file in files:
            result[display] = (root, index)
    return result


_FOLDERS: dict = {}


def resolve(file: Path) -> Path:
    """``file.resolve()``, resolving each folder once per run (a file that is a
    symbolic link in full)."""
    if os.path.islink(file):
        return file.resolve()
    parent = os.path.dirname(file)
    folder = _FOLDERS.get(parent)
    if folder is None:
        folder = _FOLDERS[parent] = Path(parent or ".").resolve()
    return folder / file.name


def forget_folders() -> None:
    """Forget resolved folders: called when a run starts (the working folder, or
    the folders, may have changed since the last)."""
    _FOLDERS.clear()
