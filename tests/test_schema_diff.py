"""latinno-lint schema diff: every kind of schema change gets the version bump
the README's table gives it. Each variant is made here from the real schema
and changes one kind of thing."""

import copy
import json
import re
import subprocess

import pytest

from latinno_lint import vocabulary
from latinno_lint.cli import main
from latinno_lint.schema import load_schema
from latinno_lint.versions import changes
from latinno_lint.vocabulary import CODES_KEYWORD as CODES

from conftest import rederive

BASE = load_schema()


def entry(schema, dimension, value):
    """The schema entry of one code of a $defs dimension (wherever it is listed)."""

    def find(node):
        if isinstance(node, dict):
            if node.get("const") == value and type(node.get("const")) is type(value):
                return node
            nodes = node.values()
        elif isinstance(node, list):
            nodes = node
        else:
            return None
        for sub in nodes:
            found = find(sub)
            if found is not None:
                return found
        return None

    found = find(schema["$defs"][dimension])
    assert found is not None, (dimension, value)
    return found


def entries(schema, dimension):
    """The list that holds a dimension's code entries."""
    node = schema["$defs"][dimension]
    return node[CODES] if CODES in node else node["items"][CODES]


def remove_code(s, dim, value):
    codes = entries(s, dim)
    codes.remove(entry(s, dim, value))


def rename_code(s, dim, value, to):
    code = entry(s, dim, value)
    code["const"] = to
    code.setdefault("x-latinno-variants", []).append(value)


def widen_pattern(s):
    """The slug's letters and digits, and the not beside its pattern, take '_' too (issue 22's widening)."""
    slug = s["$defs"]["slug"]
    slug["pattern"] = slug["pattern"].replace("a-z0-9", "a-z0-9_")
    slug["not"]["pattern"] = slug["not"]["pattern"].replace("a-z0-9", "a-z0-9_")


def narrow_pattern(s):
    s["$defs"]["slug"]["pattern"] = "^[a-z]+(-[a-z0-9]+)*$"


def reorder(s, dim):
    codes = entries(s, dim)
    codes[0], codes[1] = codes[1], codes[0]


def deprecate(s, dim, value, by):
    code = entry(s, dim, value)
    code["deprecated"] = True
    code["x-latinno-replaced-by"] = by


