"""Patterns as automata (latinno_lint/versions/patterns.py) and what `schema diff`
makes of a changed pattern: a widening is minor only when the automata prove
it, a narrowing or an undecidable change is major.

The automata are held to the real thing: node's RegExp (ECMA-262, the `u` flag
that Ajv uses) gives its verdict on every corner case, on every value a
narrowing names, and on the shortest values a widened pattern must still
accept. Every pattern of schema/case.schema.json is widened and narrowed in
several ways, read from the schema (none is written here)."""

from __future__ import annotations

import copy

import pytest

from latinno_lint.schema import load_schema
from latinno_lint.versions import changes, patterns

import nodejs

BASE = load_schema()

# --- ECMA-262 corners: the automaton and node agree --------------------------------------------

CORNERS = [
    # $ matches only at the very end (Python's also before a final line break)
    ("^a$", "a"),
    ("^a$", "a\n"),
    ("a$", "ba"),
    ("a$", "ab"),
    # \d, \w are ASCII; \s is ECMA-262's white space
    ("^\\d+$", "0123456789"),
    ("^\\d+$", "\u0663"),
    ("\\d", "\uff11"),
    ("^\\w$", "\u00e9"),
    ("^\\w$", "_"),
    ("\\W", "\u00e9"),
    ("\\s", "\ufeff"),
    ("\\s", "\x85"),
    ("\\s", "\x1c"),
    ("\\s", "\u2028"),
    ("\\s", "\u180e"),
    ("\\S", " "),
    ("\\D", "5"),
    # . is anything but the four line terminators
    (".", "\n"),
    (".", "\r"),
    (".", "\u2028"),
    (".", "\u2029"),
    ("^.$", "\x85"),
    ("^.$", "\U0001f600"),
    ("^..$", "\U0001f600"),
    # a search, unless anchored
    ("b", "abc"),
    ("^b", "abc"),
    ("c$", "abc"),
    ("", ""),
    ("", "x"),
    ("^$", ""),
    ("^$", "\n"),
    # alternation and anchors inside groups
    ("^(a|b$)", "xb"),
    ("(^a|b$)", "ba"),
    ("(^a|b$)", "ab"),
    ("(?:^|-)x", "a-x"),
    ("(?:^|-)x", "ax"),
    ("a(?:$|b)", "a"),
    ("a(?:$|b)", "ac"),
    ("^(?:a|b)+$", "abab"),
    ("x(^y)", "xy"),
    ("a|^b", "cb"),
    ("a|^b", "ca"),
    ("(?<name>a)b", "ab"),
    # classes with escapes
    ("[\\]]", "]"),
    ("[\\-a]", "-"),
    ("[a\\-z]", "b"),
    ("[\\d-]", "-"),
    ("[^\\s]", " "),
    ("[^\\s]", "x"),
    ("[\\b]", "\b"),
    ("[\\u0041-\\u0043]", "B"),
    ("[\\u0041-\\u0043]", "D"),
    ("[\\x41]", "A"),
    ("[-a]", "-"),
    ("[a-]", "-"),
    ("[^]", "\n"),
    ("[]", "a"),
    ("[\\^]", "^"),
    ("[\\$]", "$"),
    ("\\$", "$"),
    ("\\.", "a"),
    ("[.]", "a"),
    ("[\\t\\n\\u000b\\f\\r]", "\v"),
    ("[^/\\$.?#]", "$"),
    ("[^/\\$.?#]", "x"),
    ("\\/", "/"),
    # {n,m} and lazy quantifiers
    ("^a{2,3}$", "a"),
    ("^a{2,3}$", "aa"),
    ("^a{2,3}$", "aaaa"),
    ("^a{2}$", "aa"),
    ("^a{2,}$", "aaaaa"),
    ("^a{0}$", ""),
    ("^(ab){1,2}$", "abab"),
    ("^(ab){1,2}$", "ababab"),
    ("^a{2,3}?$", "aaa"),
    ("^a+?$", "aa"),
    ("^a*?b", "aab"),
    ("^a??b", "b"),
    # control and code escapes
    ("\\cJ", "\n"),
    ("\\cj", "\n"),
    ("\\0", "\x00"),
    ("\\x2a", "*"),
    ("\\u00e9", "\u00e9"),
]


