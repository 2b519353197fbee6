"""--jobs: several processes give exactly the findings and output of one."""

import os
import sys

import pytest

from latinno_lint import lint_paths
from latinno_lint.cli import main
from latinno_lint.lint import passes, pool

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    counts = generate.generate(160, folder, seed=3, bad_share=0.03)
    assert counts["valid"] < 160
    return folder / "cases"


def as_dicts(report):
    return [f.as_dict() for f in report.findings]


def test_two_processes_find_exactly_what_one_finds(corpus):
    one = lint_paths([str(corpus)], jobs=1, use_cache=False)
    two = lint_paths([str(corpus)], jobs=2, use_cache=False)
    assert len(one.findings) > 20
    assert as_dicts(two) == as_dicts(one)
    assert [r.path for r in two.files] == [r.path for r in one.files]


def test_with_cross_file_rules_and_suppressions_too(corpus, dataset_rule, tmp_path):
    cases = tmp_path / "cases"
    (cases / "peru").mkdir(parents=True)
    first = next(corpus.rglob("*.yaml"))
    text = first.read_text(encoding="utf-8")
    (cases / "peru" / "a.yaml").write_text(text, encoding="utf-8")
    (cases / "peru" / "b.yaml").write_text(text.replace("\nid:", "\n# latinno-lint: ignore[LAT499] kept on purpose\nid:", 1), encoding="utf-8")
    (cases / "peru" / "c.yaml").write_text(text.replace("\nname:", "\n# latinno-lint: ignore[LAT499] nothing here\nname:", 1), encoding="utf-8")
    one = lint_paths([str(cases)], jobs=1, use_cache=False)
    two = lint_paths([str(cases)], jobs=2, use_cache=False)
    assert as_dicts(two) == as_dicts(one)
    by_file = {(os.path.basename(f.path), f.code) for f in one.findings}
    assert ("a.yaml", "LAT499") in by_file and ("c.yaml", "LAT499") in by_file
    assert ("b.yaml", "LAT499") not in by_file  # suppressed after the second pass
    assert ("c.yaml", "LAT900") in by_file  # a suppression on the wrong line is unused


def test_cli_output_is_identical(corpus, tmp_path, capsys, dataset_rule):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.json"
        code = main(["check", str(corpus), "--format", "json", "-o", str(out), "--jobs", jobs, "--no-cache"])
        assert code == 1
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"LAT499" in outputs[0]  # generated duplicates: the cross-file pass ran


def test_automatic_jobs_one_for_small_runs_every_core_for_large():
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert pool.job_count(None, 5) == 1
    assert pool.job_count(None, pool.AUTO_MIN_FILES) == cores
    assert pool.job_count(3, 5) == 3


def test_jobs_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--jobs", "0", "cases"])
    assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_one_pass_with_a_warm_cache_finds_what_two_passes_find(corpus, dataset_rule, monkeypatch, tmp_path):
    import shutil

    from latinno_lint.lint import cache

    monkeypatch.setattr(cache, "RACY_NS", 0)  # the corpus was just written; take it as settled
    cases = tmp_path / "cases"
    shutil.copytree(corpus, cases)
    second_passes = []
    real = passes.second_pass
    monkeypatch.setattr(passes, "second_pass", lambda *args: second_passes.append(1) or real(*args))
    cold = lint_paths([str(cases)], jobs=1)  # no cache yet: two passes, and the cache is written
    assert len(second_passes) == 160
    second_passes.clear()
    for jobs in (1, 2):
        warm = lint_paths([str(cases)], jobs=jobs)  # the index from the cache, one pass
        assert second_passes == []
        assert as_dicts(warm) == as_dicts(cold)
    assert any(f.code == "LAT499" for f in cold.findings)


def test_a_large_run_without_libyaml_says_it_is_slow(corpus, capsys, monkeypatch, tmp_path):
    from latinno_lint.cli import check
    from latinno_lint.lint import source

    monkeypatch.setattr(check, "SLOW_PARSER_NOTE_FILES", 100)  # the corpus has 160 files
    out = tmp_path / "report.txt"
    main(["check", str(corpus), "-o", str(out), "--no-cache"])
    assert "libyaml" not in capsys.readouterr().err
    monkeypatch.setattr(source, "WITH_LIBYAML", False)
    main(["check", str(corpus), "-o", str(out), "--no-cache"])
    assert "without libyaml" in capsys.readouterr().err


