"""Bytes to document: the parsed case data plus the node tree for positions.

A case file is parsed once. PyYAML's C loader (libyaml) composes the node
tree, which keeps the line and column of every value; a small converter of
our own turns nodes into plain data. The converter is where the YAML hazards
that silently lose data are caught: duplicate keys, aliases, explicit tags,
more than one document. It also notes every plain scalar that YAML 1.1
(PyYAML, this linter) and YAML 1.2's core schema (editors, most other
readers) read differently (``Document.differences``; see LAT007). Nothing
here raises for bad input: every problem is returned as data, with its
position.
"""

from __future__ import annotations

import codecs
import functools
import re
import sys
from collections import deque, namedtuple

import yaml

WITH_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader  # for type checkers: libyaml's CSafeLoader has the same interface
else:
    _BaseLoader = yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader
_RESOLVED: dict = {}  # (plain scalar, implicit flags) -> tag


# the first characters that an implicit resolver (int, float, bool, null, ...) is
# registered for; a plain scalar that starts with any other one is a string
_RESOLVED_FIRSTS = frozenset(_BaseLoader.yaml_implicit_resolvers)
_ANY_FIRST = None in _RESOLVED_FIRSTS  # a resolver for every first character: none in PyYAML
_COLLECTION_TAGS = {yaml.MappingNode: _BaseLoader.DEFAULT_MAPPING_TAG, yaml.SequenceNode: _BaseLoader.DEFAULT_SEQUENCE_TAG}


class _Loader(_BaseLoader):
    """The safe loader, with PyYAML's tag resolution short-cut: libyaml asks it
    for the tag of every node. A collection, a quoted scalar, or a plain one
    starting with a character no resolver is registered for gets its default tag
    without trying the resolvers' regular expressions; the answers for other
    short plain scalars (keys and codes repeat in every case) are remembered.
    Same tags, by construction (tests/test_parse_shortcuts.py)."""

    def resolve(self, kind, value, implicit):
        if self.yaml_path_resolvers:
            return _BaseLoader.resolve(self, kind, value, implicit)
        if kind is not yaml.ScalarNode:
            return _COLLECTION_TAGS.get(kind)
        if not implicit[0] or (value[:1] not in _RESOLVED_FIRSTS and not _ANY_FIRST):
            return _BaseLoader.DEFAULT_SCALAR_TAG
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = _BaseLoader.resolve(self, kind, value, implicit)
            if len(value) <= 64:
                if len(_RESOLVED) > 50_000:
                    _RESOLVED.clear()
                _RESOLVED[key] = tag
        return tag

    if not _BaseLoader.yaml_path_resolvers:  # none, as in PyYAML: nothing to track (libyaml calls these per node)

        def descend_resolver(self, current_node, current_index):
            pass

        def ascend_resolver(self):
            pass


MAX_BYTES = 1_000_000  # case files are ~2 KB; anything this big is not a case
MAX_DEPTH = 64  # case files nest four levels deep
MAX_VALUES = 10_000  # case files hold about a hundred; this bounds the time every check takes
# Python turns an int of more than sys.get_int_max_str_digits() digits (4,300 by
# default, 640 at the least) into text only with an error; a number past this
# many bits is tested once, so that no message, report or export meets one
_HUGE_BITS = 2000
_TOO_MANY_DIGITS = f"a number of more than {sys.get_int_max_str_digits() or 'the allowed'} digits"
# libyaml's composer recurses in C; keep it far from the stack. Newer libyaml
# (PyYAML 6.0.4) also refuses 1,000 levels by itself: staying well below that
# makes this check, not the library's version, decide (tests/test_hostile.py).
_MAX_NESTING = 500
_NESTING_MARKS = ("-", "?", ":", "\n", "\r", "\x85", "\u2028", "\u2029")  # and the brackets '[' and '{'
_ASCII_NESTING_MARKS = _NESTING_MARKS[:5]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_VALUE = "tag:yaml.org,2002:value"
_constructor = yaml.constructor.SafeConstructor()

