"""SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers.

``report(findings)`` is a pure function: the same findings give the same text.

Decisions, for the record:

- Every rule of the catalogue is a ``tool.driver.rules`` entry (not only the
  rules that found something), so ``ruleIndex`` is stable. Its ``help`` holds
  the rule's whole documentation page, as text and as Markdown, so a viewer
  needs no web page to explain a finding.
- ``helpUri`` and ``informationUri`` must be absolute URIs (SARIF 2.1.0
  schema: format "uri"). latinno-lint has no published web site, and a
  made-up host would be a broken link. So they are written only when the
  caller passes ``base_url``, the absolute URL of the checked repository's
  files at the commit being checked; the CLI derives it from the variables
  GitHub Actions sets (see :func:`repository_url`). Otherwise they are left
  out and ``help`` carries the documentation.
- A path becomes ``artifactLocation.uri`` relative to ``%SRCROOT%``, the folder
  latinno-lint ran in (GitHub code scanning reads relative URIs as relative to
  the repository root, so run it from there); an absolute path becomes a
  ``file:`` URI without a base. The URI percent-encodes the name's bytes as
  the file system has them (os.fsencode), so any name, UTF-8 or not, gives
  a valid URI.
- Columns count characters (``columnKind`` ``unicodeCodePoints``), as the
  text output does.
- ``partialFingerprints`` identify a finding by code, file and JSON pointer,
  so it stays the same alert when lines above it move. GitHub's upload action
  adds its own ``primaryLocationLineHash`` beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import urllib.parse
from pathlib import Path, PurePath

from ..finding import escape_json
from ..lint import rules
from ..version import __version__
from .ruledocs import anchor  # the heading anchors of docs/rules.md, defined once

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
RULES_DOC = "docs/rules.md"
_GITHUB_TEXT_LIMIT = 1024  # GitHub cuts shortDescription and fullDescription here


def repository_url(environ=os.environ, root: Path | None = None) -> str | None:
    """The absolute URL of the repository's files at the commit being checked,
    ending in '/', or None.

    Known only inside GitHub Actions (GITHUB_SERVER_URL, GITHUB_REPOSITORY and
    GITHUB_SHA are set), and only used when the checked-out repository
    (GITHUB_WORKSPACE, else ``root``, else the current folder) has
    docs/rules.md, so that the help links point at a page that exists.
    """
    server, repo, sha = (environ.get(k, "").strip() for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repo and sha):
        return None
    workspace = Path(environ.get("GITHUB_WORKSPACE") or root or Path.cwd())
    if not (workspace / RULES_DOC).is_file():
        return None
    return f"{server.rstrip('/')}/{urllib.parse.quote(repo)}/blob/{urllib.parse.quote(sha)}/"


def report(findings, *, base_url: str | None = None, baseline_state: str | None = None) -> str:
    """A SARIF 2.1.0 log (JSON text) with one run holding ``findings``; each
    result gets ``baseline_state`` as its ``baselineState`` when given (``"new"``
    for ``check --baseline``, which reports only the findings the baseline lacks)."""
    catalogue = list(rules.RULES.values())
    index = {rule.code: i for i, rule in enumerate(catalogue)}
    driver: dict[str, object] = {"name": "latinno-lint", "version": __version__, "semanticVersion": __version__}
    if base_url:
        driver["informationUri"] = base_url + "README.md"
    driver["rules"] = [_descriptor(rule, base_url) for rule in catalogue]
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The folder latinno-lint was run in (the repository root in CI)."}}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.code], baseline_state) for f in findings],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return escape_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def _descriptor(rule, base_url: str | None) -> dict:
    does = rule.section("What it does") or rule.summary
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _cut(rule.summary)},
        "fullDescription": {"text": _cut(" ".join(does.split()))},
        "defaultConfiguration": {"level": rule.severity},
        "help": {"text": _help(rule), "markdown": _help(rule, markdown=True)},
        "properties": {"tags": [rule.scope], "fixable": rule.fixable, "problem.severity": rule.severity},
    }
    if rule.options:
        descriptor["properties"]["options"] = dict(rule.options)
    if base_url:
        descriptor["helpUri"] = f"{base_url}{RULES_DOC}#{anchor(rule)}"
    return descriptor


def _help(rule, markdown: bool = False) -> str:
    fixable = ", fixable with --fix" if rule.fixable else ""
    title = f"**{rule.code} {rule.name}**" if markdown else f"{rule.code} {rule.name}"
    options = "".join(f"\n\nOption `{name}` (default `{value!r}`), set in [tool.latinno-lint.options]." for name, value in rule.options.items())
    return f"{title} ({rule.severity}{fixable})\n\n{rule.doc}{options}"


def _cut(text: str) -> str:
    return text if len(text) <= _GITHUB_TEXT_LIMIT else text[: _GITHUB_TEXT_LIMIT - 3] + "..."


def artifact_location(path: str) -> dict:
    """``artifactLocation`` for a finding's path: relative to %SRCROOT%, or an absolute file URI."""
    pure = PurePath(path)
    if pure.drive:  # Windows: C:/...
        return {"uri": pure.as_uri()}
    if pure.is_absolute():
        return {"uri": "file://" + urllib.parse.quote(os.fsencode(pure.as_posix()), safe="/")}
    relative = posixpath.normpath(pure.as_posix())
    return {"uri": urllib.parse.quote(os.fsencode(relative), safe="/"), "uriBaseId": SRCROOT}


def fingerprint(finding) -> str:
    """A stable identity: the code, the file and the JSON pointer (or, for
    findings without one, the line), not the message or the column."""
    where = finding.pointer or f"line {finding.line}"
    return hashlib.sha256(f"{finding.code}\0{finding.path}\0{where}".encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _result(finding, rule_index: int, baseline_state: str | None = None) -> dict:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line or finding.line,
        "endColumn": finding.end_column or finding.column,
    }
    properties = {"fixable": finding.fixable}
    if finding.pointer:
        properties["pointer"] = finding.pointer
    result = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": finding.severity,
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(finding.path), "region": region}}],
        "partialFingerprints": {"latinnoLintFinding/v1": fingerprint(finding)},
        "properties": properties,
    }
    if baseline_state:
        result["baselineState"] = baseline_state
    return result
