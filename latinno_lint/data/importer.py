"""Read the text of a latinno.net case page into a case.

``import_page(text)`` is pure: page text in, an ``Imported`` result out (the
case dict, what could not be read, warnings for the person importing). The
page is read as a vocabulary problem, and nothing is guessed:

* Every value is recognised by itself through the vocabulary of the schema
  ("regular" is a frequency wherever it stands). Label lines, in English,
  Spanish or Portuguese, only confirm. They are needed for a spelling several
  dimensions share (``unknown``): such a value is read only when its label
  is right above it and the page order leaves no other dimension it could
  belong to.
* A value that is unknown, shared without a label, given twice, or on a last
  line the text may have cut short is left out, and ``notes`` says so.
* Means and ends are never read from latinno.net's pages: they print the
  full lists on every page and mark the coded ones only by styling;
  ``undetermined`` says so.
* The policy-cycle stages listed are the coded ones, read only from a list
  that is whole (ended by a blank line or a heading).
* Where encoding damage put '?' for a lost character, an English contraction
  or possessive gets back its apostrophe (’) and a range of years its dash
  (–): damage only hits characters outside ASCII, and these are the ones
  latinno.net prints there. Any other '?' is left as it is, with a warning.

A page that latinno-lint publishes (``latinno-lint site``) says so in one
line of its text, :func:`published_line`, in any of the three languages and
with the format version of the files it was made from. On such a page (and
only there) the Means and Ends lists are the coded ones and are read, a
line :func:`undetermined_line` under a dimension's heading or label is read
as ``undetermined: {dimension: reason}``, lines before the country line
(a site's navigation) are passed over, the name is the line after the
country line whatever it says, and no '?' is repaired: the page is the
files' text, not a damaged copy. docs/importing.md describes the layout.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from ..schema import format_version, schema
from ..vocabulary import LANGS, PAGE_HEADINGS, UNDETERMINED, coding_dimensions, countries, country_choices, field_labels, normalize

LANGUAGE_NAMES = {"es": "Spanish", "pt": "Portuguese"}
# The line that marks a page as published by latinno-lint, by language; {version}
# is the case-file format version. published_line() prints it, import_page()
# recognises it (with any version) from these same templates.
PUBLISHED_LINES = {
    "en": "Published with latinno-lint from the LATINNO case files (case-file format {version}). Means, ends and policy-cycle stages list only the coded ones.",
    "es": (
        "Publicado con latinno-lint a partir de los archivos de casos de LATINNO (formato de archivo de caso {version}). "
        "Las listas de medios, fines y etapas del ciclo de políticas públicas incluyen solo los codificados."
    ),
    "pt": (
        "Publicado com o latinno-lint a partir dos arquivos de casos do LATINNO (formato de arquivo de caso {version}). "
        "As listas de meios, fins e etapas do ciclo de políticas públicas incluem apenas os codificados."
    ),
}
_VERSION = r"([0-9]+\.[0-9]+\.[0-9]+)"
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
ZONES = ("design", "means", "ends", "policy_cycle", "sources", "footer")
LIST_DIMENSIONS = ("means", "ends", "policy_cycle")
MAX_VALUE_LINE = 300  # longer lines are prose, never a value (and split() is quadratic)

_BULLET = re.compile(r"^(?:[-–—•·*▪◦‣]+\s*)+")
_QUOTES = "\"'“”‘’«»„"
_CONTRACTION = re.compile(r"\b([A-Za-z]+)\?([a-z]{1,2})\b")
PRONOUNS = ("i", "you", "we", "they", "he", "she", "it", "who", "that", "there", "what")
_YEAR_DASH = re.compile(r"(?<=\b\d{4})( ?)\?( ?)(?=\d{4}\b)")
_LOST = re.compile(r"\w\?\w|\s\?\s")
_URL = re.compile(r"https?://[^\s<>\"]+")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the page text
    text: str  # spaces normalised, stripped
    whole: bool  # False: the text ends inside this line, which may be cut short


@dataclass
class _Item:
    kind: str  # blank, skip, heading, label, question, value, text
    line: Line
    name: str = ""  # heading: a zone; label: a dimension
    lang: str = ""
    values: dict = field(default_factory=dict)  # dimension name -> code (or list of codes)
    bare: str = ""  # the line without bullets and quotes
    label_before: str = ""  # design zone: the label right above this value
    same_line: bool = False  # "Label: value" on one line


@dataclass(frozen=True)
class Imported:
    """What a page gave: ``case`` (only what the page states, plus ``notes``),
    ``unread`` (what could not be read, as written in notes), ``warnings``
    ((line, message) for the person importing), ``is_page`` (False when
    nothing of a latinno.net case page was found) and ``stray`` (the line
    numbers of text where the institutional design belongs that is neither a
    label nor a value: a page has none or a few, other text many)."""

    case: dict
    unread: tuple
    warnings: tuple
    is_page: bool
    stray: tuple = ()


# --- pages published by latinno-lint ------------------------------------------------


def published_line(lang: str) -> str:
    """The line a case page published by latinno-lint carries, in ``lang`` (en,
    es or pt), naming the case-file format version of the schema: on a page
    with it, import_page reads the Means and Ends lists as the coded ones."""
    if lang not in PUBLISHED_LINES:
        raise ValueError(f"no published line in {lang!r}; the languages are {', '.join(LANGS)}")
    return PUBLISHED_LINES[lang].format(version=format_version())


def undetermined_line(lang: str, reason: str) -> str:
    """How a published page shows a dimension recorded under ``undetermined``: the
    label of that field in ``lang`` and the reason (white space made single
    spaces, as a browser shows it), e.g. "Cannot be determined from the
    sources: the report does not say"."""
    if lang not in LANGS:
        raise ValueError(f"no labels in {lang!r}; the languages are {', '.join(LANGS)}")
    labels = field_labels(UNDETERMINED)
    return f"{labels.get(lang) or labels['en']}: {' '.join(str(reason).split())}"


