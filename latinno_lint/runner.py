"""Checking many files fast: each file is read and parsed once, in one process
or several (``jobs``), and never kept in memory as a node tree.

Without cross-file rules every file is checked on its own. With them, the
dataset index comes first when it can be had cheaply: from the index cache
(latinno_lint.cache), reading only the files it misses, as long as few of the
files being checked are among them (those would be parsed twice). That is the
case of a pre-commit run and of any run after the first. Then every file is
checked with the index, in one pass.

Otherwise (no cache yet, a whole dataset changed) two passes. The first reads,
parses and checks each file without the cross-file rules, and keeps its index
entry and a pickled copy of its data (in a temporary file, not in memory). The
index is built from those entries (and the cache, for files not being
checked). The second pass runs the cross-file rules on each copy (in forked
processes on Linux, else in this one); only a file they report on, or one with
suppression comments (applied last, to all its findings), is parsed again.

The findings do not depend on the number of processes nor on the cache:
results come back in input order, every file is checked by the same code, and
a cached entry is one a parse would give (tests/test_jobs.py, test_cache.py).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from . import dataset, engine, rules
from .config import Config
from .engine import ALL_SCOPES, Case, FileResult, Report, apply_suppressions, check_document, make_finding, needs_index, notes, read_stamped
from .source import parse_bytes

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

AUTO_MIN_FILES = 1000  # below this a second process costs more than it saves
FIRST_PASS = ALL_SCOPES - {"dataset"}
DEFERRED = "deferred"  # the first pass leaves the cross-file rules to second_pass()


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


def lint_paths(
    paths: Iterable[str | os.PathLike[str]] = ("cases",),
    config: Config | None = None,
    *,
    fix_files: bool = False,
    diff: bool = False,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Lint files and folders (a folder: every ``*.yaml``/``*.yml`` under it, hidden
    names left out) and return the Report, file by file. ``config`` defaults to
    the built-in settings (``latinno_lint.config.load()`` reads a configuration
    file as the command line does). With ``fix_files`` safe fixes are written back
    atomically; with ``diff`` they are computed but only returned as diffs.

    ``jobs``: processes to use (None: automatic, one for small runs, every core
    for large ones); the findings are the same for any number. ``use_cache``:
    read and update the index cache of the cross-file rules (see latinno_lint.cache).
    ``progress(done, total)``: called as each file's check ends (the CLI shows it
    on a terminal); not called by a run that fixes or shows diffs."""
    config = config or Config()
    started_ns = time.time_ns()
    dataset.forget_folders()
    items = engine.discover(paths, config.cases_root)
    if fix_files or diff:
        return engine.lint_and_fix(items, config, fix_files, diff, use_cache, started_ns, dependents)
    return run(items, config, jobs, use_cache, started_ns, progress)


def _counted(outcomes: Iterator, total: int, progress: Callable[[int, int], None] | None) -> Iterator:
    """``outcomes`` as they come, telling ``progress`` how many of ``total`` are done."""
    if progress is None:
        yield from outcomes
        return
    for done, outcome in enumerate(outcomes, start=1):
        progress(done, total)
        yield outcome


def run(items: list, config: Config, jobs: int | None, use_cache: bool, started_ns: int, progress: Callable[[int, int], None] | None = None) -> Report:
    if not needs_index(config):
        return Report(list(_counted(first_pass_all(items, config, None, jobs), len(items), progress)))
    budget = len(items) // 10 + 10
    indexes = dataset.indexes_for(items, config.cases_root, {}, use_cache, started_ns, budget=budget)
    if indexes is not None:
        return Report(list(_counted(first_pass_all(items, config, indexes, jobs), len(items), progress)), notes(items, indexes), dependents(items, config, indexes))
    import tempfile

    with tempfile.TemporaryFile(prefix="latinno-lint-") as spill:  # the copies wait on disk, not in memory
        outcomes = [_spill(outcome, spill) for outcome in _counted(first_pass_all(items, config, DEFERRED, jobs), len(items), progress)]
        known = {o.resolved: (o.stamp, o.entry) for o in outcomes if o.resolved is not None}
        indexes = dataset.indexes_for(items, config.cases_root, known, use_cache, started_ns) or {}  # no budget: never None
        second_pass_all(outcomes, config, indexes, spill, jobs)
    return Report([FileResult(o.path, o.findings) for o in outcomes], notes(items, indexes), dependents(items, config, indexes))


DEPENDENT_CODE = "LAT405"


def dependents(items: list, config: Config, indexes: dict) -> list:
    """FileResults for cases of the dataset that this run does not check and whose
    ``related`` names an id no case has any more: a run on the files of a commit
    that renames a case's id, or deletes a case, must not pass while another
    case still points at it. Their LAT405 findings name the files this run
    checked. One pass over the index entries; a file is parsed only when it has
    such a relation (rare)."""
    if not indexes or not config.enabled(DEPENDENT_CODE):
        return []
    checked: dict = {}  # id(index) -> (root, index, {resolved path: display path})
    for display, file, problem, resolved in items:
        root, index = indexes.get(display, (None, None))
        if problem is None and index is not None and root is not None:
            group = checked.setdefault(id(index), (root, index, {}))
            group[2][str(resolved or dataset.resolve(Path(file)))] = display
    results = []
    for root, index, mine in checked.values():
        ids = index.by_id
        for entry in index.entries:
            related = entry[5]
            if not related or entry[0] in mine:
                continue
            if any(isinstance(other, str) and other not in ids and other != entry[1] for other in related):
                result = _dependent(entry, root, index, config, sorted(mine.values()))
                if result is not None:
                    results.append(result)
    return results


