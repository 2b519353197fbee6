"""Configuration: ``[tool.latinno-lint]`` in the nearest pyproject.toml, or a file
given with ``--config``, overridden by command-line flags.

Keys: ``select``, ``ignore``, ``extend-select`` (lists of codes, code prefixes
such as "LAT2", or rule names), ``severity`` (a table of code = "error" or
"warning"), ``per-file-ignores`` (a table of glob = [codes]), ``fail-on``
("error" or "warning"), ``cases-root`` (the dataset root for cross-file rules,
relative to the configuration file) and ``options`` (rule options). Anything
else is an error: a misspelt key must not be silently ignored. Every error is
one line naming the file and the key.

``per-file-ignores`` patterns are shell-style globs (``*`` also matches '/')
matched against the file's path relative to the folder of the configuration
file, and against the path as given on the command line. Messages name the
configuration file relative to the working folder when it is under it.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from . import rules
from .files import shown

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import NoReturn

KEYS = {"select", "ignore", "extend-select", "severity", "per-file-ignores", "fail-on", "cases-root", "options"}


class ConfigError(Exception):
    """A configuration problem; the CLI reports it and exits 2."""


class Config:
    """The settings of a run: rule selection, severities, per-file ignores,
    fail-on level, dataset root and rule options. ``Config()`` is the built-in
    default (every rule, its own severity); ``load_config()`` reads the settings
    a command line would use, and ``with_overrides()`` applies flags to them.

    ``select``, ``ignore`` and ``extend_select`` hold codes (``LAT201``), code
    prefixes (``LAT2``) or rule names (``restricted-citizens-only``);
    ``severity`` maps a code to ``"error"`` or ``"warning"``;
    ``per_file_ignores`` maps a glob to the set of codes it ignores; an
    unknown code or name raises ConfigError."""

    def __init__(
        self,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        extend_select: tuple[str, ...] = (),
        severity: dict[str, str] | None = None,
        per_file_ignores: dict[str, set[str]] | None = None,
        fail_on: str = "error",
        cases_root: Path | None = None,
        options: dict[str, object] | None = None,
        source: str = "",
        base: Path | None = None,
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.extend_select = extend_select
        self.severity = {} if severity is None else severity
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.fail_on = fail_on
        self.cases_root = cases_root
        self.options = {} if options is None else options
        self.source = source  # where it was read from, for messages
        self.base = base  # the folder per-file-ignores patterns are relative to
        self._defaults = rules.option_defaults()  # looked up per case and rule: read once
        self._enabled = self._compute_enabled()
        self._ignored: dict = {}

    def _compute_enabled(self) -> set[str]:
        codes = set(rules.RULES)
        if self.select:
            codes = expand(self.select, "select")
        codes |= expand(self.extend_select, "extend-select")
        codes -= expand(self.ignore, "ignore")
        # findings about the run itself cannot be switched off
        return codes | {"LAT010", "LAT011"}

    def enabled(self, code: str, path: str = "") -> bool:
        """Whether rule ``code`` runs, on the file ``path`` when one is given
        (``per-file-ignores``)."""
        if code not in self._enabled:
            return False
        if not self.per_file_ignores or not path:
            return True
        if path not in self._ignored:
            self._ignored[path] = self._ignored_in(path)
        return code not in self._ignored[path]

    def _ignored_in(self, path: str) -> set[str]:
        names = {Path(path).as_posix(), os.path.normpath(path).replace(os.sep, "/")}
        if self.base is not None:
            try:
                names.add(Path(os.path.abspath(path)).relative_to(self.base).as_posix())
            except ValueError:
                pass  # outside the configuration's folder: only the path as given matches
        ignored = set()
        for pattern, codes in self.per_file_ignores.items():
            if any(fnmatch.fnmatchcase(name, pattern) for name in names):
                ignored |= codes
        return ignored

    def severity_of(self, code: str) -> str:
        """The severity a finding of ``code`` gets: ``"error"`` or ``"warning"``."""
        return self.severity.get(code) or rules.RULES[code].severity

    def option(self, name: str) -> object:
        """A rule option's value (``[tool.latinno-lint.options]``), or its default."""
        if name in self.options:
            return self.options[name]
        return self._defaults[name]

    def with_overrides(
        self,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        extend_select: Iterable[str] | None = None,
        fail_on: str | None = None,
    ) -> Config:
        """This configuration with command-line flags applied: ``--select``
        replaces the selection, ``--ignore`` and ``--extend-select`` add to it."""
        for flag, value in (("--select", select), ("--ignore", ignore), ("--extend-select", extend_select)):
            expand(value or (), flag)
        return Config(
            select=tuple(select) if select else self.select,
            ignore=self.ignore + tuple(ignore or ()),
            extend_select=self.extend_select + tuple(extend_select or ()),
            severity=self.severity,
            per_file_ignores=self.per_file_ignores,
            fail_on=fail_on or self.fail_on,
            cases_root=self.cases_root,
            options=self.options,
            source=self.source,
            base=self.base,
        )


