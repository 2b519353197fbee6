"""Hostile and broken input (issue 8): for every input the command line and the
API finish, name the file (and line and column where there is one), exit with
the documented code, never print a traceback, and --fix loses nothing.

Every file input runs through `python -m latinno_lint check` and `check --fix`
in a subprocess and through lint_text / lint_paths.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from latinno_lint import lint_paths, lint_text
from latinno_lint.lint import runner
from latinno_lint.lint.source import MAX_BYTES, MAX_VALUES

from conftest import ROOT

CASE_ID = "open-government-action-plan"
BASE = (ROOT / "cases" / "peru" / f"{CASE_ID}.yaml").read_text(encoding="utf-8")
# the same case with one fixable error: participants as text, not a list
BAD = BASE.replace("  participants: [citizens, civil_society]\n", "  participants: citizens civil_society\n")
BAD_LINE = BAD.splitlines().index("  participants: citizens civil_society") + 1
BAD_AT = (BAD_LINE, 17, "LAT104")


def cli(*args, timeout=120):
    """Run the command line in a subprocess; no run may print a traceback."""
    proc = subprocess.run([sys.executable, "-m", "latinno_lint", *map(str, args)], capture_output=True, text=True, errors="backslashreplace", timeout=timeout)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc


def places(proc) -> set:
    """(path, line, column, code) of every finding the text output printed."""
    found = set()
    for line in proc.stdout.splitlines():
        match = re.match(r"^(.*):(\d+):(\d+): (LAT\d{3}) ", line)
        assert match, f"not a finding line: {line!r}"
        found.add((match.group(1), int(match.group(2)), int(match.group(3)), match.group(4)))
    return found


def case_file(tmp_path: Path, content: bytes, name: str = CASE_ID) -> Path:
    """A case file where the dataset rules expect it: cases/peru/<id>.yaml."""
    path = tmp_path / "cases" / "peru" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def check_both_ways(path: Path, expect_exit: int, expect: set, *, fixed: bytes | None = None):
    """`check` and `check --fix` in a subprocess and lint_paths in process: the
    same exit code, each expected (line, column, code) reported at ``path``, and
    after --fix the file holds ``fixed`` (by default: the very same bytes)."""
    before = path.read_bytes()
    proc = cli("check", path)
    assert proc.returncode == expect_exit, proc.stdout + proc.stderr
    shown = places(proc)
    assert {(str(path), *where) for where in expect} <= shown, shown
    assert {p for p, *_ in shown} <= {str(path)}
    assert path.read_bytes() == before  # check alone never writes
    report = lint_paths([str(path)])
    assert {(f.line, f.column, f.code) for f in report.findings} >= expect
    assert all(f.path == str(path) for f in report.findings)
    fix = cli("check", "--fix", path)
    assert fix.returncode in (0, 1)
    assert path.read_bytes() == (before if fixed is None else fixed)
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".latinno-lint-")]
    return proc


# --- file contents -----------------------------------------------------------


def test_empty_file(tmp_path):
    path = case_file(tmp_path, b"")
    check_both_ways(path, 1, {(1, 1, "LAT003")})
    assert [f.code for f in lint_text("")] == ["LAT003"]


def test_only_comments(tmp_path):
    path = case_file(tmp_path, b"# a case will go here\n\n# nothing yet\n")
    check_both_ways(path, 1, {(1, 1, "LAT003")})


@pytest.mark.parametrize("content", ["---\n", "--- # empty\n...\n"])
def test_empty_document(tmp_path, content):
    path = case_file(tmp_path, content.encode())
    check_both_ways(path, 1, {(1, 1, "LAT003")})


@pytest.mark.parametrize(
    "content, what",
    [
        ("just some text\n", "holds text"),
        ("- id: a\n- id: b\n", "holds a list"),
        ("42\n", "holds a number"),
        ("null\n", "null"),  # data None used to skip every check: a silent pass
        ("~\n", "null"),
    ],
)
def test_top_level_not_a_mapping(tmp_path, content, what):
    path = case_file(tmp_path, content.encode())
    proc = check_both_ways(path, 1, {(1, 1, "LAT104")})
    assert what in proc.stdout
    assert [f.code for f in lint_text(content)] == ["LAT104"]


def test_several_documents(tmp_path):
    path = case_file(tmp_path, (BASE + "---\n" + BASE).encode())
    second = len(BASE.splitlines()) + 1
    check_both_ways(path, 1, {(second, 1, "LAT004")})


def test_invalid_utf8_names_the_first_bad_byte(tmp_path):
    content = BASE.replace("name: Open Government Action Plan", "name: Plan de Participaci\udce7n", 1)
    path = case_file(tmp_path, content.encode("utf-8", "surrogateescape"))
    line = BASE.splitlines().index("name: Open Government Action Plan") + 1
    proc = check_both_ways(path, 1, {(line, 26, "LAT002")})
    assert "0xe7" in proc.stdout


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_refused(tmp_path, codec):
    raw = BASE.encode(codec)
    if codec == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    path = case_file(tmp_path, raw)
    proc = check_both_ways(path, 1, {(1, 1, "LAT002")})
    assert ("UTF-32" if codec == "utf-32" else "UTF-16") in proc.stdout


def test_utf8_bom_is_accepted_positions_unchanged_and_kept_by_fix(tmp_path):
    path = case_file(tmp_path, codecs.BOM_UTF8 + BASE.encode())
    check_both_ways(path, 0, set())
    path.write_bytes(codecs.BOM_UTF8 + BAD.encode())
    check_both_ways(path, 1, {BAD_AT}, fixed=codecs.BOM_UTF8 + BASE.encode())


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings_keep_positions_and_fix_keeps_them(tmp_path, newline):
    path = case_file(tmp_path, BAD.replace("\n", newline).encode())
    check_both_ways(path, 1, {BAD_AT}, fixed=BASE.replace("\n", newline).encode())
    assert BAD_AT in {(f.line, f.column, f.code) for f in lint_text(BAD.replace("\n", newline))}


def test_tab_indentation_is_a_syntax_error_at_the_tab(tmp_path):
    content = BASE.replace("  participants: [", "\tparticipants: [")
    path = case_file(tmp_path, content.encode())
    proc = check_both_ways(path, 1, {(BAD_LINE, 1, "LAT001")})
    assert "tab" in proc.stdout


def test_tab_inside_a_value_is_fine(tmp_path):
    content = BASE.replace("name: Open Government Action Plan", 'name: "Open Government\\tAction Plan"')
    path = case_file(tmp_path, content.encode())
    check_both_ways(path, 0, set())


def test_nul_bytes(tmp_path):
    path = case_file(tmp_path, BASE.replace("country: PE", "country: P\x00E").encode())
    line = BASE.splitlines().index("country: PE") + 1
    proc = check_both_ways(path, 1, {(line, 11, "LAT001")})
    assert "U+0000 is not allowed" in proc.stdout
    assert [(f.line, f.column, f.code) for f in lint_text(BASE.replace("country: PE", "country: P\x00E"))] == [(line, 11, "LAT001")]
    # an escaped NUL inside quotes is legal YAML: a value, checked like any other
    escaped = BASE.replace("country: PE", 'country: "P\\0E"')
    assert (line, 10, "LAT101") in {(f.line, f.column, f.code) for f in lint_text(escaped)}


def test_50_mb_file_is_refused_without_reading_it_all(tmp_path):
    path = case_file(tmp_path, b"")
    with open(path, "wb") as handle:
        handle.write(BASE.encode())
        handle.write((b"# " + b"x" * 1021 + b"\n") * (50 * 1024))
    assert path.stat().st_size > 50_000_000
    proc = check_both_ways(path, 1, {(1, 1, "LAT008")})  # cli()'s timeout is the hang guard
    assert f"larger than {MAX_BYTES:,} bytes" in proc.stdout
    assert [f.code for f in lint_text("x" * (MAX_BYTES + 1))] == ["LAT008"]


def test_100000_line_text_is_handled(tmp_path):
    lines = "".join(f"  w{i % 10}\n" for i in range(100_000))
    content = BASE.replace("description: >-\n", "description: >-\n" + lines, 1)
    assert content.count("\n") > 100_000 and len(content) < MAX_BYTES
    path = case_file(tmp_path, content.encode())
    check_both_ways(path, 0, set())


def test_100000_line_list_is_refused_with_a_clear_message(tmp_path):
    content = BASE.replace("\nnotes: ", "\nnotes_list:\n" + "  - x\n" * 100_000 + "notes: ")
    assert content.count("\n") > 100_000 and len(content) < MAX_BYTES
    path = case_file(tmp_path, content.encode())
    proc = check_both_ways(path, 1, set())
    assert f"more than {MAX_VALUES:,} values" in proc.stdout and "LAT008" in proc.stdout


def test_very_long_lines_keep_positions(tmp_path):
    content = BAD.replace("name: Open Government Action Plan", "name: " + "Plan " * 150_000)
    path = case_file(tmp_path, content.encode())
    fixed = content.replace("participants: citizens civil_society", "participants: [citizens, civil_society]")
    check_both_ways(path, 1, {BAD_AT}, fixed=fixed.encode())


# --- deep nesting: libyaml's composer recurses in C and would crash the process

DEEP = {
    "10,000-deep flow lists": "notes: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "100,000-deep flow lists": "notes: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "100,000-deep flow mappings": "notes: " + "{a: " * 100_000 + "}" * 100_000 + "\n",
    "100,000-deep block lists on one line": "notes:\n  " + "- " * 100_000 + "x\n",
    "100,000-deep complex keys": "notes:\n  " + "? " * 100_000 + "x\n",
    "block lists holding flow lists": "notes:\n  " + "- " * 600 + "[" * 600 + "x" + "]" * 600 + "\n",
    "block lists holding mappings": "notes:\n  " + "- ? " * 30_000 + "x\n",
    "indented mappings holding block lists": "notes:\n" + "".join(" " * i + "a:\n" for i in range(1, 500)) + " " * 500 + "- " * 600 + "x\n",
    "brackets in a quoted key": '"' + "[" * 5_000 + '": 1\n',
}


@pytest.mark.parametrize("name", DEEP)
def test_deep_nesting_is_refused_not_crashed(tmp_path, name):
    content = DEEP[name] if DEEP[name].startswith('"') else BASE + DEEP[name]
    path = case_file(tmp_path, content.encode())
    proc = check_both_ways(path, 1, set())
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: LAT008 .*nests more than 500 levels", proc.stdout, re.M), proc.stdout
    assert "LAT008" in {f.code for f in lint_text(content)}


def test_deep_indented_nesting_reports_the_65th_level(tmp_path):
    # indentation makes the file grow with the square of the depth: 1,400 levels fill 1 MB; past 500 the pre-parse check answers instead
    content = BASE + "notes2:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(450))
    assert len(content) < MAX_BYTES
    path = case_file(tmp_path, content.encode())
    start = len(BASE.splitlines()) + 1
    check_both_ways(path, 1, {(start + 65, 66, "LAT008")})


def test_10000_deep_nesting_past_the_size_limit_is_refused(tmp_path):
    content = "".join(" " * i + "a:\n" for i in range(10_000))
    path = case_file(tmp_path, content.encode())
    check_both_ways(path, 1, {(1, 1, "LAT008")})


def test_without_libyaml_deep_nesting_and_bad_characters_are_findings(monkeypatch):
    import yaml

    from latinno_lint.lint import source

    monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    monkeypatch.delattr(yaml, "CSafeLoader")  # as on a machine where PyYAML was built without libyaml
    line = BASE.splitlines().index("country: PE") + 1
    assert [(f.line, f.column, f.code) for f in lint_text(BASE.replace("country: PE", "country: P\x00E"))] == [(line, 11, "LAT001")]
    monkeypatch.setattr(source, "_MAX_NESTING", 50_000)  # past the guard: the RecursionError path
    findings = lint_text("notes:\n  " + "- " * 5_000 + "x\n")
    assert "LAT008" in {f.code for f in findings}


def test_a_flood_of_aliases_is_bounded(tmp_path):
    content = BASE + "x: &a 1\nflood: [" + ",".join(["*a"] * 300_000) + "]\n"
    path = case_file(tmp_path, content.encode())
    proc = check_both_ways(path, 1, set())
    assert f"more than {MAX_VALUES:,} values" in proc.stdout


# --- YAML features that must never be expanded or constructed -----------------


def test_billion_laughs_is_not_expanded(tmp_path):
    bomb = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    content = BASE + bomb
    path = case_file(tmp_path, content.encode())
    proc = check_both_ways(path, 1, set())  # 9^9 values if expanded: cli()'s timeout would end it
    assert proc.stdout.count("LAT006") == 81  # one per alias, none expanded, each where it is written
    start = len(BASE.splitlines()) + 1
    aliases = {(line, column) for _p, line, column, code in places(proc) if code == "LAT006"}
    assert aliases == {(start + i, 12 + 5 * k) for i in range(1, 10) for k in range(9)}


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/new:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        "!!python/object:argparse.Namespace {{a: 1}}",
        "!custom {{a: 1}}",
        "!<tag:example.org,2024:thing> x",
    ],
)
def test_tags_are_never_constructed(tmp_path, tag):
    marker = tmp_path / "constructed"
    content = BASE.replace("country: PE", "country: " + tag.format(marker=marker))
    line = BASE.splitlines().index("country: PE") + 1
    path = case_file(tmp_path, content.encode())
    check_both_ways(path, 1, {(line, 10, "LAT009")})
    assert (line, 10, "LAT009") in {(f.line, f.column, f.code) for f in lint_text(content)}
    assert not marker.exists()


# --- keys and values of the wrong kind ------------------------------------------


def test_keys_that_are_numbers_booleans_null_or_collections(tmp_path):
    extra = "1: one\ntrue: yes\nnull: nothing\n2020-01-01: a date\n? [a, b]\n: a list as key\n? {a: 1}\n: a mapping as key\n"
    content = BASE + extra
    start = len(BASE.splitlines()) + 1
    expect = {(start, 1, "LAT102"), (start + 1, 1, "LAT102"), (start + 2, 1, "LAT102"), (start + 3, 1, "LAT102"), (start + 4, 3, "LAT012"), (start + 6, 3, "LAT012")}
    path = case_file(tmp_path, content.encode())
    check_both_ways(path, 1, expect)


@pytest.mark.parametrize(
    "value, exit_code",
    [
        ("9" * 5_000, 1),  # past Python's int-from-text limit: LAT008, kept as text
        ('"' + "9" * 5_000 + '"', 1),  # the same as text: used to raise ValueError
        ('"²"', 1),  # str.isdigit() is true, int() refuses: used to raise ValueError
        ("1e999999", 1),  # a float that overflows to infinity
        ("-.inf", 1),
        (".nan", 1),
        ("0x" + "f" * 1_000, 0),  # a (very) whole number
        ("190:20:30", 1),  # YAML 1.1 base-60 integer 685830, text in YAML 1.2: LAT007
        ("08" + "9" * 5_000, 1),  # text to YAML 1.1, a number past the int-from-text limit to YAML 1.2
    ],
)
def test_huge_and_odd_numbers(tmp_path, value, exit_code):
    content = BASE.replace("country: PE\n", f"country: PE\nlatinno_id: {value}\n")
    line = BASE.splitlines().index("country: PE") + 2
    path = case_file(tmp_path, content.encode())
    check_both_ways(path, exit_code, {(line, 13, code) for code in ("LAT104",) if exit_code and value[0] == '"'})
    findings = lint_text(content)
    assert {f.line for f in findings if f.severity == "error"} == ({line} if exit_code else set())


# every place the schema wants text, given each kind of non-text value
TEXT_PLACES = {
    "id": "id: {v}\n",
    "name": "name: {v}\n",
    "name_original": "name_original: {v}\n",
    "country": "country: {v}\n",
    "description": "description: {v}\n",
    "notes": "notes: {v}\n",
    "formalization": "institutional_design:\n  formalization: {v}\n",
    "participants": "institutional_design:\n  participants: [{v}]\n",
    "policy_cycle": "policy_cycle: [{v}]\n",
    "means": "means: [{v}]\n",
    "countries": "countries: [{v}, AR]\n",
    "source url": "sources:\n  - url: {v}\n",
    "source title": "sources:\n  - url: https://example.org\n    title: {v}\n",
    "source accessed": "sources:\n  - url: https://example.org\n    accessed: {v}\n",
    "related id": "related:\n  - id: {v}\n    relation: implements\n",
    "related relation": "related:\n  - id: other-case\n    relation: {v}\n",
}
NON_TEXT = ["12", "-1.5", "true", "null", "2020-01-01", "[a, b]", "{a: 1}", "[]", "{}", '""']


def _replace_member(base: str, snippet: str) -> str:
    """``base`` with the top-level member that ``snippet`` sets replaced by it."""
    key = snippet.split(":", 1)[0]
    kept, skipping = [], False
    for line in base.splitlines(keepends=True):
        if not line.startswith((" ", "#")) and line.strip():
            skipping = line.startswith(key + ":")
        if not skipping:
            kept.append(line)
    return "".join(kept) + snippet


@pytest.mark.parametrize("place", TEXT_PLACES)
def test_non_text_values_where_text_is_expected(place):
    for value in NON_TEXT:
        snippet = TEXT_PLACES[place].format(v=value)
        content = _replace_member(BASE, snippet)
        after = snippet.splitlines()[[i for i, text in enumerate(snippet.splitlines()) if value in text][-1] + 1 :]
        line = len(content.splitlines()) - len(after)
        findings = lint_text(content, path="x.yaml")
        assert any(f.line == line and f.severity == "error" for f in findings), (place, value, findings)


def test_non_text_values_through_the_command_line(tmp_path):
    content = BASE.replace("name: Open Government Action Plan", "name: [1, {a: b}]").replace("country: PE", "country: 2020-01-01").replace("  frequency: regular", "  frequency: {a: [1]}")
    line = {k: BASE.splitlines().index(v) + 1 for k, v in [("name", "name: Open Government Action Plan"), ("country", "country: PE"), ("frequency", "  frequency: regular")]}
    path = case_file(tmp_path, content.encode())
    # the date is also one that YAML 1.2 reads as text (LAT007): --fix quotes it, as written
    check_both_ways(
        path,
        1,
        {(line["name"], 7, "LAT104"), (line["country"], 10, "LAT101"), (line["country"], 10, "LAT007"), (line["frequency"], 14, "LAT101")},
        fixed=content.replace("country: 2020-01-01", 'country: "2020-01-01"').encode(),
    )


def test_keys_and_values_with_line_breaks_and_terminal_escapes_stay_on_one_line(tmp_path):
    extra = r""""a\nb\e[2J": 1
