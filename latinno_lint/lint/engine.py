"""Checks one case: runs the schema check and the rules on a parsed document,
places every hit at file:line:col, attaches codes and severities, applies the
configuration and suppressions, and applies fixes in rounds (``fix_file``).
Never prints. ``lint_text`` checks one text and ``lint_table`` the rows of a
table; runner.py checks many files with ``check_document``."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

from ..finding import Finding, Hit, escape
from . import dataset, fix, rules, suppress, validate
from .config import Config
from .source import Document, parse_bytes, parse_text, split_pointer

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_FATAL_FILE_CODES = {"LAT001", "LAT002", "LAT003", "LAT004", "LAT008"}
NO_FIX_CODES = frozenset(_FATAL_FILE_CODES | {"LAT005", "LAT006", "LAT009", "LAT012"})  # a file with one of these is never fixed


class Case:
    """What a rule sees: the case data, where it lives, and its options."""

    def __init__(self, data: dict, path: str, file: Path | None, config: Config, root: Path | None = None, resolved: Path | None = None):
        self.data = data  # the case as plain data (dict, list, str, int, bool, None)
        self.path = path
        self.file = file
        self.config = config
        self.root = root
        if resolved is not None:  # known already (the index has it, or a table row's key): not asked of the file system
            self.resolved = resolved

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
    """What checking one file gave: its ``path`` as shown, its ``findings``;
    with fixes, whether they were written (``fixed``), the unified ``diff`` of
    what they change (also when not written), and the ``error`` that kept them
    from being written ("" when none)."""

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
    """The results of a run: ``files``, a FileResult for each file in the order
    the files were given; ``notes``, what the run could not see or use, one line
    each (an index cache it could not use, a folder it could not read);
    ``dependents``, FileResults for cases the run was not given whose relations
    its files broke (LAT405); ``folders``, FileResults (LAT010) for folders it was
    to check and could not read: findings, but no checked files."""

    def __init__(self, files: list[FileResult] | None = None, notes: list[str] | None = None, dependents: list[FileResult] | None = None, folders: list[FileResult] | None = None):
        self.files: list[FileResult] = [] if files is None else files
        self.notes: list[str] = [] if notes is None else notes
        self.dependents: list[FileResult] = [] if dependents is None else dependents
        self.folders: list[FileResult] = [] if folders is None else folders

    @property
    def findings(self) -> list[Finding]:
        """Every finding of the run, sorted by path, line, column and code."""
        return sorted(f for r in (*self.files, *self.folders, *self.dependents) for f in r.findings)

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


def hits_for(doc: Document | _RowDocument, case: Case, index: dataset.Index | None, scopes: Iterable[str] = ALL_SCOPES, explained: Iterable[str] = ()) -> list[tuple[str, Hit]]:
    """(code, hit) for every schema and rule problem of a parsed case, from the
    rule scopes named in ``scopes``, without the consequences of a cause (see
    ``without_consequences``); ``explained``: pointers whose values a finding
    made elsewhere explains already (a table cell that could not be read)."""
    return without_consequences(list(_all_hits(doc, case, index, scopes)), explained)


_NO_CAUSE = 1 << 30  # the rank of a hit that is no cause: below every cause


def without_consequences(hits: list[tuple[str, Hit]], explained: Iterable[str] = ()) -> list[tuple[str, Hit]]:
    """``hits`` without those that a cause explains. A hit with a ``cause`` rank
    says what is wrong with the value at its pointer as a whole, so the hits of a
    lower rank (or none) on that value or inside it are its consequences and
    are left out: an unquoted date in a text field gets LAT007 "read as a date",
    not also LAT105 "not a date written YYYY-MM-DD". A hit on a key (an unknown
    key) is about the mapping that holds it. ``explained``: pointers that a
    finding made outside the hits explains (rank 0: a table cell not read)."""
    causes = dict.fromkeys(explained, 0)
    for _code, hit in hits:
        if hit.cause is not None and causes.get(hit.pointer, _NO_CAUSE) > hit.cause:
            causes[hit.pointer] = hit.cause
    if not causes:
        return hits
    kept = []
    for code, hit in hits:
        rank = _NO_CAUSE if hit.cause is None else hit.cause
        pointer = hit.pointer.rpartition("/")[0] if hit.key else hit.pointer
        while causes.get(pointer, _NO_CAUSE) >= rank and pointer:  # the value, then the values holding it
            pointer = pointer.rpartition("/")[0]
        if causes.get(pointer, _NO_CAUSE) >= rank:
            kept.append((code, hit))
    return kept


def _all_hits(doc: Document | _RowDocument, case: Case, index: dataset.Index | None, scopes: Iterable[str]) -> Iterator[tuple[str, Hit]]:
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
        case = Case(doc.data, path, file, config, root, resolved)
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
    the built-in settings (no configuration file is read). The cross-file rules,
    which need the other cases of the dataset, run in ``lint_paths``; here only
    when an ``index`` of the dataset is given (internal: the module
    ``latinno_lint.lint.dataset`` builds one)."""
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
    """Lint the rows of a table (latinno_lint.data.table.Table) as cases, with every
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
        case = Case(row.data, path, None, config, root, Path(row_key(table, row)))
        for code, hit in hits_for(_RowDocument(row.data), case, index, explained=[pointer for _column, pointer, _message in row.problems]):
            if config.enabled(code, path):
                add(code, row, row.column_of(hit.pointer), hit.message, hit.pointer)
    return sorted(findings)


def fixed_document(doc: Document, path: str, file: Path | None, config: Config, index: dataset.Index | None, root: Path | None, fixes: list[tuple[str, object]]) -> Document:
    """``doc`` with the safe fixes applied in rounds (a fix can reveal or unblock
    another) until nothing changes: ``doc`` itself when nothing does."""
    current = doc
    for _round in range(5):
        if current is not doc:
            fixes = check_document(current, path, file, config, index, root)[1]
        better = fix.fixed(current, fixes)
        if better is None:
            break
        current = better
    return current


def fix_file(result: FileResult, doc: Document, file: Path, config: Config, index: dataset.Index | None, root: Path | None, fixes: list[tuple[str, object]], write: bool) -> None:
    """Apply the safe fixes (fixed_document); record the diff; write only when asked."""
    current = fixed_document(doc, result.path, file, config, index, root, fixes)
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