# YAML 1.2's core schema (the npm yaml package, yaml-language-server, ...): the
# plain scalars that are not text. Everything else plain is a string.
_CORE_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_CORE_INT = re.compile(r"[-+]?[0-9]+")
_CORE_INT_BASE = re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_SPECIAL = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
# the first characters of the plain scalars that YAML 1.1 reads as text but YAML 1.2 might not
CORE_NOT_TEXT_FIRSTS = frozenset("-+.0123456789")
# booleans in the YAML 1.1 type repository that PyYAML reads as text (most other 1.1 readers do not)
_SPEC_ONLY_BOOL = {"y": True, "Y": True, "n": False, "N": False}


def core_value(text: str):
    """What a YAML 1.2 core-schema reader makes of the plain scalar ``text``:
    None, a bool, an int, a float, or the text itself."""
    if text in _CORE_NULL:
        return None
    if text in _CORE_BOOL:
        return _CORE_BOOL[text]
    if _CORE_INT.fullmatch(text):
        try:
            return int(text, 10)
        except ValueError:  # past Python's int-from-text limit: a reader in JavaScript gets a float
            return float(text)
    if _CORE_INT_BASE.fullmatch(text):
        return int(text[2:], 8 if text[1] == "o" else 16)
    if _CORE_FLOAT.fullmatch(text):
        return float(text)
    return _CORE_SPECIAL.get(text, text)


def _text_reading(text: str):
    """For a plain scalar that PyYAML reads as text: (True, value) when another
    reader reads it as ``value`` (YAML 1.2's core schema; YAML 1.2 readers that
    allow digit separators, ruamel.yaml and Go's yaml.v3; YAML 1.1 readers that
    take y and n for booleans), else (False, None)."""
    if text in _SPEC_ONLY_BOOL:
        return True, _SPEC_ONLY_BOOL[text]
    other = core_value(text)
    if other is text and "_" in text and text[:1] in CORE_NOT_TEXT_FIRSTS:
        other = core_value(text.replace("_", ""))
    return (False, None) if isinstance(other, str) else (True, other)


def reads_as_text_everywhere(text: str) -> bool:
    """Whether every YAML reader, 1.1 or 1.2, reads the plain scalar ``text``
    as text (PyYAML's own reading aside: ask its resolver)."""
    return not _text_reading(text)[0]


def same_value(one, two) -> bool:
    """Equal and of the same type (True is not 1, 1 is not 1.0; NaN is NaN)."""
    return type(one) is type(two) and (one == two or (one != one and two != two))


class Difference(namedtuple("Difference", "pointer text yaml11 yaml12")):
    """A plain scalar that YAML 1.1 reads as ``yaml11`` and YAML 1.2 as
    ``yaml12``. For YAML 1.1's merge key '<<' and value key '=', ``yaml11`` is
    the tag. The case data holds the YAML 1.1 reading."""

    __slots__ = ()


BREAKS = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")


class Problem(namedtuple("Problem", "code message line column pointer", defaults=("",))):
    """A parse-level finding: code, message and a 1-based position."""

    __slots__ = ()


class Span(namedtuple("Span", "line column end_line end_column start end")):
    """1-based start and end positions plus 0-based character offsets."""

    __slots__ = ()


