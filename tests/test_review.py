"""latinno-lint diff and check --baseline on real git repositories built here:
what a change does to the cases, and the findings it brings in and mends."""

import json
import re

import pytest

from latinno_lint.cli import main
from latinno_lint.review import casediff

from gitrepo import Repo

CASE = """\
id: {id}
latinno_id: {number}
name: {name}
country: PE
description: >-
  Residents of the district meet every month in open assemblies to discuss the
  municipal budget and decide which public works are funded in the next year.
institutional_design:
  formalization: government_program
  frequency: {frequency}
  selection: {selection}
  participants: [citizens]
  decisiveness: {decisiveness}
  co_governance: true
means: [{means}]
ends: [accountability]
policy_cycle: [agenda_setting]
sources:
  - url: https://latinno.net/en/case/{number}/
    title: LATINNO case page
    accessed: "2024-05-01"
"""


def case(id, number, *, name=None, frequency="regular", selection="open", decisiveness="binding", means="deliberation"):
    return CASE.format(id=id, number=number, name=name or f"Case {id}", frequency=frequency, selection=selection, decisiveness=decisiveness, means=means)


def build(path):
    """main: cases a-f, e and f with a defect each. Branch pr: a recoded with a
    new defect, b renamed (git mv, new id, same latinno_id), c removed, d
    edited in its comments and quoting only, e's defect moved down a line
    range, f's defect mended, new.yaml added."""
    repo = Repo(path)
    repo.write("cases/peru/a.yaml", case("a", 11))
    repo.write("cases/peru/b.yaml", case("b", 12))
    repo.write("cases/peru/c.yaml", case("c", 13))
    repo.write("cases/peru/d.yaml", case("d", 14))
    repo.write("cases/peru/e.yaml", case("e", 15, selection="openn"))
    repo.write("cases/peru/f.yaml", case("f", 16, frequency="sometimes"))
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "pr")
    repo.write("cases/peru/a.yaml", case("a", 11, frequency="sporadic", decisiveness="maybe", means="deliberation, direct_voting"))
    repo.git("mv", "cases/peru/b.yaml", "cases/peru/b2.yaml")
    repo.write("cases/peru/b2.yaml", case("b2", 12, name="Case b"))
    repo.git("rm", "-q", "cases/peru/c.yaml")
    repo.write("cases/peru/d.yaml", "# reviewed in May\n" + case("d", 14).replace("name: Case d", "name: 'Case d'  # as on the page"))
    repo.write("cases/peru/e.yaml", "# a comment\n# that moves every line\n# down by three\n" + case("e", 15, selection="openn"))
    repo.write("cases/peru/f.yaml", case("f", 16, frequency="sporadic"))
    repo.write("cases/peru/new.yaml", case("new", 99))
    repo.commit("pull request")
    return repo


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One repository for the tests that only read it."""
    return build(tmp_path_factory.mktemp("review") / "repo")


@pytest.fixture
def repo(tmp_path):
    """A repository of the test's own, for the tests that change its files."""
    return build(tmp_path / "repo")


