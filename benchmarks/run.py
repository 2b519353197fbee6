#!/usr/bin/env python3
"""Benchmark latinno-lint against check-jsonschema and the YAML-parsing floor.

    python benchmarks/run.py [--sizes 4000,40000] [--repeat N] [--quick] [--scale] [--work DIR] [--write FILE] [--pre-commit-only]

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
  checks that the one-file report equals the --no-cache one;
- Ajv: the Ajv CLI (ajv-cli, locked in tests/js, run by node) validating the
  same corpus against the same schema, schema validation only. ajv-cli stops at
  the first file that js-yaml cannot read (exit 2), so it gets every file that
  js-yaml reads, hard-linked once (untimed) into ``ajv-cases/`` beside
  ``cases/``: a few dozen fewer files than latinno-lint checks. Without node
  or tests/js/node_modules (``npm ci`` in tests/js) the variant is skipped and
  the run says so.

``--scale`` measures 4,000, 40,000 and 400,000 cases and prints how the time
per case grows with the size. At sizes above 100,000 files check-jsonschema's
run over every file (hours) and the site (1.2 million pages to write and
remove) are left out and each variant runs once, but for the two one-file
runs (a second or less), which run three times; the run says so.

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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schema" / "case.schema.json"
SEED = 7
BATCH = 2000
JS = ROOT / "tests" / "js"
AJV_CLI = JS / "node_modules" / "ajv-cli" / "dist" / "index.js"  # ajv-cli's "ajv" bin
AJV = "Ajv CLI (ajv-cli, node), schema only"
SCALE_SIZES = "4000,40000,400000"
HUGE = 100_000  # above this many files check-jsonschema's run over every file takes hours: left out


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


# Each command is started by this small launcher, a Python without site-packages,
# which times it and reads its resource use. Started from run.py itself, a
# command's peak RSS would be at least run.py's own at that moment (Linux keeps
# the memory high-water mark of the process image that exec replaces, and a
# forked child starts with its parent's): at 400,000 cases run.py holds the
# reports it compared, and every variant after them showed their size.
_LAUNCHER = """
import os, sys, time
null = os.open(os.devnull, os.O_WRONLY)
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, null, 1)])
_pid, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def _launched(command: list, cwd: Path, errors) -> tuple[float, float, int, int]:
    """Wall and CPU seconds, peak RSS (KiB) and exit code of one command, run by _LAUNCHER."""
    process = subprocess.run([sys.executable, "-I", "-S", "-c", _LAUNCHER, *map(str, command)], cwd=cwd, stdout=subprocess.PIPE, stderr=errors, check=False)
    try:
        wall, cpu, peak, code = process.stdout.split()
    except ValueError:
        errors.seek(0)
        said = (errors.read().decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1][-500:]
        raise RuntimeError(f"{shlex.join(map(str, command))} could not be started: {said}") from None
    return float(wall), float(cpu), int(peak) // (1024 if sys.platform == "darwin" else 1), int(code)


def measure(commands: list, cwd: Path, accept=(0, 1)) -> tuple[float, float, int]:
    """Run commands one after the other as whole processes: wall seconds, CPU
    seconds (user + system, children included) and peak RSS in KiB (that of
    the largest process of the run, its own children included)."""
    wall = cpu = 0.0
    peak = 0
    for command in commands:
        # standard error goes to a file, not a pipe: a run that says more than a pipe holds (at
        # 40,000 cases, a note per case file that gives the index no case) would wait for ever
        with tempfile.TemporaryFile() as errors:
            if hasattr(os, "wait4") and hasattr(os, "posix_spawnp"):
                took, used, most, code = _launched(command, cwd, errors)
                wall, cpu, peak = wall + took, cpu + used, max(peak, most)
            else:  # no wait4 (Windows): wall time only
                start = time.perf_counter()
                code = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, check=False).returncode
                wall += time.perf_counter() - start
            errors.seek(0)
            error = errors.read().decode("utf-8", "replace")
        if code not in accept:
            raise RuntimeError(f"{shlex.join(map(str, command))} exited {code}: {error.strip()[-500:]}")
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
        # the static site (issue 24): every page of every case in three languages, into a fresh folder each run
        Variant("latinno-lint site, --jobs auto", [[lint, "site", "cases", "-o", "site-out"]], lambda: shutil.rmtree(folder / "site-out", ignore_errors=True)),
        Variant("pre-commit: check-jsonschema, one file", [[cj, *schema, one]], edit),
        Variant("pre-commit: latinno-lint, one file (cache warm)", [[lint, "check", one, "-o", "report-one.txt"]], edit),
        Variant("pre-commit: latinno-lint, one file (--no-cache)", [[lint, "check", one, "-o", "report-one.txt", "--no-cache"]], edit),
    ]
    return {v.name: v for v in found}, changed, original


