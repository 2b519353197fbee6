"""The version of latinno-lint, in its one home.

A base module with nothing else in it, so that every layer may import it
(lint/cache.py keys its entries by it, report/sarif.py and data/export.py
write it, cli/ prints it) without importing the package's top, and
pyproject.toml reads it from here (``[tool.setuptools.dynamic]``) rather than
holding a second copy. ``latinno_lint.__version__`` re-exports it.
"""

__version__ = "0.1.0"
