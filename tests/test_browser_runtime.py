"""What the browser wizard is made of, checked without a browser.

The built site's runtime (Pyodide files, wheel, site-local lock file), the widget markup in
each locale, and ``wizard.browser``: what it does with tampered answers, where its links
point, and that it never raises.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.hooks.pyodide_hook import (
    LOCK_NAME,
    PACKAGE,
    PYODIDE_COPIES,
    PYODIDE_DIR,
    RUNTIME_PATH,
    WEB_FILES,
    WEB_PATH,
    find_app_dir,
)
from macros.pages.wizard_widget import SCRIPT_STRINGS, SWITCH_SCRIPT, render, section_titles
from tests.browser_helpers import LOCALE_DIRS
from wizard import LOCALES, Translator, next_step
from wizard.browser import page_href, step, step_data
from wizard.flow import QUESTION_BY_ID, QUESTIONS
from wizard.paths import enumerate_paths
from wizard.ui import ui_strings

PATHS = list(enumerate_paths())


# --- the runtime in the built site -------------------------------------------------------------

@pytest.fixture(scope="module")
def runtime(wizard_site: Path) -> Path:
    return wizard_site / RUNTIME_PATH


@pytest.fixture(scope="module")
def app(wizard_site: Path) -> Path:
    """The wizard's folder: wheel, lock file, snapshot (assets/pyodide/wizard-<fingerprint>)."""
    return find_app_dir(wizard_site)


@pytest.fixture(scope="module")
def lock(app: Path) -> dict[str, Any]:
    return json.loads((app / LOCK_NAME).read_text(encoding="utf-8"))


def test_pyodide_files_are_the_npm_packages(runtime: Path) -> None:
    """Byte for byte the npm package's files, the two ES modules under their ``.js`` names."""
    for name, source in PYODIDE_COPIES.items():
        assert (runtime / name).read_bytes() == (PYODIDE_DIR / source).read_bytes(), name


