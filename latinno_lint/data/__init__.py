"""Data products around the case files: importers (latinno.net page text,
CSV and XLSX tables), the canonical writer, minimal updates, exports, the
codebook and the dataset statistics. They read the vocabulary from the schema
and use the lint core to check what they read or write."""
