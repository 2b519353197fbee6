#!/usr/bin/env python3
"""Fuzz latinno-lint: any bytes through lint_text, --fix and the importer; any
file name and any index cache through the command line.

    .venv/bin/python fuzz/fuzz_lint.py                      # 60 s, seed 1 (what .ci/run does)
    .venv/bin/python fuzz/fuzz_lint.py --seconds 3600       # an hour
    .venv/bin/python fuzz/fuzz_lint.py --seed 7 --engine hypothesis
    .venv/bin/python fuzz/fuzz_lint.py --mode names --seconds 600

Three modes; --mode all (the default) gives each a share of --seconds, each in
a process of its own:

- content (2/3 of the time): file contents, as below.
- names (1/6): a case file of any name (any bytes a file system takes) checked
  in every format: no control or bidi character reaches the output raw, each
  text line starts with the escaped path, and JSON and SARIF give the name back
  exactly (SARIF as the percent-encoded bytes).
- cache (1/6): index.json replaced by random bytes or JSON, or by the real
  cache with a part replaced by a value of a kind it never holds: the findings
  and exit code are those of --no-cache (docs/security.md).

With atheris installed (`.venv/bin/python -m pip install atheris`) the run is
coverage-guided (libFuzzer), starting from the repository's case files, rule
fixtures and page texts; otherwise it is a Hypothesis run over random bytes and
mutated seeds. A failure is any exception, a crash of the process, a finding
placed outside the file, an input that takes more than 10 seconds, a --fix
that is not idempotent or leaves a file that no longer parses, or an importer
exception. atheris saves the failing input under fuzz-artifacts/ (the folder
printed at the end); Hypothesis prints it. Exit code 0: nothing found.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_INPUT_SECONDS = 10
MODES = {"content": 4, "names": 1, "cache": 1}  # shares of the time of --mode all


def tokens() -> list[str]:
    """What mutations insert: the pieces of hostile YAML shared with the property
    tests (tests/fixtures/yaml-pieces.json), the schema's keys as mapping keys,
    and the nested shapes of the case format."""
    from latinno_lint.vocabulary import field_order

    pieces = json.loads((ROOT / "tests" / "fixtures" / "yaml-pieces.json").read_text(encoding="utf-8"))["pieces"]
    keys = [f"{key}: " for key in field_order() if "/" not in key]
    return [*pieces, *keys, "institutional_design:\n", "sources:\n  - url: ", "related:\n  - id: ", "relation: ", "transnational"]


def seeds() -> list[bytes]:
    """The starting corpus: every case file, rule fixture and page text in the repository."""
    patterns = ["cases/**/*.yaml", "tests/rules/**/*.yaml", "tests/fixtures/**/*.yaml", "tests/fixtures/**/*.txt"]
    found = [p.read_bytes() for pattern in patterns for p in sorted(ROOT.glob(pattern)) if p.is_file()]
    return [data for data in found if len(data) <= 64_000] or [b"id: x\n"]


class TooSlow(Exception):
    pass


def _alarm(_signum, _frame):
    raise TooSlow(f"one input took more than {PER_INPUT_SECONDS} s")


def check_one(data: bytes, folder: Path) -> None:
    """Everything that must hold for one input; raises on a failure."""
    from latinno_lint import lint_paths, lint_text
    from latinno_lint.data.importer import import_page
    from latinno_lint.lint.source import lines, parse_bytes

    signal.alarm(PER_INPUT_SECONDS)
    try:
        findings = lint_text(data, path="fuzz.yaml")
        text = data.decode("utf-8", "replace").removeprefix("\ufeff")
        all_lines = lines(text)
        for f in findings:
            assert 1 <= f.line <= len(all_lines) and 1 <= f.column <= len(all_lines[f.line - 1]) + 1, f"{f} is outside the file"
            assert "\n" not in f.message, f"{f} has a message of several lines"
        if any(f.fixable for f in findings):
            path = folder / "case.yaml"
            path.write_bytes(data)
            lint_paths([str(path)], fix_files=True)
            once = path.read_bytes()
            if once != data:
                assert parse_bytes(once).ok, "--fix left a file that does not parse"
            lint_paths([str(path)], fix_files=True)
            assert path.read_bytes() == once, "--fix is not idempotent"
        import_page(data.decode("utf-8", "replace"))
    finally:
        signal.alarm(0)


def run_cli(*args: str) -> tuple[int, str, str]:
    """latinno-lint's main() in this process, its output captured."""
    from latinno_lint.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    assert "internal error" not in err.getvalue(), err.getvalue()
    return code, out.getvalue(), err.getvalue()