class Document:
    """A parsed case file. ``data`` is None when the file could not be read as YAML."""

    def __init__(self, text: str = "", data=None, root=None, problems: list | None = None, bom: bool = False):
        self.text = text
        self.data = data
        self.root = root
        self.problems = [] if problems is None else problems
        self.differences: list = []  # Difference: plain scalars YAML 1.1 and 1.2 read differently
        self.bom = bom
        self._members: dict = {}

    def __repr__(self) -> str:
        return f"Document(ok={self.ok}, problems={self.problems!r}, data={self.data!r})"

    @property
    def ok(self) -> bool:
        """True when the data can be checked (no fatal parse problem). The data
        itself may be None: a file holding only 'null' is checked, and fails."""
        return self.root is not None

    def node_at(self, pointer: str):
        """Walk the node tree along a JSON pointer.

        Returns ``(node, key_node, exact)``: the deepest node reached, the key
        node that led to it (for mapping members), and whether the whole
        pointer was found.
        """
        node, key_node = self.root, None
        if node is None:
            return None, None, False
        for part in split_pointer(pointer):
            if isinstance(node, yaml.MappingNode):
                member = self._members_of(node).get(part)
                if member is None:
                    return node, key_node, False
                key_node, node = member
            elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
                node, key_node = node.value[int(part)], None
            else:
                return node, key_node, False
        return node, key_node, True

    def _members_of(self, node) -> dict:
        """key text -> (key node, value node), the first of duplicates; built once
        per mapping so that placing many findings stays linear."""
        table = self._members.get(id(node))
        if table is None:
            table = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    table.setdefault(k.value, (k, v))
            self._members[id(node)] = table
        return table

    def span(self, pointer: str) -> Span:
        """Where the value at ``pointer`` is; for a missing member, the enclosing
        mapping; for an empty value, its key."""
        node, key_node, exact = self.node_at(pointer)
        if node is None:
            return Span(1, 1, 1, 1, 0, 0)
        return _span_of(node, key_node if exact else None)

    def places(self, keys, limit: int = 200) -> dict:
        """pointer -> (line, column, end line, end column) of ``span(pointer)``
        for every value at or below the top-level members ``keys``, at most
        ``limit`` of them: the places of the findings about those values, kept
        when the node tree is not (passes.py)."""
        found: dict = {}
        if isinstance(self.root, yaml.MappingNode):
            table = self._members_of(self.root)
            for key in keys:
                member = table.get(key)
                if member is not None:
                    self._place_below(member[1], member[0], join_pointer((key,)), found, limit)
        return found

    def _place_below(self, node, key_node, pointer: str, found: dict, limit: int) -> None:
        if pointer in found or len(found) >= limit:
            return  # a duplicate key: node_at() follows the first, so does this
        found[pointer] = _span_of(node, key_node)[:4]
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    self._place_below(v, k, pointer + "/" + k.value.replace("~", "~0").replace("/", "~1"), found, limit)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._place_below(item, None, f"{pointer}/{i}", found, limit)

    def line_count(self) -> int:
        return len(BREAKS.split(self.text))

    def position_in_value(self, pointer: str, offset: int):
        """(line, column), 1-based, of character ``offset`` of the text value at
        ``pointer`` as written in the file: on its own line inside a ``|`` or ``>``
        block, after the quote of a one-line scalar. None when the layout cannot
        be mapped back exactly (escapes, a multi-line plain scalar)."""
        node, _key, exact = self.node_at(pointer)
        if not exact or not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str):
            return None
        start, end = node.start_mark, node.end_mark
        if node.style in ("|", ">"):
            return _block_position(self.text, node, offset)
        if start.line == end.line:
            quote = 1 if node.style in ("'", '"') else 0
            if self.text[start.index + quote : end.index - quote] == node.value:
                return start.line + 1, start.column + 1 + quote + offset
        return None


@functools.lru_cache(maxsize=4096)
def split_pointer(pointer: str) -> tuple[str, ...]:
    """The parts of a JSON pointer ('/related/0/id' -> ('related', '0', 'id')).
    Rules read the same few pointers for every case, so the answers are kept."""
    if not pointer:
        return ()
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/"))


def join_pointer(parts) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _block_position(text: str, node, offset: int):
    """position_in_value() for a block scalar: its content lines are rebuilt the
    way YAML folds (``>``) or keeps (``|``) them, and used only when they give
    back the value exactly."""
    first = node.start_mark.line + 1  # the line after the '|' or '>' indicator
    all_lines = BREAKS.split(text)
    last = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
    content = all_lines[first : last + 1]
    filled = [line for line in content if line.strip()]
    if not filled:
        return None
    indent = len(filled[0]) - len(filled[0].lstrip(" "))
    starts, value, pending, previous = [], "", 0, None
    for number, line in enumerate(content, start=first):
        body = line[indent:] if line.strip() else ""
        if not body:
            pending += 1
            continue
        if previous is None:
            value += "\n" * pending
        elif node.style == "|":
            value += "\n" * (pending + 1)
        elif pending:
            value += "\n" * pending
        else:
            value += "\n" if body.startswith((" ", "\t")) or previous.startswith((" ", "\t")) else " "
        starts.append((len(value), number, body))
        value += body
        previous, pending = body, 0
    if value.rstrip("\n") != node.value.rstrip("\n"):
        return None  # a layout this does not rebuild (indentation indicator, tabs): no exact place
    for at, number, body in reversed(starts):
        if offset >= at:
            return number + 1, indent + min(offset - at, len(body)) + 1
    return None


