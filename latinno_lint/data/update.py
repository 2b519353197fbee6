"""Apply a table's values to an existing case file as minimal text edits.

``plan(doc, row_data, covered)`` works out what the file should hold (its data
with the values of the columns the table has put in, keys the table has no
column for left as they are) and the text edits that get it there:

* a value that changed is replaced in place, as ``--fix`` replaces one
  (latinno_lint.lint.fix.edits: the quoting and layout of the node it replaces,
  lists item by item so that the comments of kept items stay);
* where that cannot be done in place (a folded description, a list of
  sources), the member's lines are written again as the importer writes them;
* a key the table adds is inserted after the key that comes before it in the
  schema's order, with the indentation of its neighbours;
* a key whose cells were emptied is removed with its lines.

Everything else, comments, suppressions, key order and quoting, stays byte for
byte. An edit that would remove a comment is not made: the file is left as it
is and the plan says why. The result is parsed again and must hold exactly
the data worked out, or nothing is written. Nothing here prints or writes.
"""

from __future__ import annotations

import itertools

from ..finding import show
from ..lint import fix
from ..lint.source import Document, join_pointer, parse_text
from ..lint.suppress import comment_positions
from ..vocabulary import field_order
from .writer import member

DESIGN = "institutional_design"
_MISSING = object()


class Plan:
    """What applying a row to a file gives: the new ``text`` (None when nothing
    changes or it cannot be done), the ``changes`` ((pointer, old, new), old or
    new None when absent) and, when it cannot be done, the ``problem``."""

    def __init__(self, text=None, changes=(), problem: str = ""):
        self.text = text
        self.changes = list(changes)
        self.problem = problem


def covered(names) -> set:
    """The key paths (1 or 2 keys) that the columns named in a table set."""
    from .export import columns

    found = set()
    for column in columns():
        if column.name not in names or column.kind == "path":
            continue
        if column.keys[0] == DESIGN:
            found.add(column.keys[:2])
        elif column.parent is not None and column.parent.children and column.field is not None:
            found.add((column.keys[0], column.field.name))
        else:
            found.add(column.keys[:1])
    return found


def _rank(keys: list):
    def rank(key):
        return keys.index(key) if key in keys else len(keys)

    return rank


def _place(data: dict, key, value, order: list) -> dict:
    """``data`` with ``key`` set to ``value``: in its place if it is there, else
    after the last key that comes before it in ``order``."""
    if key in data:
        return {k: (value if k == key else v) for k, v in data.items()}
    rank = _rank(order)
    items = list(data.items())
    at = 0
    for i, (k, _v) in enumerate(items):
        if rank(k) < rank(key):
            at = i + 1
    items.insert(at, (key, value))
    return dict(items)


def _same_codes(old, new) -> bool:
    """The same items in another order: the file's order is kept (LAT307 speaks of order)."""
    return isinstance(old, list) and isinstance(new, list) and len(old) == len(new) and all(not isinstance(v, (dict, list)) for v in old + new) and sorted(map(repr, old)) == sorted(map(repr, new))


def target(old: dict, new: dict, keys: set) -> dict:
    """What the file should hold: ``old`` with the values ``new`` gives for the
    covered ``keys`` (a key left empty in ``new`` is removed)."""
    from .codebook import fields

    order = field_order()
    children = {f.name: [c.name for c in f.children] for f in fields()}
    result = dict(old)
    for top in sorted({k[0] for k in keys}, key=_rank(order)):
        inner = {k[1] for k in keys if len(k) == 2 and k[0] == top}
        value = new.get(top, _MISSING)
        if inner and top == DESIGN:
            merged = dict(old[top]) if isinstance(old.get(top), dict) else {}
            for child in sorted(inner, key=_rank(children[top])):
                if isinstance(value, dict) and child in value:
                    kept = merged.get(child, _MISSING)
                    merged = _place(merged, child, kept if _same_codes(kept, value[child]) else value[child], children[top])
                else:
                    merged.pop(child, None)
            value = merged or _MISSING
        elif inner and inner != set(children[top]) and isinstance(old.get(top), list) and value is not _MISSING:
            # some columns of a list of entries: the others keep the file's values, item by item
            olds = old[top]
            value = [{k: v for k, v in {**(olds[i] if i < len(olds) and isinstance(olds[i], dict) else {}), **item}.items() if k in item or k not in inner} for i, item in enumerate(value)]
            value = [dict(sorted(item.items(), key=lambda kv: _rank(children[top])(kv[0]))) for item in value]
        if value is _MISSING:
            result.pop(top, None)
        else:
            kept = result.get(top, _MISSING)
            result = _place(result, top, kept if _same_codes(kept, value) else value, order)
    return result


def changes(old: dict, new: dict) -> list:
    """(pointer, old, new) for each key (and institutional-design key) that differs."""
    found = []
    for key in list(new) + [k for k in old if k not in new]:
        a, b = old.get(key), new.get(key)
        if key == DESIGN and isinstance(a, dict) and isinstance(b, dict):
            found += [(f"/{key}{p}", x, y) for p, x, y in changes(a, b)]
        elif not fix.same(a, b):
            found.append((join_pointer([key]), a, b))
    return found