@functools.lru_cache(maxsize=1)
def _published_patterns() -> tuple:
    """(lang, compiled pattern) for each published line, any version."""
    found = []
    for lang, template in PUBLISHED_LINES.items():
        before, after = template.split("{version}")
        found.append((lang, re.compile(re.escape(before) + _VERSION + re.escape(after))))
    return tuple(found)


def _published(text: str):
    """(lang, version) when ``text`` is a published line, else None."""
    text = " ".join(text.split())
    for lang, pattern in _published_patterns():
        m = pattern.fullmatch(text)
        if m:
            return lang, m.group(1)
    return None


@functools.lru_cache(maxsize=1)
def _undetermined_labels() -> frozenset:
    return frozenset(_squash(label) for label in field_labels(UNDETERMINED).values())


def _undetermined_reason(bare: str):
    """The reason of an undetermined line ("<label>: <reason>"), else None."""
    head, colon, tail = bare.partition(":")
    if colon and tail.strip() and len(head) <= MAX_VALUE_LINE and _squash(head) in _undetermined_labels():
        return " ".join(tail.split())
    return None


# --- the vocabulary, seen from a page ------------------------------------------------


def _squash(text: str) -> str:
    return normalize(text).replace(" ", "")


@functools.lru_cache(maxsize=1)
def _design() -> tuple:
    return tuple(d for d in coding_dimensions() if d.pointer.startswith("/institutional_design/"))


@functools.lru_cache(maxsize=1)
def _dims() -> dict:
    return {d.name: d for d in coding_dimensions()}


@functools.lru_cache(maxsize=1)
def _labels() -> dict:
    """Squashed label -> (kind, name, lang); kind is 'label' for a design
    dimension, 'heading' for a section of the page."""
    table: dict[str, tuple[str, str, set[str]]] = {}

    def add(kind, name, labels):
        for lang, text in labels.items():
            table.setdefault(_squash(text), (kind, name, set()))[2].add(lang)

    add("heading", "design", field_labels("institutional_design"))
    for dim in coding_dimensions():
        kind = "heading" if dim.name in LIST_DIMENSIONS else "label"
        add(kind, dim.name, {"en": dim.title, **dim.labels})
    add("heading", "sources", field_labels("sources"))
    for labels in PAGE_HEADINGS.values():
        add("heading", "footer", labels)
    table.pop("", None)
    return table


@functools.lru_cache(maxsize=1)
def _spellings() -> tuple:
    """(normalised spelling, dimension name, code) for every code of every coding dimension."""
    found = []
    for dim in coding_dimensions():
        for code in dim.codes:
            for text in (str(code.value), code.label, *code.labels.values(), *code.variants):
                found.append((normalize(text), dim.name, code.value))
    return tuple(found)


