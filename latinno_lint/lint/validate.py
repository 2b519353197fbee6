"""Schema errors → hits: a code, a JSON pointer and a plain-language message.

jsonschema stays the reference for what is valid. Its raw messages are
rewritten here so that they name the field, show the bad value, list the
allowed codes (with labels for single choices) and suggest the closest one.
Under oneOf/anyOf only the best-matching sub-error is reported.

``version_hits`` words the plain scalars that YAML 1.1 and YAML 1.2 read
differently (LAT007), with a safe fix where the field's type makes the
intent clear.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from collections.abc import Iterator

from .. import vocabulary
from ..finding import Hit, fixed, show
from ..schema import schema, validator
from . import fastcheck
from .source import join_pointer, split_pointer

UNKNOWN_CODE = "LAT101"
UNKNOWN_KEY = "LAT102"
MISSING_KEY = "LAT103"
WRONG_TYPE = "LAT104"
INVALID_VALUE = "LAT105"
DUPLICATE_ITEM = "LAT106"
COUNTRIES = "LAT107"
IMPLICIT_TYPE = "LAT007"
TYPE_CAUSE = 1  # the cause rank of "not the type wanted": the value's other schema errors are its consequences

_DIGITS = re.compile(r"[0-9]{1,18}")
_GROUPED_DECIMAL = re.compile(r"[-+]?[1-9][0-9_]*")  # 2_016: YAML 1.1 reads 2016, YAML 1.2 text
_YAML11_BOOL_WORDS = frozenset(("yes", "no", "on", "off", "y", "n"))
_READERS_11 = "YAML 1.1 (PyYAML, this linter)"
_READERS_12 = "YAML 1.2 (yaml-language-server in editors, the npm yaml package, ruamel.yaml, Go's yaml.v3)"  # ASCII only: str.isdigit() also accepts '²', which int() refuses
_YAML_TYPE_WORDS = {bool: "boolean", type(None): "null", int: "number", float: "number", datetime.date: "date", datetime.datetime: "date and time"}
_JSON_TYPE_WORDS = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping", "boolean": "true or false", "number": "a number"}


def field_name(pointer: str) -> str:
    parts = split_pointer(pointer)
    return ".".join(parts) if parts else "the file"


def check(data) -> Iterator[Hit]:
    """Validate a case against the schema; yield one hit per problem and place.

    A valid case is recognised by the compiled fast check (latinno_lint.lint.fastcheck);
    jsonschema walks only the cases it does not pass, and words every message."""
    if fastcheck.is_valid(data):
        return
    seen: set[str] = set()
    for error in _walker(data).iter_errors(data):
        for hit in _hits(error, data):
            ident = f"{hit.code}{hit.pointer}"
            if ident not in seen:
                seen.add(ident)
                yield hit


def _walker(data):
    """jsonschema's validator, told to skip the top-level members that the fast
    check passes (it would find no error in them): the same errors, sooner."""
    passing = fastcheck.passing_members(data)
    return _pruned(frozenset(passing)) if passing else validator()


@functools.lru_cache(maxsize=64)
def _pruned(passing: frozenset):
    root = schema()
    properties = {key: True if key in passing else sub for key, sub in root["properties"].items()}
    return validator().evolve(schema={**root, "properties": properties})


def is_valid(data) -> bool:
    return fastcheck.is_valid(data) or validator().is_valid(data)


def _hits(error, data) -> Iterator[Hit]:
    pointer = join_pointer(error.absolute_path)
    kind = error.validator
    dim = _dimension_at(pointer)
    if pointer in ("/country", "/countries") or pointer.startswith("/countries/"):
        if kind in ("oneOf", "anyOf", "const", "enum") or (kind == "type" and not isinstance(error.instance, str)):
            yield _country_hit(pointer, error.instance)
            return
    if kind == "type":
        yield _type_hit(pointer, error.instance, error.validator_value, dim)._replace(cause=TYPE_CAUSE)
    elif kind in ("oneOf", "anyOf", "const", "enum") and dim is not None:
        if dim.name == "co_governance" and not isinstance(error.instance, bool):
            yield _type_hit(pointer, error.instance, "boolean", dim)._replace(cause=TYPE_CAUSE)
        else:
            yield _code_hit(pointer, error.instance, dim)
    elif kind in ("oneOf", "anyOf"):
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        if best is not None:
            yield from _hits(best, data)
    elif kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed keys: {', '.join(allowed)}"
            where = f" in {field_name(pointer)}" if pointer else ""
            yield Hit(f"{pointer}/{key}", f"unknown key '{key}'{where}{hint}", key=True, code=UNKNOWN_KEY)
    elif kind == "required":
        for key in error.validator_value:
            if isinstance(error.instance, dict) and key not in error.instance:
                yield _missing_hit(pointer, key, error)
    elif kind == "not" and error.schema_path and "else" in error.schema_path:
        yield Hit("/countries", f"'countries' is only for transnational cases, but country is {show(data.get('country'))}; remove it or set country to 'transnational'", key=True, code=COUNTRIES)
    elif kind == "uniqueItems":
        yield _duplicate_hit(pointer, error.instance, dim)
    elif kind == "minItems":
        yield Hit(pointer, _min_items_message(pointer, error), code=INVALID_VALUE)
    else:
        yield Hit(pointer, _value_message(pointer, error), code=INVALID_VALUE)


def version_hits(differences, reported: set) -> Iterator[Hit]:
    """One LAT007 hit per plain scalar that YAML 1.1 and 1.2 read differently
    (``source.Difference``), except at the ``reported`` pointers, where the
    schema check already said that the value is not of the type wanted. The fix, where the field's type says what
    was meant: true/false for yes/no/on/off in a boolean field, the digits for
    a grouped number (2_016) in a whole-number field, quotes in a text field."""
    for difference in differences:
        pointer, text, old, new = difference
        if pointer in reported:
            continue
        expected = _type_at(pointer)
        name = field_name(pointer)
        said = f"{name} {show(text)} reads as {_reading(old)} in {_READERS_11} but as {_reading(new)} in {_READERS_12}"
        if expected == "boolean" and isinstance(old, bool) and text.lower() in _YAML11_BOOL_WORDS:
            yield fixed(pointer, f"{said}; write {show(old)}", old)._replace(code=IMPLICIT_TYPE)
        elif expected == "integer" and type(old) is int and _GROUPED_DECIMAL.fullmatch(text):
            write = f"write {old}" if old.bit_length() <= 200 else "write the digits without the '_'"  # not hundreds of them in a message
            yield fixed(pointer, f"{said}; {write}", old)._replace(code=IMPLICIT_TYPE)
        elif expected == "string":
            yield fixed(pointer, f"{said}; put it in quotes", text)._replace(code=IMPLICIT_TYPE)
        else:
            yield Hit(pointer, f"{said}; write it so that both read the same: plain digits, true or false, or quoted text", code=IMPLICIT_TYPE)


def _reading(value) -> str:
    if isinstance(value, str) and value.startswith("tag:yaml.org,2002:"):
        return f"its {value.rsplit(':', 1)[-1]} key (an error as a value)"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {show(value)}"
    if isinstance(value, (int, float)):
        return f"the number {show(value)}"
    return _kind(value)


def _type_at(pointer: str) -> str | None:
    """The JSON type the schema expects at ``pointer`` (for codes, the codes' type), or None."""
    node = schema()
    for part in split_pointer(pointer):
        node = _resolve(node) or node
        if "properties" in node and part in node["properties"]:
            node = node["properties"][part]
        elif "items" in node and part.isdigit():
            node = node["items"]
        else:
            return None
    node = _resolve(node) or node
    if "type" in node:
        return node["type"] if isinstance(node["type"], str) else None
    values = node.get("enum") or [a.get("const") for a in node.get("oneOf", ()) if "const" in a] or [None]
    kinds = {"boolean" if isinstance(v, bool) else "string" if isinstance(v, str) else None for v in values}
    if node.get("oneOf") and any("$ref" in a for a in node["oneOf"]):
        kinds.add("string")  # country: a country code or 'transnational'
    return kinds.pop() if len(kinds) == 1 else None


def _dimension_at(pointer: str):
    by_pointer = vocabulary.by_pointer()
    if pointer in by_pointer:
        return by_pointer[pointer]
    parts = split_pointer(pointer)
    if parts and parts[-1].isdigit():
        parent = by_pointer.get(join_pointer(parts[:-1]))
        if parent is not None and parent.multiple:
            return parent
    if len(parts) == 3 and parts[0] == "related" and parts[2] == "relation":
        return vocabulary.dimension("relation")
    return None


def _allowed(dim, with_labels: bool) -> str:
    """The codes to write: a deprecated one is still read, but not offered (LAT108)."""
    current = [c for c in dim.codes if not c.deprecated]
    if with_labels:
        return ", ".join(f"{c.value} ({c.label})" if c.label != c.value else str(c.value) for c in current)
    return ", ".join(str(c.value) for c in current)


def _code_hit(pointer: str, value, dim) -> Hit:
    noun = f"{dim.title.lower()} code"
    if isinstance(value, str):
        code = dim.match(value)
        if code is not None:
            current = dim.current(code)
            if current is not None and current != code:  # the spelling of a deprecated code: write what replaces it
                return fixed(pointer, f"{show(value)} is a spelling of the deprecated {noun} '{code}', which '{current}' replaces; write '{current}'", current)._replace(code=UNKNOWN_CODE)
            return fixed(pointer, f"{show(value)} is a spelling of the {noun} '{code}'; write the code", code)._replace(code=UNKNOWN_CODE)
        guess = dim.suggest(value)
        hint = f" (did you mean '{guess}'?)" if guess is not None else ""
    else:
        hint = ""
    return Hit(pointer, f"{show(value)} is not a {noun}; expected one of {_allowed(dim, not dim.multiple)}{hint}", code=UNKNOWN_CODE)


def _country_hit(pointer: str, value) -> Hit:
    countries = vocabulary.countries()
    options = "transnational" if pointer == "/country" else ""
    if isinstance(value, str):
        code = countries.match(value)
        if code is not None and code != value:
            return fixed(pointer, f"{show(value)} stands for the country code '{code}'; write the code", code)._replace(code=UNKNOWN_CODE)
    codes = ", ".join(countries.values) + (f", or {options}" if options else "")
    return Hit(pointer, f"{show(value)} is not a LATINNO country code; expected an ISO 3166-1 alpha-2 code of the 18 LATINNO countries ({codes})", code=UNKNOWN_CODE)


def _type_hit(pointer: str, value, expected, dim) -> Hit:
    want = _JSON_TYPE_WORDS.get(expected, expected) if isinstance(expected, str) else " or ".join(expected)
    name = field_name(pointer)
    if expected == "string" and type(value) in _YAML_TYPE_WORDS:
        word = _YAML_TYPE_WORDS[type(value)]
        if value is None:
            return Hit(pointer, f"{name} has no value; write the text, or remove the key when the source does not say (to mean the word null itself, put it in quotes)", code=IMPLICIT_TYPE)
        return Hit(
            pointer, f"{name} was read as a {word} ({show(value)}), not as text: YAML 1.1 reads unquoted yes/no/on/off, null, numbers and dates that way; put the value in quotes", code=IMPLICIT_TYPE
        )
    if dim is not None and dim.multiple and isinstance(value, str):
        codes = dim.split(value)
        if codes:
            return fixed(pointer, f"{name} must be a list of codes, not the text {show(value)}; write [{', '.join(codes)}]", codes)._replace(code=WRONG_TYPE)
        return Hit(pointer, f"{name} must be a list of codes ({_allowed(dim, False)}), not the text {show(value)}", code=WRONG_TYPE)
    if dim is not None and dim.name == "co_governance" and isinstance(value, str):
        code = dim.match(value)
        if code is not None:
            return fixed(pointer, f"{name} must be true or false, not the text {show(value)}; write {show(code)}", code)._replace(code=WRONG_TYPE)
    if expected == "integer" and isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return fixed(pointer, f"{name} must be {want}, not the text {show(value)}; remove the quotes", int(value.strip()))._replace(code=WRONG_TYPE)
    if not pointer:
        return Hit(pointer, f"a case file must be a mapping of keys (id, name, country, ...), but this file holds {_kind(value)}", code=WRONG_TYPE)
    return Hit(pointer, f"{name} must be {want}, but it is {_kind(value)} {show(value) if not isinstance(value, (list, dict)) else ''}".rstrip(), code=WRONG_TYPE)


def _kind(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "empty (null)"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _missing_hit(pointer: str, key: str, error) -> Hit:
    where = f" in {field_name(pointer)}" if pointer else ""
    if error.schema_path and "then" in error.schema_path:
        return Hit(f"{pointer}/{key}", "country is 'transnational', so 'countries' is required: list the two or more LATINNO country codes it takes place in", code=COUNTRIES)
    prop = error.schema.get("properties", {}).get(key, {})
    about = prop.get("description") or _resolve(prop).get("description", "")
    if about and not about[1:2].isupper():  # keep acronyms such as "ISO" as they are
        about = about[0].lower() + about[1:]
    about = f": {about}" if about else ""
    return Hit(f"{pointer}/{key}", f"missing required key '{key}'{where}{about}", code=MISSING_KEY)


def _resolve(prop: dict) -> dict:
    ref = prop.get("$ref", "") if isinstance(prop, dict) else ""
    if ref.startswith("#/$defs/"):
        return schema()["$defs"][ref.rsplit("/", 1)[-1]]
    return {}


def _duplicate_hit(pointer: str, items, dim) -> Hit:
    seen, dupes, unique = [], [], []
    for item in items:
        if item in seen:
            dupes.append(item)
        else:
            seen.append(item)
            unique.append(item)
    listed = ", ".join(show(d) for d in dupes)
    return fixed(pointer, f"{field_name(pointer)} lists {listed} more than once", unique)._replace(code=DUPLICATE_ITEM)


def _min_items_message(pointer: str, error) -> str:
    name = field_name(pointer)
    if error.validator_value == 1:
        return f"{name} is an empty list; list at least one value, or leave the key out when the source does not say"
    return f"{name} must list at least {error.validator_value} items, but lists {len(error.instance)}"


def _value_message(pointer: str, error) -> str:
    name = field_name(pointer)
    value = error.instance
    kind = error.validator
    last = split_pointer(pointer)[-1] if pointer else ""
    if kind in ("pattern", "not"):  # a 'not' holds a pattern the value must not match (the schema's $comment)
        if last == "url" and kind == "not":
            return f"{name} {show(value)} contains white space (a space, tab, line break or the like); a web address has none"
        if last == "id" or pointer.endswith("/id"):
            return f"{name} {show(value)} is not a valid id: use lower-case letters, digits and single hyphens (like 'open-government-action-plan')"
        if last == "url":
            return f"{name} {show(value)} is not a web address; it must start with http:// or https://"
        if last == "accessed":
            return f"{name} {show(value)} is not a date written YYYY-MM-DD"
        return f"{name} {show(value)} must not be blank"
    if kind == "minLength":
        return f"{name} is empty; write the text or leave the key out"
    if kind == "format":
        return f"{name} {show(value)} is not a valid {error.validator_value} (YYYY-MM-DD)"
    if kind == "minimum":
        return f"{name} {show(value)} is below the smallest allowed value {error.validator_value}"
    if kind == "maximum":
        return f"{name} {show(value)} is above the largest allowed value {error.validator_value}"
    if kind == "maxLength":
        return f"{name} is longer than {error.validator_value} characters"
    return f"{name}: {error.message}"
