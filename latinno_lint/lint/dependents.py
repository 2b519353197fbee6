"""Cases a run does not check but breaks: LAT405 for a case whose ``related``
names an id that the files of this run renamed or deleted.

A pre-commit run checks only the files of a commit. When that commit renames a
case's id or deletes a case, another case that still relates to it is not among
them, so the run looks at the index for such cases and reports them, naming
the files it checked."""

from __future__ import annotations

from pathlib import Path

from ..finding import show
from . import dataset
from .config import Config
from .engine import Case, FileResult, check_document, make_finding
from .files import read_stamped
from .source import parse_bytes

DEPENDENT_CODE = "LAT405"


def dependents(items: list, config: Config, indexes: dict) -> list:
    """FileResults for cases of the dataset that this run does not check and whose
    ``related`` names an id no case has any more: a run on the files of a commit
    that renames a case's id, or deletes a case, must not pass while another
    case still points at it. Their LAT405 findings name the files this run
    checked. One pass over the index entries; a file is parsed only when it has
    such a relation (rare)."""
    if not indexes or not config.enabled(DEPENDENT_CODE):
        return []
    checked: dict = {}  # id(index) -> (root, index, {resolved path: display path})
    for display, file, problem, resolved in items:
        root, index = indexes.get(display, (None, None))
        if problem is None and index is not None and root is not None:
            group = checked.setdefault(id(index), (root, index, {}))
            group[2][str(resolved or dataset.resolve(Path(file)))] = display
    results = []
    for root, index, mine in checked.values():
        dangling = getattr(index, "dangling", None)
        if dangling is not None:  # the index file knows them, and where their relations are written
            for entry, places, comments in dangling(set(mine)):
                result = _dependent(entry, root, index, config, sorted(mine.values())) if places is None or comments else _known(entry, places, index, config, sorted(mine.values()))
                if result is not None:
                    results.append(result)
            continue
        ids = index.by_id
        for entry in index.entries:
            related = entry[5]
            if not related or entry[0] in mine:
                continue
            if any(isinstance(other, str) and other not in ids and other != entry[1] for other in related):
                result = _dependent(entry, root, index, config, sorted(mine.values()))
                if result is not None:
                    results.append(result)
    return results


def _dependent(entry, root, index, config: Config, checked: list):
    display = index.display(entry)
    if not config.enabled(DEPENDENT_CODE, display):
        return None
    raw, _stamp, problem = read_stamped(Path(entry[0]))
    doc = parse_bytes(raw) if raw is not None else None
    if doc is None or not doc.ok:
        return None  # gone or broken since the index read it: its own check says so
    found = check_document(doc, display, Path(entry[0]), config, index, root, scopes={"dataset"}, resolved=Path(entry[0]))[0]
    shown = _shown(checked)
    case = Case(doc.data, display, Path(entry[0]), config, root)
    findings = [_renamed(f, _message(case.get(f.pointer), shown)) for f in found if f.code == DEPENDENT_CODE]
    return FileResult(display, findings) if findings else None


def _known(entry, places, index, config: Config, checked: list):
    """_dependent() without parsing the file: the index file says where each
    relation's id is written, and the file has no suppression comment."""
    display = index.display(entry)
    if not config.enabled(DEPENDENT_CODE, display):
        return None
    shown = _shown(checked)
    findings = []
    for place, target, line, column, end_line, end_column in sorted(places):
        pointer = f"/related/{place}/id"
        original = make_finding(
            DEPENDENT_CODE, display, (line, column, end_line, end_column), f"related id {show(target)} is not the id of any case in the dataset: correct the id, or add that case", config, pointer
        )
        findings.append(_renamed(original, _message(target, shown)))
    return FileResult(display, findings) if findings else None


def _shown(checked: list) -> str:
    return ", ".join(checked[:3]) + (f" and {len(checked) - 3} more" if len(checked) > 3 else "")


def _message(target, shown: str) -> str:
    return f"related id {show(target)} names no case of the dataset any more: {shown}, checked in this run, may have renamed or removed that case; restore its id, or correct this relation"


def _renamed(finding, message: str):
    return type(finding)(*(message if name == "message" else getattr(finding, name) for name in finding.__slots__))
