"""Safe fixes as text edits: the value at a JSON pointer is replaced in place,
so comments, key order and formatting elsewhere survive."""
from __future__ import annotations

import json
import os
import re
import tempfile

import yaml

from .source import Document

_STR = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|[\s]$|: |\s#|[\x00-\x1f\x7f\u0085\u2028\u2029]|:$")


def render_scalar(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text and not _PLAIN_UNSAFE.search(text) and _resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR:
        return text
    return json.dumps(text, ensure_ascii=False)


def render(value, node, newline: str = "\n") -> str:
    """YAML text for ``value``, in the style of the node it replaces."""
    if not isinstance(value, list):
        return render_scalar(value)
    items = [render_scalar(v) if not isinstance(v, (list, dict)) else json.dumps(v, ensure_ascii=False) for v in value]
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        indent = " " * node.start_mark.column
        return (newline + indent).join(f"- {item}" for item in items)
    return "[" + ", ".join(items) + "]"


def edits(doc: Document, fixes) -> list:
    """Text edits (start, end, replacement) for ``(pointer, value)`` fixes, in order."""
    newline = "\r\n" if "\r\n" in doc.text else "\n"
    result = []
    for pointer, value in fixes:
        node, _key, exact = doc.node_at(pointer)
        if not exact or node is None:
            continue
        start = node.start_mark.index
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
            end = node.value[-1].end_mark.index
        elif isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            continue  # block scalars are left alone: rewriting them would change their layout
        else:
            end = node.end_mark.index
        result.append((start, end, render(value, node, newline)))
    result.sort()
    kept, last_end = [], -1
    for start, end, text in result:
        if start >= last_end:
            kept.append((start, end, text))
            last_end = end
    return kept


def apply(text: str, text_edits) -> str:
    for start, end, replacement in reversed(text_edits):
        text = text[:start] + replacement + text[end:]
    return text


def write_atomic(path, data: bytes) -> None:
    """Replace ``path`` with ``data``: a temporary file in the same folder, fsync,
    then rename, keeping the file's mode. A crash leaves the old or the new file."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".latinno-lint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
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
