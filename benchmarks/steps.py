#!/usr/bin/env python3
"""Where the time of one process goes: the steps of a check without the index
cache (--no-cache --jobs 1), timed one by one over every case file under DIR.

    python benchmarks/steps.py DIR

Prints seconds per step for all files (first pass: read, parse, check without
the cross-file rules, index entry and copy; then the index and the second
pass as the runner does them) and per file. A tool for finding what to make
faster; benchmarks/run.py measures whole runs.
"""

from __future__ import annotations

import gc
import pickle
import sys
import tempfile
import time
from pathlib import Path

started = time.perf_counter()
from latinno_lint.lint import dataset, engine, files, passes, pool, source  # noqa: E402
from latinno_lint.lint.config import Config  # noqa: E402

IMPORTS = time.perf_counter() - started


def main(folder: str) -> int:
    gc.disable()  # as lint_paths runs
    config = Config()
    clock = time.perf_counter
    steps = dict.fromkeys(("read", "parse", "check", "entry and copy"), 0.0)
    start = clock()
    items = files.discover([folder], None)
    found = clock() - start
    outcomes = []
    with tempfile.TemporaryFile() as spill:
        for display, given, _problem, resolved in items:
            t0 = clock()
            file = Path(given)
            raw, stamp, _problem = files.read_stamped(file)
            t1 = clock()
            doc = source.parse_bytes(raw) if raw is not None else source.Document()
            t2 = clock()
            comments = "latinno-lint" in doc.text
            findings = engine.check_document(doc, display, file, config, scopes=passes.FIRST_PASS, suppress=not comments)[0]
            t3 = clock()
            outcome = passes.Outcome(display, findings, file, resolved or str(dataset.resolve(file)), stamp, comments=comments)
            if doc.ok:
                outcome.entry = dataset.entry_from(outcome.resolved, doc.data)
                if isinstance(doc.data, dict):
                    outcome.snapshot = pickle.dumps((passes.dataset_members(doc.data), passes.dataset_places(doc)), pickle.HIGHEST_PROTOCOL)
            outcomes.append(passes.spill_snapshot(outcome, spill))
            t4 = clock()
            for name, took in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                steps[name] += took
        t5 = clock()
        known = {o.resolved: (o.stamp, o.entry) for o in outcomes if o.resolved is not None}
        indexes = dataset.indexes_for(items, config.cases_root, known, False, time.time_ns()) or {}
        t6 = clock()
        pool.second_pass_all(outcomes, config, indexes, spill, 1)
        t7 = clock()
    count = max(1, len(items))
    rows = [("imports", IMPORTS), ("discover", found), *steps.items(), ("index", t6 - t5), ("second pass", t7 - t6)]
    for name, took in rows:
        print(f"{name:15} {took:7.3f} s  {took / count * 1e6:7.1f} µs/file")
    print(f"{'total':15} {sum(t for _n, t in rows):7.3f} s  ({len(items)} files)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    sys.exit(main(sys.argv[1]))
