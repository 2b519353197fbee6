"""The fields of a case, read from the schema, and the codebook written from them.

``fields()`` walks the schema's properties in order: every field with its
title, definition, type, codes (from :mod:`latinno_lint.vocabulary` where the
field is a dimension) and sub-fields. The export builds its columns from it;
``markdown()`` turns it into the codebook, listing for each field the rules
that declare it in their ``FIELDS``. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import vocabulary
from ..lint import rules
from ..schema import format_version, schema, schema_id

ITEM = "*"  # the pointer segment that stands for "every item of the list"


@dataclass(frozen=True)
class Field:
    pointer: str  # "/institutional_design/selection"; list items as "/sources/*/url"
    name: str  # the key
    title: str
    labels: dict  # the title by language
    definition: str
    help: str  # the question coders answer (x-latinno-help), if any
    type: str  # JSON type: string, integer, boolean, array, object
    required: bool
    codes: tuple = ()  # vocabulary.Code for a coded value or coded list items
    multiple: bool = False  # a LATINNO dimension coded as a list (one indicator per code)
    items: str = ""  # for a list: the JSON type of its items
    children: tuple = ()  # properties of an object, or of the objects in a list
    constraints: tuple = ()  # (keyword, value) pairs: minimum, maximum, pattern, format, ...
    csv_prefix: str = ""  # an object whose sub-fields' CSV columns are named with this prefix (x-latinno-csv-prefix)

    def title_in(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.title

    @property
    def coded(self) -> bool:
        return bool(self.codes)


_CONSTRAINTS = ("minimum", "maximum", "pattern", "format", "minLength", "maxLength", "minItems", "uniqueItems")


def _resolve(node: dict) -> tuple[dict, str]:
    """A node with its ``$ref`` merged in (local keywords win), and the $defs name."""
    ref = node.get("$ref", "")
    if not ref:
        return node, ""
    name = ref.rsplit("/", 1)[-1]
    target, _ = _resolve(schema()["$defs"][name])
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}, name


def _dimension(name: str):
    try:
        return vocabulary.dimension(name)
    except KeyError:
        return None


def _codes(node: dict, name: str) -> tuple:
    """The codes a value may take: a dimension's, or the constants of its alternatives."""
    dim = _dimension(name) if name else None
    if dim is not None:
        return dim.codes
    found = []
    for alternative in node.get(vocabulary.CODES_KEYWORD, ()):
        alternative, alt_name = _resolve(alternative)
        if "const" in alternative:
            found.append(vocabulary.code_of(alternative))
        else:
            found.extend(_codes(alternative, alt_name))
    return tuple(found)


def _type(node: dict, codes: tuple) -> str:
    if "type" in node:
        return node["type"]
    if codes:
        return "boolean" if isinstance(codes[0].value, bool) else "string"
    return "string"


def _field(key: str, node: dict, parent: str, required: bool) -> Field:
    node, name = _resolve(node)
    pointer = f"{parent}/{key}"
    kind = node.get("type", "")
    items: dict = {}
    item_name, codes, children, multiple = "", (), (), False
    if kind == "array":
        items, item_name = _resolve(node.get("items", {}))
        dim = _dimension(name) if name else None
        codes = dim.codes if dim else _codes(items, item_name)
        multiple = bool(dim and dim.multiple)
        if items.get("type") == "object":
            children = _children(items, f"{pointer}/{ITEM}")
    elif kind == "object":
        children = _children(node, pointer)
    else:
        codes = _codes(node, name)
    return Field(
        pointer=pointer,
        name=key,
        title=node.get("title", key),
        labels=dict(node.get("x-latinno-labels", {})),
        definition=node.get("description", ""),
        help=node.get("x-latinno-help", ""),
        type=_type(node, codes),
        required=required,
        codes=codes,
        multiple=multiple,
        items=_type(items, codes) if kind == "array" else "",
        children=children,
        constraints=tuple((k, node[k]) for k in _CONSTRAINTS if k in node),
        csv_prefix=node.get("x-latinno-csv-prefix", ""),
    )


def _children(node: dict, pointer: str) -> tuple:
    required = set(node.get("required", ()))
    return tuple(_field(k, v, pointer, k in required) for k, v in node.get("properties", {}).items())


def fields() -> list[Field]:
    """The top-level fields of a case, in schema order, each with its sub-fields."""
    return list(_children(schema(), ""))


def walk(items=None):
    """Every field, depth first, parents before their children."""
    for f in fields() if items is None else items:
        yield f
        yield from walk(f.children)


def normal(pointer: str) -> str:
    """A pointer without list indexes or "*": "/sources/0/url" -> "/sources/url"."""
    parts = [p for p in pointer.split("/")[1:] if p not in (ITEM, "-") and not p.isdigit()]
    return "/" + "/".join(parts) if parts else ""


def rules_for(pointer: str) -> list:
    """The rules whose FIELDS name this field (list indexes and '*' ignored)."""
    target = normal(pointer)
    return [r for r in rules.RULES.values() if any(normal(p) == target for p in r.fields)]


