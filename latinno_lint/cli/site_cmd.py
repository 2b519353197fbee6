"""latinno-lint site: the cases as a static, offline website in English,
Spanish and Portuguese (docs/publishing.md)."""

from __future__ import annotations

import os
from pathlib import Path

from ..data import is_table
from ..finding import escape
from .export_cmd import where

NAME = "site"
HELP = "build a static website of the cases (default: cases/): a page per case, an overview with search and charts, and a quality report, in EN/ES/PT"


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders (default: cases/)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write the site into (created when missing; only it is written)")
    p.add_argument("--title", default=None, metavar="T", help="the site's title (default: LATINNO cases)")
    p.add_argument(
        "--source-url",
        metavar="TEMPLATE",
        help="link each finding to its line in the repository: an http(s) URL with {path} and {line}, e.g. https://github.com/ORG/REPO/blob/main/{path}#L{line}",
    )
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="processes to check files in (default: auto)")


def run(args, out, err) -> int:
    tables = [p for p in args.paths if is_table(p) and not os.path.isdir(p)]
    if tables:
        err.write(f"latinno-lint site: error: {escape(tables[0])} is a table; the site is built from case files (latinno-lint import {escape(tables[0])} writes them)\n")
        return 2
    paths, cfg = where(args, err, "publish")
    if cfg is None:
        return 2
    try:
        from ..site.build import DEFAULT_TITLE, build
        from ..site.output import OutputError
        from ..site.pages import SiteError
    except ImportError as exc:  # jinja2, the site extra
        err.write(f"latinno-lint site: {escape(str(exc))}; install the site extra: pip install 'latinno-lint[site]'\n")
        return 2
    if args.jobs is not None and args.jobs < 1:
        err.write("latinno-lint site: error: --jobs must be at least 1\n")
        return 2
    try:
        found = build(paths, Path(args.output), cfg, args.title or DEFAULT_TITLE, args.source_url, args.jobs)
    except SiteError as exc:
        err.write(f"latinno-lint site: error: {escape(str(exc))}\n")
        return 2
    except OutputError as exc:
        err.write(f"latinno-lint site: {escape(str(exc))}\n")
        return 2
    if found.files == 0:
        named = ", ".join(escape(str(p)) for p in paths)
        err.write(f"latinno-lint site: no case files in {named}: looked for *.yaml and *.yml files; name a case file or a folder that holds some\n")
        return 2
    n, pages = len(found.cases), len(found.cases) * 3
    err.write(
        f"Wrote the site of {n} case{'s' if n != 1 else ''} ({pages} case pages, {len(found.findings)} findings on the quality pages) to {escape(args.output)}; "
        f"open {escape(str(Path(args.output) / 'index.html'))}.\n"
    )
    return 0
