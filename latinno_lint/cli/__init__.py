"""The command line: the only part of latinno-lint that prints.

Each sub-command is a module of this package with ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args, out, err) -> int``, registered in
COMMANDS. Exit codes: 0 success, 1 findings (or failures) that fail the run,
2 usage, configuration or internal error.

Only the module of the command being run is imported (a pre-commit run pays
for ``check`` alone); help, and a command line with no or an unknown command,
import them all.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from ..version import __version__

# command name -> module of this package, in the order help lists them
COMMANDS = {"check": "check", "rules": "rules_cmd"}
COMMANDS |= {"export": "export_cmd", "codebook": "codebook_cmd", "stats": "stats_cmd", "schema": "schema_cmd"}  # researchers, maintainers
COMMANDS |= {"import": "import_cmd"}  # contributors: latinno.net page text to case files
COMMANDS |= {"agreement": "agreement_cmd"}  # coding reliability: independent codings of the same cases
COMMANDS |= {"diff": "diff_cmd"}  # reviewers: what a change does to the cases
COMMANDS |= {"site": "site_cmd"}  # publishing: the cases as a static website

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with one line, as documented
        self.print_usage(sys.stderr)
        from ..finding import escape  # the message can quote an argument: a file name

        sys.stderr.write(f"{self.prog}: error: {escape(message)}\n")
        raise SystemExit(EXIT_ERROR)


def named_command(argv) -> str | None:
    """The command ``argv`` names (its first word that is not an option), or None
    for help or no command."""
    for arg in argv:
        if arg in ("-h", "--help", "--"):
            return None
        if not arg.startswith("-"):
            return arg
    return None


def command_modules(argv=None) -> list:
    """The modules of the commands needed to parse ``argv``: the one it names, or
    every command (for help, or when it names none or one that does not exist)."""
    name = named_command(argv if argv is not None else ("-h",))
    names = [name] if name in COMMANDS else list(COMMANDS)
    return [import_module(f".{COMMANDS[name]}", __name__) for name in names]


def _unknown_command(parser, name: str) -> None:
    """A usage error (exit 2) for a command that does not exist, with the nearest one."""
    import difflib

    close = difflib.get_close_matches(name, COMMANDS, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    parser.error(f"unknown command {name!r}{hint}; the commands are {', '.join(COMMANDS)}")


def build_parser(argv=None) -> argparse.ArgumentParser:
    """The parser of every command, or with ``argv`` of the commands it needs (see command_modules)."""
    parser = _Parser(prog="latinno-lint", description="Schema and data-quality linter for LATINNO case files.")
    parser.add_argument("--version", action="version", version=f"latinno-lint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a Python traceback on internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in command_modules(argv):
        p = sub.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show a Python traceback on internal errors")
        command.add_arguments(p)
        p.set_defaults(run=command.run, command_parser=p)
    return parser


def main(argv=None) -> int:
    """Run the command line ``argv`` (default: this program's arguments) and give the exit code."""
    if argv is not None:
        return _main(argv)
    try:
        return _main(sys.argv[1:])
    finally:
        # the program ends next: spare the interpreter's last collection a walk over every
        # object of the run (a pre-commit run's index of the whole dataset): ~6 ms of ~110
        import gc

        gc.freeze()


def _main(argv: list) -> int:
    err = sys.stderr
    if argv and argv[0] == "check":  # git compares the work tree while the run imports (lint/gitlist.py)
        from ..lint import gitlist

        gitlist.guess(argv)
    try:
        parser = build_parser(argv)  # imports the command's modules: the rules, and the schema's codes they name
        name = named_command(argv)
        if name is not None and name not in COMMANDS:
            _unknown_command(parser, name)
        args, unknown = parser.parse_known_args(argv)
    except Exception as exc:
        return _failed(exc, "--debug" in argv, err)
    if unknown:  # said by the command's own parser, so its usage is the one shown
        getattr(args, "command_parser", parser).error(f"unrecognized arguments: {' '.join(unknown)}")
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    out = sys.stdout
    for stream in (out, err):
        # a file name that is not UTF-8, or a terminal that is not, must not end the run
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return args.run(args, out, err)
    except KeyboardInterrupt:
        err.write("latinno-lint: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the promise: no traceback without --debug
        return _failed(exc, getattr(args, "debug", False), err)


# exceptions the user can act on, said in one line: a mistyped path (a usage error,
# whatever the command); a process of --jobs killed from outside (out of memory)
_SAID_IN_ONE_LINE = (("latinno_lint.lint.files", "PathNotFound"), ("latinno_lint.lint.pool", "WorkerFailed"))


def _failed(exc: Exception, debug: bool, err) -> int:
    """Exit 2 for an exception: one line naming the paths for a path that does not
    exist (lint.files.PathNotFound, raised wherever a command reads the paths it
    was given), or saying how a process of --jobs ended (lint.pool.WorkerFailed);
    else the traceback with --debug; else one line, which for a schema that the
    linter's code disagrees with says so (a maintainer's edit to fix, not a bug
    to report)."""
    from ..finding import escape

    # looked up, not imported: raised, it is loaded; and importing the vocabulary
    # here could fail again on the very schema that caused the exception
    vocabulary = sys.modules.get("latinno_lint.vocabulary")
    said = [getattr(sys.modules.get(module), name, None) for module, name in _SAID_IN_ONE_LINE]
    if isinstance(exc, tuple(kind for kind in said if kind is not None)):
        err.write(f"latinno-lint: {escape(str(exc))}\n")
    elif debug:
        import traceback

        traceback.print_exc(file=err)
    elif vocabulary is not None and isinstance(exc, vocabulary.VocabularyError):
        err.write(f"latinno-lint: {escape(str(exc))}\n")
    else:
        err.write(
            f"latinno-lint: internal error: {type(exc).__name__}: {escape(str(exc))}\n"
            "This is a bug in latinno-lint. Run the same command with --debug and report the output "
            "with the file that caused it.\n"
        )
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
