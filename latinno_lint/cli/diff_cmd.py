"""latinno-lint diff: what a change does to the cases, field by field, and the
findings it brings in and mends.

``diff BASE [HEAD] [PATH ...]``: BASE and HEAD are git refs; without HEAD the
cases are compared with the working tree (with its uncommitted and untracked
files). The positional after BASE is HEAD when it names a git ref and no
file or folder that exists, else it is a PATH (a folder the working tree no
longer has is a PATH). PATH defaults to the dataset root, as for check (the configured cases-root or the nearest cases/). Exit codes: 0 the
comparison was made (whatever it found), 2 a ref or folder git cannot read,
or no case file on either side.
"""

from __future__ import annotations

import os

from ..data import gitrefs
from ..finding import escape
from ..lint import config as config_mod
from .output import emit

NAME = "diff"
HELP = "what a change does to the cases (BASE and HEAD are git refs; no HEAD: the working tree), field by field, and the findings it brings in and mends"
FORMATS = ("text", "json", "markdown")


def add_arguments(p) -> None:
    p.add_argument("base", metavar="BASE", help="the git ref to compare from (a branch, a tag, a commit)")
    p.add_argument(
        "rest",
        nargs="*",
        metavar="[HEAD] [PATH]",
        help="HEAD: the git ref to compare to (default: the working tree; the first is HEAD when it is a git ref and no file or folder here). PATH: case files or folders (default: the dataset root)",
    )
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the result to FILE instead of standard output")
    p.add_argument("--config", metavar="FILE", help="read [tool.latinno-lint] from FILE instead of the nearest pyproject.toml")


def split(rest: list[str]) -> tuple[str | None, list[str]]:
    """``(HEAD or None, PATHs)`` from the positionals after BASE: the first is
    HEAD when it is no file or folder on disk and git resolves it, else a PATH."""
    if not rest or os.path.lexists(rest[0]):
        return None, rest
    try:
        gitrefs.resolve(rest[0], os.getcwd())
    except gitrefs.GitError:
        return None, rest
    return rest[0], rest[1:]


def run(args, out, err) -> int:
    from ..lint import files
    from ..review import baseline, casediff, render

    head, paths = split(args.rest)
    try:
        cfg = config_mod.load(args.config)
    except config_mod.ConfigError as exc:
        err.write(f"latinno-lint: configuration error: {escape(str(exc))}\n")
        return 2
    if not paths:  # the dataset root, as check finds it; else cases/, which may be gone from the working tree only
        root = files.default_root(cfg.cases_root)
        paths = [files.shown(root) if root is not None else "cases"]
    try:
        old = baseline.at_ref(args.base, paths, cfg)
        new = baseline.at_ref(head, paths, cfg) if head is not None else baseline.at_work_tree(paths, cfg)
    except gitrefs.GitError as exc:
        err.write(f"latinno-lint: {exc}\n")
        return 2
    if not old.cases and not new.cases and not old.findings and not new.findings:
        named = ", ".join(escape(p) for p in paths)
        missing = next((p for p in paths if not os.path.lexists(p)), None)
        hint = f" ({escape(repr(missing))} is neither a git ref nor a file or folder here)" if missing is not None and head is None else ""
        err.write(f"latinno-lint: no case files in {named} at {escape(args.base)} or at {escape(head or 'the working tree')}{hint}; name the folders that hold the cases\n")
        return 2
    fresh, fixed, _kept = baseline.compare(old, new)
    review = render.Review(args.base, head, casediff.compare(old.cases, new.cases), fresh, fixed)
    text = render.as_json(review) if args.format == "json" else render.markdown(review) if args.format == "markdown" else render.text(review)
    return 0 if emit(text, args.output, out, err) else 2
