"""The index of a few files of a dataset in git (lint/gitindex.py): whatever
happened to the work tree since the index file was written, a run that uses it
reports exactly what a run with --no-cache reports, and a damaged or crafted
index file changes nothing but the time taken."""

import sqlite3
from pathlib import Path

import pytest

from latinno_lint import lint_paths
from latinno_lint.lint import gitindex

from gitrepo import Repo

DESCRIPTION = "description: A council where residents advise the municipality.\n"


def case(case_id: str, number: int, name: str | None = None, related: tuple = (), extra: str = "") -> str:
    text = f"id: {case_id}\nlatinno_id: {number}\nname: {name or case_id.title()}\ncountry: PE\n{DESCRIPTION}"
    if related:
        text += "related:\n" + "".join(f"  - id: {other}\n    relation: related_to\n" for other in related)
    return text + extra


@pytest.fixture
def repo(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "repo")
    repo.write("cases/peru/a.yaml", case("a", 1))
    repo.write("cases/peru/b.yaml", case("b", 2, related=("a",)))
    repo.write("cases/peru/c.yaml", case("c", 3, related=("gone", "a")))  # a relation that dangles in every run
    repo.write("cases/peru/d.yaml", "id: [broken\n")  # gives the cross-file rules no case
    repo.write("cases/peru/e.yaml", case("e", 5, related=("nowhere",), extra="# latinno-lint: ignore[LAT303]\n"))
    repo.write("cases/peru/f.yaml", case("f", 6))
    repo.commit("base")
    monkeypatch.chdir(repo.path)
    return repo


INDEX = "cases/.latinno-lint-cache/" + gitindex.FILE


def same(*paths: str, git: bool = True):
    """The report of a run that may use the index, after asserting that it is the
    one of --no-cache (and, with ``git``, that the stat-based index was not used)."""
    cold = lint_paths(list(paths), use_cache=False)
    warm = lint_paths(list(paths))
    assert [repr(f) for f in warm.findings] == [repr(f) for f in cold.findings]
    assert warm.notes == cold.notes
    assert not git or not Path("cases/.latinno-lint-cache/index.json").exists(), "the stat-based index was used"
    return warm


def codes(report) -> list:
    return sorted((f.path, f.code, f.line) for f in report.findings)


def test_a_run_on_one_file_uses_git_and_the_index_file_and_reports_as_without_cache(repo):
    first = same("cases/peru/f.yaml")
    assert (repo.path / INDEX).is_file() and not (repo.path / "cases/.latinno-lint-cache/index.json").exists()
    again = same("cases/peru/f.yaml")
    assert codes(again) == codes(first)
    # the dangling relations of cases not checked (LAT405), one of them in a file with a suppression comment
    assert ("cases/peru/c.yaml", "LAT405", 7) in codes(first) and any(f.path == "cases/peru/e.yaml" and f.code == "LAT405" for f in first.findings)
    assert any("cases/peru/d.yaml gave the cross-file rules no case" in note for note in first.notes)


def test_a_file_changed_and_not_staged_is_read(repo):
    same("cases/peru/f.yaml")
    repo.write("cases/peru/b.yaml", case("f", 2))  # f's id, not staged
    report = same("cases/peru/f.yaml")
    assert ("cases/peru/f.yaml", "LAT401", 1) in codes(report)
    repo.git("add", "cases/peru/b.yaml")  # staged: the listing changed
    assert ("cases/peru/f.yaml", "LAT401", 1) in codes(same("cases/peru/f.yaml"))


def test_an_untracked_file_counts(repo):
    same("cases/peru/f.yaml")
    repo.write("cases/peru/g.yaml", case("g", 6))  # f's number
    assert ("cases/peru/f.yaml", "LAT402", 2) in codes(same("cases/peru/f.yaml"))


def test_a_deleted_file_leaves_the_index(repo):
    same("cases/peru/f.yaml")
    (repo.path / "cases/peru/a.yaml").unlink()
    report = same("cases/peru/f.yaml")
    assert ("cases/peru/b.yaml", "LAT405", 7) in codes(report)  # b relates to a, which is gone
    repo.git("add", "-A")
    assert codes(same("cases/peru/f.yaml")) == codes(report)


def test_a_renamed_file(repo):
    same("cases/peru/b.yaml")
    repo.git("mv", "cases/peru/a.yaml", "cases/peru/a2.yaml")
    repo.write("cases/peru/a2.yaml", case("a2", 1))  # renamed, its new id not staged
    report = same("cases/peru/b.yaml")
    assert ("cases/peru/b.yaml", "LAT405", 7) in codes(report)
    repo.commit("rename")
    assert codes(same("cases/peru/b.yaml")) == codes(report)


def test_an_index_file_written_in_one_commit_is_right_after_a_checkout_of_another(repo):
    same("cases/peru/f.yaml")
    repo.git("checkout", "-q", "-b", "other")
    repo.write("cases/peru/a.yaml", case("f", 1))  # f's id
    repo.git("rm", "-q", "cases/peru/c.yaml")
    repo.commit("other")
    on_other = same("cases/peru/f.yaml")
    assert ("cases/peru/f.yaml", "LAT401", 1) in codes(on_other)
    repo.git("checkout", "-q", "main")
    on_main = same("cases/peru/f.yaml")
    assert ("cases/peru/f.yaml", "LAT401", 1) not in codes(on_main) and ("cases/peru/c.yaml", "LAT405", 7) in codes(on_main)
    repo.git("checkout", "-q", "other")
    assert codes(same("cases/peru/f.yaml")) == codes(on_other)


