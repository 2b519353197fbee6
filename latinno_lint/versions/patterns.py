"""JSON Schema ``pattern`` keywords as automata: which strings a pattern
accepts, and whether every string one subschema's patterns accept another's
accept too (``schema diff`` calls a widened pattern minor only when this
proves it).

JSON Schema's patterns are ECMA-262 regular expressions, applied as a search:
a string is valid when the pattern matches somewhere in it, unless ``^`` and
``$`` anchor it. This module reads them with ECMA-262's meaning, not Python's:
``\\d`` is [0-9] and ``\\w`` [A-Za-z0-9_] (never other scripts' digits or
letters), ``\\s`` is ECMA-262's white space and line terminators, ``.`` is any
character but \\n, \\r, U+2028 and U+2029, and ``$`` matches only at the very
end (never before a final line break, as Python's does). A string is a
sequence of Unicode characters (code points, as ECMA-262 reads a pattern with
the ``u`` flag, Ajv's default; lone surrogates, which no case file can hold,
are left out).

What it reads: characters and escapes (``\\t \\n \\v \\f \\r \\0 \\cX \\xHH
\\uHHHH``, ``\\d \\D \\w \\W \\s \\S``, an escaped punctuation character),
``.``, classes with ranges, negation and escapes, groups (``(...)``,
``(?:...)``, ``(?<name>...)``), alternation, the quantifiers ``* + ? {n}
{n,} {n,m}`` (greedy or lazy: a search finds a match either way) and the
anchors ``^`` and ``$`` anywhere. What it refuses, raising
:class:`Unsupported` with the reason (the caller then counts the change as
major): back-references (no longer a regular language), lookahead and
lookbehind, word boundaries, escaped letters and digits that ECMA-262 and
Python read differently (``\\Z``, ``\\A``, octal), Unicode property escapes,
surrogate escapes, and patterns too large to decide quickly.

Why an automaton of our own and not a library. greenery (MIT, qntm) and
interegular (MIT, built on greenery's ideas for lark) are well kept and build
automata from regular expressions, but both read Python's syntax with a
whole-string match: neither has ECMA-262's search with anchors anywhere,
``$`` only at the very end, or ECMA's ``.`` and ``\\s``, so each pattern would
first be rewritten into their dialect, which is most of the work and the part
where mistakes hide. The subset of ECMA-262 above is small: parsing it, a
Thompson construction with the anchors as conditional empty moves, and a
subset construction over the pairs of state sets is a few hundred lines with
no dependency, and the tests hold it to node's own RegExp on every corner
(tests/test_patterns.py).

``excess(old, new)`` compares two subschemas, each a ``(pattern, not_pattern)``
pair (either may be None): what a subschema accepts is the strings that match
``pattern`` and do not match the ``pattern`` of its ``not``. It gives the
shortest string the old one accepts and the new one does not (a proof of
narrowing), or None when there is none (a proof of widening or sameness).
"""

from __future__ import annotations

import functools
import itertools
from collections import deque

MAX_CHAR = 0x10FFFF
_SURROGATES = (0xD800, 0xDFFF)
MAX_STATES = 20_000  # states of one automaton: {1,1000} of a class is fine, {1,100000} is not
MAX_PAIRS = 50_000  # combined states a comparison visits before it gives up


class Unsupported(Exception):
    """A pattern this module cannot turn into an automaton; the message says why,
    in a few words ('a back-reference (\\1) ...')."""


# Sets of characters: sorted tuples of disjoint inclusive ranges (lo, hi) -------------------


def _normal(ranges) -> tuple:
    out: list = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


def _negate(ranges: tuple) -> tuple:
    out, start = [], 0
    for lo, hi in ranges:
        if lo > start:
            out.append((start, lo - 1))
        start = hi + 1
    if start <= MAX_CHAR:
        out.append((start, MAX_CHAR))
    return _without_surrogates(tuple(out))


