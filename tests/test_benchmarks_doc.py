"""The manual (docs/speed.md) quotes the ratios of the committed BENCHMARKS.md, not others."""

import re

from conftest import ROOT


def test_readme_quotes_the_headline_ratios_of_benchmarks_md():
    benchmarks = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    readme = (ROOT / "docs" / "speed.md").read_text(encoding="utf-8")
    table = readme[readme.index("| target (issue 7) |") :]
    table = table[: table.index("\n\n")]
    sections = re.split(r"^### ", benchmarks, flags=re.M)[1:]
    # the sizes check-jsonschema ran over every file (a --scale run leaves it out at 400,000)
    sizes = [s for s in sections if s[0].isdigit() and "same files): **" in s]
    assert len(sizes) == 2
    for section in sizes:
        faster = re.search(r"same files\): \*\*([\d.]+x) faster\*\*", section).group(1)
        floor = re.search(r"\*\*([\d.]+x) the floor\*\*", section).group(1)
        one_file = re.search(r"takes \*\*([\d.]+x)\*\* the time", section).group(1)
        for figure in (faster, floor, one_file):
            assert figure in table, f"docs/speed.md's table lacks {figure} from BENCHMARKS.md"
