"""The theme's chrome in every language: page titles, the footer and the search wording."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ["en", "pt-BR", "ru", "zh"]
PAGES = ["index.md", "wizard.md", "customer-support.md", "technical-support.md", "report-a-problem.md",
         "severity.md", "faq.md", "how-routing-works.md", "sources.md"]
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
#: One word for search per language, as Microsoft's localized sites write it.
SEARCH_WORD = {"en": "Search", "pt-BR": "Pesquisar", "ru": "Поиск", "zh": "搜索"}


def title(site, locale: str, page: str) -> str:
    return site.html(locale, page).find("title").text()


@pytest.mark.parametrize("locale", LOCALES)
def test_titles_are_page_dash_site_and_the_home_page_is_the_site_name(site, locale):
    site_name = title(site, locale, "index.md")
    assert "– " not in site_name and "— " not in site_name and " - " not in site_name, site_name
    # The dash as the language writes it: Russian uses the em dash, with a non-breaking space before it.
    dash = "\u00a0— " if locale == "ru" else " – "
    for page in PAGES[1:]:
        html = site.html(locale, page)
        # The wizard's heading is its question (its tab title follows the step in the browser:
        # tests/test_browser_reader.py); the page's own title heads its no-script fallback.
        h1 = html.find("h1", **{"class": "csp-wizard__fallback-title"}) if page == "wizard.md" else html.find("h1")
        heading = h1.clean_text().rstrip("¶").strip()
        assert title(site, locale, page) == f"{heading}{dash}{site_name}"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_english_made_with_line_in_the_footer(site, locale):
    for page in PAGES:
        footer = site.html(locale, page).find("footer")
        assert "Made with" not in footer.text() and "Material for MkDocs" not in footer.text()


@pytest.mark.parametrize("locale", LOCALES)
def test_footer_link_names_use_the_languages_colon(site, locale):
    html = site.page_path(locale, "severity.md").read_text(encoding="utf-8")
    names = re.findall(r'class="md-footer__link md-footer__link--(?:prev|next)" aria-label="([^"]+)"', html)
    assert len(names) == 2, names
    for name in names:
        if locale == "zh":
            assert "：" in name and ":" not in name, name
        else:
            assert ": " in name and "：" not in name, name


@pytest.mark.parametrize("locale", LOCALES)
def test_search_has_one_word_in_each_language(site, locale):
    html = site.page_path(locale, "faq.md").read_text(encoding="utf-8")
    labels = set(re.findall(r'class="md-search__input"[^>]*aria-label="([^"]+)"', html))
    labels |= set(re.findall(r'<nav class="md-search__options" aria-label="([^"]+)"', html))
    labels |= set(re.findall(r'<label class="md-header__button md-icon" for="__search"[^>]*title="([^"]*)"', html))
    assert labels == {SEARCH_WORD[locale]}, labels


# The keys each override changes from Material's own translation, and why.
OVERRIDDEN = {
    # "Pesquisar" for search (Material has "Buscar" in places), as Microsoft's Brazilian sites write it; and the
    # articles Portuguese needs ("para o conteúdo", "para a área de transferência").
    "pt-BR.html": {
        "action.skip", "clipboard.copy", "clipboard.copied", "search.placeholder",
        "search.result.initializer", "search.result.placeholder",
    },
    # The header and footer as parts of a web page (Material has the print terms), "Загрузка поиска…", and "Еще"
    # without "ё", as the rest of the Russian pages write it.
    "ru.html": {
        "footer", "header", "search.result.initializer", "search.result.more.one", "search.result.more.other",
    },
    # One word for search, as Microsoft's zh-CN sites write it.
    "zh.html": {"search"},
}


def _strings(lines: list[str]) -> dict[str, str]:
    return dict(re.findall(r'^\s*"([\w.]+)": "(.*)",?$', "\n".join(lines), re.M))


@pytest.mark.parametrize("name", sorted(OVERRIDDEN))
def test_language_overrides_change_only_what_they_say(name):
    ours = (ROOT / "overrides" / "partials" / "languages" / name).read_text(encoding="utf-8").splitlines()
    theirs = (MATERIAL_LANGUAGES / name).read_text(encoding="utf-8").splitlines()
    mine, material_strings = _strings(ours[3:]), _strings(theirs)  # after our three-line comment
    assert mine.keys() == material_strings.keys()
    changed = {key for key in mine if mine[key] != material_strings[key]}
    assert changed == OVERRIDDEN[name], changed
