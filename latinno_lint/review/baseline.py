"""The dataset at a git ref or in the working tree, and the findings one
version has that the other has not.

A version (`Version`) is the cases under the paths asked for, as parsed data
by path, and the findings ``check`` gives on them. Another commit's files are
read with git (data/gitrefs.py), written into a temporary folder at the
paths they have in the repository, and checked there by the same linter with
the same configuration as the working tree (its dataset root and the folder
of its per-file ignores moved along): only the data
differs. The folder is checked as the current folder, so the findings name
their files exactly as a run in the working tree does.

A finding is the same finding in both versions when its case, its rule code
and its field (the JSON pointer) are the same, wherever its line moved. Its
case is the file it is in, followed across a rename or a move by
casediff.match (the same ``id``, else the same ``latinno_id``); a file that
holds no case (it does not parse) is known by its path. Findings are counted,
not only compared: two of the same kind in one case are two.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..data import gitrefs
from ..finding import Finding
from ..lint.config import Config
from ..lint.files import discover, read_stamped
from ..lint.runner import lint_paths
from ..lint.source import parse_bytes
from .casediff import match


@dataclass
class Version:
    """One version of the dataset: ``ref`` as given (None: the working tree),
    its commit id, the parsed data of each case file by path (as the command
    line names it: under the paths given), and the findings of ``check``."""

    ref: str | None
    commit: str | None = None
    cases: dict[str, object] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _norm(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def _under(path: str, folders: list[str]) -> bool:
    return any(folder in (".", path) or path.startswith(folder.rstrip("/") + "/") for folder in folders)


def _dataset_roots(paths: list[str], config: Config) -> list[str]:
    """The folders a run on ``paths`` reads besides them: the dataset roots of
    the cross-file rules (the configured root, or the nearest cases/ folder)."""
    if config.cases_root is not None:
        return [_norm(os.path.relpath(config.cases_root))]
    roots = []
    for path in paths:
        parts = PurePosixPath(path).parts
        if "cases" in parts:
            last = len(parts) - 1 - parts[::-1].index("cases")
            roots.append(PurePosixPath(*parts[: last + 1]).as_posix())
    return roots


def _relocated(config: Config, old: Path, new: Path) -> Config:
    """``config`` for a copy of the folder ``old`` at ``new``: the dataset root
    and the folder of the per-file ignores move along when they lie inside ``old``."""

    def moved(path: Path | None) -> Path | None:
        if path is None or (path != old and old not in path.parents):
            return path
        return new / path.relative_to(old)

    copy = config.with_overrides()
    copy.cases_root, copy.base = moved(config.cases_root), moved(config.base)
    return copy


def at_ref(ref: str, paths: list[str], config: Config, *, jobs: int | None = None) -> Version:
    """The version at git ``ref`` of the cases under ``paths`` (named from the
    current folder), checked with ``config``. GitError when the ref or the
    repository cannot give them."""
    wanted = [_norm(p if not os.path.isabs(p) else os.path.relpath(p)) for p in paths]
    tree = gitrefs.tree(ref, sorted(set(wanted + _dataset_roots(wanted, config))), os.getcwd())
    contents = gitrefs.read(tree)
    version = Version(ref, tree.commit)
    version.cases = {path: parse_bytes(data).data for path, data in contents.items() if _under(path, wanted)}
    with tempfile.TemporaryDirectory(prefix="latinno-lint-") as folder:
        top = Path(folder).resolve() / "top"
        here = top / tree.prefix
        here.mkdir(parents=True)
        gitrefs.materialize(tree, contents, here)
        relocated = _relocated(config, tree.top.resolve(), top)
        with contextlib.chdir(here):
            present = [p for p in wanted if os.path.exists(p)]
            if present:
                version.findings = lint_paths(present, relocated, jobs=jobs, use_cache=False).findings
    return version


def at_work_tree(paths: list[str], config: Config, findings: list[Finding] | None = None) -> Version:
    """The version on disk of the cases under ``paths``, with its uncommitted and
    untracked files; its findings are ``findings`` when the caller has checked
    it already, else checked here."""
    version = Version(None)
    present = [p for p in paths if os.path.lexists(p)]  # a folder gone from the working tree holds no case, and no finding
    for display, given, _problem, _resolved in discover(present, config.cases_root) if present else ():
        if given is None:
            continue
        raw, _stamp, _why = read_stamped(Path(given))
        if raw is not None:
            version.cases[_norm(display)] = parse_bytes(raw).data
    if findings is None:
        findings = lint_paths(present, config, use_cache=False).findings if present else []
    version.findings = findings
    return version


def _identities(version: Version, renamed: dict[str, str]) -> list[tuple[tuple[str, str, str], Finding]]:
    identities = []
    for finding in version.findings:
        path = _norm(finding.path)
        identities.append(((renamed.get(path, path), finding.code, finding.pointer), finding))
    return identities


def compare(base: Version, head: Version) -> tuple[list[Finding], list[Finding], int]:
    """``(new, fixed, kept)``: the findings of ``head`` that ``base`` did not
    have, the findings of ``base`` that ``head`` no longer has, and how many
    of ``head``'s were already in ``base``."""
    renamed = {old: new for old, new in match(base.cases, head.cases)}
    old = _identities(base, renamed)
    now = _identities(head, {})
    old_count = Counter(key for key, _f in old)
    now_count = Counter(key for key, _f in now)
    new, kept = [], 0
    for key, finding in now:
        if old_count[key] > 0:
            old_count[key] -= 1
            kept += 1
        else:
            new.append(finding)
    fixed = []
    for key, finding in old:
        if now_count[key] > 0:
            now_count[key] -= 1
        else:
            fixed.append(finding)
    return new, fixed, kept
