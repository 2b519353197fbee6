"""The modules of latinno_lint/ import one another in one direction, and only
each other's public names; and the subpackages stay in their layers.

Data flows one way (source -> validate/rules -> engine -> reporters -> cli), so
no module imports, directly or through others, a module that imports it back:
not at the top and not inside a function (a lazy import is still a dependency).
And no module imports another module's private names (``from .x import _y``):
what two modules share is public in the lower one, or lives in a module of its
own. A small walk over the source with ``ast``, no dependency.

Two kinds of import are not edges of the graph:
- a module's import of its own package or an ancestor (``from . import x``
  in a package's module): Python initialises a package before any module in it,
  so that import cannot run first. The package's top, ``latinno_lint`` (the
  public API, layer "top"), is the exception that a test of its own holds:
  no other module imports it (``from .. import __version__``), since what it
  re-exports lives in lower modules (``version.py``) that every layer may import;
- inside the rules package, the rule modules' import of the package's shared
  ``_common`` module (private to the package, public within it).
"""

import ast
import re

import pytest

from conftest import ROOT

PACKAGE = "latinno_lint"


def modules() -> dict[str, ast.Module]:
    """module name -> parsed source, for every module of the package."""
    found = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


MODULES = modules()


def is_package(name: str) -> bool:
    return (ROOT / name.replace(".", "/") / "__init__.py").is_file()


def imports(name: str, tree: ast.Module):
    """(imported module, names taken from it, line) for each import of a
    latinno_lint module in ``tree``, at any depth."""
    package = name if is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE:
                    yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != PACKAGE:
                continue
            taken = []
            for alias in node.names:
                if f"{target}.{alias.name}" in MODULES:  # `from . import engine`: a module
                    yield f"{target}.{alias.name}", (), node.lineno
                else:
                    taken.append(alias.name)
            if taken:
                yield target, tuple(taken), node.lineno


