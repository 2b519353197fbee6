"""A crafted pull request against a run of latinno-lint (issue 16, docs/security.md):
file names and contents never reach an output stream raw, the index cache is
never written through a link or trusted blindly, and a partial view of the
dataset is said. Every attack runs through the real command line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from latinno_lint.finding import UNPRINTABLE

from conftest import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
from fuzz_lint import CACHE_CASES as CASES  # one definition, fuzzed and tested
from fuzz_lint import aged_dataset, check_cache, crafted_caches

BASE = (ROOT / "cases" / "peru" / "open-government-action-plan.yaml").read_text(encoding="utf-8")
# a fixable error (LAT104: participants as text) below a comment with a raw bidi control, and a key
# quoting an ESC sequence and a bidi control
BAD = BASE.replace("  participants: [citizens, civil_society]\n", "  # \u202eraw bidi in a comment\n  participants: citizens civil_society\n") + '"evil\\e[2J\\u202ekey": 1\n'
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
        assert FINDING.match(line[len(path) :]), line
    assert "unknown key 'evil\\x1b[2J\\u202ekey'" in text.stdout.decode()
    github = run("check", "--format", "github", "cases", cwd=tmp_path)
    assert len(github.stdout.splitlines()) == len(as_json)
    assert all(re.match(rb"^::(error|warning) file=cases/peru/[^:,]*,line=", line) for line in github.stdout.splitlines())
    diff = run("check", "--diff", "cases", cwd=tmp_path)
    for path in shown:
        assert f"--- a/{path}\n+++ b/{path}\n" in diff.stdout.decode()
    assert "+  # \\u202eraw bidi in a comment\n" not in diff.stdout.decode() and " # \\u202eraw bidi" in diff.stdout.decode()
    outputs = [
        text,
        github,
        diff,
        run("check", "--format", "json", "cases", cwd=tmp_path),
        run("check", "--format", "sarif", "cases", cwd=tmp_path),
        run("check", "--statistics", "cases", cwd=tmp_path),
        run("check", "cases/peru/" + HOSTILE_NAMES["terminal escape"], "missing\x1b[2J\u202e.yaml", cwd=tmp_path),
        run("stats", "--format", "json", "cases", cwd=tmp_path),
    ]
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
        from latinno_lint.lint import runner  # --fix reads and parses there
        from latinno_lint.cli import main
        real = runner.parse_bytes
        def racing(raw):  # read; now the file goes
            for file in Path("cases/peru").iterdir():
                file.unlink()
            return real(raw)
        runner.parse_bytes = racing
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
        from latinno_lint.report import sarif
        from latinno_lint.cli import main
        def broken(findings, **options):
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "a bug")
        sarif.report = broken
        sys.exit(main(sys.argv[1:]))
    """)
    proc = run("check", "--format", "sarif", "-o", report, "cases", cwd=tmp_path, script=failing)
    assert proc.returncode == 2 and b"internal error" in proc.stderr
    assert report.read_text() == "the last report\n"


# --- the index cache: never written through a link, never trusted blindly ------------

CACHE = Path("cases") / ".latinno-lint-cache"


@pytest.fixture(scope="module")
def aged(tmp_path_factory):
    """A dataset older than the cache's two-second window (so a real run's cache is
    used by the next; fuzz_lint.aged_dataset), the findings of runs without the
    cache (in a process of their own, and in this one), and the cache."""
    base = tmp_path_factory.mktemp("aged")
    in_process, template = aged_dataset(base)
    expected = {}
    for target in ("cases", "cases/peru/alpha.yaml"):
        proc = run("check", "--no-cache", "--format", "json", target, cwd=base)
        expected[target] = (proc.returncode, json.loads(proc.stdout))
    assert {f["code"] for f in expected["cases/peru/alpha.yaml"][1]} >= {"LAT401", "LAT402", "LAT405", "LAT407"}
    assert len(template["files"]) == 3
    return base, expected, template, in_process


def reset_cache(base: Path) -> Path:
    folder = base / CACHE
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    (folder / ".gitignore").write_text("# created by latinno-lint\n*\n")
    return folder


def same_as_no_cache(base: Path, expected: dict, targets=("cases/peru/alpha.yaml", "cases"), timeout=60):
    for target in targets:
        proc = run("check", "--format", "json", target, cwd=base, timeout=timeout)
        assert (proc.returncode, json.loads(proc.stdout)) == expected[target], proc.stderr
    return proc


def test_a_cache_folder_that_is_a_link_is_not_used_and_nothing_is_written_through_it(aged, tmp_path):
    base, expected, *_ = aged
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.json").write_text("someone else's file\n")
    reset_cache(base)
    shutil.rmtree(base / CACHE)
    (base / CACHE).symlink_to(os.path.relpath(elsewhere, base / "cases"), target_is_directory=True)
    proc = same_as_no_cache(base, expected)
    assert proc.stderr.decode().count("the index cache is not used") == 1
    assert "cases/.latinno-lint-cache is a symbolic link" in proc.stderr.decode()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["index.json"]
    assert (elsewhere / "index.json").read_text() == "someone else's file\n"


