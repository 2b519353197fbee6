"""latinno-lint import (issue 5): latinno.net page text to case files.

The seeds in tests/fixtures/seeds/ are byte-exact copies of the project's two
source pages; the pages in tests/fixtures/pages/ and the ones built below were
written for these tests. Every value is checked against what the page says.
"""

import random
import subprocess
import sys

import pytest
import yaml

from latinno_lint import lint_text
from latinno_lint.cli import main
from latinno_lint.data.importer import import_page
from latinno_lint.data.writer import dump
from latinno_lint.vocabulary import coding_dimensions, dimension

from conftest import ROOT, TESTS

SEEDS = TESTS / "fixtures" / "seeds"
PAGES = TESTS / "fixtures" / "pages"
SEED_CASES = {
    "000_b3049613379fd766.txt": "open-government-action-plan",
    "001_62da23f8342e6952.txt": "multisectorial-open-government-forum",
}
HUMAN_FIELDS = ("related",)  # added to the committed cases by hand: not on the pages
DESIGN = [d for d in coding_dimensions() if d.pointer.startswith("/institutional_design/")]
TITLES = {d.name: d.title for d in DESIGN}


def read(path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:  # keep CRLF as it is
        return handle.read()


def design(case) -> dict:
    return case.get("institutional_design", {})


# --- the seeds ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed,case_id", SEED_CASES.items())
def test_each_seed_reproduces_its_committed_case(seed, case_id):
    committed_text = (ROOT / "cases" / "peru" / f"{case_id}.yaml").read_text(encoding="utf-8")
    committed = yaml.safe_load(committed_text)
    human = {key: committed.pop(key) for key in HUMAN_FIELDS if key in committed}
    result = import_page(read(SEEDS / seed))
    assert result.is_page and result.unread == ()
    assert result.case == committed
    assert dump({**result.case, **human}) == committed_text  # byte for byte, with the human fields put back


@pytest.mark.parametrize("seed,case_id", SEED_CASES.items())
def test_importing_a_seed_on_the_command_line_prints_the_committed_file(seed, case_id, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["import", str(SEEDS / seed), "--stdout"]) == 0
    out, err = capsys.readouterr()
    committed = yaml.safe_load((ROOT / "cases" / "peru" / f"{case_id}.yaml").read_text(encoding="utf-8"))
    for key in HUMAN_FIELDS:
        committed.pop(key, None)
    assert out == dump(committed)
    assert out.startswith("# yaml-language-server: $schema=../../schema/case.schema.json\n")
    assert [f for f in lint_text(out, path=f"cases/peru/{case_id}.yaml") if f.severity == "error"] == []


def test_the_forum_seed_repairs_the_dash_between_years_and_says_so():
    case = import_page(read(SEEDS / "001_62da23f8342e6952.txt")).case
    assert "Commission (2013 – 2019)." in case["description"] and "?" not in case["description"]
    assert "'?' for a lost character, it is read as a dash (–) in 1 place" in case["notes"]


def assert_part_of(case: dict, full: dict, where) -> None:
    """A page cut short gives a part of what the whole page gives, never another value."""
    assert set(case) <= set(full) | {"notes"}, where
    for key in ("id", "name", "country", "policy_cycle", "sources"):
        if key in case:
            assert case[key] == full[key], (where, key)
    if "description" in case:
        part, whole = (case["description"].replace("’", "?").replace("–", "?"), full["description"].replace("’", "?").replace("–", "?"))
        assert whole.startswith(part), where
    for name, value in design(case).items():
        assert design(full)[name] == value, (where, name)
    for name in design(full):
        if name not in design(case):
            assert TITLES[name] in case["notes"], (where, name)
    if "policy_cycle" in full and "policy_cycle" not in case:
        assert "Policy cycle" in case["notes"], where
    assert set(case["undetermined"]) == {"means", "ends"}, where  # never read from page text, and said why


@pytest.mark.parametrize("seed", SEED_CASES)
def test_a_seed_cut_off_anywhere_gives_no_wrong_value_and_notes_what_is_missing(seed):
    text = read(SEEDS / seed)
    full = import_page(text).case
    design_starts = text.index("Institutional design")
    cuts = sorted(set(range(0, design_starts, 5)) | set(range(design_starts, len(text) + 1)))
    seen = set()
    for cut in cuts:
        result = import_page(text[:cut])
        assert_part_of(result.case, full, cut)
        seen.add(len(design(result.case)))
    assert seen == set(range(7))  # every number of dimensions from none to six was met on the way


@pytest.mark.parametrize("page", ["dash-list.txt", "spanish.txt", "portuguese.txt", "degraded.txt", "damaged-crlf.txt"])
def test_a_fixture_page_cut_off_anywhere_gives_no_wrong_value(page):
    text = read(PAGES / page)
    full = import_page(text).case
    for cut in range(0, len(text) + 1, 3):
        assert_part_of(import_page(text[:cut]).case, full, cut)


# --- the fixture pages: every field ------------------------------------------------------

ALL_MEANS = "the latinno.net page lists all four means and marks the coded ones only by styling, so its text does not say which apply"
ALL_ENDS = "the latinno.net page lists all five ends and marks the coded ones only by styling, so its text does not say which apply"
ALL_MEANS_AND_ENDS = {"means": ALL_MEANS, "ends": ALL_ENDS}
NO_MEANS_NO_ENDS = {"means": "(this page lists no means)", "ends": "(this page lists no ends)"}

FIXTURES = {
    "dash-list.txt": {
        "case": {
            "id": "neighbourhood-water-boards",
            "name": "Neighbourhood Water Boards",
            "description": "Residents of each district elect a board that oversees the local water service and reports faults to the utility.",
            "institutional_design": {
                "formalization": "constitution_or_legislation",
                "frequency": "regular",
                "selection": "restricted",
                "participants": ["citizens"],
                "decisiveness": "no_decision",
                "co_governance": False,
            },
            "policy_cycle": ["implementation", "policy_evaluation"],
        },
        "unread": (),
        "notes": ["Imported from the latinno.net case page."],
        "undetermined": NO_MEANS_NO_ENDS,
    },
    "spanish.txt": {
        "case": {
            "id": "presupuesto-participativo-de-colonias",
            "name": "Presupuesto Participativo de Colonias",
            "country": "MX",
            "description": "Los vecinos de cada colonia proponen y votan proyectos de obra pública que el gobierno de la ciudad se compromete a ejecutar.",
            "institutional_design": {
                "formalization": "constitution_or_legislation",
                "frequency": "regular",
                "selection": "open",
                "participants": ["citizens", "civil_society", "private_stakeholders"],
                "decisiveness": "no_decision",
                "co_governance": True,
            },
            "policy_cycle": ["formulation_and_decision_making", "implementation"],
        },
        "unread": (),
        "notes": ["Imported from the Spanish latinno.net case page."],
        "undetermined": ALL_MEANS_AND_ENDS,
    },
    "portuguese.txt": {
        "case": {
            "id": "conselho-municipal-de-sa-de-de-porto-alegre",
            "name": "Conselho Municipal de Sa?de de Porto Alegre",
            "country": "BR",
            "description": "O conselho reúne usuários, trabalhadores e gestores do sistema de saúde para fiscalizar a política municipal de saúde.",
            "institutional_design": {
                "formalization": "constitution_or_legislation",
                "frequency": "regular",
                "selection": "both",
                "participants": ["citizens", "civil_society"],
                "decisiveness": "non_binding",
                "co_governance": True,
            },
        },
        "unread": ("Policy cycle ('Avaliação de políticas' next to the stages is not a known stage)",),
        "notes": ["Imported from the Portuguese latinno.net case page.", "Other '?' in the text may stand for lost characters and were left as they are ('Sa?de')."],
        "undetermined": {"means": "(this page has a means list that could not be fully read)", "ends": ALL_ENDS},
    },
    "degraded.txt": {
        "case": {
            "id": "citizen-oversight-committees-for-public-works",
            "name": "Citizen Oversight Committees for Public Works",
            "country": "CO",
            "description": "Groups of residents follow the contracts and the progress of public works in their municipality and report irregularities to the comptroller's office.",
            "institutional_design": {"formalization": "constitution_or_legislation", "decisiveness": "no_decision", "co_governance": False},
            "policy_cycle": ["implementation", "policy_evaluation"],
        },
        "unread": ("Frequency (not on the page)", "Mode of selection of participants (no value under its label)", "Type of participants (no value under its label)"),
        "notes": [],
        "undetermined": ALL_MEANS_AND_ENDS,
    },
    "damaged-crlf.txt": {
        "case": {
            "id": "the-voice-of-the-community-radio-assemblies",
            "name": "The “Voice of the Community” Radio Assemblies",
            "country": "EC",
            "description": (
                "The assemblies give the community’s members a weekly hour on local radio to question officials. "
                "They don’t replace the municipal council. It’s run by a network of community radios (2008 – 2016) "
                "in the province of “Imbabura”, among them Radio Pa?s."
            ),
            "institutional_design": {
                "formalization": "unknown",
                "frequency": "sporadic",
                "selection": "open",
                "participants": ["citizens", "civil_society"],
                "decisiveness": "unknown",
                "co_governance": False,
            },
            "policy_cycle": ["agenda_setting"],
            "sources": [{"url": "https://www.example.org/radio-assemblies"}],
        },
        "unread": (),
        "notes": ["it is read as an apostrophe (’) in 3 places and as a dash (–) in 1 place.", "left as they are ('Pa?s')."],
        "undetermined": ALL_MEANS_AND_ENDS,
    },
    "ambiguous.txt": {
        "case": {
            "id": "regional-youth-councils",
            "name": "Regional Youth Councils",
            "country": "CL",
            "description": "Young people elected in each region advise the regional government on programmes for youth.",
            "institutional_design": {"formalization": "government_program", "participants": ["citizens"]},
            "policy_cycle": ["agenda_setting", "formulation_and_decision_making"],
        },
        "unread": (
            "'unknown' (could be the value of Decisiveness; no label says which)",
            "Frequency ('unknown' under its label could also be the value of Mode of selection of participants, whose label is missing)",
            "Co-Governance (the page gives it twice: 'yes', 'no')",
        ),
        "notes": [],
        "undetermined": NO_MEANS_NO_ENDS,
    },
}


@pytest.mark.parametrize("page", FIXTURES)
def test_fixture_pages_give_exactly_the_expected_case(page):
    expected = FIXTURES[page]
    result = import_page(read(PAGES / page))
    case = dict(result.case)
    notes = case.pop("notes")
    undetermined = case.pop("undetermined")
    assert set(undetermined) == {"means", "ends"}
    for name, part in expected["undetermined"].items():
        assert part in undetermined[name], name
    assert result.is_page
    assert case == expected["case"]
    assert result.unread == expected["unread"]
    for part in expected["notes"]:
        assert part in notes
    if result.unread:
        assert "Not read from the page text: " + "; ".join(result.unread) + "." in notes
    if "country" in case:
        assert [f for f in lint_text(dump(result.case), path="case.yaml") if f.severity == "error"] == []


def test_another_website_is_not_a_case_page():
    assert import_page(read(PAGES / "other-site.txt")).is_page is False
    assert import_page("").is_page is False


# --- pages built from the schema's labels: every value, every language, every layout ------

DEFAULT = {"formalization": "government_program", "frequency": "regular", "selection": "both", "participants": ["citizens", "civil_society"], "decisiveness": "non_binding", "co_governance": True}


def printed(name: str, value, lang: str) -> str:
    """A value as a latinno.net page in ``lang`` prints it."""
    dim = dimension(name)
    if name == "co_governance":
        return "yes" if value else "no"
    if isinstance(value, list):
        return " ".join(dim.code(v).label_in(lang) for v in value)
    return dim.code(value).label_in(lang)


def build(values: dict, lang: str = "en", layout: str = "plain", drop=(), labels=None) -> str:
    """Page text in the plain layout (blocks apart, label/value pairs and lists
    on consecutive lines, values with trailing spaces) or the dash-list layout;
    ``drop`` names lines to leave out as ("label", dimension) or ("value",
    dimension); ``labels`` gives each label its own language (mixed pages)."""
    dash = layout == "dash"
    blocks = [] if dash else [[("country", "Peru")]]
    blocks += [[("name", "Municipal Participatory Budget")], [("description", "Residents propose and vote on public works.")], [("heading", "Institutional design")]]
    blocks += [] if dash else [[("icon", "?")]]
    blocks += [[("question", dim.help or f"{dim.title_in(lang)}: ?")] for dim in DESIGN]
    pairs = []
    for dim in DESIGN:
        pairs.append((("label", dim.name), ("- " if dash else "") + dim.title_in((labels or {}).get(dim.name, lang))))
        if dim.name in values:
            pairs.append((("value", dim.name), ("- " if dash else "") + printed(dim.name, values[dim.name], lang) + ("" if dash else " \u00a0")))
    blocks.append(pairs)
    for name in ("means", "ends"):
        dim = dimension(name)
        blocks.append([("heading", dim.title_in(lang))])
        blocks.append([("bar", "|")] if dash else [("item", "  • " + code.label) for code in dim.codes])
    blocks += [[("heading", "Policy cycle")], [("stage", "Agenda setting"), ("stage", "Implementation")], [("heading", "How to quote")]]
    kept = ["\n".join(text for tag, text in block if tag not in drop) for block in blocks]
    return ("\n" if dash else "\n\n").join(k for k in kept if k) + "\n"


CODES = [(dim.name, code.value) for dim in DESIGN if not dim.multiple for code in dim.codes]
CODES += [
    ("participants", ["citizens"]),
    ("participants", ["private_stakeholders"]),
    ("participants", ["civil_society", "private_stakeholders"]),
    ("participants", ["citizens", "civil_society", "private_stakeholders"]),
]


@pytest.mark.parametrize("layout", ["plain", "dash"])
@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_every_value_is_read_under_its_label_in_every_language_and_layout(lang, layout):
    for name, value in CODES:
        result = import_page(build({**DEFAULT, name: value}, lang, layout))
        assert design(result.case) == {**DEFAULT, name: value}, (name, value)
        assert result.case["policy_cycle"] == ["agenda_setting", "implementation"]
        assert "means" not in result.case and "ends" not in result.case
        assert result.unread == ()


def test_unknown_is_read_only_where_its_label_and_the_page_order_say_which_dimension():
    values = {**DEFAULT, "frequency": "unknown"}
    assert design(import_page(build(values)).case)["frequency"] == "unknown"
    # without its label: it could be the formalization's or the frequency's value
    result = import_page(build(values, drop={("label", "frequency")}))
    assert "frequency" not in design(result.case)
    assert "'unknown' (could be the value of Frequency; no label says which)" in result.unread
    # the next label is missing too: 'unknown' under Frequency could be the selection's value
    result = import_page(build(values, drop={("label", "selection"), ("value", "selection")}))
    assert "frequency" not in design(result.case) and "selection" not in design(result.case)
    assert "Frequency ('unknown' under its label could also be the value of Mode of selection of participants, whose label is missing)" in result.unread


def test_damaged_pages_never_put_a_value_in_the_wrong_dimension():
    rng = random.Random(5)
    choices = {dim.name: [v for n, v in CODES if n == dim.name] for dim in DESIGN}
    tags = [(kind, dim.name) for dim in DESIGN for kind in ("label", "value")]
    read_back = 0
    for _ in range(400):
        values = {name: rng.choice(options) for name, options in choices.items()}
        lang, layout = rng.choice(["en", "es", "pt"]), rng.choice(["plain", "dash"])
        labels = {dim.name: rng.choice(["en", "es", "pt"]) for dim in DESIGN}
        drop = set(rng.sample(tags, rng.randint(1, 6)))
        result = import_page(build(values, lang, layout, drop, labels))
        for name, value in design(result.case).items():
            assert value == values[name], (values, drop, name)
        for name in values:
            if name not in design(result.case):
                assert TITLES[name] in result.case["notes"]
            elif ("value", name) not in drop:
                read_back += 1
        for name in design(result.case):
            assert ("value", name) not in drop
    assert read_back > 1000  # damage leaves most values readable, and they are read


def test_mixed_language_labels_and_translated_values():
    labels = {"formalization": "es", "frequency": "pt", "selection": "en", "participants": "es", "decisiveness": "pt", "co_governance": "es"}
    values = {**DEFAULT, "participants": ["citizens", "civil_society", "private_stakeholders"], "decisiveness": "no_decision"}
    result = import_page(build(values, "es", "plain", labels=labels))
    assert design(result.case) == values


def test_help_questions_are_not_values():
    text = build(DEFAULT, drop={(kind, dim.name) for dim in DESIGN for kind in ("label", "value")})
    result = import_page(text)
    assert design(result.case) == {}
    for title in TITLES.values():
        assert f"{title} (not on the page)" in result.unread
    assert import_page("Peru\n\nA\n\nB\n\nFrequency: regular?\n\nMeans\n").case.get("institutional_design") is None


def test_label_and_value_on_one_line():
    result = import_page("Peru\n\nA council\n\nA council of residents.\n\nInstitutional design\n\nFrequency: unknown\nCo-Governance: yes\nMeans\n")
    assert design(result.case) == {"frequency": "unknown", "co_governance": True}


def test_a_value_under_a_label_it_does_not_belong_to_is_not_read_there():
    page = "Peru\n\nA council\n\nA council of residents.\n\nInstitutional design\n\nType of participants\n{}\nMeans\n"
    result = import_page(page.format("unknown"))
    assert design(result.case) == {}
    assert "Type of participants ('unknown' is not one of its values)" in result.unread
    result = import_page(page.format("both"))  # a value names its dimension by itself
    assert design(result.case) == {"selection": "both"}
    assert "Type of participants (no value under its label)" in result.unread
    result = import_page(page.format("toma una decisión vinculante"))
    assert design(result.case) == {}
    assert "Type of participants ('toma una decisión vinculante' is not one of its values)" in result.unread


def test_the_last_line_of_a_cut_text_is_read_only_when_it_cannot_be_the_start_of_another_value():
    head = "Peru\n\nA council\n\nA council of residents.\n\nInstitutional design\n\n"
    assert design(import_page(head + "Co-Governance\nyes").case) == {"co_governance": True}
    assert design(import_page(head + "Mode of selection of participants\nboth").case) == {"selection": "both"}
    for cut in ("Type of participants\ncitizens civil society", "Mode of selection of participants\nopen", "Co-Governance\nno", "Decisiveness\ndemocratic innovation yields a non"):
        result = import_page(head + cut)
        assert design(result.case) == {}, cut
        assert any(line == 10 and "the text ends inside this line" in message for line, message in result.warnings)


def test_policy_cycle_is_read_only_from_a_whole_list():
    head = "Peru\n\nA council\n\nA council of residents.\n\nPolicy cycle\n\nAgenda setting\nImplementation"
    assert import_page(head + "\n\nSources\n").case["policy_cycle"] == ["agenda_setting", "implementation"]
    assert import_page(head + "\nHow to quote\n").case["policy_cycle"] == ["agenda_setting", "implementation"]
    for tail, reason in (
        ("\n", "the text ends inside the list of stages"),
        ("", "the text ends inside the list of stages"),
        ("\nEvaluación de políticas\n\nSources\n", "'Evaluación de políticas' next to the stages is not a known stage"),
        ("\n\nPolicy Evaluation\n\nSources\n", "the stages are listed in two places"),
    ):
        result = import_page(head + tail)
        assert "policy_cycle" not in result.case
        assert f"Policy cycle ({reason})" in result.unread
    assert "Policy cycle (the page lists no stage)" in import_page("Peru\n\nA\n\nB\n\nPolicy cycle\n\nSources\n").unread


def test_sources_are_read_from_the_sources_block():
    page = "Peru\n\nA council\n\nA council of residents.\n\nSources\n\nDecree 12 (https://example.org/decree-12).\nsee www.example.org and https://example.org/b?x=1\n\nHow to quote\n\nhttps://latinno.net/en/\n"
    assert import_page(page).case["sources"] == [{"url": "https://example.org/decree-12"}, {"url": "https://example.org/b?x=1"}]


def test_question_marks_for_lost_characters():
    page = "Peru\n\n{}\n\n{}\n\nInstitutional design\n\nFormalization\nunknown\nMeans\n"
    case = import_page(page.format("The People?s Forum", "We?re told it?s the city?s plan; I?m sure they?ve and you?ll see; don?t, isn?t. Mi Pa?s? Why ? Because.")).case
    assert case["name"] == "The People’s Forum" and case["id"] == "the-people-s-forum"
    assert case["description"] == "We’re told it’s the city’s plan; I’m sure they’ve and you’ll see; don’t, isn’t. Mi Pa?s? Why ? Because."
    assert "in 9 places" in case["notes"] and "('Pa?s?', 'Why ? Because')" in case["notes"]  # 1 in the name, 8 in the description
    spanish = page.replace("Formalization", "Formalización").replace("Institutional design", "Diseño institucional")
    case = import_page(spanish.format("Consejo", "El consejo?s no se repara; tamb?m (1990?1995).")).case
    assert case["description"] == "El consejo?s no se repara; tamb?m (1990–1995)."  # apostrophes only on English pages


def test_spaces_quotes_and_line_endings_do_not_change_values():
    page = "\ufeffPeru\r\n\r\nA\u00a0council \r\n\r\nA  council\tof residents.\u200b\r\n\r\nFrequency\r\n“regular”\u00a0\r\nCo-Governance\r\n  - ‘no’ \r\nMeans\r\n"
    result = import_page(page)
    assert result.case["name"] == "A council" and result.case["description"] == "A council of residents."
    assert design(result.case) == {"frequency": "regular", "co_governance": False}


def test_a_value_outside_the_institutional_design_is_not_read():
    result = import_page("Peru\n\nA\n\nB\n\nFrequency\nregular\n\nMeans\n\nyes\n")
    assert design(result.case) == {"frequency": "regular"}
    assert any("'yes' stands outside the institutional design" in message for _line, message in result.warnings)


# --- the command -----------------------------------------------------------------------------


def run(args, capsys):
    code = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_the_case_under_its_country_and_prints_the_path(tmp_path, capsys):
    out_dir = tmp_path / "data"
    code, out, err = run([PAGES / "spanish.txt", "--out", out_dir], capsys)
    written = out_dir / "mexico" / "presupuesto-participativo-de-colonias.yaml"
    assert code == 0 and out == f"{written}\n"
    text = written.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["institutional_design"]["participants"] == ["citizens", "civil_society", "private_stakeholders"]
    assert not text.startswith("#")  # no schema next to this dataset folder, so no modeline
    assert [f for f in lint_text(text, path=str(written)) if f.severity == "error"] == []


def test_the_modeline_points_at_the_projects_schema(tmp_path, capsys):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "case.schema.json").write_text("{}")
    assert run([PAGES / "degraded.txt", "--out", tmp_path / "cases"], capsys)[0] == 0
    text = (tmp_path / "cases" / "colombia" / "citizen-oversight-committees-for-public-works.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/case.schema.json\n")


