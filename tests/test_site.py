"""latinno-lint site: the static site of the cases, built once for the module and
looked at in a real headless Chromium (tests/browser.py): no console error and
no request but file:// on each kind of page, the search box, the charts' names,
axe-core, a hostile case name, and the round trip page text -> import -> case
in English, Spanish and Portuguese. Without the browser, the checks on the
files themselves: byte-identical builds, exit codes, links, escaping."""

from __future__ import annotations

import html
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from latinno_lint import vocabulary
from latinno_lint.cli import main
from latinno_lint.data.writer import dump
from latinno_lint.site.collect import segment_of

import browser
from conftest import ROOT

SOURCE_URL = "https://example.org/repo/blob/main/{path}#L{line}"
HOSTILE_NAME = "<script>window.__pwned = 1; alert(1)</script>"
SEED = 24
DESIGN = [d for d in vocabulary.coding_dimensions() if d.pointer.startswith("/institutional_design/")]


def generated_cases(n: int, seed: int = SEED) -> list[dict]:
    """Valid cases with every dimension coded, their codes drawn from the schema."""
    rng = random.Random(seed)
    countries = [c.value for c in vocabulary.countries().codes]
    cases = []
    for i in range(n):
        name = f"Generated Council {i} of {rng.choice(['Lima', 'Recife', 'Quito', 'Cali'])}"
        design = {}
        for dim in DESIGN:
            codes = [c.value for c in dim.codes if not c.deprecated]
            key = dim.pointer.rsplit("/", 1)[-1]
            design[key] = rng.sample(codes, rng.randint(1, len(codes))) if dim.multiple else rng.choice(codes)
        case = {"id": f"generated-council-{i}", "name": name, "country": countries[i % len(countries)], "description": f"Residents of district {i} meet to advise the city.", "start_year": 1995 + i}
        case["institutional_design"] = design
        for list_name in ("means", "ends", "policy_cycle"):
            codes = [c.value for c in vocabulary.dimension(list_name).codes if not c.deprecated]
            chosen = set(rng.sample(codes, rng.randint(1, len(codes))))
            case[list_name] = [c for c in codes if c in chosen]
        case["sources"] = [{"url": f"https://example.org/source/{i}"}]
        cases.append(case)
    return cases


def write_dataset(folder: Path) -> dict:
    """A dataset with generated cases and the broken ones a site must still show."""
    cases = folder / "cases"
    made = {}
    for case in generated_cases(6):
        path = cases / "generated" / f"{case['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(case), encoding="utf-8")
        made[case["id"]] = case
    odd = cases / "odd"
    odd.mkdir()
    hostile = {
        "id": "hostile",
        "name": HOSTILE_NAME,
        "country": "PE",
        "description": '<img src=x onerror="window.__pwned = 2">\n"quoted" & <b>bold</b>',
        "sources": [{"url": "javascript:window.__pwned = 3"}, {"url": "https://example.org/ok", "title": "<i>title</i>"}],
    }
    (odd / "hostile.yaml").write_text(dump(hostile), encoding="utf-8")
    (odd / "twin-a.yaml").write_text("id: twin\nname: Twin A\ncountry: BR\n", encoding="utf-8")
    (odd / "twin-b.yaml").write_text("id: twin\nname: Twin B\ncountry: BR\n", encoding="utf-8")
    (odd / "wrong-type.yaml").write_text("id: wrong-type\nname: Wrong Type\ncountry: CL\ninstitutional_design:\n  frequency: [1, 2]\nmeans: deliberation\n", encoding="utf-8")
    (odd / "escape.yaml").write_text("id: ../../escape/x\nname: Escaping Id\ncountry: MX\n", encoding="utf-8")
    (odd / "broken.yaml").write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    (odd / "weird.yaml").write_text(
        "id: weird\nname: {a: 1}\ncountry: [PE]\ndescription: [x, y]\nstart_year: {y: 1}\nend_year: soon\ninstitutional_design: [1, 2]\n"
        "means: {deliberation: true}\nends: 5\npolicy_cycle: null\nsources: http://x\nundetermined: [means]\nrelated: 7\n",
        encoding="utf-8",
    )
    return made


def build(cases: Path, out: Path, *extra: str) -> int:
    return main(["site", str(cases), "-o", str(out), *extra])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    made = write_dataset(folder)
    out = folder / "out"
    assert build(folder / "cases", out, "--source-url", SOURCE_URL, "--title", "Test <site>") == 0
    return {"out": out, "cases": folder / "cases", "made": made, "folder": folder}


