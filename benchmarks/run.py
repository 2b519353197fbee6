#!/usr/bin/env python3
"""Benchmark latinno-lint against check-jsonschema and the YAML-parsing floor.

    python benchmarks/run.py [--sizes 4000,40000] [--repeat N] [--quick] [--work DIR] [--write FILE] [--pre-commit-only]

For each size it generates a corpus (benchmarks/generate.py; reused while the
generator, size and seed are unchanged), then runs every variant as a whole
process, ``--repeat`` times, interleaved so that a busy machine slows them
alike, and prints a table: median wall time, files per second, median CPU time
(user + system) and peak RSS (the largest process of the run), then the ratios
of issue 7 and the versions of what ran. Variants:

- floor: benchmarks/floor.py, read + CSafeLoader compose + construct of every file;
- check-jsonschema: ``check-jsonschema --schemafile schema/case.schema.json`` on
  every file (in sequential batches of at most 2,000 files, as xargs would);
- latinno-lint: ``latinno-lint check cases -o report.txt`` with --jobs auto, 1 and 2
  (the index cache warm: a maintainer's machine; one untimed run writes it first),
  and with --no-cache (a fresh clone in CI: the cache is neither read nor written);
- pre-commit shape: one changed file of the dataset, by latinno-lint (index
  cache warm, and with --no-cache) and by check-jsonschema. Each corpus is a
  git repository (commit_corpus), as real datasets are, so the warm run takes
  its index from git and .latinno-lint-cache/index.sqlite (written by an
  untimed run first); ``--pre-commit-only`` runs these variants alone and
  checks that the one-file report equals the --no-cache one.

After the check-jsonschema run over every file comes an untimed floor run:
on the machine of BENCHMARKS.md, whatever ran right after that long run was
slower (at 40,000 files, latinno-lint's --jobs auto took 9.5 s there and 8.0 s
on the next run), which would bias whichever variant came next.

latinno-lint is byte-compiled first, as pip would. It asserts no timing. It exits 1 when a run fails or when --jobs 1 and
--jobs 2 do not write identical reports. Needs the ``bench`` extra
(``pip install -e '.[bench]'``). ``--quick`` (for CI): 200 files, one run each.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schema" / "case.schema.json"
SEED = 7
BATCH = 2000


def tool(name: str) -> str:
    """A console script next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = __import__("shutil").which(name)
    if found is None:
        sys.exit(f"run.py: '{name}' is not installed; install the bench extra: pip install -e '.[bench]'")
    return found


def byte_compile() -> None:
    """Compile latinno_lint to .pyc as pip does when it installs a package; an
    editable install under PYTHONDONTWRITEBYTECODE would otherwise compile every
    module again in every run (check-jsonschema, installed by pip, is compiled)."""
    import importlib.util

    spec = importlib.util.find_spec("latinno_lint")
    for folder in spec.submodule_search_locations or ():
        subprocess.run([sys.executable, "-m", "compileall", "-q", folder], check=True, stdout=subprocess.DEVNULL)


def corpus(size: int, work: Path) -> Path:
    """DIR with DIR/cases/ of ``size`` generated cases, made again only when needed."""
    folder = work / f"corpus-{size}"
    stamp = hashlib.sha256((HERE / "generate.py").read_bytes() + f"{size}:{SEED}".encode()).hexdigest()
    if (folder / "STAMP").is_file() and (folder / "STAMP").read_text() == stamp:
        commit_corpus(folder)
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    print(f"generating {size} cases in {folder} ...", file=sys.stderr)
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(size), str(folder), "--seed", str(SEED)], check=True, stdout=subprocess.DEVNULL)
    commit_corpus(folder, again=True)
    (folder / "STAMP").write_text(stamp)
    return folder


# The corpus as a git repository ----------------------------------------------------------------
# Real datasets live in git, and a pre-commit run in one is answered from git's index
# (latinno_lint/lint/gitindex.py): each corpus is a repository with its cases committed.