def _schema_pattern_nodes(node=BASE, path=()):
    """(path, node) of every subschema of the schema with a pattern; the codes' lists are skipped."""
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield path, node
        for key, value in node.items():
            if key not in ("x-latinno-codes", "markdownEnumDescriptions", "not"):
                yield from _schema_pattern_nodes(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _schema_pattern_nodes(value, (*path, i))


NODES = list(_schema_pattern_nodes())
EDGES = ["", "a", "A", "0", "-", "_", " ", "\t", "\n", "\r", "\x0b", "\x85", "\xa0", "\u2028", "\ufeff", "\U0001f600", "$", "/", "#", "?", "."]


def _pair(node) -> tuple:
    negated = node.get("not")
    return node["pattern"], negated["pattern"] if isinstance(negated, dict) and set(negated) == {"pattern"} else None


@pytest.fixture(scope="module")
def ecma():
    """node's verdict on (pattern, text) pairs, asked for all at once: a function
    of a list of pairs to a dict. Skips (fails under CI) without node."""
    nodejs.require()
    cache: dict = {}

    def verdicts(pairs) -> dict:
        wanted = sorted({p for p in pairs if p not in cache})
        if wanted:
            cache.update(zip(wanted, nodejs.run_script("regex.cjs", [list(p) for p in wanted])))
        return {p: cache[p] for p in pairs}

    return verdicts


def test_the_automaton_agrees_with_node_on_ecma_262_corners(ecma):
    pairs = list(CORNERS)
    for _path, node in NODES:  # and the schema's own patterns on the edges of each
        for pattern in _pair(node):
            if pattern is not None:
                pairs += [(pattern, text) for text in EDGES + patterns.accepted(_pair({"pattern": pattern}), 15)]
    said = ecma(pairs)
    wrong = [(p, t, said[(p, t)]) for p, t in pairs if patterns.matches(p, t) is not said[(p, t)]]
    assert not wrong, f"the automaton and node disagree (pattern, text, node): {wrong}"


def test_the_corners_show_where_python_reads_otherwise():
    """The cases that make ECMA-262 matter: Python's re says the opposite."""
    import re

    for pattern, text in [("^a$", "a\n"), ("^\\d+$", "\u0663"), ("^\\w$", "\u00e9"), ("\\s", "\x85"), ("\\s", "\ufeff")]:
        assert patterns.matches(pattern, text) is not bool(re.search(pattern, text)), (pattern, text)


# --- what cannot be decided is said, and is major -----------------------------------------------

UNSUPPORTED = [
    ("(a)\\1", "back-reference"),
    ("(?<x>a)\\k<x>", "back-reference"),
    ("a(?=b)", "lookahead"),
    ("a(?!b)", "lookahead"),
    ("(?<=a)b", "lookbehind"),
    ("(?<!a)b", "lookbehind"),
    ("\\bx", "word boundary"),
    ("x\\B", "word boundary"),
    ("a\\Z", "\\Z"),
    ("\\Aa", "\\A"),
    ("a{,3}", "'{'"),
    ("(?i)a", "(?i"),
    ("(?P<x>a)", "(?P"),
    ("\\p{L}", "\\p"),
    ("\\ud800", "surrogate"),
    ("a**", "quantifier after a quantifier"),
    ("(a", "unclosed"),
    ("[b-a]", "out of order"),
    ("[\\d-z]", "class escape"),
    ("a{1000}{1000}", "quantifier after a quantifier"),
    ("(?:a{1000}){1000}", "too large"),
    ("a)", "unmatched ')'"),
    ("^*", "quantifier on an anchor"),
    ("*a", "nothing to repeat"),
    ("{2}", "nothing to repeat"),
    ("a}", "lone '}'"),
    ("(?<x", "unterminated group name"),
    ("a\\", "at the end"),
    ("\\xZZ", "hex digits"),
    ("[a", "unclosed '['"),
    ("[[:alpha:]]", "POSIX"),
    ("(" * 5000 + ")" * 5000, "nested too deeply"),
]


@pytest.mark.parametrize(("pattern", "reason"), UNSUPPORTED, ids=[reason for _pattern, reason in UNSUPPORTED])
def test_a_pattern_the_automata_cannot_read_says_why(pattern, reason):
    with pytest.raises(patterns.Unsupported) as caught:
        patterns.automaton(pattern)
    assert reason in str(caught.value), str(caught.value)


@pytest.mark.parametrize(("pattern", "reason"), UNSUPPORTED[:4], ids=[reason for _pattern, reason in UNSUPPORTED[:4]])
def test_a_change_to_an_unreadable_pattern_is_major_and_says_why(pattern, reason):
    path, node = NODES[0]
    new = copy.deepcopy(BASE)
    _at(new, path)["pattern"] = pattern
    result = changes.diff(BASE, new)
    assert result.bump == "major" and {c.kind for c in result.changes} == {"pattern-changed"}
    assert all("cannot be decided" in c.message and reason in c.message for c in result.changes), [c.message for c in result.changes]


def test_a_pattern_that_is_not_text_is_major():
    path, node = NODES[0]
    new = copy.deepcopy(BASE)
    _at(new, path)["pattern"] = ["^a$"]
    result = changes.diff(BASE, new)
    assert result.bump == "major" and all("not text" in c.message for c in result.changes)


# --- inclusion: proved, or shown wrong by a value node confirms ----------------------------------

INCLUSIONS = [
    # (old, new, widens): patterns or (pattern, not-pattern) pairs
    ("a", "a|b", True),
    ("a|b", "b|a|c", True),
    ("a|b", "a", False),
    ("(a|b)", "(a|b|c)", True),
    ("^[a-z]+$", "^[a-z0-9]+$", True),
    ("^[a-z0-9]+$", "^[a-z]+$", False),
    ("^a$", "^a", True),
    ("^a", "^a$", False),
    ("^a$", "a", True),
    ("a", "^a", False),
    ("^\\d{4}$", "^[0-9]{4}$", True),
    ("^[0-9]{4}$", "^\\d{4}$", True),
    ("^.$", "^[^\\n]$", True),
    ("^[^\\n]$", "^.$", False),
    ("^a{2,3}$", "^a{1,4}$", True),
    ("^a{1,4}$", "^a{2,3}$", False),
    ("^(?:a|b$)", "^a|^b$", True),
    ("^a|^b$", "^(?:a|b$)", True),
    ("^a$", "^a\\n?$", True),
    ("^a\\n?$", "^a$", False),
    ("x", "", True),
    ("", "x", False),
    ("^[a-z0-9]+(-[a-z0-9]+)*$", "^[a-z0-9_]+(-[a-z0-9_]+)*$", True),
    (("^[a-z0-9]+(-[a-z0-9]+)*$", "[^a-z0-9-]"), ("^[a-z0-9_]+(-[a-z0-9_]+)*$", "[^a-z0-9_-]"), True),
    (("^[a-z0-9_]+(-[a-z0-9_]+)*$", "[^a-z0-9_-]"), ("^[a-z0-9]+(-[a-z0-9]+)*$", "[^a-z0-9-]"), False),
    (("^[a-z0-9]+$", "[^a-z]"), ("^[a-z0-9]+$", None), True),
    (("[a-z]", None), ("[a-z]", "x"), False),
    (("^[a-z]+$", "q"), ("^[a-p]*[r-z]*$", None), False),
]


def _as_pair(pattern) -> tuple:
    return pattern if isinstance(pattern, tuple) else (pattern, None)


def _accepts(said: dict, pair: tuple, text: str) -> bool:
    return said[(pair[0], text)] is True and (pair[1] is None or said[(pair[1], text)] is False)


def _asks(pair: tuple, text: str) -> list:
    return [(p, text) for p in pair if p is not None]


@pytest.mark.parametrize(("old", "new", "widens"), INCLUSIONS)
def test_inclusion_is_decided_and_node_confirms_it(old, new, widens, ecma):
    old, new = _as_pair(old), _as_pair(new)
    refused = patterns.excess(old, new)
    assert (refused is None) is widens, refused
    _confirm(old, new, refused, ecma)


def _confirm(old: tuple, new: tuple, refused, ecma) -> None:
    """node agrees: the value a narrowing names was accepted and is refused; the
    shortest values the old accepts are all still accepted by a widening."""
    texts = [refused] if refused is not None else patterns.accepted(old, 25)
    assert texts, "the old subschema accepts nothing?"
    said = ecma([ask for text in texts for ask in _asks(old, text) + _asks(new, text)])
    for text in texts:
        assert _accepts(said, old, text), (old, text)
        assert _accepts(said, new, text) is (refused is None), (new, text)


# --- every pattern of the schema, widened and narrowed -------------------------------------------


def _classes(pattern: str):
    """(start, end, negated) of each character class of ``pattern``."""
    i, start = 0, None
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if start is None and ch == "[":
            start = i
        elif start is not None and ch == "]" and i > start + 1 + (pattern[start + 1] == "^"):
            yield start, i + 1, pattern[start + 1] == "^"
            start = None
        i += 1


def _atom_end(pattern: str, i: int) -> int:
    """The end of the class atom at ``i`` (a character, an escape), and of a range it starts."""

    def one(j):
        if pattern[j] != "\\":
            return j + 1
        return j + {"u": 6, "x": 4, "c": 3}.get(pattern[j + 1], 2)

    end = one(i)
    if pattern[end : end + 1] == "-" and pattern[end + 1 : end + 2] not in ("]", ""):
        end = one(end + 1)
    return end


def _edit_classes(pattern: str | None, wider: bool) -> str | None:
    """Every class of ``pattern`` made to match more (``wider``: '_' added to a plain
    class, the first atom dropped from a negated one) or less (the reverse)."""
    if pattern is None:
        return None
    out, last = [], 0
    for start, end, negated in _classes(pattern):
        body = start + 1 + negated
        if wider is not negated:
            if "_" in pattern[body : end - 1]:
                continue
            out.append(pattern[last:body] + "_")
            last = body
        else:
            out.append(pattern[last:body])
            last = _atom_end(pattern, body)
    return "".join(out) + pattern[last:]


def _outside_classes(pattern: str, old: str, new: str) -> str:
    spans = list(_classes(pattern))
    out, i = [], 0
    while i < len(pattern):
        if any(s <= i < e for s, e, _n in spans):
            out.append(pattern[i])
        elif pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 1
        elif pattern[i] == old:
            out.append(new)
        else:
            out.append(pattern[i])
        i += 1
    return "".join(out)


def _ecma_text(text: str) -> str:
    return "".join(c if c.isascii() and c.isalnum() else f"\\u{ord(c):04x}" for c in text)


def widenings(pair: tuple) -> dict:
    """name -> a new (pattern, not-pattern) that accepts at least what ``pair`` does."""
    p, n = pair
    found = {
        "an alternative added": (f"(?:{p})|\\u0007", n),
        "classes widened, and the not's classes narrowed with them": (_edit_classes(p, True), _edit_classes(n, False)),
        "anchors dropped": (p.removeprefix("^").removesuffix("$") if not p.endswith("\\$") else p.removeprefix("^"), n),
        "quantifiers loosened": (_outside_classes(_outside_classes(p, "+", "*"), "{", "{0,"), n),
    }
    if n is not None:
        found["the not anchored"] = (p, f"^(?:{n})$")
        found["the not dropped"] = (p, None)
    return {name: new for name, new in found.items() if new != pair}


def narrowings(pair: tuple) -> dict:
    """name -> a new (pattern, not-pattern) that refuses a value ``pair`` accepts."""
    p, n = pair
    [value] = patterns.accepted(pair, 1)
    refuse = f"^{_ecma_text(value)}$"
    found = {
        "a character appended": (f"(?:{p})\\u0007", n),
        "the shortest accepted value refused by the not": (p, refuse if n is None else f"(?:{n})|{refuse}"),
    }
    found.update({f"the reverse of {name}": ("reverse", new) for name, new in widenings(pair).items()})
    return found


def _at(schema, path):
    for key in path:
        schema = schema[key]
    return schema


def _set(node: dict, pair: tuple) -> None:
    node["pattern"] = pair[0]
    if pair[1] is None:
        node.pop("not", None)
    else:
        node["not"] = {"pattern": pair[1]}


CASES = []
for _path, _node in NODES:
    _where = "/".join(map(str, _path))
    for _name, _new in widenings(_pair(_node)).items():
        CASES.append(pytest.param(_path, _pair(_node), _new, True, id=f"{_where}: widened: {_name}"))
    for _name, _new in narrowings(_pair(_node)).items():
        if _new[0] == "reverse":  # narrowed, or the same when the not refuses what the widening let in
            CASES.append(pytest.param(_path, _new[1], _pair(_node), None, id=f"{_where}: narrowed or the same: {_name}"))
        else:
            CASES.append(pytest.param(_path, _pair(_node), _new, False, id=f"{_where}: narrowed: {_name}"))


def test_the_schema_has_patterns_and_each_gets_its_changes():
    assert NODES and all(_pair(node)[0] for _path, node in NODES)
    for path, _node in NODES:
        named = [c for c in CASES if c.values[0] == path]
        assert sum(c.values[3] is True for c in named) >= 2 and sum(c.values[3] is False for c in named) == 2, path


@pytest.mark.parametrize(("path", "old", "new", "widens"), CASES)
def test_every_schema_pattern_widened_is_minor_and_narrowed_is_major(path, old, new, widens, ecma):
    before, after = copy.deepcopy(BASE), copy.deepcopy(BASE)
    _set(_at(before, path), old)
    _set(_at(after, path), new)
    result = changes.diff(before, after)
    kinds = {c.kind for c in result.changes}
    messages = [c.message for c in result.changes]
    refused = patterns.excess(old, new)
    if widens is None and refused is None:  # the reverse of a widening that let in nothing new: the same values
        assert patterns.excess(new, old) is None
        _confirm(new, old, None, ecma)  # node: what the new accepts, the old accepts too
        widens = True
    if widens:
        assert result.bump == "minor" and kinds <= {"pattern-widened", "pattern-removed"} and kinds, messages
    else:
        assert result.bump == "major" and kinds == {"pattern-changed"}, messages
        assert all("narrowed: " in m for m in messages), messages  # decided, with the value, not given up
    _confirm(old, new, refused, ecma)


def test_most_reverses_of_the_widenings_are_narrowings():
    """The reverse of a widening is a narrowing unless the field's not already
    refused what the widening let in: that happens, but not for most."""
    reverses = [c.values for c in CASES if c.values[3] is None]
    narrowed = [v for v in reverses if patterns.excess(v[1], v[2]) is not None]
    assert len(narrowed) > len(reverses) / 2, (len(narrowed), len(reverses))