def expand(selectors: Iterable[object], where: str) -> set[str]:
    """Codes named by codes, prefixes ("LAT2") or rule names."""
    codes: set[str] = set()
    for selector in selectors:
        if not isinstance(selector, str):
            raise ConfigError(f"{where}: {selector!r} is not a rule code or name")
        rule = rules.get(selector)
        if rule is not None:
            codes.add(rule.code)
            continue
        prefix = selector.upper()
        matching = {c for c in rules.RULES if c.startswith(prefix)} if prefix.startswith("LAT") else set()
        if not matching:
            guess = rules.suggest(selector)
            hint = f" (did you mean {guess!r}?)" if guess else ""
            raise ConfigError(f"{where}: unknown rule {selector!r}{hint}; see 'latinno-lint rules' for the codes")
        codes |= matching
    return codes


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a
    ``[tool.latinno-lint]`` table (reading each one on the way up)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if _may_be_file(candidate) and _may_hold_table(candidate):
            document = _read(candidate)
            _check_spelling(document, candidate)
            if _section(document) is not None:
                return candidate
    return None


# "latinno-lint" as a key: before a dot, a closing bracket or an equals sign,
# after an optional closing quote (a value such as name = "latinno-lint" is not);
# near-misses too (latinno_lint, LatinnoLint), which load() reports as errors
_TABLE_KEY = re.compile(rb"""latinno[-_ .]?lint["']?[ \t]*[.\]=]""", re.I)


def _may_be_file(path: Path) -> bool:
    """``path.is_file()``, but True when a folder on the way cannot be searched
    (permission denied): whether a configuration is there cannot be told, so
    _read says why instead of the run going on without it (or stopping with a
    traceback, as Path.is_file() raises then)."""
    try:
        return path.is_file()
    except OSError:
        return True


def _may_hold_table(path: Path) -> bool:
    """False when ``path`` cannot hold a [tool.latinno-lint] table: the name is
    not in it as a key, nor is a TOML escape that could spell it. Such a file (a
    parent project's pyproject.toml, say, or latinno-lint's own) is not parsed:
    importing tomllib and parsing costs a check run about 8 ms."""
    try:
        raw = path.read_bytes()
    except OSError:
        return True  # _read says why
    return _TABLE_KEY.search(raw) is not None or b"\\u" in raw or b"\\U" in raw


def _section(document: dict) -> object:
    tool = document.get("tool")
    return tool.get("latinno-lint") if isinstance(tool, dict) else None


def _near_miss(document: dict) -> str | None:
    """The name of a table that was surely meant to be [tool.latinno-lint] and is
    spelt otherwise ([tool.latinno_lint], [tool.LatinnoLint], [tools.latinno-lint]),
    or None. Such a table would otherwise be ignored without a word."""
    for top, tool in document.items():
        if not isinstance(tool, dict) or _squeeze(top) not in ("tool", "tools"):
            continue
        for name in tool:
            if _squeeze(name) == "latinnolint" and (top, name) != ("tool", "latinno-lint"):
                return f"[{top}.{name}]"
    return None


def _squeeze(name: object) -> str:
    return re.sub(r"[-_. ]", "", name).lower() if isinstance(name, str) else ""


def _check_spelling(document: dict, path: Path) -> None:
    wrong = _near_miss(document)
    if wrong is not None:
        raise ConfigError(f"{shown(path)}: {wrong} is not read: the table is spelt [tool.latinno-lint]; rename it so that its settings apply")