# The codebook --------------------------------------------------------------


def _escape(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_RULE_WORDS = {
    "minimum": "at least {}",
    "maximum": "at most {}",
    "minLength": "at least {} character(s)",
    "maxLength": "at most {} characters",
    "pattern": "matches `{}`",
    "format": "format `{}`",
    "minItems": "at least {} item(s)",
    "uniqueItems": "no repeated items",
}


def _deprecation(code) -> str:
    """The note that starts a deprecated code's definition (LAT108 warns where it is used)."""
    if not code.deprecated:
        return ""
    if code.replaced_by is None:
        return "**Deprecated** (no replacement). "
    return f"**Deprecated:** use `{_escape(_value(code.replaced_by))}`. "


def _kind(f: Field) -> str:
    if f.multiple:
        return "multiple choice: a list of one or more codes"
    if f.type == "array" and f.coded:
        return "list of codes"
    if f.coded:
        return "single choice: one code"
    if f.type == "array":
        return f"list of {'entries' if f.children else f.items + 's'}"
    return {"string": "text", "integer": "whole number", "boolean": "true or false", "object": "group of fields"}.get(f.type, f.type)


def _csv_columns(f: Field, columns) -> str:
    names = [c.name for c in columns if c.field is not None and c.field.pointer == f.pointer]
    if not names:
        return ""
    how = {
        "indicator": "`1` when the list holds the code, `0` when not, empty when not coded",
        "joined": "the items joined with `;`",
        "code": "`1` true, `0` false" if f.type == "boolean" else "the code",
    }
    kind = next(c.kind for c in columns if c.name == names[0])
    note = how.get(kind, "") + ("; the labels with `--labels`" if f.coded and kind != "indicator" else "")
    apart = [c.name for c in columns if c.parent is not None and c.parent.csv_prefix and c.field.name == f.name]
    if apart and f.coded:  # uncoded, or not determinable from the sources: the reason's column tells them apart
        note += f"; when empty, `{apart[0]}` holds the reason if it cannot be determined from the sources, and is empty if it is not yet coded"
    return f"- CSV column{'s' if len(names) > 1 else ''}: " + ", ".join(f"`{n}`" for n in names) + (f" ({note})" if note else "")


def _rule_list(head: str, involved: list) -> list[str]:
    if not involved:
        return []
    return [head, *(f"- {r.code} `{r.name}` ({r.severity}): {r.summary}" for r in involved), ""]


def _section(f: Field, lang: str, level: int, columns=()) -> list[str]:
    title = f.title_in(lang)
    lines = [f"{'#' * level} `{f.name}`: {title}", ""]
    if f.definition:
        lines += [f.definition, ""]
    if f.help:
        lines += [f"Coders ask: {f.help}", ""]
    lines += [f"- Where: `{f.pointer}`", f"- Kind: {_kind(f)}", f"- Required: {'yes' if f.required else 'no'}"]
    if f.constraints:
        lines.append("- Constraints: " + "; ".join(_RULE_WORDS[k].format(_value(v)) for k, v in f.constraints))
    csv_line = _csv_columns(f, columns)
    lines += [csv_line, ""] if csv_line else [""]
    if f.coded:
        lines += ["| code | label | definition | other spellings |", "|---|---|---|---|"]
        for c in f.codes:
            variants = ", ".join(_escape(v) for v in c.variants)
            lines.append(f"| `{_value(c.value)}` | {_escape(c.label_in(lang))} | {_deprecation(c)}{_escape(c.definition)} | {variants} |")
        lines.append("")
    lines += _rule_list("Rules that involve it:", rules_for(f.pointer))
    for child in f.children:
        lines += _section(child, lang, min(level + 1, 4), columns)
    return lines


def command(lang: str = "en") -> str:
    """The command that writes the codebook in ``lang``: the English one is
    docs/codebook.md; another language's is not, so its command names no file."""
    return "latinno-lint codebook -o docs/codebook.md" if lang == "en" else f"latinno-lint codebook --lang {lang}"


def markdown(lang: str = "en", *, columns: list) -> str:
    """The codebook of the case-file format, as Markdown. ``columns``: the CSV
    columns each field's entry names (``export.columns()``, which the export
    builds from fields(): the caller brings them, so this module, below the
    export, does not import it)."""
    root = schema()
    table = columns
    lines = [
        f"# LATINNO case codebook (format {format_version()})",
        "",
        f"<!-- Generated from schema/case.schema.json and the rule catalogue by `{command(lang)}`; do not edit by hand. -->",
        "",
        root.get("description", ""),
        "",
        f"Schema: `{schema_id()}`. Labels are shown in `{lang}`; where the schema has no label in that language, the English label is shown.",
        "",
        "Single-choice fields hold one code; multiple-choice fields hold a list of codes without repeats. A dimension the source does not state is left out, never guessed.",
        "",
    ]
    lines += _rule_list("Rules that look at the whole case (every field):", rules_for(""))
    for f in fields():
        lines += _section(f, lang, 2, table)
    return "\n".join(lines).rstrip("\n") + "\n"
