"""The case schema: where it lives, how to load it, a ready validator.

The schema ships inside the package (as ``latinno_lint.schemas``, mapped from the
repository's ``schema/`` folder at build time) and is read
with ``importlib.resources`` so it works from a wheel, a zip or a checkout.
"""

from __future__ import annotations

import functools
import json
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from jsonschema import Draft202012Validator
    from referencing import Registry

SCHEMA_RESOURCE = "case.schema.json"


def schema_path() -> Traversable:
    """The packaged schema file, as an ``importlib.resources`` Traversable.

    Installed from a wheel it is ``latinno_lint/schemas/case.schema.json``; in an
    editable install (a checkout) it is the checkout's ``schema/case.schema.json``.
    Use ``importlib.resources.as_file`` for a real file-system path.
    """
    from importlib import resources

    try:
        return resources.files("latinno_lint.schemas").joinpath(SCHEMA_RESOURCE)
    except ModuleNotFoundError:  # editable install: the mapped package is not importable
        return resources.files("latinno_lint").joinpath("..", "schema", SCHEMA_RESOURCE)


def schema_text() -> str:
    """The text of the case schema (JSON), read as plainly as it can be."""
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, "schemas", SCHEMA_RESOURCE), os.path.join(here, os.pardir, "schema", SCHEMA_RESOURCE)):
        try:  # the installed package or the checkout: a plain read, without importlib.resources (~8 ms)
            with open(candidate, encoding="utf-8") as handle:
                return handle.read()
        except OSError:
            continue
    return schema_path().read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _schema_cached() -> dict:
    return json.loads(schema_text())


def load_schema() -> dict:
    """A fresh copy of the case schema as a dict (safe to modify)."""
    return json.loads(schema_text())


def schema() -> dict:
    """The shared, cached schema dict. Do not modify it; use load_schema() for a copy."""
    return _schema_cached()


def schema_id() -> str:
    """The schema's ``$id``: ``urn:latinno-lint:schema:case:<format version>``."""
    return str(schema()["$id"])


def format_version() -> str:
    """The version of the case-file format (``x-latinno-format-version``), e.g. ``1.0.0``."""
    return str(schema()["x-latinno-format-version"])


@functools.lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    """A ready Draft 2020-12 validator for the case schema, with format checking.

    Built once per process; validators are safe to reuse.
    """
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def registry() -> Registry:
    """A ``referencing.Registry`` holding the case schema under its ``$id``, so
    other schemas can ``$ref`` it offline."""
    from referencing import Registry, Resource

    return Registry().with_resource(schema_id(), Resource.from_contents(schema()))
