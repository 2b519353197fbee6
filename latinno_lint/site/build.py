"""``build``: lint the paths, collect the cases, render every page and write
the site. Each page is the same for the same cases and options, whatever the
number of processes, so two builds are byte-identical. The case pages (most of
the work) are rendered and written by forked processes on a large run."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from ..lint.pool import job_count
from ..vocabulary import LANGS
from .collect import Dataset, collect
from .output import SiteWriter
from .pages import Builder, check_source_url

DEFAULT_TITLE = "LATINNO cases"
_SHARED: tuple = ()  # (builder,) for the forked processes


def build(paths, out: Path, config, title: str = DEFAULT_TITLE, source_url: str | None = None, jobs: int | None = None) -> Dataset:
    """Build the site of ``paths`` into ``out``; raise pages.SiteError for a bad
    option and output.OutputError when ``out`` cannot be written. Gives the
    dataset that was shown (its findings, cases and unreadable files)."""
    global _SHARED
    check_source_url(source_url)
    with SiteWriter(out) as writer:  # the folder is checked before the (longer) lint run
        found = collect(paths, config, jobs)
        builder = Builder(found, title, source_url)
        writer.write(("index.html",), builder.landing().encode("utf-8"))
        for lang in LANGS:
            writer.folder((lang, "case"))
            writer.folder((lang, "quality"))
        count = job_count(jobs, len(found.cases))
        step = max(1, len(found.cases) // (count * 8))
        tasks = [("overview", lang) for lang in LANGS] + [("quality", lang) for lang in LANGS] + [("cases", range(i, min(i + step, len(found.cases)))) for i in range(0, len(found.cases), step)]
        # the cases and findings live until the end: collections need not walk them again and
        # again as pages are made (nor, in forked processes, touch and so copy their memory)
        builder.counted  # noqa: B018 - counted once, before the processes that draw the charts fork
        gc.freeze()
        _SHARED = (builder,)
        try:
            if count > 1 and "fork" in _start_methods():
                import multiprocessing

                # each process writes what it renders (sending the pages back to be written here
                # made the parent the bottleneck); each case's folder is made by one process
                with multiprocessing.get_context("fork").Pool(count) as pool:
                    pool.map(_render_and_write, [(out, task) for task in tasks], chunksize=1)
            else:
                for task in tasks:
                    for parts, data in _render(task):
                        writer.write(parts, data)
        finally:
            _SHARED = ()
            gc.unfreeze()
    return found


def _start_methods() -> list:
    import multiprocessing

    return multiprocessing.get_all_start_methods() if hasattr(os, "fork") else []


_WRITERS: dict = {}  # a forked process's own writer, by output folder


def _render_and_write(job: tuple) -> None:
    """Render one task (see _render) in a forked process and write its pages."""
    out, task = job
    writer = _WRITERS.get(out) or _WRITERS.setdefault(out, SiteWriter(out))
    for parts, data in _render(task):
        writer.write(parts, data)


def _render(task: tuple) -> list:
    """(path parts, bytes) of the pages of one task: an overview, a quality report,
    or the three pages of each case of a run of cases."""
    (builder,) = _SHARED
    kind, what = task
    if kind == "overview":
        return [((what, "index.html"), builder.overview(what).encode("utf-8"))]
    if kind == "quality":
        return [((what, "quality", "index.html"), builder.quality(what).encode("utf-8"))]
    cases = builder.found.cases
    return [((lang, "case", cases[i].segment, "index.html"), builder.case_page(cases[i], lang).encode("utf-8")) for i in what for lang in LANGS]
