"""Checks one case file: reads it, runs the schema check and the rules,
places every hit at file:line:col, attaches codes and severities, applies
configuration and suppressions, and applies fixes; finds the case files that
paths name. Never prints. latinno_lint.runner checks many files with it
(``lint_paths``); ``lint_text`` here checks one text."""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

import yaml

from . import cache, dataset, fix, rules, suppress, validate
from .config import Config
from .finding import Finding, Hit, escape
from .source import Document, parse_bytes, parse_text, split_pointer

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import TypeAlias

    # a case file to check, as discover() gives it: (the path to show, the file
    # (None when there is a problem), the problem, the resolved path when known)
    Item: TypeAlias = tuple[str, "str | Path | None", "str | None", "str | None"]

_FATAL_FILE_CODES = {"LAT001", "LAT002", "LAT003", "LAT004", "LAT008"}
NO_FIX_CODES = frozenset(_FATAL_FILE_CODES | {"LAT005", "LAT006", "LAT009"})  # a file with one of these is never fixed


class Case:
    """What a rule sees: the case data, where it lives, and its options."""

    def __init__(self, data: dict, path: str, file: Path | None, config: Config, root: Path | None = None):
        self.data = data  # the case as plain data (dict, list, str, int, bool, None)
        self.path = path
        self.file = file
        self.config = config
        self.root = root

    def option(self, name: str) -> object:
        """A rule option's value: the configuration's, or the rule's default."""
        return self.config.option(name)

    @functools.cached_property
    def resolved(self) -> Path | None:
        """``file.resolve()``, worked out once per case: cross-file rules compare
        it several times, and each resolve() asks the file system for every folder."""
        return self.file.resolve() if self.file is not None else None

    def get(self, pointer: str, default: object = None) -> object:
        """The value at a JSON pointer such as '/institutional_design/selection', or ``default``."""
        value = self.data
        for part in split_pointer(pointer):
            if isinstance(value, dict):
                value = value.get(part, _ABSENT)
                if value is _ABSENT:
                    return default
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                return default
        return value


_ABSENT = object()


class FileResult:
    """What checking one file gave."""

    __slots__ = ("path", "findings", "fixed", "diff", "error")

    def __init__(self, path: str, findings: list[Finding], fixed: bool = False, diff: str = "", error: str = ""):
        self.path = path
        self.findings = findings
        self.fixed = fixed  # fixes were written
        self.diff = diff  # what the fixes change (also when not written)
        self.error = error  # why the fixes could not be written

    def __reduce__(self) -> tuple[type[FileResult], tuple[str, list[Finding], bool, str, str]]:  # pickling, for --jobs
        return FileResult, (self.path, self.findings, self.fixed, self.diff, self.error)


class Report:
    """The results of a run, file by file, in the order the files were given;
    ``notes``: what the run could not see or use, one line each (see notes());
    ``dependents``: results for cases not given whose relations this run's files
    broke (see runner.dependents)."""

    def __init__(self, files: list[FileResult] | None = None, notes: list[str] | None = None, dependents: list[FileResult] | None = None):
        self.files: list[FileResult] = [] if files is None else files
        self.notes: list[str] = [] if notes is None else notes
        self.dependents: list[FileResult] = [] if dependents is None else dependents

    @property
    def findings(self) -> list[Finding]:
        """Every finding of the run, sorted by path, line, column and code."""
        return sorted(f for r in (*self.files, *self.dependents) for f in r.findings)

    @property
    def fixed_files(self) -> list[str]:
        """The files whose fixes were written (``fix_files=True``)."""
        return [r.path for r in self.files if r.fixed]

    @property
    def diffs(self) -> str:
        """The unified diffs of the fixes, file after file (``diff=True`` or ``fix_files=True``)."""
        return "".join(r.diff for r in self.files)


