"""The dataset index that cross-file rules need: every case's id, number, name,
country and relations, from the dataset root (the nearest ``cases/`` folder, or a
configured root). Files being checked anyway lend their parsed data; the rest
are read here."""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


from .source import MAX_BYTES, parse_bytes
from .vocabulary import normalize

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Entry:
    file: Path  # resolved path
    id: object = None
    latinno_id: object = None
    name: object = None
    country: object = None
    related: tuple = ()


class Index:
    """Cases of one dataset, looked up by id, latinno.net number and name."""

    def __init__(self, root: Path | None, entries):
        self.root = root
        self.entries = list(entries)
        self.by_id = defaultdict(list)
        self.by_latinno_id = defaultdict(list)
        self.by_name = defaultdict(list)
        for entry in self.entries:
            if isinstance(entry.id, str):
                self.by_id[entry.id].append(entry)
            if isinstance(entry.latinno_id, int) and not isinstance(entry.latinno_id, bool):
                self.by_latinno_id[entry.latinno_id].append(entry)
            if isinstance(entry.name, str) and isinstance(entry.country, str) and name_key(entry.name):
                self.by_name[(entry.country, name_key(entry.name))].append(entry)

    def others(self, table: dict, key, file: Path) -> list:
        """Entries under ``key`` in ``table`` other than the one for ``file``."""
        return [e for e in table.get(key, ()) if e.file != file]

    def display(self, entry: Entry) -> str:
        try:
            return os.path.relpath(entry.file)
        except ValueError:
            return str(entry.file)


def name_key(name: str) -> str:
    """A name as compared for duplicates: case, accents, hyphens and spacing ignored."""
    return normalize(name)


def entry_from(file: Path, data) -> Entry | None:
    if not isinstance(data, dict):
        return None
    related = data.get("related")
    ids = tuple(r.get("id") for r in related if isinstance(r, dict)) if isinstance(related, list) else ()
    return Entry(file, data.get("id"), data.get("latinno_id"), data.get("name"), data.get("country"), ids)


def find_root(file: Path, configured: Path | None = None) -> Path | None:
    """The dataset root a case file belongs to, or None when it is in no dataset."""
    file = file.resolve()
    if configured is not None:
        configured = configured.resolve()
        return configured if configured in file.parents else None
    for folder in file.parents:
        if folder.name == "cases":
            return folder
    return None


def case_files(root: Path, errors: list | None = None) -> list[Path]:
    """Every case file under ``root``, sorted; symbolic links are not followed.
    Folders that cannot be read are skipped, or added to ``errors`` (OSError)."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=None if errors is None else errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(SUFFIXES) and not name.startswith("."):
                found.append(Path(folder) / name)
    return found


def read_data(file: Path):
    """The data of a case file, or None when it cannot be read or parsed. It is
    parsed as a checked file is, with the same guards: a case file that is
    refused for its nesting must not crash the run when the index reads it."""
    try:
        if file.is_symlink() or not file.is_file() or file.stat().st_size > MAX_BYTES:
            return None  # a FIFO would block the read forever
        doc = parse_bytes(file.read_bytes())
    except OSError:
        return None
    return doc.data if doc.ok else None


def build(root: Path | None, known: dict) -> Index:
    """An index of the dataset at ``root``; ``known`` maps resolved paths to data
    already parsed. Without a root, the index holds only the known files."""
    entries = []
    files = case_files(root) if root is not None else []
    seen = set()
    for file in files:
        resolved = file.resolve()
        seen.add(resolved)
        data = known[resolved] if resolved in known else read_data(file)
        entry = entry_from(resolved, data)
        if entry is not None:
            entries.append(entry)
    for resolved, data in known.items():
        if resolved not in seen and (root is None or root in resolved.parents):
            entry = entry_from(resolved, data)
            if entry is not None:
                entries.append(entry)
    return Index(root, entries)
