"""The controlled vocabulary, read from the schema (its only source).

A *dimension* is a ``$defs`` entry whose codes are listed, directly (single
choice) or under ``items`` (a list of codes), in two forms side by side:

- ``x-latinno-codes``: one entry per code, the vocabulary's source. Each code
  has its value (``const``), a label (``title``), a definition
  (``description``), labels by language (``x-latinno-labels``), variant
  spellings (``x-latinno-variants``) and, when it is on its way out,
  ``deprecated: true`` with the code that replaces it
  (``x-latinno-replaced-by``). An entry may instead ``$ref`` a node that lists
  codes (``country`` lists the country codes and ``transnational``).
- ``enum`` and ``markdownEnumDescriptions`` (:data:`DERIVED`): what
  validators and editors read (one diagnostic for a wrong code, completion
  with labels, the field's own title on hover). They are derived from the
  entries (:func:`editor_view`); tests/test_schema.py checks that they agree.

The functions without a schema argument read the packaged schema; the ones
ending in ``_of`` read any schema dict (``latinno-lint schema diff`` compares
two). How a code entry is written in the schema is known here and nowhere else.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import namedtuple

from .schema import schema

# Where each dimension sits in a case, in schema order. Derived from the schema.
LANGS = ("en", "es", "pt")


class VocabularyError(LookupError):
    """The code and the schema disagree: the linter names a code or a dimension
    that the schema does not have (a code removed from the schema while a rule
    still checks it, say). The command line reports it in one line, exit 2."""


class Code(namedtuple("Code", "value label definition labels variants deprecated replaced_by", defaults=(False, None))):
    """One code of a dimension: its value, latinno.net label, definition, labels
    by language, known spellings, and whether it is deprecated (and by which
    code it is replaced, or None). Immutable."""

    __slots__ = ()

    def label_in(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.label


class Dimension(namedtuple("Dimension", "name pointer title definition multiple codes labels help")):
    """A coded dimension: ``name`` is its $defs key (e.g. "frequency"), ``pointer``
    where it sits in a case (e.g. "/institutional_design/frequency"). Immutable."""

    __slots__ = ()

    @property
    def values(self) -> list:
        return [c.value for c in self.codes]

    def code(self, value) -> Code | None:
        for c in self.codes:
            if c.value == value and type(c.value) is type(value):
                return c
        return None

    def title_in(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.title

    def match(self, text: str):
        """The code a spelling stands for (code, label, any language's label or a
        variant; case, accents, spacing, hyphens and underscores ignored), or None."""
        return _spellings(self.name).get(normalize(text))

    def split(self, text: str) -> list | None:
        """Read several codes printed space-joined ("citizens civil society") or as a
        comma or semicolon list ("citizens, civil society") into a list of codes
        (repeats dropped), or None when some word is not part of a spelling."""
        found = []
        table = _spellings(self.name)
        for part in _LIST_SEPARATORS.split(text):
            words = normalize(part).split()
            i = 0
            while i < len(words):
                for j in range(len(words), i, -1):
                    code = table.get(" ".join(words[i:j]))
                    if code is not None:
                        found.append(code)
                        i = j
                        break
                else:
                    return None
        return list(dict.fromkeys(found))

    def suggest(self, text: str):
        """The closest code to a misspelling, or None; for a deprecated code, the
        code that replaces it (None when nothing does)."""
        if not isinstance(text, str):
            return None
        key = normalize(text)
        table = _spellings(self.name)
        close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
        return self.current(table[close[0]]) if close else None

    def current(self, value):
        """``value``, or the code that replaces it when it is a deprecated code
        (None when it is deprecated with no replacement)."""
        code = self.code(value)
        if code is None or not code.deprecated:
            return value
        replacement = self.code(code.replaced_by) if code.replaced_by is not None else None
        return replacement.value if replacement is not None and not replacement.deprecated else None


_SEPARATORS = re.compile(r"[\s_\-/:]+")
_LIST_SEPARATORS = re.compile(r"[,;]")


def normalize(text: str) -> str:
    text = str(text)
    if text.isascii():  # no accents to strip, and casefold() is lower(): ~4x faster
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", text).strip(" .;,")


# The keys of a code's entry that Code holds; any other key of an entry (such
# as a country's x-latinno-slug) is not part of the vocabulary's text.
CODE_KEYS = ("const", "title", "description", "x-latinno-labels", "x-latinno-variants", "deprecated", "x-latinno-replaced-by")
# The keyword of a schema node that lists its codes.
CODES_KEYWORD = "x-latinno-codes"
# The keywords beside it that repeat the codes for validators and editors (editor_view).
DERIVED = ("enum", "markdownEnumDescriptions")


def code_of(entry: dict) -> Code:
    """The Code a schema entry ({"const": ..., "title": ...}) describes."""
    label = entry.get("title", str(entry["const"]))
    return Code(
        value=entry["const"],
        label=label,
        definition=entry.get("description", ""),
        labels={"en": label, **entry.get("x-latinno-labels", {})},
        variants=tuple(entry.get("x-latinno-variants", ())),
        deprecated=entry.get("deprecated") is True,
        replaced_by=entry.get("x-latinno-replaced-by"),
    )


def code_entries(node: dict) -> list | None:
    """The entries of a node's codes (each with ``const``), or None when the
    node does not list codes itself (it may $ref a node that does)."""
    entries = node.get(CODES_KEYWORD)
    if isinstance(entries, list) and entries and all(isinstance(e, dict) and "const" in e for e in entries):
        return entries
    return None


def editor_view(codes) -> dict:
    """The ``enum`` and ``markdownEnumDescriptions`` that a node listing
    ``codes`` (vocabulary.Code) carries for validators and editors: the codes,
    and for each its label in bold and its definition."""
    return {
        "enum": [c.value for c in codes],
        "markdownEnumDescriptions": [f"**{c.label}** — {c.definition}" if c.definition else f"**{c.label}**" for c in codes],
    }


def code_lists(root: dict | None = None):
    """(where, node, codes) for every node of the schema that lists codes,
    following an entry's ``$ref``: ``where`` names the node ("$defs/frequency/items")."""
    root = schema() if root is None else root
    nodes = [(f"properties/{k}", v) for k, v in root["properties"].items()]
    for name, definition in root.get("$defs", {}).items():
        nodes.append((f"$defs/{name}", definition))
        if isinstance(definition.get("items"), dict):
            nodes.append((f"$defs/{name}/items", definition["items"]))
    for where, node in nodes:
        if isinstance(node, dict) and isinstance(node.get(CODES_KEYWORD), list):
            yield where, node, _codes_of_node(node, root)