def make_finding(code: str, path: str, span: tuple[int, int, int, int], message: str, config: Config, pointer: str = "", fixable: bool = False) -> Finding:
    """A Finding of rule ``code`` at ``span`` (line, column, end line, end column),
    with the configured severity and the message escaped."""
    rule = rules.RULES[code]
    line, column, end_line, end_column = span
    message = escape(message)  # a key or value quoted from the file stays one line and inert
    return Finding(path, line, column, code, rule.name, config.severity_of(code), message, end_line, end_column, pointer, fixable)


def _place(doc: Document, hit: Hit) -> tuple[int, int, int, int]:
    if hit.at is not None:
        inside = doc.position_in_value(hit.pointer, hit.at)
        if inside is not None:
            return (*inside, *inside)
    span = doc.span(hit.pointer)
    if hit.key:
        node, key_node, exact = doc.node_at(hit.pointer)
        if exact and key_node is not None:
            m, e = key_node.start_mark, key_node.end_mark
            return (m.line + 1, m.column + 1, e.line + 1, e.column + 1)
    return (span.line, span.column, span.end_line, span.end_column)


ALL_SCOPES = frozenset({"file", "schema", "case", "dataset"})


def hits_for(doc: Document | _RowDocument, case: Case, index: dataset.Index | None, scopes: Iterable[str] = ALL_SCOPES) -> Iterator[tuple[str, Hit]]:
    """(code, hit) for every schema and rule problem of a parsed case, from the
    rule scopes named in ``scopes``."""
    config = case.config
    if "schema" in scopes:
        reported = set()
        for hit in validate.check(doc.data):
            if hit.code in (validate.IMPLICIT_TYPE, validate.WRONG_TYPE):  # said already: not the type wanted
                reported.add(hit.pointer)
            if hit.code == validate.IMPLICIT_TYPE:
                node, _key, exact = doc.node_at(hit.pointer)
                # quoting keeps what was written; an empty or null value has nothing to keep
                if exact and node is not None and not getattr(node, "style", "x") and node.tag != "tag:yaml.org,2002:null":
                    hit = hit._replace(fix=node.value, has_fix=True)
            yield hit.code, hit
        if doc.differences:  # plain values that YAML 1.1 and 1.2 read differently
            for hit in validate.version_hits(doc.differences, reported):
                yield hit.code, hit
    if not isinstance(doc.data, dict):
        return
    path = case.path
    for rule in rules.RULES.values():
        check, scope, code = rule.check, rule.scope, rule.code
        if check is None or scope not in scopes or not config.enabled(code, path):
            continue
        if scope == "case":
            produced = check(case)
        elif scope == "dataset":
            produced = check(case, index)
        else:
            continue
        for hit in produced:
            yield code, hit


def check_document(
    doc: Document,
    path: str,
    file: Path | None,
    config: Config,
    index: dataset.Index | None = None,
    root: Path | None = None,
    *,
    scopes: Iterable[str] = ALL_SCOPES,
    suppress: bool = True,
    resolved: Path | None = None,
) -> tuple[list[Finding], list[tuple[str, object]]]:
    """Findings for one parsed document, and the fixes that could apply. ``scopes``
    limits the checks to some rule scopes; ``suppress=False`` leaves suppression
    comments to the caller (who then calls apply_suppressions on all findings).
    ``resolved``: ``file.resolve()`` when the caller knows it already."""
    findings: list[Finding] = []
    fixes: list[tuple[str, object]] = []
    if "file" in scopes:
        for problem in doc.problems:
            if config.enabled(problem.code, path):
                findings.append(make_finding(problem.code, path, (problem.line, problem.column, problem.line, problem.column), problem.message, config, problem.pointer))
    fatal = any(p.code in NO_FIX_CODES for p in doc.problems)
    if doc.ok:
        case = Case(doc.data, path, file, config, root)
        if resolved is not None:
            case.__dict__["resolved"] = resolved  # where functools.cached_property keeps it
        for code, hit in hits_for(doc, case, index, scopes):
            if not config.enabled(code, path):
                continue
            can_fix = hit.has_fix and rules.RULES[code].fixable and not fatal and fix.can_edit(doc, hit.pointer, hit.fix)
            findings.append(make_finding(code, path, _place(doc, hit), hit.message, config, hit.pointer, can_fix))
            if can_fix:
                fixes.append((hit.pointer, hit.fix))
    if suppress:
        findings = apply_suppressions(doc, findings, path, config)
    return findings, fixes