def test_never_overwrites_without_force(tmp_path, capsys):
    args = [PAGES / "degraded.txt", "--out", tmp_path]
    assert run(args, capsys)[0] == 0
    target = tmp_path / "colombia" / "citizen-oversight-committees-for-public-works.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "related:\n  - id: other-case\n    relation: related_to\n", encoding="utf-8")
    before = target.read_bytes()
    code, out, err = run(args, capsys)
    assert code == 1 and out == "" and target.read_bytes() == before
    assert f"not written: {target} exists; give --force to overwrite it" in err
    code, out, err = run([*args, "--force"], capsys)
    assert code == 0 and out == f"{target}\n" and b"related" not in target.read_bytes()
    assert "these fields of the old file are not on the page and are gone: related" in err


def test_stdout_prints_and_writes_nothing(tmp_path, capsys):
    code, out, err = run([PAGES / "spanish.txt", PAGES / "degraded.txt", "--stdout", "--out", tmp_path], capsys)
    assert code == 0 and list(tmp_path.iterdir()) == []
    first, second = out.split("---\n")
    assert yaml.safe_load(first)["country"] == "MX" and yaml.safe_load(second)["country"] == "CO"


def test_id_latinno_id_and_country_options(tmp_path, capsys):
    code, out, err = run([PAGES / "dash-list.txt", "--out", tmp_path, "--country", "Bolivia", "--id", "water-boards", "--latinno-id", "2001"], capsys)
    assert code == 0
    data = yaml.safe_load((tmp_path / "bolivia" / "water-boards.yaml").read_text(encoding="utf-8"))
    assert (data["id"], data["latinno_id"], data["country"]) == ("water-boards", 2001, "BO")
    code, out, err = run([PAGES / "spanish.txt", "--out", tmp_path, "--country", "PE"], capsys)
    assert code == 0 and (tmp_path / "mexico").is_dir()  # the page's own country line wins
    assert "the page's country line says MX; --country PE is not used" in err


