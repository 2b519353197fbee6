"""Tables in: a CSV or XLSX table of cases, read into case data with a source
map that places every value at its cell.

The layout is the one ``latinno-lint export`` writes (latinno_lint.data.export):
one row per case, the columns of ``export.columns()`` (any subset that has
``id``, in any order), codes or labels in any language or a known variant in
coded cells (read as ``--fix`` reads them: vocabulary.spellings), indicator
columns holding 1, 0 or nothing, and list items joined with ';'. In a CSV, a
text cell that starts with ' has it removed: the export puts it before text
that a spreadsheet would take for a formula (``export.guarded``).

``read(path)`` gives a :class:`Table`, or raises :class:`TableError` with one
line naming the file and the row or cell when the table as a whole cannot be
read (no sheet of cases, unknown or repeated columns, repeated ids, formulas,
merged cells, dates, numbers stored as text, an empty table, a CSV that is not
UTF-8 or has a byte-order mark or ragged rows, more than MAX_ROWS rows).
A cell that only spoils its own row (an indicator cell holding "x") is a
problem of that row (``Row.problems``), reported as LAT011.

openpyxl is needed for XLSX only, and is imported only when one is read.
Nothing here prints.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import os
import re
import stat

from ..finding import escape
from ..lint.source import join_pointer, split_pointer
from ..vocabulary import normalize, spellings
from . import export

MAX_ROWS = 20_000  # LATINNO has about 3,700 cases; a table far larger is not a table of cases
MAX_BYTES = 100_000_000
CASES_SHEET = "cases"
XLSX_HINT = "reading and writing XLSX needs openpyxl: pip install 'latinno-lint[xlsx]'"
_INTEGER = re.compile(r"[-+]?[0-9]+")
_MAX_DIGITS = 100  # years and ids have a few; a longer number stays text, which the schema reports (and Python would refuse to print)


class TableError(Exception):
    """A table that cannot be read; the message is one line, naming the file and row
    or cell. What it quotes from the table cannot steer a terminal or break the line."""

    def __init__(self, message: str):
        super().__init__(escape(message))


def letter(column: int) -> str:
    """The spreadsheet name of a 1-based column: 1 -> A, 27 -> AA."""
    name = ""
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell_name(row: int, column: int) -> str:
    return f"{letter(column)}{row}"


def openpyxl():
    """The openpyxl module, or TableError saying how to install it."""
    try:
        import openpyxl as module
    except ImportError:
        raise TableError(XLSX_HINT) from None
    return module


class Row:
    """One case of a table: its spreadsheet row ``number``, the case ``data``, the
    cell of each value (``cells``: JSON pointer -> column), the ``path`` cell's
    text, the ``problems`` of its cells ((column, pointer, message)) and the
    ``notes``, in the same form, on what was read otherwise than written (a label
    of a deprecated code read as the code that replaces it)."""

    __slots__ = ("number", "data", "cells", "path", "problems", "notes")

    def __init__(self, number: int, data: dict, cells: dict, path: str = "", problems: list | None = None):
        self.number = number
        self.data = data
        self.cells = cells
        self.path = path
        self.problems = problems if problems is not None else []
        self.notes: list = []

    def cell_name(self, column: int) -> str:
        """The name of this row's cell in a column: F17."""
        return cell_name(self.number, column)

    def column_of(self, pointer: str) -> int:
        """The column a value at ``pointer`` comes from (that of its nearest
        mapped parent; column 1 for the case as a whole)."""
        parts = split_pointer(pointer)
        while parts:
            column = self.cells.get(join_pointer(parts))
            if column is not None:
                return column
            parts = parts[:-1]
        return 1


class Table:
    """The rows of a table, with the header's column names by column number."""

    def __init__(self, path: str, sheet: str, header: dict, rows: list):
        self.path = path  # as given, for messages and findings
        self.sheet = sheet  # the worksheet of the cases ('' for CSV)
        self.header = header  # column number -> column name
        self.rows = rows

    def names(self) -> set:
        return set(self.header.values())


# Reading ---------------------------------------------------------------------


def read(path: str) -> Table:
    """The table at ``path`` (CSV or XLSX, by suffix), or TableError."""
    _check_file(path)
    if path.lower().endswith(".xlsx"):
        sheet, cells = _xlsx_cells(path)
    else:
        sheet, cells = "", _csv_cells(path)
    return _table(path, sheet, cells)


def _check_file(path: str) -> None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise TableError(f"{path}: the file does not exist") from None
    except OSError as exc:
        raise TableError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise TableError(f"{path}: not a regular file")
    if info.st_size > MAX_BYTES:
        raise TableError(f"{path}: {info.st_size / 1e6:.0f} MB is more than a table of cases can be (limit {MAX_BYTES // 1_000_000} MB)")


