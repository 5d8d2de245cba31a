"""Gates on the translations: complete, current, consistent, and no English left over."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from wizard import Translator, route
from wizard.i18n import CATALOG_NAMES, HOURS, format_duration
from wizard.paths import enumerate_paths
from wizard.ui import SITE_MESSAGES, UI_MESSAGES

ROOT = Path(__file__).resolve().parents[1]
LOCALES = [loc for loc in CATALOG_NAMES if loc != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
MARKUP = re.compile(r"<[^>]+>")


def catalog(locale: str):
    path = ROOT / "locales" / CATALOG_NAMES[locale] / "LC_MESSAGES" / "wizard.po"
    with path.open("rb") as fh:
        return read_po(fh, locale=CATALOG_NAMES[locale])


def messages(locale: str):
    return [m for m in catalog(locale) if m.id]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_and_none_is_fuzzy(locale):
    untranslated = [m.id for m in messages(locale)
                    if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in messages(locale) if m.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:3]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_obsolete_entries(locale):
    assert not catalog(locale).obsolete


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_and_markup_match_the_source(locale):
    for m in messages(locale):
        sources = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = sorted(PLACEHOLDER.findall(sources[-1]))
        want_markup = sorted(MARKUP.findall(sources[-1]))
        for s in strings:
            assert sorted(PLACEHOLDER.findall(s)) == want, (m.id, s)
            assert sorted(MARKUP.findall(s)) == want_markup, (m.id, s)


def test_template_is_up_to_date_with_the_code(tmp_path):
    out = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-k", "N_",
                    "-k", "NP_:1,2", "--no-location", "--sort-output", "-o", str(out), "wizard"],
                   cwd=ROOT, check=True, capture_output=True)
    with out.open("rb") as fh:
        fresh = {m.id for m in read_po(fh) if m.id}
    with (ROOT / "locales" / "messages.pot").open("rb") as fh:
        committed = {m.id for m in read_po(fh) if m.id}
    assert fresh == committed, "run `make i18n-update`"


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogs_hold_exactly_the_template_messages(locale):
    with (ROOT / "locales" / "messages.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    assert {m.id for m in messages(locale)} == template


# A non-breaking space joins the number and its unit in Russian typography.
@pytest.mark.parametrize(("n", "expected"), [(1, "1\u00a0час"), (2, "2\u00a0часа"), (4, "4\u00a0часа"),
                                             (8, "8\u00a0часов"), (11, "11\u00a0часов"), (21, "21\u00a0час"),
                                             (22, "22\u00a0часа")])
def test_russian_hours_use_three_plural_forms(n, expected):
    # A non-breaking space keeps the number with its unit (wizard.typography).
    assert Translator("ru").plural(HOURS, n) == expected.replace(" ", "\u00a0")


def test_chinese_has_one_plural_form_and_portuguese_two():
    zh = Translator("zh")
    assert zh.plural(HOURS, 2).startswith("2") and zh.plural(HOURS, 8).startswith("8")
    assert re.sub(r"\d+", "", zh.plural(HOURS, 2)) == re.sub(r"\d+", "", zh.plural(HOURS, 8))
    pt = Translator("pt-BR")
    assert pt.plural(HOURS, 1) != pt.plural(HOURS, 2).replace("2", "1")


@pytest.mark.parametrize("locale", LOCALES)
def test_durations_are_worded_in_each_language(locale):
    t = Translator(locale)
    for iso in ("PT2H", "PT4H", "PT8H", "P1D"):
        worded = format_duration(iso, t)
        assert worded != format_duration(iso, Translator("en"))


# Product and plan names Microsoft keeps in English in every language.
SAME_IN_EVERY_LANGUAGE = {"Microsoft Azure", "Dynamics 365", "Premier Support for Partners",
                          "Advanced Support for Partners", "Signature Cloud Support",
                          "Finance and Operations", "Enterprise Mobility + Security (EMS)",
                          "Microsoft 365 (Office 365)"}


def _strings(value, path=""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in {"outcome", "contact", "channel", "severity", "first_response", "channel_url",
                         "lang", "value", "id", "source", "page", "section", "date", "guide",
                         # freshness data: fact ids, ISO dates and addresses, not text
                         "fact", "source_date", "checked", "targets_for", "url"}:
                yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


@pytest.mark.parametrize("locale", LOCALES)
def test_walking_every_outcome_shows_no_english_leftovers(locale):
    leftovers = set()
    for answers in enumerate_paths():
        english = dict(_strings(route(answers, "en")))
        for path, text in _strings(route(answers, locale)):
            if text == english.get(path) and text not in SAME_IN_EVERY_LANGUAGE:
                leftovers.add(text)
    assert not leftovers, sorted(leftovers)[:5]


@pytest.mark.parametrize("locale", LOCALES)
def test_interface_strings_are_translated(locale):
    t = Translator(locale)
    for message in [*UI_MESSAGES.values(), *SITE_MESSAGES.values()]:
        assert t.has(message), message
