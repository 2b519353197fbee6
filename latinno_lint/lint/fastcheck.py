"""A fast validity check for the case schema, compiled once per process.

jsonschema stays the reference: it decides what is valid and words every
message. But walking its validator costs ~300 µs a case, more than parsing.
Most cases are valid, so the engine first asks this check, which answers
``True`` only when the case is valid, and runs jsonschema's full error walk
only when it answers ``False``.

The schema is compiled into nested closures, one per subschema, covering the
Draft 2020-12 keywords the case schema uses, with jsonschema's semantics
(booleans are not integers, 1.0 is an integer, ``pattern`` searches,
``format: date`` as jsonschema's format checker reads it). A schema using any
other keyword is not compiled (``compile_schema`` returns None) and every
case goes to jsonschema. tests/test_fast_path.py checks that both agree on
every fixture and on hundreds of mutated cases.
"""

from __future__ import annotations

import datetime
import functools
import numbers
import re
from collections.abc import Callable

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_ANNOTATIONS = {
    "$schema",
    "$id",
    "$comment",
    "$defs",
    "definitions",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$anchor",
    "markdownDescription",
    "markdownEnumDescriptions",
}  # editors' annotations
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)

Check = Callable[[object], bool]


class Unsupported(Exception):
    """The schema uses something this compiler does not implement."""


@functools.lru_cache(maxsize=1)
def case_check() -> Check | None:
    """The compiled check for the packaged case schema, or None."""
    from ..schema import schema

    return compile_schema(schema())


def compile_schema(root) -> Check | None:
    """A function ``data -> bool`` that is True only for data valid against
    ``root``; None when the schema uses a keyword not covered here."""
    if not isinstance(root, dict) or root.get("$schema", DRAFT) != DRAFT:
        return None
    try:
        return _Compiler(root).compile(root)
    except Unsupported:
        return None


# -- jsonschema's type and equality semantics ---------------------------------


def _is_integer(x) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


def _is_number(x) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, (int, float)) or isinstance(x, numbers.Number)  # noqa: SIM101  the concrete types first: an ABC check is slow


_TYPES = {
    "array": lambda x: isinstance(x, list),
    "boolean": lambda x: isinstance(x, bool),
    "integer": _is_integer,
    "null": lambda x: x is None,
    "number": _is_number,
    "object": lambda x: isinstance(x, dict),
    "string": lambda x: isinstance(x, str),
}


def _unbool(x):
    if x is True:
        return _TRUE
    if x is False:
        return _FALSE
    return x


_TRUE, _FALSE = object(), object()


def _equal(one, two) -> bool:
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    return _unbool(one) == _unbool(two)


class _Unsure(Exception):
    """Raised inside a check when only jsonschema can tell (the answer is then False)."""


def _unique(items: list) -> bool:
    if all(type(i) is str for i in items):
        return len(set(items)) == len(items)
    seen = set()
    for item in items:
        if isinstance(item, (list, dict)):
            raise _Unsure
        key = (type(item) is bool, _unbool(item))
        if key in seen:
            return False
        seen.add(key)
    return True


def _is_date(x) -> bool:
    if not isinstance(x, str):
        return True
    if not _DATE.fullmatch(x):
        return False
    try:
        datetime.date.fromisoformat(x)
    except ValueError:
        return False
    return True


_FORMATS = {"date": _is_date}


def _only_const(sub) -> bool:
    """A subschema that is just ``const`` (plus annotations)."""
    return isinstance(sub, dict) and "const" in sub and all(k == "const" or k in _ANNOTATIONS or k.startswith("x-") for k in sub)


# -- the compiler -------------------------------------------------------------


def _all(checks: list[Check] | tuple[Check, ...]) -> Check:
    if not checks:
        return lambda x: True
    if len(checks) == 1:
        return checks[0]
    checks = tuple(checks)

    def check(x):
        for c in checks:
            if not c(x):
                return False
        return True

    return check


