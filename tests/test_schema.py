"""The schema: valid against its metaschema, complete vocabulary, shipped in the package."""

import json

from jsonschema import Draft202012Validator

from latinno_lint import schema, vocabulary

from conftest import ROOT


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(json.loads((ROOT / "schema" / "case.schema.json").read_text()))
    assert schema.load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_id_carries_the_format_version():
    assert schema.format_version() in schema.schema_id()


def test_load_schema_returns_a_fresh_copy():
    first = schema.load_schema()
    first["title"] = "changed"
    assert schema.load_schema()["title"] != "changed"


def test_packaged_schema_is_the_repository_schema():
    assert schema.schema_text() == (ROOT / "schema" / "case.schema.json").read_text(encoding="utf-8")


def test_every_code_has_label_definition_and_variants():
    dims = vocabulary.dimensions() + [vocabulary.dimension("relation")]
    assert {d.name for d in dims} >= {"formalization", "frequency", "selection", "participants", "decisiveness", "co_governance", "means", "ends", "policy_cycle", "relation"}
    for dim in dims:
        assert dim.title and dim.definition, dim.name
        for code in dim.codes:
            assert code.label, (dim.name, code.value)
            assert code.definition, (dim.name, code.value)
            assert code.variants, (dim.name, code.value)


def test_validator_checks_formats():
    data = {"id": "x", "name": "n", "country": "PE", "description": "d", "sources": [{"url": "https://a.org", "accessed": "2021-02-30"}]}
    errors = list(schema.validator().iter_errors(data))
    assert [e.validator for e in errors] == ["format"]


def test_registry_resolves_the_schema_by_id():
    resolved = schema.registry().resolver().lookup(schema.schema_id())
    assert resolved.contents["title"] == "LATINNO case"


def test_vocabulary_reads_spellings_from_the_schema():
    assert vocabulary.dimension("participants").split("ciudadanos sociedad civil organización privada") == ["citizens", "civil_society", "private_stakeholders"]
    assert vocabulary.dimension("means").match("digital engagement") == "e_participation"
    assert vocabulary.dimension("decisiveness").match("não produz decisões") == "no_decision"
    assert vocabulary.dimension("frequency").suggest("regularly") == "regular"


def test_every_code_list_carries_its_editor_view():
    """``enum`` and ``markdownEnumDescriptions`` are derived from the code
    entries in ``x-latinno-codes``: the same codes, in the same order."""
    lists = {where: (node, codes) for where, node, codes in vocabulary.code_lists()}
    assert {"$defs/frequency", "$defs/co_governance", "$defs/participants/items", "$defs/relation", "$defs/country_code", "properties/country"} <= set(lists)
    for where, (node, codes) in lists.items():
        view = vocabulary.editor_view(codes)
        assert {k: node.get(k) for k in view} == view, f"{where}: enum and markdownEnumDescriptions must be {json.dumps(view, ensure_ascii=False)}"
        assert "oneOf" not in node and "type" not in node, f"{where}: the enum alone says what is valid (one editor diagnostic)"
    assert [c.value for c in vocabulary.country_choices()][-1] == "transnational"


def test_a_reference_has_nothing_beside_it_that_an_editor_reads_as_a_rule():
    """yaml-language-server reads a $ref with any other keyword than these
    beside it as an allOf of two schemas, and then completes the key without
    its colon (tests/test_editor.py): a field with labels spells out its rules."""
    allowed = {"$ref", "title", "description", "$comment", "examples", "default"}

    def walk(node, where):
        if isinstance(node, dict):
            if "$ref" in node:
                assert set(node) <= allowed, (where, sorted(set(node) - allowed))
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema.schema(), "")


def test_every_code_and_every_heading_of_a_case_page_has_a_label_in_each_language():
    """A page, table or codebook in Spanish or Portuguese shows no English code
    label or heading (issue 24): every code, and every field a case page or a
    table of cases heads, has its own label in each language."""
    for where, _node, codes in vocabulary.code_lists():
        for code in codes:
            assert set(vocabulary.LANGS) <= set(code.labels), (where, code.value)
    for path in ("id", "name", "country", "start_year", "end_year", "institutional_design", "means", "ends", "policy_cycle", "undetermined", "sources", "notes"):
        labels = vocabulary.field_labels(path)
        assert set(vocabulary.LANGS) <= set(labels) and len(set(labels.values())) > 1, path
    for dim in vocabulary.coding_dimensions():
        assert set(vocabulary.LANGS) <= set(vocabulary.field_labels(dim.pointer.strip("/"))), dim.name
    for name, labels in vocabulary.PAGE_HEADINGS.items():
        assert [vocabulary.page_heading(name, lang) for lang in vocabulary.LANGS] == [labels[lang] for lang in vocabulary.LANGS]
