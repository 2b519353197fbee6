"""latinno-lint: schema and data-quality linter for LATINNO case files.

    from latinno_lint import lint_paths, lint_text, Finding
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Finding", "__version__", "lint_paths", "lint_text"]

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ loads them on first use
    from .engine import lint_paths, lint_text
    from .finding import Finding


def __getattr__(name: str) -> object:  # keep `import latinno_lint` cheap: load the engine on first use
    if name in ("lint_paths", "lint_text"):
        from . import engine

        return getattr(engine, name)
    if name == "Finding":
        from .finding import Finding

        return Finding
    raise AttributeError(f"module 'latinno_lint' has no attribute {name!r}")