def _show(value) -> str:
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "[" + ", ".join(v if isinstance(v, str) and v.isprintable() and "," not in v else show(v) for v in value) + "]"
    if isinstance(value, list):
        return f"{len(value)} entr{'y' if len(value) == 1 else 'ies'}"
    return show(value)


def describe(change) -> str:
    """A change as one line: 'institutional_design/frequency: 'sporadic' -> 'regular''."""
    pointer, old, new = change
    if old is None:
        return f"{pointer[1:]}: added {_show(new)}"
    if new is None:
        return f"{pointer[1:]}: removed (was {_show(old)})"
    return f"{pointer[1:]}: {_show(old)} -> {_show(new)}"


# Text edits ------------------------------------------------------------------


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _member_span(text: str, key, value) -> tuple[int, int]:
    """From the start of the key's line to the end of the value's last line (its line break included)."""
    start = _line_start(text, key.start_mark.index)
    end = value.end_mark.index
    if end > 0 and text[end - 1] in "\r\n":
        return start, end
    for i in range(end, len(text)):
        if text[i] in "\r\n":
            return start, i + (2 if text[i : i + 2] == "\r\n" else 1)
    return start, len(text)


class _Refused(Exception):
    pass


def _lines(key: str, value, indent: int, newline: str) -> str:
    return newline.join(member(key, value, indent)) + newline


def _mapping_edits(doc: Document, node, old: dict, new: dict, prefix: tuple, newline: str, edits: list) -> None:
    text = doc.text
    members = {k.value: (k, v) for k, v in node.value}
    indent = node.value[0][0].start_mark.column if node.value else 0
    anchor = None  # where the next inserted key goes: after the last key kept
    first_kept = next((k for k in new if k in members), None)
    for key, value in new.items():
        pointer = join_pointer((*prefix, key))
        if key not in members:
            if anchor is None:
                at = _member_span(text, *members[first_kept])[0] if first_kept is not None else len(text)
            else:
                at = anchor
            lead = newline if at == len(text) and text and text[-1] not in "\r\n" else ""
            edits.append((at, at, lead + _lines(key, value, indent, newline)))
            continue
        key_node, value_node = members[key]
        anchor = _member_span(text, key_node, value_node)[1]
        was = old.get(key, _MISSING)
        if fix.same(was, value):
            continue
        if key == DESIGN and not prefix and isinstance(was, dict) and isinstance(value, dict) and value_node.tag.endswith(":map") and value_node.value and not value_node.flow_style:
            _mapping_edits(doc, value_node, was, value, (key,), newline, edits)
            continue
        if not isinstance(value, dict) and not (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
            planned = fix.edits(doc, [(pointer, value)])
            if planned:
                edits.extend((s, e, r) for s, e, r, *_rest in planned)
                continue
        edits.append(_rewrite(text, key_node, value_node, key, value, indent, newline))
    for key, (key_node, value_node) in members.items():
        if key not in new:
            start, end = _member_span(text, key_node, value_node)
            if comment_positions(text, value_node, start, end):
                raise _Refused(f"{join_pointer((*prefix, key))[1:]} has a comment, which removing it would lose")
            edits.append((start, end, ""))


def _rewrite(text: str, key_node, value_node, key: str, value, indent: int, newline: str) -> tuple:
    start, end = _member_span(text, key_node, value_node)
    if comment_positions(text, value_node, start, end):
        raise _Refused(f"{key} has a comment, which writing its new value would lose")
    return start, end, _lines(key, value, indent, newline)


def plan(doc: Document, row: dict, keys: set) -> Plan:
    """The plan for applying a row's case data (for the ``keys`` its table covers) to a parsed case file."""
    if not doc.ok or not isinstance(doc.data, dict) or not hasattr(doc.root, "value") or not doc.root.tag.endswith(":map"):
        return Plan(problem="it cannot be read as a case (check it with latinno-lint check), so it was not updated")
    old = doc.data
    new = target(old, row, keys)
    found = changes(old, new)
    if not found:
        return Plan()
    edits: list = []
    try:
        _mapping_edits(doc, doc.root, old, new, (), fix.newline_of(doc.text), edits)
    except _Refused as exc:
        return Plan(changes=found, problem=f"not updated: {exc}; make this change in the file by hand")
    edits.sort(key=lambda e: (e[0], e[1]))
    for (_s1, e1, _r1), (s2, _e2, _r2) in itertools.pairwise(edits):
        if s2 < e1:
            return Plan(changes=found, problem="not updated: two changes touch the same lines; make them in the file by hand")
    text = doc.text
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    result = parse_text(text)
    if not result.ok or len(result.problems) > len(doc.problems) or not fix.same(result.data, new):
        return Plan(changes=found, problem="not updated: the edited file would not read back as the table's values; make the change in the file by hand (please report this)")
    return Plan(text, found)
