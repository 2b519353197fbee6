"""latinno-lint export: case files to CSV, JSON Lines or JSON for analysis."""
from __future__ import annotations

import json
import os
from pathlib import Path

from .. import config as config_mod
from .. import export
from ..finding import escape
from ..vocabulary import LANGS

NAME = "export"
HELP = "export the cases (default: cases/) as CSV, JSON Lines or JSON for R, Stata, pandas or a spreadsheet"
DATAPACKAGE = "datapackage.json"


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders (default: cases/)")
    p.add_argument("--format", choices=tuple(export.FORMATS), default="csv", help="output format (default: csv)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--labels", action="store_true", help="CSV: write code labels instead of codes")
    p.add_argument("--lang", choices=LANGS, default="en",
                   help="language of the labels and titles (default: en; English where the schema has none)")
    p.add_argument("--include-invalid", action="store_true",
                   help="also export cases with errors (files that cannot be parsed are still left out)")
    p.add_argument("--datapackage", action="store_true",
                   help=f"CSV with -o: also write {DATAPACKAGE} (a Frictionless data package) next to it")


def where(args, err, verb: str):
    """The paths to read (default cases/) and the configuration, or (None, None)
    after saying why not."""
    if not args.paths and not os.path.isdir("cases"):
        err.write(f"latinno-lint: no cases/ folder here; name the case files or folders to {verb}\n")
        return None, None
    try:
        return args.paths or ["cases"], config_mod.load()
    except config_mod.ConfigError as exc:
        err.write(f"latinno-lint: configuration error: {escape(str(exc))}\n")
        return None, None


def _usage(args) -> str | None:
    if args.format != "csv" and (args.labels or args.datapackage):
        return f"--labels and --datapackage apply to --format csv only, not {args.format}"
    if args.datapackage and not args.output:
        return "--datapackage needs -o FILE: the descriptor is written next to the CSV"
    if args.datapackage and Path(args.output).name == DATAPACKAGE:
        return f"-o {args.output} would be overwritten by the data package descriptor; name the CSV otherwise"
    return None


def _write(path: str, text: str) -> str | None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        return f"latinno-lint: cannot write {escape(path)}: {exc.strerror or exc}\n"
    return None


def _explain(chosen, err) -> None:
    if chosen.left_out:
        n = len(chosen.left_out)
        err.write(f"latinno-lint: left out {n} case{'s' if n != 1 else ''} with errors "
                  "(--include-invalid exports them); the first error of each:\n")
        for _path, f in chosen.left_out:
            err.write(f"  {escape(f.path)}:{f.line}:{f.column}: {f.code} {f.message}\n")
    if chosen.unparsed:
        n = len(chosen.unparsed)
        err.write(f"latinno-lint: left out {n} file{'s' if n != 1 else ''} that could not be read as a case:\n")
        for path, f in chosen.unparsed:
            err.write(f"  {escape(f.path)}:{f.line}:{f.column}: {f.code} {f.message}\n" if f else f"  {escape(path)}\n")


def run(args, out, err) -> int:
    problem = _usage(args)
    if problem:
        err.write(f"latinno-lint export: error: {escape(problem)}\n")
        return 2
    paths, cfg = where(args, err, "export")
    if cfg is None:
        return 2
    chosen = export.select(paths, cfg, args.include_invalid)
    if args.format == "csv":
        text = export.to_csv(chosen.cases, args.labels, args.lang)
    else:
        text = export.FORMATS[args.format](chosen.cases)
    if args.output:
        failed = _write(args.output, text)
        if not failed and args.datapackage:
            descriptor = export.datapackage(Path(args.output).name, args.labels, args.lang)
            failed = _write(str(Path(args.output).with_name(DATAPACKAGE)), json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
        if failed:
            err.write(failed)
            return 2
    else:
        out.write(text)
    _explain(chosen, err)
    n = len(chosen.cases)
    err.write(f"Exported {n} case{'s' if n != 1 else ''}{' to ' + escape(args.output) if args.output else ''}.\n")
    return 1 if chosen.left_out or chosen.unparsed else 0
