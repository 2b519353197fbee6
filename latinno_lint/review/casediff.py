"""What a change does to the cases: the parsed data of two versions of a
dataset compared case by case and field by field.

The data is compared, never the text: a comment, a quoting style or a layout
change is no change. Cases are matched by ``id``, then the ones left by
``latinno_id`` (the latinno.net number), so a renamed or moved file is one
case ``moved``, not one ``removed`` and one ``added``. A case's fields are
compared as dotted paths (``institutional_design.frequency``); a list (means,
ends, sources) is one value, its change one change from the old list to the
new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("added", "removed", "moved", "changed")
_MISSING = object()


@dataclass(frozen=True)
class Change:
    """One field of a case, from ``old`` to ``new`` (None: absent on that side)."""

    field: str
    old: object
    new: object

    def as_dict(self) -> dict:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class CaseDiff:
    """One case that a change touched. ``path`` is where it is after the change
    (None when removed), ``old_path`` where it was (None when added)."""

    id: object
    status: str
    path: str | None
    old_path: str | None
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"id": self.id, "status": self.status, "path": self.path, "old_path": self.old_path, "changes": [c.as_dict() for c in self.changes]}


def is_case(data: object) -> bool:
    """Whether parsed data is a case that can be compared: a mapping."""
    return isinstance(data, dict)


def _id(data: dict) -> str | None:
    ident = data.get("id")
    return ident if isinstance(ident, str) and ident else None


def _number(data: dict) -> int | None:
    number = data.get("latinno_id")
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def match(old: dict[str, object], new: dict[str, object]) -> list[tuple[str, str]]:
    """Pairs ``(old path, new path)`` of the same case: by ``id``, then, among
    the cases left, by ``latinno_id``. Each case is in one pair at most; of
    several with one id, they pair in the order of their paths (a path kept
    pairs first)."""
    old_cases = {p: d for p, d in sorted(old.items()) if isinstance(d, dict)}
    new_cases = {p: d for p, d in sorted(new.items()) if isinstance(d, dict)}
    pairs: list[tuple[str, str]] = []
    for key in (_id, _number):
        waiting: dict[object, list[str]] = {}
        for path, data in new_cases.items():
            value = key(data)
            if value is not None:
                waiting.setdefault(value, []).append(path)
        for path, data in list(old_cases.items()):
            value = key(data)
            candidates = waiting.get(value) if value is not None else None
            if not candidates:
                continue
            partner = path if path in candidates else candidates[0]
            candidates.remove(partner)
            pairs.append((path, partner))
            del old_cases[path], new_cases[partner]
    return sorted(pairs, key=lambda pair: pair[1])


def changes(old: object, new: object, prefix: str = "") -> list[Change]:
    """The fields that differ between two cases, as dotted paths, in the order
    of the new case's keys then the old one's. A mapping is compared key by
    key; anything else (a list, text, a number) is one value."""
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for key in list(new) + [k for k in old if k not in new]:
            name = f"{prefix}.{key}" if prefix else str(key)
            found += changes(old.get(key, _MISSING), new.get(key, _MISSING), name)
        return found
    if _same(old, new):
        return []
    return [Change(prefix, None if old is _MISSING else old, None if new is _MISSING else new)]


def _same(old: object, new: object) -> bool:
    # True == 1 in Python, but not in a case: `true` and `1` are different values
    if type(old) is not type(new):
        return False
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    return bool(old == new) or (old != old and new != new)  # NaN is NaN


def compare(old: dict[str, object], new: dict[str, object]) -> list[CaseDiff]:
    """The cases that differ between two versions of a dataset, each given as
    ``{path: parsed data}`` (data that is not a mapping is no case and left out):
    moved and changed cases first, in the order of their new paths, then the
    added, then the removed. Unchanged cases are left out."""
    pairs = match(old, new)
    paired_old = {o for o, _n in pairs}
    paired_new = {n for _o, n in pairs}
    found = []
    for old_path, new_path in pairs:
        before, after = old[old_path], new[new_path]
        assert isinstance(before, dict) and isinstance(after, dict)
        edits = changes(before, after)
        if old_path != new_path:
            found.append(CaseDiff(_id(after) or _id(before), "moved", new_path, old_path, edits))
        elif edits:
            found.append(CaseDiff(_id(after) or _id(before), "changed", new_path, old_path, edits))
    for path, data in sorted(new.items()):
        if isinstance(data, dict) and path not in paired_new:
            found.append(CaseDiff(_id(data), "added", path, None))
    for path, data in sorted(old.items()):
        if isinstance(data, dict) and path not in paired_old:
            found.append(CaseDiff(_id(data), "removed", None, path))
    return found