CASE = b"id: x\nname: X\ncountry: PE\ndescription: A case.\ninstitutional_design:\n  participants: citizens civil_society\n"


def check_name(name: bytes, folder: Path) -> None:
    """A case file named ``name``: every format shows it escaped and gives it back."""
    from latinno_lint.finding import UNPRINTABLE, escape

    path = os.path.join(os.fsencode(folder), name)
    with open(path, "wb") as handle:
        handle.write(CASE)
    try:
        shown = os.fsdecode(path)
        outputs = {form: run_cli("check", "--no-cache", "--format", form, shown) for form in ("text", "github", "json", "sarif")}
        outputs["diff"] = run_cli("check", "--no-cache", "--diff", shown)
        for form, (code, out, err) in outputs.items():
            assert code == 1, (form, code, err)
            raw = [c for c in out + err if c != "\n" and UNPRINTABLE.match(c)]
            assert not raw, f"{form}: {raw!r} reached the output raw"
        for line in outputs["text"][1].splitlines():
            assert line.startswith(escape(shown) + ":"), f"a text line that does not start with its path: {line!r}"
        assert {f["path"] for f in json.loads(outputs["json"][1])} == {shown}, "json does not give the name back"
        results = json.loads(outputs["sarif"][1])["runs"][0]["results"]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert {urllib.parse.unquote_to_bytes(uri.removeprefix("file://")) for uri in uris} == {path}, uris
    finally:
        os.unlink(path)


def name_inputs():
    """Hypothesis: file names of any bytes a file system takes, ending in .yaml."""
    from hypothesis import strategies as st

    special = st.sampled_from(
        [
            b"\n",
            b"\r",
            b"\x1b[2J",
            b"\x1b]0;x\x07",
            b"::error file=a::",
            b"\xe2\x80\xae",
            b"\xe2\x81\xa6",
            b"\xc2\x85",
            b"\xe2\x80\xa8",
            b"\xff",
            b"\xfe",
            b"%",
            b" ",
            b":1:1: LAT000 error ",
            b"\\",
            b"\x7f",
        ]
    )
    byte = st.integers(1, 255).filter(lambda b: b != ord("/")).map(lambda b: bytes([b]))
    parts = st.lists(special | byte | st.text(max_size=3).map(str.encode), max_size=12)
    names = parts.map(lambda p: (b"".join(p)[:240] or b"x") + b".yaml")
    return names.filter(lambda name: b"/" not in name and b"\0" not in name)


