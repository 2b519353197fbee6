"""Each rule's documentation is its docstring, in fixed sections, and its
examples are checked: the bad one triggers the rule, the good one does not."""
import pytest

from latinno_lint import lint_text
from latinno_lint.rules import RULES

# Their examples describe a path or bytes that a YAML snippet cannot hold;
# tests/rules/<code>/ and test_cli.py cover them.
ILLUSTRATIONS = {"LAT002", "LAT010"}
SECTIONS = ("What it does", "Why is this bad", "Example", "Use instead")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_doc_has_the_fixed_sections(code):
    rule = RULES[code]
    assert rule.summary and rule.summary.endswith(".")
    for title in SECTIONS:
        assert rule.section(title), f"{code} lacks '## {title}'"
    assert rule.examples("Example") and rule.examples("Use instead")


@pytest.mark.parametrize("code", sorted(set(RULES) - ILLUSTRATIONS))
def test_documented_bad_example_triggers_the_rule(code):
    rule = RULES[code]
    for example in rule.examples("Example"):
        assert code in {f.code for f in lint_text(example, path="example.yaml")}, example


@pytest.mark.parametrize("code", sorted(set(RULES) - ILLUSTRATIONS))
def test_documented_good_example_does_not(code):
    rule = RULES[code]
    for example in rule.examples("Use instead"):
        assert code not in {f.code for f in lint_text(example, path="example.yaml")}, example


def test_codes_and_names_are_unique_and_well_formed():
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert code == rule.code and code.startswith("LAT") and len(code) == 6
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.severity in ("error", "warning")
