"""Canonical case-file text: keys in schema order, codes as flow lists, long
text folded at 80 columns, and the editor modeline that points at the schema.
The importer writes cases this way; a round trip through the YAML loader must
give back exactly the data that was written (checked for every value)."""

from __future__ import annotations

import textwrap

import yaml

from ..lint.fix import flow, render_scalar
from ..vocabulary import field_order

WIDTH = 80
MODELINE = "# yaml-language-server: $schema=../../schema/case.schema.json"


def dump(case: dict, *, modeline: str | None = MODELINE) -> str:
    """YAML text for a case dict (keys the schema does not know come last)."""
    lines = [modeline] if modeline else []
    order = field_order()
    keys = sorted(case, key=lambda k: order.index(k) if k in order else len(order))
    for key in keys:
        lines.extend(_member(key, case[key], 0))
    return "\n".join(lines) + "\n"


def member(key: str, value, indent: int = 0) -> list[str]:
    """The lines of one ``key: value`` member at ``indent`` spaces, as dump() writes them."""
    return _member(key, value, indent)


def _member(key: str, value, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        out = [f"{pad}{key}:"]
        for k, v in value.items():
            out.extend(_member(k, v, indent + 2))
        return out
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            inline = "[" + ", ".join(render_scalar(v) for v in value) + "]"
            if len(pad) + len(key) + 2 + len(inline) <= WIDTH + 20:
                return [f"{pad}{key}: {inline}"]
            return [f"{pad}{key}:"] + [f"{pad}  - {render_scalar(v)}" for v in value]
        out = [f"{pad}{key}:"]
        for item in value:
            if isinstance(item, dict):
                first = True
                for k, v in item.items():
                    member = _member(k, v, indent + 4)
                    if first:
                        member[0] = f"{pad}  - " + member[0].lstrip()
                        first = False
                    out.extend(member)
            else:
                out.append(f"{pad}  - {flow(item)}")
        return out
    return [f"{pad}{key}: {_scalar(value, indent)}"]


def _scalar(value, indent: int) -> str:
    if not isinstance(value, str) or len(value) + indent <= WIDTH - 10:
        return render_scalar(value)
    folded = _folded(value, indent + 2)
    if folded is not None:
        return folded
    return flow(value)


def _folded(text: str, indent: int) -> str | None:
    pad = " " * indent
    body = []
    for i, paragraph in enumerate(text.split("\n")):
        if i:
            body.append("")
        body.extend(textwrap.wrap(paragraph, WIDTH - indent, break_long_words=False, break_on_hyphens=False))
    rendered = ">-\n" + "\n".join(pad + line if line else "" for line in body)
    try:
        if yaml.safe_load("k: " + rendered) != {"k": text}:
            return None
    except yaml.YAMLError:
        return None
    return rendered
