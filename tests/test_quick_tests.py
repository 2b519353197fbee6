"""The quick whole-case tests that let LAT305 and LAT306 skip a clean case must
never skip a case that has a finding: with the quick test and without it, the
hits are the same, for every short string built from the characters that matter."""
from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from latinno_lint.rules import _common, lat305_whitespace, lat306_encoding_damage

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