def commit_corpus(folder: Path, again: bool = False) -> None:
    """Make ``folder`` a git repository whose one commit holds cases/ (again: a new corpus)."""
    if ((folder / ".git").exists() and not again) or __import__("shutil").which("git") is None:
        return
    if (folder / ".git").exists():
        __import__("shutil").rmtree(folder / ".git")
    env = {**os.environ, "GIT_AUTHOR_NAME": "benchmark", "GIT_AUTHOR_EMAIL": "benchmark@example.invalid", "GIT_COMMITTER_NAME": "benchmark", "GIT_COMMITTER_EMAIL": "benchmark@example.invalid"}
    for command in (["init", "-q"], ["add", "-A", "cases"], ["commit", "-q", "-m", "the generated corpus"], ["update-index", "--refresh", "-q"]):
        subprocess.run(["git", "-c", "gc.auto=0", *command], cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL)


def warm_pre_commit(lint: str, folder: Path, one: str) -> None:
    """An untimed one-file run: the index file of a pre-commit run exists, as on a maintainer's machine."""
    measure([[lint, "check", one, "-o", "report-warm-up.txt"]], folder)


def measure(commands: list, cwd: Path, accept=(0, 1)) -> tuple[float, float, int]:
    """Run commands one after the other as whole processes: wall seconds, CPU
    seconds (user + system, children included) and peak RSS in KiB."""
    wall = cpu = 0.0
    peak = 0
    for command in commands:
        start = time.perf_counter()
        errors = __import__("tempfile").TemporaryFile()  # not a pipe: a run that says much would wait on it forever
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            cpu += usage.ru_utime + usage.ru_stime
            peak = max(peak, usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1))
        else:
            process.wait()
        wall += time.perf_counter() - start
        errors.seek(0)
        error = errors.read().decode("utf-8", "replace")
        errors.close()
        if process.returncode not in accept:
            raise RuntimeError(f"{shlex.join(map(str, command))} exited {process.returncode}: {error.strip()[-500:]}")
    return wall, cpu, peak


def batches(files: list, size: int = BATCH) -> list:
    return [files[i : i + size] for i in range(0, len(files), size)]


class Variant:
    def __init__(self, name: str, commands, before=None, after=None):
        self.name, self.commands, self.before, self.after = name, commands, before, after
        self.walls, self.cpus, self.peaks = [], [], []

    def run(self, cwd: Path) -> None:
        if self.before:
            self.before()
        wall, cpu, peak = measure(self.commands, cwd)
        self.walls.append(wall)
        self.cpus.append(cpu)
        self.peaks.append(peak)
        if self.after:
            measure(self.after, cwd)  # untimed

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    @property
    def peak(self) -> int:
        return max(self.peaks)


