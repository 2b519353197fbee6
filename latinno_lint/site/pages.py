"""The pages of the site, rendered with Jinja2 (autoescaping on) from the
templates in ``templates/``: the landing page, and per language the overview,
the quality report and one page per case.

A case page's text, as a browser shows it, follows latinno.net's layout so that
``latinno-lint import`` reads it back (docs/publishing.md): country, name,
description, the institutional design (label line, value line), means, ends,
policy cycle (only the coded ones), sources, how to quote, and the line that
says the page was made by latinno-lint. The case's file and findings follow in
a landmark of their own, outside the case's text.

Every page is the same for the same cases and options: nothing depends on the
clock, the machine or the order of a folder listing."""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import string
from collections import Counter
from importlib import resources
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from .. import vocabulary
from ..data import importer, stats
from ..schema import format_version
from ..version import __version__
from . import charts
from .collect import Case, Dataset, text_of
from .words import DATASET_CITATION, LANG_NAMES, WORDS

LANGS = vocabulary.LANGS
LIST_NAMES = ("means", "ends", "policy_cycle")
_BLANK_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
HERE = "\x01here\x01"  # where a page's own path goes in the language switcher


class SiteError(ValueError):
    """An option the site cannot be built with (exit 2)."""


# --- options ---------------------------------------------------------------------------


