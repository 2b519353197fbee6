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


UNKNOWN_FREQUENCY = "id: example\nname: Example council\ncountry: PE\ndescription: A council.\ninstitutional_design:\n  frequency: {}\n"


def test_an_unknown_code_is_offered_only_the_current_codes(deprecating):
    [finding] = [f for f in lint_text(UNKNOWN_FREQUENCY.format("sporadicaly"), path="example.yaml") if f.code == "LAT101"]
    expected = ", ".join(str(c.value) for c in vocabulary.dimension("frequency").codes if not c.deprecated)
    assert f"expected one of {expected} (did you mean 'regular'?)" in finding.message
    assert "sporadic," not in finding.message and "'sporadic'" not in finding.message


def test_the_spelling_of_a_deprecated_code_is_fixed_to_its_replacement(deprecating):
    [finding] = [f for f in lint_text(UNKNOWN_FREQUENCY.format("Sporadic"), path="example.yaml") if f.code == "LAT101"]
    assert finding.message == "'Sporadic' is a spelling of the deprecated frequency code 'sporadic', which 'regular' replaces; write 'regular'"
    assert finding.fixable


def test_without_a_replacement_the_spelling_keeps_the_deprecated_code(deprecating):
    case = UNKNOWN_FREQUENCY.format("regular") + "  participants: [Private Stakeholders]\n"
    [finding] = [f for f in lint_text(case, path="example.yaml") if f.code == "LAT101"]
    assert "is a spelling of the type of participants code 'private_stakeholders'; write the code" in finding.message


def test_the_importer_writes_the_replacement_of_a_deprecated_code_and_says_so(deprecating):
    from latinno_lint.data.importer import import_page

    text = (TESTS / "fixtures" / "seeds" / "000_b3049613379fd766.txt").read_text(encoding="utf-8")  # a latinno.net page
    assert "\nFrequency\nregular\n" in text
    imported = import_page(text.replace("\nFrequency\nregular\n", "\nFrequency\nsporadic\n"))
    assert imported.case["institutional_design"]["frequency"] == "regular"
    line = text.splitlines().index("Frequency") + 2
    assert (line, "frequency 'sporadic' is a deprecated code: wrote 'regular', which replaces it") in imported.warnings
    assert import_page(text).case["institutional_design"]["frequency"] == "regular"  # the same page with the current code
    assert not any("deprecated" in message for _line, message in import_page(text).warnings)


def test_the_table_import_writes_the_replacement_of_a_label_of_a_deprecated_code_and_says_so(deprecating, tmp_path, capsys):
    import csv

    from conftest import ROOT

    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    table = tmp_path / "cases.csv"
    assert main(["export", str(tmp_path / "cases"), "-o", str(table)]) == 0
    header, *rows = list(csv.reader(table.open(encoding="utf-8", newline="")))
    column = header.index("frequency")
    rows = rows[:2]
    for row, ident, frequency in zip(rows, ("by-label", "by-code"), ("Sporadic", "sporadic")):
        row[header.index("id")], row[header.index("name")], row[column] = ident, ident.title(), frequency
        for n, name in enumerate(header):
            if name.startswith("related"):
                row[n] = ""  # new cases, related to none
    with table.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *rows])
    capsys.readouterr()
    assert main(["import", "--out", str(tmp_path / "cases"), str(table)]) == 0
    err = capsys.readouterr().err
    by_label = (tmp_path / "cases" / "peru" / "by-label.yaml").read_text(encoding="utf-8")
    assert "\n  frequency: regular\n" in by_label  # the label of 'sporadic': its replacement ...
    cell = f"{chr(ord('A') + column)}2"
    assert f"{table}:2:{column + 1}: frequency 'Sporadic' names the deprecated code 'sporadic': read as 'regular', which replaces it ({cell})" in err.splitlines()  # ... said
    by_code = (tmp_path / "cases" / "peru" / "by-code.yaml").read_text(encoding="utf-8")
    assert "\n  frequency: sporadic\n" in by_code  # the code itself, as written: LAT108 says what replaces it
    assert f"{table}:3:{column + 1}: LAT108 warning [deprecated-code] 'sporadic' is a deprecated" in err
    assert "'sporadic': read as" not in err.replace("'Sporadic' names the deprecated code 'sporadic': read as", "")
