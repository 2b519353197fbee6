"""What changed between two versions of the case schema, and what version bump
that needs (docs/format.md, "Versions of the case-file format").

``diff(old, new)`` compares the outlines (:mod:`latinno_lint.versions.outline`) of two
schema dicts and gives a list of :class:`Change`; each has a kind, the JSON
pointer of the field in a case, a bump and a message. The bump of a kind is
looked up in BUMPS; a kind not listed there counts as major, so a change this
module does not know how to judge is never under-classified.

A change to a field's ``pattern``, or to the ``pattern`` of a ``not`` beside it
(what the field accepts is the strings the first matches and the second does
not), is a widening (minor) only when it is proved: both versions are turned
into automata with ECMA-262's meaning (:mod:`latinno_lint.versions.patterns`,
which says why it is our own code and not a library) and no string the old
version accepts is refused by the new one. A narrowing names a value that was
accepted and no longer is; a pattern the automata cannot read (a
back-reference, a lookahead, ...) is major with the reason.

Nothing here prints or reads files: the command is cli/schema_cmd.py.
"""

from __future__ import annotations

import re
from collections import namedtuple

from .outline import ITEM, LOWER_BOUNDS, NOT_PATTERN, UPPER_BOUNDS, Field, key, outline

ORDER = ("none", "patch", "minor", "major")

BUMPS = {
    # codes
    "code-added": "minor",
    "code-deprecated": "minor",
    "code-undeprecated": "minor",
    "code-replacement-changed": "minor",
    "code-order-changed": "minor",
    "code-removed": "major",
    "code-renamed": "major",
    "codes-introduced": "major",
    "codes-dropped": "minor",
    "code-label-changed": "patch",
    "code-definition-changed": "patch",
    "code-labels-changed": "patch",
    "code-variants-changed": "patch",
    # keys
    "key-added": "minor",
    "key-added-required": "major",
    "key-removed": "major",
    "key-required": "major",
    "key-optional": "minor",
    "key-deprecated": "minor",
    "key-undeprecated": "minor",
    # what a value may be
    "type-widened": "minor",
    "type-narrowed": "major",
    "pattern-removed": "minor",
    "pattern-widened": "minor",
    "pattern-added": "major",
    "pattern-changed": "major",
    "format-removed": "minor",
    "format-added": "major",
    "format-changed": "major",
    "range-widened": "minor",
    "range-narrowed": "major",
    "unique-items-dropped": "minor",
    "unique-items-required": "major",
    "other-keys-allowed": "minor",
    "other-keys-refused": "major",
    "definition-added": "minor",
    "definition-removed": "major",
    # texts
    "title-changed": "patch",
    "description-changed": "patch",
    "help-changed": "patch",
    "labels-changed": "patch",
    "annotation-changed": "patch",
    # not listed, hence major: "keyword-changed" (a keyword the outline keeps raw),
    # "code-entry-changed" (a key of a code's entry that is not vocabulary text,
    # such as a country's x-latinno-slug, which names its folder), "items-changed",
    # "schema-id-changed"
}

_TEXT_KINDS = {"title": "title-changed", "description": "description-changed", "x-latinno-help": "help-changed", "x-latinno-labels": "labels-changed"}


class Change(namedtuple("Change", "kind pointer message name subject")):
    """One change. ``name`` is the code or key it is about (for CHANGELOG.md),
    ``subject`` says which: "code", "key" or "" (the schema as a whole)."""

    __slots__ = ()

    @property
    def bump(self) -> str:
        return BUMPS.get(self.kind, "major")

    def as_dict(self) -> dict:
        return {"kind": self.kind, "pointer": self.pointer, "bump": self.bump, "message": self.message}


class Diff(namedtuple("Diff", "old new changes")):
    """Two outlines and the changes between them, in schema order."""

    __slots__ = ()

    @property
    def bump(self) -> str:
        return max((c.bump for c in self.changes), key=ORDER.index, default="none")

    def as_dict(self) -> dict:
        return {"bump": self.bump, "from": self.old.version, "to": self.new.version, "changes": [c.as_dict() for c in self.changes]}