def _codes_of_node(node: dict, root: dict) -> tuple:
    codes: list[Code] = []
    for entry in node[CODES_KEYWORD]:
        ref = entry.get("$ref", "") if isinstance(entry, dict) else ""
        if ref.startswith("#/$defs/"):
            codes.extend(_codes_of_node(root["$defs"][ref[len("#/$defs/") :]], root))
        else:
            codes.append(code_of(entry))
    return tuple(codes)


def _alternatives(definition: dict):
    entries = code_entries(definition)
    if entries:
        return entries, False
    items = definition.get("items")
    entries = code_entries(items) if isinstance(items, dict) else None
    return (entries, True) if entries else (None, False)


def _where(name: str, root: dict) -> str:
    for key, prop in root["properties"].items():
        if prop.get("$ref") == f"#/$defs/{name}":
            return f"/{key}"
        for sub, sub_prop in prop.get("properties", {}).items():
            if sub_prop.get("$ref") == f"#/$defs/{name}":
                return f"/{key}/{sub}"
    return ""


@functools.lru_cache(maxsize=1)
def _dimensions() -> dict:
    return dimensions_of(schema())


def dimensions_of(root: dict) -> dict:
    """Every dimension of the schema ``root`` by its $defs name, in schema order."""
    found = {}
    for name, definition in root.get("$defs", {}).items():
        alternatives, multiple = _alternatives(definition)
        if not alternatives:
            continue
        codes = tuple(code_of(a) for a in alternatives)
        found[name] = Dimension(
            name=name,
            pointer=_where(name, root),
            title=definition.get("title", name),
            definition=definition.get("description", ""),
            multiple=multiple,
            codes=codes,
            labels=definition.get("x-latinno-labels", {}),
            help=definition.get("x-latinno-help", ""),
        )
    return found


