"""latinno-lint: schema and data-quality linter for LATINNO case files.

The public API (docs/python-api.md):

    from latinno_lint import lint_paths, lint_text, Finding, Report, FileResult, Config, ConfigError, load_config

and the modules ``latinno_lint.schema`` and ``latinno_lint.types`` (the case's
TypedDicts, generated from the schema). Every other module is internal: its
names may change in any release.
"""

from __future__ import annotations

__all__ = ["Config", "ConfigError", "FileResult", "Finding", "Report", "__version__", "lint_paths", "lint_text", "load_config"]

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ loads them on first use
    from .finding import Finding
    from .lint.config import Config, ConfigError
    from .lint.config import load as load_config
    from .lint.engine import FileResult, Report, lint_text
    from .lint.runner import lint_paths
    from .version import __version__

# name -> (module, attribute): `import latinno_lint` stays cheap, and each name
# loads its module on first use
_WHERE = {
    "__version__": ("latinno_lint.version", "__version__"),  # its one home, which pyproject.toml reads too
    "lint_paths": ("latinno_lint.lint.runner", "lint_paths"),
    "lint_text": ("latinno_lint.lint.engine", "lint_text"),
    "Report": ("latinno_lint.lint.engine", "Report"),
    "FileResult": ("latinno_lint.lint.engine", "FileResult"),
    "Finding": ("latinno_lint.finding", "Finding"),
    "Config": ("latinno_lint.lint.config", "Config"),
    "ConfigError": ("latinno_lint.lint.config", "ConfigError"),
    "load_config": ("latinno_lint.lint.config", "load"),
}


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'latinno_lint' has no attribute {name!r}")
    from importlib import import_module

    module, attribute = _WHERE[name]
    return getattr(import_module(module), attribute)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
