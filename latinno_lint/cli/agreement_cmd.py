"""latinno-lint agreement: how far independent codings of the same cases agree.

Krippendorff's alpha per field, with a bootstrap interval, and every case and
field that the codings coded differently, at file:line (docs/agreement.md).
Exit codes: 0 measured (and every alpha at least --min-alpha), 1 an alpha
below --min-alpha, 2 a usage error or a coding that cannot be measured.
"""

from __future__ import annotations

import argparse
import json
import math

from ..finding import escape, escape_json

NAME = "agreement"
HELP = "measure how far codings of the same cases agree (Krippendorff's alpha per field) and list every disagreement"


def _alpha(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; --min-alpha takes a number from -1 to 1, such as 0.8") from None
    if math.isnan(value) or not -1 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is outside -1 to 1, where alpha can be set as a bar (0.8 is the usual one)")
    return value


def add_arguments(p) -> None:
    p.add_argument("codings", nargs="*", metavar="CODING", help="two or more codings of the same cases: each a folder of case files or a git REF:PATH (such as coder-b:cases)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--min-alpha", type=_alpha, metavar="X", help="exit 1 when any alpha is below X (from -1 to 1; an undefined alpha does not fail)")
    p.add_argument("--verbose", action="store_true", help="text: also the coincidence table of each single-code field")


def run(args, out, err) -> int:
    from ..agreement import codings as codings_mod
    from ..agreement import report

    if len(args.codings) < 2:
        err.write("latinno-lint: agreement needs two codings or more (folders of case files or git REF:PATH specs) to compare\n")
        return 2
    twice = next((name for i, name in enumerate(args.codings) if name in args.codings[:i]), None)
    if twice is not None:
        err.write(f"latinno-lint: the coding {escape(twice)} is named twice; name each coding once\n")
        return 2
    try:
        codings = [codings_mod.read(spec) for spec in args.codings]
        measured = report.measure(codings)
    except codings_mod.CodingError as exc:
        err.write(f"latinno-lint: {exc}\n")
        return 2
    if measured.units == 0:
        err.write(f"latinno-lint: no case (matched by id) is in two of the codings {', '.join(escape(c) for c in args.codings)}: there is nothing to compare\n")
        return 2
    if args.format == "json":
        out.write(escape_json(json.dumps(report.as_json(measured), indent=2, ensure_ascii=False)) + "\n")
    else:
        out.write(report.text(measured, verbose=args.verbose))
    if args.min_alpha is not None:
        below = [m.name for m in measured.measures if m.result.alpha is not None and m.result.alpha < args.min_alpha]
        if below:
            err.write(f"latinno-lint: alpha below {args.min_alpha:g} for {len(below)} field{'s' if len(below) != 1 else ''}: {', '.join(below)}\n")
            return 1
    return 0
