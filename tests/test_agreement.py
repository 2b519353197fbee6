"""`latinno-lint agreement`: Krippendorff's alpha per field across codings of
the same cases, checked against Krippendorff's published worked example and
two reference implementations (the `krippendorff` package for nominal and
interval data, NLTK's AnnotationTask for sets with MASI), on codings written as
real folders of case files and as refs of a real git repository."""

import contextlib
import io
import json
import math
import random
from fractions import Fraction

import krippendorff  # the reference implementations, in the test extra (numpy: theirs, not the command's)
import numpy as np
import pytest
import yaml
from nltk.metrics import agreement as agreement_module

from latinno_lint import vocabulary
from latinno_lint.agreement import alpha as kalpha
from latinno_lint.cli import main

from gitrepo import Repo

SINGLE = [d for d in vocabulary.coding_dimensions() if not d.multiple]
SETS = [d for d in vocabulary.coding_dimensions() if d.multiple]
FREQUENCY = next(d for d in SINGLE if d.pointer.endswith("/frequency"))
MEANS = next(d for d in SETS if d.pointer == "/means")
YES_NO = next(d for d in SINGLE if all(isinstance(v, bool) for v in d.values))  # co_governance: true or false
COUNTRIES = [code.value for code in vocabulary.country_choices()]


def field_name(dimension) -> str:
    return dimension.pointer.strip("/").replace("/", ".")


def case(case_id: str, country=None, start_year=None, coded: dict | None = None, undetermined: tuple = ()) -> dict:
    """A case as a dict: ``coded`` maps a coding dimension's name to its value."""
    data: dict = {"id": case_id, "name": f"Case {case_id}", "description": "A council."}
    if country is not None:
        data["country"] = country
    if start_year is not None:
        data["start_year"] = start_year
    for name, value in (coded or {}).items():
        parts = vocabulary.dimension(name).pointer.strip("/").split("/")
        target = data
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    if undetermined:
        data["undetermined"] = {d.pointer.rsplit("/", 1)[1]: "the sources do not say" for d in undetermined}
    return data


