"""The documentation site (mkdocs.yml, docs/): every page is on it, every
Python example runs, and every command example names a real sub-command and
real options. `python3 dev.py docs` builds the site with --strict (broken
links and anchors fail it); .ci/run does too."""

import contextlib
import io
import re
import shlex
import shutil

import pytest
import yaml

from latinno_lint.cli import build_parser

from conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)
SHELL = ("sh", "shell", "bash", "console")


def examples(language: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """(page, line, code) for each fenced block in one of ``language`` on the pages."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            if match["lang"] in language:
                body = "\n".join(line[len(match["indent"]) :] for line in match["body"].splitlines())
                found.append((page.name, text.count("\n", 0, match.start()) + 1, body))
    return found


def test_every_page_is_on_the_site():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs"
    if "nav" in config:  # a listed nav must list every page; without one MkDocs lists them all
        listed = set(re.findall(r"[\w./-]+\.md", yaml.safe_dump(config["nav"])))
        assert {page.name for page in PAGES} <= listed
    assert {"index.md", "architecture.md", "rules.md", "codebook.md"} <= {page.name for page in PAGES}


def test_there_are_examples_to_run():
    assert len(examples(("python",))) >= 2  # index.md and architecture.md have one each


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory):
    """A folder as the examples assume it: the dataset in cases/, one case as
    case.yaml, and the export a researcher reads (latinno.csv, datapackage.json)."""
    from latinno_lint.cli import main

    folder = tmp_path_factory.mktemp("reader")
    shutil.copytree(ROOT / "cases", folder / "cases")
    shutil.copy(ROOT / "cases" / "peru" / "open-government-action-plan.yaml", folder / "case.yaml")
    assert main(["export", str(folder / "cases"), "-o", str(folder / "latinno.csv"), "--datapackage"]) == 0
    return folder


@pytest.mark.parametrize("page, line, code", examples(("python",)), ids=lambda v: str(v)[:40])
def test_python_example_runs(page, line, code, monkeypatch, reader_folder):
    monkeypatch.chdir(reader_folder)  # as a reader with a copy of the dataset and its export would run it
    exec(compile("\n" * (line) + code, str(DOCS / page), "exec"), {"__name__": "__docs__"})


def parse_problem(argv: list[str]) -> str | None:
    """What the real parser says of ``argv`` (its usage error), or None when it
    parses: only argparse's public parse_args, so every option, choice and
    argument count is checked as a user's command line would be."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            build_parser(argv).parse_args(argv)
    except SystemExit as exit:
        if exit.code not in (0, None):
            return err.getvalue().strip().splitlines()[-1]
    return None


def command_lines():
    """(page, line, argv after the program) for each latinno-lint command in a shell example."""
    found = []
    for page, line, code in examples(SHELL):
        for offset, text in enumerate(code.splitlines()):
            text = re.sub(r"(^|\s)#.*$", "", text.removeprefix("$ "))
            if "[-" in text:  # a synopsis, not a command: parse one instance of it
                text = re.sub(r"([^\s|\[\]]+)(?:\|[^\s|\[\]]+)+", r"\1", text.replace("...", ""))  # a|b|c -> a
                text = re.sub(r"\bN\b", "1", text.replace("[", "").replace("]", ""))  # N: a number
            for part in re.split(r"\|\||&&|[|;]", text):
                try:
                    words = shlex.split(part)
                except ValueError:
                    continue
                for i, word in enumerate(words):
                    if word.rpartition("/")[2] == "latinno-lint":  # latinno-lint, .venv/bin/latinno-lint
                        argv = words[i + 1 :]
                    elif words[i : i + 2] == ["-m", "latinno_lint"] or (word.endswith("dev.py") and words[i + 1 : i + 2] == ["run"]):
                        argv = words[i + 2 :]
                    elif word.endswith("dev.py") and words[i + 1 : i + 2] == ["check"]:
                        argv = words[i + 1 :]
                    else:
                        continue
                    argv = [w for w in argv if w not in ("--debug",)]
                    argv = argv[: next((j for j, w in enumerate(argv) if w[:1] in "<>" or w[:2] in ("2>", "1>")), len(argv))]
                    found.append((page, line + 1 + offset, argv))
                    break
    return found


def test_command_lines_are_found():
    assert any(argv[:1] == ["check"] for _page, _line, argv in command_lines())
    assert any(argv[:1] == ["rules"] for _page, _line, argv in command_lines())


def test_a_wrong_option_or_command_is_caught():
    with pytest.raises(AssertionError, match="unrecognized arguments: --fixx"):
        test_shell_example_names_a_real_command_and_options("x.md", 1, ["check", "--fixx", "cases/"])
    with pytest.raises(AssertionError, match="invalid choice: 'chek'"):
        test_shell_example_names_a_real_command_and_options("x.md", 1, ["chek", "cases/"])
    with pytest.raises(AssertionError, match="invalid choice: 'yml'"):
        test_shell_example_names_a_real_command_and_options("x.md", 1, ["check", "--format", "yml", "cases/"])


@pytest.mark.parametrize("page, line, argv", command_lines(), ids=lambda v: str(v)[:40])
def test_shell_example_names_a_real_command_and_options(page, line, argv):
    problem = parse_problem(argv)
    assert problem is None, f"{page}:{line}: `latinno-lint {shlex.join(argv)}`: {problem}"
