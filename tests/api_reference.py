"""docs/python-api.md, generated from the public API's signatures and docstrings.

    .venv/bin/python tests/api_reference.py > docs/python-api.md

tests/test_public_api.py fails when the page differs from what this prints, so
the reference cannot drift from the code. The public API is what
``latinno_lint.__all__`` names, and the module ``latinno_lint.schema``.
"""

from __future__ import annotations

import inspect
import sys

import latinno_lint
from latinno_lint import schema

REGENERATE = ".venv/bin/python tests/api_reference.py > docs/python-api.md"

INTRO = """\
# Python API

<!-- Generated from the code's signatures and docstrings by
`{regenerate}`; a test fails when it is stale. -->

Projects that check LATINNO case files from Python import these names; every
other module of the package is internal and may change in any release. The
package ships `py.typed`, so a type checker checks your calls against the
annotations below. `import latinno_lint` is cheap: each name loads its module
on first use.

```python
from latinno_lint import Config, lint_paths, lint_text

report = lint_paths(["cases"], Config().with_overrides(select=["LAT1", "LAT2"]))
for finding in report.findings:  # sorted by path, line, column and code
    print(finding.path, finding.line, finding.code, finding.message)

case = "id: x\\nname: X\\ncountry: PE\\ndescription: A council.\\ninstitutional_design:\\n  frequency: often\\n"
[finding] = lint_text(case, config=Config(select=("LAT101",)))
assert (finding.line, finding.code) == (6, "LAT101")
```

For the schema alone, without the linter, see
[Using the schema and the linter](using-the-schema.md).
"""


def signature(name: str, obj: object, *, returns: bool = True) -> str:
    """``name(parameters) -> return`` as the source spells the annotations."""
    sig = inspect.signature(obj)  # type: ignore[arg-type]  # obj: a function or a class
    words, star = [], False
    for parameter in sig.parameters.values():
        if parameter.kind is parameter.KEYWORD_ONLY and not star:
            words.append("*")
            star = True
        word = parameter.name
        if parameter.annotation is not parameter.empty:
            word += f": {_spelt(parameter.annotation)}"
        if parameter.default is not parameter.empty:
            word += f" = {parameter.default!r}"
        words.append(word)
    text = f"{name}({', '.join(words)})"
    if returns and sig.return_annotation is not sig.empty:
        text += f" -> {_spelt(sig.return_annotation)}"
    return text


def _spelt(annotation: object) -> str:
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


def doc(obj: object) -> str:
    return inspect.cleandoc(obj.__doc__ or "")


def members(cls: type) -> list[str]:
    """The documented public members of a class, in the order they are defined."""
    out = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            out.append(f"- `{cls.__name__}.{name}` (property): {' '.join(doc(member).split())}")
        elif inspect.isfunction(member):
            out.append(f"- `{cls.__name__}.{signature(name, member)}`: {' '.join(doc(member).split())}")
    return out


def section(name: str, obj: object) -> str:
    parts = [f"## {name}", ""]
    if inspect.isclass(obj) and issubclass(obj, Exception):
        parts += [f"`class {name}(Exception)`", "", doc(obj)]
    elif inspect.isclass(obj):
        parts += ["```text", f"class {signature(name, obj, returns=False)}", "```", "", doc(obj)]
        listed = members(obj)
        if listed:
            parts += ["", *listed]
    else:
        parts += ["```text", signature(name, obj), "```", "", doc(obj)]
    return "\n".join(parts).rstrip() + "\n"


def schema_functions() -> list[tuple[str, object]]:
    found = []
    for name, value in vars(schema).items():
        function = inspect.unwrap(value)  # validator() is behind functools.lru_cache
        if not name.startswith("_") and inspect.isfunction(function) and function.__module__ == schema.__name__:
            found.append((name, function))
    return found


def markdown() -> str:
    parts = [INTRO.format(regenerate=REGENERATE)]
    for name in sorted((n for n in latinno_lint.__all__ if n != "__version__"), key=lambda n: (n[0].isupper(), n)):
        parts.append(section(name, getattr(latinno_lint, name)))
    parts.append(f"## latinno_lint.schema\n\n{doc(schema)}\n")
    for name, function in schema_functions():
        parts.append(section(f"schema.{name}", function).replace("## schema.", "### schema.", 1))
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(markdown())
