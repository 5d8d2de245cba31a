"""The built site: strict build, per-locale pages, data-driven tables, self-hosted assets."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.utils.meta import get_data

from macros.pages import diagrams
from macros.pages import main as macros
from macros.tools.audit import serve_site
from tests.conftest import PAGES, ROOT, Element, Site, table_rows
from wizard.engine import decide
from wizard.facts import NON_BREAK_FIX_RESPONSE, SEVERITIES, VEHICLE_KINDS, VEHICLES
from wizard.flow import QUESTION_BY_ID, QUESTIONS, RULES
from wizard.i18n import DEFAULT_LOCALE, LOCALES, Translator, format_duration
from wizard.learn import LEARN_PAGES
from wizard.outcomes import OUTCOMES
from wizard.paths import enumerate_paths
from wizard.sources import SOURCES
from wizard.ui import site_strings, ui_strings

LOCALE_IDS = list(LOCALES)


def data_table(doc: Element, name: str) -> Element:
    wrapper = doc.find("div", class_="csp-table", data_table=name)
    assert wrapper is not None, f"no {name} table"
    table = wrapper.find("table")
    assert table is not None
    return table


def test_strict_build_logs_no_warning(site: Site) -> None:
    if site.log is None:
        pytest.fail("SITE_DIR given without SITE_BUILD_LOG: run through `make test`")
    problems = [line for line in site.log.splitlines() if re.match(r"\s*(WARNING|ERROR)\b", line)]
    assert problems == []


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_every_page_is_built_in_every_locale(site: Site, locale: str) -> None:
    missing = [page for page in PAGES if not site.page_path(locale, page).is_file()]
    assert missing == []


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_html_lang_is_the_bcp47_tag(site: Site, locale: str) -> None:
    for page in PAGES:
        html = site.html(locale, page).find("html")
        assert html is not None and html.attrs["lang"] == LOCALES[locale], page


def expected_alternates(site: Site, page: str) -> dict[str, str]:
    """hreflang tag -> the page's absolute URL in that language, plus x-default (English)."""
    expected = {tag: site.page_url(code, page) for code, tag in LOCALES.items()}
    expected["x-default"] = site.page_url(DEFAULT_LOCALE, page)
    return expected


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_head_has_absolute_hreflang_alternates_and_x_default(site: Site, locale: str) -> None:
    for page in PAGES:
        head = site.html(locale, page).find("head")
        links = {el.attrs["hreflang"]: el.attrs["href"] for el in head.find_all("link", hreflang=True)
                 if el.attrs.get("rel") == "alternate"}
        assert links == expected_alternates(site, page), page


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_language_switcher_keeps_the_reader_on_the_same_page(site: Site, locale: str) -> None:
    for page in PAGES:
        doc = site.html(locale, page)
        here = site.page_url(locale, page)
        switcher = {a.attrs["hreflang"]: urljoin(here, a.attrs["href"])
                    for a in doc.find_all("a", class_="md-select__link")}
        expected = {tag: site.page_url(code, page) for code, tag in LOCALES.items()}
        # Links are relative (or root-relative on home pages): resolve them against the page.
        resolved = {tag: urlsplit(url).path for tag, url in switcher.items()}
        assert resolved == {tag: urlsplit(url).path for tag, url in expected.items()}, page


def test_sitemap_lists_every_page_with_its_alternates(site: Site) -> None:
    xml = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>(.*?)</url>", xml, re.S)
    locs = {re.search(r"<loc>(.*?)</loc>", u).group(1): u for u in urls}
    for locale in LOCALES:
        for page in PAGES:
            url = site.page_url(locale, page)
            assert url in locs, url
            alternates = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>',
                                         locs[url]))
            assert alternates == expected_alternates(site, page), url


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_meta_description_comes_from_the_front_matter(site: Site, locale: str) -> None:
    for page in PAGES:
        source = ROOT / "docs" / locale / page
        _, meta = get_data(source.read_text(encoding="utf-8"))
        description = site.html(locale, page).find("meta", name="description")
        assert meta.get("description"), f"{locale}/{page}: no description in the front matter"
        assert description is not None and description.attrs["content"] == meta["description"], page


# --- no other origin -------------------------------------------------------------------------

RESOURCE_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",),
    "track": ("src",), "input": ("src",),
}
#: <link rel> values that make the browser fetch something.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "preconnect", "dns-prefetch",
                 "modulepreload", "manifest", "apple-touch-icon", "mask-icon"}


def external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob")


