"""The codings that `latinno-lint agreement` compares, and what they measure.

A *coding* is one coder's case files: a folder (``coders/ana/cases``) or the
files under a path at a git ref (``coder-b:cases``, read with git's plumbing
by data/gitrefs.py, never through the working tree). It is named by the
argument as given, so two folders both called ``cases`` stay apart.

Each file is read with the linter's own YAML reader (lint/source.py), so that
every value keeps its line. A coding that cannot be measured as given is a
`CodingError`, one line for standard error and exit 2, never a guess:

- a folder or ref that does not exist, or holds no case file;
- a file that cannot be read or parsed (file:line and the reader's message),
  a case without an ``id`` or whose ``id`` another file of the coding has;
- a coded value of the wrong kind (a number where a code goes, a code where a
  list goes): `latinno-lint check` says what to write instead.

A value that is a string but no code of the schema is measured as written:
it is what the coder wrote, and it disagrees with any other code.

What is measured, the :class:`Field` list, is read from the schema
(`fields`): the top-level properties that list codes (``country``), the
properties that are a ``year`` (``start_year``, ``end_year``) and the LATINNO
coding dimensions of vocabulary.coding_dimensions(), single-code or, with
``multiple``, a set of codes. A field is *missing* for a case when it is left
out, empty (``null``, ``[]``) or named under ``undetermined``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import vocabulary
from ..data import gitrefs
from ..finding import escape
from ..lint import files, source
from ..schema import schema

YEAR = "year"  # the schema's $defs entry of a year: a property that is one is measured on the interval scale
_YEAR_KEYWORDS = ("type", "minimum", "maximum")  # what makes a year a year (not its examples or labels)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Hashable


class CodingError(Exception):
    """A coding that cannot be measured; the message is one escaped line."""


@dataclass(frozen=True)
class Field:
    """A measured field of a case: ``name`` as the report shows it
    (``institutional_design.frequency``), its ``pointer``, the ``metric`` of
    its alpha (nominal, interval, masi), its ``codes`` in schema order (for a
    set: the codes whose presence is measured one by one), the Python types
    its values may have, and whether it is a set of codes."""

    name: str
    pointer: str
    metric: str
    codes: tuple = ()
    types: tuple = (str,)
    multiple: bool = False

    @property
    def key(self) -> str:
        """Its key in the case, as ``undetermined`` names it."""
        return source.split_pointer(self.pointer)[-1]


def fields() -> list[Field]:
    """Every field that agreement measures, in the schema's order."""
    found = []
    listed = {where.removeprefix("properties/"): codes for where, _node, codes in vocabulary.code_lists() if where.startswith("properties/")}
    for key, prop in schema()["properties"].items():
        if key in listed:
            codes = tuple(code.value for code in listed[key])
            found.append(Field(key, f"/{key}", "nominal", codes, _types(codes)))
        elif _is_year(prop):
            found.append(Field(key, f"/{key}", "interval", (), (int,)))
    for dimension in vocabulary.coding_dimensions():
        name = dimension.pointer.strip("/").replace("/", ".")
        codes = tuple(dimension.values)
        found.append(Field(name, dimension.pointer, "masi" if dimension.multiple else "nominal", codes, _types(codes), dimension.multiple))
    return found


def _is_year(prop: dict) -> bool:
    """Whether a property is the schema's year: a reference to it, or its
    constraints written out beside a label (a `$ref` takes no siblings in the
    editors' schema readers, so a labelled field spells them out)."""
    year = schema()["$defs"][YEAR]
    return prop.get("$ref") == f"#/$defs/{YEAR}" or all(prop.get(keyword) == year.get(keyword) for keyword in _YEAR_KEYWORDS)


def _types(codes: tuple) -> tuple:
    return tuple(dict.fromkeys(type(code) for code in codes))