def apply_suppressions(doc: Document, findings: list[Finding], path: str, config: Config) -> list[Finding]:
    """``findings`` without those a suppression comment of the file covers, with
    LAT901 for each invalid suppression and LAT900 for each unused one."""
    if "latinno-lint" not in doc.text:
        return findings
    parsed = suppress.parse(doc.text, rules.RULES, doc.root)
    kept = [f for f in findings if not suppress.applies_any(parsed.suppressions, _lines_involved(doc, f), f.code)]
    for line, column, message in parsed.invalid:
        if config.enabled("LAT901", path):
            kept.append(make_finding("LAT901", path, (line, column, line, column), message, config))
    for s in parsed.suppressions:
        for code in s.codes:
            if code not in s.used and config.enabled(code, path) and config.enabled("LAT900", path):
                elsewhere = sorted({f.line for f in kept if f.code == code})
                where = (
                    f"; the {code} finding{'s are' if len(elsewhere) > 1 else ' is'} on line{'s' if len(elsewhere) > 1 else ''} {', '.join(map(str, elsewhere))}: move the comment there"
                    if elsewhere
                    else "; remove it"
                )
                if s.target in elsewhere:  # findings there, but about absent fields
                    where = (
                        "; a comment cannot accept a field that is absent (one comment would hide every absent one, "
                        "including any deleted later): record each dimension under undetermined with its reason"
                    )
                kept.append(make_finding("LAT900", path, (s.line, s.column, s.line, s.column), f"suppression of {code} is unused: no {code} finding on line {s.target}{where}", config))
    return kept


def _lines_involved(doc: Document, finding: Finding) -> tuple:
    """The lines a suppression of ``finding`` may sit on: its own, and for a
    consistency rule (LAT2xx, about two or more fields) the lines of the fields
    it declares in FIELDS (selection or participants, for LAT201). None for an
    absent field of a rule about several (LAT301's dimensions): each is accepted
    by name, under ``undetermined``, not by a comment that would hide them all."""
    rule = rules.RULES.get(finding.code)
    if rule is not None and len(rule.fields) > 1 and finding.pointer in rule.fields and not doc.node_at(finding.pointer)[2]:
        return ()  # one of several fields, absent: placed at the mapping that lacks it, where the others would be too
    lines = {finding.line}
    if finding.pointer:  # a finding inside a block text: also the line its value starts on (a comment in the block is text)
        node, key_node, exact = doc.node_at(finding.pointer)
        if exact and isinstance(node, yaml.ScalarNode) and node.start_mark.line + 1 != finding.line:
            lines.update(n.start_mark.line + 1 for n in (key_node, node) if n is not None)
    if rule is None or not rule.fields or not finding.code.startswith("LAT2"):
        return tuple(lines)
    for pointer in rule.fields:
        node, key_node, exact = doc.node_at(pointer)
        if exact:
            lines.update(n.start_mark.line + 1 for n in (key_node, node) if n is not None)
    return tuple(lines)


def lint_text(text: str | bytes, path: str = "<text>", config: Config | None = None, *, index: dataset.Index | None = None) -> list[Finding]:
    """Lint one case given as text or bytes (bytes are decoded as a file is:
    UTF-8, a BOM allowed), and return its findings, sorted.

    ``path`` is the name the findings carry; a real path (not ``<...>``) also
    lets the rules about the file's name and folder run. ``config`` defaults to
    the built-in settings (no configuration file is read). Cross-file rules that
    need other cases run only when an ``index`` is given (see
    ``latinno_lint.dataset.build``)."""
    config = config or Config()
    doc = parse_bytes(text) if isinstance(text, bytes) else parse_text(text)
    file = Path(path) if path and not path.startswith("<") else None
    findings, _ = check_document(doc, path, file, config, index, index.root if index else None)
    return sorted(findings)


