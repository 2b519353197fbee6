"""The real yaml-language-server (npm, run by node, spoken to over LSP) on a
case file that points at the schema with the template's modeline: what an
editor shows must agree with the vocabulary in the schema."""

from __future__ import annotations

import shutil
import time

import pytest

from latinno_lint import vocabulary

import nodejs
from conftest import ROOT

SETTINGS = {"yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}}
MODELINE = (ROOT / "templates" / "case.yaml").read_text(encoding="utf-8").splitlines()[0]

CASE = f"""{MODELINE}
id: x
name: X
country: PE
description: A case with a wrong frequency code and co_governance written yes.
start_year: 2012
institutional_design:
  frequency: regularly
  co_governance: yes
  selection: open
"""
LINES = CASE.splitlines()


def _at(text: str, line: int, occurrence: int = 0) -> dict:
    """The LSP position (0-based) of ``text`` on line ``line`` (0-based)."""
    return {"line": line, "character": LINES[line].index(text, occurrence)}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    nodejs.require()
    root = tmp_path_factory.mktemp("editor")
    (root / "schema").mkdir()
    shutil.copy(ROOT / "schema" / "case.schema.json", root / "schema")
    case = root / "cases" / "peru" / "x.yaml"
    case.parent.mkdir(parents=True)
    case.write_text(CASE, encoding="utf-8")
    lsp = nodejs.LanguageServer(root, SETTINGS)
    uri = case.as_uri()
    lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": CASE}})
    yield lsp, uri
    lsp.close()


@pytest.fixture(scope="module")
def diagnostics(server):
    """The schema diagnostics, once the server has loaded the schema (its first
    publication can come before that, empty)."""
    lsp, uri = server
    end = time.monotonic() + 30
    while time.monotonic() < end:
        found = lsp.diagnostics(uri, timeout=end - time.monotonic())
        if found:
            return found
    pytest.fail("yaml-language-server published no diagnostics for a case with two errors")


def _on_line(diagnostics: list, line: int) -> list:
    return [d for d in diagnostics if d["range"]["start"]["line"] == line]


def test_a_wrong_code_gives_one_diagnostic_at_the_value_listing_the_codes(diagnostics):
    line = LINES.index("  frequency: regularly")
    found = _on_line(diagnostics, line)
    assert len(found) == 1, found
    assert found[0]["range"]["start"] == _at("regularly", line)
    for code in vocabulary.dimension("frequency").values:
        assert f'"{code}"' in found[0]["message"], found[0]["message"]


def test_a_yaml_1_2_string_in_the_boolean_field_gives_one_diagnostic(diagnostics):
    # YAML 1.2 reads `yes` as text: the editor must say so once, at the value
    line = LINES.index("  co_governance: yes")
    found = _on_line(diagnostics, line)
    assert len(found) == 1, found
    assert found[0]["range"]["start"] == _at("yes", line)
    assert "true" in found[0]["message"] and "false" in found[0]["message"]
    assert len(diagnostics) == 2, diagnostics  # nothing else in the file is wrong


def _hover(server, position) -> str:
    lsp, uri = server
    answer = lsp.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    assert answer is not None, f"no hover at {position}"
    return answer["contents"]["value"]


@pytest.mark.parametrize("key", ["frequency", "co_governance", "selection"])
def test_hovering_a_dimension_key_shows_the_field_not_a_code(server, diagnostics, key):
    line = next(i for i, text in enumerate(LINES) if text.strip().startswith(f"{key}:"))
    shown = _hover(server, _at(key, line))
    dim = vocabulary.dimension(key)
    assert shown.startswith(f"#### {dim.title}\n"), shown
    assert dim.definition in shown
    for code in dim.codes:  # the allowed values follow, each with its label
        assert f"**{code.label}**" in shown


def test_hovering_a_plain_key_shows_its_title_and_definition(server, diagnostics):
    line = LINES.index("start_year: 2012")
    shown = _hover(server, _at("start_year", line))
    from latinno_lint.schema import schema

    prop = schema()["properties"]["start_year"]
    assert shown.startswith(f"#### {prop['title']}\n") and prop["description"] in shown, shown


def test_completion_offers_the_codes_with_their_labels(server, diagnostics):
    lsp, uri = server
    line = LINES.index("  selection: open")
    # complete on an emptied value: edit the document, ask, and put it back
    emptied = "\n".join(LINES[:line] + ["  selection: "] + LINES[line + 1 :]) + "\n"
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": emptied}]})
    try:
        answer = lsp.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": len("  selection: ")}})
    finally:
        lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": CASE}]})
    items = answer["items"] if isinstance(answer, dict) else answer
    dim = vocabulary.dimension("selection")
    assert [item["label"] for item in items] == dim.values
    for item, code in zip(items, dim.codes):
        documentation = item["documentation"]["value"]
        assert code.label in documentation and code.definition in documentation, item


def test_hovering_a_wrong_code_shows_the_field_not_the_first_code(server, diagnostics):
    line = LINES.index("  frequency: regularly")
    shown = _hover(server, _at("regularly", line))
    dim = vocabulary.dimension("frequency")
    assert shown.startswith(f"#### {dim.title}\n") and dim.definition in shown, shown


@pytest.mark.parametrize("key", ["end_year", "latinno_id"])
def test_key_completion_inserts_no_number_below_the_minimum(server, diagnostics, key):
    """yaml-language-server fills a number key with 0 unless the schema gives
    examples; 0 is below every number's minimum in a case."""
    lsp, uri = server
    line = len(LINES)  # a new line at the end of the document
    answer = lsp.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 0}})
    items = answer["items"] if isinstance(answer, dict) else answer
    item = next(i for i in items if i["label"] == key)
    inserted = item.get("insertText") or item["textEdit"]["newText"]
    assert inserted.startswith(f"{key}:") and "0}" not in inserted and not inserted.rstrip().endswith(" 0"), inserted
