#!/usr/bin/env python3
"""Fuzz latinno-lint: any bytes through lint_text, --fix and the importer.

    .venv/bin/python fuzz/fuzz_lint.py                      # 60 s, seed 1 (what .ci/run does)
    .venv/bin/python fuzz/fuzz_lint.py --seconds 3600       # an hour
    .venv/bin/python fuzz/fuzz_lint.py --seed 7 --engine hypothesis

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
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_INPUT_SECONDS = 10
TOKENS = ["\n", "  ", "- ", ": ", "? ", ", ", "[", "]", "{", "}", "# ", "# latinno-lint: ignore[LAT101] reason", "&a ", "*a",
          "!!python/object/apply:os.system ", "!tag ", "'", '"', "|\n", ">-\n", "---\n", "...\n", "\t", "\r\n", "\r", "\x00",
          "\ufeff", "\u2028", "\x85", "<<: ", "id: ", "name: ", "country: ", "transnational", "countries: ", "description: ",
          "institutional_design:\n", "participants: ", "co_governance: ", "means: ", "sources:\n  - url: ", "related:\n  - id: ",
          "relation: ", "start_year: ", "latinno_id: ", "true", "null", "~", "1e999", "0x1F", "2020-02-31", "9" * 40]


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
    from latinno_lint.importer import import_page
    from latinno_lint.source import lines, parse_bytes

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


def fuzz_atheris(seconds: int, seed: int, work: Path) -> int:
    import atheris

    with atheris.instrument_imports(include=["latinno_lint"]):
        import latinno_lint.engine  # instrumented for coverage
        import latinno_lint.importer  # noqa: F401
    corpus, artifacts = work / "corpus", ROOT / "fuzz-artifacts"
    corpus.mkdir()
    artifacts.mkdir(exist_ok=True)
    for i, data in enumerate(seeds()):
        (corpus / f"seed-{i}").write_bytes(data)
    tokens = work / "yaml.dict"
    tokens.write_text("".join('"' + "".join(f"\\x{b:02x}" for b in t.encode()) + '"\n' for t in TOKENS))
    files = work / "files"
    files.mkdir()

    def one_input(data: bytes) -> None:
        check_one(data, files)

    argv = [sys.argv[0], f"-seed={seed}", f"-max_total_time={seconds}", f"-timeout={PER_INPUT_SECONDS + 5}",
            "-max_len=65536", "-rss_limit_mb=4096", f"-dict={tokens}", f"-artifact_prefix={artifacts}/", "-print_final_stats=1", str(corpus)]
    print(f"fuzz: atheris (libFuzzer), {seconds} s, seed {seed}; failing inputs go to {artifacts}/", flush=True)
    atheris.Setup(argv, one_input)
    atheris.Fuzz()  # exits the process: 0 when the time is up, non-zero on a failure
    return 0


def fuzz_hypothesis(seconds: int, seed: int, work: Path) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as with_seed
    from hypothesis import strategies as st

    corpus = seeds()
    edit = st.tuples(st.floats(0, 1), st.integers(0, 8), st.one_of(st.sampled_from(TOKENS).map(str.encode), st.binary(max_size=4)))

    def mutate(base: bytes, edits) -> bytes:
        for where, cut, insert in edits:
            at = int(where * len(base))
            base = base[:at] + insert + base[at + cut:]
        return base

    inputs = st.one_of(st.binary(max_size=2048), st.builds(mutate, st.sampled_from(corpus), st.lists(edit, max_size=12)))
    deadline, rounds, examples = time.monotonic() + seconds, 0, 0
    print(f"fuzz: Hypothesis (random and mutated inputs; install atheris for coverage guidance), {seconds} s, seed {seed}", flush=True)
    while time.monotonic() < deadline:
        @with_seed(seed + rounds)
        @settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(inputs)
        def batch(data):
            check_one(data, work)

        batch()
        rounds, examples = rounds + 1, examples + 300
    print(f"fuzz: {examples} inputs in {rounds} rounds, no failure", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    work = Path(tempfile.mkdtemp(prefix="latinno-lint-fuzz-"))
    try:
        run = fuzz_atheris if engine == "atheris" else fuzz_hypothesis
        return run(args.seconds, args.seed, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