# Tables ----------------------------------------------------------------------


class _RowDocument:
    """What hits_for() needs of a document, for a row of a table: its data (a
    row has no YAML nodes, so nothing is quoted for it)."""

    def __init__(self, data):
        self.data = data
        self.differences: list = []  # YAML 1.1/1.2 readings: a cell is not YAML

    def node_at(self, pointer):
        return None, None, False


def row_key(table, row) -> str:
    """The name a row of a table has in the dataset index: ``table.csv:17``."""
    return str(Path(f"{table.path}:{row.number}"))  # as Path() writes it: the index compares the text


def table_index(table, config: Config, stands_for: dict | None = None):
    """The dataset root (the configured one, or None) and an index of the rows of
    a table, with the cases of that root. A row stands in for the case file its
    ``path`` cell names, or the one ``stands_for`` gives (row number -> path)."""
    rows = [e for e in (dataset.entry_from(row_key(table, r), r.data) for r in table.rows) if e is not None]
    if config.cases_root is None:
        return None, dataset.Index(None, rows)
    root = config.cases_root.resolve()
    replaced = {os.path.realpath(r.path) for r in table.rows if r.path}
    replaced |= {os.path.realpath(p) for p in (stands_for or {}).values()}
    found = dataset.load(root, {}, use_cache=False)  # without a budget: always an index
    entries = found.entries if found is not None else []
    return root, dataset.Index(root, [e for e in entries if e[0] not in replaced] + rows)


def lint_table(table, config: Config | None = None, stands_for: dict | None = None) -> list[Finding]:
    """Lint the rows of a table (latinno_lint.table.Table) as cases, with every
    rule that applies to data without a file: the schema, the rules of one
    case, and the cross-file rules among the rows (and against the configured
    dataset root). A finding's line is the spreadsheet row, its column the
    spreadsheet column, with the cell (and the sheet of a workbook)."""
    config = config or Config()
    root, index = table_index(table, config, stands_for)
    path, sheet = table.path, table.sheet
    findings = []

    def add(code, row, column, message, pointer):
        rule = rules.RULES[code]
        message = escape(message)
        findings.append(Finding(path, row.number, column, code, rule.name, config.severity_of(code), message, row.number, column + 1, pointer, False, row.cell_name(column), sheet))

    for row in table.rows:
        for column, pointer, message in row.problems:
            add("LAT011", row, column, message, pointer)  # never left out by the configuration: the value would be lost
        case = Case(row.data, path, None, config, root)
        case.__dict__["resolved"] = Path(row_key(table, row))  # where functools.cached_property keeps it
        for code, hit in hits_for(_RowDocument(row.data), case, index):
            if config.enabled(code, path):
                add(code, row, row.column_of(hit.pointer), hit.message, hit.pointer)
    return sorted(findings)


def _leaves_root(path: Path, configured: Path | None) -> bool:
    """True when ``path``, once symbolic links are followed, is outside the dataset
    root it is written under (the configured root or the nearest cases/ folder)."""
    written = Path(os.path.abspath(path))
    if configured is not None and (configured == written or configured in written.parents):
        root = configured
    else:
        found = next((folder for folder in written.parents if folder.name == "cases"), None)
        if found is None:
            return False
        root = found
    real, real_root = written.resolve(), root.resolve()
    return real != real_root and real_root not in real.parents


