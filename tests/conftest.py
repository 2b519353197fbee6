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
