"""latinno-lint codebook: every field, code, label, spelling and rule, from the
schema and the rule catalogue; docs/codebook.md never drifts from them."""

import re

import pytest

from latinno_lint import vocabulary
from latinno_lint.cli import main
from latinno_lint.data import codebook, export
from latinno_lint.lint import rules
from latinno_lint.schema import schema
from latinno_lint.vocabulary import LANGS

from conftest import ROOT, untranslated_schema

COMMITTED = ROOT / "docs" / "codebook.md"


def markdown(lang: str = "en") -> str:
    """The codebook with the export's CSV columns, as `latinno-lint codebook` writes it."""
    return codebook.markdown(lang, columns=export.columns())


def section(text: str, name: str) -> str:
    """The Markdown section of one field, up to the next heading."""
    match = re.search(rf"^#+ `{re.escape(name)}`: .*?(?=^#+ `|\Z)", text, re.S | re.M)
    assert match, f"no section for {name}"
    return match.group(0)


def test_committed_codebook_matches_the_schema_and_rules():
    assert COMMITTED.read_text(encoding="utf-8") == markdown("en"), (
        "docs/codebook.md is out of date with the schema or the rule catalogue; regenerate it with:\n    python3 dev.py run codebook -o docs/codebook.md"
    )


def test_every_field_of_the_schema_has_a_section():
    text = markdown()
    pointers = [f.pointer for f in codebook.walk()]
    for key in schema()["properties"]:
        assert f"/{key}" in pointers
    for f in codebook.walk():
        assert f"# `{f.name}`: {f.title}\n" in text
        assert f"- Where: `{f.pointer}`" in text
        assert f.definition in text


def test_every_dimension_lists_its_codes_labels_and_spellings_and_its_kind():
    text = markdown()
    for dim in vocabulary.dimensions():
        body = section(text, dim.pointer.rsplit("/", 1)[-1])
        assert dim.definition in body
        assert ("multiple choice" in body) == dim.multiple
        assert ("single choice" in body) == (not dim.multiple)
        for code in dim.codes:
            value = str(code.value).lower() if isinstance(code.value, bool) else code.value
            row = next(line for line in body.splitlines() if line.startswith(f"| `{value}` |"))
            assert code.label in row and code.definition in row
            for variant in code.variants:
                assert variant in row


def test_labels_follow_the_language_with_english_where_the_schema_has_none(packaged_schema):
    packaged_schema(untranslated_schema("frequency", "sporadic", "es"))
    dim = next(d for d in vocabulary.dimensions() if any("es" in c.labels for c in d.codes) and any("es" not in c.labels for c in d.codes))
    body = section(markdown("es"), dim.pointer.rsplit("/", 1)[-1])
    for code in dim.codes:
        row = next(line for line in body.splitlines() if line.startswith(f"| `{code.value}` |"))
        assert f"| {code.label_in('es')} |" in row
    assert any(f"| {c.labels['es']} |" in body for c in dim.codes if "es" in c.labels)


def test_rules_that_declare_a_field_are_listed_under_it(monkeypatch):
    base = next(iter(rules.RULES.values()))
    fake = base._replace(code="LAT299", name="made-up-rule", doc="A rule made up for this test.\n", fields=("/institutional_design/selection", "/sources/0/url", "/means"))
    monkeypatch.setitem(rules.RULES, "LAT299", fake)
    text = markdown()
    line = f"- LAT299 `made-up-rule` ({base.severity}): A rule made up for this test."
    for name in ("selection", "url", "means"):
        assert line in section(text, name), name
    for name in ("frequency", "sources", "ends", "title"):
        assert "LAT299" not in section(text, name), name


def test_rules_that_declare_the_whole_case_are_listed_once_at_the_top(monkeypatch):
    base = next(iter(rules.RULES.values()))
    fake = base._replace(code="LAT298", name="every-string", doc="Looks at every string.\n", fields=("",))
    monkeypatch.setitem(rules.RULES, "LAT298", fake)
    text = markdown()
    head = text.split("\n## ", 1)[0]
    listed = head.split("Rules that look at the whole case (every field):\n", 1)[1]
    assert "- LAT298 `every-string` (" in listed
    assert text.count("LAT298") == 1


def test_the_rules_in_the_catalogue_appear_under_their_fields():
    text = markdown()
    declared = [r for r in rules.RULES.values() if r.fields]
    for rule in declared:
        assert f"- {rule.code} `{rule.name}` ({rule.severity})" in text
        for pointer in rule.fields:  # a declared field that is not in the schema is a typo
            assert codebook.normal(pointer) in {""} | {codebook.normal(f.pointer) for f in codebook.walk()}, (rule.code, pointer)
            assert rule in codebook.rules_for(pointer)


def test_csv_columns_are_named_under_each_field():
    text = markdown()
    means = vocabulary.dimension("means")
    assert ", ".join(f"`means_{v}`" for v in means.values) in section(text, "means")


def test_command_writes_the_codebook(tmp_path, capsys):
    target = tmp_path / "codebook.md"
    assert main(["codebook", "--lang", "pt", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == markdown("pt")
    assert main(["codebook"]) == 0
    assert capsys.readouterr().out == markdown("en")


def test_unwritable_output_exits_2_with_one_line(tmp_path, capsys):
    code = main(["codebook", "-o", str(tmp_path / "missing" / "codebook.md")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("latinno-lint: cannot write ") and err.count("\n") == 1


def test_unknown_language_is_a_usage_error():
    with pytest.raises(SystemExit) as exc:
        main(["codebook", "--lang", "fr"])
    assert exc.value.code == 2


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_a_translated_codebook_names_its_own_command_not_the_english_file(lang, capsys):
    """The header names the command that wrote the file: `--lang pt`, and not
    `-o docs/codebook.md`, which would overwrite the English codebook."""
    assert main(["codebook", "--lang", lang]) == 0
    header = capsys.readouterr().out.splitlines()[2]
    assert f"`latinno-lint codebook --lang {lang}`" in header and "docs/codebook.md" not in header
    assert "`latinno-lint codebook -o docs/codebook.md`" in markdown("en").splitlines()[2]