@pytest.mark.skipif(not pool.can_fork(), reason="the passes run in forked processes only where forking is safe (Linux)")
def test_both_passes_of_a_large_run_are_shared_out(corpus, dataset_rule, monkeypatch):
    """Without the cache, the cross-file rules run after every file has been read:
    with --jobs 2 both passes run in this process and one forked child each,
    with the same findings as --jobs 1."""
    shares = []
    real = pool.forked_map

    def counted(function, items, count):
        shares.append((len(items), count))
        return real(function, items, count)

    monkeypatch.setattr(pool, "forked_map", counted)
    two = lint_paths([str(corpus)], jobs=2, use_cache=False)
    assert shares == [(160, 2), (160, 2)]
    assert as_dicts(two) == as_dicts(lint_paths([str(corpus)], jobs=1, use_cache=False))
    assert any(f.code == "LAT499" for f in two.findings)


@pytest.mark.skipif(not pool.can_fork(), reason="forked_map forks")
def test_forked_map_keeps_the_order_across_shards_and_batches(monkeypatch):
    monkeypatch.setattr(pool, "_BATCH", 7)  # several batches in each child
    items = list(range(100))
    for count in (2, 3, 7):
        results = list(pool.forked_map(lambda n: (n * n, os.getpid()), items, count))
        assert [r for r, _pid in results] == [n * n for n in items]
        pids = [pid for _r, pid in results]
        assert pids[0] == os.getpid() and len(set(pids)) == count  # this process and count - 1 children


def _fails_past_60(n):
    if n > 60:
        raise ValueError(f"item {n} is bad")
    return n


def _dies_past_60(n):
    if n > 60:
        os._exit(3)
    return n


@pytest.mark.skipif(not pool.can_fork(), reason="forked_map forks")
def test_a_failing_child_raises_here_and_a_dead_one_says_so():
    with pytest.raises(ValueError, match="item 61 is bad"):
        list(pool.forked_map(_fails_past_60, list(range(100)), 2))
    with pytest.raises(pool.WorkerFailed, match=r"exited with status 3 before it handed back its results; run again, or with --jobs 1"):
        list(pool.forked_map(_dies_past_60, list(range(100)), 2))


def _killed_past_60(n):
    import signal

    if n > 60:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