def test_pages_load_nothing_from_another_origin(site: Site) -> None:
    offenders = []
    for path in site.html_files():
        doc = site.parse(path)
        for el in doc.iter():
            for attr in RESOURCE_ATTRS.get(el.tag, ()):
                value = el.attrs.get(attr)
                if value and any(external(v.split()[0]) for v in value.split(",")):
                    offenders.append((path.relative_to(site.root), el.tag, value))
            rels = set(el.attrs.get("rel", "").lower().split())
            if el.tag == "link" and FETCHING_RELS & rels and external(el.attrs.get("href", "")):
                offenders.append((path.relative_to(site.root), "link", el.attrs["href"]))
            style = el.attrs.get("style", "") + (el.text() if el.tag == "style" else "")
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", style):
                if external(url):
                    offenders.append((path.relative_to(site.root), "style", url))
        text = path.read_text(encoding="utf-8")
        for marker in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "googletagmanager"):
            if marker in text:
                offenders.append((path.relative_to(site.root), "text", marker))
    assert offenders == []


def test_stylesheets_import_nothing_from_another_origin(site: Site) -> None:
    offenders = []
    for css in site.root.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])(https?:)?//", text):
            offenders.append(css.relative_to(site.root))
            del url
    assert offenders == []


# --- flow diagrams ---------------------------------------------------------------------------

def svg_text(figure: Element) -> str:
    """The words drawn in a diagram, without the line breaks dot put in them."""
    return "".join("".join(t.text().split()) for t in figure.find_all("text"))


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_flow_diagrams_are_inline_svg_with_a_caption_and_a_text_version(site: Site, locale: str) -> None:
    doc = site.html(locale, "how-routing-works.md")
    labels = diagrams.Labels(locale)
    plan = diagrams.plan(diagrams.build_flow(), labels)
    figures = doc.find_all("figure", class_="csp-flow")
    assert len(figures) == len(plan)
    drawn = ""
    for figure, diagram in zip(figures, plan, strict=True):
        svg = figure.find("svg")
        caption = figure.find("figcaption")
        assert svg is not None and caption is not None and caption.clean_text()
        # a path of answers, short enough for a phone: the questions are in the diagrams
        if caption.clean_text() != f"{diagram.number}. {labels.node(diagram.root)}":
            assert not any(labels.t(q.prompt) in caption.clean_text() for q in QUESTION_BY_ID.values())
        assert svg.attrs["role"] == "img" and svg.attrs["aria-labelledby"] == caption.attrs["id"]
        assert float(svg.attrs["width"]) == diagram.width <= diagrams.MAX_WIDTH
        text = figure.find("details", class_="csp-flow__text")
        assert text is not None and text.find("summary").clean_text() == labels.t(diagrams.TEXT_VERSION)
        items = text.find("ol").find_all("li")
        for node in diagrams.question_nodes(diagram.root, diagram.cut):
            assert any(li.attrs.get("id") and labels.node(node) in li.text() for li in items), node.key
        drawn += svg_text(figure)
    for answers in enumerate_paths():
        decision = decide(answers)
        assert "".join(labels.t(decision.spec.title).split()) in drawn
        for qid in answers:
            assert "".join(labels.t(QUESTION_BY_ID[qid].prompt).split()) in drawn


def test_no_diagram_library_is_served(site: Site) -> None:
    served = [p.relative_to(site.root).as_posix() for p in site.root.rglob("*") if "mermaid" in p.name.lower()]
    assert served == []
    for locale in LOCALES:
        for page in PAGES:
            doc = site.html(locale, page)
            scripts = [s.attrs.get("src", "") for s in doc.find_all("script")]
            assert not any("mermaid" in src for src in scripts), (locale, page)
            assert doc.find("pre", class_="mermaid") is None and doc.find("div", class_="mermaid") is None


