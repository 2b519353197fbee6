"""latinno-lint check: lint case files and folders."""

from __future__ import annotations

import os
import sys

from ..data import is_table
from ..finding import escape
from ..lint import config as config_mod
from ..lint import files, source
from ..report import formats
from .output import emit

NAME = "check"
HELP = "check case files (default: cases/) for schema and data-quality problems"
SLOW_PARSER_NOTE_FILES = 200  # below this the slower parser is not worth a word
PROGRESS_AFTER = 2.0  # seconds before a check on a terminal shows its progress
FORMATS = ("text", "json", "github", "sarif", "markdown")
STATISTICS_FORMATS = ("text", "json")  # github annotations and SARIF results are findings at a place, not counts


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders (default: the configured cases-root, else the nearest cases/); - reads one case from standard input")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--select", type=_codes, metavar="CODES", help="comma-separated codes, prefixes or names to check (replaces the configured selection)")
    p.add_argument("--ignore", type=_codes, metavar="CODES", help="comma-separated codes, prefixes or names not to check")
    p.add_argument("--extend-select", type=_codes, metavar="CODES", help="comma-separated codes to check in addition")
    p.add_argument("--config", metavar="FILE", help="read [tool.latinno-lint] from FILE instead of the nearest pyproject.toml")
    p.add_argument("--strict", action="store_true", help='fail (exit 1) on warnings too; same as fail-on = "warning"')
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    p.add_argument("--diff", action="store_true", help="print what --fix would change as a unified diff, write nothing (exit 1 if there is anything to fix)")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of each finding (text, or --format json)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    p.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N", help="processes to check files in (default: auto, one for small runs, every core for large ones); the findings are the same for any N"
    )
    p.add_argument(
        "--baseline",
        metavar="REF",
        help="report, and fail on, only the findings that git ref REF did not have (the same case, rule and field); --fix still fixes every finding",
    )
    p.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the case file that standard input (-) holds, e.g. an editor's unsaved buffer: named in the findings, and checked in its folder and dataset as if the file held that text",
    )
    p.add_argument("--no-cache", action="store_true", help="do not read or write the index cache of the cross-file rules (.latinno-lint-cache/ in the dataset root)")


def _jobs(value: str):
    if value == "auto":
        return None
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        import argparse

        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, or 'auto', not {value!r}")
    return number


class _Progress:
    """'Checking 1,200/40,000 files' on standard error, on a terminal only (never in
    a pipe, a file or a CI log), and only once a run has taken PROGRESS_AFTER
    seconds: a pre-commit run or a small one never shows it."""

    def __init__(self, err) -> None:
        import time

        self.err, self.clock = err, time.monotonic
        self.started, self.shown, self.last = self.clock(), False, 0.0
        self.wanted = hasattr(err, "isatty") and err.isatty() and not os.environ.get("CI")
        try:
            self.after = float(os.environ.get("LATINNO_LINT_PROGRESS_AFTER", PROGRESS_AFTER))
        except ValueError:
            self.after = PROGRESS_AFTER

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < self.after or (now - self.last < 0.1 and done < total):
            return
        self.err.write(f"\rChecking {done:,}/{total:,} files")
        self.err.flush()
        self.shown, self.last = True, now

    def done(self) -> None:
        if self.shown:
            self.err.write("\r\x1b[K")  # the line goes: the report and its summary follow
            self.err.flush()


