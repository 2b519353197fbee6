"""Suppression comments: `# latinno-lint: ignore[LAT123] reason`."""

import pytest

from latinno_lint import lint_text
from latinno_lint.lint.config import Config

# File, schema and suppression rules only: these tests are about suppressions, and
# the consistency/completeness/cross-file rules have their own examples.
ONLY = Config(select=("LAT0", "LAT1", "LAT9"))
HEAD = "id: example\nname: Example council\ncountry: PE\ndescription: A council of residents.\n"
# line 6 of every case below holds the value under test
BAD_LINE = "institutional_design:\n  frequency: regularly{comment}\n"


def codes(text, config=ONLY):
    return [(f.line, f.code) for f in lint_text(text, path="case.yaml", config=config)]


def case(comment="", before=""):
    return HEAD + before + BAD_LINE.format(comment=comment)


def test_without_a_suppression_the_finding_is_reported():
    assert codes(case()) == [(6, "LAT101")]


def test_a_used_suppression_hides_the_finding_and_is_not_reported():
    assert codes(case("  # latinno-lint: ignore[LAT101] the coder confirmed 'regularly'")) == []


def test_a_comment_on_its_own_line_applies_to_the_next_yaml_line():
    text = HEAD + "institutional_design:\n  # latinno-lint: ignore[LAT101] reviewed\n\n  # another comment\n  frequency: regularly\n"
    assert codes(text) == []


def test_a_comment_on_its_own_line_covers_only_the_next_yaml_line():
    text = HEAD + "# latinno-lint: ignore[LAT101] reviewed\ninstitutional_design:\n  frequency: regularly\n"
    assert codes(text) == [(5, "LAT900"), (7, "LAT101")]


def test_an_unused_suppression_is_reported_where_it_is():
    found = lint_text(HEAD.replace("Example council", "Example council  # latinno-lint: ignore[LAT105] old"), path="c.yaml", config=ONLY)
    assert [(f.line, f.column, f.code, f.severity) for f in found] == [(2, 24, "LAT900", "warning")]
    assert "LAT105" in found[0].message and "line 2" in found[0].message


@pytest.mark.parametrize(
    "comment, why",
    [
        ("# latinno-lint: ignore[LAT101]", "gives no reason"),
        ("# latinno-lint: ignore[LAT101]   ", "gives no reason"),
        ("# latinno-lint: ignore[LAT999] typo", "names LAT999"),
        ("# latinno-lint: ignore[LAT1] a prefix", "names LAT1"),
        ("# latinno-lint: ignore[] empty", "names nothing"),
        ("# latinno-lint: ignore[unknown-code] a name", "names unknown-code"),
        ("# latinno-lint: disable", "malformed"),
        ("# latinno-lint: ignore LAT101 no brackets", "malformed"),
        ("# latinno-lint ignore[LAT101] no colon", "malformed"),
    ],
)
def test_invalid_suppressions_are_lat901_and_suppress_nothing(comment, why):
    found = lint_text(case("  " + comment), path="c.yaml", config=ONLY)
    assert [(f.line, f.code) for f in found] == [(6, "LAT101"), (6, "LAT901")]
    assert found[1].column == len("  frequency: regularly  ") + 1
    assert why in found[1].message


def test_codes_must_match_exactly():
    assert codes(case("  # latinno-lint: ignore[LAT106] another rule")) == [(6, "LAT101"), (6, "LAT900")]
    assert codes(case("  # latinno-lint: ignore[lat101] lower case, as the configuration accepts")) == []


def test_several_codes_in_one_suppression():
    text = HEAD + "institutional_design:\n  frequency: regularly\n  colour: red\n"
    assert codes(text) == [(6, "LAT101"), (7, "LAT102")]
    text = HEAD + "institutional_design:\n  # latinno-lint: ignore[LAT102, LAT101] both reviewed\n  frequency: regularly\n"
    assert codes(text) == [(6, "LAT900")], "LAT102 is not on the next line, so that half is unused"
    assert "LAT102" in lint_text(text, config=ONLY)[0].message


def test_file_level_findings_can_be_suppressed():
    text = HEAD + "name: Second  # latinno-lint: ignore[LAT005] kept while the coders decide\n"
    assert codes(text) == []


@pytest.mark.parametrize(
    "value",
    [
        '"Council # latinno-lint: ignore[LAT101] inside double quotes"',
        "'Council # latinno-lint: ignore[LAT101] inside single quotes'",
        '"Council\n  # latinno-lint: ignore[LAT101] on the second line of a quoted value"',
        "|\n  Council\n  # latinno-lint: ignore[LAT101] inside a literal block\n",
        ">\n  # latinno-lint: ignore[LAT101] inside a folded block\n",
    ],
)
def test_a_hash_inside_a_string_is_not_a_comment(value):
    text = HEAD + f"notes: {value}\n" + BAD_LINE.format(comment="")
    found = codes(text)
    assert [c for _, c in found] == ["LAT101"], found


def test_a_hash_inside_a_quoted_key_is_not_a_comment():
    text = HEAD + "institutional_design:\n  frequency: regularly\n'# latinno-lint: ignore[LAT101] key': 1\n"
    assert [c for _, c in codes(text)] == ["LAT101", "LAT102"]


def test_a_real_comment_after_a_quoted_hash_still_counts():
    text = HEAD + 'notes: "a # b"  # latinno-lint: ignore[LAT105] reviewed\n'
    assert codes(text) == [(5, "LAT900")]


def test_comments_that_only_mention_the_tool_are_ignored():
    assert codes(HEAD + "# checked with latinno-lint\nnotes: ok  # latinno-lint runs in CI\n") == []


def test_crlf_and_cr_only_files():
    for newline in ("\r\n", "\r"):
        text = case("  # latinno-lint: ignore[LAT101] reviewed").replace("\n", newline)
        assert codes(text) == []
        text = (HEAD + "# latinno-lint: ignore[LAT101] reviewed\n\n" + BAD_LINE.format(comment="")).replace("\n", newline)
        assert codes(text) == [(5, "LAT900"), (8, "LAT101")]


def test_a_suppression_of_a_disabled_rule_is_not_reported_unused():
    config = Config(select=ONLY.select, ignore=("LAT101",))
    assert codes(case("  # latinno-lint: ignore[LAT101] reviewed"), config) == []
    assert codes(HEAD + "notes: x  # latinno-lint: ignore[LAT101] reviewed\n", Config(select=ONLY.select, ignore=("LAT900",))) == []


def test_invalid_suppressions_can_be_switched_off():
    assert codes(case("  # latinno-lint: disable"), Config(select=ONLY.select, ignore=("LAT901",))) == [(6, "LAT101")]
