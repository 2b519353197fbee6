"""The rule catalogue: one module per code, registered in one place (_NAMES).

A rule module has a docstring that is its documentation page (a summary
line, then "## What it does", "## Why is this bad", "## Example" and
"## Use instead" sections with YAML examples), and these names:

- ``CODE`` (``LATnnn``, never reused), ``NAME`` (kebab-case), ``SEVERITY``
  (``error`` or ``warning``), ``FIXABLE`` (bool);
- ``SCOPE``: ``file`` (found while reading the YAML), ``schema`` (found by the
  schema check), ``case`` (one case), ``dataset`` (needs the other cases),
  or ``suppression`` (about suppression comments);
- for ``case`` rules, ``check(case)``; for ``dataset`` rules,
  ``check(case, index)``: plain generators of :class:`~latinno_lint.finding.Hit`
  (a JSON pointer and a message, optionally a fix, optionally a ``cause``
  rank when the hit says what is wrong with the value as a whole: the engine
  then leaves out the other hits on that value). They never compute line or
  column: the engine places every hit;
- optionally ``OPTIONS``: a dict of option names and defaults, settable in the
  configuration as ``[tool.latinno-lint.options]``;
- optionally ``FIELDS``: the JSON pointers of the case fields the rule looks at
  (``("/institutional_design/selection", "/institutional_design/participants")``),
  so the codebook can list the rules that involve each field.

Codes are grouped by kind: LAT0xx file and YAML, LAT1xx schema, LAT2xx
consistency between dimensions, LAT3xx completeness and text quality, LAT4xx
cross-file, LAT9xx suppressions.
"""

from __future__ import annotations

import re
from collections import namedtuple
from importlib import import_module
from types import MappingProxyType, ModuleType

from ...vocabulary import VocabularyError

# The catalogue, in code order: add a rule by adding its module name here.
_NAMES = [
    "lat001_yaml_syntax",
    "lat002_encoding",
    "lat003_empty_file",
    "lat004_multiple_documents",
    "lat005_duplicate_key",
    "lat006_yaml_alias",
    "lat007_implicit_type",
    "lat008_too_large",
    "lat009_yaml_tag",
    "lat010_unreadable_file",
    "lat011_table_cell",
    "lat012_complex_key",
    "lat101_unknown_code",
    "lat102_unknown_key",
    "lat103_missing_key",
    "lat104_wrong_type",
    "lat105_invalid_value",
    "lat106_duplicate_item",
    "lat107_transnational_countries",
    "lat108_deprecated_code",
    "lat201_restricted_citizens_only",
    "lat202_open_selection_without_citizens",
    "lat203_direct_voting_without_decision",
    "lat204_binding_without_formal_basis",
    "lat205_program_without_co_governance",
    "lat206_single_event_spanning_years",
    "lat207_end_before_start",
    "lat208_year_before_coverage",
    "lat209_year_in_future",
    "lat210_all_means_and_ends",
    "lat301_uncoded_dimension",
    "lat302_missing_sources",
    "lat303_description_too_short",
    "lat304_placeholder_text",
    "lat305_whitespace",
    "lat306_encoding_damage",
    "lat307_unordered_codes",
    "lat308_undetermined_but_coded",
    "lat309_template_placeholder",
    "lat401_duplicate_id",
    "lat402_duplicate_latinno_id",
    "lat403_id_filename_mismatch",
    "lat404_country_directory_mismatch",
    "lat405_dangling_relation",
    "lat406_self_relation",
    "lat407_duplicate_name",
    "lat900_unused_suppression",
    "lat901_invalid_suppression",
]


def _load(name: str) -> ModuleType:
    try:
        return import_module(f".{name}", __name__)
    except VocabularyError as exc:  # say which rule: the message reaches a maintainer who just edited the schema
        code, rule = name.split("_", 1)  # a rule's module is named after its code and name (tests/test_rules_consistency.py)
        raise VocabularyError(
            f"the rules and the schema disagree: rule {code.upper()} {rule.replace('_', '-')} ({name}.py) {exc}; "
            "change the rule together with the schema (CONTRIBUTING.md, 'Propose a change to the vocabulary')"
        ) from None


MODULES: list[ModuleType] = [_load(name) for name in _NAMES]

SCOPES = ("file", "schema", "case", "dataset", "suppression")
SEVERITIES = ("error", "warning")


class Rule(namedtuple("Rule", "code name severity scope fixable doc check options fields", defaults=(None, MappingProxyType({}), ()))):
    """A rule of the catalogue, read from its module. Immutable (``_replace`` gives
    a changed copy)."""

    __slots__ = ()

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""

    def section(self, title: str) -> str:
        """The text of one '## title' section of the documentation."""
        match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", self.doc, re.S | re.M)
        return match.group(1).strip() if match else ""

    def examples(self, title: str) -> list[str]:
        """The YAML code blocks of one section."""
        return re.findall(r"```yaml\n(.*?)```", self.section(title), re.S)


def _rule(module: ModuleType) -> Rule:
    return Rule(
        code=module.CODE,
        name=module.NAME,
        severity=module.SEVERITY,
        scope=module.SCOPE,
        fixable=getattr(module, "FIXABLE", False),
        doc=(module.__doc__ or "").expandtabs().strip(),  # inspect.cleandoc's result for a module docstring, without importing inspect
        check=getattr(module, "check", None),
        options=dict(getattr(module, "OPTIONS", {})),
        fields=tuple(getattr(module, "FIELDS", ())),
    )


RULES: dict[str, Rule] = {m.CODE: _rule(m) for m in MODULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES.values()}


def get(code_or_name: str) -> Rule | None:
    """A rule by code (``LAT201``) or by name (``restricted-citizens-only``)."""
    return RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


def suggest(code_or_name: str) -> str | None:
    """The rule code or name closest to a mistyped one (``restricted-citizen-only``:
    ``restricted-citizens-only``; ``LAT2001``: ``LAT201``), or None."""
    import difflib

    if code_or_name.upper().startswith("LAT"):
        close = difflib.get_close_matches(code_or_name.upper(), RULES, n=1, cutoff=0.8)  # LAT2001: LAT201; LAT999: none
    else:
        close = difflib.get_close_matches(code_or_name.lower(), BY_NAME, n=1)
    return close[0] if close else None


_OPTION_DEFAULTS = {name: value for rule in RULES.values() for name, value in rule.options.items()}


def option_defaults() -> dict:
    """Every rule option with its default, keyed by option name (a copy)."""
    return dict(_OPTION_DEFAULTS)
