"""The lint core: a case file's bytes in, findings out.

source (bytes -> data and node positions) -> validate (the schema) and rules/
(one module per code) -> engine (one file: places every hit, applies the
configuration, suppressions and fixes) -> runner (many files: processes, the
index of the dataset for cross-file rules, its cache). Nothing here prints.
"""