def diff(old: dict, new: dict) -> Diff:
    """The changes from schema dict ``old`` to schema dict ``new``."""
    a, b = outline(old), outline(new)
    changes: list[Change] = []
    if _id_base(a.id) != _id_base(b.id):
        changes.append(Change("schema-id-changed", "", f"$id changed from {a.id!r} to {b.id!r} beyond its version", "", ""))
    for pointer, field in b.fields.items():
        before = a.fields.get(pointer)
        if before is None:
            changes.append(_added(field, b))
        else:
            changes.extend(_field_changes(before, field, b))
    for pointer, field in a.fields.items():
        if pointer not in b.fields:
            if _is_item(pointer):
                changes.append(Change("items-changed", pointer, f"{field.name}: the constraint on list items was removed", _key_name(pointer), "key"))
            else:
                changes.append(Change("key-removed", pointer, f"key {field.name!r} removed", _key_name(pointer), "key"))
    for name in a.definitions:
        if name not in b.definitions:
            changes.append(Change("definition-removed", f"#/$defs/{name}", f"$defs entry {name!r} removed (other schemas may $ref it)", name, "key"))
    for name in b.definitions:
        if name not in a.definitions:
            changes.append(Change("definition-added", f"#/$defs/{name}", f"$defs entry {name!r} added", name, "key"))
    return Diff(a, b, changes)


def _id_base(schema_id: str) -> str:
    return re.sub(r"\d+\.\d+\.\d+$", "", schema_id or "")


def _is_item(pointer: str) -> bool:
    return pointer.rsplit("/", 1)[-1] == ITEM


def _key_name(pointer: str) -> str:
    parts = [p for p in pointer.split("/")[1:] if p != ITEM]
    return parts[-1].replace("~1", "/").replace("~0", "~") if parts else ""


def _parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0]


def _added(field: Field, new) -> Change:
    name = _key_name(field.pointer)
    if _is_item(field.pointer):
        return Change("items-changed", field.pointer, f"{field.name}: list items are now constrained", name, "key")
    parent = new.fields.get(_parent(field.pointer))
    if field.required:
        return Change("key-added-required", field.pointer, f"required key {field.name!r} added: files without it become invalid", name, "key")
    if parent is not None and parent.constraints.get("additionalProperties") is not False:
        # the parent took any other key before: a value there that breaks the new field's rules was valid
        return Change("keyword-changed", field.pointer, f"optional key {field.name!r} added where any key was allowed, with rules of its own", name, "key")
    return Change("key-added", field.pointer, f"optional key {field.name!r} added", name, "key")


def _field_changes(a: Field, b: Field, new) -> list[Change]:
    out: list[Change] = []
    name, where, pointer = _key_name(b.pointer), b.name, b.pointer

    def add(kind, message, subject="key", subject_name=None):
        out.append(Change(kind, pointer, message, name if subject_name is None else subject_name, subject if pointer else ""))

    if a.required != b.required and not _is_item(pointer):
        add("key-required" if b.required else "key-optional", f"key {where!r} is now {'required' if b.required else 'optional'}")
    if a.deprecated != b.deprecated:
        add("key-deprecated" if b.deprecated else "key-undeprecated", f"key {where!r} is {'now' if b.deprecated else 'no longer'} deprecated")
    if a.types != b.types:
        if _types_cover(b.types, a.types):
            add("type-widened", f"{where}: type widened from {_types(a.types)} to {_types(b.types)}")
        else:
            add("type-narrowed", f"{where}: type changed from {_types(a.types)} to {_types(b.types)}")
    _constraint_changes(a, b, add)
    for keyword in sorted(set(a.texts) | set(b.texts), key=lambda k: (k not in _TEXT_KINDS, k)):
        if a.texts.get(keyword) != b.texts.get(keyword):
            kind = _TEXT_KINDS.get(keyword, "annotation-changed")
            add(kind, f"{where}: {keyword} changed" if pointer else f"the schema's {keyword} changed")
    out.extend(_code_changes(a, b))
    for keyword in sorted(set(a.rest) | set(b.rest)):
        if a.rest.get(keyword) != b.rest.get(keyword):
            add("keyword-changed", f"{where}: {keyword!r} changed (not a kind of change this diff knows: counted as major)")
    return out


_NUMBER_TYPES = {"integer", "number"}


def _types_cover(new, old) -> bool:
    """Whether the types ``new`` allow every value the types ``old`` allow."""
    if new is None:
        return True
    if old is None:
        return False
    return all(t in new or (t == "integer" and "number" in new) for t in old)


def _types(types) -> str:
    return "any" if types is None else " or ".join(sorted(types))


