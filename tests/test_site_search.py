"""Search works in every language: the built indexes, and Material's search in Chromium.

Each locale has its own index (``search/search_index.json`` for English at the root,
``<locale>/search/search_index.json`` for the others, locations relative to the locale's root:
macros/hooks/search_hook.py), so a reader's results are in the reader's language.
The index test reads each index the way Material's search worker does: the
configured separator splits the text (jieba has already put zero-width spaces between Chinese
words at build time), a query's Chinese run is split into words the index knows, and every
query term must be the start of a word of the section (Material searches ``term*``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from macros.tools.audit import serve_site
from tests.conftest import Site
from wizard.i18n import DEFAULT_LOCALE

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
TAG = re.compile(r"<[^>]+>")

#: (locale, query, the page it must find first among that locale's pages)
QUERIES = [
    ("en", "severity", "severity/"),
    ("pt-BR", "gravidade", "pt-BR/severity/"),
    ("ru", "серьезности", "ru/severity/"),
    ("ru", "административный", "ru/technical-support/"),
    ("zh", "严重性", "zh/severity/"),
    ("zh", "管理任务", "zh/technical-support/"),
]


LOCALE_DIRS = {"en": "", "pt-BR": "pt-BR/", "ru": "ru/", "zh": "zh/"}


@cache
def load_index(root: Path, locale: str = DEFAULT_LOCALE) -> dict:
    return json.loads((root / LOCALE_DIRS[locale] / "search" / "search_index.json").read_text(encoding="utf-8"))


def merged(root: Path) -> dict:
    """Every locale's index as one, with locations from the site root (as the URLs are)."""
    data = dict(load_index(root))
    data["docs"] = [{**d, "location": LOCALE_DIRS[locale] + d["location"]}
                    for locale in LOCALE_DIRS for d in load_index(root, locale)["docs"]]
    return data


def locale_of(location: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in ("pt-BR", "ru", "zh") else DEFAULT_LOCALE


class Index:
    def __init__(self, data: dict) -> None:
        self.separator = re.compile(data["config"]["separator"])
        self.docs = data["docs"]
        self.words = [self.tokens(d["title"]) | self.tokens(d["text"]) for d in self.docs]
        self.vocabulary = set().union(*self.words)

    def tokens(self, text: str) -> set[str]:
        return {t for t in self.separator.split(TAG.sub(" ", text).lower()) if t}

    def query_terms(self, query: str) -> list[str]:
        """Split the query; a Chinese run becomes the longest words the index knows (greedy)."""
        terms = []
        for part in self.separator.split(query.lower()):
            if not HAN.fullmatch(part):
                terms += [part] if part else []
                continue
            i = 0
            while i < len(part):
                for j in range(len(part), i, -1):
                    if part[i:j] in self.vocabulary or j == i + 1:
                        terms.append(part[i:j])
                        i = j
                        break
        return terms

    def search(self, query: str) -> list[str]:
        """Locations whose words start with every query term, best (title hits) first."""
        terms = self.query_terms(query)
        hits = []
        for doc, words in zip(self.docs, self.words, strict=True):
            if all(any(w.startswith(t) for w in words) for t in terms):
                title = self.tokens(doc["title"])
                score = sum(any(w.startswith(t) for w in title) for t in terms)
                hits.append((-score, doc["location"]))
        return [location for _, location in sorted(hits)]


@pytest.fixture(scope="module")
def index(site: Site) -> Index:
    return Index(merged(site.root))


@pytest.mark.parametrize("locale", list(LOCALE_DIRS))
def test_search_is_configured_for_every_language(site: Site, locale: str) -> None:
    config = load_index(site.root, locale)["config"]
    assert config["lang"] == ["en", "pt", "ru", "zh"]
    assert "\\u200b" in config["separator"]
    assert "stemmer" not in config["pipeline"]


@pytest.mark.parametrize("locale", list(LOCALE_DIRS))
def test_each_locale_has_an_index_of_its_own_pages(site: Site, locale: str) -> None:
    docs = load_index(site.root, locale)["docs"]
    pages = {d["location"].split("#")[0] for d in docs}
    assert "severity/" in pages and "faq/" in pages, locale
    assert not any(p.startswith(("pt-BR/", "ru/", "zh/")) for p in pages), "another locale's page"
    lang = {"en": "en", "pt-BR": "pt-BR", "ru": "ru", "zh": "zh-Hans"}[locale]
    severity = site.page_path(locale, "severity.md").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in severity
    # The locale's pages look for their index in the locale's folder (Material: base + search/...).
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', severity,
                                  re.DOTALL)[1])
    assert config["base"] == (".." if locale == "en" else f"../../{locale}/"), config["base"]


def test_chinese_text_is_segmented_with_jieba(site: Site) -> None:
    docs = [d for d in merged(site.root)["docs"] if d["location"].startswith("zh/")]
    assert docs and all("\u200b" in d["text"] for d in docs if len(HAN.findall(d["text"])) > 1)
    longest = max(len(run) for d in docs for run in HAN.findall(d["text"].replace("\u200b", " ")))
    assert longest <= 8, "Chinese text should be split into words"


@pytest.mark.parametrize(("locale", "query", "expected"), QUERIES)
def test_a_query_finds_the_page_in_its_language(index: Index, locale: str, query: str,
                                                expected: str) -> None:
    results = index.search(query)
    assert results, query
    pages = [r.split("#")[0] for r in results]
    assert expected in pages
    if locale != DEFAULT_LOCALE:
        # Words of one language only match pages in that language.
        assert {locale_of(p) for p in pages} == {locale}, pages
    own = [p for p in pages if locale_of(p) == locale]
    assert own[0] == expected, own[:5]


# --- Material's search in the browser ---------------------------------------------------------

BROWSER_QUERIES = [
    ("ru/", "серьезности", "ru/severity/"),
    ("ru/", "серьезн", "ru/severity/"),
    ("zh/", "严重性", "zh/severity/"),
    ("pt-BR/", "gravidade", "pt-BR/severity/"),
    ("", "severity", "severity/"),
]


@pytest.mark.browser
def test_materials_search_finds_pages_in_each_language(site: Site, browser: Any) -> None:
    errors: list[str] = []
    with serve_site(site.root) as base:
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path, query, expected in BROWSER_QUERIES:
            page.goto(base + path)
            box = page.locator("input.md-search__input")
            box.click()
            found: list[str] = []
            for _ in range(20):  # the worker may still be building the index: type again
                box.fill(query)
                # Material reads the query on keyup; Playwright types non-Latin text without key
                # events (as an input method would), so a key press follows.
                box.press("End")
                try:
                    page.wait_for_selector(".md-search-result__item", timeout=1000)
                except Exception:  # playwright's TimeoutError
                    continue
                found = page.eval_on_selector_all(
                    ".md-search-result__item > a", "els => els.map(e => e.href.split('?')[0].split('#')[0])")
                break
            assert found, f"no results for {query!r} on {path or 'the English home page'}"
            assert found[0] == base + expected, (query, found[:3])
        page.close()
    assert errors == []