def run(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings_of(entries):
    return [(f["path"], f["code"], f["pointer"]) for f in entries]


def test_diff_json_gives_each_status_and_each_field_change(shared, capsys, monkeypatch):
    monkeypatch.chdir(shared.path)
    code, out, err = run(["diff", "main", "pr", "--format", "json"], capsys)
    assert code == 0, err
    document = json.loads(out)
    assert (document["base"], document["head"]) == ("main", "pr")
    by_id = {c["id"]: c for c in document["cases"]}
    assert set(by_id) == {"a", "b2", "c", "f", "new"}  # d (comments and quoting only) and e (comments) did not change
    assert by_id["a"] == {
        "id": "a",
        "status": "changed",
        "path": "cases/peru/a.yaml",
        "old_path": "cases/peru/a.yaml",
        "changes": [
            {"field": "institutional_design.frequency", "old": "regular", "new": "sporadic"},
            {"field": "institutional_design.decisiveness", "old": "binding", "new": "maybe"},
            {"field": "means", "old": ["deliberation"], "new": ["deliberation", "direct_voting"]},
        ],
    }
    assert by_id["b2"] == {"id": "b2", "status": "moved", "path": "cases/peru/b2.yaml", "old_path": "cases/peru/b.yaml", "changes": [{"field": "id", "old": "b", "new": "b2"}]}
    assert by_id["c"] == {"id": "c", "status": "removed", "path": None, "old_path": "cases/peru/c.yaml", "changes": []}
    assert by_id["new"] == {"id": "new", "status": "added", "path": "cases/peru/new.yaml", "old_path": None, "changes": []}
    assert by_id["f"]["changes"] == [{"field": "institutional_design.frequency", "old": "sometimes", "new": "sporadic"}]
    # the new defect alone is new; the mended one is fixed; e's, whose line moved, is neither
    assert findings_of(document["findings"]["new"]) == [("cases/peru/a.yaml", "LAT101", "/institutional_design/decisiveness")]
    assert findings_of(document["findings"]["fixed"]) == [("cases/peru/f.yaml", "LAT101", "/institutional_design/frequency")]
    assert document["findings"]["new"][0]["line"] == 13


def test_the_old_defect_is_one_finding_though_its_line_moved(shared, capsys, monkeypatch):
    monkeypatch.chdir(shared.path)
    shared.git("checkout", "-q", "main")
    try:
        _code, before, _err = run(["check", "--format", "json", "cases/peru/e.yaml"], capsys)
    finally:
        shared.git("checkout", "-q", "pr")
    _code, after, _err = run(["check", "--format", "json", "cases/peru/e.yaml"], capsys)
    [old], [new] = json.loads(before), json.loads(after)
    assert (old["code"], old["pointer"]) == (new["code"], new["pointer"]) == ("LAT101", "/institutional_design/selection")
    assert new["line"] == old["line"] + 3


def test_diff_text_names_fields_and_codes_by_the_schemas_labels(shared, capsys, monkeypatch):
    from latinno_lint import vocabulary

    monkeypatch.chdir(shared.path)
    code, out, _err = run(["diff", "main", "pr"], capsys)
    assert code == 0
    frequency = vocabulary.by_pointer()["/institutional_design/frequency"]
    means = vocabulary.by_pointer()["/means"]
    label = {c.value: c.label for c in (*frequency.codes, *means.codes)}
    lines = out.splitlines()
    assert lines[0] == "Cases in main → pr:"
    assert "  changed  cases/peru/a.yaml [a]" in lines
    # the codes beside the labels, unless the labels are the codes (latinno.net prints 'regular')
    beside = "" if (label["regular"], label["sporadic"]) == ("regular", "sporadic") else " (regular → sporadic)"
    assert f"      {frequency.title}: {label['regular']} → {label['sporadic']}{beside}" in lines
    assert f"      {means.title}: [{label['deliberation']}] → [{label['deliberation']}, {label['direct_voting']}] ([deliberation] → [deliberation, direct_voting])" in lines
    assert "  moved    cases/peru/b2.yaml (was cases/peru/b.yaml) [b2]" in lines
    assert "      Case id: 'b' → 'b2'" in lines
    assert "  removed  cases/peru/c.yaml [c]" in lines and "  added    cases/peru/new.yaml [new]" in lines
    assert not any("d.yaml" in line or "e.yaml" in line for line in lines[: lines.index("New findings (1):")])
    assert lines[lines.index("New findings (1):") + 1].startswith("  cases/peru/a.yaml:13:17: LAT101 error [unknown-code] 'maybe'")
    assert lines[lines.index("Fixed findings (1):") + 1].startswith("  cases/peru/f.yaml:10:14: LAT101 error [unknown-code] 'sometimes'")
    assert lines[-1] == "1 added, 1 removed, 1 moved, 2 changed; 1 new finding, 1 fixed."


def test_diff_markdown_gives_a_table_per_status(shared, capsys, monkeypatch):
    monkeypatch.chdir(shared.path)
    code, out, _err = run(["diff", "main", "pr", "--format", "markdown"], capsys)
    assert code == 0
    sections = dict(re.findall(r"^### (.+?) \(\d+\)\n\n((?:\|.*\n)+)", out, re.M))
    assert set(sections) == {"Changed", "Moved or renamed", "Added", "Removed", "New findings", "Fixed findings"}
    changed = sections["Changed"].splitlines()
    assert changed[0] == "| Case | File | Field | Old | New |"
    assert r"| a | cases\/peru\/a\.yaml | Frequency | regular | sporadic |" in changed  # labels that are the codes: said once
    assert r"| b2 | cases\/peru\/b2\.yaml \(was cases\/peru\/b\.yaml\) | Case id | \'b\' | \'b2\' |" in sections["Moved or renamed"].splitlines()
    assert sections["Removed"].splitlines()[2] == r"| c | cases\/peru\/c\.yaml |"
    assert sections["New findings"].splitlines()[2].startswith(r"| cases\/peru\/a\.yaml\:13\:17 | LAT101 unknown\-code | error |")


def test_diff_against_the_working_tree_sees_uncommitted_and_untracked_files(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo.path)
    repo.write("cases/peru/f.yaml", case("f", 16, frequency="single"))  # uncommitted
    repo.write("cases/peru/g.yaml", case("g", 17))  # untracked
    code, out, _err = run(["diff", "pr", "--format", "json"], capsys)
    assert code == 0
    document = json.loads(out)
    assert document["head"] is None
    assert [(c["id"], c["status"], c["changes"]) for c in document["cases"]] == [
        ("f", "changed", [{"field": "institutional_design.frequency", "old": "sporadic", "new": "single"}]),
        ("g", "added", []),
    ]
    assert document["findings"] == {"new": [], "fixed": []}
    # a second positional that is an existing folder is a PATH, not HEAD
    code, out, _err = run(["diff", "pr", "cases/peru", "--format", "json"], capsys)
    assert code == 0 and [c["id"] for c in json.loads(out)["cases"]] == ["f", "g"]


def test_a_shallow_clone_without_the_base_says_to_fetch_it(shared, tmp_path, capsys, monkeypatch):
    clone = tmp_path / "clone"
    shared.git("clone", "-q", "--depth", "1", "--branch", "pr", f"file://{shared.path}", str(clone))
    monkeypatch.chdir(clone)
    base = shared.git("rev-parse", "main").strip()
    for args in (["diff", base], ["check", "--baseline", base]):
        code, out, err = run(args, capsys)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"git ref '{base}' does not exist" in err and "shallow" in err and f"git fetch origin {base}" in err


def test_an_unknown_ref_or_a_folder_outside_git_is_one_line_and_exit_2(shared, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(shared.path)
    code, _out, err = run(["diff", "no-such-branch"], capsys)
    assert code == 2 and err == f"latinno-lint: git ref 'no-such-branch' does not exist in {shared.path.resolve()}\n"
    plain = tmp_path / "plain"
    (plain / "cases").mkdir(parents=True)
    monkeypatch.chdir(plain)
    code, _out, err = run(["diff", "main"], capsys)
    assert code == 2 and err == f"latinno-lint: {plain} is not inside a git repository\n"


def test_check_baseline_fails_on_the_new_defect_alone_and_passes_once_it_is_mended(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo.path)
    code, out, err = run(["check", "--baseline", "main"], capsys)
    assert code == 1
    [line] = out.splitlines()
    assert line.startswith("cases/peru/a.yaml:13:17: LAT101 error [unknown-code] 'maybe' is not a decisiveness code")
    assert err == "Checked 6 files: 1 error, 0 warnings; 1 finding already at main left out.\n"
    repo.write("cases/peru/a.yaml", case("a", 11, frequency="sporadic", means="deliberation, direct_voting"))  # mended, not committed
    code, out, err = run(["check", "--baseline", "main"], capsys)
    assert (code, out, err) == (0, "", "Checked 6 files: 0 errors, 0 warnings; 1 finding already at main left out.\n")
    code, out, _err = run(["check"], capsys)  # the old defect is still there
    assert code == 1 and out.startswith("cases/peru/e.yaml:14:14: LAT101 error")


@pytest.mark.parametrize("form", ["json", "github", "sarif", "markdown"])
def test_check_baseline_filters_every_format(form, shared, capsys, monkeypatch):
    monkeypatch.chdir(shared.path)
    code, out, err = run(["check", "--baseline", "main", "--format", form], capsys)
    assert code == 1
    shown = json.dumps(json.loads(out)["runs"][0]["results"]) if form == "sarif" else out  # not the rules' documentation
    assert "peru/e" not in shown and r"peru\/e" not in shown and ("peru/a" in shown or r"peru\/a" in shown)
    assert "1 finding already at main left out" in (out if form == "markdown" else err)
    if form == "json":
        assert findings_of(json.loads(out)) == [("cases/peru/a.yaml", "LAT101", "/institutional_design/decisiveness")]
    if form == "sarif":
        [result] = json.loads(out)["runs"][0]["results"]
        assert result["baselineState"] == "new" and result["ruleId"] == "LAT101"
    if form == "github":
        assert out.count("\n") == 1 and out.startswith("::error file=cases/peru/a.yaml,line=13,")


def test_check_baseline_with_fix_fixes_everything_and_reports_only_what_is_new(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo.path)
    repo.write("cases/peru/e.yaml", case("e", 15, selection="openn").replace('"2024-05-01"', "2024-05-01"))  # a fixable defect, new
    code, out, err = run(["check", "--baseline", "main", "--fix"], capsys)
    assert code == 1
    assert '"2024-05-01"' in (repo.path / "cases/peru/e.yaml").read_text()  # fixed
    assert [line.split(":")[0] for line in out.splitlines()] == ["cases/peru/a.yaml"]
    assert "fixed 1 file; 1 finding already at main left out" in err


def test_check_format_markdown_summarises_by_rule_and_lists_the_findings(shared, capsys, monkeypatch):
    monkeypatch.chdir(shared.path)
    code, out, _err = run(["check", "--format", "markdown"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "## latinno\\-lint"
    assert "Checked 6 files\\: 2 errors\\, 0 warnings\\." in lines
    assert "| LAT101 | unknown\\-code | error | 2 |" in lines
    rows = [line for line in lines if line.startswith("| cases")]
    assert [row.split(" | ")[0] for row in rows] == ["| cases\\/peru\\/a\\.yaml\\:13\\:17", "| cases\\/peru\\/e\\.yaml\\:14\\:14"]


HOSTILE = "A\n\x1b[2J|`x`<script>@maintainer [a](http://x)"  # shorter than a shown value's cut


def test_strangers_text_is_escaped_in_markdown_and_text(tmp_path, capsys, monkeypatch):
    repo = Repo(tmp_path / "repo")
    repo.write("cases/peru/h.yaml", case("h", 21))
    repo.commit("base")
    monkeypatch.chdir(repo.path)
    name = json.dumps(HOSTILE)  # a YAML double-quoted string
    repo.write("cases/peru/h.yaml", case("h", 21).replace("name: Case h", f"name: {name}"))
    repo.write("cases/peru/x|`y`<b>.yaml", case("x|`y`<b>", 22))
    code, out, _err = run(["diff", "main", "--format", "markdown"], capsys)
    assert code == 0
    assert "\x1b" not in out and "<script>" not in out and "<b>" not in out and " @maintainer" not in out and "](" not in out
    for line in out.splitlines():
        if line.startswith("| "):  # every row keeps its columns: no cell's pipe ends it early
            assert len(re.findall(r"(?<!\\)\|", line)) in (3, 5, 6)
    assert r"| h | cases\/peru\/h\.yaml | Name | \'Case h\' | \'A\\n\\x1b\[2J\|\`x\`\<script\>\@maintainer \[a\]\(http\:\/\/x\)\' |" in out
    assert r"| x\|\`y\`\<b\> | cases\/peru\/x\|\`y\`\<b\>\.yaml |" in out
    code, out, _err = run(["diff", "main"], capsys)
    assert code == 0 and "\x1b" not in out
    assert "      Name: 'Case h' → 'A\\n\\x1b[2J|`x`<script>@maintainer [a](http://x)'\n" in out
    assert len([line for line in out.splitlines() if line.startswith("      Name:")]) == 1  # one line, however many breaks
    code, out, _err = run(["check", "--format", "markdown"], capsys)
    assert code == 1 and r"| cases\/peru\/x\|\`y\`\<b\>\.yaml\:1\:5 | LAT105 invalid\-value | error |" in out and "<b>" not in out


def test_cases_match_by_id_before_latinno_id_and_compare_values_not_text():
    old = {"x.yaml": {"id": "x", "latinno_id": 1, "co": True}, "y.yaml": {"id": "y", "latinno_id": 2}, "broken.yaml": None}
    new = {"x.yaml": {"id": "x", "latinno_id": 2, "co": 1}, "z.yaml": {"id": "z", "latinno_id": 2}, "broken.yaml": ["not a case"]}
    assert casediff.match(old, new) == [("x.yaml", "x.yaml"), ("y.yaml", "z.yaml")]
    found = {c.id: c for c in casediff.compare(old, new)}
    assert [(c.field, c.old, c.new) for c in found["x"].changes] == [("latinno_id", 1, 2), ("co", True, 1)]  # true is not 1
    assert found["z"].status == "moved" and found["z"].old_path == "y.yaml"
    assert set(found) == {"x", "z"}  # what is no case is not compared


def test_the_reviewing_page_shows_what_the_commands_print(tmp_path):
    """docs/reviewing.md, run: its shell lines in a repository holding this
    project's cases on main, its case file written where it says, and each
    command's output compared with the page."""
    import os
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    for tool in ("bash", "sed"):  # the page's shell lines
        if shutil.which(tool) is None:
            if os.environ.get("CI", "").lower() in ("true", "1"):
                pytest.fail(f"CI must run docs/reviewing.md, but {tool} is not on the PATH")
            pytest.skip(f"{tool} is not on the PATH")
    page = (ROOT / "docs" / "reviewing.md").read_text(encoding="utf-8")
    repo = Repo(tmp_path / "repo")
    for source in sorted((ROOT / "cases").rglob("*.yaml")):
        repo.write(str(source.relative_to(ROOT)), source.read_text(encoding="utf-8"))
    repo.commit("the dataset")
    env = dict(repo.env, PATH=f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONUNBUFFERED="1", NO_COLOR="1")
    blocks = re.findall(r"^```(console|yaml)\n(.*?)^```", page, re.M | re.S)
    assert [kind for kind, _body in blocks].count("yaml") == 1
    ran = 0
    for kind, body in blocks:
        if kind == "yaml":
            repo.write("cases/peru/participatory-budget-of-lima.yaml", body)
            continue
        for command, expected in re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", body, re.M):
            done = subprocess.run(["bash", "-c", command], cwd=repo.path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            assert done.stdout == expected, f"$ {command}"
            ran += "latinno-lint" in command
    assert ran >= 5


def test_the_baseline_is_checked_with_the_same_configuration_as_the_working_tree(tmp_path, capsys, monkeypatch):
    # a dataset root that is configured, not a cases/ folder: the other commit's
    # copy is checked with it too, so its cross-file findings are the same ones
    repo = Repo(tmp_path / "repo")
    repo.write("pyproject.toml", '[tool.latinno-lint]\ncases-root = "data"\n')
    repo.write("data/peru/a.yaml", case("a", 11))
    repo.write("data/peru/b.yaml", case("b", 11))  # the same latinno_id: a cross-file error on each
    repo.commit("base")
    repo.write("data/peru/a.yaml", case("a", 11, frequency="sporadic"))
    monkeypatch.chdir(repo.path)
    # one file checked: its duplicate is found through the dataset root's index
    code, out, _err = run(["check", "data/peru/a.yaml"], capsys)
    assert code == 1 and [line.split(": ")[1].split()[0] for line in out.splitlines()] == ["LAT402"]
    code, out, err = run(["check", "--baseline", "main", "data/peru/a.yaml"], capsys)
    assert (code, out) == (0, "") and "1 finding already at main left out" in err


def test_a_diff_with_no_case_file_on_either_side_is_an_error(shared, capsys, monkeypatch):
    monkeypatch.chdir(shared.path)
    code, out, err = run(["diff", "main", "pr", "nowhere"], capsys)
    assert (code, out) == (2, "") and err == "latinno-lint: no case files in nowhere at main or at pr; name the folders that hold the cases\n"
    code, out, err = run(["diff", "main", "prr"], capsys)  # a misspelt HEAD is read as a PATH, and said so
    assert (code, out) == (2, "") and err.endswith("in prr at main or at the working tree ('prr' is neither a git ref nor a file or folder here); name the folders that hold the cases\n")


def test_a_folder_gone_from_the_working_tree_is_its_cases_removed(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo.path)
    repo.git("rm", "-q", "-r", "cases/peru")
    code, out, _err = run(["diff", "pr", "cases/peru", "--format", "json"], capsys)
    document = json.loads(out)
    assert code == 0 and {c["status"] for c in document["cases"]} == {"removed"} and len(document["cases"]) == 6
    assert document["findings"]["new"] == [] and len(document["findings"]["fixed"]) == 2


def test_diff_writes_to_a_file_and_a_bad_configuration_is_exit_2(shared, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(shared.path)
    target = tmp_path / "diff.json"
    code, out, _err = run(["diff", "main", "pr", "--format", "json", "-o", str(target)], capsys)
    assert (code, out) == (0, "") and json.loads(target.read_text())["base"] == "main"
    code, out, err = run(["diff", "main", "--config", str(tmp_path / "missing.toml")], capsys)
    assert (code, out) == (2, "") and err.startswith("latinno-lint: configuration error:") and err.count("\n") == 1
    code, _out, err = run(["diff", "main", "-o", str(tmp_path / "no" / "such" / "folder" / "x")], capsys)
    assert code == 2 and err.startswith("latinno-lint: cannot write ")


def test_a_markdown_table_lists_its_first_rows_and_counts_the_rest():
    from latinno_lint.report.markdown import table

    lines = table(("n",), [(i,) for i in range(5)], limit=3).splitlines()
    assert lines[2:5] == ["| 0 |", "| 1 |", "| 2 |"] and lines[-1] == "… and 2 more, not listed here."