def write_coding(folder, cases: list[dict]):
    folder.mkdir(parents=True, exist_ok=True)
    for data in cases:
        (folder / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def line_of(path, key: str) -> int:
    """The line on which ``key:`` is written in a file (read here, not by the code under test)."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.strip().startswith(f"{key}:"):
            return number
    raise AssertionError(f"{key} not in {path}")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit:  # a usage error, said by argparse (its usage, then one line)
            code = exit.code
    return code, out.getvalue(), err.getvalue()


def as_json(*codings: str, extra: tuple = ()) -> dict:
    code, out, err = run("agreement", *codings, "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def reference(matrix: list[list], level: str) -> float:
    """The krippendorff package's alpha of a coders x units matrix (None: missing)."""
    data = np.array([[np.nan if v is None else float(v) for v in row] for row in matrix])
    with np.errstate(invalid="ignore", divide="ignore"):  # no variation: 0 / 0 is nan, which the caller tells apart
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def units_of(matrix: list[list]) -> list[list]:
    return [[row[u] for row in matrix if row[u] is not None] for u in range(len(matrix[0]))]


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers (rows) x 12 units, values 1-5, None where an observer gave none.
WORKED = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


@pytest.fixture(scope="module")
def worked(tmp_path_factory):
    """The worked example as four codings of 12 cases: value v is the v-th
    country code as the country, and the year 2000 + v as the start year."""
    base = tmp_path_factory.mktemp("worked")
    folders = []
    for observer, row in enumerate(WORKED):
        cases = [case(f"case-{u + 1:02d}", COUNTRIES[v - 1], 2000 + v) for u, v in enumerate(row) if v is not None]
        folders.append(str(write_coding(base / f"observer-{observer + 1}" / "cases", cases)))
    return folders


def test_the_published_worked_example_as_the_country_of_12_cases(worked):
    report = as_json(*worked)
    country = report["dimensions"]["country"]
    assert round(country["alpha"], 3) == 0.743  # Krippendorff 2011: nominal alpha = .743
    assert country["metric"] == "nominal"
    assert (country["units"], country["pairable_values"]) == (11, 40)  # unit 12 has one value: not pairable; n.. = 40
    year = report["dimensions"]["start_year"]
    assert round(year["alpha"], 3) == 0.849 and year["metric"] == "interval"  # interval alpha = .849
    assert report["units"] == 11 and report["codings"] == worked  # case 12 is in one coding only
    assert list(report["cases"].values()) == [9, 11, 10, 11]
    lo, hi = country["interval"]
    assert lo <= country["alpha"] <= hi
    assert as_json(*worked) == report  # the bootstrap is seeded: the same output every run


def test_the_worked_example_agrees_with_the_reference_to_the_last_digits():
    units = units_of(WORKED)
    assert kalpha.alpha(units, "nominal").alpha == pytest.approx(reference(WORKED, "nominal"), abs=1e-12)
    assert kalpha.alpha(units, "interval").alpha == pytest.approx(reference(WORKED, "interval"), abs=1e-12)


def test_nominal_and_interval_alphas_equal_the_krippendorff_package_on_random_data_with_missing_values():
    generator = random.Random(26)
    compared = 0
    for _trial in range(300):
        coders, units, values = generator.randint(2, 6), generator.randint(2, 25), generator.randint(2, 6)
        missing = generator.choice((0.0, 0.2, 0.5))
        matrix = [[None if generator.random() < missing else generator.randint(1, values) for _u in range(units)] for _c in range(coders)]
        for level in ("nominal", "interval"):
            ours = kalpha.alpha(units_of(matrix), level, draws=0)
            try:
                theirs = reference(matrix, level)
            except ValueError:  # no pairable unit, or one value only: alpha is undefined
                assert ours.alpha is None and ours.reason
                continue
            if math.isnan(theirs):  # no variation among the pairable values (0 / 0)
                assert ours.alpha is None and ours.reason.startswith("no variation")
                continue
            assert abs(ours.alpha - theirs) < 1e-9, (matrix, level)
            compared += 1
    assert compared > 400


def test_the_coincidence_matrix_is_symmetric_and_its_margins_count_the_pairable_values():
    matrix, units, n, pairs = kalpha.coincidences(units_of(WORKED))
    assert (units, n) == (11, 40)
    assert pairs == sum(m * (m - 1) // 2 for m in (len(u) for u in units_of(WORKED)) if m >= 2)
    assert all(matrix[(c, k)] == matrix.get((k, c)) for c, k in matrix)
    pairable = [v for u in units_of(WORKED) if len(u) >= 2 for v in u]
    for value in set(pairable):
        assert sum(count for (c, _k), count in matrix.items() if c == value) == pairable.count(value)


def exact_masi(one, two) -> float:
    """MASI with exact thirds, as NLTK's AnnotationTask takes a distance (written
    here from Passonneau 2006, independently of latinno_lint)."""
    if one == two:
        return 0.0
    common = len(one & two)
    monotonicity = 2 / 3 if common == min(len(one), len(two)) else 1 / 3 if common else 0.0
    return 1 - common / len(one | two) * monotonicity


def test_masi_is_passonneaus_with_exact_thirds():
    assert kalpha.masi({1, 2}, {1, 2}) == 0
    assert kalpha.masi({1, 2}, {1, 2, 3, 4}) == Fraction(2, 3)  # J = 1/2, M = 2/3
    assert kalpha.masi({1, 2}, {2, 3}) == Fraction(8, 9)  # J = 1/3, M = 1/3
    assert kalpha.masi({1}, {2}) == 1
    assert kalpha.masi(set(), {1}) == 1 and kalpha.masi(set(), set()) == 0


def test_masi_alphas_equal_nltks_annotation_task_on_complete_data():
    codes = MEANS.values
    generator = random.Random(2006)
    compared = 0
    for _trial in range(40):
        coders, units = generator.randint(2, 4), generator.randint(3, 15)
        sets = [[frozenset(generator.sample(codes, generator.randint(1, len(codes)))) for _u in range(units)] for _c in range(coders)]
        task = agreement_module.AnnotationTask(data=[(f"c{c}", f"u{u}", sets[c][u]) for c in range(coders) for u in range(units)], distance=exact_masi)
        ours = kalpha.alpha(units_of(sets), "masi", draws=0)
        if len({s for row in sets for s in row}) == 1:
            continue  # NLTK says 1 where alpha is undefined
        assert abs(ours.alpha - task.alpha()) < 1e-9, sets
        compared += 1
    assert compared >= 35


def random_codings(tmp_path, seed: int, complete: bool = False):
    """Three codings of 30 cases with frequency and means coded at random; when
    not ``complete``, a coding lacks a case, leaves a dimension out or names it
    under undetermined. Gives the folders and, for each coding, each case's
    (frequency, means) as the test wrote them (None: missing)."""
    generator = random.Random(seed)
    folders, written = [], []
    for coder in range(3):
        cases, values = [], {}
        for unit in range(30):
            case_id = f"case-{unit:02d}"
            if not complete and generator.random() < 0.1:
                continue  # the coding lacks the case
            coded, undetermined, mine = {}, [], {}
            for dimension in (FREQUENCY, MEANS):
                roll = generator.random()
                if not complete and roll < 0.1:
                    value = None  # left out
                elif not complete and roll < 0.2:
                    undetermined.append(dimension)
                    value = None
                elif dimension.multiple:
                    value = sorted(generator.sample(dimension.values, generator.choice((1, 1, 2))), key=dimension.values.index)
                    coded[dimension.name] = value
                else:
                    value = generator.choice(dimension.values[:3])
                    coded[dimension.name] = value
                mine[dimension.name] = value
            cases.append(case(case_id, "PE", coded=coded, undetermined=tuple(undetermined)))
            values[case_id] = mine
        folders.append(str(write_coding(tmp_path / f"coder-{coder}", cases)))
        written.append(values)
    return folders, written


def test_the_commands_alphas_equal_the_reference_with_missing_cases_left_out_and_undetermined_values(tmp_path):
    folders, written = random_codings(tmp_path, 7)
    report = as_json(*folders)
    ids = sorted({case_id for values in written for case_id in values})
    frequency = [[values.get(case_id, {}).get("frequency") for case_id in ids] for values in written]
    index = {code: i for i, code in enumerate(FREQUENCY.values)}
    numbers = [[None if v is None else index[v] for v in row] for row in frequency]
    assert abs(report["dimensions"][field_name(FREQUENCY)]["alpha"] - reference(numbers, "nominal")) < 1e-9
    for code in MEANS.values:  # present/absent, missing where the coding has no means
        present = [[None if (v := values.get(case_id, {}).get("means")) is None else int(code in v) for case_id in ids] for values in written]
        entry = report["dimensions"][f"means.{code}"]
        if entry["alpha"] is not None:
            assert abs(entry["alpha"] - reference(present, "nominal")) < 1e-9, code
    # every case and field the codings coded differently is listed, and nothing else
    expected = set()
    for case_id in ids:
        for dimension in (FREQUENCY, MEANS):
            given = [values[case_id][dimension.name] for values in written if case_id in values and values[case_id][dimension.name] is not None]
            if len({json.dumps(v) for v in given}) > 1:
                expected.add((case_id, field_name(dimension)))
    listed = {(d["id"], d["field"]) for d in report["disagreements"]}
    assert listed == expected and expected


def test_masi_through_the_command_equals_nltk_on_complete_codings(tmp_path):
    folders, written = random_codings(tmp_path, 11, complete=True)
    report = as_json(*folders)
    data = [(f"c{c}", case_id, frozenset(values[case_id]["means"])) for c, values in enumerate(written) for case_id in values]
    task = agreement_module.AnnotationTask(data=data, distance=exact_masi)
    assert report["dimensions"]["means"]["metric"] == "masi"
    assert abs(report["dimensions"]["means"]["alpha"] - task.alpha()) < 1e-9


def test_every_disagreement_has_each_codings_value_and_line_and_missing_is_never_one(tmp_path):
    a = write_coding(
        tmp_path / "ana" / "cases",
        [
            case("lima", "PE", 2010, {FREQUENCY.name: FREQUENCY.values[2], YES_NO.name: True, MEANS.name: MEANS.values[:2]}),
            case("quito", "EC", 2012, {FREQUENCY.name: FREQUENCY.values[0], MEANS.name: []}),  # an empty list codes nothing: missing
            case("only-ana", "PE", 2001, {FREQUENCY.name: FREQUENCY.values[0]}),
        ],
    )
    b = write_coding(
        tmp_path / "ben" / "cases",
        [
            case("lima", "PE", 2010, {FREQUENCY.name: FREQUENCY.values[1], YES_NO.name: False, MEANS.name: MEANS.values[:1]}),
            # start_year left out; frequency named under undetermined (and, against LAT308, coded as well): missing
            case("quito", "EC", None, {FREQUENCY.name: FREQUENCY.values[1], MEANS.name: MEANS.values[:1]}, undetermined=(FREQUENCY,)),
            case("only-ben", "PE", 2001, {FREQUENCY.name: FREQUENCY.values[1]}),
        ],
    )
    names = [str(tmp_path / "ana" / "cases"), str(tmp_path / "ben" / "cases")]
    report = as_json(*names)
    assert report["units"] == 2
    assert [(d["id"], d["field"]) for d in report["disagreements"]] == [("lima", field_name(FREQUENCY)), ("lima", field_name(YES_NO)), ("lima", "means")]
    frequency, yes_no, means = report["disagreements"]
    assert yes_no["values"] == {names[0]: True, names[1]: False}
    assert frequency["values"] == {names[0]: FREQUENCY.values[2], names[1]: FREQUENCY.values[1]}
    assert means["values"] == {names[0]: MEANS.values[:2], names[1]: MEANS.values[:1]}
    assert frequency["locations"] == [
        {"coding": names[0], "path": str(a / "lima.yaml"), "line": line_of(a / "lima.yaml", "frequency")},
        {"coding": names[1], "path": str(b / "lima.yaml"), "line": line_of(b / "lima.yaml", "frequency")},
    ]
    code, out, _err = run("agreement", *names)
    assert code == 0
    for location in frequency["locations"] + means["locations"]:
        assert f"{location['path']}:{location['line']}:" in out
    assert f"{a / 'lima.yaml'}:{line_of(a / 'lima.yaml', 'frequency')}: {FREQUENCY.values[2]}" in out
    assert f"{b / 'lima.yaml'}:{line_of(b / 'lima.yaml', YES_NO.name)}: false" in out  # as YAML writes it
    # quito: frequency undetermined for ben, start_year left out: missing, so one value each and no unit
    assert report["dimensions"]["start_year"]["units"] == 1  # lima only
    assert report["dimensions"][field_name(FREQUENCY)]["units"] == 1


def test_a_field_without_variation_has_no_alpha_and_says_why(tmp_path):
    one = write_coding(tmp_path / "one", [case(f"c{i}", "PE", 2000 + i) for i in range(3)])
    two = write_coding(tmp_path / "two", [case(f"c{i}", "PE", 2000 + i) for i in range(3)])
    report = as_json(str(one), str(two))
    country = report["dimensions"]["country"]
    assert country["alpha"] is None and country["interval"] is None
    assert country["reason"] == "no variation: every value is PE"
    assert report["dimensions"]["start_year"]["alpha"] == 1.0
    assert report["dimensions"]["means"]["alpha"] is None and "two codings" in report["dimensions"]["means"]["reason"]
    code, out, _err = run("agreement", str(one), str(two), "--min-alpha", "1")
    assert code == 0  # an undefined alpha does not fail the bar
    assert "no variation: every value is PE" in out


def test_the_text_table_marks_alphas_below_the_two_thresholds_and_verbose_shows_the_coincidences(tmp_path):
    values = FREQUENCY.values[:3]
    generator = random.Random(3)
    first = [generator.choice(values) for _ in range(40)]
    second = [v if generator.random() < 0.5 else generator.choice(values) for v in first]  # poor agreement
    one = write_coding(tmp_path / "one", [case(f"c{i}", COUNTRIES[i % 2], 2000 + i, {FREQUENCY.name: v}) for i, v in enumerate(first)])
    two = write_coding(tmp_path / "two", [case(f"c{i}", COUNTRIES[i % 2], 2000 + i + (i == 0), {FREQUENCY.name: v}) for i, v in enumerate(second)])
    report = as_json(str(one), str(two))
    poor, good = report["dimensions"][field_name(FREQUENCY)]["alpha"], report["dimensions"]["start_year"]["alpha"]
    assert poor < 0.667 and 0.8 <= good < 1
    code, out, _err = run("agreement", str(one), str(two), "--verbose")
    rows = {line.split()[0]: line for line in out.splitlines() if line and line.split()[0] in report["dimensions"]}
    assert f"{poor:.3f} **" in rows[field_name(FREQUENCY)]
    assert f"{good:.3f} " in rows["start_year"] and "*" not in rows["start_year"]
    assert f"Coincidences of {field_name(FREQUENCY)}" in out and "Coincidences of country" in out
    code, _out, err = run("agreement", str(one), str(two), "--min-alpha", "0.8")
    assert code == 1 and field_name(FREQUENCY) in err and "start_year" not in err
    assert run("agreement", str(one), str(two), "--min-alpha", "-1")[0] == 0


def test_verbose_shows_each_coincidence_with_three_codings(tmp_path):
    a, b, c = FREQUENCY.values[:3]
    folders = [str(write_coding(tmp_path / name, [case("one", "PE", coded={FREQUENCY.name: mine}), case("two", "PE", coded={FREQUENCY.name: a})])) for name, mine in (("x", a), ("y", b), ("z", c))]
    code, out, _err = run("agreement", *folders, "--verbose")
    assert code == 0
    table = out.split(f"Coincidences of {field_name(FREQUENCY)}")[1].split("\n\n")[0].splitlines()[1:]
    cells = {row.split()[0]: row.split()[1:] for row in table[1:]}
    # case one: three values a, b, c, each pair weighted 1/2; case two: a three times, each ordered pair 1/2
    assert table[0].split() == [a, b, c]
    assert cells == {a: ["3", "0.50", "0.50"], b: ["0.50", "0", "0.50"], c: ["0.50", "0.50", "0"]}


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A repository whose branches main and coder-b code the same cases, and
    the same files as two folders outside it."""
    folders, _written = random_codings(tmp_path / "folders", 5)
    repo = Repo(tmp_path / "repo")
    for path in (tmp_path / "folders" / "coder-0").iterdir():
        repo.write(f"cases/{path.name}", path.read_text(encoding="utf-8"))
    repo.commit("coder a")
    repo.git("checkout", "-q", "-b", "coder-b")
    repo.git("rm", "-q", "-r", "cases")
    for path in (tmp_path / "folders" / "coder-1").iterdir():
        repo.write(f"cases/{path.name}", path.read_text(encoding="utf-8"))
    repo.commit("coder b")
    repo.git("checkout", "-q", "main")
    monkeypatch.chdir(repo.path)
    return repo, folders[:2]


def test_ref_path_codings_give_the_same_figures_as_the_same_files_in_folders(repository):
    repo, folders = repository
    from_git = as_json("main:cases", "coder-b:cases")
    from_folders = as_json(*folders)
    assert from_git["dimensions"] == from_folders["dimensions"]
    assert from_git["codings"] == ["main:cases", "coder-b:cases"]
    assert len(from_git["disagreements"]) == len(from_folders["disagreements"]) > 0
    for ours, theirs in zip(from_git["disagreements"], from_folders["disagreements"]):
        assert (ours["id"], ours["field"], list(ours["values"].values())) == (theirs["id"], theirs["field"], list(theirs["values"].values()))
        assert [loc["line"] for loc in ours["locations"]] == [loc["line"] for loc in theirs["locations"]]
        assert ours["locations"][1]["path"] == f"coder-b:cases/{ours['id']}.yaml"
    assert repo.git("status", "--porcelain") == ""  # nothing checked out or written


def test_a_ref_and_a_folder_can_be_compared_and_a_missing_ref_is_named(repository):
    _repo, folders = repository
    assert as_json("coder-b:cases", folders[0])["dimensions"] == as_json(folders[1], folders[0])["dimensions"]
    code, out, err = run("agreement", "main:cases", "coder-c:cases")
    assert code == 2 and out == ""
    assert err.startswith("latinno-lint: git ref 'coder-c' does not exist") and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv, message",
    [
        (["one"], "needs two codings or more"),
        ([], "needs two codings or more"),
        (["one", "one"], "named twice"),
        (["one", "absent"], "absent does not exist"),
        (["one", "two", "--min-alpha", "high"], "'high' is not a number"),
        (["one", "two", "--min-alpha", "1.5"], "outside -1 to 1"),
        (["one", "two", "--min-alpha", "nan"], "outside -1 to 1"),
        (["one", "empty"], "empty holds no case files"),
        (["one", "elsewhere"], "no case (matched by id) is in two of the codings"),
        (["one", "broken"], "broken/broken.yaml:3: YAML syntax error"),
        (["one", "no-id"], "x.yaml:1: the case has no id"),
        (["one", "wrong"], "c0.yaml:7: institutional_design.frequency is not a code"),
        (["one", "one/c0.yaml"], "is not a folder"),
        (["one", "as-text"], "as-text/c0.yaml:6: means is not a list of codes"),
        (["one", "twice"], "twice/b.yaml: has the id 'c0' of twice/a.yaml"),
        (["one", "linked"], "linked/c0.yaml is a symbolic link that leads out of the folder"),
    ],
)
def test_what_cannot_be_measured_is_one_line_and_exit_2(tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    write_coding(tmp_path / "one", [case("c0", "PE", 2000, {FREQUENCY.name: FREQUENCY.values[0]})])
    write_coding(tmp_path / "two", [case("c0", "PE", 2000, {FREQUENCY.name: FREQUENCY.values[0]})])
    (tmp_path / "empty").mkdir()
    write_coding(tmp_path / "elsewhere", [case("c9", "PE")])
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "broken.yaml").write_text("id: c0\ncountry: [PE\n")
    (tmp_path / "no-id").mkdir()
    (tmp_path / "no-id" / "x.yaml").write_text("name: X\n")
    wrong = write_coding(tmp_path / "wrong", [case("c0", "PE", 2000, {FREQUENCY.name: 3})])
    write_coding(tmp_path / "as-text", [case("c0", "PE", 2000, {MEANS.name: MEANS.values[0]})])
    (tmp_path / "twice").mkdir()
    for name in ("a", "b"):
        (tmp_path / "twice" / f"{name}.yaml").write_text("id: c0\ncountry: PE\n")
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "c0.yaml").symlink_to(tmp_path / "one" / "c0.yaml")
    assert line_of(wrong / "c0.yaml", "frequency") == 7
    code, out, err = run("agreement", *argv)
    assert code == 2 and out == ""
    assert message in err.splitlines()[-1] and "Traceback" not in err
    assert err.count("\n") == 1 or err.startswith("usage: latinno-lint agreement")  # one line, after the usage for a usage error


def test_a_symbolic_link_in_a_ref_is_not_followed(repository):
    repo, _folders = repository
    repo.git("checkout", "-q", "-b", "coder-link", "coder-b")
    (repo.path / "cases" / "outside.yaml").symlink_to("/etc/hostname")
    repo.commit("a link")
    repo.git("checkout", "-q", "main")
    code, out, err = run("agreement", "main:cases", "coder-link:cases")
    assert code == 2 and out == ""
    assert err == "latinno-lint: coder-link:cases/outside.yaml is a symbolic link, not a case file; agreement reads only the files of coder-link:cases\n"


def test_a_difference_that_sees_no_difference_leaves_alpha_undefined():
    result = kalpha.alpha([[1, 2], [2, 1]], "custom", difference=lambda one, two: 0)
    assert result.alpha is None and result.reason == "no variation: the values differ by nothing on this metric"


def test_names_and_values_from_files_are_escaped(tmp_path):
    hostile = "\x1b[31mred"
    one = write_coding(tmp_path / f"one{hostile}", [case(f"c{hostile}", "PE", coded={FREQUENCY.name: f"x{hostile}"})])
    two = write_coding(tmp_path / "two", [case(f"c{hostile}", "PE", coded={FREQUENCY.name: FREQUENCY.values[0]})])
    code, out, err = run("agreement", str(one), str(two))
    assert code == 0 and "\x1b" not in out and "\\x1b[31mred" in out
    code, out, err = run("agreement", str(one), str(two), "--format", "json")
    assert code == 0 and "\x1b" not in out and json.loads(out)["disagreements"][0]["values"][str(one)] == f"x{hostile}"
    code, _out, err = run("agreement", str(one), str(tmp_path / f"gone{hostile}"))
    assert code == 2 and "\x1b" not in err and "\\x1b" in err


def test_the_bootstrap_interval_is_reproducible_and_covers_alpha():
    units = units_of(WORKED)
    first, again = kalpha.alpha(units, "nominal"), kalpha.alpha(units, "nominal")
    assert first.interval == again.interval
    assert first.interval[0] < first.alpha < first.interval[1]
    assert kalpha.alpha(units, "nominal", seed=1).interval != first.interval  # the seed is what fixes it
    # each resample's expected D_o is the observed one: the resampled alphas centre on alpha
    wide = kalpha.alpha(units, "nominal", draws=4000)
    assert abs((wide.interval[0] + wide.interval[1]) / 2 - wide.alpha) < 0.08