@pytest.mark.parametrize("special", ["dangling .gitignore link", "index.json link", "index.json FIFO", "index.json link to /dev/zero", "index.json folder"])
def test_a_link_or_special_file_in_the_cache_turns_the_cache_off(aged, tmp_path, special):
    base, expected, template, _in_process = aged
    folder = reset_cache(base)
    target = tmp_path / "target"
    if special == "dangling .gitignore link":
        (folder / ".gitignore").unlink()
        (folder / ".gitignore").symlink_to(target)
    elif special == "index.json link":
        target.write_text(json.dumps(template))
        (folder / "index.json").symlink_to(target)
    elif special == "index.json FIFO":
        os.mkfifo(folder / "index.json")
    elif special == "index.json link to /dev/zero":
        (folder / "index.json").symlink_to("/dev/zero")
    else:
        (folder / "index.json").mkdir()
    proc = same_as_no_cache(base, expected, timeout=30)  # a FIFO would hang a run, /dev/zero exhaust its memory
    said = [line for line in proc.stderr.decode().splitlines() if "index cache" in line]
    assert len(said) == 1 and "every case is read, as with --no-cache" in said[0], proc.stderr
    assert not target.exists() or target.read_text() == json.dumps(template)
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "attack", ["written_ns 1e400", "country a list", "id a list", "latinno_id a list", "related a mapping", "name_key a number", "deep nesting", "a 300 MB file", "a number of 5,000 digits"]
)
def test_a_crafted_cache_gives_the_findings_of_no_cache(aged, attack):
    base, expected, template, _in_process = aged
    folder = reset_cache(base)
    cache = json.loads(json.dumps(template))
    records = cache["files"]
    text = None
    if attack == "written_ns 1e400":
        text = json.dumps(cache).replace(f'"written_ns": {cache["written_ns"]}', '"written_ns": 1e400')
    elif attack == "deep nesting":
        text = '{"format": 2, "files": ' + "[" * 100_000 + "]" * 100_000 + "}"
    elif attack == "a number of 5,000 digits":
        text = json.dumps(cache).replace(f'"written_ns": {cache["written_ns"]}', '"written_ns": ' + "9" * 5_000)
    else:
        slot, value = {"country a list": (3, ["PE"]), "id a list": (0, ["alpha"]), "latinno_id a list": (1, [1]), "related a mapping": (4, {"id": "beta"}), "name_key a number": (5, 7)}.get(
            attack, (None, None)
        )
        for record in records.values():
            if slot is not None and record[4] is not None:
                record[4][slot] = value
    with open(folder / "index.json", "w") as handle:
        if attack == "a 300 MB file":
            handle.write(json.dumps(cache))
            handle.truncate(300_000_000)  # sparse: no disk used
        else:
            handle.write(text if text is not None else json.dumps(cache))
    proc = same_as_no_cache(base, expected)
    assert b"internal error" not in proc.stderr and b"index cache" not in proc.stderr
    assert json.loads((folder / "index.json").read_text())["files"] == template["files"]  # ignored, then written anew


def test_the_gitignore_is_repaired_and_stale_temporary_files_are_removed(aged):
    import time

    base, expected, template, _in_process = aged
    folder = reset_cache(base)
    (folder / ".gitignore").write_bytes(b"")  # what a full disk left
    (folder / "index.json").write_text(json.dumps(template))
    old, fresh = folder / ".index-killed.tmp", folder / ".index-running.tmp"
    old.write_text("{")
    fresh.write_text("{")
    long_ago = time.time() - 3600
    os.utime(old, (long_ago, long_ago))
    same_as_no_cache(base, expected, targets=("cases/peru/alpha.yaml",))
    assert (folder / ".gitignore").read_text() == "# created by latinno-lint\n*\n"
    assert not old.exists() and fresh.exists()  # a concurrent run's temporary file is left alone
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", ".index-running.tmp", "index.json"]


@settings(max_examples=int(os.environ.get("LATINNO_LINT_EXAMPLES", "60")), derandomize=True, deadline=None, database=None)
@given(data=st.data())
def test_any_crafted_cache_gives_the_findings_and_exit_code_of_no_cache(aged, data):
    base, _expected, template, no_cache = aged
    reset_cache(base)
    check_cache(data.draw(crafted_caches(template)), base, no_cache)  # main() in this process: a run costs ~50 ms, not ~500


# --- a partial view of the dataset is said ------------------------------------------------


