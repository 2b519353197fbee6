#!/usr/bin/env python3
"""How fast other YAML readers load the case files under DIR, and whether they
read them as PyYAML does (what latinno-lint must keep: docs/speed.md).

    python benchmarks/readers.py DIR

Times each reader that is installed (the others are listed as such) over every
``*.yaml`` file under DIR in this process, and counts the files it reads
otherwise than ``yaml.load(..., Loader=yaml.CSafeLoader)``: values of another
type or value, or an error where PyYAML reads the file. None of them is a
dependency; install them into a separate environment to compare, e.g.
``pip install ryaml pyyaml-rs yaml-rs rapidyaml ruamel.yaml``.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import time

import yaml


def _files(folder: str) -> list[str]:
    found = []
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        found += [os.path.join(parent, n) for n in sorted(names) if n.endswith((".yaml", ".yml"))]
    return found


def _compose_construct(text: str):
    loader = yaml.CSafeLoader(text)
    try:
        return loader.construct_document(loader.get_single_node())
    finally:
        loader.dispose()


def _events(text: str) -> None:
    for _event in yaml.parse(text, Loader=yaml.CSafeLoader):
        pass


def _readers() -> list:
    """(name, load function or why it is missing)."""

    def module(name: str):
        try:
            return importlib.import_module(name)
        except ImportError:
            return None

    found: list = [
        (f"PyYAML {yaml.__version__} yaml.load, CSafeLoader", lambda t: yaml.load(t, Loader=yaml.CSafeLoader)),  # the safe loader
        ("PyYAML compose + construct (the floor)", _compose_construct),
        ("PyYAML CParser events only (no data)", _events),
    ]
    ryaml, pyyaml_rs, yaml_rs, ryml, ruamel = (module(n) for n in ("ryaml", "pyyaml_rs", "yaml_rs", "ryml", "ruamel.yaml"))
    found.append(("ryaml.loads", ryaml.loads if ryaml else "not installed"))
    found.append(("pyyaml_rs.safe_load", pyyaml_rs.safe_load if pyyaml_rs else "not installed"))
    found.append(("yaml_rs.loads", yaml_rs.loads if yaml_rs else "not installed"))
    if ruamel is not None:
        found.append(("ruamel.yaml C loader, typ='safe'", ruamel.YAML(typ="safe", pure=False).load))
    else:
        found.append(("ruamel.yaml C loader, typ='safe'", "not installed"))
    found.append(("rapidyaml parse_in_arena (tree only, no data)", (lambda t: ryml.parse_in_arena(t.encode()) and None) if ryml else "not installed"))
    return found


def main(folder: str) -> int:
    gc.disable()
    texts = []
    for name in _files(folder):
        with open(name, "rb") as handle:
            texts.append(handle.read().decode("utf-8", "replace"))

    def reference(text):
        try:
            return yaml.load(text, Loader=yaml.CSafeLoader)  # the safe loader
        except yaml.YAMLError:
            return "error"

    expected = [reference(t) for t in texts]
    print(f"{len(texts)} files under {folder}")
    for name, load in _readers():
        if isinstance(load, str):
            print(f"{name:48} {load}")
            continue
        got = []
        start = time.perf_counter()
        for text in texts:
            try:
                got.append(load(text))
            except Exception:  # any reader's error: the file did not read
                got.append("error")
        took = time.perf_counter() - start
        other = sum(1 for a, b in zip(got, expected) if not (type(a) is type(b) and a == b))
        print(f"{name:48} {took:6.3f} s  {other} files read otherwise than PyYAML")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    sys.exit(main(sys.argv[1]))
