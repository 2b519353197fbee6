"""latinno-lint export: case files to CSV, JSON Lines or JSON for analysis."""

from __future__ import annotations

import json
from pathlib import Path

from ..data import export
from ..finding import escape
from ..lint import config as config_mod
from ..vocabulary import LANGS

NAME = "export"
HELP = "export the cases (default: cases/) as CSV, XLSX, JSON Lines or JSON for R, Stata, pandas or a spreadsheet"
DATAPACKAGE = "datapackage.json"


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders (default: the configured cases-root, else the nearest cases/)")
    p.add_argument("--format", choices=(*export.FORMATS, "xlsx"), default="csv", help="output format (default: csv); xlsx needs -o FILE and openpyxl (pip install 'latinno-lint[xlsx]')")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--labels", action="store_true", help="CSV and XLSX: write code labels instead of codes")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the labels and titles (default: en; English where the schema has none)")
    p.add_argument("--include-invalid", action="store_true", help="also export cases with errors (files that cannot be parsed are still left out)")
    p.add_argument("--datapackage", action="store_true", help=f"CSV with -o: also write {DATAPACKAGE} (a Frictionless data package) next to it")


def where(args, err, verb: str):
    """The paths to read (default: the dataset root) and the configuration, or
    (None, None) after saying why not."""
    from .check import default_paths

    try:
        cfg = config_mod.load()
    except config_mod.ConfigError as exc:
        err.write(f"latinno-lint: configuration error: {escape(str(exc))}\n")
        return None, None
    paths = args.paths or default_paths(cfg, err, verb)
    return (paths, cfg) if paths else (None, None)


def _usage(args) -> str | None:
    if args.format not in ("csv", "xlsx") and args.labels:
        return f"--labels applies to --format csv and xlsx only, not {args.format}"
    if args.format != "csv" and args.datapackage:
        return f"--datapackage applies to --format csv only, not {args.format}"
    if args.format == "xlsx" and not args.output:
        return "--format xlsx needs -o FILE.xlsx: a workbook is not text for standard output"
    if args.datapackage and not args.output:
        return "--datapackage needs -o FILE: the descriptor is written next to the CSV"
    if args.datapackage and Path(args.output).name == DATAPACKAGE:
        return f"-o {args.output} would be overwritten by the data package descriptor; name the CSV otherwise"
    return None


def _write(path: str, text) -> str | None:
    try:
        with open(path, "wb") as handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
    except OSError as exc:
        return f"latinno-lint: cannot write {escape(path)}: {exc.strerror or exc}\n"
    return None


def _keep_what_a_table_holds(chosen, form: str) -> None:
    """Note the cases a table cannot hold as they are. A ';' inside a list item
    is written, with a warning: the table joins items with ';', so reading the
    table back would split it. A control character cannot be written to XLSX
    at all: that case is left out, as cases with errors are."""
    kept = []
    for path, data in chosen.cases:
        for name, message in export.unjoinable(path, data):
            chosen.warnings.append((path, f"{name}: {message}; importing this table would not give it back as written"))
        broken = _unwritable(path, data) if form == "xlsx" else None
        if broken:
            chosen.lossy.append((path, f"{broken[0]}: {broken[1]}; the case is left out"))
        else:
            kept.append((path, data))
    chosen.cases = kept


def _unwritable(path: str, data: dict):
    from ..data.table import TableError, openpyxl

    try:
        openpyxl()
    except TableError:
        return None  # said when the workbook is written
    from ..data.xlsx import unwritable

    return unwritable(path, data)


def _explain(chosen, err) -> None:
    if chosen.left_out:
        n = len(chosen.left_out)
        err.write(f"latinno-lint: left out {n} case{'s' if n != 1 else ''} with errors (--include-invalid exports them); the first error of each:\n")
        for _path, f in chosen.left_out:
            err.write(f"  {escape(f.path)}:{f.line}:{f.column}: {f.code} {f.message}\n")
    for path, message in chosen.warnings:
        err.write(f"latinno-lint: warning: {escape(path)}: {message}\n")
    if chosen.lossy:
        n = len(chosen.lossy)
        err.write(f"latinno-lint: left out {n} case{'s' if n != 1 else ''} that a workbook cannot hold:\n")
        for path, message in chosen.lossy:
            err.write(f"  {escape(path)}: {message}\n")
    if chosen.folders:
        n = len(chosen.folders)
        err.write(f"latinno-lint: left out the cases of {n} folder{'s' if n != 1 else ''} that could not be read:\n")
        for _path, f in chosen.folders:
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
    if args.format in ("csv", "xlsx"):
        _keep_what_a_table_holds(chosen, args.format)
    text: str | bytes
    if args.format == "xlsx":
        from ..data import xlsx
        from ..data.table import TableError

        try:
            text = xlsx.workbook(chosen.cases, args.labels, args.lang)
        except TableError as exc:  # openpyxl is not installed
            err.write(f"latinno-lint export: {exc}\n")
            return 2
    elif args.format == "csv":
        text = export.to_csv(chosen.cases, args.labels, args.lang)
    else:
        text = export.FORMATS[args.format](chosen.cases)
    if args.output:
        failed = _write(args.output, text)
        if not failed and args.datapackage:
            descriptor = export.datapackage(Path(args.output).name, args.labels, args.lang, args.include_invalid)
            failed = _write(str(Path(args.output).with_name(DATAPACKAGE)), json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
        if failed:
            err.write(failed)
            return 2
    else:
        out.write(text)
    _explain(chosen, err)
    n = len(chosen.cases)
    err.write(f"Exported {n} case{'s' if n != 1 else ''}{' to ' + escape(args.output) if args.output else ''}.\n")
    return 1 if chosen.left_out or chosen.unparsed or chosen.folders or chosen.lossy else 0
