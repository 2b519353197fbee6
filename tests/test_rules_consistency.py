"""Consistency and completeness rules (LAT2xx, LAT3xx) beyond their fixture files:
boundaries, options, suppressions, fixes, and robustness on malformed data."""

import datetime

import pytest

from latinno_lint import lint_paths, lint_text
from latinno_lint.lint.config import Config
from latinno_lint.lint.dataset import Index, entry_from
from latinno_lint.lint.engine import Case
from latinno_lint.lint.rules import MODULES, RULES
from latinno_lint.lint.rules._common import named

from conftest import ROOT

HEAD = "id: example\nname: Example council\ncountry: PE\ndescription: A council where residents advise the municipality.\n"


def codes_of(text, code=None, config=None):
    found = lint_text(HEAD + text if not text.startswith("id:") else text, path="example.yaml", config=config)
    return [f for f in found if code is None or f.code == code]


def test_a_rule_naming_a_code_the_schema_lacks_fails_at_import():
    assert named("selection", "restricted") == "restricted"
    with pytest.raises(LookupError, match="no longer lists"):
        named("selection", "closed")


def test_each_rule_module_is_named_after_its_code_and_name():
    """The rules package names a rule from its module when the module cannot load (a code it names left the schema)."""
    for module in MODULES:
        assert module.__name__.rsplit(".", 1)[1] == f"{module.CODE.lower()}_{module.NAME.replace('-', '_')}"


def test_year_in_future_is_relative_to_today():
    this_year = datetime.date.today().year
    assert codes_of(f"start_year: {this_year - 1}\nend_year: {this_year}\n", "LAT209") == []
    found = codes_of(f"start_year: {this_year - 1}\nend_year: {this_year + 1}\n", "LAT209")
    assert [(f.line, f.severity) for f in found] == [(6, "error")]
    assert f"end_year {this_year + 1} is after the current year {this_year}" in found[0].message


def test_years_of_the_wrong_type_are_left_to_the_schema():
    assert codes_of("start_year: '2015'\nend_year: 2012\n", "LAT207") == []
    assert codes_of("start_year: true\n", "LAT208") == []


def test_restricted_citizen_council_can_be_accepted_with_a_suppression():
    text = "institutional_design:\n  selection: restricted  # latinno-lint: ignore[LAT201] members are elected residents\n  participants: [citizens]\n"
    assert codes_of(text, "LAT201") == [] and codes_of(text, "LAT900") == []
    assert len(codes_of(text.replace("  # latinno-lint: ignore[LAT201] members are elected residents", ""), "LAT201")) == 1


def test_consistency_rules_ignore_codes_the_schema_rejects():
    # 'Restricted' is a spelling LAT101 reports and fixes; LAT201 waits for the code
    text = "institutional_design:\n  selection: Restricted\n  participants: [citizens]\n"
    assert codes_of(text, "LAT201") == [] and len(codes_of(text, "LAT101")) == 1


def test_consistency_messages_name_the_fields_and_values():
    [finding] = codes_of("institutional_design:\n  selection: open\n  participants: [civil_society]\n", "LAT202")
    assert "selection is 'open'" in finding.message and "'civil_society'" in finding.message and "'citizens'" in finding.message


def test_all_means_and_ends_needs_both_complete():
    every_mean = "means: [deliberation, direct_voting, e_participation, citizen_representation]\n"
    every_end = "ends: [accountability, responsiveness, rule_of_law, political_inclusion, social_equality]\n"
    assert len(codes_of(every_mean + every_end, "LAT210")) == 1
    assert codes_of(every_mean + "ends: [accountability]\n", "LAT210") == []


def test_uncoded_dimension_names_each_dimension_once():
    found = codes_of("", "LAT301")
    names = [f.message.split(" ")[0] for f in found]
    assert names == [
        "institutional_design.formalization",
        "institutional_design.frequency",
        "institutional_design.selection",
        "institutional_design.participants",
        "institutional_design.decisiveness",
        "institutional_design.co_governance",
        "means",
        "ends",
        "policy_cycle",
    ]
    assert {(f.line, f.column) for f in found} == {(1, 1)}


