"""The built wheel ships the schema, the site's templates and py.typed, and the package reads the schema from the wheel."""

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(python_distributions):
    """The wheel `python3 dev.py dist` builds (from the sdist, as PyPI's users get it)."""
    return python_distributions["wheel"]


def test_wheel_contains_the_schema_and_the_command(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "latinno_lint/schemas/case.schema.json" in names
        assert archive.read("latinno_lint/schemas/case.schema.json") == (ROOT / "schema" / "case.schema.json").read_bytes()
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "latinno-lint = latinno_lint.cli:main" in archive.read(entry_points).decode()


def test_wheel_contains_the_site_templates(wheel):
    """latinno-lint site reads its templates, style sheet and script as package data."""
    templates = ROOT / "latinno_lint" / "site" / "templates"
    with zipfile.ZipFile(wheel) as archive:
        for file in sorted(templates.iterdir()):
            assert archive.read(f"latinno_lint/site/templates/{file.name}") == file.read_bytes()


def test_wheel_marks_the_package_as_typed(wheel):
    """PEP 561: with py.typed in the wheel, mypy and pyright read latinno_lint's
    annotations in projects that import it (lint_paths, lint_text, Finding)."""
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("latinno_lint/py.typed") == b""
        assert "latinno_lint/finding.py" in archive.namelist()
        assert archive.read("latinno_lint/types.py") == (ROOT / "latinno_lint" / "types.py").read_bytes()  # the generated TypedDicts


def test_schema_loads_from_the_installed_wheel_alone(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check", "--target", str(target), str(wheel)], check=True)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from latinno_lint import schema;"
        "assert schema.schema_path().name == 'case.schema.json';"
        "assert str(schema.__file__).startswith(sys.argv[1]);"
        "print(schema.schema_id(), schema.validator().is_valid({'id': 'x', 'name': 'n', 'country': 'PE', 'description': 'd'}))"
    )
    proc = subprocess.run([sys.executable, "-I", "-c", code, str(target)], capture_output=True, text=True, cwd=tmp_path)  # -I: not the checkout
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["urn:latinno-lint:schema:case:1.1.1", "True"]
