"""--fix and --diff: every fixable kind is fixed, once; everything else in the file
survives byte for byte; a broken or unsafe result is never written."""

import os
import stat

import pytest

from latinno_lint import lint_paths, lint_text
from latinno_lint.cli import main
from latinno_lint.lint import fix
from latinno_lint.lint.config import Config

# File, schema and suppression rules only: these tests are about fixing, and
# the consistency/completeness/cross-file rules have their own examples.
ONLY = Config(select=("LAT0", "LAT1", "LAT9"))
SELECT = ["--select", "LAT0,LAT1,LAT9"]
HEAD = "id: example\nname: Example council\ncountry: PE\ndescription: A council of residents.\n"

KINDS = [
    # (what, before, after) -- `before` and `after` follow HEAD
    ("LAT101 label to code", "institutional_design:\n  frequency: Regular\n", "institutional_design:\n  frequency: regular\n"),
    ("LAT101 latinno.net sentence", "institutional_design:\n  decisiveness: democratic innovation yields a binding decision\n", "institutional_design:\n  decisiveness: binding\n"),
    ("LAT101 list item", "means: [deliberation, E-Participation]\n", "means: [deliberation, e_participation]\n"),
    ("LAT104 text to list", "institutional_design:\n  participants: citizens civil society\n", "institutional_design:\n  participants: [citizens, civil_society]\n"),
    ("LAT104 yes to true", "institutional_design:\n  co_governance: 'yes'\n", "institutional_design:\n  co_governance: true\n"),
    ("LAT104 quoted year", "start_year: '2010'\n", "start_year: 2010\n"),
    ("LAT106 flow duplicates", "means: [deliberation, e_participation, deliberation]\n", "means: [deliberation, e_participation]\n"),
    ("LAT106 block duplicates", "means:\n  - deliberation\n  - e_participation\n  - deliberation\n", "means:\n  - deliberation\n  - e_participation\n"),
    ("LAT007 boolean name", "notes: no\n", 'notes: "no"\n'),
    ("LAT007 date in text", "sources:\n  - url: https://latinno.net/x\n    title: 2020-01-01\n", 'sources:\n  - url: https://latinno.net/x\n    title: "2020-01-01"\n'),
    ("two rounds: code then duplicate", "means: [E-Participation, e_participation]\n", "means: [e_participation]\n"),
]


