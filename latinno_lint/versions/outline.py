"""A schema as a flat outline: what a case may hold, field by field.

``outline(root)`` reads any case-schema dict (the packaged one or another
version of it) into a normalised view that ``schemadiff`` compares: for every
field, by its JSON pointer in a case (list items as ``/sources/*``), its JSON
types, whether it is required, its constraints (pattern and the pattern of a ``not``, format,
ranges, lengths), its texts (title, description, help, labels), its codes (read by
:mod:`latinno_lint.vocabulary`, the only reader of code entries) and every
keyword this outline does not understand, kept raw so that a change to it is
still seen. The schema's layout ($ref, $defs) does not show: a field reached
through a $ref has the referenced node's keywords, its own winning.
"""

from __future__ import annotations

import re
from collections import namedtuple

from .. import vocabulary

ITEM = "*"  # the pointer segment that stands for every item of a list

# Constraints, by which way a larger value moves: a larger lower bound or a
# smaller upper bound allows less.
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
CONSTRAINTS = (*LOWER_BOUNDS, *UPPER_BOUNDS, "pattern", "format", "uniqueItems", "additionalProperties")
# A `not: {"pattern": ...}` (and nothing else in the not) is a constraint too, kept
# under this name: what a field accepts is what its pattern matches less what
# this one matches, and versions/changes.py compares the two together.
NOT_PATTERN = "not/pattern"
TEXTS = ("title", "description", "x-latinno-help", "x-latinno-labels", "$comment", "examples", "default")
_STRUCTURE = ("$ref", "type", "properties", "required", "items", "deprecated")
_VERSION = re.compile(r"(\d+\.\d+\.\d+)$")


class Field(namedtuple("Field", "pointer types required deprecated constraints texts codes code_rest rest")):
    """One field of the outline. ``types``: a frozenset of JSON types, or None
    for any; ``codes``: a tuple of vocabulary.Code, or None when the field is
    not coded; ``code_rest``: for each code (by ``key(value)``), the keys of its
    entry that a Code does not hold; ``rest``: the node's other keywords."""

    __slots__ = ()

    @property
    def name(self) -> str:
        """The field as people name it: 'institutional_design.frequency', 'sources.url'."""
        return ".".join(p for p in self.pointer.split("/")[1:] if p != ITEM) or "the case"


class Outline(namedtuple("Outline", "format_version id_version id fields definitions")):
    """A schema's versions (``x-latinno-format-version`` and the end of ``$id``),
    its ``$id``, its fields by pointer (the case itself at ""), in schema order,
    and the names of its ``$defs``."""

    __slots__ = ()

    @property
    def version(self) -> str | None:
        return self.format_version or self.id_version


def key(value) -> tuple:
    """A code's identity: its value and its type (true is not 1, "1" is not 1)."""
    return (type(value).__name__, value)


def outline(root: dict) -> Outline:
    """The outline of the case schema ``root``."""
    fields: dict = {}
    _walk(root, root, "", True, fields, ())
    given = root.get("$id")
    schema_id = given if isinstance(given, str) else ""
    match = _VERSION.search(schema_id)
    version = root.get("x-latinno-format-version")
    defs = root.get("$defs")
    return Outline(
        format_version=version if isinstance(version, str) else None,
        id_version=match.group(1) if match else None,
        id=schema_id,
        fields=fields,
        definitions=tuple(defs) if isinstance(defs, dict) else (),
    )


def _resolve(root: dict, node, seen: tuple) -> tuple[dict, tuple]:
    """``node`` with the target of its local ``$ref`` merged in (its own keywords
    win), and the refs followed. A ref this cannot follow stays in the node."""
    if not isinstance(node, dict):
        return {"x-not-an-object": node}, seen
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/") or ref in seen:
        return node, seen
    target = root.get("$defs", {}).get(ref[len("#/$defs/") :])
    if not isinstance(target, dict):
        return node, seen
    target, seen = _resolve(root, target, (*seen, ref))
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}, seen


# Where a node lists its code entries: the vocabulary's keyword, and the others
# the schema has used, so that two versions in different layouts compare code by
# code. Beside the entries, vocabulary.DERIVED (enum, markdownEnumDescriptions)
# repeat the codes for validators and editors; an enum alone lists bare codes.
_CODE_LISTS = ("x-latinno-codes", "oneOf")


