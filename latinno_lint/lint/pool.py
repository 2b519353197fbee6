"""Where the passes run: in this process, or shared out among several (``jobs``).

The first pass maps over the files in a process pool whose workers receive the
configuration and indexes once. The second pass runs in forked processes (on
Linux), which inherit the index and the spilled copies instead of having them
sent. Results come back in input order, so the findings do not depend on the
number of processes (tests/test_jobs.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .config import Config
from .passes import Outcome, first_pass, second_pass_of

AUTO_MIN_FILES = 1000  # below this a second process costs more than it saves


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


def second_pass_all(outcomes: list, config: Config, indexes: dict, spill, jobs: int | None) -> None:
    """second_pass() for every outcome. In several processes where they can be
    forked: they inherit the index and the spilled copies rather than have them
    sent, and each outcome travels without its findings unless its suppression
    comments need them."""
    spill.flush()  # the copies are read with os.pread, past the file object's buffer
    count = job_count(jobs, len(outcomes))
    if count == 1 or len(outcomes) < 2 or not can_fork():
        for outcome in outcomes:
            second_pass_of(outcome, config, indexes, spill)
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


def can_fork() -> bool:
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
    second_pass_of(outcome, config, indexes, spill)
    if outcome.comments:
        return outcome.findings
    return outcome.findings[before:] or None