# --- tables rendered from the data ---------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_severity_table_matches_the_data(site: Site, locale: str) -> None:
    t = Translator(locale)
    rows = table_rows(data_table(site.html(locale, "severity.md"), "severity"))
    assert [(row[0], row[-1]) for row in rows] == [
        (s.id, format_duration(s.first_response, t)) for s in SEVERITIES.values()
    ]
    assert [row[1] for row in rows] == [t(s.label) for s in SEVERITIES.values()]


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_response_times_in_prose_come_from_the_data(site: Site, locale: str) -> None:
    t = Translator(locale)
    severity = site.html(locale, "severity.md").find("article").clean_text()
    assert format_duration(NON_BREAK_FIX_RESPONSE, t) in severity
    faq = site.html(locale, "faq.md").find("article").clean_text()
    assert format_duration(SEVERITIES["A"].first_response, t) in faq


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_support_vehicles_table_matches_the_data(site: Site, locale: str) -> None:
    t = Translator(locale)
    rows = table_rows(data_table(site.html(locale, "severity.md"), "vehicles"))
    assert rows == [[t(VEHICLE_KINDS[v.kind]), t(v.label), t(v.basis)] for v in VEHICLES]


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_decision_table_has_one_row_per_rule(site: Site, locale: str) -> None:
    t = Translator(locale)
    s = site_strings(t)
    rows = table_rows(data_table(site.html(locale, "how-routing-works.md"), "decision"))
    assert len(rows) == len(RULES)
    for row, rule in zip(rows, RULES, strict=True):
        spec = OUTCOMES[rule.outcome]
        assert row[1] == t(spec.title)
        if spec.csp_benefit:
            assert s["severity_from_impact"] in row[4]
            assert format_duration(NON_BREAK_FIX_RESPONSE, t) in row[4]
        elif spec.partner_escalation:
            # The customer's result: the severity the partner's escalation of a break-fix
            # problem would get (no target for the customer's other questions).
            assert s["severity_from_impact"] in row[4]
        else:
            assert row[4] == s["none"]
        for alternative in rule.match:
            for key in alternative:
                prompt = t(next(q for q in QUESTIONS if q.id == key).prompt)
                assert " ".join(prompt.split()) in " ".join(row[0].split())


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_sources_table_links_each_source_on_learn_with_its_date(site: Site, locale: str) -> None:
    doc = site.html(locale, "sources.md")
    table_html = data_table(doc, "sources")
    rows = table_rows(data_table(doc, "sources"))
    assert len(rows) == len(SOURCES)
    segment = {"en": "en-us", "pt-BR": "pt-br", "ru": "ru-ru", "zh": "zh-cn"}[locale]
    hrefs = [a.attrs["href"] for a in table_html.find_all("a")]
    expected = [LEARN_PAGES[p].url(locale) for s in SOURCES.values() for p in s.learn_ids()]
    assert sorted(hrefs) == sorted(expected), "a retired source links each page its topics are on now"
    assert LEARN_PAGES["check-service-health"].url(locale) in hrefs
    assert all(f"learn.microsoft.com/{segment}/" in h for h in hrefs)
    dates = sorted(t.attrs["datetime"] for t in table_html.find_all("time"))
    # Each language dates a source by its own version where it has one (pt-BR, ru: 2018-10).
    assert dates == sorted(s.date_in(locale) for s in SOURCES.values())
    assert ".txt" not in table_html.clean_text(), "no internal file names"


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_cite_notes_link_the_source_with_its_date_and_last_check(site: Site, locale: str) -> None:
    t = Translator(locale)
    doc = site.html(locale, "report-a-problem.md")
    notes = doc.find_all("p", class_="csp-cite")
    assert notes
    for note in notes:
        links = note.find_all("a")
        *source_dates, checked = (tag.attrs["datetime"] for tag in note.find_all("time"))
        assert len(links) == len(source_dates) >= 1, "each source with its own date"
        for link, source_date in zip(links, source_dates, strict=True):
            source = next(s for s in SOURCES.values() if t(s.title) == link.clean_text())
            assert link.attrs["href"] == source.learn_url(locale), "the source opens on Microsoft Learn"
            assert source_date == source.date_in(locale)
        assert len(checked) == 10, "and says when it was last checked"


def test_a_section_with_two_sources_cites_them_in_one_line(site: Site) -> None:
    doc = site.html("en", "report-a-problem.md")
    cites, inside = [], False
    for node in doc.iter():  # document order: from the section's heading to the next one
        if node.tag == "h2":
            if inside:
                break
            inside = node.attrs.get("id") == "indirect-resellers"
        elif inside and node.tag == "p" and "csp-cite" in node.attrs.get("class", "").split():
            cites.append(node)
    assert len(cites) == 1, "one Sources line, not one Source line after another"
    assert cites[0].clean_text().startswith("Sources: ") and len(cites[0].find_all("a")) == 2


def test_the_scope_note_is_open_on_the_home_page_and_one_click_away_on_the_guidance_pages(site: Site) -> None:
    title = site_strings(Translator("en"))["scope_title"]
    home = site.html("en", "index.md")
    assert any(title in el.clean_text() for el in home.find_all("div", class_="admonition")), "open"
    for page in ("technical-support.md", "customer-support.md", "report-a-problem.md"):
        doc = site.html("en", page)
        notes = [d for d in doc.find_all("details") if title in d.clean_text()]
        assert len(notes) == 1 and "open" not in notes[0].attrs, f"{page}: collapsed, not repeated open"
        assert not any(title in el.clean_text() for el in doc.find_all("div", class_="admonition"))


