"""The short-cuts that keep the rules cheap on every case give what the plain
way gives: the quick whole-case tests of LAT305 and LAT306 never skip a case
that has a finding, code()/codes() agree with Dimension.code(), and LAT303 finds
the same lengths."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from latinno_lint import vocabulary
from latinno_lint.lint.config import Config
from latinno_lint.lint.engine import Case
from latinno_lint.lint.rules import _common, lat303_description_too_short, lat305_whitespace, lat306_encoding_damage

# the characters each check looks at, and a few it must not confuse with them
ALPHABET = [" ", "\n", "\t", "\x1c", "\xa0", "\u3000", "a", "1", "?", "\x00", "\ufffd", "Ã", "©", "â", "€", "™", "/"]


def _cases():
    for length in range(1, 4):
        for chars in itertools.product(ALPHABET, repeat=length):
            text = "".join(chars)
            yield {"name": text}
            yield {"name": "x", "sources": [{"title": text, "url": "http://a/" + text}], "countries": [text, "y"]}


def _hits(rule, data) -> list:
    return list(rule.check(SimpleNamespace(data=data)))


@pytest.mark.parametrize("rule, quick", [(lat305_whitespace, "_all_tidy"), (lat306_encoding_damage, "_may_be_damaged")])
def test_quick_test_never_hides_a_hit(rule, quick, monkeypatch):
    cases = list(_cases())
    quick_hits = [_hits(rule, data) for data in cases]
    monkeypatch.setattr(rule, quick, lambda text: quick == "_may_be_damaged")  # always walk every string
    assert any(quick_hits)  # the alphabet does reach the rule's findings
    assert quick_hits == [_hits(rule, data) for data in cases]


def test_all_text_and_strings_list_every_string_in_file_order():
    data = {"a": "x", "b": {"c": ["y", 1, None, {"d": "z"}]}, "e": True, "f": "", "g/h": "w"}
    assert _common.strings(data) == [(("a",), "x"), (("b", "c", 0), "y"), (("b", "c", 3, "d"), "z"), (("f",), ""), (("g/h",), "w")]
    assert _common.all_text(data) == "\0x\0y\0z\0\0w\0"
    assert _common.pointer_of(("g/h",)) == "/g~1h"
    assert _common.all_text({}) == "\0" and _common.strings({}) == []


def _case(pointer: str, value, options=None) -> Case:
    data: dict = {}
    holder = data
    *parents, last = pointer.strip("/").split("/")
    for part in parents:
        holder = holder.setdefault(part, {})
    holder[last] = value
    return Case(data, "x.yaml", None, Config(options=options or {}))


_ODD_VALUES = ["unknown", "Citizens", "", True, False, 1, 0, 1.0, None, [], {}, ["x"], {"a": 1}]


def test_code_and_codes_agree_with_the_vocabulary():
    for dim in vocabulary.dimensions():
        values = [c.value for c in dim.codes] + _ODD_VALUES
        for value in values:
            expected = value if dim.code(value) is not None else None
            assert _common.code(_case(dim.pointer, value), dim.name) == expected, (dim.name, value)
        for items in [[v] for v in values] + [values[:2], values[:1] + [[]], values[-3:], []]:
            expected = items if items and all(dim.code(v) is not None for v in items) else None
            assert _common.codes(_case(dim.pointer, items), dim.name) == expected, (dim.name, items)


@pytest.mark.parametrize("minimum", [0, 1, 7, 100, 250])
def test_description_length_is_the_collapsed_length(minimum):
    for words in (1, 5, 20, 40, 60, 200):
        for gap in (" ", "   ", "\n  ", " \t\n\n      "):
            text = gap + gap.join(["word"] * words) + gap
            length = len(" ".join(text.split()))
            hits = list(lat303_description_too_short.check(_case("/description", text, {"min-description-length": minimum})))
            assert [h.message.split(" characters")[0] for h in hits] == ([f"description has {length}"] if length < minimum else [])
