"""The public API (README, "Python API") is typed and documented.

`from latinno_lint import lint_paths, lint_text, Finding` and the functions of
latinno_lint.schema: every parameter and every return value has an annotation,
and every one has a docstring, so that an editor shows them and a type checker
checks a caller against them (py.typed ships in the wheel: test_packaging.py).
mypy checks that the annotations are right (`.venv/bin/mypy`, run by .ci/run).
"""

import inspect
import subprocess
import sys

import pytest
from api_reference import REGENERATE, markdown

import latinno_lint
from latinno_lint import Config, ConfigError, FileResult, Report, schema

from conftest import ROOT

SCHEMA_FUNCTIONS = [
    inspect.unwrap(value)
    for name, value in vars(schema).items()  # unwrap: validator() is behind functools.lru_cache
    if not name.startswith("_") and inspect.isfunction(inspect.unwrap(value)) and value.__module__ == schema.__name__
]
FINDING_METHODS = [latinno_lint.Finding.__init__, latinno_lint.Finding.as_dict]
CONFIG_METHODS = [Config.__init__, Config.enabled, Config.severity_of, Config.option, Config.with_overrides]
PUBLIC = [latinno_lint.lint_paths, latinno_lint.lint_text, latinno_lint.load_config, *FINDING_METHODS, *CONFIG_METHODS, *SCHEMA_FUNCTIONS]


def test_the_schema_module_is_all_there():
    assert {f.__name__ for f in SCHEMA_FUNCTIONS} >= {"schema", "load_schema", "schema_path", "schema_text", "schema_id", "format_version", "validator", "registry"}


@pytest.mark.parametrize("function", PUBLIC, ids=lambda f: f.__qualname__)
def test_every_public_function_is_annotated_and_documented(function):
    signature = inspect.signature(function)
    missing = [name for name, p in signature.parameters.items() if name != "self" and p.annotation is inspect.Parameter.empty]
    assert not missing, f"{function.__qualname__}: parameters without a type: {missing}"
    assert signature.return_annotation is not inspect.Signature.empty, f"{function.__qualname__}: no return type"
    if function.__name__ != "__init__":  # a class documents its constructor
        assert (function.__doc__ or "").strip(), f"{function.__qualname__} has no docstring"


@pytest.mark.parametrize("cls", [latinno_lint.Finding, Report, FileResult, Config, ConfigError])
def test_the_result_types_are_documented_and_name_their_fields(cls):
    assert (cls.__doc__ or "").strip()
    if cls is latinno_lint.Finding:  # slots, and an annotation for each, for type checkers
        assert set(cls.__annotations__) == set(cls.__slots__)
    for name, member in vars(cls).items():
        if isinstance(member, property):
            assert (member.__doc__ or "").strip(), f"{cls.__name__}.{name} has no docstring"


def test_every_name_of_all_is_there_and_loads_lazily():
    assert set(latinno_lint.__all__) <= set(dir(latinno_lint))
    for name in latinno_lint.__all__:
        assert getattr(latinno_lint, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'lint_everything'"):
        latinno_lint.lint_everything  # noqa: B018
    probe = "import sys, latinno_lint; print(sorted(m for m in sys.modules if m.startswith('latinno_lint')))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['latinno_lint']"  # nothing else until a name is used


def test_the_python_api_page_is_generated_from_the_code():
    page = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    assert page == markdown(), f"docs/python-api.md is stale: regenerate it with `{REGENERATE}` and commit it"
    for name in latinno_lint.__all__:
        if name != "__version__":
            assert f"\n## {name}\n" in page
    assert "latinno_lint.lint." not in page.replace("``latinno_lint.lint.dataset``", "")  # internal paths stay out of the reference