def ajv_missing() -> str | None:
    """Why the Ajv variant cannot run here, or None."""
    import shutil

    if shutil.which("node") is None:
        return "node is not installed"
    if not AJV_CLI.is_file():
        return f"{AJV_CLI.relative_to(ROOT)} is missing (run `npm ci` in tests/js)"
    return None


def ajv_corpus(folder: Path) -> int:
    """Hard-link (untimed) every case file that js-yaml reads into folder/ajv-cases/:
    ajv-cli exits 2 at the first file it cannot read, so the files with a YAML
    error (tab indentation, a duplicate key) are left out. Returns the count."""
    import shutil

    target = folder / "ajv-cases"
    files = sorted(str(p.relative_to(folder)) for p in (folder / "cases").rglob("*.yaml"))
    # js-yaml is ajv-cli's own (it requires it with safeLoad), resolved from ajv-cli's folder
    script = (
        'const fs=require("fs");'
        'const yaml=require(require.resolve("js-yaml",{paths:[process.argv[1]]}));'
        'for(const n of fs.readFileSync(0,"utf8").split("\\n").filter(Boolean)){'
        'try{yaml.safeLoad(fs.readFileSync(n).toString());process.stdout.write(n+"\\n")}catch(e){}}'
    )
    readable = subprocess.run(["node", "-e", script, str(AJV_CLI.parent.parent)], cwd=folder, input="\n".join(files), capture_output=True, text=True, check=True).stdout.splitlines()
    # the corpus's own stamp too: a corpus made again has new files, which old links do not reach
    corpus_stamp = (folder / "STAMP").read_text() if (folder / "STAMP").is_file() else ""
    stamp = hashlib.sha256("\n".join([corpus_stamp, *readable]).encode()).hexdigest()
    if (target / "STAMP").is_file() and (target / "STAMP").read_text() == stamp:
        return len(readable)
    shutil.rmtree(target, ignore_errors=True)
    for name in readable:
        link = target / Path(name).relative_to("cases")
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(folder / name, link)  # the same inode: the pre-commit edits show here too
        except OSError:
            shutil.copyfile(folder / name, link)
    (target / "STAMP").write_text(stamp)
    return len(readable)


def ajv_variant(folder: Path) -> tuple:
    """The Ajv variant for the corpus in ``folder`` and the number of files it
    validates, or (None, why it is skipped)."""
    why = ajv_missing()
    if why is not None:
        return None, why
    count = ajv_corpus(folder)
    command = ["node", str(AJV_CLI), "validate", "--spec=draft2020", "-c", "ajv-formats", "--strict=false", "-s", str(SCHEMA), "-d", "ajv-cases/**/*.yaml"]
    return Variant(AJV, [command]), count