def _too_many(path: str, rows: int) -> TableError:
    return TableError(f"{path}: more than {MAX_ROWS:,} rows ({rows:,} or more); LATINNO has a few thousand cases: split the table")


def _csv_cells(path: str) -> list:
    """[(row number, [text of each cell])] of a CSV, header first; blank rows left out."""
    import csv
    import io

    with open(path, "rb") as handle:
        raw = handle.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise TableError(f"{path}:1: starts with a byte-order mark (BOM); save it as CSV UTF-8 without BOM (LibreOffice: Text CSV, UTF-8; or re-export it with latinno-lint export)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableError(f"{path}:1: is UTF-16 text; save it as CSV in UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TableError(f"{path}:{line}: is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as CSV in UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, width, number = [], None, 0
    try:
        for cells in reader:
            number += 1
            if number > MAX_ROWS + 1:
                raise _too_many(path, number - 1)
            if not any(cells):
                continue  # a blank row, as spreadsheets write them
            if width is None:
                width = len(cells)
            elif len(cells) != width:
                raise TableError(
                    f"{path}:{number}: row {number} has {len(cells)} cells, the header has {width}: every row must have one cell per column (a ',' inside a value needs the value in quotes)"
                )
            rows.append((number, cells))
    except csv.Error as exc:
        raise TableError(f"{path}:{reader.line_num}: not valid CSV: {exc}") from None
    return rows


def _xlsx_cells(path: str) -> tuple[str, list]:
    """The name of the sheet of cases and its cells as for _csv_cells (Python values)."""
    import zipfile

    if not zipfile.is_zipfile(path):
        raise TableError(f"{path}: is not an XLSX workbook (not a zip archive); save it as Excel 2007-365 (.xlsx)")
    module = openpyxl()
    try:
        # a first look in read-only mode: the size of each sheet, without loading it
        book = module.load_workbook(path, read_only=True, data_only=False)
        try:
            name = _cases_sheet(path, book)
            rows = book[name].max_row
            if rows is None or rows > MAX_ROWS + 1:  # no recorded size: count, up to the limit
                rows = 0
                for _row in book[name].iter_rows(values_only=True):
                    rows += 1
                    if rows > MAX_ROWS + 1:
                        break
            if rows > MAX_ROWS + 1:
                raise _too_many(path, rows - 1)
        finally:
            book.close()
        sheet = module.load_workbook(path, read_only=False, data_only=False)[name]
    except TableError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise TableError(f"{path}: cannot be read as an XLSX workbook: {type(exc).__name__}: {exc}") from None
    where = f"{path}: sheet {name!r}"
    for merged in sheet.merged_cells.ranges:
        raise TableError(f"{where}, cells {merged.coord} are merged; unmerge them: each cell holds one value")
    rows = []
    for cells in sheet.iter_rows():
        values = []
        for c in cells:
            if c.data_type == "f":
                raise TableError(f"{where}, cell {c.coordinate} holds a formula ({str(c.value)[:40]}); a case holds values: copy the column and paste values only")
            if isinstance(c.value, (datetime.date, datetime.time, datetime.timedelta)):
                raise TableError(f"{where}, cell {c.coordinate} holds a date; write dates as text YYYY-MM-DD (format the column as Text)")
            values.append(c.value)
        while values and values[-1] in (None, ""):
            values.pop()
        if values and any(v not in (None, "") for v in values):
            rows.append((cells[0].row, values))
    return name, rows


def _cases_sheet(path: str, book) -> str:
    """The sheet named 'cases', else the one sheet with an 'id' column in row 1."""
    names = book.sheetnames
    if CASES_SHEET in names:
        return CASES_SHEET
    found = []
    for name in names:
        first = next(book[name].iter_rows(min_row=1, max_row=1, values_only=True), ())
        if "id" in first:
            found.append(name)
    if not found:
        raise TableError(f"{path}: no sheet of cases: no sheet is named {CASES_SHEET!r} or has an 'id' column in row 1 (sheets: {', '.join(map(repr, names))})")
    if len(found) > 1:
        raise TableError(f"{path}: several sheets could hold the cases ({', '.join(map(repr, found))}); name the one with the cases {CASES_SHEET!r}")
    return found[0]


# Cells to cases ----------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _columns() -> dict:
    return {c.name: c for c in export.columns()}


def _header(path: str, sheet: str, cells: list) -> dict:
    where = f"{path}: sheet {sheet!r}, cell" if sheet else f"{path}:1: cell"
    if not cells:
        raise TableError(f"{path}: the table is empty; it needs a header row with the column names (id, name, ...) and a row per case")
    number, names = cells[0]
    known = _columns()
    header: dict[int, str] = {}
    seen: dict[str, str] = {}
    for index, name in enumerate(names, start=1):
        at = cell_name(number, index)
        if name in (None, ""):
            if any(index <= len(row) and row[index - 1] not in (None, "") for _n, row in cells[1:]):
                raise TableError(f"{where} {at}: a column without a name holds values; name it or delete it")
            continue
        if not isinstance(name, str) or name not in known:
            close = difflib.get_close_matches(str(name), list(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise TableError(f"{where} {at}: unknown column {str(name)!r}{hint}; the columns are those latinno-lint export writes")
        if name in seen:
            raise TableError(f"{where} {at}: the column {name!r} is also in {seen[name]}; keep one")
        seen[name] = at
        header[index] = name
    width = len(names)
    for row_number, row in cells[1:]:
        extra = next((i for i in range(width, len(row)) if row[i] not in (None, "")), None)
        if extra is not None:
            raise TableError(f"{where} {cell_name(row_number, extra + 1)}: a cell right of the last named column holds a value; name its column in row 1 or delete it")
    if "id" not in seen:
        raise TableError(f"{where} A{number}: the header has no 'id' column; every case needs its id")
    if len(cells) == 1:
        raise TableError(f"{path}: the table is empty: a header and no row of cases")
    return header


def _table(path: str, sheet: str, cells: list) -> Table:
    header = _header(path, sheet, cells)
    columns = _columns()
    order = [(index, columns[name]) for index, name in sorted(header.items())]
    rows: list[Row] = []
    ids: dict[str, int] = {}
    where = f"{path}: sheet {sheet!r}, cell" if sheet else f"{path}: cell"
    for number, values in cells[1:]:
        row = _row(number, values, order, path, sheet)
        case_id = row.data.get("id")
        if isinstance(case_id, str):
            if case_id in ids:
                first = ids[case_id]
                raise TableError(f"{where} {cell_name(number, row.cells['/id'])}: id {case_id!r} is also the id in row {first}; ids must be unique: give one of the cases a new id")
            ids[case_id] = number
        rows.append(row)
    return Table(path, sheet, header, rows)


def _text(value) -> str | None:
    """A cell as text (None when empty); whole numbers without '.0'."""
    if value is None or value == "":
        return None
    return _cell_text(value)


def _cell_text(value: object) -> str:
    """A cell that is not empty as text; whole numbers without '.0'."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _row(number: int, values: list, order: list, path: str, sheet: str) -> Row:
    row = Row(number, {}, {})
    groups: dict = {}  # pointer of a list -> [(column number, Column, value)]
    for index, column in order:
        value = values[index - 1] if index <= len(values) else None
        if not sheet and column.text and isinstance(value, str):  # a CSV: undo the export's guard against formulas
            value = export.unguarded(value)
        if column.kind == "path":
            row.path = _text(value) or ""
            continue
        pointer = join_pointer(column.keys)
        for depth in range(1, len(column.keys)):  # a missing parent is placed at its first column
            row.cells.setdefault(join_pointer(column.keys[:depth]), index)
        if column.kind in ("indicator", "joined"):
            row.cells.setdefault(pointer, index)
            groups.setdefault(pointer, []).append((index, column, value))
            continue
        row.cells[pointer] = index
        said: list = []
        read = _scalar(column, value, cell_name(number, index), path, sheet, said)
        row.notes.extend((index, pointer, note) for note in said)
        if read is not None:
            _put(row.data, column.keys, read)
    for pointer, members in groups.items():
        if members[0][1].kind == "indicator":
            _indicators(row, pointer, members)
        else:
            _joined(row, pointer, members)
    row.data = _in_order(row.data, ())
    return row


@functools.lru_cache(maxsize=1)
def _key_order() -> dict:
    """Keys (as tuples of keys) in the order of the export's columns: the schema's."""
    order: dict = {}
    for column in export.columns():
        for depth in range(1, len(column.keys) + 1):
            order.setdefault(column.keys[:depth], len(order))
    return order


def _in_order(data: dict, keys: tuple, order: dict | None = None) -> dict:
    """The case's mappings with their keys in schema order, whatever the order of the columns."""
    order = _key_order() if order is None else order
    ranked = sorted(data, key=lambda k: order.get((*keys, k), len(order)))
    return {k: _in_order(data[k], (*keys, k), order) if isinstance(data[k], dict) else data[k] for k in ranked}


def _put(data: dict, keys: tuple, value) -> None:
    for key in keys[:-1]:
        data = data.setdefault(key, {})
    data[keys[-1]] = value


def _scalar(column, value, at: str, path: str, sheet: str, said: list | None = None):
    """The value of a single cell (None: left out); ``said``: see _code()."""
    f = column.field
    if f.type == "integer":
        if isinstance(value, str) and _INTEGER.fullmatch(value.strip()) and len(value.strip()) <= _MAX_DIGITS:
            if sheet:  # in a workbook a number typed as text sorts and sums wrongly: say so
                raise TableError(f"{path}: sheet {sheet!r}, cell {at} holds the number {value.strip()} stored as text; store it as a number (Data > Text to Columns, or re-type it)")
            return int(value)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return None if value in (None, "") else value  # the schema says what is wrong with anything else
    if column.kind == "code":
        return _code(f, value, said)
    return _text(value)


def _code(f, value, said: list | None = None):
    """A code read from a cell: the code itself, a label in any language or a
    variant. A label or variant of a deprecated code gives the code that replaces
    it, as the page importer does, and adds a note saying so to ``said``; the
    deprecated code written as itself stays (LAT108 says what replaces it)."""
    if value is None or value == "":
        return None
    if f.type == "boolean" and not isinstance(value, str):
        if value in (1, 0) or isinstance(value, bool):
            return bool(value)
    text = _cell_text(value)
    if f.type == "boolean" and text in ("1", "0"):
        return text == "1"
    found = spellings(f.codes).get(normalize(text))
    if found is None:
        return text  # an unknown code stays as written: LAT101 reports it
    current = _current(f.codes, found) if found != text else found
    if current != found:
        if said is not None:
            said.append(f"{f.name} {text!r} names the deprecated code {found!r}: read as {current!r}, which replaces it")
        return current
    return found


def _current(codes: tuple, value):
    """``value``, or the current code that replaces it when it is deprecated."""
    by_value = {code.value: code for code in codes}
    code = by_value[value]
    replacement = by_value.get(code.replaced_by) if code.deprecated and code.replaced_by is not None else None
    return replacement.value if replacement is not None and not replacement.deprecated else value


def _indicators(row: Row, pointer: str, members: list) -> None:
    codes, filled = [], False
    for index, column, value in members:
        text = _text(value)
        if text is None:
            continue
        filled = True
        if text in ("1", "TRUE"):
            codes.append((index, column.code.value))
        elif text not in ("0", "FALSE"):
            row.problems.append(
                (
                    index,
                    pointer,
                    f"{column.name} holds {text[:40]!r}; an indicator column holds 1 (the case has the code {column.code.value}), 0 (it has not) or nothing ({column.parent.name} is not coded)",
                )
            )
    if not filled:
        return
    order = {c.value: n for n, c in enumerate(members[0][1].parent.codes)}
    codes.sort(key=lambda item: order[item[1]])
    _put(row.data, members[0][1].keys, [code for _index, code in codes])
    for n, (index, _code_value) in enumerate(codes):
        row.cells[f"{pointer}/{n}"] = index


def _joined(row: Row, pointer: str, members: list) -> None:
    """A list from its joined column(s): the items of a list of objects are
    matched by position across its columns."""
    texts = [(index, column, _text(value)) for index, column, value in members]
    split = [(index, column, text.split(export.SEPARATOR)) for index, column, text in texts if text is not None]
    if not split:
        return
    keys = members[0][1].keys
    parent = members[0][1].parent
    if not parent.children:
        index, column, parts = split[0]
        said: list = []
        items = [_code(column.field, p.strip(), said) if column.field.coded else p for p in parts]
        row.notes.extend((index, pointer, note) for note in dict.fromkeys(said))
        _put(row.data, keys, items)
        for n in range(len(items)):
            row.cells[f"{pointer}/{n}"] = index
        return
    counts = {len(parts) for _i, _c, parts in split}
    if len(counts) > 1:
        shown = " and ".join(f"{column.name} {len(parts)}" for _i, column, parts in split)
        row.problems.append(
            (
                split[0][0],
                pointer,
                f"the {parent.name}_ columns hold different numbers of items ({shown}): items are "
                f"matched by position and joined with '{export.SEPARATOR}', so a '{export.SEPARATOR}' inside a value "
                "cannot be told from the separator",
            )
        )
        return
    order = {child.name: n for n, child in enumerate(parent.children)}
    split.sort(key=lambda member: order[member[1].field.name])
    items = []
    for n in range(counts.pop()):
        item = {}
        for index, column, parts in split:
            part = parts[n]
            if part != "":
                notes: list = []
                item[column.field.name] = _code(column.field, part.strip(), notes) if column.field.coded else part
                row.notes.extend((index, f"{pointer}/{n}/{column.field.name}", note) for note in notes)
            row.cells[f"{pointer}/{n}/{column.field.name}"] = index
        row.cells.setdefault(f"{pointer}/{n}", split[0][0])
        items.append(item)
    _put(row.data, keys, items)
