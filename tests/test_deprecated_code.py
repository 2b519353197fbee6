"""Deprecated codes (LAT108): a code's schema entry says `"deprecated": true`
and `"x-latinno-replaced-by"`; cases that use it are warned at the value, the
fix writes the replacement, and the codebook and the exports mark it. The
packaged schema deprecates no code, so these tests install
tests/conftest.py's deprecating_schema()."""

import shutil

import pytest

from latinno_lint import lint_paths, lint_text, vocabulary
from latinno_lint.cli import main
from latinno_lint.data import codebook, export
from latinno_lint.lint.rules import RULES
from latinno_lint.schema import schema
from latinno_lint.versions import outline

from conftest import TESTS, deprecating_schema, expected_markers

BAD = TESTS / "rules" / "LAT108" / "bad.yaml"


@pytest.fixture
def deprecating(packaged_schema):
    packaged_schema(deprecating_schema())


def test_the_packaged_schema_names_only_valid_replacements():
    for root in (schema(), deprecating_schema()):
        for field in outline.outline(root).fields.values():
            valid = {outline.key(c.value) for c in field.codes or () if not c.deprecated}
            for code in field.codes or ():
                if code.replaced_by is not None:
                    assert code.deprecated, f"{field.name}: {code.value!r} has a replacement but is not deprecated"
                    assert outline.key(code.replaced_by) in valid, f"{field.name}: {code.value!r} is replaced by {code.replaced_by!r}, not a current code"


def test_without_deprecated_codes_the_rule_finds_nothing():
    assert not any(c.deprecated for d in vocabulary.dimensions() for c in d.codes)
    assert [f for f in lint_paths([str(BAD)]).findings if f.code == "LAT108"] == []


def test_messages_name_the_replacement(deprecating):
    found = {f.line: f for f in lint_paths([str(BAD)]).findings if f.code == "LAT108"}
    assert {(line, "LAT108") for line in found} == expected_markers(BAD.read_bytes())
    assert found[8].message == "'sporadic' is a deprecated institutional_design.frequency code: write 'regular', which replaces it"
    assert found[8].fixable and found[11].fixable and found[8].severity == "warning"
    assert "'private_stakeholders' is a deprecated institutional_design.participants code with no replacement" in found[9].message
    assert not found[9].fixable
    assert "replaced by 'political_inclusion', which the list already holds: remove 'social_equality'" in found[12].message
    assert not found[12].fixable


def test_fix_writes_the_replacement(deprecating, tmp_path, capsys):
    case = tmp_path / "cases" / "peru" / "example.yaml"
    case.parent.mkdir(parents=True)
    shutil.copy(BAD, case)
    assert main(["check", "--fix", str(case)]) == 0  # warnings only
    text = case.read_text(encoding="utf-8")
    assert "frequency: regular  # expect: LAT108" in text
    assert "  - digital_participation  # expect: LAT108" in text
    assert "[citizens, private_stakeholders]" in text and "[political_inclusion, social_equality]" in text  # no safe fix
    left = {f.line for f in lint_paths([str(case)]).findings if f.code == "LAT108"}
    assert left == {9, 12}


def test_documented_examples_with_the_deprecation_they_describe(packaged_schema):
    root = deprecating_schema()
    packaged_schema(root)
    rule = RULES["LAT108"]
    [bad], [good] = rule.examples("Example"), rule.examples("Use instead")
    assert "LAT108" in {f.code for f in lint_text(bad, path="example.yaml")}
    assert [f.code for f in lint_text(good, path="example.yaml") if f.severity == "error" or f.code == "LAT108"] == []


def test_codebook_marks_deprecated_codes(deprecating):
    text = codebook.markdown(columns=export.columns())
    assert "| `sporadic` | sporadic | **Deprecated:** use `regular`. " in text
    assert "| `private_stakeholders` | private stakeholders | **Deprecated** (no replacement). " in text
    assert text.count("**Deprecated") == 4


def test_exports_mark_deprecated_codes(deprecating):
    descriptor = export.datapackage("cases.csv")
    fields = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    column = fields["means_e_participation"]
    assert column["title"].endswith("(deprecated)")
    assert "deprecated, replaced by digital_participation" in column["description"]
    assert "deprecated, replaced by regular" in fields["frequency"]["description"]
    assert "(deprecated)" not in fields["means_deliberation"]["title"]