@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_the_scope_note_leads_to_21vianets_support_and_sets_chinese_without_a_space(site: Site, locale: str) -> None:
    strings = site_strings(Translator(locale))
    home = site.html(locale, "index.md")
    note = next(el for el in home.find_all("div", class_="admonition") if strings["scope_title"] in el.clean_text())
    link = next(a for a in note.find_all("a") if a.clean_text() == strings["scope_vianet"])
    assert link.attrs["href"].endswith("sources/#vianet-support")
    assert site.html(locale, "sources.md").find_all(id="vianet-support"), "the paragraph it points at"
    if locale == "zh":
        assert "。 " not in note.clean_text()


def test_macros_refuse_unknown_keys() -> None:
    with pytest.raises(KeyError):
        macros.response_time("D")
    with pytest.raises(KeyError):
        macros.cite("no-such-source")
    with pytest.raises(KeyError):
        macros.cite_all(("report-problems", "no-such-source"))


# --- 404 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALE_IDS)
def test_each_locale_has_a_localized_404_page(site: Site, locale: str) -> None:
    ui = ui_strings(Translator(locale))
    prefix = "" if locale == DEFAULT_LOCALE else f"{locale}/"
    doc = site.parse(site.root / prefix / "404.html")
    assert doc.find("html").attrs["lang"] == LOCALES[locale]
    assert doc.find("title").clean_text().startswith(ui["not_found_title"])
    home = get_data((ROOT / "docs" / locale / "index.md").read_text(encoding="utf-8"))[1]
    assert doc.find("meta", name="description").attrs["content"] == home["description"]
    article = doc.find("article")
    assert article.find("h1").clean_text() == ui["not_found_title"]
    assert ui["not_found_text"] in article.clean_text()
    links = {a.clean_text(): a.attrs["href"] for a in article.find_all("a") if "headerlink" not in
             a.attrs.get("class", "")}
    assert links[ui["not_found_home"]] == f"{site.base_path}{prefix}"
    assert links[ui["not_found_wizard"]] == f"{site.base_path}{prefix}wizard/"
    # Served from any depth, so every asset and link is absolute under the site's sub-path.
    for el in doc.iter():
        for attr in ("href", "src"):
            value = el.attrs.get(attr)
            if value and el.tag in ("link", "script", "a") and not value.startswith(("#", "http")):
                assert value.startswith(site.base_path), (el.tag, value)


# --- in the browser ------------------------------------------------------------------------------

#: Pages loaded in Chromium per locale: the diagram page and the hreflang links.
BROWSER_PAGES = ["how-routing-works.md"]


@pytest.mark.browser
def test_pages_run_without_errors_or_foreign_requests_under_the_sub_path(site: Site, browser: Any) -> None:
    """Served under /csp-support/: same-origin requests only, none failing, no console error;
    on a 1280-pixel-wide screen each flow diagram is drawn at its natural size (not scaled down)
    inside the text column; the 404 page finds its assets."""
    problems: list[str] = []
    with serve_site(site.root) as base:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        expected_404: list[str] = []
        # The browser logs the 404 status of a missing page itself as a console error.
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") and not (expected_404 and "404" in m.text) else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("request", lambda r: problems.append(f"foreign request: {r.url}")
                if not r.url.startswith((origin, "data:", "blob:")) else None)
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
        page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
                if r.status >= 400 and r.url not in expected_404 else None)
        for locale in LOCALES:
            for name in BROWSER_PAGES:
                url = site.page_url(locale, name).replace(site.site_url, base)
                page.goto(url, wait_until="networkidle")
                rels = page.eval_on_selector_all("link[hreflang]", "els => els.map(e => e.rel)")
                assert rels and set(rels) == {"alternate"}, (url, rels)
                if name == "how-routing-works.md":
                    sizes = page.eval_on_selector_all(".csp-flow svg", """svgs => svgs.map(s => [
                      s.getBoundingClientRect().width, s.width.baseVal.value,
                      document.querySelector('.md-content__inner').getBoundingClientRect().width])""")
                    assert sizes and all(abs(shown - natural) < 0.5 and shown <= column
                                         for shown, natural, column in sizes), (url, sizes)
            prefix = "" if locale == DEFAULT_LOCALE else f"{locale}/"
            missing = f"{base}{prefix}no-such-page/"
            expected_404.append(missing)
            response = page.goto(missing, wait_until="networkidle")
            assert response.status == 404
            expected_404.clear()
            assert page.evaluate("document.documentElement.lang") == LOCALES[locale]
            # Material's stylesheet applied: the header is laid out, not unstyled.
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.close()
    assert problems == []