def load(config_file: str | None = None, start: Path | None = None) -> Config:
    """The configuration in force: ``config_file`` if given, else the nearest
    pyproject.toml with a ``[tool.latinno-lint]`` table, else the defaults.

    ``config_file`` is either a pyproject.toml-style file with that table or a
    TOML file whose top level holds the settings."""
    if config_file:
        path = Path(config_file)
        if not _may_be_file(path):
            raise ConfigError(f"{config_file}: configuration file not found")
        document = _read(path)
        _check_spelling(document, path)
        if path.name != "pyproject.toml" and "tool" not in document:
            return from_table(document, path, section="")
        table = _section(document)
        if table is None:
            raise ConfigError(f"{shown(path)}: has no [tool.latinno-lint] table")
        return from_table(table, path)
    found = find_pyproject(start or Path.cwd())
    if found is None:
        return Config()
    return from_table(_section(_read(found)), found)


def _read(path: Path) -> dict:
    import tomllib  # only when there is a file to read (~10 ms)

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown(path)}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown(path)}: not valid TOML: the file is not UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{shown(path)}: cannot be read: {exc.strerror}") from None


def from_table(table: object, path: Path | None = None, section: str = "[tool.latinno-lint]") -> Config:
    """A Config from the settings table read from ``path``. ``section`` names the
    table in messages ("" for a file whose top level is the table)."""
    where = " ".join(part for part in (shown(path) if path else "configuration", section) if part)

    def fail(key: str, problem: str) -> NoReturn:
        raise ConfigError(f"{where}: {key}: {problem}")

    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table of settings")
    unknown = sorted(set(table) - KEYS)
    if unknown:
        fail(unknown[0], f"unknown key; allowed keys are {', '.join(sorted(KEYS))}")

    def sub_table(key: str) -> dict:
        value = table.get(key, {})
        if not isinstance(value, dict):
            fail(key, f"must be a table, not {value!r}")
        return value

    def codes_list(key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list):
            fail(key, f"must be a list of rule codes, prefixes or names, not {value!r}")
        expand(value, f"{where}: {key}")
        return tuple(value)

    severity = {}
    for code, level in sub_table("severity").items():
        rule = rules.get(code)
        if rule is None:
            fail(f"severity.{code}", "unknown rule; see 'latinno-lint rules' for the codes")
        if level not in rules.SEVERITIES:
            fail(f"severity.{code}", f"must be 'error' or 'warning', not {level!r}")
        severity[rule.code] = level
    per_file = {}
    for pattern, codes in sub_table("per-file-ignores").items():
        key = f"per-file-ignores.{pattern!r}"
        per_file[pattern] = expand(codes_list(key, codes), f"{where}: {key}")
    fail_on = table.get("fail-on", "error")
    if fail_on not in rules.SEVERITIES:
        fail("fail-on", f"must be 'error' or 'warning', not {fail_on!r}")
    defaults = rules.option_defaults()
    options = sub_table("options")
    for name, value in options.items():
        if name not in defaults:
            fail(f"options.{name}", f"unknown option; options are {', '.join(sorted(defaults)) or 'none'}")
        if not _same_type(value, defaults[name]):
            fail(f"options.{name}", f"must be {_type_word(defaults[name])}, not {value!r}")
    base = (path.parent if path else Path.cwd()).resolve()
    root = table.get("cases-root")
    cases_root = None
    if root is not None:
        if not isinstance(root, str) or not root.strip():
            fail("cases-root", f"must be a folder path, not {root!r}")
        cases_root = (base / root).resolve()
        if not cases_root.is_dir():
            fail("cases-root", f"{root!r} is not a folder (resolved to {cases_root})")
    return Config(
        select=codes_list("select", table.get("select", [])),
        ignore=codes_list("ignore", table.get("ignore", [])),
        extend_select=codes_list("extend-select", table.get("extend-select", [])),
        severity=severity,
        per_file_ignores=per_file,
        fail_on=fail_on,
        cases_root=cases_root,
        options=dict(options),
        source=str(path or ""),
        base=base if path else None,
    )


def _same_type(value: object, default: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return type(value) is type(default)


def _type_word(default: object) -> str:
    return {bool: "true or false", int: "a whole number", float: "a number", str: "text", list: "a list"}.get(type(default), type(default).__name__)