def test_a_folder_the_cross_file_rules_cannot_read_is_named(as_nobody):
    import tempfile

    python, user = as_nobody
    command = [*python, "-m", "latinno_lint"]
    base = Path(tempfile.mkdtemp(prefix="latinno-lint-partial-"))
    try:
        base.chmod(0o755)
        for folder, ident in (("peru", "alpha"), ("locked", "beta")):
            (base / "cases" / folder).mkdir(parents=True)
            (base / "cases" / folder / f"{ident}.yaml").write_text(CASES[ident])
        (base / "cases").chmod(0o777)
        (base / "cases" / "peru").chmod(0o777)
        (base / "cases" / "locked").chmod(0o000)

        def check(*args):
            proc = subprocess.run([*command, "check", "--format", "json", *args], capture_output=True, text=True, cwd=base, timeout=60, **user)
            assert "Traceback" not in proc.stderr
            return proc, {(f["path"], f["code"]) for f in json.loads(proc.stdout)}

        one, found = check("cases/peru/alpha.yaml")
        assert ("cases/peru/alpha.yaml", "LAT405") in found  # beta cannot be seen: the relation looks dangling ...
        said = [line for line in one.stderr.splitlines() if "cases/locked" in line]
        assert said == [
            "latinno-lint: cases/locked is a folder that cannot be read (permission denied): the cross-file rules did not see its cases, so relations to them may be reported as dangling"
        ]  # ... and the run says why
        whole, found = check("cases")
        assert ("cases/locked", "LAT010") in found and "cases/locked" not in whole.stderr  # reported once, as a finding
    finally:
        (base / "cases" / "locked").chmod(0o755)
        shutil.rmtree(base)


def test_concurrent_runs_share_the_cache_and_leave_no_temporary_file(aged):
    base, expected, *_ = aged
    folder = reset_cache(base)
    shutil.rmtree(folder)
    for _round in range(2):  # the first rounds write the cache at once, the second read it while others write
        runs = [
            subprocess.Popen([sys.executable, "-m", "latinno_lint", "check", "--format", "json", target], cwd=base, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for target in ("cases", "cases/peru/alpha.yaml") * 2
        ]
        for proc, target in zip(runs, ("cases", "cases/peru/alpha.yaml") * 2):
            out, err = proc.communicate(timeout=120)
            assert (proc.returncode, json.loads(out)) == expected[target], err
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "index.json"]


UNREAD = {
    "locked": "it cannot be read: permission denied",
    "broken": "it does not read as a case (a YAML error, or not a mapping)",
    "link to nothing": "it is a symbolic link to no file",
    "link out": "it is a symbolic link that leads out of the dataset",
}


@pytest.mark.parametrize("damage", list(UNREAD))
def test_a_case_file_the_cross_file_rules_cannot_read_is_named_on_every_run(damage, request):
    """A single file of the dataset, not checked in this run (a pre-commit run on
    another file), that cannot be read (permissions), does not parse, or is a
    symbolic link that leads to no case of the dataset (which the index never
    follows): the run says so beside the LAT405 it causes, with a cold and with
    a warm cache."""
    import tempfile

    command, user = [sys.executable, "-m", "latinno_lint"], {}
    if damage == "locked":  # as root: as 'nobody', who cannot read the file
        python, user = request.getfixturevalue("as_nobody")
        command = [*python, "-m", "latinno_lint"]
    base = Path(tempfile.mkdtemp(prefix="latinno-lint-partial-"))
    try:
        base.chmod(0o755)
        (base / "cases" / "peru").mkdir(parents=True)
        (base / "cases" / "peru" / "alpha.yaml").write_text(CASES["alpha"])
        beta = base / "cases" / "peru" / "beta.yaml"
        if damage.startswith("link"):
            (base / "beta.yaml").write_text(CASES["beta"])
            beta.symlink_to(base / ("beta.yaml" if damage == "link out" else "gone.yaml"))
        else:
            beta.write_text(CASES["beta"] if damage == "locked" else CASES["beta"] + "notes: [unclosed\n")
            beta.chmod(0o000 if damage == "locked" else 0o644)
        for folder in (base / "cases", base / "cases" / "peru"):
            folder.chmod(0o777)  # 'nobody' writes the index cache there
        said = (
            f"latinno-lint: cases/peru/beta.yaml gave the cross-file rules no case ({UNREAD[damage]}): "
            "a duplicate of its id, number or name may pass, and relations to it may be reported as dangling; check that file"
        )
        for run in ("cold cache", "warm cache"):
            proc = subprocess.run([*command, "check", "--format", "json", "cases/peru/alpha.yaml"], capture_output=True, text=True, cwd=base, timeout=60, **user)
            assert "Traceback" not in proc.stderr
            found = {(f["path"], f["code"]) for f in json.loads(proc.stdout)}
            assert ("cases/peru/alpha.yaml", "LAT405") in found, run  # beta, related to, looks missing ...
            assert ("cases/peru/alpha.yaml", "LAT402") not in found, run  # ... and its latinno_id, alpha's too, passes
            assert said in proc.stderr.splitlines(), (run, proc.stderr)
        whole = subprocess.run([*command, "check", "cases"], capture_output=True, text=True, cwd=base, timeout=60, **user)
        assert "gave the cross-file rules no case" not in whole.stderr  # checked in the run: its own finding says it
        assert ("LAT001" if damage == "broken" else "LAT010") in whole.stdout
    finally:
        if not beta.is_symlink():
            beta.chmod(0o644)
        shutil.rmtree(base)