@functools.lru_cache(maxsize=1)
def _words() -> frozenset:
    return frozenset(word for spelling, _name, _code in _spellings() for word in spelling.split())


def _values(bare: str) -> dict:
    """Every dimension this text is a value of, with the code(s) it stands for."""
    # A word no spelling has rules out match() and split() alike; checking it
    # first keeps prose lines (help questions, descriptions) cheap.
    if len(bare) > MAX_VALUE_LINE or not _words().issuperset(normalize(bare).split()):
        return {}
    found = {}
    for dim in coding_dimensions():
        if dim.multiple:
            codes = dim.split(bare)
            if codes:
                found[dim.name] = list(dict.fromkeys(codes))
        else:
            code = dim.match(bare)
            if code is not None:
                found[dim.name] = code
    return found


def _may_continue(bare: str, values: dict) -> bool:
    """Whether a value on a line the text may cut short could be the start of
    a longer spelling meaning something else ('no' of 'not formalized')."""
    if any(_dims()[name].multiple for name in values):
        return True
    start = normalize(bare)
    meant = set(values.items())
    return any(s != start and s.startswith(start) and (name, code) not in meant for s, name, code in _spellings())


def _country(text: str):
    code = countries().match(text)
    if code is not None:
        return code
    for choice in country_choices():
        if normalize(text) in {normalize(s) for s in (choice.value, choice.label, *choice.labels.values(), *choice.variants)}:
            return choice.value
    return None


# --- lines ------------------------------------------------------------------------------


def _prepare(text: str) -> tuple[list, list]:
    warnings = []
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text)
    pieces = text.split("\n")
    ends_whole = text.endswith("\n")
    if ends_whole:
        pieces.pop()
    lines = []
    for number, raw in enumerate(pieces, start=1):
        if raw.isprintable():
            lines.append(Line(number, raw.strip(), ends_whole or number < len(pieces)))
            continue
        cleaned, removed = [], 0
        for ch in raw:
            category = unicodedata.category(ch)
            if ch == "\t" or category == "Zs":  # no-break and other spaces
                cleaned.append(" ")
            elif category.startswith("C"):  # control, format (zero-width), unassigned
                removed += 1
            else:
                cleaned.append(ch)
        if removed:
            warnings.append((number, "control or invisible characters removed"))
        lines.append(Line(number, "".join(cleaned).strip(), ends_whole or number < len(pieces)))
    return lines, warnings


def _classify(line: Line, published: bool = False) -> list:
    return [
        _Item(kind, line, name, lang, {k: list(v) if isinstance(v, list) else v for k, v in values.items()}, bare, label, same)
        for kind, name, lang, values, bare, label, same in _kinds(line.text, published)
    ]


@functools.lru_cache(maxsize=4096)  # pages share most lines: help questions, labels, lists
def _kinds(text: str, published: bool = False) -> tuple:
    """What a line is: (kind, name, lang, values, bare, label_before, same_line) per
    item; on a published page also 'undetermined' (bare: the reason)."""
    if not text:
        return (("blank", "", "", {}, "", "", False),)
    bare = _BULLET.sub("", text).strip().strip(_QUOTES).strip()
    if not re.search(r"\w", bare):
        return (("skip", "", "", {}, bare, "", False),)
    if published:
        if _published(bare):
            return (("skip", "", "", {}, bare, "", False),)
        reason = _undetermined_reason(bare)
        if reason is not None:
            return (("undetermined", "", "", {}, reason, "", False),)
    found = _labels().get(_squash(bare.rstrip(":"))) if len(bare) <= MAX_VALUE_LINE else None
    if found:
        return ((found[0], found[1], "/".join(sorted(found[2])), {}, bare, "", False),)
    if ":" in bare:
        head, tail = (part.strip() for part in bare.split(":", 1))
        found = _labels().get(_squash(head)) if len(head) <= MAX_VALUE_LINE else None
        if found and found[0] == "label":
            lang = "/".join(sorted(found[2]))
            values = _values(tail) if tail else {}
            if found[1] in values:
                return (("label", found[1], lang, {}, head, "", False), ("value", "", "", {found[1]: values[found[1]]}, tail, found[1], True))
            return (("question", found[1], lang, {}, bare, "", False),)
    values = _values(bare)
    return (("value" if values else "text", "", "", values, bare, "", False),)


# --- free text: name and description --------------------------------------------------


