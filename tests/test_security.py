"""A crafted pull request against a run of latinno-lint (issue 16, docs/security.md):
file names and contents never reach an output stream raw, the index cache is
never written through a link or trusted blindly, and a partial view of the
dataset is said. Every attack runs through the real command line."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import urllib.parse
from pathlib import Path

import pytest

from latinno_lint.finding import UNPRINTABLE

from conftest import ROOT

BASE = (ROOT / "cases" / "peru" / "open-government-action-plan.yaml").read_text(encoding="utf-8")
# a fixable error (LAT104: participants as text) below a comment with a raw bidi control, and a key
# quoting an ESC sequence and a bidi control
BAD = BASE.replace("  participants: [citizens, civil_society]\n", "  # \u202eraw bidi in a comment\n  participants: citizens civil_society\n") \
    + '"evil\\e[2J\\u202ekey": 1\n'
FINDING = re.compile(r"^:\d+:\d+: LAT\d{3} (error|warning) \[[a-z0-9-]+\] .*$")  # after the path
HOSTILE_NAMES = {
    "workflow command": "a\n::error file=README.md,line=1::forged\n.yaml",
    "fake finding": "b\nforged.yaml:1:1: LAT000 error [fake] x\n.yaml",
    "terminal escape": "c\x1b[2J\x1b]0;title\x07.yaml",
    "carriage return": "d\rforged.yaml:1:1: LAT000 error [fake] x.yaml",
    "bidi controls": "e\u202egnp.yaml\u2066\u200f\u061c.yaml",
    "C1 and line separators": "f\x85\x9b\u2028\u2029\x7f.yaml",
}


def run(*args, cwd=None, timeout=120, env=None, script=None):
    """``python -m latinno_lint ARGS`` (or a script that ends in cli.main) as bytes; never a traceback."""
    command = [sys.executable, "-c", script, *map(os.fsdecode, args)] if script else [sys.executable, "-m", "latinno_lint", *map(os.fsdecode, args)]
    proc = subprocess.run(command, capture_output=True, cwd=cwd, timeout=timeout, env=env)
    for stream in (proc.stdout, proc.stderr):
        assert b"Traceback" not in stream, proc.stderr
    return proc


def raw_controls(data: bytes) -> list:
    """Controls and bidi characters in output, other than the line breaks that end lines."""
    return [c for c in data.decode("utf-8", "surrogateescape") if c != "\n" and UNPRINTABLE.match(c)]


def dataset(tmp_path: Path, names) -> Path:
    folder = tmp_path / "cases" / "peru"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(BAD.encode())
    return tmp_path / "cases"


def test_file_names_cannot_forge_output_lines(tmp_path):
    cases = dataset(tmp_path, HOSTILE_NAMES.values())
    paths = {f"cases/peru/{name}" for name in HOSTILE_NAMES.values()}
    shown = {path.encode("unicode_escape").decode("ascii") for path in paths}  # what every stream shows of them
    as_json = json.loads(run("check", "--format", "json", "cases", cwd=tmp_path).stdout)
    assert {f["path"] for f in as_json} == paths  # JSON keeps the exact names
    text = run("check", "cases", cwd=tmp_path)
    assert text.returncode == 1
    lines = text.stdout.decode().splitlines()
    assert len(lines) == len(as_json)  # one line per finding, each starting with its path
    for line in lines:
        path = next(p for p in shown if line.startswith(p + ":"))
        assert FINDING.match(line[len(path):]), line
    assert "unknown key 'evil\\x1b[2J\\u202ekey'" in text.stdout.decode()
    github = run("check", "--format", "github", "cases", cwd=tmp_path)
    assert len(github.stdout.splitlines()) == len(as_json)
    assert all(re.match(rb"^::(error|warning) file=cases/peru/[^:,]*,line=", line) for line in github.stdout.splitlines())
    diff = run("check", "--diff", "cases", cwd=tmp_path)
    for path in shown:
        assert f"--- a/{path}\n+++ b/{path}\n" in diff.stdout.decode()
    assert "+  # \\u202eraw bidi in a comment\n" not in diff.stdout.decode() and " # \\u202eraw bidi" in diff.stdout.decode()
    outputs = [text, github, diff, run("check", "--format", "json", "cases", cwd=tmp_path),
               run("check", "--format", "sarif", "cases", cwd=tmp_path), run("check", "--statistics", "cases", cwd=tmp_path),
               run("check", "cases/peru/" + HOSTILE_NAMES["terminal escape"], "missing\x1b[2J\u202e.yaml", cwd=tmp_path),
               run("stats", "--format", "json", "cases", cwd=tmp_path)]
    for proc in outputs:
        assert raw_controls(proc.stdout) == [] and raw_controls(proc.stderr) == [], proc.args
    export = run("export", "cases", cwd=tmp_path)  # the CSV is data; its messages name the files
    assert export.returncode == 1 and raw_controls(export.stderr) == [] and "cases/peru/a\\n::error" in export.stderr.decode()
    assert all((cases / "peru" / name).read_bytes() == BAD.encode() for name in HOSTILE_NAMES.values())


def test_a_fix_that_cannot_be_written_names_the_file_escaped(tmp_path):
    name = HOSTILE_NAMES["workflow command"]
    cases = dataset(tmp_path, [name])
    racing = textwrap.dedent("""
        import sys
        from pathlib import Path
        from latinno_lint import engine
        from latinno_lint.cli import main
        real = engine.parse_bytes
        def racing(raw):  # read; now the file goes
            for file in Path("cases/peru").iterdir():
                file.unlink()
            return real(raw)
        engine.parse_bytes = racing
        sys.exit(main(sys.argv[1:]))
    """)
    proc = run("check", "--fix", "--format", "github", "cases", cwd=tmp_path, script=racing)
    assert proc.returncode == 2
    said = proc.stderr.decode().splitlines()
    assert "latinno-lint: cases/peru/a\\n::error file=README.md,line=1::forged\\n.yaml: cannot write the fixes: No such file or directory; the file was left as it was" in said
    assert not any(line.startswith("::") for line in said)
    assert raw_controls(proc.stderr) == [] and not list(cases.rglob("*.yaml"))


def test_sarif_takes_a_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "cases" / "peru"
    folder.mkdir(parents=True)
    (folder / os.fsdecode(b"\xff\xfe.yaml")).write_bytes(BAD.encode())
    (folder / "sp ce%.yaml").write_bytes(BAD.encode())
    proc = run("check", "--format", "sarif", "--exit-zero", "cases", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"cases/peru/%FF%FE.yaml", "cases/peru/sp%20ce%25.yaml"}
    assert urllib.parse.unquote_to_bytes("cases/peru/%FF%FE.yaml") == b"cases/peru/\xff\xfe.yaml"
    report = tmp_path / "report.sarif"
    absolute = run("check", "--format", "sarif", "-o", report, tmp_path / "cases", cwd=tmp_path)
    assert absolute.returncode == 1 and absolute.stdout == b""
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(report.read_bytes())["runs"][0]["results"]}
    assert "file://" + urllib.parse.quote(os.fsencode(folder)) + "/%FF%FE.yaml" in uris


def test_a_report_file_is_not_left_empty_when_the_report_fails(tmp_path):
    dataset(tmp_path, ["case.yaml"])
    report = tmp_path / "report.sarif"
    report.write_text("the last report\n")
    failing = textwrap.dedent("""
        import sys
        from latinno_lint import sarif
        from latinno_lint.cli import main
        def broken(findings, **options):
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "a bug")
        sarif.report = broken
        sys.exit(main(sys.argv[1:]))
    """)
    proc = run("check", "--format", "sarif", "-o", report, "cases", cwd=tmp_path, script=failing)
    assert proc.returncode == 2 and b"internal error" in proc.stderr
    assert report.read_text() == "the last report\n"