def test_uncoded_dimension_reports_unknown_at_its_value_and_skips_what_the_schema_reports():
    text = (
        "institutional_design:\n  formalization: unknown\n  frequency: regular\n  selection: open\n"
        "  participants: [citizens]\n  decisiveness: 42\n  co_governance: true\n"
        "means: []\nends: [accountability]\npolicy_cycle: [implementation]\n"
    )
    found = codes_of(text, "LAT301")
    assert [(f.line, f.column) for f in found] == [(6, 18)]
    assert "formalization is 'unknown'" in found[0].message
    assert codes_of("institutional_design: none\nmeans: [deliberation]\nends: [accountability]\npolicy_cycle: [implementation]\n", "LAT301") == []


def test_description_length_is_an_option():
    short = "description: A council of residents.\n"
    text = HEAD.replace("description: A council where residents advise the municipality.\n", short)
    assert len(codes_of(text, "LAT303")) == 1
    assert codes_of(text, "LAT303", Config(options={"min-description-length": 10})) == []
    assert "fewer than 10 " not in codes_of(text, "LAT303")[0].message


def test_missing_sources_suggests_the_case_page_when_the_number_is_known():
    [finding] = codes_of("latinno_id: 17023\n", "LAT302")
    assert "https://latinno.net/en/case/17023/" in finding.message
    assert codes_of("sources:\n  - url: https://latinno.net/en/case/17023/\n", "LAT302") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("TODO", ["'TODO'"]),
        ("Participatory budget of XXX", ["'XXX'"]),
        ("Budget of xxxx in the district", ["'xxxx'"]),
        ("N/A", ["'N/A'"]),
        ("tbd.", ["'tbd'"]),
        ("Lorem ipsum dolor sit amet", ["'Lorem'"]),
        ("?", ["'?'"]),
        ("...", ["'...'"]),
        ("Created in ? by the city", ["'Created in ? by the city'"]),
        ("Founded in 2004 (?)", ["'Founded in 2004 (?)'"]),
        ("Name ?", ["'Name ?'"]),
        # prose and names that only look like placeholders
        ("Todo el pueblo decide", []),
        ("XXX Congreso Nacional", []),
        ("Innovating Democracy? The book asks.", []),
        ("¿Qué es? Es un consejo.", []),
        ("The commission (2013 ? 2019) came first.", []),  # a lost dash: LAT306
        ("input/output data", []),
    ],
)
def test_placeholder_text(text, expected):
    from latinno_lint.lint.rules.lat304_placeholder_text import placeholders

    assert placeholders(text) == expected


@pytest.mark.parametrize(
    "text, hint",
    [
        ("The community?s council", "apostrophe"),
        ("Participaci?n ciudadana", "accented letter"),
        ("Participaci??n ciudadana", "accented letter"),
        ("The commission (2013 ? 2019)", "dash"),
        ("Jos\ufffd Gálvez", "U+FFFD"),
        ("Caf\u00c3\u00a9 central", "'é'"),
        ("It\u00e2\u20ac\u2122s open", "'’'"),
    ],
)
def test_encoding_damage_is_found_and_explained(text, hint):
    [finding] = codes_of(f"name_original: {text}\n", "LAT306")
    assert hint in finding.message and finding.line == 5


@pytest.mark.parametrize(
    "text",
    [
        "Participación Ciudadana",
        "AÇÃO SÃO PAULO",
        "Does it work? Yes.",
        "It isn't broken",
        "See https://example.org/a.php?id=3 for more",
        "Nº 5, 1.ª edición",
    ],
)
def test_encoding_damage_leaves_sound_text_alone(text):
    assert codes_of(f"name_original: {text}\n", "LAT306") == []


def test_encoding_damage_skips_urls():
    assert codes_of("sources:\n  - url: https://example.org/page.php?id=3\n", "LAT306") == []


def _fix(tmp_path, text):
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    lint_paths([str(case)], fix_files=True)
    first = case.read_text(encoding="utf-8")
    lint_paths([str(case)], fix_files=True)
    assert case.read_text(encoding="utf-8") == first, "fixing twice changed the file again"
    return first