def _repair(text: str, line: Line, english: bool, warnings: list, counts: dict) -> str:
    text = " ".join(text.split())
    if english:
        repaired = _CONTRACTION.sub(_apostrophe, text)
        n = text.count("?") - repaired.count("?")
        text = repaired
        counts["apostrophe"] += n
        if n:
            warnings.append((line.number, f"'?' read as an apostrophe (’) {_times(n)}"))
    text, n = _YEAR_DASH.subn(lambda m: f"{m.group(1)}–{m.group(2)}", text)
    counts["dash"] += n
    if n:
        warnings.append((line.number, f"'?' between years read as a dash (–) {_times(n)}"))
    for m in _LOST.finditer(text):
        words = _around(text, m.start(), m.end())
        counts["lost"].append(words)
        warnings.append((line.number, f"'?' in {_quote(words)} may stand for a lost character; left as it is"))
    return text


def _around(text: str, start: int, end: int) -> str:
    """The words a match touches, for showing it."""
    start = text.rfind(" ", 0, start + 1 if text[start] != " " else start) + 1
    stop = text.find(" ", end - 1 if text[end - 1] != " " else end)
    return text[start : stop if stop >= 0 else len(text)].strip(".,;:()")


def _apostrophe(m) -> str:
    """'community?s' -> 'community’s', 'don?t' -> 'don’t'; 'pa?s' (país) stays."""
    before, after = m.group(1), m.group(2)
    low = before.lower()
    if (
        (after == "s" and (len(before) >= 3 or low in ("it", "he")))
        or (after == "t" and low.endswith("n"))
        or (after == "m" and before == "I")
        or (after in ("re", "ve", "ll", "d") and low in PRONOUNS)
    ):
        return f"{before}’{after}"
    return m.group(0)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return "'" + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + "'"