def discover(paths: Iterable[str | os.PathLike[str]], cases_root: Path | None = None) -> list[Item]:
    """(display path, file, problem message, resolved path) for every case file
    named: the file (a path or its text) is None when there is a problem, and the
    resolved path (text) is None when it is not known yet (see dataset.resolve)."""
    found: list[Item] = []
    for given in paths:
        p = Path(given)
        try:
            p.lstat()
        except FileNotFoundError:
            pass  # reported below
        except OSError as exc:  # a folder on the way cannot be searched
            found.append((str(given), None, f"cannot be read: {(exc.strerror or str(exc)).lower()}", None))
            continue
        if p.is_symlink() and not p.exists():
            found.append((str(given), None, "is a broken symbolic link", None))
        elif p.exists() and _leaves_root(p, cases_root):
            found.append((str(given), None, "leads out of the dataset root through a symbolic link; it was not followed", None))
        elif p.is_dir():
            found += _folder_items(p)
        elif p.exists():
            found.append((str(given), p, None, None))
        else:
            found.append((str(given), None, "does not exist", None))
    seen: set[str] = set()
    unique: list[Item] = []
    for item in found:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    return unique


def _folder_items(folder: Path) -> list[Item]:
    """discover() for the case files of a folder. A directory listing tells which
    are symbolic links, so the others are resolved folder by folder, not one by one."""
    found: list[Item] = []
    unreadable: list[OSError] = []
    real: dict[str, str] = {}
    base = folder.resolve()
    for path, is_link in dataset.walk(folder, unreadable):
        if is_link:
            resolved = os.path.realpath(path)
            if base not in Path(resolved).parents:
                found.append((path, None, "is a symbolic link that leads out of the folder being checked; it was not followed", None))
                continue
        else:
            parent, name = os.path.split(path)
            if parent not in real:
                real[parent] = os.path.realpath(parent)
            resolved = os.path.join(real[parent], name)
        found.append((path, path, None, resolved))
    for exc in unreadable:
        found.append((str(exc.filename), None, f"is a folder that cannot be read: {(exc.strerror or str(exc)).lower()}; its cases were not checked", None))
    return found


def _read(file: Path) -> tuple[bytes | None, str | None]:
    data, _stamp, problem = read_stamped(file)
    return data, problem


_READ_LIMIT = 2_000_001  # more than a case file may have (source.MAX_BYTES): enough to tell
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_stamped(file: Path) -> tuple[bytes | None, tuple | None, str | None]:
    """The bytes of a case file, its stamp as opened (see latinno_lint.cache), or the problem."""
    try:
        if not hasattr(os, "O_NONBLOCK") and not stat.S_ISREG(os.stat(file).st_mode):
            return None, None, "is not a regular file (a folder, FIFO or device); case files are regular files"
        handle = os.open(file, _OPEN_FLAGS)  # non-blocking: a FIFO must not hang the run
        try:
            status = os.fstat(handle)
            if not stat.S_ISREG(status.st_mode):
                return None, None, "is not a regular file (a folder, FIFO or device); case files are regular files"
            # read(n) sets aside n bytes first: ask for the size the file has (and a
            # little more, to see it grew), not for the 2 MB cap every time
            data = cache.read_up_to(handle, min(status.st_size + 4096, _READ_LIMIT))
            if len(data) > status.st_size and len(data) < _READ_LIMIT:
                data += cache.read_up_to(handle, _READ_LIMIT - len(data))
        finally:
            os.close(handle)
        return data, cache.stamp(status), None
    except FileNotFoundError:
        return None, None, "disappeared while it was being read"
    except PermissionError:
        return None, None, "cannot be read: permission denied"
    except OSError as exc:
        return None, None, f"cannot be read: {exc.strerror or exc}"


