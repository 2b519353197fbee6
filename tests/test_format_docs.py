"""What README.md, CONTRIBUTING.md and CHANGELOG.md promise about the format's
version, importing the schema, the published hook and editors, checked against
the schema, the code and the hook manifest."""

import json
import re

import yaml
from jsonschema import Draft7Validator

from latinno_lint import schema

from conftest import ROOT

# The manual: the README and the pages of the documentation site (docs/), where
# its sections live; a section is looked up wherever it is.
MANUAL_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
README = "\n".join(path.read_text(encoding="utf-8") for path in MANUAL_FILES)
SCHEMA_FILE = ROOT / "schema" / "case.schema.json"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(?P<path>\S+)$")


def section(text: str, heading: str) -> str:
    """The text under a ``## heading`` up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^#{{1,2}} |\Z)", text, re.M | re.S)
    assert match, f"neither README.md nor docs/ has a section '{heading}'"
    return match.group(1)


def blocks(text: str, language: str) -> list:
    return re.findall(rf"^ *```{language}\n(.*?)^ *```", text, re.M | re.S)


def test_newest_changelog_entry_is_the_schema_format_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## Format (\d+\.\d+\.\d+)\b", changelog, re.M)
    assert versions, "CHANGELOG.md needs a '## Format X.Y.Z' heading"
    assert versions[0] == schema.format_version()
    assert schema.schema_id().endswith(":" + versions[0])


def test_readme_names_the_current_format_version_and_id():
    assert f"(now {schema.format_version()})" in section(README, "Versions of the case-file format")
    assert f"`{schema.schema_id()}`" in README


def test_readme_registry_example_validates_offline(monkeypatch):
    monkeypatch.chdir(ROOT)
    [example] = blocks(section(README, "Versions of the case-file format"), "python")
    exec(compile(example, "README.md", "exec"), {})  # raises if the case does not validate


def test_readme_downstream_config_uses_published_hooks():
    manifest = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    text = section(README, "pre-commit in other repositories")
    [config] = [yaml.safe_load(b) for b in blocks(text, "yaml")]
    [repo] = config["repos"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])
    assert {hook["id"] for hook in repo["hooks"]} <= manifest
    for hook_id in manifest:
        assert f"`{hook_id}`" in text


def _modeline_target(file, placed_in):
    first = file.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.fullmatch(first)
    assert match, f"{file}: first line must be the yaml-language-server modeline"
    return (placed_in / match.group("path")).resolve()


def test_case_files_carry_a_modeline_that_reaches_the_schema():
    files = sorted((ROOT / "cases").rglob("*.y*ml"))
    assert files
    for file in files:
        assert _modeline_target(file, file.parent) == SCHEMA_FILE.resolve(), file


def test_templates_carry_the_modeline_for_where_their_copies_go():
    files = sorted((ROOT / "templates").glob("*.y*ml"))
    assert files
    for file in files:
        assert _modeline_target(file, ROOT / "cases" / "peru") == SCHEMA_FILE.resolve(), file


# Keywords that hold subschemas, and how: one schema, a list, or a mapping of names to schemas.
_ONE = {"items", "additionalItems", "additionalProperties", "contains", "propertyNames", "if", "then", "else", "not"}
_LIST = {"allOf", "anyOf", "oneOf"}
_MAP = {"properties", "patternProperties", "definitions", "$defs"}


def _keywords(node, found):
    if not isinstance(node, dict):
        return found
    for key, value in node.items():
        found.add(key)
        if key in _ONE:
            _keywords(value, found)
        elif key in _LIST or (key == "items" and isinstance(value, list)):
            for item in value:
                _keywords(item, found)
        elif key in _MAP:
            for item in value.values():
                _keywords(item, found)
    return found


def test_schema_uses_no_validation_keyword_newer_than_draft_07():
    """README, Editors: language servers that validate with draft-07 rules
    still check everything. `$defs` only names the place `$ref` points to,
    `deprecated`, the editors' `markdownEnumDescriptions` and `x-*` are annotations."""
    draft7 = set(Draft7Validator.META_SCHEMA["properties"])
    used = _keywords(schema.load_schema(), set())
    newer = {k for k in used if k not in draft7 and k not in {"$defs", "deprecated", "markdownEnumDescriptions"} and not k.startswith("x-")}
    assert newer == set()
    assert _keywords({"oneOf": [{"prefixItems": []}]}, set()) >= {"prefixItems"}  # the walk reaches nested keywords


def test_the_readme_stays_short_and_links_every_page_of_the_manual():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("\n") <= 300, "the manual belongs in docs/; the README keeps the quick start, a tour and links"
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name != "index.md":
            assert f"(docs/{page.name})" in readme, f"README's Documentation list lacks docs/{page.name}"


def _leaves(value, parts=()):
    """(JSON pointer, value) of every value that is not a mapping or a list."""
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*parts, str(key)))]
    if isinstance(value, list):
        return [leaf for n, item in enumerate(value) for leaf in _leaves(item, (*parts, str(n)))]
    return [("/" + "/".join(parts), value)]


def test_an_unfinished_copy_of_the_template_fails_and_names_the_template(tmp_path, capsys):
    """CONTRIBUTING's first step, stopped after the id and the description: the
    copy exits 1, and every value left as the template has it (the name, the
    latinno_id, the year, each code) is an error that names the template."""
    from latinno_lint.cli import main

    template = (ROOT / "templates" / "case.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(template)
    leaves = dict(_leaves(data))
    assert {"/latinno_id", "/start_year", "/means/0", "/institutional_design/formalization"} <= set(leaves)
    description = "Residents of Lima decide in yearly assemblies how to spend part of the municipal investment budget, with the district's support."
    copy = template.replace(f"id: {data['id']}\n", "id: participatory-budget-of-lima\n").replace(data["description"], description)
    case = tmp_path / "cases" / "peru" / "participatory-budget-of-lima.yaml"
    case.parent.mkdir(parents=True)
    case.write_text(copy, encoding="utf-8")
    assert main(["check", "--format", "json", str(case)]) == 1
    findings = json.loads(capsys.readouterr().out)
    left = set(leaves) - {"/id", "/description"}
    by_pointer = {}
    for f in findings:
        by_pointer.setdefault(f["pointer"], []).append(f)
    for pointer in sorted(left):
        found = by_pointer.get(pointer, [])
        assert [f["severity"] for f in found] == ["error"], (pointer, found)  # one finding: no schema error beside it
        assert "templates/case.yaml" in found[0]["message"] and "placeholder" in found[0]["message"], found
    assert "/id" not in by_pointer and "/description" not in by_pointer
    assert main(["check", str(case)]) == 1
    out = capsys.readouterr().out
    assert "is the template's placeholder (templates/case.yaml): replace it with" in out


def test_contributing_s_template_step_says_what_the_template_holds():
    """CONTRIBUTING tells a contributor that the template's values are placeholders
    the check refuses; the rule it names is the one that reports them."""
    from latinno_lint.lint.rules import RULES

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    code = next(c for c, r in RULES.items() if r.name == "template-placeholder")
    assert "placeholder" in text
    assert code in text and code in (ROOT / "templates" / "case.yaml").read_text(encoding="utf-8")