def _span_of(node, key_node) -> Span:
    """Where a finding on ``node`` goes; on its key (``key_node``) when the value is empty."""
    if key_node is not None and _is_empty(node):
        node = key_node
    start, end = node.start_mark, node.end_mark
    if not isinstance(node, yaml.ScalarNode):
        # collections end where the next token starts; point at their first line
        return Span(start.line + 1, start.column + 1, start.line + 1, start.column + 1, start.index, start.index)
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1, start.index, end.index)


def _is_empty(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style


def lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML counts them (any line break)."""
    return BREAKS.split(text)


def decode(raw: bytes) -> tuple[str | None, Problem | None, bool]:
    """UTF-8 text from bytes, or the problem that prevents it. Third item: had a BOM."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None, Problem("LAT002", "file is UTF-32 encoded; case files must be UTF-8", 1, 1), False
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, Problem("LAT002", "file is UTF-16 encoded; case files must be UTF-8", 1, 1), False
    bom = raw.startswith(codecs.BOM_UTF8)
    if bom:
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), None, bom
    except UnicodeDecodeError as exc:
        before = lines(raw[: exc.start].decode("utf-8", "replace"))  # the line breaks YAML counts, as elsewhere
        byte = raw[exc.start : exc.start + 1].hex()
        return None, Problem("LAT002", f"file is not valid UTF-8: byte 0x{byte} cannot be decoded; save the file as UTF-8", len(before), len(before[-1]) + 1), bom


def parse_bytes(raw: bytes) -> Document:
    if len(raw) > MAX_BYTES:
        # the engine reads only a little more than MAX_BYTES, so the true size is unknown here
        return Document(problems=[Problem("LAT008", f"file is larger than {MAX_BYTES:,} bytes, the most a case file may be (they are about 2 KB), so it was not parsed", 1, 1)])
    text, problem, bom = decode(raw)
    if text is None:  # then there is a problem
        return Document(problems=[problem], bom=bom)
    doc = parse_text(text)
    doc.bom = bom
    return doc


def parse_text(text: str) -> Document:
    doc = Document(text=text)
    if len(text) > MAX_BYTES:
        doc.problems.append(Problem("LAT008", f"file is {len(text):,} characters; a case file may be at most {MAX_BYTES:,}, so it was not parsed", 1, 1))
        return doc
    too_deep = _depth_problem(text)
    if too_deep:
        doc.problems.append(too_deep)
        return doc
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python reader checks the characters here
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(exc, text))
        return doc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; no mark, an offset
        doc.problems.append(_reader_problem(exc, text, isinstance(loader, getattr(yaml, "CSafeLoader", ()))))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem("LAT001", f"YAML error: {' '.join(str(exc).split())}", 1, 1))
        return doc
    except RecursionError:
        doc.problems.append(Problem("LAT008", f"the YAML nests too deeply to be a case file (more than {MAX_DEPTH} levels)", 1, 1))
        return doc
    finally:
        if loader is not None:
            loader.dispose()
    if root is None or _is_empty(root):
        doc.problems.append(Problem("LAT003", "file holds no YAML document (it is empty or only comments); a case file is a mapping of keys such as id, name, country", 1, 1))
        return doc
    builder = _Builder(doc.problems, text, doc.differences)
    try:
        doc.data = builder.build(root, (), 0)
    except _TooManyValues as exc:
        mark = exc.args[0]
        doc.problems.append(Problem("LAT008", f"file holds more than {MAX_VALUES:,} values; a case file holds about a hundred, so it was not checked", mark.line + 1, mark.column + 1))
        return doc
    doc.root = root
    return doc


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    all_lines = lines(text)
    if line > len(all_lines):  # libyaml adds a line break after a last line that has none
        line, column = len(all_lines), len(all_lines[-1]) + 1
    if _is_nesting_limit(exc):  # a libyaml whose limit is below this module's own
        return _too_deep(line, column)
    said = f"{exc.context or ''} {exc.problem or ''}"
    if "expected a single document" in said:
        return Problem("LAT004", "file holds more than one YAML document (a second '---' or '...'); put each case in its own file", line, column)
    what = exc.problem or "syntax error"
    if exc.context:
        start = exc.context_mark
        where = f" that starts at line {start.line + 1}, column {start.column + 1}" if start and mark and start.line != mark.line else ""
        what = f"{what} ({exc.context}{where})"
        if start is not None and "quoted scalar" in exc.context:
            # an unclosed quote: the parser notices far below; the mistake is where the quote opens
            what = f"a quoted value is never closed: {exc.problem} at line {line}, column {column}"
            line, column = start.line + 1, start.column + 1
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        what = "a tab character where YAML expects spaces; YAML does not allow tabs for indentation"
    elif exc.problem in _INDENTATION_PROBLEMS:
        plain = _indentation_problem(all_lines, line)
        if plain is not None:
            return plain
    return Problem("LAT001", f"YAML syntax error: {what}", line, column)


