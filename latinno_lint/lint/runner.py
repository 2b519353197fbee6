"""Checking many files fast: each file is read and parsed once, in one process
or several (``jobs``), and never kept in memory as a node tree.

A run takes one of three roads (``lint_paths``):

1. **No cross-file rule enabled**: every file is checked on its own, in one
   pass (passes.first_pass, shared out by pool.first_pass_all).
2. **Cross-file rules, index at hand**: the dataset index comes first when it
   can be had cheaply, from the index cache (cache.py), reading only the files
   it misses, as long as few of the files being checked are among them (those
   would be parsed twice). That is a pre-commit run, and any run after the
   first. Then every file is checked with the index, in one pass.
3. **Cross-file rules, no index yet** (no cache, or a whole dataset changed):
   two passes. The first checks each file without the cross-file rules and
   keeps its index entry and a copy of its data, spilled to a temporary file.
   The index is built from those entries; the second pass runs the cross-file
   rules on each copy (passes.py says how, pool.py where).

``--fix`` and ``--diff`` take a road of their own (``lint_and_fix``): the index
first, then file after file, each fixed in rounds (engine.fix_file).

After any road with cross-file rules, dependents.py looks for cases the run
did not check but broke (LAT405), and ``notes`` says what the index could not
see. The findings do not depend on the road, the number of processes or the
cache: every file is checked by the same code, results come back in input
order, and a cached entry is one a parse would give (tests/test_jobs.py,
tests/test_cache.py).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from . import dataset, fix, gitindex, rules  # noqa: F401 (gitindex: the index of a few files of a dataset in git)
from .config import Config
from .dependents import dependents
from .engine import FileResult, Report, check_document, fix_file, fixed_document, make_finding
from .files import discover, read_stamped
from .files import shown as _shown
from .passes import DEFERRED, DEFERRED_WHOLE, Outcome, spill_snapshot
from .pool import first_pass_all, second_pass_all
from .source import parse_bytes

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from .files import Item


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
    """Lint files and folders (a folder: every ``*.yaml``/``*.yml`` under it, in
    any case, hidden names left out) and return the Report, file by file; a
    path that does not exist raises FileNotFoundError (``files.PathNotFound``,
    naming every such path) before anything is checked. ``config`` defaults to
    the built-in settings (``load_config()`` reads the configuration
    file as the command line does). With ``fix_files`` safe fixes are written back
    atomically; with ``diff`` they are computed but only returned as diffs.

    ``jobs``: processes to use (None: automatic, one for small runs, every core
    for large ones); the findings are the same for any number. ``use_cache``:
    read and update the index cache of the cross-file rules (``.latinno-lint-cache/``
    beside the dataset; docs/speed.md).
    ``progress(done, total)``: called as each file's check ends (the CLI shows it
    on a terminal); not called by a run that fixes or shows diffs."""
    config = config or Config()
    started_ns = time.time_ns()
    dataset.forget_folders()
    items = discover(paths, config.cases_root)
    with dataset.WithoutCollections():  # no reference cycles to free (dataset.WithoutCollections says why)
        if fix_files or diff:
            return _folders_apart(lint_and_fix(items, config, fix_files, diff, use_cache, started_ns), items)
        return _folders_apart(run(items, config, jobs, use_cache, started_ns, progress), items)


def _folders_apart(report: Report, items: list[Item]) -> Report:
    """``report`` with the results of the folders that could not be read moved
    from its files to its folders: a folder is no checked file, and its LAT010
    stays among the findings."""
    folders = {display for display, given, _problem, _resolved in items if given is None and not os.path.islink(display) and os.path.isdir(display)}
    if folders:
        report.folders = [r for r in report.files if r.path in folders]
        report.files = [r for r in report.files if r.path not in folders]
    return report


def run(items: list[Item], config: Config, jobs: int | None, use_cache: bool, started_ns: int, progress: Callable[[int, int], None] | None = None, snapshots: dict | None = None) -> Report:
    """Check the discovered ``items`` by road 1, 2 or 3 of the module's docstring.
    ``snapshots``: on road 3, filled with display path -> the pickled data of each
    file whose data is a mapping (the copy the second pass reads), for a caller
    that needs the data too (the site) and should not parse every file again."""
    total = len(items)
    if not needs_index(config):  # road 1
        return Report(list(_counted(first_pass_all(items, config, None, jobs), total, progress)))
    budget = total // 10 + 10  # files the index may read itself before two passes are cheaper
    indexes = dataset.indexes_for(items, config.cases_root, {}, use_cache, started_ns, budget=budget)
    if indexes is not None:  # road 2
        results = list(_counted(first_pass_all(items, config, indexes, jobs), total, progress))
        return Report(results, notes(items, indexes), dependents(items, config, indexes))
    import tempfile  # road 3

    with tempfile.TemporaryFile(prefix="latinno-lint-") as spill:  # the copies wait on disk, not in memory
        outcomes = [spill_snapshot(_kept(outcome, snapshots), spill) for outcome in _counted(first_pass_all(items, config, DEFERRED if snapshots is None else DEFERRED_WHOLE, jobs), total, progress)]
        known = {o.resolved: (o.stamp, o.entry) for o in outcomes if o.resolved is not None}
        indexes = dataset.indexes_for(items, config.cases_root, known, use_cache, started_ns) or {}  # no budget: never None
        second_pass_all(outcomes, config, indexes, spill, jobs)
    return Report([FileResult(o.path, o.findings) for o in outcomes], notes(items, indexes), dependents(items, config, indexes))


def _kept(outcome: Outcome, snapshots: dict | None) -> Outcome:
    if snapshots is not None and outcome.snapshot is not None:
        snapshots[outcome.path] = outcome.snapshot
    return outcome


def lint_and_fix(items: list[Item], config: Config, fix_files: bool, diff: bool, use_cache: bool, started_ns: int) -> Report:
    """Index first, then each file is checked and fixed in turn (not the fast path).
    A run that rewrites case files writes nothing else: the index cache is only read."""
    # without a budget indexes_for() always gives the indexes
    indexes = (dataset.indexes_for(items, config.cases_root, {}, use_cache, started_ns, save_cache=False) if needs_index(config) else None) or {}
    report = Report()
    for display, given, problem, _resolved in items:
        raw = file = None
        if given is not None:
            file = Path(given)
            raw, _stamp, problem = read_stamped(file)
        if raw is None or file is None:
            report.files.append(FileResult(display, [make_finding("LAT010", display, (1, 1, 1, 1), f"{display} {problem}", config)]))
            continue
        doc = parse_bytes(raw)
        root, index = indexes.get(display, (None, None))
        findings, fixes = check_document(doc, display, file, config, index, root)
        result = FileResult(display, findings)
        if fixes:
            fix_file(result, doc, file, config, index, root, fixes, write=fix_files and not diff)
        report.files.append(result)
    report.notes = notes(items, indexes)
    report.dependents = dependents(items, config, indexes)
    return report


def lint_stdin(data: bytes, path: str = "<stdin>", config: Config | None = None, *, fix_text: bool = False, use_cache: bool = True) -> tuple[Report, bytes | None]:
    """Check ``data`` (an editor's unsaved buffer, read from standard input) as
    the case file ``path`` would be checked if it held ``data``: ``path`` names
    the findings, chooses the per-file-ignores, places the file for the rules
    about its name and folder, and finds its dataset, in whose index ``data``
    stands in for the file on disk at ``path`` (if there is one). A path written
    ``<...>`` (the default ``<stdin>``) is in no folder and no dataset. Nothing
    is written, the index cache included.

    Returns the Report and, with ``fix_text``, the bytes with the safe fixes
    applied (None when no fix applies); the Report then holds what is left,
    and its diff what the fixes change."""
    config = config or Config()
    dataset.forget_folders()
    doc = parse_bytes(data)
    file = Path(path) if path and not path.startswith("<") else None
    root = index = resolved = None
    items: list[Item] = []
    if file is not None and needs_index(config):
        resolved = dataset.resolve(file)
        configured = config.cases_root.resolve() if config.cases_root is not None else None
        root = dataset.root_of(resolved, configured)
        entry = dataset.entry_from(str(resolved), doc.data) if doc.ok else None
        listed = root if root is not None and root.is_dir() else None  # a new file of a dataset not yet made has only itself
        index = dataset.load(listed, {str(resolved): (None, entry)}, use_cache=use_cache and listed is not None, save=False)
        items = [(path, file, None, str(resolved))]
    findings, fixes = check_document(doc, path, file, config, index, root, resolved=resolved)
    result = FileResult(path, findings)
    fixed = None
    if fix_text and fixes:  # none for a file with a YAML error (engine.NO_FIX_CODES)
        current = fixed_document(doc, path, file, config, index, root, fixes)
        if current is not doc:
            result = FileResult(path, check_document(current, path, file, config, index, root, resolved=resolved)[0], diff=fix.unified_diff(doc.text, current.text, path))
            fixed = (b"\xef\xbb\xbf" if doc.bom else b"") + current.text.encode("utf-8")
    indexes = {path: (root, index)} if index is not None else {}
    return Report([result], notes(items, indexes), dependents(items, config, indexes)), fixed


def needs_index(config: Config) -> bool:
    """Whether a cross-file rule is enabled: then the dataset index is needed."""
    return any(r.scope == "dataset" and config.enabled(r.code) for r in rules.RULES.values())


def notes(items: list, indexes: dict | None) -> list:
    """What the run says beside its findings about the indexes of the cross-file
    rules: a cache that was not used, and folders and case files of a dataset
    that could not be read (their cases are missing from the index, so relations
    to them can look dangling), unless the run reports them itself (LAT010)."""
    said, found = set(), []
    reported = {os.path.realpath(display) for display, _file, problem, _resolved in items if problem is not None}
    given = {os.path.realpath(display) for display, *_ in items} if any(index is not None and index.unread_files for _root, index in (indexes or {}).values()) else set()
    for _root, index in (indexes or {}).values():
        if index is None or id(index) in said:
            continue
        said.add(id(index))
        if index.cache_problem:
            found.append(f"the index cache is not used: {_shown(index.cache_problem)}; every case is read, as with --no-cache")
        for exc in index.unreadable:
            folder = os.fsdecode(exc.filename) if exc.filename is not None else str(index.root)
            if os.path.realpath(folder) not in reported:
                found.append(
                    f"{_shown(folder)} is a folder that cannot be read ({(exc.strerror or str(exc)).lower()}): "
                    "the cross-file rules did not see its cases, so relations to them may be reported as dangling"
                )
        real = getattr(index, "real_paths", False)
        for file, why in index.unread_files:
            if (file if real else os.path.realpath(file)) in given:
                continue  # a link the run was given: its LAT010 says it
            found.append(f"{_shown(file)} gave the cross-file rules no case ({why}): a duplicate of its id, number or name may pass, and relations to it may be reported as dangling; check that file")
    return found


def _counted(outcomes: Iterator, total: int, progress: Callable[[int, int], None] | None) -> Iterator:
    """``outcomes`` as they come, telling ``progress`` how many of ``total`` are done."""
    if progress is None:
        yield from outcomes
        return
    for done, outcome in enumerate(outcomes, start=1):
        progress(done, total)
        yield outcome