def check_source_url(template: str | None) -> None:
    """Raise SiteError unless ``template`` is an http(s) URL whose only fields are {path} and {line}."""
    if template is None:
        return
    parts = urlsplit(template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SiteError(f"--source-url must be an http:// or https:// URL, not {template!r}")
    try:
        fields = [name for _text, name, spec, conversion in string.Formatter().parse(template) if name is not None or spec or conversion]
        bad = [name for name in fields if name not in ("path", "line")]
    except ValueError as exc:
        raise SiteError(f"--source-url {template!r}: {exc}; write {{path}} and {{line}}, and {{{{ or }}}} for a brace") from None
    if bad:
        raise SiteError(f"--source-url {template!r} has the field {{{bad[0]}}}; only {{path}} and {{line}} are filled in")


def source_link(template: str | None, path: str, line: int = 1) -> str | None:
    if template is None:
        return None
    return template.format(path=quote(path.replace("\\", "/"), safe="/"), line=line)


def web_url(value) -> str | None:
    """``value`` when it is an http(s) URL that can be a link, else None (shown as text)."""
    if not isinstance(value, str) or _BLANK_OR_CONTROL.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# --- labels from the schema ------------------------------------------------------------


@functools.cache
def _country_labels(lang: str) -> dict:
    return {code.value: code.label_in(lang) for code in vocabulary.country_choices()}


def country_label(value, lang: str) -> str:
    if isinstance(value, str):
        found = _country_labels(lang).get(value)
        if found is not None:
            return found
    return text_of(value)


@functools.cache
def _code_labels(name: str, lang: str) -> dict:
    return {(type(code.value), code.value): code.label_in(lang) for code in vocabulary.dimension(name).codes}


def code_label(dim: vocabulary.Dimension, value, lang: str) -> str:
    try:
        found = _code_labels(dim.name, lang).get((type(value), value))
    except TypeError:  # a list or a mapping where a code belongs
        found = None
    return found if found is not None else text_of(value)


def design_dimensions() -> list:
    return [d for d in vocabulary.coding_dimensions() if d.pointer.startswith("/institutional_design/")]


def list_dimensions() -> list:
    return [vocabulary.dimension(name) for name in LIST_NAMES]


# --- page models -----------------------------------------------------------------------


class Builder:
    """Everything the templates need, computed once per build."""

    def __init__(self, found: Dataset, title: str, source_url: str | None):
        import jinja2

        self.found, self.title, self.source_url = found, title, source_url
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("latinno_lint.site", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        files = resources.files("latinno_lint.site") / "templates"
        self.css = (files / "site.css").read_text(encoding="utf-8")
        self.script = (files / "search.js").read_text(encoding="utf-8")
        self.design, self.lists = design_dimensions(), list_dimensions()
        self.by_path = {case.path: case for case in found.cases}
        self.templates = {name: self.env.get_template(f"{name}.html") for name in ("landing", "overview", "case", "quality", "chrome")}

        self.policies = {script: self.csp(script) for script in (False, True)}
        self.last: tuple | None = None  # (case, its shared parts): see shared()

    def csp(self, script: bool) -> str:
        """The Content-Security-Policy of a page: nothing from anywhere, but the
        page's own style sheet and (on the overview) its search script, by hash."""

        def digest(text: str) -> str:
            return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"

        scripts = digest(self.script) if script else "'none'"
        return f"default-src 'none'; style-src {digest(self.css)}; script-src {scripts}; img-src 'none'; base-uri 'none'; form-action 'none'"

    def common(self, lang: str, root: str, here: str, script: bool = False, nav: bool = True) -> dict:
        """What every page has: ``root`` leads from the page to DIR/, ``here`` is the
        page's path under a language folder (for the language switcher)."""
        header, footer = self.chrome(lang, root, nav)
        return {
            "lang": lang,
            "w": WORDS[lang],
            "site_title": self.title,
            "header": Markup(header.replace(HERE, str(escape(here)))),
            "footer": footer,
            "css": self.css,
            "script": self.script if script else None,
            "csp": self.policies[script],
            "citation": DATASET_CITATION,
        }

    @functools.cache  # noqa: B019 - one builder per build, kept for the whole build
    def chrome(self, lang: str, root: str, nav: bool) -> tuple:
        """The skip link and header (with HERE for the page's own path), and the
        footer, of the pages of a language at one depth: rendered once, not per page."""
        w = WORDS[lang]
        model = {
            "lang": lang,
            "w": w,
            "site_title": self.title,
            "root": root,
            "home": f"{root}{lang}/" if nav else f"{root}",
            "nav": nav,
            "switch": [{"lang": other, "name": LANG_NAMES[other], "href": f"{root}{other}/{HERE}", "current": other == lang} for other in LANGS],
            "made_with": w["made_with"].format(version=__version__, format=format_version()),
            "citation": DATASET_CITATION,
        }
        header, footer = self.templates["chrome"].render(model).split("\x00\n")
        return header, Markup(footer)

    # the case page ------------------------------------------------------------------

    def case_page(self, case: Case, lang: str) -> str:
        data, w = case.data, WORDS[lang]
        settled = vocabulary.undetermined(data)
        design_data = data.get("institutional_design")
        design = []
        if design_data is not None and not isinstance(design_data, dict):
            design.append({"label": vocabulary.field_label("institutional_design", lang), "value": text_of(design_data)})
        for dim in self.design:
            key = dim.pointer.rsplit("/", 1)[-1]
            value = design_data.get(key) if isinstance(design_data, dict) else None
            if value is None:
                shown = importer.undetermined_line(lang, settled[key]) if key in settled else w["empty"]
            elif dim.multiple and isinstance(value, list):
                shown = " ".join(code_label(dim, v, lang) for v in value)
            else:
                shown = code_label(dim, value, lang)
            design.append({"label": dim.title_in(lang), "value": shown})
        lists = []
        for dim in self.lists:
            value = data.get(dim.name)
            if isinstance(value, list):
                items = [code_label(dim, v, lang) for v in value]
            else:
                items = [] if value is None else [text_of(value)]
            reason = importer.undetermined_line(lang, settled[dim.name]) if dim.name in settled and not items else None
            lists.append({"title": dim.title_in(lang), "codes": items, "undetermined": reason})
        name, paragraphs, sources = self.shared(case)
        start, end = data.get("start_year"), data.get("end_year")
        root = "../../../"
        model = self.common(lang, root, f"case/{case.segment}/index.html")
        model.update(
            page_title=name or case.id_text,
            country=country_label(data.get("country"), lang) if data.get("country") is not None else w["empty"],
            name=name or w["empty"],
            description=paragraphs,
            design_title=vocabulary.field_label("institutional_design", lang),
            design=design,
            lists=lists,
            sources_title=vocabulary.field_label("sources", lang),
            sources=sources,
            cite_case=w["cite_case"].format(name=name or case.id_text, id=case.id_text, version=format_version()),
            published=importer.published_line(lang),
            how_to_quote=vocabulary.page_heading("how_to_quote", lang),
            case_id=case.id_text,
            path=case.path,
            years=years(start, end),
            years_title=w["years"],
            file_link=source_link(self.source_url, case.path),
            findings=[self.finding_row(f, lang, root) for f in case.findings],
            overview=f"{root}{lang}/index.html",
        )
        return self.templates["case"].render(model)

    def shared(self, case: Case) -> tuple:
        """The name, description paragraphs and sources of a case, the same in every
        language: made once for its three pages (which are made one after the other)."""
        if self.last is not None and self.last[0] is case:
            return self.last[1]
        data = case.data
        name = text_of(data.get("name")) if data.get("name") is not None else ""
        description = data.get("description")
        paragraphs = [line.strip() for line in text_of(description).split("\n") if line.strip()] if description is not None else []
        made = (name, paragraphs, self.sources(data.get("sources")))
        self.last = (case, made)
        return made

    def sources(self, value) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            return [{"href": None, "text": text_of(value), "extra": ""}]
        found = []
        for item in value:
            if isinstance(item, dict):
                url = item.get("url")
                extra = " · ".join(text_of(item[k]) for k in ("title", "accessed") if item.get(k) is not None)
                found.append({"href": web_url(url), "text": text_of(url) if url is not None else "", "extra": extra})
            else:
                found.append({"href": None, "text": text_of(item), "extra": ""})
        return found

    def finding_row(self, f, lang: str, root: str) -> dict:
        case = self.by_path.get(f.path)
        return {
            "code": f.code,
            "rule": f.rule,
            "severity": f.severity,
            "path": f.path,
            "line": f.line,
            "message": f.message,
            "case": case.id_text if case else None,
            "href": f"{root}{lang}/case/{case.segment}/index.html" if case else None,
            "source": source_link(self.source_url, f.path, f.line),
        }

    # the overview ------------------------------------------------------------------

    def overview(self, lang: str) -> str:
        w = WORDS[lang]
        cases = sorted(self.found.cases, key=lambda c: (text_of(c.data.get("name")).casefold(), c.path))
        means, ends = vocabulary.dimension("means"), vocabulary.dimension("ends")
        rows = [
            {
                "name": text_of(c.data.get("name")) if c.data.get("name") is not None else c.id_text,
                "href": f"case/{c.segment}/index.html",
                "country": country_label(c.data.get("country"), lang) if c.data.get("country") is not None else "",
                "years": years(c.data.get("start_year"), c.data.get("end_year")),
                "means": coded_list(means, c.data.get("means"), lang),
                "ends": coded_list(ends, c.data.get("ends"), lang),
            }
            for c in cases
        ]
        model = self.common(lang, "../", "index.html", script=True)
        model.update(
            page_title=w["overview"],
            summary=self.summary(lang),
            rows=rows,
            headers={
                "name": vocabulary.field_label("name", lang),
                "country": vocabulary.field_label("country", lang),
                "years": w["years"],
                "means": means.title_in(lang),
                "ends": ends.title_in(lang),
            },
            charts=self.charts(lang),
        )
        return self.templates["overview"].render(model)

    @functools.cached_property
    def counted(self) -> dict:
        return stats.counts([c.data for c in self.found.cases])

    def summary(self, lang: str) -> str:
        found = self.found
        severities = Counter(f.severity for f in found.findings)
        return WORDS[lang]["cases_total"].format(cases=len(found.cases), files=found.files, findings=len(found.findings), errors=severities["error"], warnings=severities["warning"])

    def charts(self, lang: str) -> list:
        w = WORDS[lang]
        counted = self.counted
        found = []

        def add(ident: str, title: str, rows: list, head: str) -> None:
            desc = w["bars_desc"].format(rows=", ".join(f"{label} {n}" for label, n in rows[:40]))
            found.append({"id": ident, "title": title, "svg": charts.bars(f"{ident}-{lang}", title, desc, rows), "head": [head, w["count"]], "rows": [[label, n] for label, n in rows]})

        by_country = counted["by_country"]
        rows = [(country_label(code.value, lang), by_country["codes"][stats.code_key(code.value)]) for code in vocabulary.country_choices()]
        rows = [(label, n) for label, n in rows if n] + extra_rows(by_country, w)
        add("per-country", w["per_country"], rows, vocabulary.field_label("country", lang))
        decades = [(w["unknown_decade"] if key == stats.UNKNOWN_DECADE else key, n) for key, n in counted["by_start_decade"].items()]
        add("per-decade", w["per_decade"], decades, vocabulary.field_label("start_year", lang))
        found.append(self.means_grid(lang))
        for dim in self.design:
            tally = counted["dimensions"][dim.name]
            rows = [(code.label_in(lang), tally["codes"][stats.code_key(code.value)]) for code in dim.codes] + extra_rows(tally, w)
            add(f"design-{dim.name}", w["distribution"].format(title=dim.title_in(lang)), rows, dim.title_in(lang))
        return found

    def means_grid(self, lang: str) -> dict:
        w = WORDS[lang]
        means = vocabulary.dimension("means")
        columns = [code.label_in(lang) for code in means.codes]
        counts: Counter = Counter()
        present: dict[str, int] = {}
        order = {code.value: i for i, code in enumerate(vocabulary.country_choices())}
        for case in self.found.cases:
            country = case.data.get("country")
            label = country_label(country, lang) if country is not None else w["no_country"]
            present.setdefault(label, order.get(country, len(order)) if isinstance(country, str) else len(order))
            held = case.data.get("means")
            for code in means.codes:
                if isinstance(held, list) and any(v == code.value and type(v) is type(code.value) for v in held):
                    counts[(label, code.label_in(lang))] += 1
        rows = sorted(present, key=lambda label: (present[label], label))
        title = w["means_by_country"]
        return {
            "id": "means-by-country",
            "title": title,
            "svg": charts.grid(f"means-by-country-{lang}", title, w["grid_desc"], rows, columns, dict(counts)),
            "head": [vocabulary.field_label("country", lang), *columns],
            "rows": [[row, *(counts[(row, column)] for column in columns)] for row in rows],
        }

    # the quality report --------------------------------------------------------------

    def quality(self, lang: str) -> str:
        w = WORDS[lang]
        found, root = self.found, "../../"
        rules: dict[tuple, list] = {}
        for f in found.findings:
            rules.setdefault((f.code, f.rule), []).append(self.finding_row(f, lang, root))
        by_country: dict[str, Counter] = {}
        for f in found.findings:
            case = self.by_path.get(f.path)
            country = case.data.get("country") if case else None
            label = country_label(country, lang) if country is not None else w["no_country"]
            by_country.setdefault(label, Counter())[f.severity] += 1
        model = self.common(lang, root, "quality/index.html")
        model.update(
            page_title=w["quality"],
            summary=self.summary(lang),
            country_head=vocabulary.field_label("country", lang),
            rules=[
                {"code": code, "rule": rule, "count": len(rows), "severity": ", ".join(sorted({r["severity"] for r in rows})), "findings": rows, "anchor": f"rule-{code}"}
                for (code, rule), rows in sorted(rules.items())
            ],
            countries=[{"country": label, "errors": c["error"], "warnings": c["warning"], "total": sum(c.values())} for label, c in sorted(by_country.items())],
            duplicates=[
                {"id": key, "text": w["duplicate_item"].format(id=key, count=len(cases)), "cases": [{"path": c.path, "href": f"{root}{lang}/case/{c.segment}/index.html"} for c in cases]}
                for key, cases in found.duplicates.items()
            ],
            unreadable=[{"path": path, "findings": [self.finding_row(f, lang, root) for f in findings], "source": source_link(self.source_url, path)} for path, findings in found.unreadable],
            notes=found.notes,
        )
        return self.templates["quality"].render(model)

    def landing(self) -> str:
        model = self.common("en", "", "index.html", nav=False)
        model.update(page_title=self.title, languages=[{"lang": lang, "name": LANG_NAMES[lang], "href": f"{lang}/index.html", "choose": WORDS[lang]["choose"]} for lang in LANGS])
        return self.templates["landing"].render(model)


def years(start, end) -> str:
    if start is None and end is None:
        return ""
    return f"{text_of(start) if start is not None else ''}–{text_of(end) if end is not None else ''}"


def coded_list(dim: vocabulary.Dimension, value, lang: str) -> str:
    if isinstance(value, list):
        return ", ".join(code_label(dim, v, lang) for v in value)
    return "" if value is None else text_of(value)


def extra_rows(tally: dict, w: dict) -> list:
    rows = []
    for key, word in ((stats.UNDETERMINED, "undetermined"), (stats.UNCODED, "uncoded"), (stats.OTHER, "other")):
        if tally.get(key):
            rows.append((w[word], tally[key]))
    return rows