def test_whitespace_fix_trims_and_collapses_and_keeps_comments(tmp_path):
    text = HEAD.replace("name: Example council", 'name: "  Example   council "  # the name') + 'notes: "Seen  twice."\n'
    fixed = _fix(tmp_path, text)
    assert "name: Example council  # the name\n" in fixed and "notes: Seen twice.\n" in fixed
    assert codes_of(fixed, "LAT305") == []


def test_whitespace_in_block_scalars_is_reported_but_not_fixed(tmp_path):
    text = HEAD + "notes: >-\n  A line with trailing spaces   \n  and the next one.\n"
    [finding] = codes_of(text, "LAT305")
    assert not finding.fixable and (finding.line, finding.column) == (6, 30)  # at the spaces, inside the block
    assert _fix(tmp_path, text) == text


def test_whitespace_leaves_line_breaks_of_literal_blocks_alone():
    assert codes_of(HEAD + "notes: |\n  First line.\n    Indented line.\n", "LAT305") == []


def test_unordered_codes_fix_sorts_into_schema_order(tmp_path):
    text = HEAD + "institutional_design:\n  participants: [private_stakeholders, citizens]\nmeans:\n  - e_participation  # digital\n  - deliberation\n"
    fixed = _fix(tmp_path, text)
    assert "participants: [citizens, private_stakeholders]" in fixed
    assert "means:\n  - deliberation\n  - e_participation  # digital\n" in fixed  # the comment stays with its item
    assert codes_of(fixed, "LAT307") == []


def test_unordered_codes_waits_for_unknown_and_repeated_codes():
    assert codes_of("means: [e_participation, Deliberation]\n", "LAT307") == []
    assert codes_of("means: [e_participation, deliberation, e_participation]\n", "LAT307") == []


def test_peru_cases_record_means_and_ends_as_undetermined_and_warn_about_missing_sources():
    findings = lint_paths([str(ROOT / "cases")]).findings
    assert [f for f in findings if f.severity == "error"] == []
    for name in ("multisectorial-open-government-forum", "open-government-action-plan"):
        mine = [f for f in findings if f.path.endswith(f"{name}.yaml")]
        assert [f for f in mine if f.code == "LAT301"] == []  # means and ends: under undetermined, with the reason
        assert [f.code for f in mine if f.code == "LAT302"] == ["LAT302"]


# Values of every shape a hand-written file can hold where a rule looks.
ODD_VALUES = [None, 0, -1, True, 2.5, "", " ", "unknown", "x?y", [], {}, [None], [{}], [1, "a"], {"a": [1]}, "\ufffd"]
PLACES = [
    "/institutional_design",
    *(f"/institutional_design/{k}" for k in ("formalization", "frequency", "selection", "participants", "decisiveness", "co_governance")),
    "/means",
    "/ends",
    "/policy_cycle",
    "/countries",
    "/start_year",
    "/end_year",
    "/related",
    "/sources",
    "/name",
    "/name_original",
    "/description",
    "/id",
    "/latinno_id",
    "/country",
    "/notes",
]


def _with(data, pointer, value):
    data = {**data, "institutional_design": dict(data["institutional_design"])}
    parts = pointer.strip("/").split("/")
    target = data
    if len(parts) == 2:
        if not isinstance(data["institutional_design"], dict):
            return data
        target = data["institutional_design"]
    target[parts[-1]] = value
    return data


def test_no_rule_fails_on_malformed_data(tmp_path):
    base = {
        "id": "x",
        "name": "X",
        "country": "PE",
        "description": "d",
        "institutional_design": {"selection": "open"},
        "related": [{"id": "y", "relation": "implements"}],
        "start_year": 2000,
        "end_year": 2001,
    }
    index = Index(tmp_path, [entry_from(tmp_path / "y.yaml", {"id": "y", "name": "X", "country": "PE"})])
    config = Config()
    for pointer in PLACES:
        for value in ODD_VALUES:
            data = _with(base, pointer, value)
            case = Case(data, "x.yaml", tmp_path / "peru" / "x.yaml", config, tmp_path)
            for rule in RULES.values():
                if rule.scope == "case":
                    list(rule.check(case))
                elif rule.scope == "dataset":
                    list(rule.check(case, index))
                    list(rule.check(case, None))
