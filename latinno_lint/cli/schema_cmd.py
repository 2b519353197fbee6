"""latinno-lint schema diff: what changed between two versions of the case
schema, and whether the new version number is bumped enough for it."""

from __future__ import annotations

import json
import os
import subprocess

NAME = "schema"
HELP = "compare two versions of the case schema (schema diff OLD NEW)"
FORMATS = ("text", "json")


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="schema_command", metavar="SUBCOMMAND", parser_class=type(p))
    sub.required = True
    d = sub.add_parser(
        "diff",
        help="list the changes from OLD to NEW, each with the version bump it needs",
        description="List the changes from OLD to NEW, each with the version bump it needs "
        "(docs/format.md, 'Versions of the case-file format'). OLD and NEW are schema files "
        "or git REF:PATH specs such as v1.0.0:schema/case.schema.json.",
    )
    d.add_argument("old", metavar="OLD", help="the old schema: a file, or REF:PATH read with git show")
    d.add_argument("new", metavar="NEW", help="the new schema: a file, or REF:PATH read with git show")
    d.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text, one line per change)")
    d.add_argument(
        "--check-version", action="store_true", help="exit 1 when NEW's version (x-latinno-format-version and the end of $id) is bumped less than the changes need, or its two versions disagree"
    )
    d.add_argument("--changelog", metavar="FILE", help="exit 1 when the newest '## Format X.Y.Z' section of FILE (CHANGELOG.md) does not name, in backticks, every code and key that changed")


class SpecError(Exception):
    """A schema that cannot be read; the message is one line."""


def read_spec(spec: str) -> dict:
    """The schema dict at ``spec``: a file, or (when no such file exists and it
    holds a ':') a git ``REF:PATH`` read with ``git show``."""
    if os.path.exists(spec) or ":" not in spec:
        try:
            with open(spec, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise SpecError(f"cannot read {spec!r}: {exc.strerror or exc}") from None
    else:
        raw = _git_show(spec)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SpecError(f"{spec!r}: not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise SpecError(f"{spec!r}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise SpecError(f"{spec!r}: not a JSON Schema (the file holds no JSON object)")
    return data


def _git_show(spec: str) -> bytes:
    ref, _, path = spec.partition(":")
    if not ref or not path:
        raise SpecError(f"{spec!r}: a git spec is REF:PATH, such as HEAD~1:schema/case.schema.json")
    try:
        run = subprocess.run(["git", "show", f"{ref}:{path}"], capture_output=True, timeout=60)
    except FileNotFoundError:
        raise SpecError(f"cannot read {spec!r}: no file of that name, and git is not installed to read it as REF:PATH") from None
    except subprocess.TimeoutExpired:
        raise SpecError(f"cannot read {spec!r}: git show took more than 60 s") from None
    if run.returncode != 0:
        lines = run.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[0].removeprefix("fatal: ") if lines else f"git show exited {run.returncode}"
        raise SpecError(f"cannot read {spec!r}: no such file, and git cannot show it: {reason!r}")
    return run.stdout


def run(args, out, err) -> int:
    from ..finding import escape, escape_json
    from ..versions import changes

    try:
        old, new = read_spec(args.old), read_spec(args.new)
        changelog = None
        if args.changelog:
            try:
                with open(args.changelog, encoding="utf-8") as handle:
                    changelog = handle.read()
            except (OSError, UnicodeDecodeError) as exc:
                raise SpecError(f"cannot read {args.changelog!r}: {getattr(exc, 'strerror', None) or exc}") from None
    except SpecError as exc:
        err.write(f"latinno-lint: {exc}\n")
        return 2
    result = changes.diff(old, new)
    if args.format == "json":
        out.write(escape_json(json.dumps(result.as_dict(), ensure_ascii=False, indent=2)) + "\n")  # a schema from a pull request: nothing raw
    else:
        for change in result.changes:  # the message names the place (the pointer is in --format json)
            out.write(f"{change.bump}: {escape(change.message)} [{change.kind}]\n")
        count = len(result.changes)
        err.write(
            f"{count} change{'s' if count != 1 else ''}, needing a {result.bump} version bump ({result.old.version or 'no version'} -> {result.new.version or 'no version'}).\n"
            if count
            else "No changes.\n"
        )
    failed = False
    if args.check_version:
        problems = changes.version_problems(result)
        for problem in problems:
            err.write(f"latinno-lint: version check failed: {problem}\n")
        failed = bool(problems)
    if changelog is not None:
        failed = _check_changelog(changes, result, changelog, args.changelog, err) or failed
    return 1 if failed else 0


def _check_changelog(changes, result, text: str, name: str, err) -> bool:
    """True (and why, on ``err``) when the changelog's newest format section
    does not fit the changes."""
    section = changes.newest_section(text)
    if not result.changes:
        return False
    if section is None:
        err.write(f"latinno-lint: {name!r} has no '## Format X.Y.Z' section to name the changes in\n")
        return True
    version, body = section
    failed = False
    if result.new.version and version != result.new.version:
        err.write(f"latinno-lint: the newest section of {name!r} is format {version!r}, but the new schema is {result.new.version}\n")
        failed = True
    missing = changes.unnamed(result.changes, body)
    if missing:
        err.write(f"latinno-lint: the newest section of {name!r} does not name {', '.join(f'`{m}`' for m in missing)} (write each changed code and key in backticks)\n")
        failed = True
    return failed
