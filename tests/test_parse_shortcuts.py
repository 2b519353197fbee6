"""source.py's short-cuts give what PyYAML gives: the tag of every scalar, and
the data of every case file in the repository and the test fixtures."""

from __future__ import annotations

import itertools

import pytest
import yaml

from latinno_lint.lint import source

from conftest import ROOT, TESTS

_CHARS = ["", "0", "1", "9", "-", "+", ".", "~", "<", "=", "_", ":", "x", "e", "y", "Y", "n", "N", "o", "O", "t", "T", "f", "F", "a", "l", "s", "u", "r", "i", "!", "&", "*", " ", "é"]
_WORDS = [
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "False",
    "null",
    "Null",
    "~",
    "1e3",
    "1_000",
    "0x1F",
    "0o17",
    "0b101",
    "-.inf",
    ".NaN",
    "2020-01-01",
    "2020-01-01 10:00:00",
    "12:30:00",
    "190:20:30",
    "<<",
    "=",
    "+1",
    "-0",
    "0.5",
    ".5",
    "1.",
    "text",
    "Texto é",
]


def _scalars():
    yield from _WORDS
    for a, b in itertools.product(_CHARS, repeat=2):
        yield a + b
    yield "t" + "x" * 100  # longer than the remembered ones


@pytest.mark.parametrize("implicit", [(True, False), (False, True), (True, True), (False, False)])
def test_scalar_tags_are_pyyaml_s(implicit):
    loader = source._Loader("")
    reference = yaml.SafeLoader("")
    try:
        for value in _scalars():
            for _twice in range(2):  # the second answer may come from the memory
                assert loader.resolve(yaml.ScalarNode, value, implicit) == reference.resolve(yaml.ScalarNode, value, implicit), value
        for kind in (yaml.MappingNode, yaml.SequenceNode):
            assert loader.resolve(kind, None, implicit[0]) == reference.resolve(kind, None, implicit[0])
    finally:
        loader.dispose()
        reference.dispose()


def _case_files():
    return sorted((ROOT / "cases").rglob("*.yaml")) + sorted(TESTS.rglob("*.yaml"))


def test_data_is_pyyaml_s_for_every_case_and_fixture():
    compared = 0
    for path in _case_files():
        raw = path.read_bytes()
        doc = source.parse_bytes(raw)
        if doc.problems or not doc.ok or any(str(d.yaml11).startswith("tag:") for d in doc.differences):
            continue  # refused or reported: PyYAML would build something else, or nothing (a '<<' value)
        assert doc.data == yaml.safe_load(raw.decode("utf-8-sig")), path
        compared += 1
    assert compared > 100


def _nth_value(node, n: int):
    """The n-th value node (1-based) in the builder's order: a node, then its
    items or its mapping values (keys are not values)."""
    stack = [node]
    while stack:
        node = stack.pop()
        n -= 1
        if n == 0:
            return node
        children = node.value if isinstance(node, yaml.SequenceNode) else [v for _k, v in node.value] if isinstance(node, yaml.MappingNode) else []
        stack.extend(reversed(children))
    return None


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nlist:\n" + "  - x\n" * (source.MAX_VALUES + 5),
        "a: 1\nmap:\n" + "".join(f"  k{i}: [x, {i}]\n" for i in range(source.MAX_VALUES // 3 + 5)),
        "a: 1\nlist:\n" + "  - {t: x, n: 1}\n" * (source.MAX_VALUES // 3 + 5),
    ],
)
def test_too_many_values_is_reported_at_the_value_past_the_limit(text):
    doc = source.parse_text(text)
    mark = _nth_value(yaml.compose(text, Loader=yaml.SafeLoader), source.MAX_VALUES + 1).start_mark
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("LAT008", mark.line + 1, mark.column + 1)]
