"""latinno-lint rules: the rule catalogue, or one rule's documentation page."""

from __future__ import annotations

from ..finding import escape
from ..lint import rules
from ..report import ruledocs

NAME = "rules"
HELP = "list the rules, or show the documentation of one rule"


def add_arguments(p) -> None:
    p.add_argument("rule", nargs="?", metavar="CODE", help="a rule code (LAT201) or name (restricted-citizens-only)")
    p.add_argument("--markdown", action="store_true", help=f"write the catalogue (or the rule's section) as Markdown, as in docs/rules.md: {ruledocs.REGENERATE}")


def run(args, out, err) -> int:
    if args.rule:
        rule = rules.get(args.rule)
        if rule is None:
            guess = rules.suggest(args.rule)
            hint = f" (did you mean {guess!r}?)" if guess else ""
            err.write(f"latinno-lint: unknown rule {escape(repr(args.rule))}{hint}; run 'latinno-lint rules' for the list\n")
            return 2
        out.write(ruledocs.section(rule) if args.markdown else page(rule))
        return 0
    if args.markdown:
        out.write(ruledocs.markdown())
        return 0
    out.write(f"{'code':<7} {'name':<34} {'severity':<8} {'fix':<3}  summary\n")
    for rule in rules.RULES.values():
        out.write(f"{rule.code:<7} {rule.name:<34} {rule.severity:<8} {'yes' if rule.fixable else '':<3}  {rule.summary}\n")
    return 0


def page(rule) -> str:
    head = f"{rule.code} {rule.name} ({rule.severity}{', fixable' if rule.fixable else ''})\n"
    options = "".join(f"\nOption {name} (default {value!r})\n" for name, value in rule.options.items())
    return f"{head}\n{rule.doc}\n{options}"