def graph() -> dict[str, set[str]]:
    edges = {}
    for name, tree in MODULES.items():
        edges[name] = set()
        for target, _names, _line in imports(name, tree):
            if target == name or name.startswith(target + "."):
                continue  # its own package, or an ancestor: initialised first
            edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle for each group of modules that import each other (Tarjan's
    strongly connected components), as a path that returns to its start."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(path_within(group, edges))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def path_within(group: set[str], edges: dict[str, set[str]]) -> list[str]:
    """A cycle through the first module of ``group``, for the message."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(edges[node] & group):
            if nxt == start:
                return paths[node] + [start]
            if nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                queue.append(nxt)
    return sorted(group)


def test_the_walk_sees_every_module_and_their_imports():
    edges = graph()
    assert {"latinno_lint.lint.engine", "latinno_lint.lint.runner", "latinno_lint.cli.check", "latinno_lint.lint.rules.lat101_unknown_code"} <= set(edges)
    assert "latinno_lint.lint.source" in edges["latinno_lint.lint.engine"]  # at the top
    assert "latinno_lint.lint.runner" in edges["latinno_lint.cli.check"]  # inside a function


def test_the_cycle_finder_finds_a_cycle_and_a_lazy_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    found = cycles(graph())
    assert not found, "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in found)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_the_private_names_of_another(name):
    private = []
    for target, names, line in imports(name, MODULES[name]):
        if target == "latinno_lint.lint.rules._common" and name.startswith("latinno_lint.lint.rules."):
            continue  # the rules package's shared module
        for taken in names:
            if taken.startswith("_") and not (taken.startswith("__") and taken.endswith("__")):
                private.append(f"line {line}: {taken} from {target}")
        if target.rpartition(".")[2].startswith("_") and target != name:
            private.append(f"line {line}: the private module {target}")
    assert not private, f"{name} imports private names: " + ", ".join(private)


# The layers of docs/architecture.md, lowest first: a module may import its own
# layer and the layers below it, never one above. `latinno_lint` itself (the
# public API) and `__main__` stand on top. report/ and data/ are side by side:
# neither imports the other; so are the rooms of layer 4 (agreement/, review/,
# site/), which stand on both and never import each other.
LAYERS = {
    "base": 0,  # finding, schema, vocabulary: what every stage shares
    "versions": 1,  # the schema's outline, and what changed between two versions
    "lint": 2,  # bytes -> findings
    "report": 3,  # findings -> text
    "data": 3,  # import, export, codebook, stats, tables
    "agreement": 4,  # coding reliability: codings read with lint/ and data/, measured
    "review": 4,  # a change to the data: the cases it changes, the findings it brings in (diff, --baseline)
    "site": 4,  # the dataset as a static website
    "cli": 5,  # the only printer
    "top": 6,  # the package's public face, and python -m latinno_lint
}


def layer(name: str) -> str:
    parts = name.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "top"
    if parts[1] in LAYERS and is_package(f"{PACKAGE}.{parts[1]}"):
        return parts[1]
    return "base"


def test_every_module_has_a_layer_and_every_subpackage_is_named():
    subpackages = {name.split(".")[1] for name in MODULES if name.count(".") >= 1 and is_package(".".join(name.split(".")[:2]))}
    assert subpackages == {"agreement", "cli", "data", "lint", "report", "review", "site", "versions"}
    assert {name.split(".")[1] for name in MODULES if layer(name) == "base"} == {"finding", "schema", "types", "version", "vocabulary"}


def test_no_module_imports_a_layer_above_its_own():
    upward = []
    for name, targets in sorted(graph().items()):
        for target in sorted(targets):
            if LAYERS[layer(target)] > LAYERS[layer(name)] or (layer(target) != layer(name) and LAYERS[layer(target)] == LAYERS[layer(name)]):
                upward.append(f"{name} ({layer(name)}) -> {target} ({layer(target)})")
    assert not upward, "imports against the layers: " + "; ".join(upward)


def test_the_layer_check_catches_an_upward_import():
    assert layer("latinno_lint.lint.engine") == "lint" and layer("latinno_lint.cli.check") == "cli"
    assert layer("latinno_lint.finding") == "base" and layer("latinno_lint") == "top"
    assert LAYERS[layer("latinno_lint.report.sarif")] > LAYERS[layer("latinno_lint.lint.engine")]


def imports_of_the_top(name: str, tree: ast.Module) -> list[str]:
    """Where module ``name`` imports the package's top, ``latinno_lint`` itself
    (``from .. import __version__``, ``import latinno_lint``): the graph skips an
    ancestor, so this looks for it on its own. A submodule taken from the top
    (``from .. import vocabulary``) is an import of that module, not of the top."""
    if layer(name) == "top":
        return []
    return [f"line {line}: {', '.join(names) or PACKAGE}" for target, names, line in imports(name, tree) if target == PACKAGE]


def test_no_module_below_the_top_imports_the_package_top():
    found = {name: lines for name, tree in sorted(MODULES.items()) if (lines := imports_of_the_top(name, tree))}
    assert not found, f"modules that import the package's top (import latinno_lint.version instead): {found}"


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("latinno_lint.lint.cache", "def key():\n    from .. import __version__\n"),  # the import this test was written for
        ("latinno_lint.lint.rules.lat101_unknown_code", "from ... import __version__\n"),
        ("latinno_lint.finding", "from . import __version__\n"),
        ("latinno_lint.report.sarif", "import latinno_lint\n"),
        ("latinno_lint.data.export", "from latinno_lint import lint_text\n"),
    ],
)
def test_the_top_check_catches_a_planted_import_of_the_top(name, source):
    assert imports_of_the_top(name, ast.parse(source)) != []
    assert all(name.startswith(target + ".") for target, _names, _line in imports(name, ast.parse(source)))  # an ancestor: the graph alone skips it


def test_the_top_check_lets_submodules_and_the_top_itself_be():
    assert imports_of_the_top("latinno_lint.lint.validate", ast.parse("from .. import vocabulary\nfrom ..version import __version__\n")) == []
    assert imports_of_the_top(PACKAGE, ast.parse("from .version import __version__\n")) == []


def test_the_architecture_page_names_every_module_where_it_lives():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rooms = "|".join(sorted(name for name in LAYERS if name not in ("base", "top")))
    named = set(re.findall(rf"`((?:{rooms})/(?:[a-z_]+/)*[a-z_]+\.py|[a-z_]+\.py)`", page))
    expected = set()
    for name in MODULES:
        parts = name.split(".")[1:]
        if not parts or parts[-1] == "__main__" or (len(parts) >= 2 and parts[:2] == ["lint", "rules"]) or is_package(name):
            continue
        expected.add("/".join(parts) + ".py")
    assert expected - named == set(), f"docs/architecture.md does not name {sorted(expected - named)}"
    missing = sorted(path for path in named if not (ROOT / PACKAGE / path).is_file())
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"