class _Compiler:
    def __init__(self, root: dict):
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, node) -> Check:
        if node is True:
            return lambda x: True
        if node is False:
            return lambda x: False
        if not isinstance(node, dict):
            raise Unsupported(f"schema {node!r}")
        if "$id" in node and node is not self.root:
            raise Unsupported("$id below the root")
        checks: list[Check] = []
        handled = set(_ANNOTATIONS)
        for key in node:
            if key.startswith("x-"):
                handled.add(key)
        for key, build in self._keywords(node):
            if key in node:
                checks.append(build(node[key]))
                handled.add(key)
        unknown = set(node) - handled
        if unknown:
            raise Unsupported(f"keyword {sorted(unknown)[0]}")
        return _all(checks)

    def _keywords(self, node):
        return (
            ("$ref", self._ref),
            ("type", self._type),
            ("const", self._const),
            ("enum", self._enum),
            ("properties", lambda v: self._object(node)),
            ("additionalProperties", lambda v: (lambda x: True) if "properties" in node else self._object(node)),
            ("required", self._required),
            ("items", self._items),
            ("minItems", lambda n: lambda x: not isinstance(x, list) or len(x) >= n),
            ("maxItems", lambda n: lambda x: not isinstance(x, list) or len(x) <= n),
            ("uniqueItems", lambda u: (lambda x: not isinstance(x, list) or _unique(x)) if u else (lambda x: True)),
            ("minLength", lambda n: lambda x: not isinstance(x, str) or len(x) >= n),
            ("maxLength", lambda n: lambda x: not isinstance(x, str) or len(x) <= n),
            ("pattern", self._pattern),
            ("minimum", lambda m: lambda x: not _is_number(x) or not x < m),
            ("maximum", lambda m: lambda x: not _is_number(x) or not x > m),
            ("exclusiveMinimum", lambda m: lambda x: not _is_number(x) or x > m),
            ("exclusiveMaximum", lambda m: lambda x: not _is_number(x) or x < m),
            ("format", self._format),
            ("allOf", lambda subs: _all([self.compile(s) for s in subs])),
            ("anyOf", self._any_of),
            ("oneOf", self._one_of),
            ("not", self._not),
            ("if", lambda v: self._if(node)),
            ("then", lambda v: lambda x: True),
            ("else", lambda v: lambda x: True),
        )

    def _ref(self, ref: str) -> Check:
        if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
            raise Unsupported(f"$ref {ref!r}")  # other documents, anchors
        if ref not in self.refs:
            target = self.root
            for part in [p for p in ref[1:].split("/") if p]:
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    raise Unsupported(f"$ref {ref!r}")
                target = target[part]
            compiled: list[Check] = []
            self.refs[ref] = lambda x: compiled[0](x)  # allows recursive references
            compiled.append(self.compile(target))
            self.refs[ref] = compiled[0]
        return self.refs[ref]

    def _type(self, kind) -> Check:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        if not kinds or any(k not in _TYPES for k in kinds):
            raise Unsupported(f"type {kind!r}")
        tests = tuple(_TYPES[k] for k in kinds)
        if len(tests) == 1:
            return tests[0]
        return lambda x: any(t(x) for t in tests)

    def _const(self, value) -> Check:
        if isinstance(value, str):
            return lambda x: isinstance(x, str) and x == value
        return lambda x: _equal(x, value)

    def _enum(self, values) -> Check:
        if not isinstance(values, list):
            raise Unsupported("enum")
        if all(isinstance(v, str) for v in values):
            allowed = frozenset(values)
            return lambda x: isinstance(x, str) and x in allowed
        return lambda x: any(_equal(x, v) for v in values)

    def _object(self, node) -> Check:
        props = node.get("properties", {})
        if not isinstance(props, dict):
            raise Unsupported("properties")
        table = {name: self.compile(sub) for name, sub in props.items()}
        extra = node.get("additionalProperties", True)
        extra_check = None if extra is True else self.compile(extra)

        def check(x):
            if not isinstance(x, dict):
                return True
            for key, value in x.items():
                sub = table.get(key)
                if sub is None:
                    if extra_check is not None and not extra_check(value):
                        return False
                elif not sub(value):
                    return False
            return True

        return check

    def _required(self, names) -> Check:
        names = frozenset(names)
        return lambda x: not isinstance(x, dict) or x.keys() >= names

    def _items(self, sub) -> Check:
        if not isinstance(sub, (dict, bool)):
            raise Unsupported("items as a list")
        each = self.compile(sub)

        def check(x):
            if isinstance(x, list):
                for item in x:
                    if not each(item):
                        return False
            return True

        return check

    def _pattern(self, pattern: str) -> Check:
        search = re.compile(pattern).search
        return lambda x: not isinstance(x, str) or search(x) is not None

    def _format(self, name: str) -> Check:
        if name not in _FORMATS:
            raise Unsupported(f"format {name!r}")
        return _FORMATS[name]

    def _any_of(self, subs) -> Check:
        checks = tuple(self.compile(s) for s in subs)
        return lambda x: any(c(x) for c in checks)

    def _one_of(self, subs) -> Check:
        consts = [s["const"] for s in subs if _only_const(s)]
        if len(consts) == len(subs) and all(isinstance(c, str) for c in consts) and len(set(consts)) == len(consts):
            allowed = frozenset(consts)  # distinct text constants: exactly one matches iff any does
            return lambda x: isinstance(x, str) and x in allowed
        checks = tuple(self.compile(s) for s in subs)

        def check(x):
            matched = 0
            for c in checks:
                if c(x):
                    matched += 1
                    if matched > 1:
                        return False
            return matched == 1

        return check

    def _not(self, sub) -> Check:
        inner = self.compile(sub)
        return lambda x: not inner(x)

    def _if(self, node) -> Check:
        test = self.compile(node["if"])
        then = self.compile(node.get("then", True))
        other = self.compile(node.get("else", True))
        return lambda x: then(x) if test(x) else other(x)


def is_valid(data) -> bool:
    """True only when ``data`` is a valid case (False: ask jsonschema)."""
    return _passes(case_check(), data)


@functools.lru_cache(maxsize=1)
def _member_checks() -> dict:
    from ..schema import schema

    root = schema()
    if case_check() is None:
        return {}
    compiler = _Compiler(root)
    return {name: compiler.compile(sub) for name, sub in root.get("properties", {}).items()}


def passing_members(data) -> set:
    """The top-level keys of a case whose values are valid against their
    ``properties`` subschema: jsonschema's walk can skip them, it would find nothing."""
    if not isinstance(data, dict):
        return set()
    checks = _member_checks()
    return {key for key, value in data.items() if key in checks and _passes(checks[key], value)}


def _passes(check: Check | None, value) -> bool:
    if check is None:
        return False
    try:
        return check(value)
    except (_Unsure, RecursionError, TypeError):
        return False