def slug(name: str) -> str:
    """A case id from a name: lower-case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > 120:
        text = text[:121].rsplit("-", 1)[0].strip("-")
    return text


# --- the page -----------------------------------------------------------------------------


class _Page:
    """One walk over the classified lines, then the case."""

    def __init__(self, text: str):
        self.lines, self.warnings = _prepare(text)
        # (lang, version) of the published line, when latinno-lint published the page
        self.published = next((found for found in map(_published, (line.text for line in self.lines)) if found), None)
        self.items = [item for line in self.lines for item in _classify(line, self.published is not None)]
        self.undetermined: dict[str, str] = {}  # a published page's undetermined dimensions, with their reasons
        self.countries: list[str] = []  # a published transnational page's countries
        self.last_label = ""  # the design label seen last
        self.unread: list[str] = []  # what the page does not say, or says where it cannot be read
        self.mentioned: set[str] = set()
        self.stray: list[int] = []  # lines where the design belongs that are neither labels nor values
        self.country = self.name = None
        self.description: list[Line] = []
        self.description_cut = False
        self.is_page = False
        self.langs: dict[str, int] = {}
        self.zone, self.reached = "design", 0
        self.design: list[_Item] = []  # labels, values and text of the institutional design, in page order
        # for means and ends: a heading seen, the codes listed, an item not read
        self.lists: dict[str, dict] = {name: {"heading": False, "codes": [], "unknown": False} for name in ("means", "ends")}
        self.stages: list[str] = []
        self.stage_state, self.stage_doubt, self.stage_heading = "none", "", False
        self.sources: list[str] = []
        self.cut_line = None
        self.in_list = False  # the line before was a means or ends item

    # header: country line, name, description
    def header(self) -> int:
        if self.published:
            return self.published_header()
        items, i = self.items, 0
        while i < len(items) and items[i].kind == "blank":
            i += 1
        if i < len(items) and items[i].line.whole and items[i].kind == "text" and _country(items[i].line.text) is not None:
            self.country = _country(items[i].line.text)
            self.is_page = True
            i += 1
        while i < len(items) and items[i].kind == "blank":
            i += 1
        if i < len(items) and items[i].kind == "text":
            if items[i].line.whole:
                self.name = items[i].line
            else:
                self.unread.append("Name (the text ends inside it)")
                return len(items)
            i += 1
        while i < len(items) and items[i].kind in ("blank", "text"):
            if not items[i].line.whole and _label_start(items[i].bare):
                self.cut_line = items[i].line  # perhaps the heading that ends the description, cut short
                return len(items)
            if items[i].kind != "blank":
                self.description.append(items[i].line)
            i += 1
        if i == len(items) and self.description:
            self.description_cut = True
        return i

    def published_header(self) -> int:
        """A published page's header: lines before its country line are passed
        over; the name is the next line whatever it says, the description every
        line after it up to the institutional-design heading (without one, up
        to the first heading or label)."""
        items = self.items
        start = next((j for j, item in enumerate(items) if item.line.whole and self.country_line(item.line.text)), None)
        i = 0 if start is None else start + 1
        while i < len(items) and items[i].kind == "blank":
            i += 1
        if i < len(items):  # whatever it says: "Means" or "regular" may be a name
            if not items[i].line.whole:
                self.unread.append("Name (the text ends inside it)")
                return len(items)
            self.name = items[i].line
            i += 1
        # up to the institutional-design heading, which a published page always
        # prints: a description line may read as a heading ("Means")
        design = next((j for j in range(i, len(items)) if items[j].kind == "heading" and items[j].name == "design"), None)
        while i < len(items) and (i < design if design is not None else items[i].kind not in ("heading", "label")):
            if items[i].kind != "blank" and items[i].line.whole:
                self.description.append(items[i].line)
            i += 1
        if i == len(items) and self.description:
            self.description_cut = True
        return i

    def country_line(self, text: str) -> bool:
        """Read a published page's country line: a country, or "Transnational:
        <country>, <country>" (the label in any language)."""
        code = _country(text)
        if code is None and ":" in text:
            head, tail = (part.strip() for part in text.split(":", 1))
            code = _country(head)
            found = [countries().match(part) for part in re.split(r"[,;]", tail)]
            if code != "transnational" or None in found or len(found) < 2:
                return False
            self.countries = list(dict.fromkeys(found))
        if code is None:
            return False
        self.country = code
        self.is_page = True
        return True

    def walk(self, start: int) -> None:
        last = None
        for item in self.items[start:]:
            if not item.line.whole and item.kind != "blank":
                if item.kind != "value" or _may_continue(item.bare, item.values):
                    if self.zone != "footer" and not (self.zone == "policy_cycle" and self.stage_state == "closed"):
                        self.cut_line = item.line  # a stage list it ends stays open, so it is not read
                    continue
            kind = item.kind
            in_list, self.in_list = self.in_list, False
            if kind == "blank":
                if self.stage_state == "open":
                    self.stage_state = "closed"
                continue
            if kind == "skip":
                continue
            if kind in ("heading", "label"):
                self.note_lang(item)
                self.stage_end()
                self.enter("design" if kind == "label" else item.name)
                if item.name in self.lists:
                    self.lists[item.name]["heading"] = True
                if item.name == "policy_cycle":
                    self.stage_heading = True
                if kind == "label":
                    self.design.append(item)
                    self.last_label = item.name
                last = item
                continue
            if kind == "undetermined":  # published pages only
                self.note_undetermined(item)
                last = item
                continue
            if kind == "question":  # a help question: "Formalization: is the innovation …?"
                self.note_lang(item)
                last = item
                continue
            if kind == "value":
                self.value(item, last)
                self.in_list = self.zone in self.lists
            else:
                self.text(item, last, in_list)
            last = item
        if self.stage_state == "open":
            self.stage_doubt = self.stage_doubt or "the text ends inside the list of stages"

    def note_undetermined(self, item) -> None:
        """'<undetermined label>: <reason>' under a design label, or in a means,
        ends or policy-cycle block: that dimension's reason."""
        if self.zone == "design" and self.last_label:
            name = self.last_label
        elif self.zone in LIST_DIMENSIONS:
            name = self.zone
        else:
            self.warnings.append((item.line.number, f"{_quote(item.line.text)} is under no dimension; not read"))
            return
        self.is_page = True
        if name in self.undetermined and self.undetermined[name] != item.bare:
            self.unread.append(f"{_dims()[name].title} (two reasons why it cannot be determined)")
        self.undetermined.setdefault(name, item.bare)

    def note_lang(self, item) -> None:
        self.is_page = True
        for lang in item.lang.split("/"):
            self.langs[lang] = self.langs.get(lang, 0) + 1

    def enter(self, zone: str) -> None:
        self.zone = zone
        self.reached = max(self.reached, ZONES.index(zone))

    def stage_end(self) -> None:
        if self.stage_state == "open":
            self.stage_state = "closed"

    def value(self, item, last) -> None:
        design = {n: v for n, v in item.values.items() if n not in LIST_DIMENSIONS}
        if design:
            if self.zone != "design":
                self.warnings.append((item.line.number, f"{_quote(item.bare)} stands outside the institutional design; not read"))
                return
            self.is_page = True
            if not item.same_line and last is not None and last.kind == "label":
                item.label_before = last.name
            self.design.append(item)
            return
        name = next(iter(item.values))
        if ZONES.index(name) < ZONES.index(self.zone) and self.zone != name:
            self.warnings.append((item.line.number, f"{_quote(item.bare)} stands after the {_dims()[name].title.lower()} list; not read"))
            return
        self.is_page = True
        if self.zone != name:
            self.stage_end()
            self.enter(name)
        if name == "policy_cycle":
            if self.stage_state == "closed":
                self.stage_doubt = self.stage_doubt or "the stages are listed in two places"
            self.stage_state = "open"
            self.stages.extend(item.values[name])
        else:
            self.lists[name]["codes"].extend(item.values[name])

    def text(self, item, last, in_list: bool) -> None:
        if self.zone == "design":
            if not item.bare.endswith("?"):
                if not item.same_line and last is not None and last.kind == "label":
                    item.label_before = last.name
                self.design.append(item)
        elif self.zone in self.lists and (in_list or _BULLET.match(item.line.text)):
            self.lists[self.zone]["unknown"] = True  # an item it cannot read; other lines are page text
        elif self.zone == "policy_cycle" and self.stage_state != "closed":
            self.stage_doubt = self.stage_doubt or f"{_quote(item.bare)} next to the stages is not a known stage"
            self.stage_state = "closed"
        elif self.zone == "sources":
            self.sources.extend(_urls(item.bare))

    # the institutional design
    def resolve(self) -> dict:
        order = [d.name for d in _design()]
        found: dict[str, list] = {}  # the values read for each dimension
        reasons: dict[str, str] = {}

        def definite(item):
            if item.kind == "label":
                return item.name, 0
            design = [n for n in item.values if n in order]
            return (design[0], 1) if item.kind == "value" and len(design) == 1 else (None, 0)

        events = self.design
        for i, item in enumerate(events):
            if item.kind == "label":
                continue
            cands = [n for n in order if n in item.values]
            label = item.label_before
            if len(cands) == 1:
                values = found.setdefault(cands[0], [])
                if self.published and _dims()[cands[0]].multiple and values:
                    # one code a line under its label: one list
                    values[0] = list(dict.fromkeys(values[0] + item.values[cands[0]]))
                else:
                    values.append(item.values[cands[0]])
                continue
            if not cands:
                if label:
                    reasons.setdefault(label, f"{_quote(item.bare)} is not one of its values")
                else:
                    self.unread.append(f"{_quote(item.bare)} (not a value of any dimension)")
                    self.stray.append(item.line.number)
                continue
            lower, upper = 0, len(order)
            for prev in reversed(events[:i]):
                name, after = definite(prev)
                if name:
                    lower = order.index(name) + after
                    break
            for nxt in events[i + 1 :]:
                name, _ = definite(nxt)
                if name:
                    upper = order.index(name)
                    break
            between = [n for n in cands if lower <= order.index(n) < upper]
            if label in cands and (item.same_line or between == [label] or self.published):  # published pages print every label
                found.setdefault(label, []).append(item.values[label])
            elif label:
                others = [n for n in between if n != label]
                if label in cands and others:
                    reasons.setdefault(label, f"{_quote(item.bare)} under its label could also be the value of {_titles(others)}, whose label is missing")
                    self.mentioned.update(others)
                else:
                    reasons.setdefault(label, f"{_quote(item.bare)} is not one of its values")
            else:
                names = between or cands
                self.unread.append(f"{_quote(item.bare)} (could be the value of {_titles(names)}; no label says which)")
                self.mentioned.update(names)
        design, labelled = {}, {item.name for item in events if item.kind == "label"}
        for name in order:
            values = found.get(name, [])
            distinct = [v for j, v in enumerate(values) if v not in values[:j]]
            title = _dims()[name].title
            if name in self.undetermined:
                if values or name in reasons:
                    self.unread.append(f"{title} (the page gives a value and says it cannot be determined)")
                    del self.undetermined[name]
                continue
            if len(distinct) == 1 and name not in reasons:
                design[name] = distinct[0]
            elif len(distinct) > 1:
                shown = ", ".join(_quote(_show(v)) for v in distinct)
                self.unread.append(f"{title} (the page gives it twice: {shown})")
            elif name in reasons:
                self.unread.append(f"{title} ({reasons[name]})")
            elif name in self.mentioned:
                continue
            elif name in labelled:
                self.unread.append(f"{title} (no value under its label)")
            elif self.reached == 0:
                self.unread.append(f"{title} (the text ends before it)")
            else:
                self.unread.append(f"{title} (not on the page)")
        return design

    def policy_cycle(self):
        title = _dims()["policy_cycle"].title
        if "policy_cycle" in self.undetermined:
            if self.stages:
                self.unread.append(f"{title} (the page lists stages and says they cannot be determined)")
                del self.undetermined["policy_cycle"]
            return None
        if self.stages and not self.stage_doubt:
            return list(dict.fromkeys(self.stages))
        if self.stage_doubt:
            self.unread.append(f"{title} ({self.stage_doubt})")
        elif self.stage_heading:
            self.unread.append(f"{title} (the page lists no stage)")
        elif self.reached < ZONES.index("policy_cycle"):
            self.unread.append(f"{title} (the text ends before it)")
        else:
            self.unread.append(f"{title} (not on the page)")
        return None

    def published_lists(self) -> dict:
        """A published page's means and ends: the codes its lists give."""
        found = {}
        for name, block in self.lists.items():
            title = _dims()[name].title
            if name in self.undetermined:
                if block["codes"] or block["unknown"]:
                    self.unread.append(f"{title} (the page lists {name} and says they cannot be determined)")
                    del self.undetermined[name]
            elif block["unknown"]:
                self.unread.append(f"{title} (an item of the list is not one of its codes)")
            elif block["codes"]:
                found[name] = list(dict.fromkeys(block["codes"]))
            elif block["heading"]:
                self.unread.append(f"{title} (the page lists none)")
            elif self.reached < ZONES.index(name):
                self.unread.append(f"{title} (the text ends before it)")
            else:
                self.unread.append(f"{title} (not on the page)")
        return found

    def means_and_ends(self) -> dict:
        """Why means and ends cannot be determined from the page text, by dimension."""
        phrases = {}
        for name, block in self.lists.items():
            every = set(_dims()[name].values)
            count = NUMBER_WORDS[len(every)] if len(every) < len(NUMBER_WORDS) else str(len(every))
            if set(block["codes"]) == every and not block["unknown"]:
                phrases[name] = f"lists all {count} {name}"
            elif block["unknown"]:
                phrases[name] = f"has a {name} list that could not be fully read"
            elif block["codes"]:
                phrases[name] = f"lists only some {name}"
            elif block["heading"]:
                phrases[name] = f"lists no {name}"
            elif self.reached < ZONES.index(name):
                phrases[name] = f"is cut off before the {name}"
            else:
                phrases[name] = f"has no {name} list"
        return {
            name: (
                f"the latinno.net page {phrase} and marks the coded ones only by styling, so its text does not say which apply"
                if phrase.startswith("lists all ")
                else f"latinno.net marks the coded {name} only by styling, so page text does not say which apply (this page {phrase})"
            )
            for name, phrase in phrases.items()
        }

    def language(self) -> str:
        if self.published:
            return self.published[0]
        english = self.langs.get("en", 0)
        other = max((lang for lang in self.langs if lang in LANGUAGE_NAMES), key=lambda lang: self.langs[lang], default=None)
        return other if other and self.langs[other] > english else "en"


