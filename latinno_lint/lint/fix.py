"""Safe fixes as text edits: the value at a JSON pointer is replaced in place,
so comments, key order and formatting elsewhere survive. Every result is
parsed again and compared with the intended data before it is used."""

from __future__ import annotations

import copy
import difflib
import json
import os
import re

import yaml

from ..finding import UNPRINTABLE, escape
from .source import Document, join_pointer, parse_text, reads_as_text_everywhere, split_pointer
from .suppress import comment_positions

_STR = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|[\s]$|: |\s#|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|:$")
# YAML may not hold these raw (DEL, C1 controls, non-characters) or reads them as line breaks (NEL, U+2028/9)
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_floats = yaml.representer.SafeRepresenter()


def render_scalar(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        return _floats.represent_float(value).value  # str() gives 'inf' and '1e+300', which YAML 1.1 reads as text
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text and not _PLAIN_UNSAFE.search(text) and reads_as_text_everywhere(text) and _resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR:
        return text
    return flow(text)


def flow(value) -> str:
    """JSON text for ``value`` that YAML reads back as the same value: a
    double-quoted string or a flow collection."""
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def newline_of(text: str) -> str:
    """The line break a file uses: CRLF, CR alone or LF."""
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text else "\n"


def _render_item(value) -> str:
    return render_scalar(value) if not isinstance(value, (list, dict)) else flow(value)


def render(value, node, newline: str = "\n") -> str:
    """YAML text for ``value``, in the style of the node it replaces."""
    if not isinstance(value, list):
        return render_scalar(value)
    items = [_render_item(v) for v in value]
    if _is_block_list(node):
        indent = " " * node.start_mark.column
        return (newline + indent).join(f"- {item}" for item in items)
    return "[" + ", ".join(items) + "]"


def _is_block_list(node) -> bool:
    return isinstance(node, yaml.SequenceNode) and not node.flow_style and bool(node.value)


def edits(doc: Document, fixes) -> list:
    """Non-overlapping text edits ``(start, end, replacement, pointer, value)``
    for ``(pointer, value)`` fixes, in order. A fix that would delete a comment
    is left out: fixes never lose what a person wrote beside the data."""
    newline = newline_of(doc.text)
    result = []
    for pointer, value in fixes:
        node, _key, exact = doc.node_at(pointer)
        if not exact or node is None:
            continue
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            continue  # block scalars are left alone: rewriting them would change their layout
        edit = _list_edit(doc, node, pointer, value, newline) if _is_block_list(node) and isinstance(value, list) else None
        if edit is None:
            start = node.start_mark.index
            end = node.value[-1].end_mark.index if _is_block_list(node) else node.end_mark.index
            if start == end or comment_positions(doc.text, node, start, end):
                continue  # nothing written there to replace, or a comment would be lost
            edit = (start, end, render(value, node, newline))
        if edit:
            result.append((*edit, pointer, value))
    result.sort(key=lambda e: (e[0], e[1]))
    kept, last_end = [], -1
    for edit in result:
        if edit[0] >= last_end:
            kept.append(edit)
            last_end = edit[1]
    return kept


def _list_edit(doc: Document, node, pointer: str, value: list, newline: str):
    """Rewrite a block list item by item: each kept item keeps its own lines
    (and the comments on and below them) byte for byte, so dropping duplicates
    or reordering loses nothing. Returns (start, end, text), False when the fix
    is unsafe, or None when the list is not laid out one '- item' per line."""
    text = doc.text
    old = _value_at(doc.data, pointer)
    if not isinstance(old, list) or len(old) != len(node.value):
        return None
    starts = []
    for item in node.value:
        line_start = _line_start(text, item.start_mark.index)
        if not isinstance(item, yaml.ScalarNode) or text[line_start : item.start_mark.index].strip() != "-":
            return None
        starts.append(line_start)
    last = node.value[-1].end_mark.index
    end = _line_end(text, last)
    chunks = [text[a:b] for a, b in zip(starts, starts[1:] + [end])]
    chunks = [_strip_break(chunk) for chunk in chunks]
    unused = list(range(len(old)))
    lines, indent = [], text[starts[0] : node.value[0].start_mark.index].split("-")[0]
    for new in value:
        match = next((i for i in unused if same(old[i], new)), None)
        if match is None:
            lines.append(f"{indent}- {_render_item(new)}")
        else:
            unused.remove(match)
            lines.append(chunks[match])
    if any(comment_positions(text, node.value[i], starts[i], starts[i] + len(chunks[i])) for i in unused):
        return False  # an item that would go has a comment
    return starts[0], end, newline.join(lines)


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _line_end(text: str, index: int) -> int:
    ends = [i for i in (text.find("\n", index), text.find("\r", index)) if i != -1]
    return min(ends) if ends else len(text)


def _strip_break(chunk: str) -> str:
    return chunk[:-2] if chunk.endswith("\r\n") else chunk[:-1] if chunk.endswith(("\n", "\r")) else chunk


def _value_at(data, pointer: str):
    for part in split_pointer(pointer):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def same(a, b) -> bool:
    """Equal values of the same types (True is not 1, "1" is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


def apply(text: str, text_edits) -> str:
    for start, end, replacement, *_ in reversed(text_edits):
        text = text[:start] + replacement + text[end:]
    return text


def can_edit(doc: Document, pointer: str, value) -> bool:
    """Whether the fix alone can be written as a safe edit (so the finding may say [*])."""
    return bool(edits(doc, [(pointer, value)]))


def unified_diff(old: str, new: str, path: str) -> str:
    """A unified diff, with git's marker for a last line without a line break.
    The path, and any control or bidi character of a line but its tabs and line
    break, are escaped (finding.escape): the diff shows them, never acts on them."""
    out = []
    path = escape(path)
    for line in difflib.unified_diff(_LINES.findall(old), _LINES.findall(new), f"a/{path}", f"b/{path}"):
        body = line.rstrip("\r\n")
        if UNPRINTABLE.search(body):
            line = "\t".join(map(escape, body.split("\t"))) + line[len(body) :]
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def fixed(doc: Document, fixes) -> Document | None:
    """The document with as many ``(pointer, value)`` fixes applied as is safe, or None.

    A result is kept only when it parses as well as before and means exactly
    the old data with the fixed values in place (same keys in the same order,
    same types): a rendering mistake can never change or break a case. When
    the edits together fail, each is tried alone."""
    planned = edits(doc, fixes)
    if not planned:
        return None
    result = _checked(doc, planned)
    if result is not None or len(planned) == 1:
        return result
    for edit in planned:
        result = _checked(doc, [edit])
        if result is not None:
            return result  # the caller's next round plans the rest again
    return None


def _checked(doc: Document, planned) -> Document | None:
    candidate = parse_text(apply(doc.text, planned))
    if not candidate.ok or len(candidate.problems) > len(doc.problems):
        return None
    expected = copy.deepcopy(doc.data)
    for *_span, pointer, value in planned:
        parts = split_pointer(pointer)
        parent = _value_at(expected, join_pointer(parts[:-1]))
        parent[int(parts[-1]) if isinstance(parent, list) else parts[-1]] = value
    if not same(candidate.data, expected):
        return None
    candidate.bom = doc.bom
    return candidate


class ChangedError(Exception):
    """The file no longer holds what was checked: replacing it would lose that change."""


def write_atomic(path, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data``: a temporary file in the same folder, fsync,
    then rename, keeping the file's mode. A crash leaves the old or the new file.
    With ``expected``, raise ChangedError (and write nothing) unless the file
    still holds exactly that just before the rename."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    import tempfile  # only when writing: it costs a check run ~5 ms to import

    fd, tmp = tempfile.mkstemp(prefix=".latinno-lint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if expected is not None:
            with open(path, "rb") as current:
                if current.read(len(expected) + 1) != expected:
                    raise ChangedError(path)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
