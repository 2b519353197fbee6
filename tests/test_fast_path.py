"""The compiled fast check agrees with jsonschema on valid/invalid: on every
fixture, on generated cases, and on hundreds of cases mutated field by field."""

import copy
import datetime
import sys

import pytest
import yaml

from latinno_lint.lint import fastcheck
from latinno_lint.lint.source import parse_bytes
from latinno_lint.schema import validator

from conftest import ROOT, TESTS

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate

REPLACEMENTS = [
    None,
    True,
    False,
    0,
    1,
    -3,
    1.0,
    2.5,
    float("nan"),
    "",
    " ",
    "x",
    "regularly",
    "PE",
    "transnational",
    "citizens",
    "2024-02-30",
    "2024-01-31",
    datetime.date(2024, 1, 31),
    [],
    ["citizens"],
    ["citizens", "citizens"],
    ["PE", "AR"],
    ["AR", "AR"],
    [1, True],
    {},
    {"url": "https://example.org"},
    {"id": "a", "relation": "implements"},
]


def agree(data) -> bool:
    return fastcheck.is_valid(data) == validator().is_valid(data)


def fixture_data():
    for path in sorted(TESTS.rglob("*.yaml")) + sorted((ROOT / "cases").rglob("*.yaml")) + [ROOT / "templates" / "case.yaml"]:
        doc = parse_bytes(path.read_bytes())
        if doc.ok:
            yield path, doc.data


def pointers(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from pointers(sub, path + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from pointers(sub, path + (i,))


def mutations(case: dict, per_place: int = 6):
    """The case with one value replaced (by ``per_place`` of REPLACEMENTS, taken in
    turn), one key removed or one unknown key added, for every place in it."""
    turn = 0
    for path in pointers(case):
        if not path:
            continue
        for i in range(per_place):
            yield changed(case, path, lambda parent, key, n=turn + i: parent.__setitem__(key, copy.deepcopy(REPLACEMENTS[n % len(REPLACEMENTS)])))
        turn += per_place
        yield changed(case, path, lambda parent, key: parent.__delitem__(key))
        if isinstance(path[-1], str):
            yield changed(case, path, lambda parent, key: parent.__setitem__("unknown_" + key, "x"))


def changed(case: dict, path: tuple, edit) -> dict:
    result = copy.deepcopy(case)
    parent = result
    for part in path[:-1]:
        parent = parent[part]
    edit(parent, path[-1])
    return result


def test_the_case_schema_compiles():
    assert fastcheck.case_check() is not None


def test_agrees_on_every_fixture_and_case():
    checked = list(fixture_data())
    assert len(checked) > 20
    disagree = [str(path) for path, data in checked if not agree(data)]
    assert disagree == []


def test_agrees_on_generated_cases_valid_and_invalid(tmp_path):
    counts = generate.generate(120, tmp_path, bad_share=0.04)
    assert 0 < counts["valid"] < 120
    verdicts = []
    for path in sorted((tmp_path / "cases").rglob("*.yaml")):
        doc = parse_bytes(path.read_bytes())
        if doc.ok:
            assert agree(doc.data), path
            verdicts.append(fastcheck.is_valid(doc.data))
    assert True in verdicts and False in verdicts


def test_agrees_on_cases_mutated_field_by_field():
    corpus = generate.Corpus(40, 1)
    seeds = [corpus.case(24), corpus.case(9)]  # the template holds placeholders, no valid case: a generated one with every key
    assert seeds[0]["country"] == "transnational" and len(seeds[1]) >= 14
    verdicts = []
    for seed in seeds:
        assert validator().is_valid(seed) and fastcheck.is_valid(seed)
        for mutated in mutations(seed):
            expected = validator().is_valid(mutated)
            assert fastcheck.is_valid(mutated) == expected, mutated
            verdicts.append(expected)
    assert verdicts.count(False) >= 300 and verdicts.count(True) >= 20


@pytest.mark.parametrize(
    "schema, instance, expected",
    [
        ({"type": "integer"}, True, False),  # booleans are not integers
        ({"type": "integer"}, 1.0, True),  # 1.0 is an integer in Draft 2020-12
        ({"const": True}, 1, False),
        ({"const": 1}, True, False),
        ({"enum": [1, "a"]}, 1.0, True),
        ({"uniqueItems": True}, [1, True], True),
        ({"uniqueItems": True}, [1, 1.0], False),
        ({"pattern": "b"}, "abc", True),  # pattern searches, it does not match from the start
        ({"format": "date"}, "2024-02-30", False),
        ({"format": "date"}, 20240230, True),  # formats apply to text only
        ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, 5, False),
        ({"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": False}, {"a": 1}, False),
        ({"$defs": {"n": {"type": "array", "items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"}, [[[]]], True),
    ],
)
def test_semantics_match_jsonschema(schema, instance, expected):
    from jsonschema import Draft202012Validator

    check = fastcheck.compile_schema(schema)
    assert check is not None
    assert Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(instance) is expected
    assert check(instance) is expected


@pytest.mark.parametrize(
    "schema",
    [
        {"patternProperties": {"^a": {}}},
        {"format": "email"},
        {"$ref": "other.json#/x"},
        {"$defs": {"a": {"$anchor": "a", "type": "string"}}, "$ref": "#a"},
        {"$schema": "http://json-schema.org/draft-07/schema#"},
        {"properties": {"a": {"unevaluatedProperties": False}}},
    ],
)
def test_schemas_using_other_keywords_are_left_to_jsonschema(schema):
    assert fastcheck.compile_schema(schema) is None


def test_normalize_takes_a_shortcut_for_ascii_with_the_same_result():
    import re
    import string
    import unicodedata

    from latinno_lint.vocabulary import normalize

    def reference(text):
        text = unicodedata.normalize("NFKD", str(text).casefold())
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        return re.sub(r"[\s_\-/:]+", " ", text).strip(" .;,")

    samples = [string.printable, "".join(map(chr, range(128))), "E-Participation", " Civil_Society ", "co-governance: YES.", "Árbol Niño", "ﬁ ligature"]
    samples += ["".join(chr(c) for c in range(i, i + 7)) for i in range(0, 128, 3)]
    assert [normalize(s) for s in samples] == [reference(s) for s in samples]


def test_remembered_tag_resolution_gives_pyyaml_tags():
    from latinno_lint.lint import source

    scalars = ["", "yes", "No", "on", "null", "~", "12", "0x1F", "1_000", "1.5", ".inf", "-.nan", "2024-01-31", "2024-01-31 10:00:00", "citizens", "E-Participation", "x" * 100]
    text = "".join(f"k{i}: {s}\nq{i}: '{s}'\n" for i, s in enumerate(scalars))
    for _ in range(2):  # the second time from what was remembered
        ours = source.parse_text(text).data
        assert ours == yaml.load(text, Loader=source._BaseLoader)
        assert [type(v) for v in ours.values()] == [type(v) for v in yaml.load(text, Loader=source._BaseLoader).values()]
