"""The rule catalogue as Markdown (docs/rules.md), built from the rules' own
documentation: a table of all rules, then one section per rule whose heading
``## LAT201 restricted-citizens-only`` has the GitHub anchor given by
:func:`anchor`, so that other outputs (SARIF helpUri) can link to it."""

from __future__ import annotations

import json

from ..lint import rules

TITLE = "# latinno-lint rules"
REGENERATE = "python3 dev.py run rules --markdown > docs/rules.md"


def anchor(rule: rules.Rule) -> str:
    """The fragment GitHub gives the rule's heading: 'lat201-restricted-citizens-only'."""
    return f"{rule.code.lower()}-{rule.name}"


def markdown() -> str:
    """The whole catalogue."""
    parts = [
        TITLE,
        "",
        "Generated from the rules' documentation by `latinno-lint rules --markdown`; do not edit it by hand.",
        f"Regenerate it with `{REGENERATE}`.",
        "",
        "Codes: LAT0xx file and YAML, LAT1xx schema, LAT2xx consistency between dimensions, LAT3xx completeness",
        "and text quality, LAT4xx cross-file, LAT9xx suppressions. A published code never changes meaning.",
        "A reviewed finding is accepted with a comment on its line or the line above,",
        "`# latinno-lint: ignore[LAT201] reason`; the reason is required.",
        "",
        "| code | name | severity | fixable | summary |",
        "|---|---|---|---|---|",
    ]
    for rule in rules.RULES.values():
        summary = rule.summary.replace("|", "\\|")
        parts.append(f"| [{rule.code}](#{anchor(rule)}) | {rule.name} | {rule.severity} | {'yes' if rule.fixable else ''} | {summary} |")
    for rule in rules.RULES.values():
        parts += ["", section(rule).rstrip("\n")]
    return "\n".join(parts) + "\n"


def section(rule: rules.Rule) -> str:
    """One rule's section: heading, facts, options, then its documentation page."""
    lines = [f"## {rule.code} {rule.name}", "", f"- Severity: {rule.severity}; fixable: {'yes' if rule.fixable else 'no'}; scope: {rule.scope}"]
    if rule.fields:
        lines.append("- Fields: " + ", ".join(f"`{f}`" if f else "every value" for f in rule.fields))
    if rule.options:
        settings = ", ".join(f"`{name} = {_toml(value)}`" for name, value in rule.options.items())
        lines.append(f"- Options (under `[tool.latinno-lint.options]`, with their defaults): {settings}")
    lines += ["", _demoted(rule.doc)]
    return "\n".join(lines) + "\n"


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value) if isinstance(value, str) else str(value)


def _demoted(doc: str) -> str:
    """The doc's '## ' headings one level down, leaving code blocks alone."""
    out, in_code = [], False
    for line in doc.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and line.startswith("#"):
            line = "#" + line
        out.append(line)
    return "\n".join(out)