def _dependent(entry, root, index, config: Config, checked: list):
    display = index.display(entry)
    if not config.enabled(DEPENDENT_CODE, display):
        return None
    raw, _stamp, problem = read_stamped(Path(entry[0]))
    doc = parse_bytes(raw) if raw is not None else None
    if doc is None or not doc.ok:
        return None  # gone or broken since the index read it: its own check says so
    found = check_document(doc, display, Path(entry[0]), config, index, root, scopes={"dataset"}, resolved=Path(entry[0]))[0]
    shown = ", ".join(checked[:3]) + (f" and {len(checked) - 3} more" if len(checked) > 3 else "")
    case = Case(doc.data, display, Path(entry[0]), config, root)
    findings = [
        _renamed(
            f,
            f"related id {case.get(f.pointer)!r} names no case of the dataset any more: {shown}, checked in this run, may have renamed or removed that case; restore its id, or correct this relation",
        )
        for f in found
        if f.code == DEPENDENT_CODE
    ]
    return FileResult(display, findings) if findings else None


def _renamed(finding, message: str):
    return type(finding)(*(message if name == "message" else getattr(finding, name) for name in finding.__slots__))


def _spill(outcome: Outcome, spill) -> Outcome:
    if outcome.snapshot is not None:
        outcome.snapshot = (spill.seek(0, 2), spill.write(outcome.snapshot))
    return outcome


def job_count(jobs: int | None, files: int) -> int:
    """Processes for a run: ``jobs`` if given, else every core for a large run."""
    if jobs is not None:
        return max(1, jobs)
    if files < AUTO_MIN_FILES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1)


def first_pass_all(items: list, config: Config, indexes, jobs: int | None):
    """first_pass() for every item, in order, as they come. ``indexes``: None (no
    cross-file rules), DEFERRED, or display path -> (root, index)."""
    count = job_count(jobs, len(items))
    if count == 1 or len(items) < 2:
        for item in items:
            yield first_pass(item, config, indexes)
        return
    from concurrent.futures import ProcessPoolExecutor  # fails loudly, where a broken Pool hangs

    chunk = max(4, len(items) // (count * 16))
    with ProcessPoolExecutor(count, initializer=_start_worker, initargs=(config, indexes)) as pool:
        yield from pool.map(_worker_pass, items, chunksize=chunk)


_WORKER: tuple = ()


def _start_worker(config: Config, indexes) -> None:
    global _WORKER
    _WORKER = (config, indexes)


def _worker_pass(item):
    return first_pass(item, *_WORKER)


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
        return Outcome(display, unreadable) if indexes is DEFERRED else FileResult(display, unreadable)
    doc = parse_bytes(raw)
    if indexes is not DEFERRED:
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

            outcome.snapshot = pickle.dumps(doc.data, pickle.HIGHEST_PROTOCOL)
    return outcome


def second_pass_all(outcomes: list, config: Config, indexes: dict, spill, jobs: int | None) -> None:
    """second_pass() for every outcome. In several processes where they can be
    forked: they inherit the index and the spilled copies rather than have them
    sent, and each outcome travels without its findings unless its suppression
    comments need them."""
    spill.flush()  # the copies are read with os.pread, past the file object's buffer
    count = job_count(jobs, len(outcomes))
    if count == 1 or len(outcomes) < 2 or not _can_fork():
        for outcome in outcomes:
            _second(outcome, config, indexes, spill)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _SECOND
    _SECOND = (config, indexes, spill)
    try:
        tasks = [(o.path, os.fspath(o.file) if o.file is not None else None, o.resolved, o.snapshot, o.findings if o.comments else None) for o in outcomes]
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            chunk = max(4, len(tasks) // (count * 16))
            for outcome, findings in zip(outcomes, pool.map(_second_worker, tasks, chunksize=chunk)):
                if findings is not None:
                    outcome.findings = findings if outcome.comments else outcome.findings + findings
    finally:
        _SECOND = ()


def _can_fork() -> bool:
    """Forked processes can inherit the second pass's state: on Linux (macOS has
    fork, but forking there is unsafe once system libraries have started threads)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


_SECOND: tuple = ()


def _second_worker(task: tuple):
    """second_pass() in a forked process: the findings it adds (all the findings
    for a file with suppression comments), or None when it has none."""
    config, indexes, spill = _SECOND
    path, file, resolved, snapshot, findings = task
    outcome = Outcome(path, findings or [], Path(file) if file is not None else None, resolved, snapshot=snapshot, comments=findings is not None)
    before = len(outcome.findings)
    _second(outcome, config, indexes, spill)
    if outcome.comments:
        return outcome.findings
    return outcome.findings[before:] or None


def _second(outcome: Outcome, config: Config, indexes: dict, spill) -> None:
    root, index = indexes.get(outcome.path, (None, None))
    second_pass(outcome, config, index, root, spill)


def second_pass(outcome: Outcome, config: Config, index, root, spill) -> None:
    """The cross-file rules for one file, then its suppressions. The file is
    parsed again only when one of them has something to say."""
    hits = outcome.snapshot is not None and _dataset_hits(outcome, _unspill(outcome.snapshot, spill), config, index, root)
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


def _dataset_hits(outcome: Outcome, data, config: Config, index, root) -> bool:
    """True when a cross-file rule has something to say about this file."""
    case = Case(data, outcome.path, outcome.file, config, root)
    case.__dict__["resolved"] = Path(outcome.resolved) if outcome.resolved is not None else None
    for rule in rules.RULES.values():
        if rule.scope == "dataset" and rule.check is not None and config.enabled(rule.code, outcome.path):
            for _hit in rule.check(case, index):
                return True
    return False
