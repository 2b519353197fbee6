"""The controlled vocabulary, read from the schema (its only source).

A *dimension* is a ``$defs`` entry whose allowed values are listed as
``oneOf`` constants, directly (single choice) or under ``items`` (a list of
codes). Each code has a label (``title``), a definition (``description``),
labels by language (``x-latinno-labels``) and variant spellings
(``x-latinno-variants``).
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


class Code(namedtuple("Code", "value label definition labels variants")):
    """One code of a dimension: its value, latinno.net label, definition, labels
    by language and known spellings. Immutable."""

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
        """Read several codes printed space-joined ("citizens civil society") into a
        list of codes, or None when some word is not part of a spelling."""
        words = normalize(text).split()
        found, i = [], 0
        table = _spellings(self.name)
        while i < len(words):
            for j in range(len(words), i, -1):
                code = table.get(" ".join(words[i:j]))
                if code is not None:
                    found.append(code)
                    i = j
                    break
            else:
                return None
        return found

    def suggest(self, text: str):
        """The closest code to a misspelling, or None."""
        if not isinstance(text, str):
            return None
        key = normalize(text)
        table = _spellings(self.name)
        close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.6)
        return table[close[0]] if close else None


_SEPARATORS = re.compile(r"[\s_\-/:]+")


def normalize(text: str) -> str:
    text = str(text)
    if text.isascii():  # no accents to strip, and casefold() is lower(): ~4x faster
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", text).strip(" .;,")


def _alternatives(definition: dict):
    if "oneOf" in definition:
        return definition["oneOf"], False
    items = definition.get("items", {})
    if "oneOf" in items:
        return items["oneOf"], True
    return None, False


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
    root = schema()
    found = {}
    for name, definition in root["$defs"].items():
        alternatives, multiple = _alternatives(definition)
        if not alternatives or not all("const" in a for a in alternatives):
            continue
        codes = tuple(
            Code(
                value=a["const"],
                label=a.get("title", str(a["const"])),
                definition=a.get("description", ""),
                labels={"en": a.get("title", str(a["const"])), **a.get("x-latinno-labels", {})},
                variants=tuple(a.get("x-latinno-variants", ())),
            )
            for a in alternatives
        )
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
    alts = []
    for a in schema()["$defs"]["country_code"]["oneOf"]:
        alts.append(a)
    for a in schema()["properties"]["country"]["oneOf"]:
        if "const" in a:
            alts.append(a)
    return alts


@functools.lru_cache(maxsize=1)
def _pointer_order() -> list[str]:
    root = schema()
    order = []
    for key, prop in root["properties"].items():
        order.append(f"/{key}")
        for sub in prop.get("properties", {}):
            order.append(f"/{key}/{sub}")
    return order


def field_order() -> list[str]:
    """Top-level keys of a case, in the schema's order (the canonical key order)."""
    return list(schema()["properties"])


@functools.lru_cache(maxsize=None)
def _spellings(name: str) -> dict:
    dim = _dimensions()[name]
    table = {}
    for code in dim.codes:
        for spelling in (str(code.value), code.label, *code.labels.values(), *code.variants):
            table.setdefault(normalize(spelling), code.value)
    return table


def by_pointer() -> dict:
    return {d.pointer: d for d in dimensions()}
