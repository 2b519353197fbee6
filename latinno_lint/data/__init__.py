"""Data products around the case files: importers (latinno.net page text,
CSV and XLSX tables), the canonical writer, minimal updates, exports, the
codebook and the dataset statistics. They read the vocabulary from the schema
and use the lint core to check what they read or write."""

TABLE_SUFFIXES = (".csv", ".xlsx")  # by its name, a path given to check or import is a table of cases


def is_table(path: str) -> bool:
    """Whether ``path`` names a table of cases (CSV or XLSX) rather than a case
    file or a page. Here, not in table.py, so that the command line can tell
    without importing the table reader (and openpyxl)."""
    return path.lower().endswith(TABLE_SUFFIXES)
