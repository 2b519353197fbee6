import json
import re
import sys
from pathlib import Path

import pytest

from nobody import as_nobody  # noqa: F401 (a fixture: the tests of unreadable files run as 'nobody' when root)

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
_MARKER = re.compile(r"#\s*expect(?:(?P<next>-next-line)|\+(?P<plus>\d+))?:\s*(?P<codes>LAT\d{3}(?:\s*,\s*LAT\d{3})*)")


def expected_markers(raw: bytes) -> set:
    """(line, code) pairs marked in a fixture with '# expect: CODE' (this line),
    a comment line '# expect-next-line: CODE' (the next line), or '# expect+N:
    CODE' (N lines below: inside a block text, where a comment would be text)."""
    found = set()
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        match = _MARKER.search(line)
        if match:
            target = number + 1 if match.group("next") else number + int(match.group("plus") or 0)
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
    from latinno_lint.finding import Hit
    from latinno_lint.lint import rules

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


def deprecating_schema() -> dict:
    """The packaged schema with some codes deprecated, as a minor version would
    do it (tests/rules/LAT108 and tests/test_deprecated_code.py): `sporadic` is
    replaced by `regular`, `e_participation` by a new `digital_participation`,
    `social_equality` by `political_inclusion`; `private_stakeholders` has no
    replacement."""
    from latinno_lint.schema import load_schema
    from latinno_lint.vocabulary import CODES_KEYWORD

    root = load_schema()
    defs = root["$defs"]

    def code(dimension, value):
        node = defs[dimension]
        entries = node[CODES_KEYWORD] if CODES_KEYWORD in node else node["items"][CODES_KEYWORD]
        return entries, next(e for e in entries if e["const"] == value)

    for dimension, value, replacement in (
        ("frequency", "sporadic", "regular"),
        ("means", "e_participation", "digital_participation"),
        ("ends", "social_equality", "political_inclusion"),
        ("participants", "private_stakeholders", None),
    ):
        entries, entry = code(dimension, value)
        entry["deprecated"] = True
        if replacement is not None:
            entry["x-latinno-replaced-by"] = replacement
    entries, _ = code("means", "e_participation")
    entries.append({"const": "digital_participation", "title": "Digital Participation", "description": "Participation takes place through digital means."})
    root["x-latinno-format-version"] = "1.1.0"
    root["$id"] = root["$id"].rsplit(":", 1)[0] + ":1.1.0"
    return rederive(root)


def untranslated_schema(dimension: str, value, lang: str) -> dict:
    """The packaged schema with the ``lang`` label of one code taken out, as a
    code added without its translations would be: for the tests of the
    fall-back to English (the packaged schema labels every code in every language)."""
    from latinno_lint.schema import load_schema
    from latinno_lint.vocabulary import CODES_KEYWORD

    root = load_schema()
    node = root["$defs"][dimension]
    entries = node[CODES_KEYWORD] if CODES_KEYWORD in node else node["items"][CODES_KEYWORD]
    entry = next(e for e in entries if e["const"] == value)
    del entry["x-latinno-labels"][lang]
    return root


def rederive(root: dict) -> dict:
    """``root`` with the enum and descriptions of every list of codes made from
    its entries again, as a maintainer's edit of the entries must leave them."""
    from latinno_lint import vocabulary

    for _where, node, codes in vocabulary.code_lists(root):
        node.update(vocabulary.editor_view(codes))
    return root


def _clear_caches() -> None:
    """Forget everything latinno-lint computed from the schema (every lru_cache of its modules)."""
    for name, module in list(sys.modules.items()):
        if name == "latinno_lint" or name.startswith("latinno_lint."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                    value.cache_clear()


@pytest.fixture
def packaged_schema(monkeypatch):
    """``install(root)``: latinno-lint reads ``root`` as its packaged schema until the test ends."""
    from latinno_lint import schema

    def install(root: dict) -> None:
        text = json.dumps(root, ensure_ascii=False)
        monkeypatch.setattr(schema, "schema_text", lambda: text)
        _clear_caches()

    yield install
    monkeypatch.undo()
    _clear_caches()


def dev_module():
    """dev.py, imported: the tests build the distributions with its own functions."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def python_distributions(tmp_path_factory) -> dict:
    """The sdist and the wheel as `python3 dev.py dist` builds them (python -m
    build from this environment, reproducibly), built once per session:
    {"sdist": path, "wheel": path}."""
    out = tmp_path_factory.mktemp("dist")
    built = dev_module().build_python(Path(sys.executable), out)
    return {"sdist": next(p for p in built if p.name.endswith(".tar.gz")), "wheel": next(p for p in built if p.suffix == ".whl")}