def ajv_ratios(size: int, found: dict, ajv_files) -> list:
    """Issue 28's ratios: latinno-lint's full check against the Ajv CLI's, wall and CPU."""
    if AJV not in found:
        return [f"- Ajv CLI: not measured, {ajv_files}"]
    ajv = found[AJV]
    cold = found["latinno-lint check, --jobs auto --no-cache (as in CI)"]
    full = found["latinno-lint check, --jobs auto"]
    one = found["latinno-lint check, --jobs 1"]
    lines = [
        f"- full check without the index cache (--no-cache) vs the Ajv CLI ({ajv_files:,} of the {size:,} files: those js-yaml reads): "
        f"**{cold.wall / ajv.wall:.2f}x Ajv's wall time, {cold.cpu / ajv.cpu:.2f}x its CPU time** — target at most 0.7x and 1.0x",
        f"- the same with the index cache warm: {full.wall / ajv.wall:.2f}x wall, {full.cpu / ajv.cpu:.2f}x CPU; --jobs 1: {one.wall / ajv.wall:.2f}x wall, {one.cpu / ajv.cpu:.2f}x CPU",
    ]
    floor = found.get("floor (read + CSafeLoader compose + construct)")
    cj = found.get("check-jsonschema, every file")
    others = [f"the floor takes {floor.wall / ajv.wall:.2f}x Ajv's wall time" if floor else "", f"check-jsonschema {cj.wall / ajv.wall:.1f}x" if cj else ""]
    if any(others):
        lines.append(f"- beside them: {', '.join(o for o in others if o)}")
    return lines


def scale_table(results: dict) -> list:
    """Time and memory by corpus size, and the time per case against the smallest
    size's: a figure above 1.00x grows faster than the number of cases."""
    sizes = sorted(results)
    small = sizes[0]
    names = (
        ("full check (--jobs auto, cache warm)", "latinno-lint check, --jobs auto"),
        ("full check --no-cache", "latinno-lint check, --jobs auto --no-cache (as in CI)"),
        ("full check --jobs 1", "latinno-lint check, --jobs 1"),
    )
    rows = [
        f"### Scale, {small:,} → {sizes[-1]:,} files",
        "",
        "Time per case (ms), and in brackets against the same figure at the smallest size (1.00x: linear; above: worse than linear).",
        "The pre-commit run checks one changed file with the cache warm, so its time is per run, not per case.",
        "",
        "| cases | " + " | ".join(f"{label}: wall s, ms/case" for label, _ in names) + " | pre-commit, one file: wall s | peak RSS MiB (auto, --no-cache, --jobs 1, pre-commit) |",
        "|---:|" + "---:|" * (len(names) + 2),
    ]
    for size in sizes:
        found = results[size]
        cells = []
        for _label, name in names:
            v, base = found[name], results[small][name]
            per, base_per = v.wall / size * 1000, base.wall / small * 1000
            cells.append(f"{v.wall:.2f}, {per:.3f} ({per / base_per:.2f}x)")
        pre = found["pre-commit: latinno-lint, one file (cache warm)"]
        peaks = ", ".join(f"{found[n].peak / 1024:.0f}" for n in (*(n for _l, n in names[:2]), names[2][1], "pre-commit: latinno-lint, one file (cache warm)"))
        rows.append(f"| {size:,} | " + " | ".join(cells) + f" | {pre.wall:.3f} | {peaks} |")
    return rows


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
        ("node", node_version()),
        ("ajv-cli (ajv, js-yaml)", js_versions()),
    ]


def node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not installed"