def _constraint_changes(a: Field, b: Field, add) -> None:
    where = b.name
    for keyword in (*LOWER_BOUNDS, *UPPER_BOUNDS):
        old, new = a.constraints.get(keyword), b.constraints.get(keyword)
        if old == new and type(old) is type(new):
            continue
        lower = keyword in LOWER_BOUNDS
        if new is None:
            wider = True
        elif old is None or not _number(old) or not _number(new):
            wider = False
        else:
            wider = new < old if lower else new > old
        add("range-widened" if wider else "range-narrowed", f"{where}: {keyword} {_shown(old)} -> {_shown(new)}")
    old, new = (a.constraints.get("pattern"), a.constraints.get(NOT_PATTERN)), (b.constraints.get("pattern"), b.constraints.get(NOT_PATTERN))
    if old != new:
        add(*_pattern_change(where, old, new))
    old, new = a.constraints.get("format"), b.constraints.get("format")
    if old != new:
        kind = "format-removed" if new is None else "format-added" if old is None else "format-changed"
        add(kind, f"{where}: format {_shown(old)} -> {_shown(new)}")
    old, new = a.constraints.get("uniqueItems") is True, b.constraints.get("uniqueItems") is True
    if old != new:
        add("unique-items-required" if new else "unique-items-dropped", f"{where}: repeated items are {'no longer' if new else 'now'} allowed")
    old, new = a.constraints.get("additionalProperties", True), b.constraints.get("additionalProperties", True)
    if old != new:
        add("other-keys-refused" if new is False else "other-keys-allowed", f"{where}: keys not listed in the schema are {'now refused' if new is False else 'now allowed'}")


def _pattern_change(where: str, old: tuple, new: tuple) -> tuple[str, str]:
    """(kind, message) of a change to a field's pattern or its not's pattern, each
    (pattern, not-pattern): the two together say what the field accepts, so a
    widening of both is a widening. Proved with automata (versions/patterns.py):
    a widening when no string the old ones accept is refused by the new ones."""
    from . import patterns  # only here: most diffs change no pattern

    said = "; ".join(f"{name} {_shown(before)} -> {_shown(after)}" for name, before, after in (("pattern", old[0], new[0]), ("not pattern", old[1], new[1])) if before != after)
    if not all(p is None or isinstance(p, str) for p in (*old, *new)):
        return "pattern-changed", f"{where}: {said} (a pattern that is not text cannot be compared: counted as narrowed)"
    if all(after is None or after == before for before, after in zip(old, new)):
        return "pattern-removed", f"{where}: {said}"  # one or both dropped, nothing else changed: wider
    try:
        refused = patterns.excess(old, new)
    except patterns.Unsupported as exc:
        return (
            "pattern-added" if old == (None, None) else "pattern-changed"
        ), f"{where}: {said} (whether every value the old accepted is still accepted cannot be decided: {exc}; counted as narrowed)"
    if refused is None:
        return "pattern-widened", f"{where}: {said} (every value the old accepted is still accepted, proved with automata)"
    return ("pattern-added" if old == (None, None) else "pattern-changed"), f"{where}: {said} (narrowed: {refused!r} was accepted and is now refused)"


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _shown(value) -> str:
    return "none" if value is None else repr(value)


def _code_changes(a: Field, b: Field) -> list[Change]:
    pointer, where = b.pointer, b.name
    if a.codes is None and b.codes is None:
        return []
    if a.codes is None:
        return [Change("codes-introduced", pointer, f"{where} now takes only the codes {_values(b.codes)}", _key_name(pointer), "key")]
    if b.codes is None:
        return [Change("codes-dropped", pointer, f"{where} no longer limits its values to codes", _key_name(pointer), "key")]
    old = {key(c.value): c for c in a.codes}
    new = {key(c.value): c for c in b.codes}
    out = []

    def add(kind, code, message):
        out.append(Change(kind, pointer, f"{where}: code {_code(code)} {message}", _name(code.value), "code"))

    renamed = set()
    for k, code in old.items():
        if k in new:
            continue
        successor = next((c for ck, c in new.items() if ck not in old and (code.value in c.variants or (code.replaced_by is not None and code.replaced_by == c.value))), None)
        if successor is not None:
            renamed.add(key(successor.value))
            add("code-renamed", code, f"renamed to {_code(successor)}: files with the old code become invalid")
        else:
            add("code-removed", code, "removed: files with it become invalid")
    for k, code in new.items():
        if k in old:
            _one_code(old[k], code, add)
            before, after = a.code_rest.get(k, {}), b.code_rest.get(k, {})
            if before != after:
                keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
                add("code-entry-changed", code, f"entry changed in {', '.join(keys)} (not vocabulary text: counted as major)")
        elif k not in renamed:
            add("code-added", code, "added" + (f" ({code.label})" if code.label != str(code.value) else ""))
    common_old = [k for k in old if k in new]
    common_new = [k for k in new if k in old]
    if common_old != common_new:
        out.append(Change("code-order-changed", pointer, f"{where}: the order of the codes changed (vocabulary order, LAT307, and the export's columns follow it)", _key_name(pointer), "key"))
    return out


