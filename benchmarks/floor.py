#!/usr/bin/env python3
"""The floor for any linter that reports positions: read every case file under
DIR and build its node tree and data with PyYAML's C loader (compose + construct),
nothing else.

    python benchmarks/floor.py DIR

Prints the number of files read and how many did not parse.
"""

from __future__ import annotations

import os
import sys

import yaml


def main(folder: str) -> int:
    loader_class = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    files = broken = 0
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if not name.endswith((".yaml", ".yml")):
                continue
            with open(os.path.join(parent, name), "rb") as handle:
                raw = handle.read()
            files += 1
            try:
                loader = loader_class(raw.decode("utf-8"))
                try:
                    node = loader.get_single_node()
                    if node is not None:
                        loader.construct_document(node)
                finally:
                    loader.dispose()
            except (yaml.YAMLError, UnicodeDecodeError):
                broken += 1
    print(f"{files} files read, {broken} did not parse")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    sys.exit(main(sys.argv[1]))
