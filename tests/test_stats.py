"""latinno-lint stats: counts by country, start decade and code (with the share
uncoded), and findings by rule, checked against the generated cases."""

import json
from collections import Counter

from test_export import at, country_codes, generate, write_cases

from latinno_lint import lint_paths, vocabulary
from latinno_lint.cli import main
from latinno_lint.data import stats

from conftest import ROOT


def test_counts_match_the_cases(tmp_path):
    cases = generate(120, seed=11)
    tree = write_cases(tmp_path, cases)
    s = stats.summary([str(tree)])
    assert s["files"] == s["cases"] == len(cases)
    countries = Counter(c["country"] for c in cases)
    assert s["by_country"]["codes"] == {code: countries[code] for code in country_codes()}
    decades = Counter(f"{c['start_year'] // 10 * 10}s" if "start_year" in c else "unknown" for c in cases)
    assert s["by_start_decade"] == dict(decades) and list(s["by_start_decade"])[-1] == "unknown"
    for dim in vocabulary.coding_dimensions():
        got = s["dimensions"][dim.name]
        values = [at(c, dim.pointer) for c in cases]
        uncoded = sum(v is None for v in values)
        assert got["uncoded"] == uncoded and got["uncoded_share"] == round(uncoded / len(cases), 4)
        for code in dim.codes:
            if dim.multiple:
                held = sum(1 for v in values if v is not None and code.value in v)
            else:
                held = sum(1 for v in values if type(v) is type(code.value) and v == code.value)
            key = str(code.value).lower() if isinstance(code.value, bool) else code.value
            assert got["codes"][key] == held, (dim.name, code.value)
        assert got["other"] == 0
    findings = Counter((f.code, f.rule, f.severity) for f in lint_paths([str(tree)]).findings)
    assert {(r["code"], r["rule"], r["severity"]): r["count"] for r in s["findings_by_rule"]} == findings


def test_findings_by_rule_and_invalid_values(tmp_path):
    cases = generate(10)
    cases[0].setdefault("institutional_design", {})["frequency"] = "regularly"
    cases[1]["means"] = ["deliberation", "bribery"]
    tree = write_cases(tmp_path, cases)
    (tree / "peru").mkdir(exist_ok=True)
    (tree / "peru" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    s = stats.summary([str(tree)])
    findings = lint_paths([str(tree)]).findings
    assert s["findings_by_rule"] == [{"code": code, "rule": rule, "severity": sev, "count": n} for (code, rule, sev), n in sorted(Counter((f.code, f.rule, f.severity) for f in findings).items())]
    assert s["files"] == 11 and s["cases"] == 10 and s["unreadable_files"] == 1
    assert s["cases_with_errors"] == 2
    assert s["dimensions"]["frequency"]["other"] == 1 and s["dimensions"]["means"]["other"] == 1
    assert s["dimensions"]["means"]["codes"]["deliberation"] >= 1


def test_text_and_json_formats(tmp_path, capsys):
    tree = write_cases(tmp_path, generate(25))
    assert main(["stats", str(tree), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == stats.summary([str(tree)])
    assert main(["stats", str(tree)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("25 cases in 25 files: 0 with errors.")
    for dim in vocabulary.coding_dimensions():
        assert f"{dim.title} ({dim.name}; " in text
    uncoded = data["dimensions"]["means"]["uncoded"]
    means = text.split("Means (means;")[1].split("\n\n")[0]
    assert "  uncoded  " in means and f"{uncoded:>6}  {100 * uncoded / 25:5.1f}%" in means


def test_stats_on_the_repository_cases(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["stats", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    files = list((ROOT / "cases").rglob("*.yaml"))
    assert data["cases"] == len(files)
    assert sum(data["by_country"]["codes"].values()) + data["by_country"]["uncoded"] == len(files)


def test_no_cases_folder_exits_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["stats"]) == 2
    assert "no cases/ folder here" in capsys.readouterr().err