def js_versions() -> str:
    import json

    def version(name):
        try:
            return json.loads((JS / "node_modules" / name / "package.json").read_text())["version"]
        except (OSError, ValueError, KeyError):
            return "not installed"

    return f"{version('ajv-cli')} ({version('ajv')}, {version('js-yaml')})"


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
    if "check-jsonschema, every file" not in v:
        pre = v["pre-commit: latinno-lint, one file (cache warm)"]
        return [
            f"- check-jsonschema over every file: not run at {size:,} files (it would take hours); every variant ran once",
            f"- full run vs the floor measured in this run: **{full.wall / v['floor (read + CSafeLoader compose + construct)'].wall:.2f}x the floor** "
            f"(--no-cache: {cold.wall / v['floor (read + CSafeLoader compose + construct)'].wall:.2f}x; --jobs 1: {one.wall / v['floor (read + CSafeLoader compose + construct)'].wall:.2f}x)",
            f"- pre-commit shape, one changed file in {size:,}: latinno-lint takes **{pre.wall / v['pre-commit: check-jsonschema, one file'].wall:.2f}x** "
            f"the time of check-jsonschema on that file, peak {pre.peak / 1024:.0f} MiB",
            f"- --jobs 2 vs --jobs 1: {one.wall / v['latinno-lint check, --jobs 2'].wall:.2f}x faster; reports of --jobs 1, 2, auto and --no-cache identical: **{'yes' if same else 'NO'}**",
        ]
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
        f"- the static site (latinno-lint site, {3 * size:,} case pages and the overviews and quality reports): "
        f"**{v['latinno-lint site, --jobs auto'].wall / v['floor (read + CSafeLoader compose + construct)'].wall:.2f}x the floor** — target at most 4x",
        f"- --jobs 2 vs --jobs 1: {one.wall / v['latinno-lint check, --jobs 2'].wall:.2f}x faster; reports of --jobs 1, 2, auto and --no-cache identical: **{'yes' if same else 'NO'}**",
    ]


def big_and_ajv(size: int, folder: Path, found: dict) -> tuple:
    """The variants with Ajv's added (when node and ajv-cli are here) and, above
    HUGE files, check-jsonschema's run over every file left out (each says so on
    standard error; ratios() and ajv_ratios() in the results); the number of
    files Ajv validates, or why it is skipped."""
    if size > HUGE:
        found.pop("check-jsonschema, every file")
        print(f"{size}: check-jsonschema over every file: left out above {HUGE:,} files (hours); every variant runs once", file=sys.stderr)
        found.pop("latinno-lint site, --jobs auto")
        print(f"{size}: the site: left out above {HUGE:,} files (three pages a case, written and removed each run: most of an hour on a disk)", file=sys.stderr)
    ajv, count = ajv_variant(folder)
    if ajv is None:
        print(f"{size}: Ajv CLI: skipped, {count}", file=sys.stderr)
    else:
        found[AJV] = ajv
    return found, count


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
    parser.add_argument("--scale", action="store_true", help=f"sizes {SCALE_SIZES}; above {HUGE:,} files one run each, without check-jsonschema's run over every file")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out", help="where corpora and reports go (default bench-out/)")
    parser.add_argument("--write", type=Path, metavar="FILE", help="also write the results as Markdown to FILE (e.g. BENCHMARKS.md)")
    parser.add_argument("--pre-commit-only", action="store_true", help="only the one-changed-file variants (a few seconds a run, at any size)")
    args = parser.parse_args(argv)
    if args.scale:
        args.sizes = SCALE_SIZES
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
        found, ajv_files = big_and_ajv(size, folder, found)
        repeat = 1 if args.quick or size > HUGE else args.repeat or (5 if size <= 5000 else 3)
        try:
            # the cache-warm variants are a maintainer's machine: the index cache exists before the first timed run
            measure([[lint, "check", "cases", "-o", "report-warm-up.txt"]], folder)
            warm_pre_commit(lint, folder, str(changed.relative_to(folder)))
            for turn in range(repeat):
                for variant in found.values():
                    print(f"{size}: run {turn + 1}/{repeat}: {variant.name}", file=sys.stderr)
                    variant.run(folder)
            if size > HUGE and not args.quick:  # the one-file runs take a second or less, even here: three of them
                for turn in (2, 3):
                    for name in ("pre-commit: check-jsonschema, one file", "pre-commit: latinno-lint, one file (cache warm)"):
                        print(f"{size}: run {turn}/3: {name}", file=sys.stderr)
                        found[name].run(folder)
        finally:
            changed.write_bytes(original)
        reports = [(folder / f"report-{name}.txt").read_bytes() for name in ("1", "2", "auto", "cold")]
        same = all(report == reports[0] for report in reports)
        failed |= not same
        results[size] = found
        out += [*table(size, found), "", *ratios(size, found, same), *ajv_ratios(size, found, ajv_files), ""]
    if len(sizes) > 1:
        out += [*scale_table(results), ""]
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
