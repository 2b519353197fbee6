"""Every finding is placed at the right line and column: 1-based, counting
characters (not bytes), whatever the line breaks, with or without a BOM."""

import pytest

from latinno_lint import lint_paths, lint_text
from latinno_lint.lint.config import Config

# File, schema and suppression rules only: these tests are about positions, and
# the consistency/completeness/cross-file rules have their own examples.
ONLY = Config(select=("LAT0", "LAT1", "LAT9"))
HEAD = "id: example\nname: Example council\ncountry: PE\ndescription: A council.\n"


def spans(text, code=None):
    """(line, column, end_line, end_column) of each finding (of ``code``)."""
    return [(f.line, f.column, f.end_line, f.end_column) for f in lint_text(text, config=ONLY) if code in (None, f.code)]


def test_a_value():
    text = HEAD + "institutional_design:\n  frequency: regularly\n"
    assert spans(text) == [(6, 14, 6, 23)]


def test_an_unknown_key_is_placed_on_the_key():
    text = HEAD + "institutional_design:\n  frequency: regular\n  colour: red\n"
    assert spans(text) == [(7, 3, 7, 9)]


def test_a_missing_key_is_placed_on_the_enclosing_mapping():
    assert spans("id: example\nname: Nn\ndescription: A council.\n") == [(1, 1, 1, 1)]
    text = HEAD + "sources:\n  - title: The page\n    accessed: '2024-01-01'\n"
    assert spans(text) == [(6, 5, 6, 5)], "the mapping of the list item, where 'url' belongs"


def test_an_empty_value_is_placed_on_its_key():
    text = "id: example\nname:\ncountry: PE\ndescription: A council.\n"
    assert spans(text) == [(2, 1, 2, 5)]


def test_an_empty_quoted_value_is_placed_on_the_quotes():
    text = "id: example\nname: ''\ncountry: PE\ndescription: A council.\n"
    assert spans(text) == [(2, 7, 2, 9)]


def test_items_of_flow_and_block_lists():
    assert spans(HEAD + "means: [deliberation, Bogus]\n") == [(5, 23, 5, 28)]
    assert spans(HEAD + "means:\n  - deliberation\n  - Bogus\n") == [(7, 5, 7, 10)]
    assert spans(HEAD + "means:\n- deliberation\n- Bogus\n") == [(7, 3, 7, 8)]


def test_a_whole_list_is_placed_at_its_start():
    assert spans(HEAD + "means: [deliberation, deliberation]\n") == [(5, 8, 5, 8)]
    assert spans(HEAD + "means:\n  - deliberation\n  - deliberation\n") == [(6, 3, 6, 3)]
    assert spans(HEAD + "means: []\n") == [(5, 8, 5, 8)]


def test_quoted_scalars_include_their_quotes():
    assert spans(HEAD + "institutional_design:\n  frequency: 'regularly'\n") == [(6, 14, 6, 25)]
    assert spans(HEAD + 'institutional_design:\n  frequency: "regularly"\n') == [(6, 14, 6, 25)]
    assert spans(HEAD + 'institutional_design:\n  frequency: "regu\n    larly"\n') == [(6, 14, 7, 11)]


def test_block_scalars_start_at_their_indicator():
    assert spans(HEAD + "institutional_design:\n  frequency: |\n    regularly\n") == [(6, 14, 8, 1)]
    assert spans(HEAD + "institutional_design:\n  frequency: >-\n    regularly\n")[0][:2] == (6, 14)


def test_file_level_problems():
    assert spans(HEAD + "name: again\n", "LAT005") == [(5, 1, 5, 1)]
    assert spans(HEAD + "notes: 'never closed\n", "LAT001") == [(5, 8, 5, 8)]
    assert spans("id: x\nname:\n\t- tab\n", "LAT001")[0][:2] == (3, 1)


def test_non_ascii_text_before_the_value_counts_characters():
    text = HEAD + "institutional_design: {selection: ñandú, frequency: regularly}\n"
    assert spans(text) == [(5, 35, 5, 40), (5, 53, 5, 62)]
    text = HEAD.replace("A council.", "Concejo 😀 ciudadano") + "notes: '😀'\ninstitutional_design: {selection: 'Ñ😀', frequency: regularly}\n"
    assert spans(text) == [(6, 35, 6, 39), (6, 52, 6, 61)]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_line_breaks_do_not_move_positions(tmp_path, newline):
    text = (HEAD + "institutional_design:\n  frequency: regularly\n  colour: red\nmeans:\n  - Bogus\n").replace("\n", newline)
    expected = [(6, 14, 6, 23), (7, 3, 7, 9), (9, 5, 9, 10)]
    assert spans(text) == expected
    path = tmp_path / "case.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert [(f.line, f.column, f.end_line, f.end_column) for f in lint_paths([str(path)], ONLY).findings] == expected


def test_a_bom_does_not_count_as_a_column(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + b"id: Bad_ID\nname: Nn\ncountry: PE\ndescription: A council.\ninstitutional_design:\n  frequency: regularly\n")
    found = lint_paths([str(path)], ONLY).findings
    assert [(f.line, f.column, f.end_line, f.end_column, f.code) for f in found] == [(1, 5, 1, 11, "LAT105"), (6, 14, 6, 23, "LAT101")]


def test_invalid_utf8_is_placed_at_the_bad_byte(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_bytes("id: x\nname: Participación\n".encode() + b"notes: caf\xe9\n")
    assert [(f.line, f.column, f.code) for f in lint_paths([str(path)], ONLY).findings] == [(3, 11, "LAT002")]