def test_lock_file_registers_the_wheel_with_its_hash(app: Path, lock: dict[str, Any]) -> None:
    npm = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["info"] == npm["info"]  # the runtime checks it against itself
    package = lock["packages"][PACKAGE]
    wheel = app / package["file_name"]
    assert wheel.is_file() and "/" not in package["file_name"]
    assert package["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert package["imports"] == ["wizard"]
    assert package["depends"] == []


def test_lock_file_lists_only_files_the_site_serves(app: Path, lock: dict[str, Any]) -> None:
    assert all((app / p["file_name"]).is_file() for p in lock["packages"].values())


def test_wheel_carries_every_catalog_and_no_web_files(app: Path, lock: dict[str, Any]) -> None:
    wheel = app / lock["packages"][PACKAGE]["file_name"]
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for catalog in ("pt_BR", "ru", "zh_Hans"):
        assert f"wizard/locale/{catalog}/LC_MESSAGES/wizard.mo" in names
    assert "wizard/browser.py" in names
    assert not any(name.startswith("wizard/web/") for name in names)


def test_web_files_are_in_the_site(wizard_site: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    for name in WEB_FILES:
        assert (wizard_site / WEB_PATH / name).read_bytes() == (root / "wizard" / "web" / name).read_bytes()


@pytest.mark.parametrize("lang", list(LOCALES))
def test_wizard_page_loads_the_script_and_the_stylesheet(wizard_site: Path, lang: str) -> None:
    html = (wizard_site / LOCALE_DIRS[lang] / "wizard" / "index.html").read_text(encoding="utf-8")
    depth = "../" * (1 + LOCALE_DIRS[lang].count("/"))
    assert f'src="{depth}assets/wizard/wizard.js"' in html
    assert f'href="{depth}assets/wizard/wizard.css"' in html


# --- the widget markup ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", list(LOCALES))
def test_widget_markup(lang: str) -> None:
    html = render(lang)
    strings = ui_strings(Translator(lang))
    assert 'data-wizard-state="fallback"' in html
    start = html.index('data-wizard-config="') + len('data-wizard-config="')
    config = json.loads(unescape(html[start:html.index('"', start)]))
    assert config["lang"] == lang
    assert config["ui"] == {key: strings[key] for key in SCRIPT_STRINGS}
    assert config["timeout"] > 0
    for key in ("fallback_title", "fallback_nojs", "fallback_failed", "fallback_table"):
        assert strings[key].replace("'", "&#x27;") in html, key
    assert next_step({}, lang)["question"]["prompt"].replace("'", "&#x27;") in html
    assert "| " in html  # the decision table, still Markdown inside the md_in_html block


@pytest.mark.parametrize("lang", list(LOCALES))
def test_built_page_holds_the_switch_script_csp_hashes(wizard_site: Path, lang: str) -> None:
    html = (wizard_site / LOCALE_DIRS[lang] / "wizard" / "index.html").read_text(encoding="utf-8")
    assert f"<script>{SWITCH_SCRIPT}</script>" in html


@pytest.mark.parametrize("lang", list(LOCALES))
def test_every_guidance_link_points_to_a_built_section(wizard_site: Path, lang: str) -> None:
    """Every link a question or a result can show resolves to a page and an anchor on it."""
    wizard_dir = wizard_site / LOCALE_DIRS[lang] / "wizard"
    hrefs = {g["href"] for g in step_data([], lang)["guides"]}
    for question in QUESTIONS:
        hrefs.add(page_href(question.ref.guide))
    for path in PATHS:
        data = step_data(list(path.items()), lang)
        hrefs.update(g["href"] for g in data["guides"])
        assert 'href="../sources/#source-pages"' in data["html"]["main"]
    hrefs.add(page_href("sources.md#source-pages"))
    for href in sorted(hrefs):
        path, _, anchor = href.partition("#")
        page = (wizard_dir / path / "index.html").resolve()
        assert page.is_file(), href
        assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), href


@pytest.mark.parametrize("lang", list(LOCALES))
def test_section_titles_cover_every_guide(lang: str) -> None:
    titles = section_titles(lang)
    guides = {q.ref.guide for q in QUESTIONS}
    for path in PATHS:
        guides.update(s["guide"] for s in next_step(path, lang)["outcome"]["sources"])
    assert sorted(g for g in guides if g not in titles) == []


# --- wizard.browser ----------------------------------------------------------------------------

def test_page_href() -> None:
    assert page_href("report-a-problem.md#azure") == "../report-a-problem/#azure"
    assert page_href("index.md") == "../"
    assert page_href("faq.md#phone", directory_urls=False) == "faq.html#phone"


def test_valid_answers_are_used_as_given() -> None:
    for path in PATHS[:20]:
        data = step_data(list(path.items()), "en")
        assert data["error"] is None
        assert data["status"] == "outcome"
        assert data["outcome"] == next_step(path, "en")["outcome"]
        assert data["query"] == "?" + "&".join(f"{k}={v}" for k, v in path.items())
        changes = [a["change"] for a in data["answers"]]
        assert changes[0] == "" and all(c.count("=") == i for i, c in enumerate(changes))


@pytest.mark.parametrize(
    ("pairs", "reason", "usable"),
    [
        ([("role", "customer"), ("colour", "blue")], "unknown-key", {"role": "customer"}),
        ([("role", "direct-partner"), ("scope", "nobody")], "unknown-value", {"role": "direct-partner"}),
        ([("role", "customer"), ("scope", "own-subscription")], "not-applicable", {"role": "customer"}),
        ([("role", "customer"), ("role", "direct-partner")], "duplicate", {"role": "customer"}),
        ([("role", "")], "unknown-value", {}),
    ],
)
def test_tampered_answers_resume_at_the_last_valid_step(pairs: list, reason: str, usable: dict) -> None:
    for lang in LOCALES:
        data = step_data(pairs, lang)
        assert data["error"]["reason"] == reason
        assert data["error"]["message"]
        assert ui_strings(Translator(lang))["bad_url"] in unescape(data["html"]["alert"])
        expected = next_step(usable, lang)
        assert data["status"] == expected["status"]
        assert data.get("question") == expected.get("question")


@pytest.mark.parametrize(
    ("pairs", "question"),
    [
        ([("role", "direct-partner"), ("scope", "nobody")], "scope"),
        ([("role", "customer"), ("product", "azure"), ("topic", "break-fix"), ("impact", "huge")], "impact"),
        ([("role", "customer"), ("scope", "own-subscription")], "scope"),
    ],
)
def test_a_tampered_link_names_its_question_as_the_reader_knows_it(pairs: list, question: str) -> None:
    # The reader of a link never typed its keys or values: the notice names the question as the
    # wizard asks it, in the page's language, and neither the key nor the list of raw values.
    for lang in LOCALES:
        message = step_data(pairs, lang)["error"]["message"]
        t = Translator(lang)
        assert t(QUESTION_BY_ID[question].prompt) in message, (lang, message)
        raw = {question, *QUESTION_BY_ID[question].values}
        assert not [word for word in raw if re.search(rf"\b{re.escape(word)}\b", message)], (lang, message)
        if lang != "en":
            assert message != step_data(pairs, "en")["error"]["message"]


def test_theme_keys_are_not_answers() -> None:
    data = step_data([("h", "azure"), ("role", "customer")], "en")
    assert data["error"] is None and data["query"] == "?role=customer"


def test_unknown_locale_falls_back_to_english() -> None:
    assert step_data([], "xx")["lang"] == "en"


answer_pairs = st.lists(
    st.tuples(st.sampled_from([*QUESTION_BY_ID, "x", ""]),
              st.one_of(st.sampled_from([v for q in QUESTIONS for v in q.values]), st.text(max_size=5))),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(pairs=answer_pairs, lang=st.sampled_from([*LOCALES, "xx"]))
def test_step_never_raises_and_always_resumes_somewhere(pairs: list, lang: str) -> None:
    data = json.loads(step(json.dumps(pairs), lang))
    assert data["status"] in ("question", "outcome")
    usable = dict(item.split("=", 1) for item in data["query"].lstrip("?").split("&") if item)
    assert next_step(usable, data["lang"])["status"] == data["status"]
    if data["error"] is None:
        given = dict(p for p in reversed(pairs))
        assert set(given) == set(usable)


@pytest.mark.parametrize("raw", ["", "not json", "{}", "[1, 2]", "[[1]]", "null"])
def test_step_survives_garbage(raw: str) -> None:
    data = json.loads(step(raw, "ru"))
    assert data["status"] == "question" and data["question"]["id"] == "role"
