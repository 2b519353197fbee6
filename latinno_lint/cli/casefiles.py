"""Writing case files for ``import`` (pages and tables): where the editor modeline
points, a new file written without replacing one, the fields a replaced file loses."""

from __future__ import annotations

import os
from pathlib import Path

from ..lint.fix import write_atomic
from ..lint.source import parse_bytes, parse_text


class PageError(Exception):
    """A page that cannot be imported; the message says why, for one line."""


def modeline(path: Path):
    """The editor modeline pointing at the project's schema, when the dataset
    folder sits next to one (schema/case.schema.json); otherwise none."""
    folder = path.parent.parent.resolve()
    schema_file = folder.parent / "schema" / "case.schema.json"
    if not schema_file.is_file():
        return None
    relative = Path(os.path.relpath(schema_file, path.parent.resolve())).as_posix()
    return f"# yaml-language-server: $schema={relative}"


def write_new(path: Path, text: str, force: bool) -> list:
    """Write a new case file; with ``force`` replace one, returning the
    top-level fields of the old file the new one does not have."""
    data = text.encode("utf-8")
    root, folder = path.parent.parent.resolve(), path.parent.resolve()
    if folder != root and root not in folder.parents:
        raise PageError(f"not written: {path.parent} leads out of {path.parent.parent} through a symbolic link")
    try:
        if path.exists() or path.is_symlink():
            if not force:
                raise PageError(f"not written: {path} exists; give --force to overwrite it")
            if not path.is_file():
                raise PageError(f"not written: {path} exists and is not a file")
            lost = fields_gone(path, text)
            write_atomic(path, data)
            return lost
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as handle:  # "x": never replaces a file that appeared meanwhile
            handle.write(data)
        return []
    except FileExistsError:
        raise PageError(f"not written: {path} exists; give --force to overwrite it") from None
    except OSError as exc:
        raise PageError(f"not written: cannot write {path}: {exc.strerror}") from None


def fields_gone(path: Path, text: str) -> list:
    old = parse_bytes(path.read_bytes()).data
    new = parse_text(text).data
    if not isinstance(old, dict):
        return []
    return [str(key) for key in old if key not in new]
