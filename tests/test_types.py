"""The generated files the repository holds agree with their generator
(latinno_lint/data/typegen.py): latinno_lint/types.py with the schema, and
CITATION.cff with latinno_lint/data/citation.py; and the walk they come from
follows the schema: every code, every key, which keys are required, and the
root's if/then/else.

`python3 dev.py generate` writes them again; `python3 dev.py dist` refuses to
build while they differ."""

from __future__ import annotations

import copy
import re
import tomllib
import typing

import pytest

from latinno_lint import types, vocabulary
from latinno_lint.data import citation, typegen
from latinno_lint.schema import load_schema

from conftest import ROOT


@pytest.mark.parametrize("path", sorted(typegen.committed()))
def test_the_committed_file_is_what_the_generator_writes(path):
    committed = (ROOT / path).read_text(encoding="utf-8")
    assert committed == typegen.committed()[path], f"{path} is out of date with the schema or the package; regenerate it with:\n    python3 dev.py generate"


def test_the_drift_test_sees_a_schema_change():
    """A new code in the schema changes the generated module: the test above would fail."""
    root = load_schema()
    root["$defs"]["frequency"][vocabulary.CODES_KEYWORD].append({"const": "seasonal", "title": "seasonal"})
    assert '"seasonal"' in typegen.python_module(root) and '"seasonal"' in typegen.typescript(root)
    assert typegen.python_module(root) != typegen.python_module()


def literal_values(alias) -> set:
    return set(typing.get_args(alias))


def test_every_dimension_has_its_codes_as_a_literal_type():
    named = {name: getattr(types, name) for name in dir(types)}
    for dimension in vocabulary.dimensions():
        name = typegen.pascal(dimension.name) + ("Code" if dimension.multiple else "")
        assert literal_values(named[name]) == set(dimension.values), dimension.name
        assert " | ".join(f'"{v}"' if isinstance(v, str) else str(v).lower() for v in dimension.values) in typegen.typescript(), dimension.name
    assert literal_values(types.CountryCode) == set(vocabulary.countries().values)
    assert literal_values(types.Country) == {code.value for code in vocabulary.country_choices()}


def keys(typed_dict) -> tuple[set, set]:
    return set(typed_dict.__required_keys__), set(typed_dict.__optional_keys__)


def test_the_keys_and_which_are_required_follow_the_schema():
    root = load_schema()
    required, optional = keys(types.NonTransnationalCase)
    assert required == set(root["required"])
    assert required | optional == set(root["properties"]) - {"countries"}  # the else branch forbids it
    required, optional = keys(types.TransnationalCase)
    assert required == set(root["required"]) | {"countries"}
    assert required | optional == set(root["properties"])
    assert typing.get_args(types.Case) == (types.TransnationalCase, types.NonTransnationalCase)
    assert typing.get_type_hints(types.TransnationalCase)["country"] == typing.Literal["transnational"]
    assert "transnational" not in literal_values(typing.get_type_hints(types.NonTransnationalCase)["country"])
    for name, node in (("Source", root["$defs"]["source"]), ("RelationEntry", root["$defs"]["relation_entry"]), ("Undetermined", root["properties"]["undetermined"])):
        required, optional = keys(getattr(types, name))
        assert required == set(node.get("required", ())) and required | optional == set(node["properties"]), name
    required, optional = keys(types.InstitutionalDesign)
    assert required == set() and optional == set(root["properties"]["institutional_design"]["properties"])


def test_typescript_says_the_same_keys():
    text = typegen.typescript()
    for decl in typegen.declarations():
        if isinstance(decl.type, typegen.Obj):
            body = text.split(f"export interface {decl.name}", 1)[1].split("\n}\n", 1)[0]
            for prop in decl.type.props:
                assert re.search(rf"^  {prop.key}{'' if prop.required else '[?]'}: ", body, re.M), (decl.name, prop.key)
    assert "countries?: never;" in text  # a case in one country has no countries
    assert "export type Case = TransnationalCase | NonTransnationalCase;" in text


def test_the_module_says_it_is_generated_and_by_which_command():
    assert typegen.COMMAND in types.__doc__ and "Do not edit" in types.__doc__


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda root: root["else"].update({"required": ["x"]}), "if/then/else"),
        (lambda root: root["if"]["properties"]["country"].update({"const": None, "enum": ["PE"]}), "if/then/else"),
        (lambda root: root["$defs"]["source"].pop("additionalProperties"), "allows other keys"),
        (lambda root: root["properties"].update({"extra": {"enum": ["a"]}}), "without x-latinno-codes"),
    ],
)
def test_a_schema_the_types_cannot_follow_is_refused(change, message):
    root = copy.deepcopy(load_schema())
    change(root)
    with pytest.raises(typegen.TypegenError, match=message):
        typegen.python_module(root)


def test_the_citation_agrees_with_the_package():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    data = citation.citation()
    assert data["license"] == pyproject["license"]
    assert data["title"] == pyproject["name"]
    from latinno_lint import __version__

    assert data["version"] == __version__
    [reference] = data["references"]
    assert citation.reference_text(reference) == "Pogrebinschi, Thamy. (2017). LATINNO Dataset. Berlin: WZB Berlin Social Science Center."


def test_a_deprecated_code_stays_in_the_types_and_says_so():
    """A deprecated code is still valid (LAT108 warns): the type keeps it, and its comment names the replacement."""
    from conftest import deprecating_schema

    root = deprecating_schema()
    module, declarations = typegen.python_module(root), typegen.typescript(root)
    assert 'Frequency = Literal["single", "sporadic", "regular", "unknown"]' in module
    assert "Deprecated: 'sporadic' (replaced by 'regular')." in module
    assert '"digital_participation"' in module and '"digital_participation"' in declarations
    assert "Deprecated: 'private_stakeholders'." in " ".join(declarations.split())


def test_an_if_on_a_value_that_is_not_a_code_is_refused():
    root = load_schema()
    root["if"]["properties"]["country"]["const"] = "atlantis"
    with pytest.raises(typegen.TypegenError, match="not one of country's codes"):
        typegen.python_module(root)
