"""The index cache of the cross-file rules: reused only while nothing changed,
invalidated by a changed, deleted or new file and by a new tool version, and
never needed for correct findings."""

import json
import os
import time

import pytest

import latinno_lint.version
from latinno_lint import lint_paths as lint_all
from latinno_lint.lint import cache, dataset
from latinno_lint.lint.config import Config

CASE = "id: {id}\nname: {name}\ncountry: PE\ndescription: A council.\n"


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A small dataset whose files count as settled: the two-second window for
    changes racing a run is closed for the test (a test of its own opens it)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    cases = tmp_path / "cases"
    (cases / "peru").mkdir(parents=True)
    for ident in ("alpha", "beta", "gamma"):
        write(cases / "peru" / f"{ident}.yaml", ident)
    return cases.resolve()


def lint_paths(paths, **options):
    """Lint with the test's cross-file rule only (LAT499, see conftest.py)."""
    return lint_all(paths, Config(select=("LAT499",)), **options)


def write(file, ident, name=None):
    file.write_text(CASE.format(id=ident, name=name or ident.title()), encoding="utf-8")


@pytest.fixture
def reads(monkeypatch):
    """The files dataset.read_data parses (cache misses)."""
    seen = []
    real = dataset.read_data

    def spy(file, unread=None):
        seen.append(file.name)
        return real(file, unread)

    monkeypatch.setattr(dataset, "read_data", spy)
    return seen


def ids(index):
    return sorted(e.id for e in index.entries)


def load(root):
    return dataset.load(root, {}, use_cache=True, started_ns=time.time_ns())


def test_a_second_run_reads_no_file_and_gets_the_same_index(root, reads):
    first = load(root)
    assert sorted(reads) == ["alpha.yaml", "beta.yaml", "gamma.yaml"]
    assert (root / cache.FOLDER / cache.FILE).is_file()
    assert (root / cache.FOLDER / ".gitignore").read_text().splitlines()[-1] == "*"
    reads.clear()
    second = load(root)
    assert reads == []
    assert second.entries == first.entries == dataset.load(root, {}, use_cache=False).entries


def test_a_changed_file_is_read_again_even_with_the_same_size(root, reads):
    load(root)
    reads.clear()
    time.sleep(0.01)
    write(root / "peru" / "beta.yaml", "betb", name="Beta")  # same size as before
    index = load(root)
    assert reads == ["beta.yaml"]
    assert ids(index) == ["alpha", "betb", "gamma"]


def test_a_deleted_file_leaves_the_index_and_the_cache(root, reads):
    load(root)
    (root / "peru" / "gamma.yaml").unlink()
    reads.clear()
    index = load(root)
    assert reads == [] and ids(index) == ["alpha", "beta"]
    stored = json.loads((root / cache.FOLDER / cache.FILE).read_text())
    assert sorted(stored["files"]) == ["peru/alpha.yaml", "peru/beta.yaml"]


def test_a_new_file_is_read(root, reads):
    load(root)
    reads.clear()
    (root / "chile").mkdir()
    write(root / "chile" / "delta.yaml", "delta")
    index = load(root)
    assert reads == ["delta.yaml"]
    assert ids(index) == ["alpha", "beta", "delta", "gamma"]


def test_a_new_tool_version_invalidates_everything(root, reads, monkeypatch):
    load(root)
    reads.clear()
    monkeypatch.setattr(latinno_lint.version, "__version__", latinno_lint.version.__version__ + ".post1")
    cache.tool_key.cache_clear()
    try:
        load(root)
    finally:
        cache.tool_key.cache_clear()
    assert sorted(reads) == ["alpha.yaml", "beta.yaml", "gamma.yaml"]


def test_files_changed_just_before_the_run_are_not_trusted(root, reads, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 2_000_000_000)
    load(root)
    reads.clear()
    load(root)  # the files are younger than two seconds: their entries could hide a change
    assert sorted(reads) == ["alpha.yaml", "beta.yaml", "gamma.yaml"]


def test_they_are_trusted_once_they_have_settled(root, reads, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 2_000_000_000)
    now = time.time_ns()
    dataset.load(root, {}, started_ns=now)
    dataset.load(root, {}, started_ns=now + 3_000_000_000)  # read again, and stored as settled
    reads.clear()
    dataset.load(root, {}, started_ns=now + 4_000_000_000)
    assert reads == []