@dataclass
class Case:
    """One case of a coding: its ``id``, the file as shown (``path``) and the parsed document."""

    id: str
    path: str
    document: source.Document

    def value(self, measured: Field) -> Hashable | None:
        """The case's value of ``measured`` (a frozenset for a set of codes),
        or None when it is missing; CodingError for a value of the wrong kind."""
        data = self.document.data
        if measured.key in vocabulary.undetermined(data):
            return None
        for part in source.split_pointer(measured.pointer):
            data = data.get(part) if isinstance(data, dict) else None
        if data is None or data == []:
            return None
        if measured.multiple:
            if isinstance(data, list) and all(_is(item, measured.types) for item in data):
                return frozenset(data)
            expected = "a list of codes"
        elif _is(data, measured.types):
            return data
        else:
            expected = "a year" if measured.metric == "interval" else "a code"
        raise CodingError(f"{escape(self.path)}:{self.line(measured)}: {measured.name} is not {expected}; `latinno-lint check` says what to write instead")

    def line(self, measured: Field) -> int:
        """The line of the value of ``measured`` (of the case's mapping when it is left out)."""
        return self.document.span(measured.pointer).line


def _is(value: object, types: tuple) -> bool:
    return type(value) in types  # exactly: a bool is no int, and true no code "true"


@dataclass
class Coding:
    """The cases of one coding by ``id``; ``name`` is the argument as given."""

    name: str
    cases: dict[str, Case] = field(default_factory=dict)


def read(spec: str) -> Coding:
    """The coding that ``spec`` names: a folder, or a git ``REF:PATH``."""
    ref_path = gitrefs.split_spec(spec)
    if ref_path is None:
        files_read = _folder(spec)
    else:
        files_read = _ref(spec, *ref_path)
    if not files_read:
        raise CodingError(f"{escape(spec)} holds no case files (*.yaml, *.yml); a coding is a folder of case files or a git REF:PATH")
    coding = Coding(spec)
    for shown, raw in files_read:
        document = source.parse_bytes(raw)
        if not document.ok or not isinstance(document.data, dict):
            problem = document.problems[0] if document.problems else source.Problem("", "is not a mapping of keys such as id, name, country", 1, 1)
            raise CodingError(f"{escape(shown)}:{problem.line}: {escape(problem.message)}; `latinno-lint check` the coding before measuring it")
        case_id = document.data.get("id")
        if not isinstance(case_id, str) or not case_id:
            raise CodingError(f"{escape(shown)}:{document.span('/id').line}: the case has no id, which matches it across codings")
        if case_id in coding.cases:
            raise CodingError(f"{escape(shown)}: has the id {escape(repr(case_id))} of {escape(coding.cases[case_id].path)}; each case of a coding needs its own id")
        coding.cases[case_id] = Case(case_id, shown, document)
    return coding


def _folder(spec: str) -> list[tuple[str, bytes]]:
    folder = Path(spec)
    if not folder.exists():
        raise CodingError(f"{escape(spec)} does not exist: a coding is a folder of case files or a git REF:PATH (such as coder-b:cases)")
    if not folder.is_dir():
        raise CodingError(f"{escape(spec)} is not a folder: a coding is a folder of case files or a git REF:PATH (such as coder-b:cases)")
    found = []
    for shown, file, problem, _resolved in files.discover([folder], cases_root=folder):
        raw = None
        if file is not None:
            raw, _stamp, problem = files.read_stamped(Path(file))
        if raw is None:
            raise CodingError(f"{escape(shown)} {escape(problem or 'cannot be read')}")
        found.append((shown, raw))
    return found


def _ref(spec: str, ref: str, path: str) -> list[tuple[str, bytes]]:
    try:
        tree = gitrefs.tree(ref, [path])
        if tree.skipped:
            where, what = next(iter(sorted(tree.skipped.items())))
            raise CodingError(f"{escape(ref)}:{escape(where)} is {escape(what)}, not a case file; agreement reads only the files of {escape(spec)}")
        contents = gitrefs.read(tree)
    except gitrefs.GitError as exc:
        raise CodingError(str(exc)) from exc
    return [(f"{ref}:{name}", contents[name]) for name in sorted(contents)]
