"""Where the passes run: in this process, or shared out among several (``jobs``).

On Linux both passes split the files into ``jobs`` contiguous shards: this
process checks the first while a forked child checks each of the others
(forked_map). The children inherit the configuration, the index and the
spilled copies instead of having them sent, and hand back their results in
pickled batches through a temporary file, not item by item through a pipe:
the per-file cost of a process pool (a task and a result pickled and piped
for every file, a dispatching process beside the workers) is gone. Elsewhere
the first pass maps over a process pool and the second runs here. Results
come back in input order, so the findings do not depend on the number of
processes (tests/test_jobs.py)."""

from __future__ import annotations

import functools
import os
import sys

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
    if can_fork():
        yield from forked_map(functools.partial(first_pass, config=config, indexes=indexes), items, count)
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
    for outcome, findings in zip(outcomes, forked_map(functools.partial(_second_of, config=config, indexes=indexes, spill=spill), outcomes, count)):
        if findings is not None:
            outcome.findings = findings


def can_fork() -> bool:
    """Forked processes can inherit the second pass's state: on Linux (macOS has
    fork, but forking there is unsafe once system libraries have started threads)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _second_of(outcome: Outcome, config: Config, indexes: dict, spill):
    """second_pass() in a forked process: the outcome's findings afterwards, or
    None when it added none and had no suppression comments to apply."""
    before = len(outcome.findings)
    second_pass_of(outcome, config, indexes, spill)
    return outcome.findings if outcome.comments or len(outcome.findings) != before else None


class WorkerFailed(RuntimeError):
    """A forked process of --jobs ended without its results: killed (out of
    memory, say) or gone; the command line says so in one line, exit 2."""


_BATCH = 256  # results pickled together: few writes, and a bounded part of a shard in memory at once


def forked_map(function, items: list, count: int):
    """``function(item)`` for every item, in order, with the items split into
    ``count`` contiguous shards: this process works through the first while a
    forked child works through each of the others. A child inherits what it
    needs (the configuration, the index, the spilled copies) rather than have
    it sent, and writes its results, pickled in batches, to a temporary file
    that this process reads once its own shard is done: nothing crosses a pipe
    item by item. An exception in a child is raised here; a child that dies
    raises WorkerFailed. Either way no child is left behind."""
    import tempfile

    size = -(-len(items) // count)
    shards = [items[i : i + size] for i in range(0, len(items), size)]
    children: list = []
    try:
        for shard in shards[1:]:
            out = tempfile.TemporaryFile(prefix="latinno-lint-")  # noqa: SIM115 (closed once read, or in finally)
            pid = os.fork()
            if pid == 0:  # the child: never returns
                _child(function, shard, out)
            children.append((pid, out))
        for item in shards[0]:
            yield function(item)
        while children:
            pid, out = children.pop(0)
            with out:
                status = os.waitpid(pid, 0)[1]
                out.seek(0)
                yield from _results(out, status)
    finally:
        for pid, out in children:  # an exception here or in the consumer: stop the others
            _stop(pid)
            out.close()


def _results(out, status: int):
    """The results a child wrote to ``out``, batch by batch; its exception raised."""
    import pickle

    while True:
        try:
            kind, value = pickle.load(out)
        except EOFError:
            raise WorkerFailed(f"a process of --jobs {_ended(status)} before it handed back its results; run again, or with --jobs 1") from None
        if kind == "done":
            return
        if kind == "error":
            raise value
        yield from value


def _ended(status: int) -> str:
    """How a child ended, from os.waitpid()'s status."""
    code = os.waitstatus_to_exitcode(status)
    if code >= 0:
        return f"exited with status {code}"
    import signal

    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = f"signal {-code}"
    return f"was killed by {name}" + (" (out of memory?)" if -code == signal.SIGKILL else "")


def _child(function, shard: list, out) -> None:
    """Run ``function`` over ``shard`` in a forked child and leave. Each record is
    pickled whole before it is written, so that one that cannot be pickled
    leaves no half of itself in ``out`` for the parent to choke on."""
    import pickle

    code = 0
    try:
        for start in range(0, len(shard), _BATCH):
            out.write(pickle.dumps(("batch", [function(item) for item in shard[start : start + _BATCH]]), pickle.HIGHEST_PROTOCOL))
        out.write(pickle.dumps(("done", None)))
    except BaseException as exc:  # handed to the parent, which raises it where --jobs 1 would
        code = 1
        try:
            record = pickle.dumps(("error", exc), pickle.HIGHEST_PROTOCOL)
        except Exception:
            record = pickle.dumps(("error", WorkerFailed(f"a process of --jobs failed: {type(exc).__name__}: {exc}")))
        out.write(record)
    finally:
        try:
            out.flush()
        finally:
            os._exit(code)  # no atexit handlers, no buffers of the parent's flushed twice


def _stop(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