def write(tmp_path, text, name="case.yaml", mode="w"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def run(capsys, *args):
    code = main(["check", *SELECT, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("what, before, after", KINDS, ids=[k[0] for k in KINDS])
def test_each_fixable_kind_is_fixed_once(tmp_path, what, before, after):
    path = write(tmp_path, HEAD + before)
    found = lint_text(HEAD + before, config=ONLY)
    assert found and all(f.fixable for f in found), found
    report = lint_paths([str(path)], ONLY, fix_files=True)
    assert path.read_text(encoding="utf-8") == HEAD + after
    assert report.fixed_files == [str(path)] and report.findings == []
    again = lint_paths([str(path)], ONLY, fix_files=True)
    assert again.fixed_files == [] and path.read_text(encoding="utf-8") == HEAD + after


COMMENTED = """\
# yaml-language-server: $schema=../../schema/case.schema.json
id: example   # the slug
name:   Example council
country: PE

# how it works
description: >-
  A council of residents.   # not a comment: part of the text
institutional_design:
  frequency:   Regular   # was "Regular" on the page
  selection: open
means:
  - deliberation  # at the meetings
  # the portal:
  - e_participation
  - deliberation
ends: [ accountability ]  # kept as written
"""

COMMENTED_FIXED = COMMENTED.replace("frequency:   Regular ", "frequency:   regular ").replace("  - e_participation\n  - deliberation\n", "  - e_participation\n")


def test_comments_key_order_and_untouched_lines_survive_byte_for_byte(tmp_path):
    path = write(tmp_path, COMMENTED)
    lint_paths([str(path)], ONLY, fix_files=True)
    assert path.read_text(encoding="utf-8") == COMMENTED_FIXED


def test_list_fixes_keep_each_kept_items_lines_and_comments(tmp_path):
    text = HEAD + "means:\n  - e_participation  # online\n  # between\n  - deliberation\n  - e_participation\nends: [accountability]\n"
    path = write(tmp_path, text)
    lint_paths([str(path)], ONLY, fix_files=True)
    assert path.read_text(encoding="utf-8") == text.replace("  - deliberation\n  - e_participation\n", "  - deliberation\n")


def test_a_fix_that_would_drop_a_comment_is_not_made(tmp_path):
    text = HEAD + "means:\n  - e_participation\n  - e_participation  # keep: the coder's note\n"
    found = lint_text(text, config=ONLY)
    assert [(f.code, f.fixable) for f in found] == [("LAT106", False)], "not marked [*] when --fix would not fix it"
    path = write(tmp_path, text)
    assert lint_paths([str(path)], ONLY, fix_files=True).fixed_files == []
    assert path.read_text(encoding="utf-8") == text


def test_flow_list_with_a_comment_inside_is_not_rewritten(tmp_path):
    text = HEAD + "means: [e_participation,  # online\n  e_participation]\n"
    assert [(f.code, f.fixable) for f in lint_text(text, config=ONLY)] == [("LAT106", False)]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_line_breaks_are_kept(tmp_path, newline):
    text = (HEAD + "institutional_design:\n  frequency: Regular\nmeans:\n  - deliberation\n  - deliberation\n  - e_participation\n").replace("\n", newline)
    path = write(tmp_path, text)
    lint_paths([str(path)], ONLY, fix_files=True)
    expected = (HEAD + "institutional_design:\n  frequency: regular\nmeans:\n  - deliberation\n  - e_participation\n").replace("\n", newline)
    assert path.read_bytes() == expected.encode("utf-8")


def test_a_utf8_bom_is_kept(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + (HEAD + "institutional_design:\n  frequency: Regular\n").encode("utf-8"))
    lint_paths([str(path)], ONLY, fix_files=True)
    assert path.read_bytes() == b"\xef\xbb\xbf" + (HEAD + "institutional_design:\n  frequency: regular\n").encode("utf-8")


def test_non_ascii_text_before_the_fix(tmp_path):
    text = "id: example\nname: Consejo de Participación Ciudadana — ñandú\ncountry: PE\ndescription: Concejo 😀 vecinal.\ninstitutional_design: {selection: open, frequency: Regular}\n"
    path = write(tmp_path, text)
    lint_paths([str(path)], ONLY, fix_files=True)
    assert path.read_text(encoding="utf-8") == text.replace("Regular", "regular")


def test_file_mode_is_kept_and_a_symbolic_link_stays_a_link(tmp_path):
    target = write(tmp_path, HEAD + "institutional_design:\n  frequency: Regular\n", name="real.yaml")
    os.chmod(target, 0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    lint_paths([str(link)], ONLY, fix_files=True)
    assert link.is_symlink()
    assert "frequency: regular" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"], "no temporary file left behind"


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, capsys):
    text = HEAD + "institutional_design:\n  frequency: Regular\n"
    path = write(tmp_path, text)
    before = path.stat()
    code, out, err = run(capsys, "--diff", str(path))
    assert code == 1
    assert out == (f"--- a/{path}\n+++ b/{path}\n@@ -3,4 +3,4 @@\n country: PE\n description: A council of residents.\n institutional_design:\n-  frequency: Regular\n+  frequency: regular\n")
    assert err == "1 file would be fixed; run with --fix to apply.\n"
    assert path.read_text(encoding="utf-8") == text and path.stat().st_mtime_ns == before.st_mtime_ns


def test_diff_with_nothing_to_fix_exits_0_even_with_other_errors(tmp_path, capsys):
    path = write(tmp_path, HEAD + "institutional_design:\n  frequency: regularly\n")
    assert run(capsys, "--diff", str(path)) == (0, "", "Nothing to fix.\n")


def test_diff_marks_a_last_line_without_a_line_break(tmp_path, capsys):
    path = write(tmp_path, HEAD + "institutional_design:\n  frequency: Regular")
    code, out, _ = run(capsys, "--diff", str(path))
    assert out.endswith("-  frequency: Regular\n\\ No newline at end of file\n+  frequency: regular\n\\ No newline at end of file\n")


def test_diff_cannot_be_combined_with_another_format(tmp_path, capsys):
    path = write(tmp_path, HEAD)
    code, out, err = run(capsys, "--diff", "--format", "json", str(path))
    assert code == 2 and "cannot be combined" in err


def test_fix_reports_what_is_left_and_how_many_files_it_fixed(tmp_path, capsys):
    path = write(tmp_path, HEAD + "institutional_design:\n  frequency: Regular\n  selection: openly\n")
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 1
    assert out.startswith(f"{path}:7:14: LAT101 error [unknown-code] 'openly'")
    assert out.count("\n") == 1
    assert err == "Checked 1 file: 1 error, 0 warnings; fixed 1 file.\n"


@pytest.mark.parametrize(
    "text",
    [
        HEAD + "institutional_design:\n  frequency: Regular\nnotes: [unclosed\n",
        HEAD + "institutional_design:\n  frequency: Regular\nname: twice\n",
        HEAD + "means: &m [E-Participation]\nends: *m\n",
    ],
    ids=["syntax error", "duplicate key", "alias"],
)
def test_a_file_with_a_yaml_error_is_never_touched(tmp_path, capsys, text):
    path = write(tmp_path, text)
    code, out, _ = run(capsys, "--fix", str(path))
    assert code == 1 and "[*]" not in out
    assert path.read_text(encoding="utf-8") == text


def test_a_fix_that_would_break_the_yaml_is_not_written(tmp_path, monkeypatch):
    text = HEAD + "institutional_design:\n  frequency: Regular\n"
    path = write(tmp_path, text)
    monkeypatch.setattr(fix, "render_scalar", lambda value: "[broken")
    report = lint_paths([str(path)], ONLY, fix_files=True)
    assert path.read_text(encoding="utf-8") == text
    assert [f.code for f in report.findings] == ["LAT101"] and report.fixed_files == []


def test_a_fix_that_would_change_the_meaning_is_not_written(tmp_path, monkeypatch):
    text = HEAD + "institutional_design:\n  frequency: Regular\n"
    path = write(tmp_path, text)
    monkeypatch.setattr(fix, "render_scalar", lambda value: "yes")  # valid YAML, but a boolean, not the code
    assert lint_paths([str(path)], ONLY, fix_files=True).fixed_files == []
    assert path.read_text(encoding="utf-8") == text


def test_one_bad_fix_does_not_block_the_others(tmp_path, monkeypatch):
    text = HEAD + "institutional_design:\n  frequency: Regular\n  selection: Open\n"
    path = write(tmp_path, text)
    real = fix.render_scalar
    monkeypatch.setattr(fix, "render_scalar", lambda value: "[broken" if value == "open" else real(value))
    lint_paths([str(path)], ONLY, fix_files=True)
    assert path.read_text(encoding="utf-8") == text.replace("Regular", "regular")


def test_a_failed_write_leaves_the_file_and_exits_2(tmp_path, capsys, monkeypatch):
    text = HEAD + "institutional_design:\n  frequency: Regular\n"
    path = write(tmp_path, text)

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code, out, err = run(capsys, "--fix", str(path))
    assert code == 2
    assert f"latinno-lint: {path}: cannot write the fixes: Permission denied; the file was left as it was\n" in err
    assert "Traceback" not in err
    assert path.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml"], "the temporary file is removed"


def test_write_atomic_replaces_the_whole_file(tmp_path):
    path = write(tmp_path, "old content that is longer\n")
    os.chmod(path, 0o600)
    fix.write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n" and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_render_scalar_quotes_what_yaml_would_read_as_something_else():
    assert fix.render_scalar("regular") == "regular"
    for text in ("no", "NO", "2010", "2020-01-01", "null", "", " padded", "a: b", "#x", "1e3", "0o17", ".5", "- x", "line\nbreak"):
        rendered = fix.render_scalar(text)
        assert rendered.startswith('"'), text
    assert (fix.render_scalar(True), fix.render_scalar(2010), fix.render_scalar(None)) == ("true", "2010", "null")