def crafted_caches(template: dict):
    """Hypothesis: index.json as text: random bytes or JSON, or the real cache
    ``template`` with one part replaced by a value of a kind that part never
    holds. (A value of the right kind in an entry's data is trusted: the
    file's stamp vouches for it.) tests/test_security.py uses it too."""
    from hypothesis import strategies as st

    values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
        max_leaves=12,
    )
    not_scalar = st.lists(values, max_size=3) | st.dictionaries(st.text(max_size=4), values, max_size=3)

    @st.composite
    def caches(draw):
        kind = draw(st.sampled_from(["bytes", "json", "nesting", "header", "record", "stamp", "data", "field", "related", "name key"]))
        if kind == "bytes":
            return draw(st.binary(max_size=200)).decode("latin-1")
        if kind == "json":
            return json.dumps(draw(values))
        if kind == "nesting":
            depth = draw(st.integers(1, 200_000))
            return '{"format": 2, "files": ' + "[" * depth + "]" * depth + "}"
        cache = json.loads(json.dumps(template))
        if kind == "header":
            key = draw(st.sampled_from(["format", "tool", "written_ns", "files"]))
            cache[key] = draw(values | st.integers(min_value=2**62) | st.just(float("inf")))
            return json.dumps(cache)
        record = cache["files"][draw(st.sampled_from(sorted(cache["files"])))]
        if kind == "record":
            record[:] = draw(st.lists(values, max_size=7).filter(lambda r: len(r) != 5))
        elif kind == "stamp":
            record[draw(st.integers(0, 3))] = draw(values)
        elif kind == "data":
            record[4] = draw(values.filter(lambda v: v is not None and not (isinstance(v, list) and len(v) == 6)))
        elif kind == "field":
            record[4][draw(st.integers(0, 3))] = draw(not_scalar)
        elif kind == "related":
            record[4][4] = draw(st.dictionaries(st.text(max_size=3), values, max_size=2) | st.lists(not_scalar, min_size=1, max_size=2))
        else:
            record[4][5] = draw(not_scalar | (st.integers() if record[4][5] is not None else st.text(max_size=5)))
        return json.dumps(cache)

    return caches()


CACHE_CASES = {
    "alpha": "id: alpha\nlatinno_id: 1\nname: Alpha Council\ncountry: PE\ndescription: A council.\nrelated:\n  - id: beta\n    relation: implements\n  - id: ghost\n    relation: succeeds\n",
    "beta": "id: beta\nlatinno_id: 1\nname: Beta Forum\ncountry: PE\ndescription: A forum.\n",
    "gamma": "id: alpha\nlatinno_id: 3\nname: Alpha Council\ncountry: PE\ndescription: Another council.\n",
}


def aged_dataset(base: Path) -> tuple[dict, dict]:
    """CACHE_CASES under ``base``/cases, old enough for the cache to be used; the
    findings and exit codes without the cache; the cache a run writes."""
    for ident, text in CACHE_CASES.items():
        path = base / "cases" / "peru" / f"{ident}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    time.sleep(2.1)  # past the cache's two-second window
    targets = [str(base / "cases" / "peru" / "alpha.yaml"), str(base / "cases")]
    expected = {target: run_cli("check", "--no-cache", "--format", "json", target)[:2] for target in targets}
    run_cli("check", targets[1])
    return expected, json.loads((base / "cases" / ".latinno-lint-cache" / "index.json").read_text())


def check_cache(text: str, base: Path, expected: dict) -> None:
    """index.json holding ``text``: the findings and exit codes of --no-cache."""
    folder = base / "cases" / ".latinno-lint-cache"
    for target, result in expected.items():
        (folder / "index.json").write_text(text, encoding="utf-8", errors="surrogateescape")
        assert run_cli("check", "--format", "json", target)[:2] == result, f"the findings differ from --no-cache for {target}"


def fuzz_names(seconds: int, seed: int, work: Path) -> int:
    folder = work / "cases" / "peru"
    folder.mkdir(parents=True)
    print(f"fuzz names: Hypothesis, {seconds} s, seed {seed}", flush=True)
    return _hypothesis_rounds(seconds, seed, name_inputs(), lambda name: check_name(name, folder))


def fuzz_cache(seconds: int, seed: int, work: Path) -> int:
    expected, template = aged_dataset(work)
    print(f"fuzz cache: Hypothesis, {seconds} s, seed {seed}", flush=True)
    return _hypothesis_rounds(max(1, seconds - 3), seed, crafted_caches(template), lambda text: check_cache(text, work, expected))