def page(site, *parts: str) -> str:
    return site["out"].joinpath(*parts).read_text(encoding="utf-8")


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


# --- the files --------------------------------------------------------------------------


def test_the_site_has_the_pages_the_issue_names(site):
    out = site["out"]
    assert (out / "index.html").is_file()
    for lang in vocabulary.LANGS:
        assert (out / lang / "index.html").is_file()
        assert (out / lang / "quality" / "index.html").is_file()
        for case_id in site["made"]:
            assert (out / lang / "case" / case_id / "index.html").is_file()


def test_two_builds_are_byte_identical(site, tmp_path):
    again = tmp_path / "again"
    assert build(site["cases"], again, "--source-url", SOURCE_URL, "--title", "Test <site>", "--jobs", "2") == 0
    first = {p.relative_to(site["out"]): p.read_bytes() for p in site["out"].rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_every_link_is_relative_and_leads_to_a_page_of_the_site(site):
    out = site["out"]
    for file in html_files(out):
        text = file.read_text(encoding="utf-8")
        assert not re.search(r"<link\b|<[a-z]+\s[^>]*\bsrc\s*=", text, re.IGNORECASE), file  # nothing loaded from anywhere
        for href in re.findall(r'href="([^"]*)"', text):
            if href.startswith("https://example.org/"):
                continue  # sources and --source-url: links out, never loaded
            assert not re.match(r"[a-z]+:|//", href), (file, href)
            target = (file.parent / href.split("#")[0]).resolve() if not href.startswith("#") else file
            assert target.is_file() and out.resolve() in target.parents, (file, href)


def test_no_inline_handler_no_javascript_url_and_a_content_security_policy(site):
    for file in html_files(site["out"]):
        text = file.read_text(encoding="utf-8")
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", text, re.IGNORECASE), file
        assert "javascript:" not in text.replace("javascript:window.__pwned = 3", ""), file
        assert 'href="javascript:' not in text
        assert "Content-Security-Policy" in text and "default-src 'none'" in html.unescape(text)


def test_a_hostile_name_is_escaped_in_every_page_that_shows_it(site):
    for lang in vocabulary.LANGS:
        case = page(site, lang, "case", "hostile", "index.html")
        assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in case
        assert "<script>window.__pwned" not in case and "<img" not in case and "<b>" not in case
        assert "javascript:window.__pwned = 3" in case and 'href="javascript' not in case  # shown as text, not a link
        assert "&lt;script&gt;window.__pwned" in page(site, lang, "index.html")
    assert "Test &lt;site&gt;" in page(site, "index.html")


def test_case_ids_from_strangers_stay_inside_the_site(site):
    out = site["out"].resolve()
    for file in site["out"].rglob("*"):
        assert out in file.resolve().parents
    segment = segment_of("../../escape/x")
    assert "/" not in segment and ".." not in segment
    assert (site["out"] / "en" / "case" / segment / "index.html").is_file()
    assert not (site["folder"] / "escape").exists()


def test_duplicate_ids_both_get_pages_and_the_quality_page_shows_them(site):
    first, second = (page(site, "en", "case", name, "index.html") for name in ("twin", "twin~2"))
    assert "Twin A" in first and "Twin B" in second  # by path order
    quality = page(site, "en", "quality", "index.html")
    assert "twin: 2 files" in quality and "../../en/case/twin~2/index.html" in quality


def test_an_unparseable_file_is_on_the_quality_page_only(site):
    quality = page(site, "en", "quality", "index.html")
    unreadable = quality[quality.index('id="unreadable"') :].split("</section>")[0]
    assert "broken.yaml" in unreadable and re.search(r"LAT00\d", unreadable)
    assert not (site["out"] / "en" / "case" / "broken").exists()


def test_a_value_of_the_wrong_type_is_shown_as_text(site):
    case = page(site, "en", "case", "wrong-type", "index.html")
    assert "[1, 2]" in case and "<li>deliberation</li>" in case


def test_every_field_of_the_wrong_type_still_gives_a_page(site):
    case = page(site, "en", "case", "weird", "index.html")
    for shown in ("{&#34;a&#34;: 1}", "[&#34;PE&#34;]", "[1, 2]", "{&#34;deliberation&#34;: true}", "<li>5</li>", "http://x"):
        assert shown in case, shown
    assert 'href="http://x"' not in case  # sources that are not a list of sources are shown as text, not links


def test_the_quality_page_has_every_finding_of_check_grouped_by_rule_and_country(site):
    from latinno_lint.lint.config import load
    from latinno_lint.lint.runner import lint_paths

    findings = lint_paths([site["cases"]], load(), use_cache=False).findings
    quality = page(site, "en", "quality", "index.html")
    every = quality[quality.index('id="all-findings"') :]
    assert every.count("<tr><td>") == len(findings) > 0
    by_rule = quality[quality.index('id="by-rule"') : quality.index('id="by-country"')]
    for code in {f.code for f in findings}:
        count = sum(1 for f in findings if f.code == code)
        assert re.search(rf'href="#rule-{code}">{code} [a-z-]+</a></th><td>[a-z, ]+</td><td>{count}</td>', by_rule), code
    by_country = quality[quality.index('id="by-country"') :].split("</section>")[0]
    assert '<th scope="row">Brazil</th>' in by_country and '<th scope="row">(no country)</th>' in by_country


def test_findings_link_to_the_case_and_to_the_source_line(site):
    quality = page(site, "en", "quality", "index.html")
    assert 'href="https://example.org/repo/blob/main/' in quality
    assert re.search(r'href="https://example.org/repo/blob/main/[^"]*wrong-type.yaml#L\d+"', quality)
    assert 'href="../../en/case/wrong-type/index.html"' in quality


def test_labels_come_from_the_schema_in_the_page_language(site):
    case = site["made"]["generated-council-0"]
    for lang in vocabulary.LANGS:
        text = page(site, lang, "case", "generated-council-0", "index.html")
        for dim in DESIGN:
            assert f"<dt>{dim.title_in(lang)}</dt>" in text
        means = vocabulary.dimension("means")
        for code in case["means"]:
            assert f"<li>{means.code(code).label_in(lang)}</li>" in text


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--source-url", "javascript:alert(1)//{path}"], "http:// or https://"),
        (["--source-url", "https://example.org/{path}/{secret}"], "{secret}"),
        (["--source-url", "https://example.org/{path"], "--source-url"),
    ],
)
def test_a_source_url_that_is_not_a_web_template_is_a_usage_error(site, tmp_path, capsys, extra, message):
    assert build(site["cases"], tmp_path / "out", *extra) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_is_a_usage_error(site, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert build(site["cases"], blocker / "out") == 2
    assert "cannot create" in capsys.readouterr().err
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert build(site["cases"], link) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere").exists()


def test_a_table_is_not_a_case_file(tmp_path, capsys):
    table = tmp_path / "cases.csv"
    table.write_text("id,name\nx,X\n")
    assert build(table, tmp_path / "out") == 2
    assert "is a table" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_no_case_files_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert build(tmp_path / "empty", tmp_path / "out") == 2
    assert "no case files" in capsys.readouterr().err


def test_links_inside_the_output_are_replaced_never_followed(site, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.html"
    victim.write_text("keep me")
    out = tmp_path / "out"
    (out / "en" / "case").mkdir(parents=True)
    (out / "en" / "index.html").symlink_to(victim)
    (out / "en" / "case" / "hostile").symlink_to(outside, target_is_directory=True)
    (out / "es").symlink_to(outside, target_is_directory=True)
    assert build(site["cases"], out) == 0
    assert victim.read_text() == "keep me" and sorted(p.name for p in outside.iterdir()) == ["victim.html"]
    for path in (out / "en" / "index.html", out / "en" / "case" / "hostile", out / "es"):
        assert not path.is_symlink()
    assert (out / "en" / "case" / "hostile" / "index.html").is_file()


def test_check_imports_nothing_of_the_site():
    probe = (
        "import sys; from latinno_lint.cli import main; main(['check', sys.argv[1]]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markupsafe', 'selenium') or m.startswith('latinno_lint.site')))"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(ROOT / "cases")], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.splitlines()[-1] == "[]"


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    browser.require()
    session = browser.Browser()
    yield session
    session.close()


PAGES = [("en", "index.html"), ("en", "case", "generated-council-1", "index.html"), ("en", "quality", "index.html"), ("es", "case", "hostile", "index.html")]


@pytest.mark.parametrize("parts", PAGES, ids=["/".join(p) for p in PAGES])
def test_no_console_error_and_no_request_but_the_page_itself(site, chromium, parts):
    url = site["out"].joinpath(*parts).as_uri()
    chromium.open(url)
    assert chromium.driver.find_element("css selector", "main h1").text
    errors = [entry for entry in chromium.console() if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    requested = chromium.requests()
    assert not [u for _document, u in requested if not u.startswith(("file:", "chrome:", "data:", "about:"))], requested  # nothing from the network
    assert [u for document, u in requested if document == url] == [url]  # the page asked for nothing but itself


def test_the_search_box_narrows_the_table_to_a_typed_name(site, chromium):
    chromium.open((site["out"] / "en" / "index.html").as_uri())
    driver = chromium.driver
    rows = driver.find_elements("css selector", "#cases tbody tr")
    assert len(rows) > 3
    driver.find_element("id", "case-search").send_keys("Twin B")
    shown = [row.text for row in rows if row.is_displayed()]
    assert len(shown) == 1 and shown[0].startswith("Twin B")
    assert driver.find_element("id", "search-status").text.startswith("1 of ")


def test_the_charts_are_svg_with_accessible_names(site, chromium):
    chromium.open((site["out"] / "pt" / "index.html").as_uri())
    names = chromium.driver.execute_script(
        "return Array.from(document.querySelectorAll('svg[role=img]')).map(s => s.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' | '))"
    )
    assert len(names) >= 4 and all(name.strip() for name in names)
    wanted = ["Casos por país", "Casos por década de início", "Meios por país"] + [f"{d.title_in('pt')}: casos por código" for d in DESIGN]
    for title in wanted:
        assert any(name.startswith(title) for name in names), title


def test_the_skip_link_comes_first_and_leads_to_the_content(site, chromium):
    from selenium.webdriver.common.keys import Keys

    chromium.open((site["out"] / "en" / "quality" / "index.html").as_uri())
    driver = chromium.driver
    driver.find_element("tag name", "body").send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.get_attribute("class") == "skip" and active.get_attribute("href").endswith("#main")


@pytest.mark.parametrize("parts", PAGES[:3], ids=["/".join(p) for p in PAGES[:3]])
def test_axe_core_finds_no_serious_or_critical_violation(site, chromium, parts):
    browser.require_axe()
    chromium.open(site["out"].joinpath(*parts).as_uri())
    driver = chromium.driver
    driver.execute_script(browser.AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script("const done = arguments[arguments.length - 1]; axe.run(document).then(r => done(r.violations), e => done(String(e)));")
    assert isinstance(result, list), result
    serious = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in result if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_a_hostile_case_name_shows_literally_and_runs_nothing(site, chromium):
    from selenium.common.exceptions import NoAlertPresentException

    chromium.open((site["out"] / "en" / "case" / "hostile" / "index.html").as_uri())
    driver = chromium.driver
    assert driver.find_element("css selector", "main h1").text == HOSTILE_NAME
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return window.__pwned === undefined")
    links = [a.get_attribute("href") for a in driver.find_elements("css selector", "main a")]
    assert all(link.startswith(("https://", "file://")) for link in links)


def test_a_narrow_screen_needs_no_sideways_scrolling(site):
    browser.require()
    phone = browser.Browser(width=375, height=800)
    try:
        for parts in PAGES[:3]:
            phone.open(site["out"].joinpath(*parts).as_uri())
            assert phone.driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), parts
    finally:
        phone.close()


@pytest.mark.parametrize("lang", vocabulary.LANGS)
def test_the_page_text_imports_back_to_the_same_case(site, chromium, tmp_path, capsys, lang):
    for case_id, case in sorted(site["made"].items()):
        chromium.open((site["out"] / lang / "case" / case_id / "index.html").as_uri())
        text = chromium.driver.execute_script("return document.querySelector('main').innerText")
        aside = chromium.driver.execute_script("return document.querySelector('aside').innerText")
        for variant, page_text in (("main", text), ("main+aside", text + "\n" + aside)):
            file = tmp_path / f"{lang}-{case_id}-{variant}.txt"
            file.write_text(page_text, encoding="utf-8")
            code = main(["import", str(file), "--stdout"])  # no --country: the page names its country
            out, err = capsys.readouterr()
            assert code in (0, 1), err
            back = yaml.safe_load(out)
            got = {key: back.get(key) for key in ("name", "country", "institutional_design", "means", "ends", "policy_cycle")}
            want = {key: case.get(key) for key in got}
            assert got == want, (lang, case_id, variant, err)