def _one_code(a, b, add) -> None:
    if a.deprecated != b.deprecated:
        if b.deprecated:
            add("code-deprecated", b, "deprecated" + (f", replaced by {_code(b.replaced_by)}" if b.replaced_by is not None else ", with no replacement"))
        else:
            add("code-undeprecated", b, "no longer deprecated")
    elif b.deprecated and a.replaced_by != b.replaced_by:
        add("code-replacement-changed", b, f"now replaced by {_code(b.replaced_by)}, not {_code(a.replaced_by)}")
    if a.label != b.label:
        add("code-label-changed", b, f"label {a.label!r} -> {b.label!r}")
    if a.definition != b.definition:
        add("code-definition-changed", b, "definition changed")
    if _own_labels(a) != _own_labels(b):
        add("code-labels-changed", b, "labels by language changed")
    if a.variants != b.variants:
        gone = [v for v in a.variants if v not in b.variants]
        came = [v for v in b.variants if v not in a.variants]
        what = "; ".join(p for p in (f"added {came!r}" if came else "", f"removed {gone!r}" if gone else "") if p) or "reordered"
        add("code-variants-changed", b, f"known spellings {what}")


def _own_labels(code) -> dict:
    """A code's labels by language, without the English one its label stands for."""
    return {lang: text for lang, text in code.labels.items() if not (lang == "en" and text == code.label)}


def _code(value) -> str:
    if isinstance(value, tuple) or hasattr(value, "value"):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


def _name(value) -> str:
    """A code as CHANGELOG.md names it: `true`, `e_participation`."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _values(codes) -> str:
    return ", ".join(_code(c) for c in codes)


# Versions ------------------------------------------------------------------

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def parse_version(text) -> tuple | None:
    match = _SEMVER.match(text or "") if isinstance(text, str) else None
    return tuple(int(p) for p in match.groups()) if match else None


def version_bump(old: str | None, new: str | None) -> str | None:
    """The bump from version ``old`` to ``new`` ("major", "minor", "patch",
    "none"), "downgrade" when ``new`` is lower, None when either is not X.Y.Z."""
    a, b = parse_version(old), parse_version(new)
    if a is None or b is None:
        return None
    if b < a:
        return "downgrade"
    if b[0] > a[0]:
        return "major"
    if b[1] > a[1]:
        return "minor"
    return "patch" if b[2] > a[2] else "none"


def version_problems(result: Diff) -> list[str]:
    """Why NEW's version does not fit its changes (empty when it does): the two
    places of the version disagree, a version is missing, or the bump is smaller
    than the changes need."""
    old, new = result.old, result.new
    problems = []
    if new.format_version and new.id_version and new.format_version != new.id_version:
        problems.append(f"the new schema's x-latinno-format-version {new.format_version!r} and the version at the end of its $id {new.id_version!r} disagree")
    if new.version is None:
        problems.append("the new schema has no version (x-latinno-format-version, or X.Y.Z at the end of $id)")
        return problems
    if old.version is None:
        if result.bump != "none":
            problems.append("the old schema has no version to compare with")
        return problems
    actual = version_bump(old.version, new.version)
    needed = result.bump
    if actual is None:
        problems.append(f"versions {old.version!r} and {new.version!r} are not both MAJOR.MINOR.PATCH")
    elif actual == "downgrade":
        problems.append(f"the version goes down, from {old.version} to {new.version}")
    elif ORDER.index(actual) < ORDER.index(needed):
        problems.append(f"the changes need a {needed} version bump, but {old.version} -> {new.version} is {'no bump' if actual == 'none' else 'a ' + actual + ' bump'}")
    return problems


# CHANGELOG.md --------------------------------------------------------------


def newest_section(changelog: str) -> tuple[str, str] | None:
    """(version, text) of the newest '## Format X.Y.Z' section of a changelog."""
    match = re.search(r"^## Format (\S+)[^\n]*\n(.*?)(?=^## |\Z)", changelog, re.M | re.S)
    return (match.group(1), match.group(2)) if match else None


def unnamed(changes, text: str) -> list:
    """The codes and keys of ``changes`` that ``text`` does not name in backticks
    (`e_participation`), in order, each once."""
    named = set(re.findall(r"`([^`\n]+)`", text))
    missing = []
    for change in changes:
        if change.subject and change.name not in named and change.name not in missing:
            missing.append(change.name)
    return missing
