"""latinno-lint import: turn the text of latinno.net case pages into case files."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..data import is_table
from ..data.writer import dump
from ..finding import escape
from ..lint import files
from ..lint.source import parse_bytes
from ..schema import schema
from ..vocabulary import countries, country_slug, normalize
from .casefiles import PageError, modeline, write_new

NAME = "import"
HELP = "turn the text of latinno.net case pages, or a table of cases (CSV, XLSX), into case files"
MAX_PAGE_BYTES = 1_000_000  # a case page's text is a few KB
MAX_STRAY_LINES = 3  # a page's design part holds labels, values and help questions; damage leaves a stray line or two


def add_arguments(p) -> None:
    p.add_argument(
        "pages", nargs="+", metavar="PAGE.txt|TABLE.csv|TABLE.xlsx", help="text of a latinno.net case page, copied from the browser; or one table of cases in the layout of latinno-lint export"
    )
    p.add_argument("--country", metavar="CODE", help="country of pages that have no country line (a code such as PE, or a name)")
    p.add_argument("--latinno-id", type=int, metavar="N", help="the case number on latinno.net (one page only)")
    p.add_argument("--id", metavar="SLUG", help="the case id (one page only; default: a slug of the name)")
    p.add_argument("--out", metavar="DIR", default="cases", help="dataset folder to write DIR/<country>/<id>.yaml into (default: cases)")
    p.add_argument("--stdout", action="store_true", help="print the case files instead of writing them")
    p.add_argument("--force", action="store_true", help="overwrite case files that exist")
    p.add_argument("--update", action="store_true", help="tables: apply the table's values to the case files that exist, as minimal edits (comments and layout kept)")


def run(args, out, err) -> int:
    from ..lint.files import unreadable_table

    for page in args.pages:  # a spreadsheet it cannot read is refused, never read as a page
        problem = unreadable_table(page)
        if problem:
            err.write(f"latinno-lint import: {escape(page)} {problem}\n")
            return 2
    tables = [p for p in args.pages if is_table(p)]
    if tables:
        problem = _table_usage_problem(args, tables)
        if problem:
            err.write(f"latinno-lint import: {problem}\n")
            return 2
        files.require(args.pages)  # a mistyped name stops the whole import, as it stops every command
        from .table_import import run as run_table

        return run_table(args, out, err)
    if args.update:
        err.write("latinno-lint import: --update applies to tables (.csv, .xlsx); a page is imported as a new file, or with --force over one\n")
        return 2
    problem = _usage_problem(args)
    if problem:
        err.write(f"latinno-lint import: {escape(problem)}\n")
        return 2
    files.require(args.pages)
    failed, printed = 0, 0
    for page in args.pages:
        try:
            path, text = _import(page, args, err)
        except PageError as exc:
            err.write(f"{escape(page)}: {escape(str(exc))}\n")
            failed += 1
            continue
        if args.stdout:
            out.write(("---\n" if printed else "") + text)
            printed += 1
            continue
        try:
            lost = write_new(path, text, args.force)
        except PageError as exc:
            err.write(f"{escape(page)}: {escape(str(exc))}\n")
            failed += 1
            continue
        if lost:
            err.write(escape(f"{page}: {path} replaced; these fields of the old file are not on the page and are gone: {', '.join(lost)}") + "\n")
        out.write(f"{escape(str(path))}\n")
    return 1 if failed else 0


def _table_usage_problem(args, tables: list) -> str:
    if len(tables) != len(args.pages) or len(tables) > 1:
        return "give one table (.csv or .xlsx), without page files"
    given = [flag for flag, value in (("--country", args.country), ("--latinno-id", args.latinno_id), ("--id", args.id), ("--stdout", args.stdout or None)) if value is not None]
    if given:
        return f"{given[0]} applies to pages; a table gives each case's values in its columns"
    if args.force and args.update:
        return "--force replaces files and --update edits them: give one"
    return ""


def _usage_problem(args) -> str:
    if len(args.pages) > 1 and (args.id or args.latinno_id is not None):
        return "--id and --latinno-id name one case; give them with a single page"
    if args.id is not None and not re.fullmatch(schema()["$defs"]["slug"]["pattern"], args.id):
        return f"--id {args.id!r} is not a case id: lower-case letters and digits joined by single hyphens"
    if args.latinno_id is not None and args.latinno_id < 1:
        return f"--latinno-id {args.latinno_id} is not a latinno.net case number (a positive integer)"
    if args.country is not None:
        args.country_code = _country_code(args.country)
        if args.country_code is None:
            return f"--country {args.country!r} is not a LATINNO country; give a code such as PE or a name such as Peru"
    return ""


def _country_code(text: str):
    code = countries().match(text)
    if code is None and normalize(text) == "transnational":
        code = "transnational"
    return code


def read_page(page: str) -> str:
    """The text of a page file, or PageError saying in one line why not."""
    try:
        info = os.stat(page)
    except FileNotFoundError:
        raise PageError("not imported: the file does not exist") from None
    except OSError as exc:
        raise PageError(f"not imported: cannot read it: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise PageError("not imported: it is a folder; name the page text files to import")
    if not stat.S_ISREG(info.st_mode):
        raise PageError("not imported: it is not a regular file")
    try:
        with open(page, "rb") as handle:
            data = handle.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        raise PageError(f"not imported: cannot read it: {exc.strerror}") from None
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"not imported: it is {info.st_size / 1e6:.1f} MB; the text of a case page is a few KB (limit {MAX_PAGE_BYTES // 1_000_000} MB)")
    if not data.strip():
        raise PageError("not imported: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageError("not imported: it is UTF-16 text; save the page text as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PageError(f"not imported: it holds binary data (a NUL byte at offset {nul}), not page text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PageError(f"not imported: it is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the page text as UTF-8") from None


def _import(page: str, args, err) -> tuple[Path, str]:
    from ..data.importer import import_page  # not on the start-up path of other commands (~7 ms)
    from ..lint.engine import lint_text

    text = read_page(page)
    if _is_case_file(text):
        raise PageError("not imported: it is a case file (YAML), not the text of a latinno.net case page; check it with 'latinno-lint check'")
    result = import_page(text)
    if not result.is_page:
        raise PageError("not imported: it does not look like a latinno.net case page (no country line, no institutional-design heading, labels or values)")
    if len(result.stray) >= MAX_STRAY_LINES:
        raise PageError(
            f"not imported: it does not look like a latinno.net case page: {len(result.stray)} lines where the "
            f"institutional design belongs are neither labels nor values (the first is line {result.stray[0]})"
        )
    case = dict(result.case)
    if args.country is not None:
        if "country" not in case:
            case["country"] = args.country_code
        elif case["country"] != args.country_code:
            err.write(escape(f"{page}: the page's country line says {case['country']}; --country {args.country} is not used") + "\n")
    if "country" not in case:
        raise PageError("not imported: the page has no country line; give its country with --country CODE")
    if args.id:
        case["id"] = args.id
    if args.latinno_id is not None:
        case["latinno_id"] = args.latinno_id
    if "id" not in case:
        found = f"cannot make an id from the name {case['name']!r}" if "name" in case else "the page gives no name to make an id from"
        raise PageError(f"not imported: {found}; give one with --id SLUG")
    path = Path(args.out) / (country_slug(case["country"]) or "transnational") / f"{case['id']}.yaml"
    text = dump(case, modeline=modeline(path))
    findings = lint_text(text, path=str(path))
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        shown = "; ".join(f"{f.code} {f.message}" for f in errors[:3]) + ("; …" if len(errors) > 3 else "")
        raise PageError(f"not written: the case read from it would not pass the linter: {shown}")
    for twin in _same_case(path, case):
        err.write(f"{page}: warning: {twin}; check that this is not the same case imported twice\n")
    for line, message in result.warnings:
        err.write(escape(f"{page}:{line}: {message}") + "\n")
    if result.unread:
        err.write(escape(f"{page}: not read (recorded in notes): {'; '.join(result.unread)}") + "\n")
    for f in findings:
        err.write(escape(f"{page}: {f.code} {f.severity}: {f.message}") + "\n")
    return path, text


def _is_case_file(text: str) -> bool:
    """True when ``text`` is YAML (or JSON) holding a case: a mapping with two or
    more of the case format's top-level keys. Page text never parses that way."""
    doc = parse_bytes(text.encode("utf-8", "surrogatepass"))  # as a case file is read: any text, never an exception
    return doc.ok and isinstance(doc.data, dict) and len(set(doc.data) & set(schema()["properties"])) >= 2


def _same_case(path: Path, case: dict) -> list:
    """What other case files of the dataset ``path`` goes into share with ``case``:
    its id, latinno.net number or name (in the same country), each as a phrase
    naming the file."""
    from ..lint.dataset import entry_from, find_root, load

    root = find_root(path, Path(path).parent.parent)
    if root is None or not root.is_dir():
        return []
    index = load(root, {}, use_cache=False)
    mine = entry_from(path.resolve(), case)
    if index is None or mine is None:
        return []
    found = []
    for table, key, what in (
        (index.by_id, mine.id, f"id {mine.id!r}"),
        (index.by_latinno_id, mine.latinno_id, f"latinno_id {mine.latinno_id}"),
        (index.by_name, (mine.country, mine.name_key), f"name {mine.name!r}"),
    ):
        others = index.others(table, key, path.resolve()) if key not in (None, (mine.country, None)) else []
        if others:
            found.append(f"{', '.join(sorted(index.display(e) for e in others))} already has the {what}")
    return found