def _without_surrogates(ranges: tuple) -> tuple:
    lo_s, hi_s = _SURROGATES
    out = []
    for lo, hi in ranges:
        if hi < lo_s or lo > hi_s:
            out.append((lo, hi))
            continue
        if lo < lo_s:
            out.append((lo, lo_s - 1))
        if hi > hi_s:
            out.append((hi_s + 1, hi))
    return tuple(out)


def _chars(text: str) -> tuple:
    return _normal((ord(c), ord(c)) for c in text)


ANY = _without_surrogates(((0, MAX_CHAR),))
DIGIT = ((0x30, 0x39),)
WORD = _normal([(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
# ECMA-262 WhiteSpace (tab, VT, FF, space, NBSP, ZWNBSP, and Unicode's Zs) and LineTerminator
SPACE = _normal([(0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF)])
LINE_TERMINATORS = _chars("\n\r\u2028\u2029")
DOT = _negate(LINE_TERMINATORS)
_CLASS_ESCAPES = {"d": DIGIT, "D": _negate(DIGIT), "w": WORD, "W": _negate(WORD), "s": SPACE, "S": _negate(SPACE)}
_CHAR_ESCAPES = {"t": 0x09, "n": 0x0A, "v": 0x0B, "f": 0x0C, "r": 0x0D}
_SYNTAX = set("^$\\.*+?()[]{}|/")


# Parsing: ECMA-262 pattern text to a tree -------------------------------------------------
# ("set", ranges) | ("cat", [nodes]) | ("alt", [nodes]) | ("rep", node, min, max or None) | ("bol",) | ("eol",)


class _Parser:
    def __init__(self, pattern: str):
        self.text, self.i = pattern, 0

    def fail(self, why: str):
        raise Unsupported(why)

    def peek(self, n: int = 1) -> str:
        return self.text[self.i : self.i + n]

    def parse(self):
        node = self.disjunction()
        if self.i < len(self.text):
            self.fail(f"an unmatched ')' at offset {self.i}: not a valid ECMA-262 pattern")
        return node

    def disjunction(self):
        branches = [self.alternative()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.alternative())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def alternative(self):
        items: list = []
        while self.i < len(self.text) and self.peek() not in "|)":
            items.append(self.term())
        return ("cat", items)

    def term(self):
        ch = self.peek()
        if ch == "^":
            self.i += 1
            atom = ("bol",)
        elif ch == "$":
            self.i += 1
            atom = ("eol",)
        else:
            atom = self.atom()
        quantifier = self.quantifier()
        if quantifier is None:
            return atom
        if atom[0] in ("bol", "eol"):
            self.fail("a quantifier on an anchor: not a valid ECMA-262 pattern")
        return ("rep", atom, *quantifier)

    def quantifier(self):
        ch = self.peek()
        if ch in ("*", "+", "?"):
            self.i += 1
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
        elif ch == "{":
            bounds = self.braces()
            if bounds is None:
                return None
            low, high = bounds
        else:
            return None
        if self.peek() == "?":
            self.i += 1  # lazy: the same strings match
        if self.peek() in ("*", "+", "?") or (self.peek() == "{" and self.braces(look=True) is not None):
            self.fail("a quantifier after a quantifier: not a valid ECMA-262 pattern")
        return low, high

    def braces(self, look: bool = False):
        """(min, max) of a {n}, {n,} or {n,m} here, or None when the brace is not one."""
        end = self.text.find("}", self.i)
        if end < 0:
            return None
        inside = self.text[self.i + 1 : end]
        low_text, comma, high_text = inside.partition(",")
        if not low_text.isascii() or not low_text.isdigit() or (high_text and not (high_text.isascii() and high_text.isdigit())):
            return None
        low = int(low_text)
        high = (None if not high_text else int(high_text)) if comma else low
        if high is not None and high < low:
            self.fail(f"the quantifier {{{inside}}} is out of order: not a valid ECMA-262 pattern")
        if not look:
            self.i = end + 1
        return low, high

    def atom(self):
        ch = self.peek()
        if ch == "(":
            return self.group()
        if ch == "[":
            return ("set", self.klass())
        if ch == ".":
            self.i += 1
            return ("set", DOT)
        if ch == "\\":
            return ("set", self.escape(in_class=False))
        if ch in ("*", "+", "?"):
            self.fail(f"'{ch}' with nothing to repeat: not a valid ECMA-262 pattern")
        if ch == "{":
            if self.braces(look=True) is not None:
                self.fail("a quantifier with nothing to repeat: not a valid ECMA-262 pattern")
            self.fail("a '{' that is not a quantifier (ECMA-262 and Python read it differently)")
        if ch in ("}", "]"):
            self.fail(f"a lone '{ch}' (invalid with the u flag)")
        self.i += 1
        return ("set", self.char_set(ord(ch)))

    def char_set(self, code: int) -> tuple:
        if _SURROGATES[0] <= code <= _SURROGATES[1]:
            self.fail("a lone surrogate")
        return ((code, code),)

    def group(self):
        self.i += 1
        if self.peek() == "?":
            if self.peek(2) == "?:":
                self.i += 2
            elif self.peek(3) in ("?<=", "?<!") or self.peek(2) in ("?=", "?!"):
                self.fail("a lookahead or lookbehind ((?=...), (?!...), (?<=...), (?<!...)), which an automaton of this module does not read")
            elif self.peek(2) == "?<":
                end = self.text.find(">", self.i)
                if end < 0:
                    self.fail("an unterminated group name: not a valid ECMA-262 pattern")
                self.i = end + 1
            else:
                self.fail(f"the group syntax '({self.peek(3)}' (flags and Python's (?P...) are not ECMA-262)")
        node = self.disjunction()
        if self.peek() != ")":
            self.fail("an unclosed '(': not a valid ECMA-262 pattern")
        self.i += 1
        return node

    def escape(self, in_class: bool) -> tuple:
        """The characters of the escape at self.i (at its backslash)."""
        self.i += 1
        ch = self.peek()
        if not ch:
            self.fail("a '\\' at the end: not a valid ECMA-262 pattern")
        self.i += 1
        if ch in _CLASS_ESCAPES:
            return _CLASS_ESCAPES[ch]
        if ch in _CHAR_ESCAPES:
            return self.char_set(_CHAR_ESCAPES[ch])
        if ch == "b" and in_class:
            return self.char_set(0x08)
        if ch in ("b", "B"):
            self.fail(f"a word boundary (\\{ch}), which an automaton of this module does not read")
        if ch.isdigit():
            if ch == "0" and not self.peek().isdigit():
                return self.char_set(0)
            self.fail(f"a back-reference or octal escape (\\{ch}): back-references are not regular")
        if ch == "k":
            self.fail("a named back-reference (\\k<...>): back-references are not regular")
        if ch == "c" and self.peek().isascii() and self.peek().isalpha():
            self.i += 1
            return self.char_set(ord(self.text[self.i - 1]) % 32)
        if ch in ("x", "u"):
            size = 2 if ch == "x" else 4
            digits = self.peek(size)
            if len(digits) == size and all(d in "0123456789abcdefABCDEF" for d in digits):
                self.i += size
                return self.char_set(int(digits, 16))
            self.fail(f"the escape \\{ch}{digits[:1]}... (not \\{ch} and {size} hex digits)")
        if ch == "-" and in_class:
            return self.char_set(ord("-"))
        if ch in _SYNTAX:
            return self.char_set(ord(ch))
        if ch.isascii() and ch.isalnum():
            self.fail(f"the escape \\{ch}, which ECMA-262 and Python read differently (or one of them refuses)")
        return self.char_set(ord(ch))  # another escaped character: itself

    def klass(self) -> tuple:
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        ranges: list = []
        while True:
            ch = self.peek()
            if not ch:
                self.fail("an unclosed '[': not a valid ECMA-262 pattern")
            if ch == "]":
                self.i += 1
                break
            low = self.class_atom()
            if self.peek() == "-" and self.peek(2)[1:] not in ("]", ""):
                self.i += 1
                high = self.class_atom()
                if len(low) != 1 or len(high) != 1 or low[0][0] != low[0][1] or high[0][0] != high[0][1]:
                    self.fail("a range with a class escape (\\d, \\w, \\s) at one end, which ECMA-262 and Python read differently")
                if high[0][0] < low[0][0]:
                    self.fail("a range out of order in a class: not a valid ECMA-262 pattern")
                ranges.append((low[0][0], high[0][0]))
            else:
                ranges.extend(low)
        chosen = _normal(ranges)
        return _negate(chosen) if negated else _without_surrogates(chosen)

    def class_atom(self) -> tuple:
        ch = self.peek()
        if ch == "\\":
            return self.escape(in_class=True)
        if ch == "[" and self.peek(2) in ("[:", "[=", "[."):
            self.fail("a POSIX class ([:alpha:]), which ECMA-262 reads as characters")
        self.i += 1
        return self.char_set(ord(ch))


# Automata: Thompson's construction; ^ and $ are empty moves taken only at the start or end --


class _Automaton:
    """A nondeterministic automaton for a pattern's search: any text before, the
    pattern, any text after. State 0 starts; ``accept`` accepts."""

    def __init__(self, tree):
        self.moves: list[list] = []  # (ranges, to)
        self.empty: list[list] = []  # to
        self.at_start: list[list] = []  # to, only before the first character
        self.at_end: list[list] = []  # to, only after the last character
        start = self.state()
        self.moves[start].append((ANY, start))
        first, last = self.build(tree)
        self.empty[start].append(first)
        self.accept = self.state()
        self.empty[last].append(self.accept)
        self.moves[self.accept].append((ANY, self.accept))

    def state(self) -> int:
        if len(self.moves) >= MAX_STATES:
            raise Unsupported(f"a pattern too large to compare (more than {MAX_STATES:,} automaton states; large {{n,m}} repeats)")
        for table in (self.moves, self.empty, self.at_start, self.at_end):
            table.append([])
        return len(self.moves) - 1

    def build(self, node) -> tuple[int, int]:
        kind = node[0]
        if kind == "set":
            a, b = self.state(), self.state()
            if node[1]:
                self.moves[a].append((node[1], b))
            return a, b
        if kind in ("bol", "eol"):
            a, b = self.state(), self.state()
            (self.at_start if kind == "bol" else self.at_end)[a].append(b)
            return a, b
        if kind == "cat":
            a = b = self.state()
            for item in node[1]:
                first, last = self.build(item)
                self.empty[b].append(first)
                b = last
            return a, b
        if kind == "alt":
            a, b = self.state(), self.state()
            for item in node[1]:
                first, last = self.build(item)
                self.empty[a].append(first)
                self.empty[last].append(b)
            return a, b
        _, item, low, high = node
        a = b = self.state()
        for _ in range(low):
            first, last = self.build(item)
            self.empty[b].append(first)
            b = last
        if high is None:
            first, last = self.build(item)
            self.empty[b].append(first)
            self.empty[last].append(first)
            end = self.state()
            self.empty[b].append(end)
            self.empty[last].append(end)
            return a, end
        end = self.state()
        for _ in range(high - low):
            self.empty[b].append(end)
            first, last = self.build(item)
            self.empty[b].append(first)
            b = last
        self.empty[b].append(end)
        return a, end

    def closure(self, states, start: bool, end: bool = False) -> frozenset:
        seen = set(states)
        todo = list(states)
        while todo:
            s = todo.pop()
            nexts = self.empty[s] + (self.at_start[s] if start else []) + (self.at_end[s] if end else [])
            for t in nexts:
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        return frozenset(seen)

    def accepts(self, states: frozenset, start: bool) -> bool:
        return self.accept in self.closure(states, start, end=True)

    def step(self, states: frozenset, code: int) -> frozenset:
        return self.closure({t for s in states for ranges, t in self.moves[s] if _has(ranges, code)}, False)


def _has(ranges: tuple, code: int) -> bool:
    for lo, hi in ranges:
        if code < lo:
            return False
        if code <= hi:
            return True
    return False


_CACHE: dict = {}


def automaton(pattern: str) -> _Automaton:
    """The search automaton of ``pattern``; Unsupported when this module cannot build it."""
    if pattern not in _CACHE:
        try:
            _CACHE[pattern] = _Automaton(_Parser(pattern).parse())
        except RecursionError:
            raise Unsupported("a pattern nested too deeply to compare") from None
    return _CACHE[pattern]


def matches(pattern: str, text: str) -> bool:
    """Whether JSON Schema's ``pattern`` accepts ``text`` (a search), by the automaton."""
    machine = automaton(pattern)
    states = machine.closure({0}, True)
    for ch in text:
        states = machine.step(states, ord(ch))
    return machine.accepts(states, not text)


# Comparing subschemas -----------------------------------------------------------------------

_READABLE = "a0A-_ .~"  # the character a counterexample shows for a range that holds one


def _sample(lo: int, hi: int) -> int:
    for ch in _READABLE:
        if lo <= ord(ch) <= hi:
            return ord(ch)
    return lo


def _strings(patterns: list, wanted, limit: int | None):
    """The strings, shortest first, for which ``wanted`` holds of what each of
    ``patterns`` (None: absent) says of them, a list of booleans (an absent
    pattern says None). A breadth-first walk over the combined states of the
    automata, one string for each set of characters that they treat alike.
    Unsupported past MAX_PAIRS states when ``limit`` is None; else it stops there."""
    machines = [None if p is None else automaton(p) for p in patterns]
    first = tuple(frozenset() if m is None else m.closure({0}, True) for m in machines)
    queue = deque([(first, True, "")])
    seen = {(first, True)}
    while queue:
        sets, start, text = queue.popleft()
        if wanted([None if m is None else m.accepts(s, start) for m, s in zip(machines, sets)]):
            yield text
        bounds = {0, MAX_CHAR + 1, _SURROGATES[0], _SURROGATES[1] + 1}
        for m, s in zip(machines, sets):
            if m is not None:
                for state in s:
                    for ranges, _to in m.moves[state]:
                        for lo, hi in ranges:
                            bounds.add(lo)
                            bounds.add(hi + 1)
        edges = sorted(bounds)
        for lo, nxt in itertools.pairwise(edges):
            if _SURROGATES[0] <= lo <= _SURROGATES[1]:
                continue
            code = _sample(lo, nxt - 1)
            after = tuple(frozenset() if m is None else m.step(s, code) for m, s in zip(machines, sets))
            if (after, False) in seen:
                continue
            if len(seen) >= (MAX_PAIRS if limit is None else limit):
                if limit is None:
                    raise Unsupported(f"patterns too large to compare (more than {MAX_PAIRS:,} combined automaton states)")
                return
            seen.add((after, False))
            queue.append((after, False, text + chr(code)))


def _accepts(pattern_says, not_says) -> bool:
    """What a subschema says of a string, from what its pattern and its not's pattern say (None: absent)."""
    return pattern_says is not False and not_says is not True


@functools.lru_cache(maxsize=256)  # a $defs entry's pattern is compared once for every field that uses it
def excess(old: tuple, new: tuple) -> str | None:
    """The shortest string the subschema ``old`` accepts and ``new`` does not, or
    None when every string ``old`` accepts, ``new`` accepts. Each is a pair
    (pattern, pattern of its ``not``), either None when absent. Unsupported
    when a pattern cannot be read (see the module's docstring)."""
    found = _strings([*old, *new], lambda said: _accepts(said[0], said[1]) and not _accepts(said[2], said[3]), None)
    return next(found, None)


def accepted(pair: tuple, count: int) -> list[str]:
    """Up to ``count`` of the shortest strings the subschema ``pair`` (pattern,
    pattern of its not) accepts: what a test checks a widening against."""
    found = []
    for text in _strings(list(pair), lambda said: _accepts(said[0], said[1]), MAX_PAIRS):
        found.append(text)
        if len(found) == count:
            break
    return found