# what the parser says when a line is indented as no level above it is
_INDENTATION_PROBLEMS = ("mapping values are not allowed in this context", "mapping values are not allowed here", "did not find expected key", "did not find expected '-' indicator")


def _indentation_problem(all_lines: list, number: int):
    """A plain-language LAT001 for a line ``number`` (1-based) whose indentation
    does not fit the line above it, or None when that is not what happened."""
    if not 1 <= number <= len(all_lines):
        return None
    text = all_lines[number - 1]
    if not text.strip() or text.lstrip().startswith("#"):
        return None
    above = next((n for n in range(number - 1, 0, -1) if all_lines[n - 1].strip() and not all_lines[n - 1].lstrip().startswith("#")), None)
    if above is None:
        indent = len(text) - len(text.lstrip(" "))
        if indent:
            return Problem("LAT001", f"YAML syntax error: line {number} is indented {_spaces(indent)} but it is the first line; top-level keys start in the first column", number, indent + 1)
        return None
    indent = len(text) - len(text.lstrip(" "))
    upper = all_lines[above - 1]
    upper_indent = len(upper) - len(upper.lstrip(" "))
    item = re.match(r" *- +", upper)  # a list item: its keys start after the '- '
    key_indent = item.end() if item else upper_indent
    if indent == key_indent:
        return None  # lined up: the mistake is something else
    if indent > key_indent:
        why = f"while line {above} above it has {_spaces(key_indent)}, so YAML reads it as more of the value on line {above}; indent it as line {above} if it is a key of the same mapping"
    else:
        why = (
            f"which lines it up neither with line {above} above it ({_spaces(key_indent)}) nor with the mapping or list "
            f"that holds line {above}; keys of one mapping, and the items of one list, must start in the same column"
        )
    return Problem("LAT001", f"YAML syntax error: the indentation of line {number} is off: it is indented {_spaces(indent)} {why}", number, indent + 1)


def _spaces(n: int) -> str:
    return "1 space" if n == 1 else f"{n} spaces"


def _reader_problem(exc, text: str, in_bytes: bool) -> Problem:
    # libyaml counts the offset in UTF-8 bytes, the pure-Python reader in characters
    before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore") if in_bytes else text[: exc.position]
    before_lines = lines(before)
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return Problem("LAT001", f"the character U+{char:04X} is not allowed in YAML ({exc.reason}); remove it", len(before_lines), len(before_lines[-1]) + 1)