@pytest.mark.skipif(not pool.can_fork(), reason="forked_map forks")
def test_a_child_killed_from_outside_is_one_line_and_exit_2(corpus, capsys, monkeypatch):
    """The kernel's out-of-memory killer, say: the command line says what
    happened, with no traceback and no request to report a bug."""
    with pytest.raises(pool.WorkerFailed, match=r"was killed by SIGKILL \(out of memory\?\)"):
        list(pool.forked_map(_killed_past_60, list(range(100)), 2))
    real, parent = pool.forked_map, os.getpid()

    def killed_in_a_child(function, items, count):
        return real(lambda item: function(item) if os.getpid() == parent else _killed_past_60(61), items, count)

    monkeypatch.setattr(pool, "forked_map", killed_in_a_child)
    assert main(["check", str(corpus), "--jobs", "2", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("latinno-lint: a process of --jobs was killed by SIGKILL (out of memory?)") and err.count("\n") == 1
    assert "bug" not in err and "Traceback" not in err


@pytest.mark.skipif(not pool.can_fork(), reason="forked_map forks")
def test_a_consumer_that_stops_early_leaves_no_child_behind():
    import time

    def slow(n):
        if n >= 50:
            time.sleep(60)  # a child still working when the consumer stops
        return n

    started = time.monotonic()
    results = pool.forked_map(slow, list(range(100)), 2)
    assert next(results) == 0
    results.close()  # the consumer stops (an exception, ^C): the child is stopped and reaped
    assert time.monotonic() - started < 30
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left to reap


def test_the_cross_file_rules_read_only_their_fields(corpus, tmp_path):
    """The copy the second pass reads holds only the members in the FIELDS of
    the cross-file rules (passes.dataset_members): a rule that read any other
    member would see it missing. Every member a rule asks for is recorded."""
    from pathlib import Path

    from latinno_lint.lint import dataset, rules, source
    from latinno_lint.lint.config import Config
    from latinno_lint.lint.engine import Case

    asked = set()

    class Watched(dict):
        def get(self, key, default=None):
            asked.add(key)
            return super().get(key, default)

        def __getitem__(self, key):
            asked.add(key)
            return super().__getitem__(key)

        def __iter__(self):
            asked.add("*")
            return super().__iter__()

    files = sorted(corpus.rglob("*.yaml"))
    index = dataset.load(corpus, {}, use_cache=False)
    config = Config()
    checked = 0
    for file in files:
        data = source.parse_bytes(file.read_bytes()).data
        if not isinstance(data, dict):
            continue
        case = Case(Watched(data), str(file), file, config, corpus, Path(os.path.realpath(file)))
        for rule in rules.RULES.values():
            if rule.scope == "dataset" and rule.check is not None:
                list(rule.check(case, index))
                checked += 1
    assert checked > 100
    assert {"id", "related"} <= asked
    assert set(passes.dataset_members(dict.fromkeys(asked))) == asked  # no other member, and no rule went through them all ("*")


def test_cross_file_findings_without_a_second_parse_are_placed_as_by_one(tmp_path, monkeypatch):
    """Without the cache the second pass places the cross-file findings from the
    places the first pass kept (Document.places), not from a second parse: the
    same findings as the one-pass road, which places them from the parsed file,
    also for a duplicated key, a key to escape, an empty value and a flow list."""
    from latinno_lint.lint import cache, source

    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files were just written; take them as settled
    peru = tmp_path / "cases" / "peru"
    peru.mkdir(parents=True)
    base = "name: Council {n}\ncountry: PE\ndescription: A council of residents that meets every month.\n"
    (peru / "one.yaml").write_text("id: one\n" + base.format(n=1) + "related:\n  - id: nowhere\n    relation: implements\n  - {id: 'gone', relation: implements}\n")
    (peru / "two.yaml").write_text("id: one\nid: two\n" + base.format(n=1) + "a/b~c:\nrelated: [{id: two}, {id: also-gone, relation: implements}]\n")
    (peru / "three.yaml").write_text("id: elsewhere\n" + base.format(n=3) + "latinno_id: 7\n")
    (peru / "four.yaml").write_text("id: four\nlatinno_id: 7\n" + base.format(n=4) + "related:\n  - id:\n    relation: implements\n")
    parses = []
    real = passes.parse_bytes
    monkeypatch.setattr(passes, "parse_bytes", lambda raw: parses.append(1) or real(raw))
    cold = lint_paths([str(tmp_path / "cases")], jobs=1)  # two passes, and the cache is written
    assert len(parses) == 4  # the first pass only: every cross-file finding was placed from what it kept
    warm = lint_paths([str(tmp_path / "cases")], jobs=1)  # one pass, the index from the cache
    assert as_dicts(cold) == as_dicts(warm)
    assert {f.code for f in cold.findings} >= {"LAT401", "LAT402", "LAT403", "LAT405", "LAT407"}
    for file in sorted(peru.iterdir()):
        doc = source.parse_bytes(file.read_bytes())
        for pointer, place in passes.dataset_places(doc).items():
            assert place == tuple(doc.span(pointer))[:4], (file.name, pointer)


def test_where_forking_is_unsafe_a_process_pool_gives_the_same_findings(corpus, dataset_rule, monkeypatch):
    """macOS and Windows: the first pass maps over a process pool, the second runs here."""
    with monkeypatch.context() as patch:
        patch.setattr(pool, "can_fork", lambda: False)
        patch.setattr(pool, "forked_map", None)  # not reached
        two = lint_paths([str(corpus)], jobs=2, use_cache=False)
    assert as_dicts(two) == as_dicts(lint_paths([str(corpus)], jobs=1, use_cache=False))
    assert any(f.code == "LAT499" for f in two.findings)


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("this exception cannot be pickled")


def _fails_unpicklably_past_60(n):
    if n > 60:
        raise _Unpicklable(f"item {n}")
    return n


@pytest.mark.skipif(not pool.can_fork(), reason="forked_map forks")
def test_an_exception_that_cannot_be_pickled_still_reaches_the_parent():
    with pytest.raises(pool.WorkerFailed, match=r"a process of --jobs failed: _Unpicklable: item 61"):
        list(pool.forked_map(_fails_unpicklably_past_60, list(range(100)), 2))
