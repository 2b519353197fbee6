"""latinno-lint import TABLE.csv|TABLE.xlsx: each row of a table of cases to a case file.

Not a command of its own: ``import`` hands a table here. The rows are linted
first (latinno_lint.lint.engine.lint_table), against the dataset they go into. A
row with errors is not written. A new case becomes DIR/<country>/<id>.yaml in
the canonical format; a case file that exists (found by its id anywhere in
DIR) is left alone, unless ``--force`` replaces it or ``--update`` applies the
row's values to it as minimal edits (latinno_lint.data.update). A case file whose
id no row has is reported, never deleted.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from ..data.writer import dump
from ..finding import escape
from ..lint import config as config_mod
from ..lint import dataset
from ..lint.fix import same, write_atomic
from ..lint.source import parse_bytes, parse_text
from ..report import formats
from ..schema import schema
from ..vocabulary import country_slug
from .casefiles import PageError, fields_gone, modeline, write_new


def run(args, out, err) -> int:
    from ..data import update
    from ..data.table import TableError, read
    from ..lint.engine import lint_table

    try:
        table = read(args.pages[0])
        cfg = config_mod.load()
    except TableError as exc:
        err.write(f"latinno-lint: {exc}\n")
        return 2
    except config_mod.ConfigError as exc:
        err.write(f"latinno-lint: configuration error: {escape(str(exc))}\n")
        return 2
    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        err.write(f"latinno-lint import: --out {escape(args.out)} is not a folder\n")
        return 2
    existing = _existing(folder)
    targets = {row.number: _target(folder, row.data, existing) for row in table.rows}
    cfg.cases_root = folder.resolve() if folder.is_dir() else None  # the rows are checked against the dataset they go into
    findings = lint_table(table, cfg, {n: t for n, t in targets.items() if t is not None})
    by_row: dict = {}
    for f in findings:
        by_row.setdefault(f.line, []).append(f)
    err.write(formats.text(findings))
    for row in table.rows:
        for column, _pointer, note in row.notes:
            err.write(escape(f"{table.path}:{row.number}:{column}: {note} ({row.cell_name(column)})") + "\n")
    keys = update.covered(table.names())
    counts = {"written": 0, "updated": 0, "unchanged": 0, "not written": 0}
    for row in table.rows:
        where = f"{escape(table.path)}:{row.number}"
        errors = [f for f in by_row.get(row.number, ()) if f.severity == "error"]
        if errors:
            err.write(f"{where}: not written: {len(errors)} error{'s' if len(errors) != 1 else ''} (above)\n")
            counts["not written"] += 1
            continue
        path = targets[row.number]
        try:
            kind = _apply(path, row, keys, args, out, folder)
        except PageError as exc:
            err.write(f"{where}: {escape(str(exc))}\n")
            kind = "not written"
        counts[kind] += 1
    if args.update:
        ids = {row.data.get("id") for row in table.rows}
        for case_id, files in sorted(existing.items(), key=lambda item: str(item[0])):
            if case_id not in ids:
                for file in files:
                    err.write(f"{escape(_shown(file))}: no row of {escape(table.path)} has its id {case_id!r}; the case file is left as it is (import never deletes a case)\n")
    n = len(table.rows)
    err.write(f"{escape(table.path)}: {n} row{'s' if n != 1 else ''}: " + ", ".join(f"{v} {k}" for k, v in counts.items()) + ".\n")
    return 1 if counts["not written"] else 0


def _existing(folder: Path) -> dict:
    """id -> [paths] of the case files in the dataset folder."""
    found: dict = {}
    if folder.is_dir():
        index = dataset.load(folder.resolve(), {}, use_cache=False)  # without a budget: always an index
        for entry in index.entries if index is not None else ():
            if isinstance(entry.id, str):
                found.setdefault(entry.id, []).append(entry.file)
    return found


def _shown(path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _target(folder: Path, data: dict, existing: dict):
    """The case file a row goes to: the one with its id, else DIR/<country>/<id>.yaml (None: no place)."""
    case_id, country = data.get("id"), data.get("country")
    files = existing.get(case_id) if isinstance(case_id, str) else None
    if files and len(files) == 1:
        return Path(_shown(files[0]))
    slug = country_slug(country) if isinstance(country, str) else None
    if not isinstance(case_id, str) or not re.fullmatch(schema()["$defs"]["slug"]["pattern"], case_id) or slug is None:
        return None
    return folder / slug / f"{case_id}.yaml"


def _moved(path: Path, raw: bytes, row, folder: Path) -> str:
    """Why a row cannot be applied to its case file when it changes the case's
    country and the file sits in the old country's folder ('' when it can): the
    file would stay there (LAT404). Moving it is left to the maintainer, with git
    mv, so that its history follows it and nothing is written outside the
    dataset or through a link."""
    old = parse_bytes(raw).data
    old_country = old.get("country") if isinstance(old, dict) else None
    new_country = row.data.get("country")
    slug = country_slug(new_country) if isinstance(new_country, str) else None
    if slug is None or new_country == old_country or path.parent.name == slug:
        return ""
    if os.path.realpath(path.parent.parent) != os.path.realpath(folder):
        return ""  # not in a country folder of the dataset: no folder to keep in step
    moved = path.parent.parent / slug / path.name
    cell = row.cell_name(row.cells["/country"])
    move = f"git mv {shlex.quote(str(path))} {shlex.quote(str(moved))}"
    if not moved.parent.is_dir():  # git mv makes no folder: the first case of a country needs one
        move = f"mkdir -p {shlex.quote(str(moved.parent))} && {move}"
    return f"cell {cell} changes country from {old_country!r} to {new_country!r}, but {path} is in {path.parent.name}/, not {slug}/; move it first, then import again: {move}"


def _apply(path: Path, row, keys: set, args, out, folder: Path) -> str:
    """Write, replace or update the case file of a row; what was done."""
    from ..data import update

    if path is None:
        raise PageError("not written: the row has no valid id and country to name its file")
    if not (path.exists() or path.is_symlink()):
        text = dump(row.data, modeline=modeline(path))
        if not same(parse_text(text).data, row.data):
            raise PageError("not written: the case file would not read back as the row's values (please report this)")
        write_new(path, text, False)
        out.write(f"{escape(str(path))}: written\n")
        return "written"
    if not (args.update or args.force):
        raise PageError(f"not written: {path} exists; give --update to apply the row's values to it, or --force to replace it")
    if not path.is_file() or path.is_symlink():
        raise PageError(f"not written: {path} is not a regular file")
    raw = path.read_bytes()
    moved = _moved(path, raw, row, folder)
    if moved:
        raise PageError(f"not {'written' if args.force else 'updated'}: {moved}")
    if args.force:
        text = dump(row.data, modeline=modeline(path))
        lost = fields_gone(path, text)
        write_atomic(path, text.encode("utf-8"), expected=raw)
        out.write(f"{escape(str(path))}: replaced" + (f"; fields of the old file not in the table, now gone: {', '.join(lost)}" if lost else "") + "\n")
        return "written"
    doc = parse_bytes(raw)
    plan = update.plan(doc, row.data, keys)
    if plan.problem:
        raise PageError(plan.problem)
    if plan.text is None:
        return "unchanged"
    data = (b"\xef\xbb\xbf" if doc.bom else b"") + plan.text.encode("utf-8")
    try:
        write_atomic(path, data, expected=raw)
    except OSError as exc:
        raise PageError(f"not updated: cannot write {path}: {exc.strerror or exc}") from None
    out.write(f"{escape(str(path))}: updated\n" + "".join(f"  {update.describe(c)}\n" for c in plan.changes))
    return "updated"
