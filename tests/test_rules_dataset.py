"""Cross-file rules (LAT4xx) when only some files are linted, as pre-commit does:
the index comes from the dataset root, and findings stay in the files asked for."""

from pathlib import Path

from latinno_lint import lint_paths, lint_text
from latinno_lint.lint.config import Config
from latinno_lint.lint.dataset import build

DESCRIPTION = "description: A council where residents advise the municipality.\n"


def write(root: Path, rel: str, case_id: str, country: str = "PE", name: str | None = None, extra: str = "") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"id: {case_id}\nname: {name or case_id.title()}\ncountry: {country}\n{DESCRIPTION}{extra}", encoding="utf-8")
    return path


def codes(report, code):
    return [(Path(f.path).name, f.line) for f in report.findings if f.code == code]


def test_one_new_file_catches_duplicates_of_unchanged_files(tmp_path):
    cases = tmp_path / "cases"
    write(cases, "peru/lima-budget.yaml", "lima-budget", name="Lima budget", extra="latinno_id: 17001\n")
    new = write(cases, "bolivia/lima-budget.yaml", "lima-budget", country="BO", name="Other", extra="latinno_id: 17001\n")
    again = write(cases, "peru/lima-budget-2.yaml", "lima-budget-2", name="Lima  Budget")
    report = lint_paths([str(new), str(again)])
    assert codes(report, "LAT401") == [("lima-budget.yaml", 1)]
    assert codes(report, "LAT402") == [("lima-budget.yaml", 5)]
    assert codes(report, "LAT407") == [("lima-budget-2.yaml", 2)]
    assert {f.path for f in report.findings} <= {str(new), str(again)}, "a finding in a file not asked for was reported"
    [duplicate] = [f for f in report.findings if f.code == "LAT401"]
    assert "peru/lima-budget.yaml" in duplicate.message


def test_each_pre_commit_batch_is_checked_against_the_whole_dataset(tmp_path):
    cases = tmp_path / "cases"
    first = write(cases, "peru/a.yaml", "a", name="Same name")
    second = write(cases, "peru/b.yaml", "b", name="Same name")
    for batch in ([first], [second]):
        report = lint_paths([str(p) for p in batch])
        assert codes(report, "LAT407") == [(batch[0].name, 2)]


def test_relation_to_an_unchanged_file_is_not_dangling(tmp_path):
    cases = tmp_path / "cases"
    write(cases, "peru/plan.yaml", "plan", extra="related:\n  - id: nowhere\n    relation: related_to\n")
    forum = write(cases, "peru/forum.yaml", "forum", extra="related:\n  - id: plan\n    relation: implements\n  - id: missing\n    relation: part_of\n")
    report = lint_paths([str(forum)])
    # forum's relation to plan stands; plan.yaml, not checked, is reported because its relation names no
    # case: a run must not pass while a case points nowhere (issue 17, item 5); its files are not counted
    assert sorted(codes(report, "LAT405")) == [("forum.yaml", 8), ("plan.yaml", 6)]
    assert [r.path for r in report.files] == [str(forum)]
    (plan,) = [f for f in report.findings if f.path.endswith("plan.yaml")]
    assert "may have renamed or removed that case" in plan.message and forum.name in plan.message


def test_folder_and_file_name_rules_need_a_file_in_a_dataset(tmp_path):
    text = "id: example\nname: Example\ncountry: PE\n" + DESCRIPTION
    assert [f.code for f in lint_text(text) if f.code.startswith("LAT4")] == []
    loose = tmp_path / "drafts" / "bolivia" / "other-name.yaml"
    loose.parent.mkdir(parents=True)
    loose.write_text(text + "related:\n  - id: elsewhere\n    relation: related_to\n", encoding="utf-8")
    assert [f.code for f in lint_paths([str(loose)]).findings if f.code.startswith("LAT4")] == []


def test_configured_cases_root_counts_as_the_dataset(tmp_path):
    data = tmp_path / "data"
    wrong = write(data, "bolivia/example.yaml", "example-x")
    config = Config(cases_root=data)
    report = lint_paths([str(wrong)], config)
    assert sorted(f.code for f in report.findings if f.code.startswith("LAT4")) == ["LAT403", "LAT404"]


def test_lint_text_with_an_index_finds_duplicates(tmp_path):
    cases = tmp_path / "cases"
    write(cases, "peru/example.yaml", "example")
    index = build(cases.resolve(), {})
    text = "id: example\nname: Another\ncountry: PE\n" + DESCRIPTION
    assert [f.code for f in lint_text(text, index=index) if f.code.startswith("LAT4")] == ["LAT401"]
    # the same file, linted as itself, is not its own duplicate
    same = lint_text(text, path=str(cases / "peru" / "example.yaml"), index=index)
    assert [f.code for f in same if f.code.startswith("LAT4")] == []


def test_unparseable_files_in_the_dataset_do_not_break_the_index(tmp_path):
    cases = tmp_path / "cases"
    (cases / "peru").mkdir(parents=True)
    (cases / "peru" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    (cases / "peru" / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    good = write(cases, "peru/good.yaml", "good")
    assert [f for f in lint_paths([str(good)]).findings if f.severity == "error"] == []


def test_the_same_relative_path_in_two_working_folders(tmp_path, monkeypatch):
    # an API user may lint 'cases/peru/example.yaml' in one project, then in another
    for project in ("one", "two"):
        write(tmp_path / project / "cases", "peru/example.yaml", "example")
        monkeypatch.chdir(tmp_path / project)
        report = lint_paths(["cases/peru/example.yaml"])
        assert [f.code for f in report.findings if f.code.startswith("LAT4")] == []
