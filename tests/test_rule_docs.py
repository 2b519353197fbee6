"""Each rule's documentation is its docstring, in fixed sections, and its
examples are checked: the bad one triggers the rule, the good one does not."""

import pytest

from latinno_lint import lint_paths, lint_text
from latinno_lint.lint.rules import RULES

# Their examples describe a path or bytes that a YAML snippet cannot hold;
# tests/rules/<code>/ and test_cli.py cover them (LAT011: tests/test_tables.py). LAT108's describe a schema that
# deprecates a code: tests/test_deprecated_code.py checks them against one.
ILLUSTRATIONS = {"LAT002", "LAT010", "LAT011", "LAT108"}
SECTIONS = ("What it does", "Why is this bad", "Example", "Use instead")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_doc_has_the_fixed_sections(code):
    rule = RULES[code]
    assert rule.summary and rule.summary.endswith(".")
    for title in SECTIONS:
        assert rule.section(title), f"{code} lacks '## {title}'"
    assert rule.examples("Example") and rule.examples("Use instead")


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_doc_is_the_cleaned_docstring(code):
    """The catalogue cleans docstrings without importing inspect (start-up time):
    it must give what inspect.cleandoc gives."""
    import inspect

    from latinno_lint.lint import rules

    module = next(m for m in rules.MODULES if code == m.CODE)
    assert RULES[code].doc == inspect.cleandoc(module.__doc__ or "")


def _codes_per_example(examples, folder) -> list:
    """The codes found in each example. Examples of cross-file rules start with
    '# file: cases/<country>/<id>.yaml': together they are one dataset, written
    to ``folder`` and linted as a whole."""
    if not any(e.startswith("# file: ") for e in examples):
        return [{f.code for f in lint_text(e, path="example.yaml")} for e in examples]
    for example in examples:
        assert example.startswith("# file: "), f"every example of a dataset must name its file: {example}"
        target = folder / example.splitlines()[0][len("# file: ") :].strip()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(example, encoding="utf-8")
    return [{f.code for f in lint_paths([str(folder / "cases")]).findings}]


@pytest.mark.parametrize("code", sorted(set(RULES) - ILLUSTRATIONS))
def test_documented_bad_example_triggers_the_rule(code, tmp_path):
    examples = RULES[code].examples("Example")
    for example, codes in zip(examples, _codes_per_example(examples, tmp_path)):
        assert code in codes, example


@pytest.mark.parametrize("code", sorted(set(RULES) - ILLUSTRATIONS))
def test_documented_good_example_does_not(code, tmp_path):
    examples = RULES[code].examples("Use instead")
    for example, codes in zip(examples, _codes_per_example(examples, tmp_path)):
        assert code not in codes, example


def test_codes_and_names_are_unique_and_well_formed():
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert code == rule.code and code.startswith("LAT") and len(code) == 6
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.severity in ("error", "warning")


def test_lat210_advice_is_the_format_s_undetermined_and_following_it_warns_no_more():
    """LAT210 points to `undetermined` (format.md, CONTRIBUTING), not to leaving
    both lists out unexplained: following its message gives neither LAT210 nor LAT301."""
    case = RULES["LAT210"].examples("Example")[0]
    [finding] = [f for f in lint_text(case, path="example.yaml") if f.code == "LAT210"]
    assert "undetermined: {means: reason, ends: reason}" in finding.message and "notes" not in finding.message
    assert "`undetermined`" in RULES["LAT210"].section("Why is this bad")
    followed = [e for e in RULES["LAT210"].examples("Use instead") if "undetermined:" in e]
    assert followed, "the page shows the undetermined form"
    for example in followed:
        assert {(f.code, f.pointer) for f in lint_text(example, path="example.yaml") if f.code in ("LAT210", "LAT301") and f.pointer in ("/means", "/ends")} == set()
        assert "means" in example and "ends" in example
