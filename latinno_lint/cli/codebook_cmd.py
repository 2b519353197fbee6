"""latinno-lint codebook: the codebook of the case-file format, as Markdown."""

from __future__ import annotations

from ..data import codebook, export
from ..finding import escape
from ..vocabulary import LANGS

NAME = "codebook"
HELP = "write the codebook (every field, its codes, labels, spellings and rules) as Markdown"


def add_arguments(p) -> None:
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the labels (default: en; English where the schema has none)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args, out, err) -> int:
    text = codebook.markdown(args.lang, columns=export.columns())
    if not args.output:
        out.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        err.write(f"latinno-lint: cannot write {escape(args.output)}: {exc.strerror or exc}\n")
        return 2
    return 0