VARIANTS = {
    "nothing": (lambda s: None, set(), "none"),
    "only the layout of the file": (lambda s: s.update(json.loads(json.dumps(s, indent=None))), set(), "none"),
    "a code added": (lambda s: entries(s, "ends").append({"const": "sustainability", "title": "Sustainability"}), {"code-added"}, "minor"),
    "a code removed": (lambda s: remove_code(s, "formalization", "government_program"), {"code-removed"}, "major"),
    "a code renamed": (lambda s: rename_code(s, "means", "e_participation", "digital_engagement"), {"code-renamed"}, "major"),
    "a code deprecated": (lambda s: deprecate(s, "frequency", "sporadic", "regular"), {"code-deprecated"}, "minor"),
    "codes reordered": (lambda s: reorder(s, "policy_cycle"), {"code-order-changed"}, "minor"),
    "a country's folder slug": (lambda s: entry(s, "country_code", "PE").update({"x-latinno-slug": "peru-pe"}), {"code-entry-changed"}, "major"),
    "a code's label": (lambda s: entry(s, "frequency", "single").update(title="only once"), {"code-label-changed"}, "patch"),
    "a code's definition": (lambda s: entry(s, "frequency", "single").update(description="Once."), {"code-definition-changed"}, "patch"),
    "a code's label in Spanish": (lambda s: entry(s, "participants", "citizens")["x-latinno-labels"].update(es="ciudadanía"), {"code-labels-changed"}, "patch"),
    "a code's variants": (lambda s: entry(s, "selection", "open")["x-latinno-variants"].append("abierto"), {"code-variants-changed"}, "patch"),
    "a dimension's help": (lambda s: s["$defs"]["frequency"].update({"x-latinno-help": "How often?"}), {"help-changed"}, "patch"),
    "a dimension's labels": (lambda s: s["$defs"]["means"]["x-latinno-labels"].update(pt="Meios usados"), {"labels-changed"}, "patch"),
    "a key's title": (lambda s: s["properties"]["notes"].update(title="Reviewer notes"), {"title-changed"}, "patch"),
    "a key's description": (lambda s: s["properties"]["notes"].update(description="Notes."), {"description-changed"}, "patch"),
    "an optional key added": (lambda s: s["properties"].update(website={"type": "string"}), {"key-added"}, "minor"),
    "a required key added": (lambda s: (s["properties"].update(website={"type": "string"}), s["required"].append("website")), {"key-added-required"}, "major"),
    "a key removed": (lambda s: s["properties"].pop("notes"), {"key-removed"}, "major"),
    "a key made required": (lambda s: s["required"].append("start_year"), {"key-required"}, "major"),
    "a key made optional": (lambda s: s["required"].remove("description"), {"key-optional"}, "minor"),
    "a key deprecated": (lambda s: s["properties"]["notes"].update(deprecated=True), {"key-deprecated"}, "minor"),
    "a type widened": (lambda s: s["properties"]["latinno_id"].update(type=["integer", "string"]), {"type-widened"}, "minor"),
    "integer widened to number": (lambda s: s["properties"]["latinno_id"].update(type="number"), {"type-widened"}, "minor"),
    "a type narrowed": (lambda s: s["properties"]["latinno_id"].update(type="string"), {"type-narrowed"}, "major"),
    "a pattern widened": (widen_pattern, {"pattern-widened"}, "minor"),
    "a pattern narrowed": (narrow_pattern, {"pattern-changed"}, "major"),
    "a pattern removed": (lambda s: s["$defs"]["slug"].pop("pattern"), {"pattern-removed"}, "minor"),
    "a pattern added": (lambda s: s["properties"]["country"].update(pattern="^([A-Z]{2}|transnational)$"), {"pattern-added"}, "major"),
    "a format added": (lambda s: s["$defs"]["source"]["properties"]["url"].update(format="uri"), {"format-added"}, "major"),
    "a format removed": (lambda s: s["$defs"]["source"]["properties"]["accessed"].pop("format"), {"format-removed"}, "minor"),
    "a range narrowed": (lambda s: s["properties"]["start_year"].update(minimum=1950), {"range-narrowed"}, "major"),
    "a range widened": (lambda s: s["properties"]["end_year"].update(maximum=2200), {"range-widened"}, "minor"),
    "a length limit added": (lambda s: s["$defs"]["text"].update(maxLength=5000), {"range-narrowed"}, "major"),
    "fewer items allowed": (lambda s: s["properties"]["countries"].update(minItems=3), {"range-narrowed"}, "major"),
    "repeats refused": (lambda s: s["properties"]["sources"].update(uniqueItems=True), {"unique-items-required"}, "major"),
    "other keys allowed": (lambda s: s["$defs"]["source"].pop("additionalProperties"), {"other-keys-allowed"}, "minor"),
    "a keyword this diff does not know": (lambda s: s["properties"]["notes"].update({"contentMediaType": "text/markdown"}), {"keyword-changed"}, "major"),
    "a condition changed": (lambda s: s["then"].update(required=["countries", "notes"]), {"keyword-changed"}, "major"),
    "the $id moved": (lambda s: s.update({"$id": "https://example.org/case/1.0.0"}), {"schema-id-changed"}, "major"),
    "a definition added": (lambda s: s["$defs"].update(spare={"type": "string"}), {"definition-added"}, "minor"),
}


def variant(mutate) -> dict:
    changed = copy.deepcopy(BASE)
    mutate(changed)
    return rederive(changed)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_each_kind_of_change_is_classified(name):
    mutate, kinds, bump = VARIANTS[name]
    result = changes.diff(BASE, variant(mutate))
    assert {c.kind for c in result.changes} == kinds, [c.message for c in result.changes]
    assert result.bump == bump
    assert all(c.bump == changes.BUMPS.get(c.kind, "major") for c in result.changes)


def test_a_kind_the_table_does_not_list_counts_as_major():
    change = changes.Change("some-new-kind", "/x", "something", "x", "key")
    assert change.bump == "major"
    assert "keyword-changed" not in changes.BUMPS and "code-entry-changed" not in changes.BUMPS