def _hypothesis_rounds(seconds: int, seed: int, inputs, check, per_round: int = 50) -> int:
    """Rounds of ``per_round`` Hypothesis examples until the time is up; a failure raises."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as with_seed

    deadline, rounds, examples = time.monotonic() + seconds, 0, [0]
    while time.monotonic() < deadline:

        @with_seed(seed + rounds)
        @settings(max_examples=per_round, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(inputs)
        def batch(data):
            if time.monotonic() > deadline:
                return  # the time is up: the rest of the round passes at once, so a run keeps to --seconds
            signal.alarm(PER_INPUT_SECONDS)
            try:
                check(data)
            finally:
                signal.alarm(0)
            examples[0] += 1

        batch()
        rounds += 1
    print(f"fuzz: {examples[0]} inputs in {rounds} rounds, no failure", flush=True)
    return 0


def fuzz_atheris(seconds: int, seed: int, work: Path) -> int:
    import atheris

    corpus, artifacts, files = work / "corpus", ROOT / "fuzz-artifacts", work / "files"
    corpus.mkdir()
    artifacts.mkdir(exist_ok=True)
    files.mkdir()
    # Coverage guidance needs latinno_lint's code instrumented, and atheris
    # instruments only what is imported inside this block: so check the seeds
    # here, which loads every module check_one reaches (the rules, the importer,
    # the command line) under instrumentation.
    with atheris.instrument_imports(include=["latinno_lint"]):
        for data in seeds():
            check_one(data, files)
    for i, data in enumerate(seeds()):
        (corpus / f"seed-{i}").write_bytes(data)
    dictionary = work / "yaml.dict"
    dictionary.write_text("".join('"' + "".join(f"\\x{b:02x}" for b in t.encode()) + '"\n' for t in tokens()))

    def one_input(data: bytes) -> None:
        check_one(data, files)

    argv = [
        sys.argv[0],
        f"-seed={seed}",
        f"-max_total_time={seconds}",
        f"-timeout={PER_INPUT_SECONDS + 5}",
        "-max_len=65536",
        "-rss_limit_mb=4096",
        f"-dict={dictionary}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        str(corpus),
    ]
    print(f"fuzz: atheris (libFuzzer), {seconds} s, seed {seed}; failing inputs go to {artifacts}/", flush=True)
    atheris.Setup(argv, one_input)
    atheris.Fuzz()  # exits the process: 0 when the time is up, non-zero on a failure
    return 0


def fuzz_hypothesis(seconds: int, seed: int, work: Path) -> int:
    from hypothesis import strategies as st

    corpus = seeds()
    edit = st.tuples(st.floats(0, 1), st.integers(0, 8), st.one_of(st.sampled_from(tokens()).map(str.encode), st.binary(max_size=4)))

    def mutate(base: bytes, edits) -> bytes:
        for where, cut, insert in edits:
            at = int(where * len(base))
            base = base[:at] + insert + base[at + cut :]
        return base

    inputs = st.one_of(st.binary(max_size=2048), st.builds(mutate, st.sampled_from(corpus), st.lists(edit, max_size=12)))
    print(f"fuzz: Hypothesis (random and mutated inputs; install atheris for coverage guidance), {seconds} s, seed {seed}", flush=True)
    return _hypothesis_rounds(seconds, seed, inputs, lambda data: check_one(data, work), per_round=300)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto", help="for the content mode")
    parser.add_argument("--mode", choices=("all", *MODES), default="all", help="what to fuzz (default: all, sharing the time)")
    args = parser.parse_args()
    if args.mode == "all":  # each mode in a process of its own: atheris ends the process it runs in
        failed, total = 0, sum(MODES.values())
        for mode, share in MODES.items():
            seconds = max(1, args.seconds * share // total)
            command = [sys.executable, __file__, "--mode", mode, "--seconds", str(seconds), "--seed", str(args.seed), "--engine", args.engine]
            failed = subprocess.run(command).returncode or failed
        return failed
    signal.signal(signal.SIGALRM, _alarm)
    work = Path(tempfile.mkdtemp(prefix="latinno-lint-fuzz-"))
    if args.mode != "content":
        try:
            return (fuzz_names if args.mode == "names" else fuzz_cache)(args.seconds, args.seed, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    try:
        run = fuzz_atheris if engine == "atheris" else fuzz_hypothesis
        return run(args.seconds, args.seed, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
