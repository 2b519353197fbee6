"""latinno-lint: schema and data-quality linter for LATINNO case files.

from latinno_lint import lint_paths, lint_text, Finding
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Finding", "__version__", "lint_paths", "lint_text"]

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ loads them on first use
    from .finding import Finding
    from .lint.engine import lint_text
    from .lint.runner import lint_paths


def __getattr__(name: str) -> object:  # keep `import latinno_lint` cheap: load the engine on first use
    if name == "lint_paths":
        from .lint.runner import lint_paths

        return lint_paths
    if name == "lint_text":
        from .lint.engine import lint_text

        return lint_text
    if name == "Finding":
        from .finding import Finding

        return Finding
    raise AttributeError(f"module 'latinno_lint' has no attribute {name!r}")
