"""Reviewing a change to the data: what it does to the cases (casediff), the
findings it brings in and mends (baseline), and both as text and Markdown
(render). Used by ``latinno-lint diff`` and ``check --baseline``."""
