"""The schema means the same in every JSON Schema implementation: Python's
jsonschema, jsonschema-rs (Rust, from PyPI) and Ajv (JavaScript, run by node)
give the same verdict as latinno-lint on every fixture, on mutants of it, and
on strings at the edges of each pattern (line breaks, the white space that
only one of ECMA-262 and Python counts as such)."""

from __future__ import annotations

import copy
import datetime
import json
import re

import jsonschema
import jsonschema_rs
import pytest

from latinno_lint import vocabulary
from latinno_lint.lint import validate
from latinno_lint.lint.source import parse_bytes
from latinno_lint.schema import load_schema

import nodejs
from conftest import ROOT, TESTS

SCHEMA = load_schema()
# The annotation keywords the schema uses, declared for Ajv's strict mode as the README's example does.
ANNOTATIONS = ["x-latinno-format-version", "x-latinno-labels", "x-latinno-help", "x-latinno-codes", "x-latinno-csv-prefix", "markdownEnumDescriptions"]

# White space to ECMA-262 (\s), to Python's re (\s) or to both; line breaks of every kind.
ECMA_ONLY = ["\ufeff"]
PYTHON_ONLY = ["\x1c", "\x1d", "\x1e", "\x1f", "\x85"]
BOTH = ["\t", "\n", "\x0b", "\x0c", "\r", " ", "\xa0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
EDGES = ECMA_ONLY + PYTHON_ONLY + BOTH + ["\u180e", "\u200b", "\x00", "\u00e9", "\U0001f600", "Z", "$"]


def _patterns(node, where="#"):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield where, value
            elif key not in ("x-latinno-codes", "markdownEnumDescriptions"):
                yield from _patterns(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _patterns(value, f"{where}/{i}")


def test_no_pattern_uses_what_ecma_262_and_python_read_differently():
    found = list(_patterns(SCHEMA))
    assert len(found) >= 6
    for where, pattern in found:
        # escapes whose members differ, escapes one of them lacks, lookarounds and flags
        assert not re.search(r"\\[sSdDwWbBAZz]|\(\?", pattern), (where, pattern)


def test_a_dollar_anchor_stands_only_where_a_sibling_rejects_line_breaks():
    for where, pattern in _patterns(SCHEMA):
        if "$" in pattern.replace("\\$", ""):
            node = SCHEMA
            for part in where.split("/")[1:]:
                node = node[int(part)] if isinstance(node, list) else node[part]
            guard = node.get("not", {}).get("pattern", "")
            assert guard and re.search(guard, "\n") and re.search(guard, "\r"), (where, pattern)


def _case_data() -> list:
    """Every fixture and case file that reads as data (JSON's types only)."""
    folders = [ROOT / "cases", ROOT / "templates", TESTS / "fixtures", TESTS / "rules", TESTS / "golden"]
    found = []
    for path in sorted(p for folder in folders for p in folder.rglob("*.yaml")):
        doc = parse_bytes(path.read_bytes())
        if doc.ok and _jsonable(doc.data):
            found.append(doc.data)
    return found


def _jsonable(value) -> bool:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return False
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    if isinstance(value, dict):
        return all(isinstance(k, str) and _jsonable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_jsonable(v) for v in value)
    return True


VALID = {
    "id": "open-government-action-plan",
    "latinno_id": 4002,
    "name": "Open Government Action Plan",
    "country": "PE",
    "description": "A plan.",
    "start_year": 2012,
    "end_year": 2016,
    "institutional_design": {"formalization": "government_program", "frequency": "regular", "selection": "both", "participants": ["citizens"], "decisiveness": "non_binding", "co_governance": True},
    "means": ["deliberation"],
    "ends": ["accountability"],
    "policy_cycle": ["agenda_setting"],
    "sources": [{"url": "https://latinno.net/en/case/4002/", "title": "LATINNO", "accessed": "2026-01-31"}],
    "related": [{"id": "multisectorial-open-government-forum", "relation": "implements"}],
    "notes": "Imported.",
}
TEXT_PLACES = {
    ("name",): "Name",
    ("id",): "a-slug",
    ("sources", 0, "url"): "https://latinno.net/en/case/1/",
    ("sources", 0, "accessed"): "2021-05-01",
    ("sources", 0, "title"): "Title",
    ("related", 0, "id"): "other-case",
}


def _set(data, path, value):
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


def _probes(base: str) -> list:
    """Strings at the edges of a pattern: each edge character alone, before,
    inside and after a valid value; empty; case changes; a second line."""
    strings = ["", base.upper(), base + "\n" + base, base[:1], base[:-1]]
    for ch in EDGES:
        strings += [ch, ch * 3, base + ch, ch + base, base[:3] + ch + base[3:], base + ch + "\n"]
    return strings


def _mutants() -> list:
    found = [VALID]
    for path, base in TEXT_PLACES.items():
        found += [_set(VALID, path, s) for s in _probes(base)]
    for key in ("id", "name", "country", "description"):
        found.append({k: v for k, v in VALID.items() if k != key})
    for dim in vocabulary.dimensions():
        path = tuple(dim.pointer.strip("/").split("/"))
        for value in list(dim.values) + ["unknown", "Regular", "regular\n", 1, None, True, "yes", [], ["citizens", "citizens"]]:
            found.append(_set(VALID, path, [value] if dim.multiple and not isinstance(value, list) else value))
    for year in (1899, 1900, 2100, 2101, 2012.0, 2012.5, "2012", True):
        found.append(_set(VALID, ("start_year",), year))
    for date in ("2021-02-29", "2020-02-29", "2021-13-01", "2021-1-01", "20210501", "2021-05-01T00:00:00Z"):
        found.append(_set(VALID, ("sources", 0, "accessed"), date))
    found.append(_set(VALID, ("country",), "transnational"))
    found.append(_set(_set(VALID, ("country",), "transnational"), ("countries",), ["PE", "BO"]))
    found.append(_set(VALID, ("countries",), ["PE", "BO"]))
    found.append(_set(VALID, ("extra",), 1))
    return found


@pytest.fixture(scope="module")
def verdicts():
    nodejs.require()
    instances = _case_data() + _mutants()
    ajv = nodejs.run_script("verdicts.cjs", {"schema": SCHEMA, "vocabulary": ANNOTATIONS, "instances": instances})
    python = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    rust = jsonschema_rs.validator_for(SCHEMA, validate_formats=True)
    rows = []
    for instance, by_ajv in zip(instances, ajv):
        rows.append((instance, {"latinno-lint": validate.is_valid(instance), "jsonschema": python.is_valid(instance), "jsonschema-rs": rust.is_valid(instance), "ajv": by_ajv}))
    return rows


def test_every_implementation_gives_the_same_verdict(verdicts):
    disagreements = [(json.dumps(instance, ensure_ascii=True)[:300], said) for instance, said in verdicts if len(set(said.values())) != 1]
    assert disagreements == []


def test_the_corpus_holds_both_verdicts(verdicts):
    valid = sum(1 for _instance, said in verdicts if said["jsonschema"])
    assert valid > 20 and len(verdicts) - valid > 200, (valid, len(verdicts))


@pytest.mark.parametrize(
    "value, valid",
    [
        ("https://latinno.net/en/case/4002/\n", False),
        ("\ufeff", False),
        ("\x85", False),
        ("\x1c", False),
        ("a\ufeff", True),
    ],
)
def test_the_issue_s_examples_get_one_verdict(value, valid):
    path = ("sources", 0, "url") if value.startswith("http") else ("name",)
    assert validate.is_valid(_set(VALID, path, value)) is valid