def _label_start(text: str) -> bool:
    start = _squash(text)
    return bool(start) and any(label.startswith(start) for label in _labels())


def _titles(names) -> str:
    titles = [_dims()[n].title for n in names]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " or " + titles[-1]


def _show(value) -> str:
    if isinstance(value, list):
        return " ".join(map(str, value))
    return "yes" if value is True else "no" if value is False else str(value)


def _urls(text: str) -> list:
    url_schema = schema()["$defs"]["source"]["properties"]["url"]
    pattern, banned = re.compile(url_schema["pattern"]), re.compile(url_schema["not"]["pattern"])
    found = []
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,;:)]}'\"’”")
        if pattern.search(url) and not banned.search(url):
            found.append(url)
    return found


def import_page(text: str) -> Imported:
    """Read one case page's text (see the module docstring)."""
    page = _Page(text)
    start = page.header()
    page.walk(start)
    lang = page.language()
    counts = {"apostrophe": 0, "dash": 0, "lost": []}
    case: dict[str, object] = {}
    repair = _repair if page.published is None else _as_it_is
    if page.name is not None:
        name = repair(page.name.text, page.name, lang == "en", page.warnings, counts)
        if slug(name):
            case["id"] = slug(name)
        case["name"] = name
    elif "Name (the text ends inside it)" not in page.unread:
        page.unread.append("Name (not on the page)")
    if page.country is not None:
        case["country"] = page.country
    if page.countries:
        case["countries"] = page.countries
    paragraphs = [repair(line.text, line, lang == "en", page.warnings, counts) for line in page.description]
    if paragraphs:
        case["description"] = "\n".join(paragraphs)
    elif page.name is not None:
        page.unread.append("Description (not on the page)")
    design = page.resolve()
    if design:
        case["institutional_design"] = {name: _current(name, value, page) for name, value in design.items()}
    if page.published:
        for name, codes in page.published_lists().items():
            case[name] = _current(name, codes, page)
    stages = page.policy_cycle()
    if stages:
        case["policy_cycle"] = _current("policy_cycle", stages, page)
    if page.published is None:
        case["undetermined"] = page.means_and_ends()
    elif page.undetermined:
        order = list(schema()["properties"][UNDETERMINED]["properties"])
        case["undetermined"] = {name: page.undetermined[name] for name in sorted(page.undetermined, key=order.index)}
    if page.sources:
        case["sources"] = [{"url": url} for url in dict.fromkeys(page.sources)]
    case["notes"] = _notes(page, lang, counts)
    if page.cut_line is not None:
        page.warnings.append((page.cut_line.number, f"the text ends inside this line ({_quote(page.cut_line.text)}), which was not read"))
    return Imported(case, tuple(page.unread), tuple(sorted(page.warnings)), page.is_page, tuple(page.stray))