def _code_list(node: dict):
    """(keyword, entries) of the list of codes in ``node``, or (None, None)."""
    for keyword in dict.fromkeys((vocabulary.CODES_KEYWORD, *_CODE_LISTS)):
        entries = node.get(keyword)
        if isinstance(entries, list) and entries:
            return keyword, entries
    enum = node.get("enum")
    if isinstance(enum, list) and enum:
        return "enum", [{"const": value} for value in enum]
    return None, None


def _codes(root: dict, node: dict, seen: tuple):
    """(codes, their entries' other keys, the alternatives that are not codes,
    the keyword they are listed under) of a node that lists codes, following
    $refs into $defs; (None, {}, None, None) when it lists none."""
    keyword, alternatives = _code_list(node)
    if keyword is None:
        return None, {}, None, None
    codes, rest, other = [], {}, []
    for alternative in alternatives:
        resolved, seen_here = _resolve(root, alternative, seen)
        if "const" in resolved:
            code = vocabulary.code_of(resolved)
            codes.append(code)
            extra = {k: v for k, v in resolved.items() if k not in vocabulary.CODE_KEYS}
            if extra:
                rest[key(code.value)] = extra
            continue
        inner, inner_rest, inner_other, _ = _codes(root, resolved, seen_here)
        if inner is None or inner_other:
            other.append(alternative)
            continue
        codes.extend(inner)
        rest.update(inner_rest)
    if not codes:
        return None, {}, None, None
    return tuple(codes), rest, other or None, keyword


def _same_values(enum, codes) -> bool:
    return enum is None or (isinstance(enum, list) and [key(v) for v in enum] == [key(c.value) for c in codes])


def _types(node: dict, codes) -> frozenset | None:
    kind = node.get("type")
    if isinstance(kind, str):
        return frozenset([kind])
    if isinstance(kind, list) and all(isinstance(k, str) for k in kind):
        return frozenset(kind)
    if codes:
        return frozenset(
            "boolean" if isinstance(c.value, bool) else "integer" if isinstance(c.value, int) else "number" if isinstance(c.value, float) else "null" if c.value is None else "string" for c in codes
        )
    return None


def _walk(root: dict, node, pointer: str, required: bool, fields: dict, seen: tuple) -> None:
    node, seen = _resolve(root, node, seen)
    codes, code_rest, other, listed = _codes(root, node, seen)
    consumed: set = {listed, *vocabulary.DERIVED} if listed is not None else set()  # the codes, and the same again for editors
    if listed not in (None, "enum") and not _same_values(node.get("enum"), codes):
        consumed.discard("enum")  # an enum that says otherwise than the entries is kept, and compared raw
    negated = node.get("not")
    not_pattern = negated["pattern"] if isinstance(negated, dict) and set(negated) == {"pattern"} and isinstance(negated["pattern"], str) else None
    if not_pattern is not None:
        consumed.add("not")
    rest = {
        k: v
        for k, v in node.items()
        if k not in CONSTRAINTS and k not in TEXTS and k not in _STRUCTURE and not k.startswith("$") and k not in consumed and not (pointer == "" and k == "x-latinno-format-version")
    }
    if other:
        rest[listed] = other
    if isinstance(node.get("$ref"), str):
        rest["$ref"] = node["$ref"]  # a reference this outline cannot follow
    if pointer == "":
        rest.pop("$defs", None)
        rest["$schema"] = node.get("$schema")
    constraints = {k: node[k] for k in CONSTRAINTS if k in node and not isinstance(node[k], dict)}
    if not_pattern is not None:
        constraints[NOT_PATTERN] = not_pattern
    if isinstance(node.get("additionalProperties"), dict):
        rest["additionalProperties"] = node["additionalProperties"]
    fields[pointer] = Field(
        pointer=pointer,
        types=_types(node, codes),
        required=required,
        deprecated=node.get("deprecated") is True,
        constraints=constraints,
        texts={k: node[k] for k in TEXTS if k in node},
        codes=codes,
        code_rest=code_rest,
        rest=rest,
    )
    properties = node.get("properties")
    if isinstance(properties, dict):
        wanted = node.get("required") if isinstance(node.get("required"), list) else ()
        if any(name not in properties for name in wanted):
            rest["required"] = [name for name in wanted if name not in properties]
        for name, sub in properties.items():
            _walk(root, sub, f"{pointer}/{_escape(name)}", name in wanted, fields, seen)
    elif "properties" in node:
        rest["properties"] = node["properties"]
    items = node.get("items")
    if isinstance(items, dict):
        _walk(root, items, f"{pointer}/{ITEM}", True, fields, seen)
    elif "items" in node:
        rest["items"] = items


def _escape(name: str) -> str:
    return str(name).replace("~", "~0").replace("/", "~1")
