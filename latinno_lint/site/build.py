"""``build``: lint the paths, collect the cases, render every page and write
the site. The pages are written in a fixed order, and each is the same for the
same cases and options, so that two builds are byte-identical."""

from __future__ import annotations

from pathlib import Path

from ..vocabulary import LANGS
from .collect import Dataset, collect
from .output import SiteWriter
from .pages import Builder, check_source_url

DEFAULT_TITLE = "LATINNO cases"


def build(paths, out: Path, config, title: str = DEFAULT_TITLE, source_url: str | None = None, jobs: int | None = None) -> Dataset:
    """Build the site of ``paths`` into ``out``; raise pages.SiteError for a bad
    option and output.OutputError when ``out`` cannot be written. Gives the
    dataset that was shown (its findings, cases and unreadable files)."""
    check_source_url(source_url)
    with SiteWriter(out) as writer:  # the folder is checked before the (longer) lint run
        found = collect(paths, config, jobs)
        builder = Builder(found, title, source_url)
        writer.write(("index.html",), builder.landing().encode("utf-8"))
        for lang in LANGS:
            writer.write((lang, "index.html"), builder.overview(lang).encode("utf-8"))
            writer.write((lang, "quality", "index.html"), builder.quality(lang).encode("utf-8"))
            for case in found.cases:
                writer.write((lang, "case", case.segment, "index.html"), builder.case_page(case, lang).encode("utf-8"))
    return found
