"""Translations: status of pages and catalogs, the banners, localized navigation.

The banner test builds a small copy of the docs (three pages per locale) in which the Russian
FAQ is deleted and the Chinese severity page carries a wrong ``source_hash``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from babel.messages.pofile import read_po
from mkdocs.utils.meta import get_data

from macros.tools import i18n_status
from tests.conftest import PAGES, ROOT, TRANSLATIONS, Site, build_site, configured_site_url, parse_html
from wizard.i18n import DEFAULT_LOCALE, LOCALES, Translator
from wizard.ui import ui_strings

# --- page status and stamping ------------------------------------------------------------------


def test_committed_translations_are_all_up_to_date() -> None:
    stale = [(s.locale, s.page, s.state) for s in i18n_status.pages_status()
             if s.state != i18n_status.TRANSLATED]
    assert stale == [], "run 'make i18n-stamp' after updating these translations"


def test_every_translated_page_records_the_english_hash() -> None:
    for locale in TRANSLATIONS:
        for page in PAGES:
            text = (ROOT / "docs" / locale / page).read_text(encoding="utf-8")
            recorded = i18n_status.recorded_hash(text)
            assert recorded is not None and len(recorded) == 12, (locale, page)


def test_source_hash_is_sha256_of_the_english_file() -> None:
    import hashlib

    data = (ROOT / "docs" / "en" / "severity.md").read_bytes()
    assert i18n_status.english_hash("severity.md") == hashlib.sha256(data).hexdigest()[:12]


def test_stamp_text_adds_and_updates_the_key_and_keeps_the_rest() -> None:
    page = '---\ntitle: "Título: com dois-pontos"\ndescription: Uma descrição.\n---\n\nTexto.\n'
    stamped = i18n_status.stamp_text(page, "abcdef012345")
    assert stamped == ('---\ntitle: "Título: com dois-pontos"\ndescription: Uma descrição.\n'
                       'source_hash: abcdef012345\n---\n\nTexto.\n')
    assert i18n_status.stamp_text(stamped, "abcdef012345") == stamped
    updated = i18n_status.stamp_text(stamped, "111111111111")
    assert i18n_status.recorded_hash(updated) == "111111111111"
    assert updated.count("source_hash") == 1
    assert get_data(updated)[1]["title"] == "Título: com dois-pontos"
    bare = i18n_status.stamp_text("Just text.\n", "222222222222")
    assert i18n_status.recorded_hash(bare) == "222222222222" and bare.endswith("Just text.\n")


def test_status_is_translated_missing_or_outdated(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for locale in ("en", "ru", "zh"):
        (docs / locale).mkdir(parents=True)
    (docs / "en" / "a.md").write_text("---\ntitle: A\n---\n\nEnglish.\n", encoding="utf-8")
    (docs / "ru" / "a.md").write_text("---\ntitle: А\n---\n\nРусский.\n", encoding="utf-8")
    assert i18n_status.page_status("ru", "a.md", docs).state == i18n_status.OUTDATED  # never stamped
    assert i18n_status.page_status("zh", "a.md", docs).state == i18n_status.MISSING
    assert i18n_status.stamp(docs, only=["ru/b.md"]) == []
    assert i18n_status.stamp(docs, ["ru"]) == [docs / "ru" / "a.md"]
    assert i18n_status.page_status("ru", "a.md", docs).state == i18n_status.TRANSLATED
    (docs / "en" / "a.md").write_text("---\ntitle: A\n---\n\nEnglish, changed.\n", encoding="utf-8")
    assert i18n_status.page_status("ru", "a.md", docs).state == i18n_status.OUTDATED


def test_catalog_statistics_cover_every_message() -> None:
    with (ROOT / "locales" / "messages.pot").open("rb") as fh:
        template = read_po(fh)
    total = sum(1 for m in template if m.id)
    for locale in TRANSLATIONS:
        stats = i18n_status.catalog_stats(locale)
        assert stats.total == total, locale


def test_status_command_reports_catalogs_and_pages() -> None:
    proc = subprocess.run([sys.executable, "-m", "macros.tools.i18n_status"], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    out = proc.stdout
    for locale in TRANSLATIONS:
        stats = i18n_status.catalog_stats(locale)
        assert any(line.split()[:4] == [locale, str(stats.translated), str(stats.fuzzy), str(stats.untranslated)]
                   for line in out.splitlines()), locale
        assert f"{locale}: " in out
    for page in PAGES:
        assert page in out


# --- banners, in a small build -------------------------------------------------------------------

BANNER_PAGES = ["index.md", "faq.md", "severity.md"]


@pytest.fixture(scope="module")
def banner_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    tmp = tmp_path_factory.mktemp("banners")
    for locale in LOCALES:
        (tmp / "docs" / locale).mkdir(parents=True)
        for page in BANNER_PAGES:
            shutil.copy(ROOT / "docs" / locale / page, tmp / "docs" / locale / page)
    (tmp / "docs" / "ru" / "faq.md").unlink()
    zh = tmp / "docs" / "zh" / "severity.md"
    zh.write_text(i18n_status.stamp_text(zh.read_text(encoding="utf-8"), "000000000000"), encoding="utf-8")
    for name in ("overrides", "macros"):
        (tmp / name).symlink_to(ROOT / name, target_is_directory=True)
    config = tmp / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        "docs_dir: docs\n"
        "hooks: [macros/hooks/site_hooks.py]\n"
        "nav: [" + ", ".join(BANNER_PAGES) + "]\n",
        encoding="utf-8")
    # Not strict: the copied pages link to pages this small build leaves out.
    log = build_site(tmp / "site", config=config, strict=False)
    return Site(tmp / "site", log, configured_site_url())


def banner(site: Site, locale: str, page: str) -> tuple[object, object]:
    doc = site.html(locale, page)
    return doc, doc.find("div", class_="csp-translation-banner")


def resolved_path(site: Site, locale: str, page: str, href: str) -> str:
    return urlsplit(urljoin(site.page_url(locale, page), href)).path


def test_missing_translation_shows_english_under_a_localized_banner(banner_site: Site) -> None:
    ui = ui_strings(Translator("ru"))
    doc, box = banner(banner_site, "ru", "faq.md")
    assert box is not None and box.attrs["data-translation-state"] == i18n_status.MISSING
    assert ui["banner_missing"] in box.clean_text()
    link = box.find("a")
    assert link.clean_text() == ui["banner_read_english"]
    assert resolved_path(banner_site, "ru", "faq.md", link.attrs["href"]) == banner_site.base_path + "faq/"
    # The page around it is Russian; the English text is marked as English.
    assert doc.find("html").attrs["lang"] == "ru"
    english = doc.find("div", lang="en")
    assert english is not None and english.find("h1") is not None
    title = get_data((ROOT / "docs" / "en" / "faq.md").read_text(encoding="utf-8"))[1]["title"]
    assert english.find("h1").clean_text() == title


def test_outdated_translation_shows_a_localized_banner_with_a_link_to_english(banner_site: Site) -> None:
    ui = ui_strings(Translator("zh"))
    doc, box = banner(banner_site, "zh", "severity.md")
    assert box is not None and box.attrs["data-translation-state"] == i18n_status.OUTDATED
    assert ui["banner_outdated"] in box.clean_text()
    link = box.find("a")
    assert link.clean_text() == ui["banner_read_english"]
    assert resolved_path(banner_site, "zh", "severity.md", link.attrs["href"]) == banner_site.base_path + "severity/"
    assert doc.find("div", lang="en") is None


def test_current_translations_and_english_pages_have_no_banner(banner_site: Site) -> None:
    for locale, page in (("ru", "severity.md"), ("zh", "faq.md"), ("pt-BR", "faq.md"), ("en", "faq.md"),
                         ("en", "severity.md")):
        assert banner(banner_site, locale, page)[1] is None, (locale, page)


def test_the_published_site_shows_no_banner(site: Site) -> None:
    flagged = [p.relative_to(site.root) for p in site.html_files()
               if "csp-translation-banner" in p.read_text(encoding="utf-8")]
    assert flagged == []


# --- localized chrome ------------------------------------------------------------------------------

@pytest.mark.parametrize("locale", list(LOCALES))
def test_navigation_titles_are_the_locales_page_titles(site: Site, locale: str) -> None:
    doc = site.html(locale, "faq.md")
    sidebar = doc.find("div", data_md_type="navigation")
    labels = [a.clean_text() for a in sidebar.find_all("a", class_="md-nav__link")
              if a.attrs.get("href", "").split("#")[0] not in ("#",)]
    titles = []
    for page in ("index.md", "wizard.md", "customer-support.md", "technical-support.md", "report-a-problem.md",
                 "severity.md", "faq.md", "how-routing-works.md", "sources.md"):
        _, meta = get_data((ROOT / "docs" / locale / page).read_text(encoding="utf-8"))
        titles.append(meta.get("title"))
    assert all(titles), f"{locale}: a page has no title in its front matter"
    for title in titles:
        assert title in labels, (locale, title)


@pytest.mark.parametrize("locale", TRANSLATIONS)
def test_site_name_is_the_locales_home_title(site: Site, locale: str) -> None:
    _, meta = get_data((ROOT / "docs" / locale / "index.md").read_text(encoding="utf-8"))
    doc = site.html(locale, "faq.md")
    # "Page – Site" as the language writes it (Russian: "Page — Site", a non-breaking space before the dash).
    suffix = ui_strings(Translator(locale))["page_title"].replace("%(page)s", "").replace("%(site)s", meta["title"])
    assert suffix.strip().startswith(("–", "—")) and doc.find("title").clean_text().endswith(suffix), "Page – Site"
    home = site.html(locale, "index.md")
    assert home.find("title").clean_text() == meta["title"], "the home page is just the site name"


def test_pages_never_restate_a_duration_the_data_holds() -> None:
    """Durations are rendered by the macros; a page that types one would go stale silently."""
    from wizard.facts import NON_BREAK_FIX_RESPONSE, SEVERITIES
    from wizard.i18n import format_duration

    durations = [s.first_response for s in SEVERITIES.values()] + [NON_BREAK_FIX_RESPONSE]
    found = []
    for locale in LOCALES:
        t = Translator(locale)
        words = {format_duration(d, t) for d in durations}
        for page in PAGES:
            text = (ROOT / "docs" / locale / page).read_text(encoding="utf-8")
            found += [(locale, page, w) for w in words if w in text]
    assert found == []


def test_parse_html_helper_reads_nested_elements() -> None:
    doc = parse_html('<div class="a b"><p id="x">one <b>two</b></p><br><p>three</p></div>')
    assert doc.find("div", class_="b").clean_text() == "one twothree"
    assert doc.find("p", id="x").clean_text() == "one two"
    assert len(doc.find_all("p")) == 2


def test_default_locale_is_english() -> None:
    assert DEFAULT_LOCALE == "en" and LOCALES["zh"] == "zh-Hans"