def notes(items: list, indexes: dict | None) -> list:
    """What the run says beside its findings about the indexes of the cross-file
    rules: a cache that was not used, and folders of a dataset that could not be
    read (their cases are missing from the index, so relations to them can look
    dangling), unless the run reports them itself as LAT010."""
    said, found = set(), []
    reported = {os.path.realpath(display) for display, _file, problem, _resolved in items if problem is not None}
    for _root, index in (indexes or {}).values():
        if index is None or id(index) in said:
            continue
        said.add(id(index))
        if index.cache_problem:
            found.append(f"the index cache is not used: {_shown(index.cache_problem)}; every case is read, as with --no-cache")
        for exc in index.unreadable:
            folder = os.fsdecode(exc.filename) if exc.filename is not None else str(index.root)
            if os.path.realpath(folder) not in reported:
                found.append(
                    f"{_shown(folder)} is a folder that cannot be read ({(exc.strerror or str(exc)).lower()}): "
                    "the cross-file rules did not see its cases, so relations to them may be reported as dangling"
                )
    return found


def _shown(path: str) -> str:
    """A path as the run shows it: relative to the working folder when it is under it."""
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return path if relative.startswith("..") else relative


def needs_index(config: Config) -> bool:
    """Whether a cross-file rule is enabled: then the dataset index is needed."""
    return any(r.scope == "dataset" and r.code in config._enabled for r in rules.RULES.values())


def lint_and_fix(
    items: list[Item], config: Config, fix_files: bool, diff: bool, use_cache: bool, started_ns: int, dependents: Callable[[list[Item], Config, dict], list[FileResult]] | None = None
) -> Report:
    """Index first, then each file is checked and fixed in turn (not the fast path).
    A run that rewrites case files writes nothing else: the index cache is only read."""
    # without a budget indexes_for() always gives the indexes
    indexes = (dataset.indexes_for(items, config.cases_root, {}, use_cache, started_ns, save_cache=False) if needs_index(config) else None) or {}
    report = Report()
    for display, given, problem, _resolved in items:
        raw = file = None
        if given is not None:
            file = Path(given)
            raw, problem = _read(file)
        if raw is None or file is None:
            report.files.append(FileResult(display, [make_finding("LAT010", display, (1, 1, 1, 1), f"{display} {problem}", config)]))
            continue
        doc = parse_bytes(raw)
        root, index = indexes.get(display, (None, None))
        findings, fixes = check_document(doc, display, file, config, index, root)
        result = FileResult(display, findings)
        if fixes:
            _fix_file(result, doc, file, config, index, root, fixes, write=fix_files and not diff)
        report.files.append(result)
    report.notes = notes(items, indexes)
    if dependents is not None:  # runner.dependents: cases not given whose relations these files broke
        report.dependents = dependents(items, config, indexes)
    return report


def _fix_file(result: FileResult, doc: Document, file: Path, config: Config, index: dataset.Index | None, root: Path | None, fixes: list[tuple[str, object]], write: bool) -> None:
    """Apply the safe fixes in rounds (a fix can reveal or unblock another)
    until nothing changes; record the diff; write only when asked."""
    current = doc
    for _round in range(5):
        if current is not doc:
            fixes = check_document(current, result.path, file, config, index, root)[1]
        better = fix.fixed(current, fixes)
        if better is None:
            break
        current = better
    if current is doc:
        return
    result.diff = fix.unified_diff(doc.text, current.text, result.path)
    if not write:
        return
    data = current.text.encode("utf-8")
    if doc.bom:
        data = b"\xef\xbb\xbf" + data
    original = (b"\xef\xbb\xbf" if doc.bom else b"") + doc.text.encode("utf-8")
    try:
        # through a symbolic link, not over it; and only if nobody changed the file meanwhile
        fix.write_atomic(os.path.realpath(file), data, expected=original)
    except fix.ChangedError:
        result.error = "changed while it was being checked; the fixes were not written, so the change is kept"
        return
    except OSError as exc:
        result.error = f"cannot write the fixes: {exc.strerror or exc}; the file was left as it was"
        return
    result.findings = check_document(current, result.path, file, config, index, root)[0]
    result.fixed = True