def _tamper_row(path):
    db = sqlite3.connect(path)
    db.execute("UPDATE blobs SET data = replace(data, '\"a\"', '\"f\"'), sid = 'f' WHERE sid = 'a'")  # a's id made f's
    db.commit()
    db.close()


def _tamper_meta(path):
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET v = 'x' WHERE k = 'digest'")
    db.commit()
    db.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a database at all"),
        lambda path: path.write_bytes(path.read_bytes()[:2000]),
        lambda path: path.write_bytes(b""),
        _tamper_row,
        _tamper_meta,
    ],
    ids=["garbage", "truncated", "empty", "a row changed", "the header changed"],
)
def test_a_damaged_or_tampered_index_file_gives_the_findings_of_no_cache_and_is_built_again(repo, damage):
    expected = codes(same("cases/peru/f.yaml"))
    damage(repo.path / INDEX)
    assert codes(same("cases/peru/f.yaml")) == expected
    assert codes(same("cases/peru/f.yaml")) == expected
    db = sqlite3.connect(repo.path / INDEX)  # built again, and whole
    assert db.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 6
    db.close()


def test_an_index_file_that_git_tracks_is_not_used(repo):
    same("cases/peru/f.yaml")
    repo.git("add", "-f", INDEX)  # as a pull request could deliver it
    assert gitindex.state((repo.path / "cases").resolve()) is None
    same("cases/peru/f.yaml", git=False)


def test_outside_git_the_stat_based_index_gives_the_same_findings(tmp_path, monkeypatch):
    cases = tmp_path / "plain" / "cases" / "peru"
    cases.mkdir(parents=True)
    (cases / "a.yaml").write_text(case("a", 1), encoding="utf-8")
    (cases / "b.yaml").write_text(case("a", 2, related=("gone",)), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "plain")
    report = same("cases/peru/a.yaml", git=False)
    assert ("cases/peru/a.yaml", "LAT401", 1) in codes(report)
    assert not (tmp_path / "plain" / INDEX).exists()


def test_a_run_in_two_processes_gets_the_same_report(repo):
    same("cases/peru/f.yaml")
    repo.write("cases/peru/b.yaml", case("f", 2))  # not staged
    cold = lint_paths(["cases/peru/f.yaml", "cases/peru/a.yaml"], use_cache=False)
    warm = lint_paths(["cases/peru/f.yaml", "cases/peru/a.yaml"], jobs=2)
    assert [repr(f) for f in warm.findings] == [repr(f) for f in cold.findings] and warm.notes == cold.notes


def git_index(repo) -> "gitindex.GitIndex":
    """The index of the repository's dataset as a pre-commit run on f.yaml takes it."""
    import time

    from latinno_lint.lint import cache

    root = (repo.path / "cases").resolve()
    checked = {str(root / "peru" / "f.yaml")}
    index = gitindex.load(root, cache.Store(root, time.time_ns(), load=False), checked, None, True)
    assert isinstance(index, gitindex.GitIndex)
    return index


def test_every_case_read_from_the_index_file_is_the_one_a_full_read_gives(repo):
    from latinno_lint.lint import dataset

    same("cases/peru/f.yaml")  # builds the index file
    repo.write("cases/peru/g.yaml", case("g", 7))  # untracked: laid over the index file
    full = dataset.load((repo.path / "cases").resolve(), {}, use_cache=False)
    index = git_index(repo)
    assert sorted(entry[0] for entry in index.entries) == sorted(entry[0] for entry in full.entries)
    assert [entry[1:] for entry in sorted(index.entries)] == [entry[1:] for entry in sorted(full.entries)]


def test_the_index_sent_to_another_process_holds_every_case(repo):
    import pickle

    same("cases/peru/f.yaml")
    index = git_index(repo)
    copy = pickle.loads(pickle.dumps(index))
    assert type(copy) is not gitindex.GitIndex  # every case in memory: no connection crosses a fork
    assert sorted(copy.entries) == sorted(index.entries)


def test_an_index_file_damaged_while_a_run_reads_it_falls_back_to_a_full_read(repo):
    from latinno_lint.lint import dataset

    same("cases/peru/f.yaml")
    index = git_index(repo)
    index._db.close()  # reads now fail, as on a file damaged under the run
    full = dataset.load((repo.path / "cases").resolve(), {}, use_cache=False)
    assert sorted(index.entries) == sorted(full.entries)  # read again, the road of --no-cache
    assert not (repo.path / INDEX).exists()  # and built again by the next run
    assert codes(same("cases/peru/f.yaml")) == codes(lint_paths(["cases/peru/f.yaml"], use_cache=False))


def test_dangling_relations_come_from_a_full_read_when_the_index_file_fails(repo):
    same("cases/peru/f.yaml")
    index = git_index(repo)
    expected = [entry[0] for entry, _relations, _comments in index.dangling(set())]
    assert expected, "c.yaml and e.yaml name cases that do not exist"
    index._db.close()  # reads now fail, as on a file damaged under the run
    assert [entry[0] for entry, _relations, _comments in index.dangling(set())] == expected  # their places, if not kept, are found by parsing


def test_a_check_command_line_starts_git_early_for_one_file_and_never_for_a_folder(repo):
    from latinno_lint.lint import gitlist

    root = str((repo.path / "cases").resolve())
    gitlist.guess(["check", "cases", "--no-cache"])
    gitlist.guess(["check", "cases"])  # a folder: a whole dataset, not git's road
    assert root not in gitlist._STARTED
    gitlist.guess(["check", "--format", "json", "cases/peru/f.yaml"])
    assert root in gitlist._STARTED
    staged, changed = gitlist.answer(root)
    assert b"\tperu/f.yaml\x00" in staged and changed == b""  # paths below the dataset root
    assert root not in gitlist._STARTED  # answered once, then forgotten