def _shown(text: str) -> str:
    """A path from the command line as one line of plain text: control characters escaped."""
    import re

    return re.sub("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def _codes(value: str) -> list:
    """The codes of a comma-separated list; naming none is a usage error: an empty
    --select (an unset variable in a script) would otherwise run every rule."""
    codes = [c.strip() for c in value.split(",") if c.strip()]
    if not codes:
        import argparse

        raise argparse.ArgumentTypeError(f"names no rule ({value!r}): give codes, prefixes or rule names separated by commas")
    return codes


def _is_table(path: str) -> bool:
    return is_table(path) and not os.path.isdir(path)


def _lint_tables(tables: list, cfg, err):
    """The findings of the rows of each table, or None after saying (one line)
    why a table cannot be read."""
    from ..data.table import TableError, read  # only when a table is checked: it needs the export's columns (and openpyxl)
    from ..lint.engine import lint_table

    found = []
    for path in tables:
        try:
            found += lint_table(read(path), cfg)
        except TableError as exc:
            err.write(f"latinno-lint: {exc}\n")
            return None
    return found


def default_paths(cfg, err, verb: str) -> list:
    """The paths a command reads when given none: the dataset root (the configured
    cases-root, or the nearest cases/ folder); none after saying there is none."""
    root = files.default_root(cfg.cases_root)
    if root is None:
        err.write(f"latinno-lint: no cases/ folder here or above, and no cases-root configured; name the case files or folders to {verb}\n")
        return []
    return [files.shown(root)]


def _stdin_problem(args) -> str | None:
    """Why the command line cannot read standard input as it asks (None: it can)."""
    if args.stdin_filename is not None and args.paths not in ([], ["-"]):
        return "--stdin-filename names the case file that standard input holds; give - as the only PATH, or no PATH"
    if len(args.paths) > 1:
        return "- reads one case file from standard input; give it as the only PATH"
    if args.stdin_filename is not None and _is_table(args.stdin_filename):
        return f"standard input is read as one case file, not a table ({escape(args.stdin_filename)}); check a table by its path"
    return None


def _read_stdin() -> bytes:
    stream = sys.stdin
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        return raw.read(source.MAX_BYTES + 1)  # enough to tell that it is too large (LAT008)
    return stream.read(source.MAX_BYTES + 1).encode("utf-8", "surrogateescape")


def _write_bytes(out, data: bytes) -> None:
    out.flush()
    raw = getattr(out, "buffer", None)
    if raw is not None:
        raw.write(data)
        raw.flush()
    else:
        out.write(data.decode("utf-8", "replace"))


def run(args, out, err) -> int:
    from ..lint.engine import NO_FIX_CODES, Report
    from ..lint.files import unreadable_table
    from ..lint.runner import lint_paths, lint_stdin

    if args.diff and (args.format != "text" or args.statistics):
        err.write("latinno-lint: --diff prints a unified diff; it cannot be combined with --format or --statistics\n")
        return 2
    if args.statistics and args.format not in STATISTICS_FORMATS:
        err.write(f"latinno-lint: --statistics counts the findings per rule, as text or --format json; --format {args.format} is for findings one by one\n")
        return 2
    if args.diff and args.fix:
        err.write("latinno-lint: --diff shows what --fix would change and writes nothing; give one of them, not both\n")
        return 2
    stdin = "-" in args.paths or args.stdin_filename is not None
    if stdin:
        problem = _stdin_problem(args)
        if problem:
            err.write(f"latinno-lint: {problem}\n")
            return 2
    else:
        files.require(args.paths)  # before the configuration is read: a mistyped path is the first thing to mend
        for path in args.paths:  # a spreadsheet it cannot read is refused, never read as YAML
            problem = unreadable_table(path)
            if problem:
                err.write(f"latinno-lint: {escape(path)} {problem}\n")
                return 2
    try:
        cfg = config_mod.load(args.config).with_overrides(
            select=args.select,
            ignore=args.ignore,
            extend_select=args.extend_select,
            fail_on="warning" if args.strict else None,
        )
    except config_mod.ConfigError as exc:
        err.write(f"latinno-lint: configuration error: {escape(str(exc))}\n")
        return 2
    if stdin:  # one case, from standard input: read as the file it names would be, and never written
        data = _read_stdin()
        report, fixed = lint_stdin(data, args.stdin_filename or "<stdin>", cfg, fix_text=args.fix or args.diff, use_cache=not args.no_cache)
        if args.fix:  # the text fixed (or as it came) on standard output; the report on standard error
            _write_bytes(out, data if fixed is None else fixed)
            out = err
        tables, paths = [], []
    else:
        tables = [p for p in args.paths if _is_table(p)]
        paths = [p for p in args.paths if p not in tables] or ([] if tables else default_paths(cfg, err, "check"))
        if not paths and not tables:
            return 2
    if tables and (args.fix or args.diff):
        err.write(
            f"latinno-lint: --fix and --diff do not apply to tables ({escape(tables[0])}): edit the values in the spreadsheet, "
            f"then apply them to the case files with latinno-lint import {escape(tables[0])} --update\n"
        )
        return 2
    if stdin and args.baseline:
        err.write("latinno-lint: --baseline compares the dataset with another commit; it does not apply to one case from standard input\n")
        return 2
    if tables and args.baseline:
        err.write(f"latinno-lint: --baseline compares case files with another commit; it does not apply to tables ({escape(tables[0])})\n")
        return 2
    base = None
    if args.baseline:  # before anything is checked or fixed: a ref that cannot be read changes nothing
        from ..data.gitrefs import GitError
        from ..review import baseline

        try:
            base = baseline.at_ref(args.baseline, paths, cfg, jobs=args.jobs)
        except GitError as exc:
            err.write(f"latinno-lint: {exc}\n")
            return 2
    table_findings = _lint_tables(tables, cfg, err) if tables else []
    if table_findings is None:
        return 2
    if not stdin:
        progress = _Progress(err)
        try:
            report = lint_paths(paths, cfg, fix_files=args.fix, diff=args.diff, jobs=args.jobs, use_cache=not args.no_cache, progress=progress if progress.wanted else None) if paths else Report()
        finally:
            progress.done()
    if not tables and not report.files and not report.folders:  # a gate pointed at the wrong folder must not pass for ever
        named = ", ".join(_shown(p) for p in paths)
        err.write(f"latinno-lint: no case files to check in {named}: looked for *.yaml and *.yml files, in any case (hidden files and folders skipped); name a case file or a folder that holds some\n")
        return 2
    findings = sorted(report.findings + table_findings) if tables else report.findings
    left_out = 0
    if base is not None:
        findings, _fixed, left_out = baseline.compare(base, baseline.at_work_tree(paths, cfg, findings=findings))
    summary = formats.summary(findings, len(report.files) + len(tables), len(report.fixed_files) if args.fix else 0, baseline=args.baseline, left_out=left_out)
    if args.diff:
        text = report.diffs
    elif args.statistics:
        text = formats.statistics_json(findings) if args.format == "json" else formats.statistics(findings)
    elif args.format == "text":
        colour = not args.output and out.isatty() and "NO_COLOR" not in os.environ
        text = formats.text(findings, colour=colour)
    elif args.format == "json":
        text = formats.as_json(findings)
    elif args.format == "github":
        text = formats.github(findings)
    elif args.format == "markdown":
        from ..report import markdown

        text = markdown.report(findings, summary)
    else:
        from ..report import sarif

        text = sarif.report(findings, base_url=sarif.repository_url(), baseline_state="new" if base is not None else None)
    if not emit(text, args.output, out, err):
        return 2
    failed_writes = [r for r in report.files if r.error]
    for result in failed_writes:
        err.write(f"latinno-lint: {escape(result.path)}: {escape(result.error)}\n")
    for note in dict.fromkeys(report.notes):  # each said once
        err.write(f"latinno-lint: {escape(note)}\n")
    if args.diff:
        would = sum(1 for r in report.files if r.diff)
        err.write(f"{would} file{'s' if would != 1 else ''} would be fixed; run with --fix to apply.\n" if would else "Nothing to fix.\n")
        held = sorted({f.path for f in findings if f.code in NO_FIX_CODES})
        if held:
            shown = ", ".join(held[:3]) + (f" and {len(held) - 3} more" if len(held) > 3 else "")
            err.write(f"Fixes are never made in a file with a YAML error (syntax, duplicate key, complex key, alias, tag), so none are shown for {shown}; mend that error, then run --diff again.\n")
    elif args.format == "text" or base is not None:
        err.write(summary)
    if len(report.files) >= SLOW_PARSER_NOTE_FILES and not source.WITH_LIBYAML:
        err.write(
            "latinno-lint: PyYAML runs without libyaml here, so parsing is about ten times slower; "
            'install PyYAML from a wheel (python -c "import yaml; print(yaml.__with_libyaml__)" should print True)\n'
        )
    if failed_writes:
        return 2
    if args.exit_zero:
        return 0
    if args.diff:
        return 1 if report.diffs else 0
    failing = {"error"} if cfg.fail_on == "error" else {"error", "warning"}
    return 1 if any(f.severity in failing for f in findings) else 0
