"""docs/rules.md is generated from the rules and must not drift from them;
its headings give the anchors that SARIF help links point at."""

import re

from latinno_lint.cli import main
from latinno_lint.lint.rules import RULES
from latinno_lint.report import ruledocs

from conftest import ROOT

DOC = ROOT / "docs" / "rules.md"


def github_anchor(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation other than '-' and '_' dropped, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_docs_rules_md_is_current():
    assert DOC.read_text(encoding="utf-8") == ruledocs.markdown(), f"docs/rules.md is stale: regenerate it with `{ruledocs.REGENERATE}` and commit it"


def test_every_rule_has_a_section_with_the_promised_anchor():
    text = ruledocs.markdown()
    anchors = [github_anchor(h) for h in re.findall(r"^## (.+)$", text, re.M)]
    assert anchors == [ruledocs.anchor(r) for r in RULES.values()]
    assert ruledocs.anchor(RULES["LAT201"]) == "lat201-restricted-citizens-only"
    for rule in RULES.values():
        assert f"| [{rule.code}](#{ruledocs.anchor(rule)}) | {rule.name} | {rule.severity} |" in text


def test_rule_pages_keep_their_code_blocks_and_demote_their_headings():
    section = ruledocs.section(RULES["LAT401"])
    assert "\n### Why is this bad\n" in section and "\n## Why" not in section
    assert "```yaml\n# file: cases/peru/example.yaml\n" in section
    assert "`min-description-length = 100`" in ruledocs.section(RULES["LAT303"])


def test_rules_markdown_command_prints_the_catalogue(capsys):
    assert main(["rules", "--markdown"]) == 0
    assert capsys.readouterr().out == ruledocs.markdown()
    assert main(["rules", "LAT201", "--markdown"]) == 0
    assert capsys.readouterr().out.startswith("## LAT201 restricted-citizens-only\n")


def test_sarif_help_links_point_at_these_headings():
    from latinno_lint.report import sarif

    for rule in RULES.values():
        assert sarif.anchor(rule) == ruledocs.anchor(rule)
