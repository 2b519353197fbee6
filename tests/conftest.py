import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
_MARKER = re.compile(r"#\s*expect(?P<next>-next-line)?:\s*(?P<codes>LAT\d{3}(?:\s*,\s*LAT\d{3})*)")


def expected_markers(raw: bytes) -> set:
    """(line, code) pairs marked in a fixture with '# expect: CODE' (this line)
    or a comment line '# expect-next-line: CODE' (the next line)."""
    found = set()
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        match = _MARKER.search(line)
        if match:
            target = number + 1 if match.group("next") else number
            for code in re.split(r"\s*,\s*", match.group("codes")):
                found.add((target, code))
    return found


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def dataset_rule(monkeypatch):
    """A cross-file rule for tests of the engine's two passes and the index cache:
    LAT499 reports an id that another case of the dataset also has."""
    from latinno_lint import rules
    from latinno_lint.finding import Hit

    def check(case, index):
        case_id = case.data.get("id")
        if index is not None and isinstance(case_id, str):
            others = index.others(index.by_id, case_id, case.file.resolve())
            if others:
                yield Hit("/id", f"id {case_id!r} is also in {', '.join(sorted(index.display(e) for e in others))}")

    rule = rules.Rule("LAT499", "test-duplicate-id", "error", "dataset", False, "Test rule.", check)
    monkeypatch.setitem(rules.RULES, "LAT499", rule)
    monkeypatch.setitem(rules.BY_NAME, rule.name, rule)
    return rule
