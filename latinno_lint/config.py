"""Configuration: ``[tool.latinno-lint]`` in the nearest pyproject.toml, or a file
given with ``--config``, overridden by command-line flags.

Keys: ``select``, ``ignore``, ``extend-select`` (lists of codes, code prefixes
such as "LAT2", or rule names), ``severity`` (a table of code = "error" or
"warning"), ``per-file-ignores`` (a table of glob = [codes]), ``fail-on``
("error" or "warning"), ``cases-root`` (the dataset root for cross-file rules,
relative to the configuration file) and ``options`` (rule options). Anything
else is an error: a misspelt key must not be silently ignored.
"""
from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import rules

KEYS = {"select", "ignore", "extend-select", "severity", "per-file-ignores", "fail-on", "cases-root", "options"}


class ConfigError(Exception):
    """A configuration problem; the CLI reports it and exits 2."""


@dataclass
class Config:
    select: tuple = ()
    ignore: tuple = ()
    extend_select: tuple = ()
    severity: dict = field(default_factory=dict)
    per_file_ignores: dict = field(default_factory=dict)
    fail_on: str = "error"
    cases_root: Path | None = None
    options: dict = field(default_factory=dict)
    source: str = ""  # where it was read from, for messages

    def __post_init__(self):
        self._enabled = self._compute_enabled()

    def _compute_enabled(self) -> set:
        codes = set(rules.RULES)
        if self.select:
            codes = expand(self.select, "select")
        codes |= expand(self.extend_select, "extend-select")
        codes -= expand(self.ignore, "ignore")
        # findings about the run itself cannot be switched off
        return codes | {"LAT010"}

    def enabled(self, code: str, path: str = "") -> bool:
        if code not in self._enabled:
            return False
        for pattern, codes in self.per_file_ignores.items():
            if path and fnmatch.fnmatch(path, pattern) and code in codes:
                return False
        return True

    def severity_of(self, code: str) -> str:
        return self.severity.get(code) or rules.RULES[code].severity

    def option(self, name: str):
        if name in self.options:
            return self.options[name]
        return rules.option_defaults()[name]

    def with_overrides(self, *, select=None, ignore=None, extend_select=None, fail_on=None) -> "Config":
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
        )


def expand(selectors, where: str) -> set:
    """Codes named by codes, prefixes ("LAT2") or rule names."""
    codes = set()
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
            raise ConfigError(f"{where}: unknown rule {selector!r}; see 'latinno-lint rules' for the codes")
        codes |= matching
    return codes


def find_pyproject(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load(config_file: str | None = None, start: Path | None = None) -> Config:
    """The configuration in force: ``config_file`` if given, else the nearest
    pyproject.toml with a ``[tool.latinno-lint]`` table, else the defaults."""
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"{config_file}: configuration file not found")
        table = _read(path)
        if path.name == "pyproject.toml" or "tool" in table:
            table = table.get("tool", {}).get("latinno-lint", {})
        return from_table(table, path)
    path = find_pyproject(start or Path.cwd())
    if path is None:
        return Config()
    table = _read(path).get("tool", {}).get("latinno-lint")
    if table is None:
        return Config()
    return from_table(table, path)


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror}") from None


def from_table(table: dict, path: Path | None = None) -> Config:
    where = f"{path} [tool.latinno-lint]" if path else "configuration"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; allowed keys are {', '.join(sorted(KEYS))}")

    def codes_list(key):
        value = table.get(key, [])
        if not isinstance(value, list):
            raise ConfigError(f"{where}: {key} must be a list of rule codes")
        expand(value, f"{where}: {key}")
        return tuple(value)

    severity = {}
    for code, level in table.get("severity", {}).items():
        rule = rules.get(code)
        if rule is None:
            raise ConfigError(f"{where}: severity: unknown rule {code!r}")
        if level not in rules.SEVERITIES:
            raise ConfigError(f"{where}: severity of {code} must be 'error' or 'warning', not {level!r}")
        severity[rule.code] = level
    per_file = {}
    for pattern, codes in table.get("per-file-ignores", {}).items():
        if not isinstance(codes, list):
            raise ConfigError(f"{where}: per-file-ignores {pattern!r} must be a list of rule codes")
        per_file[pattern] = expand(codes, f"{where}: per-file-ignores")
    fail_on = table.get("fail-on", "error")
    if fail_on not in rules.SEVERITIES:
        raise ConfigError(f"{where}: fail-on must be 'error' or 'warning', not {fail_on!r}")
    defaults = rules.option_defaults()
    options = table.get("options", {})
    for name, value in options.items():
        if name not in defaults:
            raise ConfigError(f"{where}: unknown option {name!r}; options are {', '.join(sorted(defaults)) or 'none'}")
        if type(value) is not type(defaults[name]):
            raise ConfigError(f"{where}: option {name} must be {type(defaults[name]).__name__}, not {value!r}")
    root = table.get("cases-root")
    if root is not None and not isinstance(root, str):
        raise ConfigError(f"{where}: cases-root must be a path")
    cases_root = ((path.parent if path else Path.cwd()) / root).resolve() if root else None
    return Config(
        select=codes_list("select"),
        ignore=codes_list("ignore"),
        extend_select=codes_list("extend-select"),
        severity=severity,
        per_file_ignores=per_file,
        fail_on=fail_on,
        cases_root=cases_root,
        options=dict(options),
        source=str(path or ""),
    )