def _depth_problem(text: str) -> Problem | None:
    """Refuse YAML that nests deeper than _MAX_NESTING before libyaml composes it:
    its composer recurses in C and crashes the process (no exception) somewhere
    between 20,000 and 50,000 levels."""
    brackets = text.count("[") + text.count("{")
    if brackets > _MAX_NESTING:
        depth = 0
        for match in re.finditer(r"[\[\]{}]", text):
            depth += 1 if match.group() in "[{" else -1
            if depth > _MAX_NESTING:
                before = lines(text[: match.start()])
                return _too_deep(len(before), len(before[-1]) + 1)
    # Every level of nesting needs one of these characters ('- - - x' nests
    # block lists on one line) or a new line. Few of them: not deep, no scan.
    if brackets + sum(map(text.count, _ASCII_NESTING_MARKS if text.isascii() else _NESTING_MARKS)) <= _MAX_NESTING:
        return None
    # libyaml's parser keeps its own stack, so reading the events is safe; the
    # bracket check above keeps its cost on deep flow collections bounded.
    try:
        return _deepest(text, _Loader)
    except yaml.reader.ReaderError:
        return None  # a character YAML does not allow: the real parse refuses it before any nesting
    except yaml.MarkedYAMLError as exc:
        if not _is_nesting_limit(exc):
            return None  # reported by the real parse, which stops at the same place
    # A libyaml that refuses deep nesting before this check's limit: the
    # pure-Python parser has no limit of its own, so it finds the same place
    # whatever libyaml's version is.
    try:
        return _deepest(text, yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _deepest(text: str, loader) -> Problem | None:
    """The first collection that opens past _MAX_NESTING levels, from the parser's events."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > _MAX_NESTING:
                mark = event.start_mark
                return _too_deep(mark.line + 1, mark.column + 1) if mark is not None else _too_deep(1, 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def _is_nesting_limit(exc: yaml.MarkedYAMLError) -> bool:
    """libyaml's own depth limit (PyYAML 6.0.4 and newer): 'exceeded maximum nesting depth'."""
    return "nesting depth" in f"{exc.problem or ''} {exc.context or ''}"


def _too_deep(line: int, column: int) -> Problem:
    return Problem("LAT008", f"the YAML nests more than {_MAX_NESTING} levels deep; a case file nests at most {MAX_DEPTH}, so it was not parsed", line, column)


def _first_key(node, key: str):
    """Where the first plain-text key ``key`` of a mapping node is written."""
    return next(k.start_mark for k, _v in node.value if isinstance(k, yaml.ScalarNode) and k.tag != _MERGE and k.value == key)


class _TooManyValues(Exception):
    """Raised by the builder past MAX_VALUES nodes, with the mark of the last one."""


class _Builder:
    """Node tree → plain data, catching what PyYAML's constructor accepts silently."""

    def __init__(self, problems: list, text: str, differences: list):
        self.problems = problems
        self.differences = differences
        # ids of the nodes built; None when the text has no anchor ('&'): then no
        # node can be reached twice (an alias of an unknown anchor does not compose)
        self.seen: set[int] | None = set() if "&" in text else None
        self.count = 0
        self.text = text
        self.aliases: dict | None = None  # anchored node's start -> marks of its aliases, in order

    def _alias_mark(self, node):
        """Where the next alias of ``node`` is written. The composer hands every
        alias the anchored node itself, so only the parser's events know."""
        if self.aliases is None:
            self.aliases = {}
            anchors: dict[str, tuple[int, int]] = {}  # anchor name -> where its node starts
            try:
                for event in yaml.parse(self.text, Loader=_Loader):
                    if isinstance(event, yaml.AliasEvent) and event.anchor in anchors:
                        self.aliases.setdefault(anchors[event.anchor], deque()).append(event.start_mark)
                    elif isinstance(event, yaml.NodeEvent) and event.anchor is not None and event.start_mark is not None:
                        anchors[event.anchor] = (event.start_mark.line, event.start_mark.column)
            except yaml.YAMLError:
                pass
        marks = self.aliases.get((node.start_mark.line, node.start_mark.column))
        return marks.popleft() if marks else None

    def _text(self, node, path) -> str:
        """A text scalar's value, noting a plain one that YAML 1.2 reads otherwise."""
        text = node.value
        if not node.style and (text[:1] in CORE_NOT_TEXT_FIRSTS or text in _SPEC_ONLY_BOOL):
            differs, other = _text_reading(text)
            if text in _SPEC_ONLY_BOOL:  # YAML 1.1's y/n: text to PyYAML and YAML 1.2, booleans to other 1.1 readers
                self.differences.append(Difference(join_pointer(path), text, other, text))
            elif differs:
                self.differences.append(Difference(join_pointer(path), text, text, other))
        return text

    def _problem(self, code: str, message: str, mark, path) -> None:
        self.problems.append(Problem(code, message, mark.line + 1, mark.column + 1, join_pointer(path)))

    def build(self, node, path: tuple, depth: int, key_mark=None) -> object:
        self.count += 1  # aliases count too: each one is a finding
        if self.count > MAX_VALUES:
            raise _TooManyValues(node.start_mark)
        if self.seen is not None:
            if id(node) in self.seen:
                where = self._alias_mark(node) or key_mark or node.start_mark
                self._problem("LAT006", f"'{join_pointer(path) or '/'}' reuses an anchored value through an alias; aliases and anchors are not allowed in case files, write the value out", where, path)
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._problem("LAT008", f"the YAML nests more than {MAX_DEPTH} levels deep; a case file nests at most four", node.start_mark, path)
            return None
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return self._text(node, path)
            if tag in _SCALAR_TAGS:
                try:
                    value = _constructor.yaml_constructors[tag](_constructor, node)
                    if type(value) is int and value.bit_length() > _HUGE_BITS:
                        str(value)  # a hexadecimal or octal number past Python's int-to-text limit: every message would fail on it
                except (ValueError, OverflowError, yaml.YAMLError) as exc:
                    reason = _TOO_MANY_DIGITS if "integer string conversion" in str(exc) else str(exc)[:60]
                    self._problem("LAT008", f"'{node.value[:40]}' cannot be read as {tag.rsplit(':', 1)[-1]} ({reason}); quote it if it is text", node.start_mark, path)
                    return node.value
                if not node.style:  # plain: YAML 1.2 may read it otherwise
                    other = core_value(node.value)
                    if not same_value(value, other):
                        self.differences.append(Difference(join_pointer(path), node.value, value, other))
                return value
            if tag in (_MERGE, _VALUE) and not node.style:
                # YAML 1.1's merge key '<<' and value key '=' as a value: text in YAML 1.2
                self.differences.append(Difference(join_pointer(path), node.value, tag, node.value))
                return node.value
            self._tag_problem(node, path)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                self._tag_problem(node, path)
            items: list = []
            inline = self.seen is None and depth < MAX_DEPTH  # text taken here, as in a mapping (below)
            for i, item in enumerate(node.value):
                if inline and item.tag == _STR and isinstance(item, yaml.ScalarNode):
                    self.count += 1
                    if self.count > MAX_VALUES:
                        raise _TooManyValues(item.start_mark)
                    text = item.value
                    if not item.style and (text[:1] in CORE_NOT_TEXT_FIRSTS or text in _SPEC_ONLY_BOOL):
                        text = self._text(item, path + (i,))
                    items.append(text)
                else:
                    items.append(self.build(item, path + (i,), depth + 1))
            return items
        if tag != _MAP:
            self._tag_problem(node, path)
        result: dict = {}
        # a text value is taken here, as build() would: most values are text, and a call each costs
        inline = self.seen is None and depth < MAX_DEPTH
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # valid YAML, but no field name: a policy of case files (LAT012)
                what = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                self._problem(
                    "LAT012",
                    f"a key is {what}, not plain text; case files take plain keys only, because every key is the name of a field of the schema (this member is not read)",
                    key_node.start_mark,
                    path,
                )
                continue
            if key_node.tag == _MERGE:
                self._problem("LAT001", "a key must be plain text, not a merge key '<<'", key_node.start_mark, path)
                continue
            key = key_node.value
            if key in result:
                line = _first_key(node, key).line + 1
                self._problem(
                    "LAT005", f"duplicate key '{key}' (first defined at line {line}); YAML would silently keep only the last value, so one of them is lost", key_node.start_mark, path + (key,)
                )
                continue
            if inline and value_node.tag == _STR and isinstance(value_node, yaml.ScalarNode):
                self.count += 1
                if self.count > MAX_VALUES:
                    raise _TooManyValues(value_node.start_mark)
                text = value_node.value
                if not value_node.style and (text[:1] in CORE_NOT_TEXT_FIRSTS or text in _SPEC_ONLY_BOOL):
                    text = self._text(value_node, path + (key,))
                result[key] = text
            else:
                result[key] = self.build(value_node, path + (key,), depth + 1, key_node.start_mark)
        return result

    def _tag_problem(self, node, path) -> None:
        self._problem("LAT009", f"explicit YAML tag '{node.tag}' is not allowed in case files; tags are never constructed, remove it", node.start_mark, path)
