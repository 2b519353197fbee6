"""The two passes over one file, for a run whose dataset index is not cached.

first_pass reads, parses and checks a file without the cross-file rules, and
keeps what the second pass needs: the file's index entry, and a pickled copy
of the members of its data the cross-file rules read (their FIELDS; all of it
for runner.run(snapshots=...)), spilled to a temporary file by the runner,
with the place of every value the cross-file rules look at (their FIELDS,
and what lies below them). second_pass runs the cross-file rules on that
copy, once the index of every file exists, and places their findings there;
it parses the file again only for suppression comments (they apply last, to
all its findings) or a finding somewhere else.

With an index already at hand (``indexes``: display path -> (root, index)),
first_pass checks the file in one go and gives its FileResult."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from . import dataset, rules
from .config import Config
from .engine import ALL_SCOPES, Case, FileResult, apply_suppressions, check_document, make_finding, without_consequences
from .files import read_stamped
from .source import parse_bytes, split_pointer

FIRST_PASS = ALL_SCOPES - {"dataset"}
DEFERRED = "deferred"  # the first pass leaves the cross-file rules to second_pass()
DEFERRED_WHOLE = "deferred, whole copies"  # the same, keeping a copy of all the data (runner.run(snapshots=...))


class Outcome:
    """What the first pass keeps of one file."""

    __slots__ = ("path", "findings", "file", "resolved", "stamp", "entry", "snapshot", "comments")

    def __init__(self, path: str, findings: list, file: Path | None = None, resolved: str | None = None, stamp: tuple | None = None, entry=None, snapshot=None, comments: bool = False):
        self.path = path
        self.findings = findings
        self.file = file
        self.resolved = resolved
        self.stamp = stamp
        self.entry = entry
        self.snapshot = snapshot  # the case data, pickled, for the cross-file rules (then where it is spilled)
        self.comments = comments  # suppression comments wait for the cross-file rules

    def __reduce__(self):  # pickling, for the processes of --jobs
        return Outcome, tuple(getattr(self, name) for name in self.__slots__)


def spill_snapshot(outcome: Outcome, spill) -> Outcome:
    if outcome.snapshot is not None:
        outcome.snapshot = (spill.seek(0, 2), spill.write(outcome.snapshot))
    return outcome


def first_pass(item: tuple, config: Config, indexes):
    """Check one discovered file (see first_pass_all for ``indexes``): its
    FileResult, or with DEFERRED its Outcome."""
    display, given, problem, resolved = item
    raw = stamp = file = None
    if given is not None:
        file = Path(given)
        raw, stamp, problem = read_stamped(file)
    if raw is None or file is None:
        unreadable = [make_finding("LAT010", display, (1, 1, 1, 1), f"{display} {problem}", config)]
        return Outcome(display, unreadable) if indexes in (DEFERRED, DEFERRED_WHOLE) else FileResult(display, unreadable)
    doc = parse_bytes(raw)
    if indexes not in (DEFERRED, DEFERRED_WHOLE):
        root, index = indexes.get(display, (None, None)) if indexes else (None, None)
        resolved = (Path(resolved) if resolved else dataset.resolve(file)) if index is not None else None
        return FileResult(display, check_document(doc, display, file, config, index, root, resolved=resolved)[0])
    has_comments = "latinno-lint" in doc.text
    findings = check_document(doc, display, file, config, scopes=FIRST_PASS, suppress=not has_comments)[0]
    resolved = resolved or str(dataset.resolve(file))
    outcome = Outcome(display, findings, file, resolved, stamp, comments=has_comments)
    if doc.ok:
        outcome.entry = dataset.entry_from(resolved, doc.data)
        if isinstance(doc.data, dict):
            import pickle

            data = doc.data if indexes is DEFERRED_WHOLE else dataset_members(doc.data)
            outcome.snapshot = pickle.dumps((data, dataset_places(doc)), pickle.HIGHEST_PROTOCOL)
    return outcome


@functools.cache
def _dataset_fields() -> tuple:
    """The top-level members the cross-file rules are about (their FIELDS: 'id', 'related', ...)."""
    return tuple(dict.fromkeys(split_pointer(f)[0] for r in rules.RULES.values() if r.scope == "dataset" for f in r.fields if split_pointer(f)))


def dataset_members(data: dict) -> dict:
    """The members of ``data`` the cross-file rules read (a rule reads only its
    FIELDS): a sixth of the copy to pickle, spill and read back, for a case of
    the benchmark's corpus."""
    return {key: data[key] for key in _dataset_fields() if key in data}