def variants_for(size: int, folder: Path, lint: str, cj: str) -> tuple:
    """The variants by name, the file the pre-commit variants change, and its content."""
    files = sorted(str(p.relative_to(folder)) for p in (folder / "cases").rglob("*.yaml"))
    changed = folder / files[len(files) // 2]
    original = changed.read_bytes()
    turn = [0]

    def edit():  # the changed file of a commit: new content each time
        turn[0] += 1
        changed.write_bytes(original + f"# edit {turn[0]}\n".encode())

    schema = ["--schemafile", str(SCHEMA)]
    one = str(changed.relative_to(folder))
    found = [
        Variant("floor (read + CSafeLoader compose + construct)", [[sys.executable, str(HERE / "floor.py"), "cases"]]),
        # the run after check-jsonschema's long one was measured 1.5 s slower at 40,000 files, whatever it
        # was (on this machine, with more system time): an untimed floor run takes that place
        Variant("check-jsonschema, every file", [[cj, *schema, *chunk] for chunk in batches(files)], after=[[sys.executable, str(HERE / "floor.py"), "cases"]]),
        Variant("latinno-lint check, --jobs auto", [[lint, "check", "cases", "-o", "report-auto.txt"]]),
        Variant("latinno-lint check, --jobs auto --no-cache (as in CI)", [[lint, "check", "cases", "-o", "report-cold.txt", "--no-cache"]]),
        Variant("latinno-lint check, --jobs 1", [[lint, "check", "cases", "-o", "report-1.txt", "--jobs", "1"]]),
        Variant("latinno-lint check, --jobs 2", [[lint, "check", "cases", "-o", "report-2.txt", "--jobs", "2"]]),
        Variant("pre-commit: check-jsonschema, one file", [[cj, *schema, one]], edit),
        Variant("pre-commit: latinno-lint, one file (cache warm)", [[lint, "check", one, "-o", "report-one.txt"]], edit),
        Variant("pre-commit: latinno-lint, one file (--no-cache)", [[lint, "check", one, "-o", "report-one.txt", "--no-cache"]], edit),
    ]
    return {v.name: v for v in found}, changed, original


def versions() -> list:
    import yaml

    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return [
        ("Python", platform.python_version()),
        ("PyYAML", f"{yaml.__version__} (libyaml: {'yes' if getattr(yaml, '__with_libyaml__', False) else 'no'})"),
        ("jsonschema", version("jsonschema")),
        ("check-jsonschema", version("check-jsonschema")),
        ("latinno-lint", version("latinno-lint")),
    ]


def machine() -> list:
    model = memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        model = platform.processor() or model
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [("nproc", str(cores)), ("CPU", model), ("memory", memory), ("OS", platform.platform())]


def table(size: int, found: dict) -> list:
    rows = [f"### {size:,} case files", "", "| variant | median wall s | files/s | median CPU s | peak RSS MiB |", "|---|---:|---:|---:|---:|"]
    for v in found.values():
        count = 1 if v.name.startswith("pre-commit") else size
        rows.append(f"| {v.name} | {v.wall:.3f} | {count / v.wall:,.0f} | {v.cpu:.3f} | {v.peak / 1024:.0f} |")
    return rows


def ratios(size: int, found: dict, same: bool) -> list:
    v = found
    full = v["latinno-lint check, --jobs auto"]
    one = v["latinno-lint check, --jobs 1"]
    cold = v["latinno-lint check, --jobs auto --no-cache (as in CI)"]
    return [
        f"- full run vs check-jsonschema (same files): **{v['check-jsonschema, every file'].wall / full.wall:.1f}x faster** "
        f"(--jobs 1: {v['check-jsonschema, every file'].wall / one.wall:.1f}x) — target at least 5x",
        f"- full run vs the floor measured in this run: **{full.wall / v['floor (read + CSafeLoader compose + construct)'].wall:.2f}x the floor** "
        f"(--no-cache, as in CI: {cold.wall / v['floor (read + CSafeLoader compose + construct)'].wall:.2f}x; "
        f"--jobs 1: {one.wall / v['floor (read + CSafeLoader compose + construct)'].wall:.2f}x) — target at most 2x",
        f"- pre-commit shape, one changed file in {size:,}: latinno-lint takes **{v['pre-commit: latinno-lint, one file (cache warm)'].wall / v['pre-commit: check-jsonschema, one file'].wall:.2f}x** "
        f"the time of check-jsonschema on that file (--no-cache: "
        f"{v['pre-commit: latinno-lint, one file (--no-cache)'].wall / v['pre-commit: check-jsonschema, one file'].wall:.2f}x) — target under 0.5x",
        f"- without the index cache (--no-cache, as in CI): {v['check-jsonschema, every file'].wall / cold.wall:.1f}x faster than check-jsonschema, "
        f"{cold.wall / v['floor (read + CSafeLoader compose + construct)'].wall:.2f}x the floor",
        f"- --jobs 2 vs --jobs 1: {one.wall / v['latinno-lint check, --jobs 2'].wall:.2f}x faster; reports of --jobs 1, 2, auto and --no-cache identical: **{'yes' if same else 'NO'}**",
    ]


def pre_commit_only(args, sizes: list, lint: str, cj: str, out: list) -> int:
    """``--pre-commit-only``: the pre-commit variants alone, and whether the one-file
    report with the index (git's and the index file) is the one of --no-cache."""
    failed = False
    for size in sizes:
        folder = corpus(size, args.work)
        found, changed, original = variants_for(size, folder, lint, cj)
        found = {name: v for name, v in found.items() if name.startswith("pre-commit")}
        repeat = 1 if args.quick else args.repeat or (5 if size <= 5000 else 3)
        one = str(changed.relative_to(folder))
        try:
            warm_pre_commit(lint, folder, one)
            for turn in range(repeat):
                for variant in found.values():
                    print(f"{size}: run {turn + 1}/{repeat}: {variant.name}", file=sys.stderr)
                    variant.run(folder)
            measure([[lint, "check", one, "-o", "report-one-warm.txt"], [lint, "check", one, "-o", "report-one-cold.txt", "--no-cache"]], folder)
        finally:
            changed.write_bytes(original)
        same = (folder / "report-one-warm.txt").read_bytes() == (folder / "report-one-cold.txt").read_bytes()
        failed |= not same
        warm, cold, other = (found[f"pre-commit: {n}"] for n in ("latinno-lint, one file (cache warm)", "latinno-lint, one file (--no-cache)", "check-jsonschema, one file"))
        out += [
            *table(size, found),
            "",
            f"- pre-commit shape, one changed file in {size:,}: latinno-lint takes **{warm.wall / other.wall:.2f}x** the time of check-jsonschema "
            f"on that file (--no-cache: {cold.wall / other.wall:.2f}x), peak {warm.peak / 1024:.0f} MiB; report identical to --no-cache: **{'yes' if same else 'NO'}**",
            "",
        ]
    text = "\n".join(out)
    print(text)
    if args.write:
        args.write.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    return 1 if failed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="4000,40000", help="comma-separated corpus sizes (default 4000,40000)")
    parser.add_argument("--repeat", type=int, help="runs of each variant (default 5, 3 for sizes above 5,000)")
    parser.add_argument("--quick", action="store_true", help="a proof that the benchmark works: 200 files, one run each")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out", help="where corpora and reports go (default bench-out/)")
    parser.add_argument("--write", type=Path, metavar="FILE", help="also write the results as Markdown to FILE (e.g. BENCHMARKS.md)")
    parser.add_argument("--pre-commit-only", action="store_true", help="only the one-changed-file variants (a few seconds a run, at any size)")
    args = parser.parse_args(argv)
    sizes = [200] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    if not sizes or min(sizes) < 20:
        parser.error("sizes must be at least 20")
    lint, cj = tool("latinno-lint"), tool("check-jsonschema")
    byte_compile()
    command = "python benchmarks/run.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    out = [
        "# Benchmarks",
        "",
        "Written by benchmarks/run.py (see docs/speed.md). Wall times are medians of whole-process runs, interleaved;",
        "CPU is user + system time of the run and its processes; peak RSS is that of the largest process. The machine",
        "is shared with other work, so absolute times move between runs: compare the ratios, measured side by side.",
        "",
        f"Command: `{command.strip()}`",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine()),
        "",
        "| software | version |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in versions()),
        "",
    ]
    if args.pre_commit_only:
        return pre_commit_only(args, sizes, lint, cj, out)
    failed = False
    results = {}
    for size in sizes:
        folder = corpus(size, args.work)
        found, changed, original = variants_for(size, folder, lint, cj)
        repeat = 1 if args.quick else args.repeat or (5 if size <= 5000 else 3)
        try:
            # the cache-warm variants are a maintainer's machine: the index cache exists before the first timed run
            measure([[lint, "check", "cases", "-o", "report-warm-up.txt"]], folder)
            warm_pre_commit(lint, folder, str(changed.relative_to(folder)))
            for turn in range(repeat):
                for variant in found.values():
                    print(f"{size}: run {turn + 1}/{repeat}: {variant.name}", file=sys.stderr)
                    variant.run(folder)
        finally:
            changed.write_bytes(original)
        reports = [(folder / f"report-{name}.txt").read_bytes() for name in ("1", "2", "auto", "cold")]
        same = all(report == reports[0] for report in reports)
        failed |= not same
        results[size] = found
        out += [*table(size, found), "", *ratios(size, found, same), ""]
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        a, b = results[small]["latinno-lint check, --jobs auto"], results[large]["latinno-lint check, --jobs auto"]
        c, d = results[small]["latinno-lint check, --jobs 1"], results[large]["latinno-lint check, --jobs 1"]
        out += [
            f"### Scale, {small:,} → {large:,} files ({large / small:.0f}x the files)",
            "",
            f"- time: {b.wall / a.wall:.1f}x (--jobs 1: {d.wall / c.wall:.1f}x); files/s {small / a.wall:,.0f} → {large / b.wall:,.0f}",
            f"- peak RSS: {a.peak / 1024:.0f} → {b.peak / 1024:.0f} MiB ({b.peak / a.peak:.1f}x; --jobs 1: {c.peak / 1024:.0f} → {d.peak / 1024:.0f} MiB) — target under 300 MiB at {large:,}",
            "",
        ]
    text = "\n".join(out)
    print(text)
    if args.write:
        args.write.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as exc:
        sys.exit(f"run.py: {exc}")