def test_the_biggest_change_decides_the_bump():
    def both(s):
        entry(s, "frequency", "single").update(title="only once")
        remove_code(s, "ends", "social_equality")
        entries(s, "ends").append({"const": "sustainability"})

    result = changes.diff(BASE, variant(both))
    assert sorted(c.bump for c in result.changes) == ["major", "minor", "patch"]
    assert result.bump == "major"


def test_a_removed_code_is_named_with_its_field():
    result = changes.diff(BASE, variant(lambda s: remove_code(s, "formalization", "government_program")))
    [change] = result.changes
    assert change.pointer == "/institutional_design/formalization"
    assert "'government_program'" in change.message and change.name == "government_program" and change.subject == "code"


def test_the_reverse_of_a_widening_is_a_narrowing():
    for name in ("a pattern widened", "a type widened", "a range widened", "a key made optional", "a code added"):
        changed = variant(VARIANTS[name][0])
        assert changes.diff(BASE, changed).bump == "minor", name
        assert changes.diff(changed, BASE).bump == "major", name


# --- versions -----------------------------------------------------------------


def versioned(schema, version, id_version=None):
    schema = copy.deepcopy(schema)
    schema["x-latinno-format-version"] = version
    schema["$id"] = schema["$id"].rsplit(":", 1)[0] + ":" + (id_version or version)
    return schema


BASE = versioned(BASE, "1.0.0")  # the tests count versions from 1.0.0, whatever version the packaged schema has reached


@pytest.mark.parametrize(
    "name, version, id_version, ok",
    [
        ("a code removed", "2.0.0", None, True),
        ("a code removed", "1.1.0", None, False),
        ("a code removed", "1.0.1", None, False),
        ("a code added", "1.1.0", None, True),
        ("a code added", "2.0.0", None, True),
        ("a code added", "1.0.1", None, False),
        ("a code added", "1.0.0", None, False),
        ("a code's label", "1.0.1", None, True),
        ("a code's label", "1.0.0", None, False),
        ("nothing", "1.0.0", None, True),
        ("nothing", "0.9.0", None, False),  # a downgrade
        ("a code added", "1.1.0", "1.0.0", False),  # the two places disagree
    ],
)
def test_version_problems(name, version, id_version, ok):
    new = versioned(variant(VARIANTS[name][0]), version, id_version)
    assert (changes.version_problems(changes.diff(BASE, new)) == []) is ok


def test_a_version_only_at_the_end_of_the_id_counts():
    new = versioned(variant(VARIANTS["a code added"][0]), "1.1.0")
    del new["x-latinno-format-version"]
    result = changes.diff(BASE, new)
    assert result.new.version == "1.1.0" and changes.version_problems(result) == []


# --- the command ----------------------------------------------------------------


def write(path, schema):
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(path)


