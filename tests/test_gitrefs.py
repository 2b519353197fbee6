"""latinno_lint.data.gitrefs: another commit's case files, read with git and
never through the working tree, in real repositories."""

import os

import pytest

from latinno_lint.data import gitrefs

from gitrepo import Repo

CASE = "id: {id}\nname: A council\ncountry: PE\ndescription: A council of residents.\n"


@pytest.fixture
def repo(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.write("cases/peru/a.yaml", CASE.format(id="a"))
    repo.write("cases/peru/b.yml", CASE.format(id="b"))
    repo.write("cases/README.md", "not a case\n")
    repo.commit("first", tag="v1")
    return repo


def test_a_ref_gives_its_case_files_and_their_bytes_not_the_work_tree(repo):
    repo.write("cases/peru/a.yaml", CASE.format(id="changed"))
    repo.write("cases/peru/new.yaml", CASE.format(id="new"))
    tree = gitrefs.tree("v1", ["cases"], repo.path)
    assert sorted(tree.files) == ["cases/peru/a.yaml", "cases/peru/b.yml"]
    assert gitrefs.read(tree)["cases/peru/a.yaml"] == CASE.format(id="a").encode()
    assert (repo.path / "cases/peru/a.yaml").read_text() == CASE.format(id="changed")  # untouched
    assert repo.git("status", "--porcelain").splitlines() == [" M cases/peru/a.yaml", "?? cases/peru/new.yaml"]


def test_paths_are_named_from_the_folder_the_user_is_in(repo):
    tree = gitrefs.tree("HEAD", ["peru"], repo.path / "cases")
    assert tree.prefix == "cases/" and sorted(tree.files) == ["peru/a.yaml", "peru/b.yml"]


def test_a_missing_ref_names_it_and_a_folder_outside_git_says_so(repo, tmp_path):
    with pytest.raises(gitrefs.GitError, match="git ref 'nope' does not exist"):
        gitrefs.tree("nope", ["cases"], repo.path)
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(gitrefs.GitError, match="is not inside a git repository"):
        gitrefs.resolve("HEAD", outside)
    with pytest.raises(gitrefs.GitError, match="is not a git ref"):
        gitrefs.resolve("--output=x", repo.path)


def test_a_shallow_clone_says_to_fetch_the_missing_commit(repo, tmp_path):
    first = repo.git("rev-parse", "HEAD").strip()
    repo.write("cases/peru/c.yaml", CASE.format(id="c"))
    repo.commit("second")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone))
    with pytest.raises(gitrefs.GitError, match=r"shallow.*fetch"):
        gitrefs.resolve(first, clone)


def test_links_and_submodules_are_listed_apart_and_never_read(repo):
    os.symlink("/etc/passwd", repo.path / "cases/peru/link.yaml")
    repo.commit("a link")
    tree = gitrefs.tree("HEAD", ["cases"], repo.path)
    assert tree.skipped == {"cases/peru/link.yaml": "a symbolic link"}
    assert "cases/peru/link.yaml" not in gitrefs.read(tree)


def test_materialize_writes_below_the_folder_and_refuses_a_way_out(repo, tmp_path):
    tree = gitrefs.tree("HEAD", ["cases"], repo.path)
    out = tmp_path / "out"
    out.mkdir()
    written = gitrefs.materialize(tree, gitrefs.read(tree), out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == ["cases/peru/a.yaml", "cases/peru/b.yml"]
    with pytest.raises(gitrefs.GitError, match="cannot be written safely"):
        gitrefs.materialize(tree, {"../escape.yaml": b"x"}, tmp_path / "out2")
    (tmp_path / "out3").mkdir()
    os.symlink(tmp_path, tmp_path / "out3" / "cases")
    with pytest.raises(gitrefs.GitError, match="leads out"):
        gitrefs.materialize(tree, {"cases/x.yaml": b"x"}, tmp_path / "out3")
    assert not (tmp_path / "x.yaml").exists()


def test_a_ref_path_spec_is_split_unless_a_folder_has_that_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert gitrefs.split_spec("coder-b:cases") == ("coder-b", "cases")
    assert gitrefs.split_spec("coder-b:") == ("coder-b", ".")
    assert gitrefs.split_spec("cases") is None
    (tmp_path / "odd:name").mkdir()
    assert gitrefs.split_spec("odd:name") is None
