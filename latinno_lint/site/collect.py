"""The cases and findings a site shows: the findings of ``check`` on the paths,
and the data of every file that parses to a mapping with an id, whatever its
errors. Each case gets a URL path segment that is safe whatever its id, and
unique: cases sharing an id get ``id``, ``id~2``, ... in path order."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..lint.files import read_stamped
from ..lint.source import parse_bytes

SAFE_SEGMENT = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")  # the slugs the schema asks for


@dataclass
class Case:
    path: str  # the file as check shows it
    data: dict
    findings: list
    segment: str = ""  # the URL path segment of its pages: DIR/<lang>/case/<segment>/index.html

    @property
    def id_text(self) -> str:
        return text_of(self.data.get("id"))


@dataclass
class Dataset:
    cases: list = field(default_factory=list)  # Case, in path order
    unreadable: list = field(default_factory=list)  # (path, findings): files with no case page
    findings: list = field(default_factory=list)  # every finding of the run, sorted as check prints them
    notes: list = field(default_factory=list)  # what the run could not see (check prints them on stderr)
    files: int = 0

    @property
    def duplicates(self) -> dict:
        """Case id (as text) -> the cases sharing it, for ids held by several files."""
        by_id: dict[str, list] = {}
        for case in self.cases:
            by_id.setdefault(case.id_text, []).append(case)
        return {key: found for key, found in sorted(by_id.items()) if len(found) > 1}


def text_of(value) -> str:
    """A value of any type as text: a string as it is, anything else as JSON (a
    value of the wrong type is shown, not dropped)."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    except ValueError:  # a structure json cannot walk
        return str(value)


def segment_of(case_id: str) -> str:
    """A URL path segment for a case id: the id itself when it is a plain slug,
    else an ASCII slug of it and a hash of the whole id (an id like ``../x``,
    ``a/b`` or ``<script>`` never reaches a path)."""
    if SAFE_SEGMENT.fullmatch(case_id):
        return case_id
    ascii_text = unicodedata.normalize("NFKD", case_id).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-") or "case"
    digest = hashlib.sha256(case_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{digest}"


def assign_segments(cases: list) -> None:
    """Give each case (in path order) a unique segment: a repeated one gets ~2, ~3, ..."""
    used: set[str] = set()
    for case in cases:
        base = segment_of(case.id_text)
        chosen, n = base, 1
        while chosen in used:
            n += 1
            chosen = f"{base}~{n}"
        used.add(chosen)
        case.segment = chosen


def collect(paths, config, jobs: int | None = None) -> Dataset:
    """Lint ``paths`` as check does (without the index cache: a site build writes
    only into its output folder), keeping the data the linter parsed; a file whose
    data the run did not keep (a small run, or no cross-file rule) is parsed again."""
    import time

    from ..lint import dataset
    from ..lint.files import discover
    from ..lint.passes import snapshot_data
    from ..lint.runner import run

    dataset.forget_folders()
    snapshots: dict[str, bytes] = {}
    report = run(discover(paths, config.cases_root), config, jobs, False, time.time_ns(), None, snapshots)
    found = Dataset(findings=report.findings, notes=list(dict.fromkeys(report.notes)), files=len(report.files))
    for result in sorted(report.files, key=lambda r: r.path):
        data = None
        if result.path in snapshots:
            data = snapshot_data(snapshots.pop(result.path))
        elif not any(f.code == "LAT010" for f in result.findings):  # never reopen what the linter would not read
            raw = read_stamped(Path(result.path))[0]
            if raw is not None:
                data = parse_bytes(raw).data
        if isinstance(data, dict) and data.get("id") is not None:
            found.cases.append(Case(result.path, data, result.findings))
        else:
            found.unreadable.append((result.path, result.findings))
    assign_segments(found.cases)
    return found
