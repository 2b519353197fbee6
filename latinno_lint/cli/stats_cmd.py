"""latinno-lint stats: the state of the dataset at a glance."""

from __future__ import annotations

import json

from ..data import stats
from ..finding import escape_json
from .export_cmd import where

NAME = "stats"
HELP = "summarize the cases (default: cases/): by country, start decade and code, and the findings by rule"


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders (default: the configured cases-root, else the nearest cases/)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def run(args, out, err) -> int:
    paths, cfg = where(args, err, "summarize")
    if cfg is None:
        return 2
    summary = stats.summary(paths, cfg)
    out.write(escape_json(json.dumps(summary, indent=2, ensure_ascii=False)) + "\n" if args.format == "json" else stats.text(summary))
    return 0
