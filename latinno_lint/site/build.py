"""``build``: lint the paths, collect the cases, render every page and write
the site. Each page is the same for the same cases and options, whatever the
number of processes, so two builds are byte-identical. The case pages (most of
the work) are shared out among forked processes on a large run, each writing
the pages of its own cases."""

from __future__ import annotations

import os
from pathlib import Path

from ..lint.pool import job_count
from ..vocabulary import LANGS
from .collect import Dataset, collect
from .output import SiteWriter
from .pages import Builder, check_source_url

DEFAULT_TITLE = "LATINNO cases"
_SHARED: tuple = ()  # (builder, output folder) for the forked processes


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
        if count > 1 and "fork" in _start_methods():
            import multiprocessing

            _SHARED = (builder, out, None)
            try:
                with multiprocessing.get_context("fork").Pool(count) as pool:
                    pool.map(_task, tasks, chunksize=1)
            finally:
                _SHARED = ()
        else:
            _SHARED = (builder, out, writer)
            try:
                for task in tasks:
                    _task(task)
            finally:
                _SHARED = ()
    return found


def _start_methods() -> list:
    import multiprocessing

    return multiprocessing.get_all_start_methods() if hasattr(os, "fork") else []


_WRITERS: dict = {}  # a forked process's own writer, by output folder


def _task(task: tuple) -> None:
    """Write one overview, one quality report, or the pages of a run of cases."""
    builder, out, writer = _SHARED
    if writer is None:
        writer = _WRITERS.get(out) or _WRITERS.setdefault(out, SiteWriter(out))
    kind, what = task
    if kind == "overview":
        writer.write((what, "index.html"), builder.overview(what).encode("utf-8"))
    elif kind == "quality":
        writer.write((what, "quality", "index.html"), builder.quality(what).encode("utf-8"))
    else:
        cases = builder.found.cases
        for i in what:
            case = cases[i]
            for lang in LANGS:
                writer.write((lang, "case", case.segment, "index.html"), builder.case_page(case, lang).encode("utf-8"))