def dataset_places(doc) -> dict:
    """pointer -> (line, column, end line, end column), where the engine places
    a finding on that value (Document.span), for every value at or below the
    members the cross-file rules are about: their findings are placed from
    this, without parsing the file again."""
    return doc.places(_dataset_fields())


def snapshot_data(snapshot: bytes):
    """The case data of a first pass's snapshot (``Outcome.snapshot`` before it
    is spilled; what ``runner.run(snapshots=...)`` hands out, all the data),
    without its places."""
    import pickle

    return pickle.loads(snapshot)[0]


def second_pass_of(outcome: Outcome, config: Config, indexes: dict, spill) -> None:
    root, index = indexes.get(outcome.path, (None, None))
    second_pass(outcome, config, index, root, spill)


def second_pass(outcome: Outcome, config: Config, index, root, spill) -> None:
    """The cross-file rules for one file, then its suppressions. The file is
    parsed again only for its suppression comments, or for a finding that the
    places kept by the first pass do not place."""
    hits: list = []
    if outcome.snapshot is not None:
        data, places = _unspill(outcome.snapshot, spill)
        hits = _dataset_hits(outcome, data, config, index, root)
        if hits and not outcome.comments:
            placed = _placed(outcome, hits, places, config)
            if placed is not None:
                outcome.findings += placed
                return
    if not (hits or outcome.comments):
        return
    raw = read_stamped(outcome.file)[0] if outcome.file is not None else None
    doc = parse_bytes(raw) if raw is not None else None
    if doc is None:
        return  # gone since the first pass: what was found then stands
    if hits and doc.ok and outcome.resolved is not None:  # (a copy is kept only of a file with both)
        outcome.findings += check_document(doc, outcome.path, outcome.file, config, index, root, scopes={"dataset"}, suppress=False, resolved=Path(outcome.resolved))[0]
    outcome.findings = apply_suppressions(doc, outcome.findings, outcome.path, config)


def _unspill(where: tuple, spill):
    import pickle

    offset, length = where
    if hasattr(os, "pread"):  # no shared file position: forked processes read the same spill
        return pickle.loads(os.pread(spill.fileno(), length, offset))
    spill.seek(offset)
    return pickle.loads(spill.read(length))


def _dataset_hits(outcome: Outcome, data, config: Config, index, root) -> list:
    """(code, hit) for what the cross-file rules say about this file, in the
    order engine.check_document gives them."""
    case = Case(data, outcome.path, outcome.file, config, root, Path(outcome.resolved) if outcome.resolved is not None else None)
    hits: list = []
    for rule in rules.RULES.values():
        if rule.scope == "dataset" and rule.check is not None and config.enabled(rule.code, outcome.path):
            hits.extend((rule.code, hit) for hit in rule.check(case, index))
    return without_consequences(hits) if hits else hits


def _placed(outcome: Outcome, hits: list, places: dict, config: Config) -> list | None:
    """The findings of ``hits``, as engine.check_document would make them from
    the parsed file, placed from ``places``; None when one of them needs the
    file itself (a place not kept, a position inside a value or on a key, a fix)."""
    findings = []
    for code, hit in hits:
        span = places.get(hit.pointer)
        if span is None or hit.at is not None or hit.key or (hit.has_fix and rules.RULES[code].fixable):
            return None
        findings.append(make_finding(code, outcome.path, span, hit.message, config, hit.pointer, False))
    return findings