def _current(name: str, value, page: _Page):
    """A dimension's value as the page gave it, with each deprecated code that has
    a replacement written as that replacement, and a warning at the page line
    that names it (a page written before the schema deprecated the code)."""
    dim = _dims().get(name)
    if dim is None:
        return value
    values = value if isinstance(value, list) else [value]
    written = []
    for code in values:
        current = dim.current(code)
        if current is not None and current != code:
            line = next((item.line.number for item in page.items if code in (v for vs in item.values.values() for v in (vs if isinstance(vs, list) else [vs]))), 1)
            page.warnings.append((line, f"{dim.title.lower()} {code!r} is a deprecated code: wrote {current!r}, which replaces it"))
            code = current
        if code not in written:
            written.append(code)
    return written if isinstance(value, list) else written[0]


def _as_it_is(text: str, line: Line, english: bool, warnings: list, counts: dict) -> str:
    """A published page's text: white space made single spaces, nothing repaired."""
    return " ".join(text.split())


def _notes(page: _Page, lang: str, counts: dict) -> str:
    where = f"the {LANGUAGE_NAMES[lang]} latinno.net case page" if lang in LANGUAGE_NAMES else "the latinno.net case page"
    if page.published:
        language = f"{LANGUAGE_NAMES[lang]} " if lang in LANGUAGE_NAMES else ""
        where = f"the {language}case page published with latinno-lint (case-file format {page.published[1]})"
    sentences = [f"Imported from {where}."]
    if page.description_cut:
        sentences.append("The page text ends inside the description, which may be incomplete.")
    if page.unread:
        sentences.append("Not read from the page text: " + "; ".join(page.unread) + ".")
    repaired = []
    if counts["apostrophe"]:
        repaired.append(f"as an apostrophe (’) {_places(counts['apostrophe'])}")
    if counts["dash"]:
        repaired.append(f"as a dash (–) {_places(counts['dash'])}")
    if repaired:
        sentences.append("Where the page text had '?' for a lost character, it is read " + " and ".join(repaired) + ".")
    if counts["lost"]:
        shown = ", ".join(_quote(s, 30) for s in counts["lost"][:3])
        sentences.append(f"Other '?' in the text may stand for lost characters and were left as they are ({shown}).")
    return " ".join(sentences)


def _places(n: int) -> str:
    return "in 1 place" if n == 1 else f"in {n} places"