"\u202eevil": 2
"a\nb\e[2J": 3
"""
    content = BASE.replace("  frequency: regular", r'  frequency: "regular\nly\e[31m"') + extra
    start = len(BASE.splitlines()) + 1
    path = case_file(tmp_path, content.encode())
    proc = check_both_ways(path, 1, {(BAD_LINE - 2, 14, "LAT101"), (start, 1, "LAT102"), (start + 1, 1, "LAT102"), (start + 2, 1, "LAT005")})
    assert "\x1b" not in proc.stdout and "\u202e" not in proc.stdout  # places() saw only whole finding lines
    assert "unknown key 'a\\nb\\x1b[2J'" in proc.stdout and "unknown key '\\u202eevil'" in proc.stdout


# --- paths that are not regular files ------------------------------------------


def _lat010(proc, path, words):
    assert proc.returncode == 1
    line = next(text for text in proc.stdout.splitlines() if text.startswith(f"{path}:1:1: LAT010"))
    assert words in line


def test_a_directory_passed_as_a_file_name_is_checked_as_a_folder(tmp_path):
    folder = tmp_path / "cases" / "peru"
    path = case_file(tmp_path, BAD.encode())
    proc = cli("check", folder)
    assert (str(path), *BAD_AT) in places(proc)
    empty = tmp_path / "empty.yaml"
    empty.mkdir()
    proc = cli("check", empty)
    assert proc.returncode == 2 and "no case files to check in" in proc.stderr  # a folder named like a file holds none


def test_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "cases" / "peru" / "pipe.yaml"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    for args in (("check", fifo), ("check", "--fix", fifo), ("check", fifo.parent)):
        _lat010(cli(*args, timeout=30), fifo, "not a regular file")  # opening it would block forever
    assert lint_paths([str(fifo)]).findings[0].code == "LAT010"


def test_fifo_in_the_dataset_does_not_block_the_index(tmp_path):
    fifo = tmp_path / "cases" / "peru" / "pipe.yaml"
    path = case_file(tmp_path, BAD.encode())
    os.mkfifo(fifo)
    proc = cli("check", path, timeout=60)  # the cross-file rules read the other cases
    assert proc.returncode == 1 and (str(path), *BAD_AT) in places(proc)


def test_refused_files_in_the_dataset_do_not_crash_the_index(tmp_path):
    case_file(tmp_path, (BASE + DEEP["100,000-deep block lists on one line"]).encode(), "too-deep")
    path = case_file(tmp_path, BAD.encode())
    proc = cli("check", path)
    assert proc.returncode == 1 and (str(path), *BAD_AT) in places(proc)


def test_broken_symlink(tmp_path):
    link = tmp_path / "cases" / "peru" / "gone.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(tmp_path / "nowhere.yaml")
    for args in (("check", link), ("check", "--fix", link)):
        _lat010(cli(*args), link, "broken symbolic link")
    assert not (tmp_path / "nowhere.yaml").exists()
    assert [f.code for f in lint_paths([str(link)]).findings] == ["LAT010"]


def test_symlinks_out_of_the_dataset_root_are_never_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.yaml"
    secret.write_text(BAD)
    before = secret.read_bytes()
    folder = tmp_path / "cases" / "peru"
    folder.mkdir(parents=True)
    file_link = folder / "linked.yaml"
    file_link.symlink_to(secret)
    dir_link = tmp_path / "cases" / "elsewhere"
    dir_link.symlink_to(outside, target_is_directory=True)
    for args in (("check", file_link), ("check", "--fix", file_link)):
        _lat010(cli(*args), file_link, "symbolic link")
    _lat010(cli("check", "--fix", folder), file_link, "symbolic link")
    _lat010(cli("check", "--fix", dir_link), dir_link, "symbolic link")
    _lat010(cli("check", "--fix", dir_link / "secret.yaml"), dir_link / "secret.yaml", "symbolic link")
    proc = cli("check", "--fix", tmp_path / "cases")
    assert "secret" not in proc.stdout  # the linked folder is not walked
    assert secret.read_bytes() == before and file_link.is_symlink()
    for given in (file_link, dir_link, dir_link / "secret.yaml", folder):
        assert {f.code for f in lint_paths([str(given)], fix_files=True).findings} == {"LAT010"}
    assert secret.read_bytes() == before


def test_fix_through_a_symlink_inside_the_dataset_keeps_the_link(tmp_path):
    real = case_file(tmp_path, BAD.encode())
    link = tmp_path / "cases" / "peru" / "alias.yaml"
    link.symlink_to(real.name)
    proc = cli("check", "--fix", link)
    assert link.is_symlink() and real.read_text() == BASE, proc.stdout


def _shared_tmp():
    folder = Path(tempfile.mkdtemp(prefix="latinno-lint-perm-"))
    folder.chmod(0o755)  # pytest's tmp_path is private to root; 'nobody' must reach the files
    return folder


def test_unreadable_file_and_unsearchable_folder(as_nobody):
    python, user = as_nobody
    folder = _shared_tmp()
    try:
        path = case_file(folder, BAD.encode())
        path.parent.parent.chmod(0o755)
        path.parent.chmod(0o755)
        path.chmod(0o000)
        hidden_folder = folder / "cases" / "locked"
        hidden_folder.mkdir(mode=0o000)
        hidden_folder.chmod(0o000)
        hidden = hidden_folder / "case.yaml"
        for args in (("check", path), ("check", "--fix", path)):
            proc = subprocess.run([*python, "-m", "latinno_lint", *map(str, args)], capture_output=True, text=True, cwd=folder, timeout=60, **user)
            assert "Traceback" not in proc.stdout + proc.stderr
            _lat010(proc, path, "permission denied")
        proc = subprocess.run([*python, "-m", "latinno_lint", "check", str(hidden), str(folder / "cases")], capture_output=True, text=True, cwd=folder, timeout=60, **user)
        assert "Traceback" not in proc.stdout + proc.stderr and proc.returncode == 1, proc.stderr
        assert f"{hidden}:1:1: LAT010" in proc.stdout and f"{path}:1:1: LAT010" in proc.stdout
        assert f"{hidden_folder}:1:1: LAT010" in proc.stdout  # walking the dataset does not skip it silently
        api = subprocess.run(
            [*python, "-c", f"from latinno_lint import lint_paths; print(sorted(f.code for f in lint_paths([{str(path)!r}, {str(hidden)!r}]).findings))"],
            capture_output=True,
            text=True,
            cwd=folder,
            timeout=60,
            **user,
        )
        assert api.stdout.strip() == "['LAT010', 'LAT010']", api.stderr
        assert path.stat().st_mode & 0o777 == 0
    finally:
        for p in folder.rglob("*"):
            p.chmod(0o755) if p.is_dir() else None
        shutil.rmtree(folder)


# --- files that change or disappear during the run ------------------------------

RACE = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from latinno_lint.lint import runner  # --fix reads and parses there
    from latinno_lint.cli import main
    target, action = Path(sys.argv[1]), sys.argv[2]
    real = runner.parse_bytes
    def racing(raw):  # the file is read; now someone else changes it
        if action == "delete":
            target.unlink()
        elif action == "edit":
            target.write_text(target.read_text() + "# edited by a person during the run\\n")
        return real(raw)
    runner.parse_bytes = racing
    sys.exit(main(sys.argv[3:]))
""")


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_file_changed_or_deleted_during_fix_is_not_overwritten(tmp_path, action):
    path = case_file(tmp_path, BAD.encode())
    proc = subprocess.run([sys.executable, "-c", RACE, str(path), action, "check", "--fix", str(path)], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 2  # a fix that could not be written fails the run
    said = f"latinno-lint: {path}: changed while it was being checked" if action == "edit" else f"latinno-lint: {path}: cannot write the fixes: No such file"
    assert said in proc.stderr
    if action == "delete":
        assert not path.exists()  # not brought back
    else:
        assert path.read_text() == BAD + "# edited by a person during the run\n"  # the edit survives
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_file_changed_or_deleted_during_fix_through_the_api(tmp_path, monkeypatch, action):
    path = case_file(tmp_path, BAD.encode())
    real = runner.parse_bytes

    def racing(raw):
        path.unlink() if action == "delete" else path.write_text(BASE)
        return real(raw)

    monkeypatch.setattr(runner, "parse_bytes", racing)
    report = lint_paths([str(path)], fix_files=True)
    assert report.fixed_files == []
    assert ("No such file" if action == "delete" else "changed while it was being checked") in report.files[0].error
    assert (not path.exists()) if action == "delete" else path.read_text() == BASE


def test_file_that_disappears_before_it_is_read(tmp_path, monkeypatch):
    path = case_file(tmp_path, BAD.encode())
    real = runner.discover

    def vanishing(paths, *args):
        found = real(paths, *args)
        path.unlink()
        return found

    monkeypatch.setattr(runner, "discover", vanishing)
    (finding,) = lint_paths([str(path)]).findings
    assert (finding.code, finding.path) == ("LAT010", str(path)) and "disappeared" in finding.message


def test_fix_in_a_folder_that_cannot_be_written_reports_and_goes_on(tmp_path, monkeypatch):
    first = case_file(tmp_path, BAD.encode(), "first-case")
    second = case_file(tmp_path, BAD.encode(), "second-case")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    report = lint_paths([str(first), str(second)], fix_files=True)
    assert [r.path for r in report.files if "Permission denied" in r.error] == [str(first), str(second)]
    assert first.read_text() == BAD and second.read_text() == BAD


# --- names and output ---------------------------------------------------------------


def test_file_names_that_are_not_utf8_and_output_that_is_not(tmp_path):
    folder = tmp_path / "cases" / "peru"
    folder.mkdir(parents=True)
    odd = os.fsencode(folder) + b"/caf\xe9.yaml"
    with open(odd, "wb") as handle:
        handle.write(BAD.encode())
    for encoding in ("utf-8", "ascii"):
        proc = subprocess.run([sys.executable, "-m", "latinno_lint", "check", str(folder)], capture_output=True, env={**os.environ, "PYTHONIOENCODING": encoding}, timeout=60)
        out = proc.stdout.decode("ascii", "replace")
        assert proc.returncode == 1 and b"Traceback" not in proc.stdout + proc.stderr, proc.stderr
        assert f"caf\\udce9.yaml:{BAD_LINE}:17: LAT104" in out
    proc = cli("check", "--format", "json", folder)
    assert json.loads(proc.stdout)[0]["path"].endswith("caf\udce9.yaml")


# --- internal errors ------------------------------------------------------------------

BOOM = textwrap.dedent("""
    import sys
    from latinno_lint.lint import rules
    from latinno_lint.cli import main
    def broken(case):
        raise KeyError("a bug in a rule")
    code = next(code for code, rule in rules.RULES.items() if rule.scope == "case")
    rules.RULES[code] = rules.RULES[code]._replace(check=broken)
    sys.exit(main(sys.argv[1:]))
""")


def test_internal_error_is_one_line_and_exit_2_and_debug_shows_the_traceback(tmp_path):
    path = case_file(tmp_path, BASE.encode())
    proc = subprocess.run([sys.executable, "-c", BOOM, "check", str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr.startswith("latinno-lint: internal error: KeyError: 'a bug in a rule'\n")
    assert "report" in proc.stderr and "--debug" in proc.stderr
    debug = subprocess.run([sys.executable, "-c", BOOM, "check", "--debug", str(path)], capture_output=True, text=True, timeout=60)
    assert debug.returncode == 2
    assert "Traceback (most recent call last)" in debug.stderr and "a bug in a rule" in debug.stderr


# --- --fix safety -----------------------------------------------------------------------


def test_fix_keeps_the_file_mode(tmp_path):
    path = case_file(tmp_path, BAD.encode())
    path.chmod(0o640)
    cli("check", "--fix", path)
    assert path.read_text() == BASE and path.stat().st_mode & 0o7777 == 0o640


def test_fix_never_touches_a_file_with_a_yaml_error(tmp_path):
    for problem in ("name: again\n", "notes2: *nowhere\n", "extra: !tag x\n"):
        path = case_file(tmp_path, (BAD + problem).encode())
        before = path.stat()
        proc = cli("check", "--fix", path)
        assert proc.returncode == 1
        after = path.stat()
        assert path.read_text() == BAD + problem
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_fix_never_touches_a_file_it_was_not_asked_to_check(tmp_path):
    asked = case_file(tmp_path, BAD.encode(), "asked-case")
    other = case_file(tmp_path, BAD.encode(), "other-case")
    stamp = other.stat().st_mtime_ns
    cli("check", "--fix", asked)
    assert asked.read_text() == BASE
    assert other.read_text() == BAD and other.stat().st_mtime_ns == stamp


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = case_file(tmp_path, BAD.encode())

    def crash(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    report = lint_paths([str(path)], fix_files=True)
    assert path.read_text() == BAD
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert "No space left on device" in report.files[0].error


PAUSE = textwrap.dedent("""
    import os, sys, time
    from latinno_lint.cli import main
    marker, where = sys.argv[1], sys.argv[2]
    real = getattr(os, where)
    def pause(*args):
        open(marker, "w").close()
        time.sleep(120)  # killed here
        return real(*args)
    setattr(os, where, pause)
    sys.exit(main(sys.argv[3:]))
""")


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_killed_while_writing_leaves_the_old_file_and_no_lintable_leftover(tmp_path, where):
    path = case_file(tmp_path, BAD.encode())
    marker = tmp_path / "paused"
    child = subprocess.Popen([sys.executable, "-c", PAUSE, str(marker), where, "check", "--fix", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        assert marker.exists(), "the run never reached the write"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert path.read_text() == BAD
    leftovers = [p for p in path.parent.iterdir() if p != path]
    assert leftovers and all(p.name.startswith(".latinno-lint-") for p in leftovers)
    proc = cli("check", tmp_path / "cases")  # a leftover is never linted
    assert {p for p, *_ in places(proc)} == {str(path)} and "Checked 1 file" in proc.stderr


def test_killed_at_random_moments_leaves_the_old_or_the_new_file(tmp_path):
    path = case_file(tmp_path, BAD.encode())
    command = [sys.executable, "-m", "latinno_lint", "check", "--fix", str(path)]
    start = time.monotonic()
    subprocess.run(command, capture_output=True, timeout=60)
    whole_run = time.monotonic() - start
    assert path.read_text() == BASE
    for attempt in range(12):  # kills spread over the whole run, from start-up to the rename
        path.write_text(BAD)
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole_run * attempt / 10)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert path.read_text() in (BAD, BASE), f"partial file after a kill at {whole_run * attempt / 10:.2f}s"


# --- latinno-lint import ------------------------------------------------------------------
# Empty, binary, not UTF-8, UTF-16, 10 MB, folder, missing file and another
# website's text: tests/test_importer.py (bad_inputs), in process and in a subprocess.

SEED_PAGE = ROOT / "tests" / "fixtures" / "seeds" / "000_b3049613379fd766.txt"


def test_import_never_writes_through_a_link_out_of_the_dataset(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "peru").symlink_to(outside, target_is_directory=True)
    proc = cli("import", SEED_PAGE, "--out", tmp_path / "cases")
    assert proc.returncode == 1
    assert f"{SEED_PAGE}: not written: {tmp_path / 'cases' / 'peru'} leads out of" in proc.stderr
    assert list(outside.iterdir()) == []


def test_import_fifo_broken_link_and_nul_bytes(tmp_path):
    fifo, link, nul = tmp_path / "pipe.txt", tmp_path / "gone.txt", tmp_path / "nul.txt"
    os.mkfifo(fifo)
    link.symlink_to(tmp_path / "nowhere.txt")
    nul.write_bytes(SEED_PAGE.read_bytes().replace(b"Peru", b"Pe\x00ru", 1))
    proc = cli("import", fifo, link, nul, "--out", tmp_path / "cases", timeout=60)  # opening the FIFO would block
    assert proc.returncode == 1 and proc.stdout == ""
    said = proc.stderr.splitlines()
    assert said == [
        f"{fifo}: not imported: it is not a regular file",
        f"{link}: not imported: the file does not exist",
        f"{nul}: not imported: it holds binary data (a NUL byte at offset {SEED_PAGE.read_bytes().index(b'Peru') + 2}), not page text",
    ]
    assert not (tmp_path / "cases").exists()


def test_import_unreadable_page(as_nobody):
    python, user = as_nobody
    folder = _shared_tmp()
    try:
        page = folder / "page.txt"
        page.write_bytes(SEED_PAGE.read_bytes())
        page.chmod(0o000)
        proc = subprocess.run([*python, "-m", "latinno_lint", "import", str(page), "--stdout"], capture_output=True, text=True, cwd=folder, timeout=60, **user)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert proc.stderr == f"{page}: not imported: cannot read it: Permission denied\n"
    finally:
        shutil.rmtree(folder)


# the file contents above, as page text: the importer reads them without an exception
PAGE_TEXTS = {
    "crlf and cr": SEED_PAGE.read_text(encoding="utf-8").replace("\n", "\r\n")[:4000] + "\r" * 100,
    "bom": "\ufeff" + SEED_PAGE.read_text(encoding="utf-8"),
    "yaml bomb": BASE + DEEP["100,000-deep flow lists"][:400_000],
    "one 900 KB line": "Peru\n" + "regular participation " * 40_000,
    "labels without values": "\n".join(["Formalization", "Frequency", "Selection", "Type of participants"] * 5_000),
    "every line a value": "\n".join(["Peru", "regular", "open", "binding", "citizens", "unknown", "?"] * 5_000),
    "controls and separators": "Peru\n\x85Name\u2028\x7f\x1b[31mred\x1b[0m\ufffe\n" * 100,
}


def test_import_hostile_page_text(tmp_path):
    from latinno_lint.data.importer import import_page

    for name, text in PAGE_TEXTS.items():
        result = import_page(text)
        assert isinstance(result.case, dict), name
    pages = []
    for i, text in enumerate(PAGE_TEXTS.values()):
        pages.append(tmp_path / f"page-{i}.txt")
        pages[-1].write_bytes(text.encode("utf-8"))
    out = tmp_path / "cases"
    proc = cli("import", *pages, "--out", out, "--country", "PE")
    assert proc.returncode in (0, 1)
    for line in proc.stderr.splitlines():
        assert line.startswith(tuple(str(p) for p in pages)), line  # every message names its page
    written = sorted(out.rglob("*.yaml"))
    assert written  # the seed-like pages do import
    for file in written:
        assert cli("check", "--select", "LAT0,LAT1", file).returncode == 0  # nothing invalid is ever written


def test_export_include_invalid_never_reopens_what_the_linter_would_not_read(tmp_path):
    case_file(tmp_path, BASE.encode())
    folder = tmp_path / "cases" / "peru"
    os.mkfifo(folder / "pipe.yaml")
    secret = tmp_path / "secret.yaml"
    secret.write_text(BASE.replace("Open Government Action Plan", "Secret Plan"))
    (folder / "linked.yaml").symlink_to(secret)
    proc = cli("export", "--include-invalid", "--format", "jsonl", tmp_path / "cases", timeout=60)  # the FIFO used to block here
    assert "Secret Plan" not in proc.stdout
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == [CASE_ID]


def test_a_control_character_before_deep_nesting_is_a_syntax_error_not_a_crash(tmp_path):
    path = case_file(tmp_path, ("notes: \x7f\n" + "- " * 1100 + "x\n").encode())
    proc = cli("check", path)
    assert proc.returncode == 1 and f"{path}:1:8: LAT001 error" in proc.stdout


# --- numbers too large to turn into text ---------------------------------------

HUGE = ROOT / "tests" / "fixtures" / "huge-numbers.yaml"
HUGE_CODES = {"LAT008", "LAT101", "LAT104"}


def test_numbers_too_large_to_print_are_findings_where_they_are(tmp_path):
    from conftest import expected_markers

    path = case_file(tmp_path, HUGE.read_bytes(), "huge-numbers")
    expected = expected_markers(HUGE.read_bytes())
    assert {code for _line, code in expected} == HUGE_CODES
    got = {(f.line, f.code) for f in lint_paths([str(path)]).findings if f.code in HUGE_CODES}
    assert got == expected


@pytest.mark.parametrize("args", [(), ("--format", "json"), ("--format", "sarif"), ("--format", "github"), ("--statistics",), ("--diff",), ("--fix",)])
def test_numbers_too_large_to_print_never_end_a_check_in_an_internal_error(tmp_path, args):
    path = case_file(tmp_path, HUGE.read_bytes(), "huge-numbers")
    proc = cli("check", *args, path)
    assert "internal error" not in proc.stderr
    assert proc.returncode == (0 if args == ("--diff",) else 1), proc.stderr  # --diff shows fixes, and says there are none
    assert path.read_bytes() == HUGE.read_bytes()  # nothing safe to fix: the file is left as it was


def test_numbers_too_large_to_print_never_end_an_export_or_stats_in_an_internal_error(tmp_path):
    path = case_file(tmp_path, HUGE.read_bytes(), "huge-numbers")
    for args in (
        ("export", path.parent.parent, "--include-invalid", "-o", tmp_path / "out.csv"),
        ("export", path.parent.parent, "--format", "json", "--include-invalid", "-o", tmp_path / "out.json"),
        ("stats", path.parent.parent),
    ):
        proc = cli(*args)
        assert "internal error" not in proc.stderr and proc.returncode in (0, 1), (args, proc.stderr)


LONG = ROOT / "tests" / "fixtures" / "long-numbers.yaml"


def test_a_long_number_is_shown_shortened_in_every_message(tmp_path):
    """Numbers of 600 digits (Python prints them): the marked findings, each
    message quoting the number as its first and last digits and its length."""
    from conftest import expected_markers

    path = case_file(tmp_path, LONG.read_bytes(), "long-numbers")
    findings = lint_paths([str(path)]).findings
    assert {(f.line, f.code) for f in findings if f.severity == "error"} == expected_markers(LONG.read_bytes())
    messages = {f.code + ":" + str(f.line): f.message for f in findings}
    assert messages["LAT105:11"] == "start_year 9999999999...9999 (600 digits) is above the largest allowed value 2100"
    assert messages["LAT207:12"].startswith("end_year 1111111111...1111 (591 digits) is before start_year 9999999999...9999 (600 digits):")
    assert "'_'" in messages["LAT007:12"] and "(591 digits)" in messages["LAT007:12"]
    assert next(f.message for f in findings if f.code == "LAT302").endswith("e.g. the latinno.net case page")  # no address made of 600 digits
    assert max(len(f.message) for f in findings) < 400, max(findings, key=lambda f: len(f.message)).message


def test_a_number_too_large_to_print_in_a_table_cell_stays_text_and_is_reported(tmp_path):
    import csv

    case_file(tmp_path, (ROOT / "cases" / "peru" / "open-government-action-plan.yaml").read_bytes(), "open-government-action-plan")
    table = tmp_path / "cases.csv"
    assert cli("export", tmp_path / "cases", "-o", table).returncode == 0
    header, row = list(csv.reader(table.open(encoding="utf-8", newline="")))
    row[header.index("start_year")] = "9" * 5000
    with table.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, row])
    column = header.index("start_year") + 1
    check = cli("check", table)
    assert check.returncode == 1 and "internal error" not in check.stderr
    assert (str(table), 2, column, "LAT104") in places(check)  # kept as text: the schema says it is not a year
    imported = cli("import", table, "--out", tmp_path / "out")
    assert imported.returncode == 1 and "internal error" not in imported.stderr and not (tmp_path / "out").exists()


# --- complex keys: valid YAML, refused by the case-file policy (LAT012), not a syntax error


@pytest.mark.parametrize(
    ("key", "what"),
    [("? [a, b]\n: c\n", "a list"), ("? {a: 1}\n: x\n", "a mapping"), ("{[a, b]: c}: x\n", "a mapping"), ("? - a\n  - b\n: c\n", "a list")],
)
def test_a_complex_key_is_its_own_finding_not_a_syntax_error(tmp_path, key, what):
    content = BASE + key
    line = BASE.count("\n") + 1
    findings = [f for f in lint_text(content) if f.code.startswith("LAT0")]
    assert [(f.code, f.line, f.rule) for f in findings] == [("LAT012", line, "complex-key")], findings
    assert findings[0].message.startswith(f"a key is {what}, not plain text; case files take plain keys only, because every key is the name of a field of the schema")
    path = case_file(tmp_path, (BAD + key).encode())  # and a fixable error
    proc = cli("check", "--fix", str(path))
    assert proc.returncode == 1 and "LAT012 error [complex-key]" in proc.stdout and "LAT001" not in proc.stdout
    assert path.read_text(encoding="utf-8") == BAD + key  # a file with a complex key is never fixed


def test_a_merge_key_is_still_a_syntax_error():
    assert [f.code for f in lint_text(BASE + "<<: {a: 1}\n") if f.code.startswith("LAT0")] == ["LAT001"]
