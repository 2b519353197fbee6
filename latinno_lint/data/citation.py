"""How to cite latinno-lint and the data it checks: one source for
CITATION.cff, the data package that ``export --datapackage`` writes, and the
npm package.

CITATION.cff (Citation File Format 1.2.0; GitHub's "Cite this repository",
Zenodo) is not in the wheel, so the package cannot read it; instead
``python3 dev.py generate`` writes it from :func:`citation`, and
tests/test_types.py fails when the committed file differs. Nothing here prints.
"""

from __future__ import annotations

from ..version import __version__

NAME = "latinno-lint"
LICENSE = "MIT"  # as pyproject.toml's `license` (a test checks that they agree)
AUTHORS = ({"name": "The latinno-lint maintainers"},)
ABSTRACT = "A JSON Schema for LATINNO case files (democratic innovations in Latin America, coded on the LATINNO vocabulary of the WZB Berlin Social Science Center) and a data-quality linter for them."
KEYWORDS = ("LATINNO", "democratic innovations", "Latin America", "JSON Schema", "data quality", "linter")
# The data the case files come from: Pogrebinschi, Thamy. (2017). LATINNO Dataset. Berlin: WZB.
LATINNO_DATASET = {
    "type": "data",
    "title": "LATINNO Dataset",
    "authors": [{"family-names": "Pogrebinschi", "given-names": "Thamy"}],
    "year": 2017,
    "publisher": {"name": "WZB Berlin Social Science Center", "city": "Berlin"},
    "url": "https://www.latinno.net",
}
HEADER = "# CITATION.cff: written by `python3 dev.py generate` from latinno_lint/data/citation.py; do not edit.\n"


def citation() -> dict:
    """The citation of latinno-lint as Citation File Format 1.2.0 data, with
    the LATINNO dataset as its reference."""
    return {
        "cff-version": "1.2.0",
        "message": "If you use latinno-lint, please cite it as below, and cite the LATINNO dataset whose cases it checks.",
        "type": "software",
        "title": NAME,
        "abstract": ABSTRACT,
        "authors": [dict(author) for author in AUTHORS],
        "version": __version__,
        "license": LICENSE,
        "keywords": list(KEYWORDS),
        "references": [dict(LATINNO_DATASET)],
    }


def cff() -> str:
    """The text of CITATION.cff."""
    import yaml

    return HEADER + yaml.safe_dump(citation(), sort_keys=False, allow_unicode=True, width=100)


def reference_text(reference: dict) -> str:
    """A reference as one line: 'Pogrebinschi, Thamy. (2017). LATINNO Dataset. Berlin: WZB Berlin Social Science Center.'"""
    names = "; ".join(f"{a['family-names']}, {a['given-names']}" if "family-names" in a else a["name"] for a in reference["authors"])
    publisher = reference.get("publisher", {})
    place = f" {publisher['city']}: {publisher['name']}." if publisher.get("city") else f" {publisher['name']}." if publisher else ""
    return f"{names}. ({reference['year']}). {reference['title']}.{place}"


def sources() -> list[dict]:
    """The data package's ``sources``: the data the case files come from."""
    return [{"title": reference_text(reference), "path": reference["url"]} for reference in citation()["references"] if reference.get("url")]