def test_a_damaged_cache_is_ignored_and_replaced(root, reads):
    folder = root / cache.FOLDER
    folder.mkdir()
    (folder / cache.FILE).write_text('{"format": 1, "files": [oops')
    assert ids(load(root)) == ["alpha", "beta", "gamma"]
    assert json.loads((folder / cache.FILE).read_text())["format"] == cache.FORMAT
    stored = json.loads((folder / cache.FILE).read_text())
    stored["files"]["peru/alpha.yaml"] = "not a record"
    (folder / cache.FILE).write_text(json.dumps(stored))
    reads.clear()
    assert ids(load(root)) == ["alpha", "beta", "gamma"]
    assert reads == ["alpha.yaml"]


def test_values_json_cannot_hold_exactly_are_not_cached(root, reads):
    (root / "peru" / "alpha.yaml").write_text("id: 2024-01-31\nname: Alpha\ncountry: PE\ndescription: A council.\n")
    first = load(root)
    reads.clear()
    second = load(root)
    assert reads == ["alpha.yaml"]  # a date id is read again each time, never stored as text
    assert second.entries == first.entries


def test_lints_correctly_when_the_cache_cannot_be_written(root, dataset_rule):
    (root / cache.FOLDER).write_text("a file in the way")
    write(root / "peru" / "copy.yaml", "alpha")
    findings = lint_paths([str(root / "peru" / "copy.yaml")]).findings
    assert [f.code for f in findings] == ["LAT499"]
    assert (root / cache.FOLDER).read_text() == "a file in the way"


def test_lints_correctly_when_the_dataset_is_read_only(root, dataset_rule, monkeypatch):
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    write(root / "peru" / "copy.yaml", "beta")
    assert [f.code for f in lint_paths([str(root / "peru" / "copy.yaml")]).findings] == ["LAT499"]
    assert not (root / cache.FOLDER / cache.FILE).exists()


def test_pre_commit_run_follows_changes_to_files_it_was_not_given(root, dataset_rule, reads):
    checked = root / "peru" / "copy.yaml"
    write(checked, "beta")
    assert [f.code for f in lint_paths([str(checked)]).findings] == ["LAT499"]  # cold: every file read
    reads.clear()
    assert [f.code for f in lint_paths([str(checked)]).findings] == ["LAT499"]  # warm: none read
    assert reads == []
    time.sleep(0.01)
    write(root / "peru" / "beta.yaml", "bets")  # the other case gets a new id
    assert lint_paths([str(checked)]).findings == []
    assert reads == ["beta.yaml"]
    assert lint_paths([str(checked)], use_cache=False).findings == []


def test_no_cache_neither_reads_nor_writes(root, dataset_rule):
    lint_paths([str(root)], use_cache=False)
    assert not (root / cache.FOLDER).exists()
    lint_paths([str(root)])
    assert (root / cache.FOLDER / cache.FILE).is_file()


def test_a_commit_of_a_few_files_does_not_rewrite_the_cache(root, dataset_rule):
    (root / "chile").mkdir()
    for number in range(100):  # in a dataset this size, one changed file is not worth a rewrite
        write(root / "chile" / f"case-{number}.yaml", f"case-{number}")
    lint_paths([str(root)])
    stored = (root / cache.FOLDER / cache.FILE).read_bytes()
    time.sleep(0.01)
    write(root / "peru" / "alpha.yaml", "alpha", name="Alpha Council")
    assert lint_paths([str(root / "peru" / "alpha.yaml")]).findings == []
    assert (root / cache.FOLDER / cache.FILE).read_bytes() == stored  # alpha is parsed when it is checked
    time.sleep(0.01)
    write(root / "peru" / "beta.yaml", "beta", name="Beta Council")
    lint_paths([str(root / "peru" / "alpha.yaml")])
    assert (root / cache.FOLDER / cache.FILE).read_bytes() != stored  # beta had to be read: remember it


def test_entries_are_immutable_and_survive_pickling():
    import pickle

    entry = dataset.Entry("/data/cases/peru/a.yaml", "a", 1, "A", "PE", ["b"])
    assert entry.file == dataset.Path("/data/cases/peru/a.yaml") and entry.related == ("b",)
    assert pickle.loads(pickle.dumps(entry)) == entry
    with pytest.raises(AttributeError):
        entry.id = "b"


def test_a_fix_run_reads_the_cache_but_writes_nothing_but_fixes(root, dataset_rule):
    lint_paths([str(root / "peru" / "alpha.yaml")], fix_files=True)
    assert not (root / cache.FOLDER).exists()