def dimensions() -> list[Dimension]:
    """Every coded dimension of a case (the ones with a place in the case), in schema order."""
    order = _pointer_order()
    dims = [d for d in _dimensions().values() if d.pointer and d.name not in ("country_code",)]
    return sorted(dims, key=lambda d: order.index(d.pointer))


def coding_dimensions() -> list[Dimension]:
    """The LATINNO coding: the six institutional-design dimensions, means, ends, policy cycle."""
    return [d for d in dimensions() if d.pointer.startswith("/institutional_design/") or d.name in ("means", "ends", "policy_cycle")]


UNDETERMINED = "undetermined"  # the case key that records the dimensions the sources do not allow to code


def undetermined(data) -> dict:
    """The dimensions a case records as 'cannot be determined from the sources',
    keyed by their key in the case ('means', 'selection'), with the reason:
    only those with a reason that is not blank."""
    found = data.get(UNDETERMINED) if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {key: reason for key, reason in found.items() if isinstance(reason, str) and reason.strip()}


def dimension(name: str) -> Dimension:
    return _dimensions()[name]


def countries() -> Dimension:
    return _dimensions()["country_code"]


def country_slug(code: str) -> str | None:
    """Folder name for a country code (or 'transnational')."""
    for a in _country_alternatives():
        if a.get("const") == code:
            return a.get("x-latinno-slug")
    return None


def _country_alternatives():
    alts = list(schema()["$defs"]["country_code"][CODES_KEYWORD])
    alts.extend(a for a in schema()["properties"]["country"][CODES_KEYWORD] if "const" in a)
    return alts


def country_choices() -> tuple:
    """The codes ``country`` may take: the country codes and 'transnational'."""
    return tuple(code_of(a) for a in _country_alternatives())


@functools.lru_cache(maxsize=1)
def _pointer_order() -> list[str]:
    root = schema()
    order = []
    for key, prop in root["properties"].items():
        order.append(f"/{key}")
        for sub in prop.get("properties", {}):
            order.append(f"/{key}/{sub}")
    return order


# Headings of a case page that are not fields of a case: the footer block of
# latinno.net's case pages (see docs/importing.md), in each of LANGS. The
# importer reads them and a page that is published prints them from here.
PAGE_HEADINGS = {"how_to_quote": {"en": "How to quote", "es": "Cómo citar", "pt": "Como citar"}}


def field_labels(path: str, root: dict | None = None) -> dict:
    """The labels by language of a case field, ``path`` being a top-level key
    ("sources") or a key inside one ("institutional_design/frequency"): the
    field's own ``x-latinno-labels``, else those of the ``$defs`` entry it
    refers to, with its title as the English label where none is given.
    KeyError for a path that is not a field of a case."""
    root = schema() if root is None else root
    node: dict = {"properties": root["properties"]}
    for key in path.split("/"):
        node = node["properties"][key]
    target = node
    while "$ref" in target and target["$ref"].startswith("#/$defs/"):
        target = root["$defs"][target["$ref"][len("#/$defs/") :]]
    title = node.get("title") or target.get("title") or path.rsplit("/", 1)[-1]
    return {"en": title, **target.get("x-latinno-labels", {}), **node.get("x-latinno-labels", {})}


def field_label(path: str, lang: str = "en") -> str:
    """A case field's label in ``lang`` (:func:`field_labels`), English where the schema has none."""
    labels = field_labels(path)
    return labels.get(lang) or labels["en"]


def page_heading(name: str, lang: str = "en") -> str:
    """A heading of a case page that is not a field (:data:`PAGE_HEADINGS`), in ``lang``."""
    labels = PAGE_HEADINGS[name]
    return labels.get(lang) or labels["en"]


def field_order() -> list[str]:
    """Top-level keys of a case, in the schema's order (the canonical key order)."""
    return list(schema()["properties"])


@functools.cache
def _spellings(name: str) -> dict:
    return spellings(_dimensions()[name].codes)


def spellings(codes) -> dict:
    """Normalised spelling -> code value, for every way of writing one of ``codes``:
    the code, its label, its labels in any language and its variants (the first
    code to claim a spelling keeps it)."""
    table: dict[str, str | bool] = {}
    for code in codes:
        for spelling in (str(code.value), code.label, *code.labels.values(), *code.variants):
            table.setdefault(normalize(spelling), code.value)
    return table


def by_pointer() -> dict:
    return {d.pointer: d for d in dimensions()}