def test_a_page_without_country_fails_and_the_others_go_on(tmp_path, capsys):
    code, out, err = run([PAGES / "dash-list.txt", PAGES / "degraded.txt", "--out", tmp_path], capsys)
    assert code == 1
    assert f"{PAGES / 'dash-list.txt'}: not imported: the page has no country line; give its country with --country CODE" in err
    assert out == f"{tmp_path / 'colombia' / 'citizen-oversight-committees-for-public-works.yaml'}\n"


@pytest.mark.parametrize(
    "args,message",
    [
        (["a.txt", "b.txt", "--id", "x"], "--id and --latinno-id name one case; give them with a single page"),
        (["a.txt", "--id", "Not_A_Slug"], "--id 'Not_A_Slug' is not a case id"),
        (["a.txt", "--latinno-id", "0"], "--latinno-id 0 is not a latinno.net case number"),
        (["a.txt", "--country", "Atlantis"], "--country 'Atlantis' is not a LATINNO country"),
    ],
)
def test_usage_errors_exit_2(args, message, capsys):
    code, out, err = run(args, capsys)
    assert code == 2 and message in err


def test_a_case_that_would_fail_the_linter_is_not_written(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("Transnational\n\nA Network of Councils\n\nCouncils in several countries.\n\nFrequency\nregular\n\nMeans\n", encoding="utf-8")
    code, out, err = run([page, "--out", tmp_path / "cases"], capsys)
    assert code == 1 and not (tmp_path / "cases").exists()
    assert err.startswith(f"{page}: not written: the case read from it would not pass the linter: LAT107")


def bad_inputs(tmp_path) -> dict:
    files = {
        "empty.txt": (b"", "the file is empty"),
        "blank.txt": (b" \n\n\t\n", "the file is empty"),
        "binary.bin": (bytes(range(256)) * 4, "it holds binary data (a NUL byte at offset 0)"),
        "latin1.txt": ("Perú\n".encode("latin-1"), "it is not UTF-8 text (byte 0xfa at offset 3)"),
        "utf16.txt": ("Peru\n".encode("utf-16"), "it is UTF-16 text"),
        "huge.txt": (b"Peru\n" + b"x" * 10_000_000, "it is 10.0 MB; the text of a case page is a few KB"),
        "recipe.txt": (read(PAGES / "other-site.txt").encode(), "it does not look like a latinno.net case page"),
        "country-only.txt": (b"Peru\n", "the page gives no name to make an id from; give one with --id SLUG"),
        "no-slug.txt": ("Peru\n\n中文\n\nText.\n\nMeans\n".encode(), "cannot make an id from the name '中文'; give one with --id SLUG"),
    }
    found = {}
    for name, (data, message) in files.items():
        (tmp_path / name).write_bytes(data)
        found[tmp_path / name] = message
    (tmp_path / "folder.txt").mkdir()
    found[tmp_path / "folder.txt"] = "it is a folder; name the page text files to import"
    return found


@pytest.mark.parametrize("name", ["missing.txt", "missing.csv"])
def test_a_missing_page_or_table_stops_the_import_before_any_is_written(tmp_path, capsys, name):
    good = tmp_path / "good.txt"
    good.write_text(read(PAGES / "ambiguous.txt"), encoding="utf-8")
    missing = tmp_path / name
    code, out, err = run([*([good] if name.endswith(".txt") else []), missing, "--out", tmp_path / "out"], capsys)
    assert (code, out, err) == (2, "", f"latinno-lint: {missing}: no such file or folder\n")
    assert not (tmp_path / "out").exists()


def test_any_input_ends_with_one_clear_line_naming_the_file(tmp_path, capsys):
    cases = bad_inputs(tmp_path)
    code, out, err = run([*cases, "--out", tmp_path / "out"], capsys)
    assert code == 1 and out == "" and not (tmp_path / "out").exists()
    lines = err.splitlines()
    assert len(lines) == len(cases)
    for (path, message), line in zip(cases.items(), lines):
        assert line.startswith(f"{path}: not ") and message in line, line


def test_no_traceback_in_a_subprocess(tmp_path):
    cases = bad_inputs(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "latinno_lint", "import", *map(str, cases), "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and len(proc.stderr.splitlines()) == len(cases)