def test_json_output(tmp_path, capsys):
    new = versioned(variant(VARIANTS["a code removed"][0]), "2.0.0")
    assert main(["schema", "diff", "--format", "json", write(tmp_path / "old.json", BASE), write(tmp_path / "new.json", new)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["bump"] == "major" and report["from"] == "1.0.0" and report["to"] == "2.0.0"
    [change] = report["changes"]
    assert set(change) == {"kind", "pointer", "bump", "message"}
    assert change["kind"] == "code-removed" and change["bump"] == "major" and change["pointer"] == "/institutional_design/formalization"


def test_json_output_holds_no_raw_control_character_from_the_schema(tmp_path, capsys):
    new, old = copy.deepcopy(BASE), copy.deepcopy(BASE)
    entry(new, "frequency", "single").update(title="only once\x1b[2J\u202e")  # a schema from a pull request
    old["x-latinno-format-version"] = "1.0.0\u202e"
    assert main(["schema", "diff", "--format", "json", write(tmp_path / "old.json", old), write(tmp_path / "new.json", new)]) == 0
    out = capsys.readouterr().out
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]", out)  # nothing raw on a terminal
    [change] = json.loads(out)["changes"]
    assert "only once\\x1b[2J\\u202e" in change["message"]  # shown as the text output shows it


def test_text_output_is_one_line_per_change(tmp_path, capsys):
    def two(s):
        remove_code(s, "ends", "social_equality")
        entry(s, "frequency", "single").update(title="only once")

    old, new = write(tmp_path / "old.json", BASE), write(tmp_path / "new.json", variant(two))
    assert main(["schema", "diff", old, new]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("patch: institutional_design.frequency: code 'single' label ") and lines[0].endswith(" -> 'only once' [code-label-changed]")
    assert lines[1] == "major: ends: code 'social_equality' removed: files with it become invalid [code-removed]"
    assert "2 changes, needing a major version bump (1.0.0 -> 1.0.0)" in err


@pytest.mark.parametrize("name", [n for n in VARIANTS if VARIANTS[n][1]])
def test_the_text_names_each_place_once(tmp_path, capsys, name):
    """The message names the field by its dotted name; the text adds no pointer before it."""
    new = variant(VARIANTS[name][0])
    assert main(["schema", "diff", write(tmp_path / "old.json", BASE), write(tmp_path / "new.json", new)]) == 0
    lines = capsys.readouterr().out.splitlines()
    result = changes.diff(BASE, new)
    assert len(lines) == len(result.changes)
    for line, change in zip(lines, result.changes):
        assert line == f"{change.bump}: {change.message} [{change.kind}]"
        if change.pointer.startswith("/"):
            place = ".".join(p for p in change.pointer.split("/")[1:] if p != "*")
            assert not line.startswith(f"{change.bump}: {change.pointer}"), line
            assert len(re.findall(rf"(?<![\w.]){re.escape(place)}(?![\w.])", line)) == 1, line


@pytest.mark.parametrize("version, exit_code", [("1.0.1", 1), ("1.1.0", 0)])
def test_check_version_fails_a_bump_that_is_too_small(tmp_path, capsys, version, exit_code):
    new = versioned(variant(VARIANTS["a code deprecated"][0]), version)
    assert main(["schema", "diff", "--check-version", write(tmp_path / "old.json", BASE), write(tmp_path / "new.json", new)]) == exit_code
    err = capsys.readouterr().err
    assert ("the changes need a minor version bump, but 1.0.0 -> 1.0.1 is a patch bump" in err) is (exit_code == 1)


def test_check_version_fails_when_the_two_versions_disagree(tmp_path, capsys):
    new = versioned(BASE, "1.0.1", "1.0.0")
    assert main(["schema", "diff", "--check-version", write(tmp_path / "old.json", BASE), write(tmp_path / "new.json", new)]) == 1
    assert "disagree" in capsys.readouterr().err


def git(repo, *args):
    env = {
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t.invalid",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_git_specs_are_read_with_git_show(tmp_path, capsys, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "schema").mkdir(parents=True)
    git(repo, "init", "-q")
    write(repo / "schema" / "case.schema.json", BASE)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    git(repo, "tag", "v1.0.0")
    write(repo / "schema" / "case.schema.json", versioned(variant(VARIANTS["a code added"][0]), "1.1.0"))
    git(repo, "commit", "-q", "-am", "two")
    monkeypatch.chdir(repo)
    assert main(["schema", "diff", "--check-version", "v1.0.0:schema/case.schema.json", "HEAD:schema/case.schema.json"]) == 0
    assert "[code-added]" in capsys.readouterr().out
    assert main(["schema", "diff", "v9:schema/case.schema.json", "schema/case.schema.json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("latinno-lint: cannot read 'v9:schema/case.schema.json': ") and "v9" in err


@pytest.mark.parametrize(
    "content, message",
    [
        (b"{", "'bad.json':1:2: not valid JSON"),
        (b"[1, 2]", "not a JSON Schema"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.json").write_bytes(content)
    write(tmp_path / "good.json", BASE)
    assert main(["schema", "diff", "bad.json", "good.json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_missing_file_is_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "diff", "missing.json", "also\nmissing.json"]) == 2
    err = capsys.readouterr().err
    assert err == "latinno-lint: cannot read 'missing.json': No such file or directory\n"


# --- CHANGELOG.md ---------------------------------------------------------------

CHANGELOG = """# Changelog

## Format 1.1.0

### Deprecated
- `sporadic` (frequency): use `regular`.

## Format 1.0.0

- The first version; it has `notes`.
"""


def test_changelog_must_name_every_changed_code_and_key(tmp_path, capsys):
    def two(s):
        deprecate(s, "frequency", "sporadic", "regular")
        s["properties"]["notes"].update(description="Notes.")

    new = write(tmp_path / "new.json", versioned(variant(two), "1.1.0"))
    old = write(tmp_path / "old.json", BASE)
    log = tmp_path / "CHANGELOG.md"
    log.write_text(CHANGELOG, encoding="utf-8")
    assert main(["schema", "diff", "--changelog", str(log), old, new]) == 1
    assert "does not name `notes`" in capsys.readouterr().err  # named only in an older section
    log.write_text(CHANGELOG.replace("use `regular`.", "use `regular`.\n- `notes`: clearer description."), encoding="utf-8")
    assert main(["schema", "diff", "--changelog", str(log), old, new]) == 0
    assert changes.unnamed(changes.diff(BASE, load_schema()).changes, "") == []


def test_a_new_replacement_for_a_deprecated_code_is_minor():
    old = variant(lambda s: deprecate(s, "frequency", "sporadic", "regular"))
    new = variant(lambda s: deprecate(s, "frequency", "sporadic", "single"))
    result = changes.diff(old, new)
    assert [c.kind for c in result.changes] == ["code-replacement-changed"] and result.bump == "minor"


# --- docs/changing-the-vocabulary.md ----------------------------------------------


def test_the_walkthrough_shows_what_schema_diff_prints(tmp_path, capsys):
    from conftest import ROOT

    page = (ROOT / "docs" / "changing-the-vocabulary.md").read_text(encoding="utf-8")
    added = json.loads(re.search(r'```json\n\s*(\{"const": "sustainability".*\})\n\s*```', page).group(1))
    step1 = variant(lambda s: entries(s, "ends").append(added))

    def deprecated(s):
        entries(s, "means").append({"const": "digital_participation", "title": "Digital Participation"})
        deprecate(s, "means", "e_participation", "digital_participation")

    step2 = variant(deprecated)
    step3 = copy.deepcopy(step2)
    remove_code(step3, "means", "e_participation")
    entry(step3, "means", "digital_participation")["x-latinno-variants"] = ["e_participation"]
    rederive(step3)
    for old, new in ((BASE, step1), (BASE, step2), (step2, step3)):
        assert main(["schema", "diff", write(tmp_path / "old.json", old), write(tmp_path / "new.json", new)]) == 0
        for line in capsys.readouterr().out.splitlines():
            if "digital_participation' added" not in line:  # the page shows the deprecation, not the new code
                assert line in page, line


def oneof_layout(schema):
    """The schema with each list of codes laid out as it was in format 1.0.0's
    first release: the code entries as oneOf constants (a $ref for the country
    codes), no enum or descriptions beside them, co_governance with its type."""
    schema = copy.deepcopy(schema)
    for _where, node, _codes in list(vocabulary.code_lists(schema)):
        node["oneOf"] = node.pop(vocabulary.CODES_KEYWORD)
        for derived in vocabulary.DERIVED:
            node.pop(derived, None)
    schema["$defs"]["co_governance"]["type"] = "boolean"
    return schema


def test_the_layout_of_the_code_lists_is_no_change():
    old = oneof_layout(BASE)
    assert "enum" not in json.dumps(old["$defs"]["frequency"]) and "oneOf" in old["$defs"]["frequency"]
    assert changes.diff(old, BASE).changes == []
    assert changes.diff(BASE, old).changes == []
    # and a change made in one layout is seen as in the other
    changed = variant(lambda s: remove_code(s, "frequency", "sporadic"))
    assert [(c.kind, c.name) for c in changes.diff(old, changed).changes] == [("code-removed", "sporadic")]
    # an enum that disagrees with the entries is compared as it is written
    disagreeing = copy.deepcopy(BASE)
    disagreeing["$defs"]["frequency"]["enum"].append("weekly")
    assert changes.diff(BASE, disagreeing).bump == "major"
