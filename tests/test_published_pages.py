"""Case pages published by latinno-lint (issue 24): their text, as a browser
shows it, imports back to the same case in English, Spanish and Portuguese.

The pages here are built from the vocabulary in the layout docs/importing.md
describes ("Pages published by latinno-lint"): every heading, label and value
comes from the schema, the published line from published_line() and each
reason from undetermined_line(). latinno.net's own pages (the seeds, the
fixture pages) never carry that line; tests/test_importer.py holds what they
give, unchanged.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from latinno_lint import lint_text
from latinno_lint.cli import main
from latinno_lint.data.importer import import_page, published_line, undetermined_line
from latinno_lint.schema import format_version, schema
from latinno_lint.vocabulary import LANGS, UNDETERMINED, coding_dimensions, countries, country_choices, dimension, field_label, page_heading

from conftest import TESTS
from test_properties import PROPERTY, valid_cases

DESIGN = [d for d in coding_dimensions() if d.pointer.startswith("/institutional_design/")]
LISTS = [d for d in coding_dimensions() if not d.pointer.startswith("/institutional_design/")]
UNDETERMINED_KEYS = list(schema()["properties"][UNDETERMINED]["properties"])
SEEDS = TESTS / "fixtures" / "seeds"
PAGES = TESTS / "fixtures" / "pages"


# --- a page as latinno-lint publishes it, as a browser's innerText gives it ---------------


def country_line(case: dict, lang: str) -> str:
    choice = next(c for c in country_choices() if c.value == case["country"])
    if case["country"] != "transnational":
        return choice.label_in(lang)
    return f"{choice.label_in(lang)}: " + ", ".join(countries().code(code).label_in(lang) for code in case["countries"])


def value_lines(dim, value, lang: str, one_per_line: bool, short: bool) -> list[str]:
    if dim.multiple:
        labels = [dim.code(v).label_in(lang) for v in value]
        return labels if one_per_line else [" ".join(labels)]
    label = dim.code(value).label_in(lang)
    if short and ": " in label:  # "Co-gobernanza: sí" printed as latinno.net prints it, "sí"
        label = label.split(": ", 1)[1]
    return [label]


def page_text(case: dict, lang: str, *, gap: str = "\n\n", bullets: bool = True, one_per_line: bool = False, short: bool = False, nav: bool = True, bare_labels: bool = False) -> str:
    """The text of ``case``'s published page in ``lang``: blocks apart by ``gap``;
    list items with or without bullets; participant types on one line or one a
    line; co-governance as its label or its short form; the site's navigation
    before the country line or not; a label with no value for a dimension that
    is neither coded nor undetermined (``bare_labels``), or nothing."""
    design = case.get("institutional_design", {})
    undetermined = case.get(UNDETERMINED, {})
    blocks = [["LATINNO", " · ".join(LANGS)]] if nav else []
    blocks += [[country_line(case, lang)], [case["name"]], case["description"].split("\n")]
    pairs = []
    for dim in DESIGN:
        key = dim.pointer.rsplit("/", 1)[1]
        if key in design:
            pairs += [dim.title_in(lang), *value_lines(dim, design[key], lang, one_per_line, short)]
        elif key in undetermined:
            pairs += [dim.title_in(lang), undetermined_line(lang, undetermined[key])]
        elif bare_labels:
            pairs.append(dim.title_in(lang))
    blocks.append([field_label("institutional_design", lang), *pairs])
    for dim in LISTS:
        key = dim.pointer.lstrip("/")
        if key in case:
            items = [("• " if bullets and dim.name != "policy_cycle" else "") + dim.code(v).label_in(lang) for v in case[key]]
        elif key in undetermined:
            items = [undetermined_line(lang, undetermined[key])]
        else:
            items = []
        blocks.append([field_label(key, lang), *items])
    blocks.append([field_label("sources", lang), *(source["url"] for source in case.get("sources", ()))])
    blocks.append([page_heading("how_to_quote", lang), "Pogrebinschi, Thamy. (2017). LATINNO Dataset. Berlin: WZB."])
    blocks.append([published_line(lang)])
    return gap.join("\n".join(block) for block in blocks) + "\n"


def assert_same_case(imported: dict, case: dict) -> None:
    for key in ("name", "country", "countries", "institutional_design", "means", "ends", "policy_cycle", UNDETERMINED):
        assert imported.get(key) == case.get(key), key


# --- generated cases ------------------------------------------------------------------------

WORDS = st.sampled_from(["Consejo", "Council", "de", "Participação", "Mesa", "vecinal", "2016", "Ñuñoa", "Means", "regular", "Peru", "?", "(PB)", "São", "Paulo's", "—"])
LINE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
REASON = st.lists(st.sampled_from(["the", "report", "does", "not", "say", "el", "informe", "no", "lo", "dice", "fuentes:", "2019", "?"]), min_size=1, max_size=10).map(" ".join)


@st.composite
def published_cases(draw) -> dict:
    """A valid case (tests/test_properties.py) with a name and a description as
    a page shows them, and some of its uncoded dimensions undetermined."""
    case = draw(valid_cases())
    any_text = st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=30)
    case["name"] = draw(st.one_of(LINE, any_text).map(lambda s: " ".join(unicodedata.normalize("NFC", s).split())).filter(bool))
    case["description"] = "\n".join(draw(st.lists(LINE, min_size=1, max_size=3)))
    design = case.get("institutional_design", {})
    undetermined = {}
    for key in UNDETERMINED_KEYS:
        if key not in design and key not in case and draw(st.booleans()):
            undetermined[key] = draw(REASON)
    if undetermined:
        case[UNDETERMINED] = undetermined
    return case


@PROPERTY
@given(
    published_cases(),
    st.sampled_from(LANGS),
    st.fixed_dictionaries({"gap": st.sampled_from(["\n\n", "\n"]), **{flag: st.booleans() for flag in ("bullets", "one_per_line", "short", "nav", "bare_labels")}}),
)
def test_a_published_page_imports_to_the_same_case(case, lang, layout):
    result = import_page(page_text(case, lang, **layout))
    assert result.is_page
    assert_same_case(result.case, case)
    assert f"published with latinno-lint (case-file format {format_version()})" in result.case["notes"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_is_read_from_its_label_in_every_language(lang):
    base = {"id": "x", "name": "Mesa vecinal", "country": "PE", "description": "Una mesa."}
    checked = 0
    for dim in coding_dimensions():
        for code in dim.codes:
            value = [code.value] if dim.multiple else code.value
            where = dim.pointer.strip("/").split("/")
            case = {**base, where[0]: {where[1]: value}} if len(where) == 2 else {**base, where[0]: value}
            for short in (False, True):
                result = import_page(page_text(case, lang, short=short))
                assert_same_case(result.case, case)
                checked += 1
    assert checked == 2 * sum(len(d.codes) for d in coding_dimensions())


@pytest.mark.parametrize("lang", LANGS)
def test_published_line_names_latinno_lint_and_the_format_version(lang):
    line = published_line(lang)
    assert "latinno-lint" in line and f"({_format_words(lang)} {format_version()})" in line and "\n" not in line
    assert len({published_line(other) for other in LANGS}) == len(LANGS)


def _format_words(lang: str) -> str:
    """The words before the version in a published line: what the page says it was made from."""
    return re.search(r"\(([^()]*) [0-9]+\.[0-9]+\.[0-9]+\)", published_line(lang)).group(1)


FULL = {
    "id": "mesa-vecinal",
    "name": "Mesa vecinal",
    "country": "CL",
    "description": "Una mesa.",
    "institutional_design": {"participants": ["citizens", "civil_society"], "co_governance": False},
    "means": [c.value for c in dimension("means").codes],  # a full list is read too
    "ends": ["social_equality", "accountability"],
    "policy_cycle": ["implementation"],
    UNDETERMINED: {"frequency": "the decree does not say", "decisiveness": "no source tells"},
}


@pytest.mark.parametrize("version", ["0.0.1", "2.0.0", "13.104.7"])
@pytest.mark.parametrize("lang", LANGS)
def test_any_format_version_marks_a_published_page(lang, version):
    text = page_text(FULL, lang).replace(f" {format_version()})", f" {version})")
    result = import_page(text)
    assert_same_case(result.case, FULL)
    assert f"(case-file format {version})" in result.case["notes"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda line: line.replace(format_version(), format_version().rsplit(".", 1)[0]),  # no X.Y.Z
        lambda line: line.replace("latinno-lint", "latinno-tool"),
        lambda line: line[:-1],  # cut short
        lambda line: "",  # not there
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_without_the_whole_published_line_means_and_ends_are_never_read(lang, damage):
    text = page_text(FULL, lang).replace(published_line(lang), damage(published_line(lang)))
    case = import_page(text).case
    assert "means" not in case and "ends" not in case
    assert set(case[UNDETERMINED]) == {"means", "ends"} and "latinno.net" in case[UNDETERMINED]["means"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_published_line_elsewhere_on_a_latinno_net_page_changes_nothing_but_where_it_is_read(lang):
    """The seeds with the line added read their lists as coded: all four means
    and all five ends, as their text says; without it they give the committed cases."""
    for seed in SEEDS.iterdir():
        text = seed.read_text(encoding="utf-8")
        plain = import_page(text).case
        published = import_page(text + "\n" + published_line(lang) + "\n").case
        assert "means" not in plain
        assert published["means"] == dimension("means").values and published["ends"] == dimension("ends").values
        for key in ("name", "country", "institutional_design", "policy_cycle"):
            assert published.get(key) == plain.get(key), key


@pytest.mark.parametrize("lang", LANGS)
def test_undetermined_line_is_the_fields_label_and_the_reason(lang):
    label = field_label(UNDETERMINED, lang)
    assert undetermined_line(lang, "the report\n does  not say") == f"{label}: the report does not say"
    with pytest.raises(ValueError, match="the languages are en, es, pt"):
        undetermined_line("fr", "x")
    with pytest.raises(ValueError, match="the languages are en, es, pt"):
        published_line("fr")


def test_a_dimension_both_coded_and_undetermined_is_neither():
    lang = "es"
    text = page_text(FULL, lang)
    means = field_label("means", lang)
    text = text.replace(f"{means}\n", f"{means}\n{undetermined_line(lang, 'no se sabe')}\n")
    result = import_page(text)
    assert "means" not in result.case and "means" not in result.case[UNDETERMINED]
    assert "Means (the page lists means and says they cannot be determined)" in result.unread
    design_label = dimension("frequency").title_in(lang)
    text = page_text(FULL, lang).replace(f"{design_label}\n", f"{design_label}\nregular\n")
    result = import_page(text)
    assert "frequency" not in result.case["institutional_design"] and "frequency" not in result.case[UNDETERMINED]
    assert "Frequency (the page gives a value and says it cannot be determined)" in result.unread


def test_an_item_that_is_not_a_code_leaves_the_list_unread():
    text = page_text(FULL, "pt").replace("• " + dimension("ends").code("accountability").label_in("pt"), "• Transparência")
    result = import_page(text)
    assert "ends" not in result.case and result.case["means"] == FULL["means"]
    assert "Ends (an item of the list is not one of its codes)" in result.unread


def test_a_name_that_reads_as_a_label_or_a_value_is_still_the_name():
    for name in (dimension("means").title, "regular", "Peru", field_label("institutional_design", "es")):
        case = {**FULL, "name": name}
        assert import_page(page_text(case, "es")).case["name"] == name


def test_the_import_command_writes_a_published_page_as_a_case_that_passes_the_linter(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(page_text(FULL, "pt"), encoding="utf-8")
    assert main(["import", str(page), "--out", str(tmp_path / "cases")]) == 0
    written = tmp_path / "cases" / "chile" / "mesa-vecinal.yaml"
    assert capsys.readouterr().out == f"{written}\n"
    text = written.read_text(encoding="utf-8")
    assert_same_case(yaml.safe_load(text), FULL)
    assert [f for f in lint_text(text, path=str(written)) if f.severity == "error"] == []


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_a_latinno_net_page_reads_stages_by_their_labels_but_never_its_lists(lang):
    """Without the published line the page is latinno.net's: the policy-cycle
    stages it lists are read in its language; means and ends are not."""
    text = page_text(FULL, lang).replace(published_line(lang), "")
    case = import_page(text).case
    assert case["policy_cycle"] == FULL["policy_cycle"] and case["institutional_design"]["participants"] == FULL["institutional_design"]["participants"]
    assert "means" not in case and "ends" not in case
