"""Case files to an XLSX workbook, for coders who work in a spreadsheet.

Sheet ``cases`` has the CSV's columns and cells (latinno_lint.data.export), a
frozen header row whose cells carry a note with the field's definition, and a
drop-down list of the codes (or labels) on every column that takes one code,
and of 1 and 0 on every indicator column. Sheet ``codebook`` lists each coded
field's codes with their label and definition; the drop-down lists point at it.
Numbers (ids, years, indicators, 1/0 for true/false) are stored as numbers,
everything else as text, never as a formula.

openpyxl is imported only here (the ``xlsx`` extra); nothing here prints.
"""

from __future__ import annotations

import io
import re

from . import export
from .table import CASES_SHEET, letter, openpyxl

CODEBOOK_SHEET = "codebook"
_INTEGER = re.compile(r"-?[0-9]{1,15}")  # what a spreadsheet keeps exactly as a number
NOTE_LIMIT = 1500  # characters in a header's note; longer definitions are cut with "…"
LAST_ROW = 1048576  # the drop-downs cover the whole column, for rows added later


def _numeric(column) -> bool:
    f = column.field
    if column.kind == "indicator":
        return True
    if column.kind == "value":
        return f.type == "integer"
    return column.kind == "code" and f.type == "boolean"


def unwritable(path: str, data: dict):
    """(column name, message) for the first value of a case that a workbook cannot hold, or None."""
    bad = openpyxl().cell.cell.ILLEGAL_CHARACTERS_RE
    for column in export.columns():
        text = export.cell(column, data, path)
        if bad.search(text):
            return column.name, "it holds a control character, which an XLSX cell cannot hold"
        if "\r" in text:  # XML reads a carriage return (and CR LF) as a line feed
            return column.name, "it holds a carriage return, which an XLSX cell gives back as a line break"
    return None


def workbook(cases, labels: bool = False, lang: str = "en") -> bytes:
    """The workbook for ``(path, data)`` cases (see the module docstring), as bytes."""
    module = openpyxl()
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    book = module.Workbook()
    sheet = book.active
    sheet.title = CASES_SHEET
    codebook = book.create_sheet(CODEBOOK_SHEET)
    cols = export.columns()
    lists = _codebook(codebook, cols, labels, lang)
    bold = module.styles.Font(bold=True)
    for number, column in enumerate(cols, start=1):
        head = sheet.cell(row=1, column=number, value=column.name)
        head.font = bold
        described = export.describe(column, labels, lang)
        note = f"{described['title']}: {described['description']}"
        if len(note) > NOTE_LIMIT:
            note = note[: NOTE_LIMIT - 1] + "…"
        head.comment = Comment(note, "latinno-lint", width=420, height=240)
    for row, (path, data) in enumerate(cases, start=2):
        for number, column in enumerate(cols, start=1):
            text = export.cell(column, data, path, labels, lang)
            if text == "":
                continue
            target = sheet.cell(row=row, column=number)
            if _numeric(column) and _INTEGER.fullmatch(text):
                target.value = int(text)
            else:
                target.value = text
                target.data_type = "s"  # text, even when it starts with '=': never a formula
    for number, column in enumerate(cols, start=1):
        where = f"{letter(number)}2:{letter(number)}{LAST_ROW}"
        if column.kind == "indicator":
            rule = DataValidation(type="list", formula1='"1,0"', allow_blank=True)
        elif column.kind == "code" and column.name in lists:
            rule = DataValidation(type="list", formula1=lists[column.name], allow_blank=True)
        else:
            continue
        # a warning, not a stop: a label in another language or a known variant is read too
        rule.errorStyle = "warning"
        rule.error = "Not one of the codes of this column; latinno-lint check says what it reads it as."
        rule.add(where)
        sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{letter(len(cols))}{max(len(cases), 1) + 1}" if cases else None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _codebook(sheet, cols, labels: bool, lang: str) -> dict:
    """Fill the codebook sheet: one row per code of each coded field, in column
    order. Returns, for each single-code column, the range its drop-down lists."""
    sheet.append(["field", "code", "label", "definition"])
    ranges, done = {}, set()
    for column in cols:
        if column.kind == "indicator":
            f, name = column.parent, column.parent.name
        elif column.kind in ("code", "joined") and column.field is not None and column.field.coded:
            f, name = column.field, column.name
        else:
            continue
        if name in done:
            continue
        done.add(name)
        first = sheet.max_row + 1
        for code in f.codes:
            shown = export.code_text(f, code.value, False, lang)
            value = int(shown) if f.type == "boolean" else shown
            sheet.append([name, value, code.label_in(lang), code.definition])
        last = sheet.max_row
        if column.kind == "code":
            ranges[name] = f"{CODEBOOK_SHEET}!${'C' if labels else 'B'}${first}:${'C' if labels else 'B'}${last}"
    sheet.freeze_panes = "A2"
    return ranges
