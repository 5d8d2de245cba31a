"""Dates and lists as each locale writes them, from CLDR data copied out of Babel, and the
per-locale typography the code applies."""

from __future__ import annotations

import datetime

import pytest
from babel.dates import format_skeleton
from babel.lists import format_list as babel_format_list

from macros.tools import locale_data
from wizard.i18n import CATALOG_NAMES, Translator
from wizard.l10n import format_label_list, format_list, format_month_year, mid_sentence
from wizard.typography import NBSP, polish, problems

LOCALES = ["en", "pt-BR", "ru", "zh"]


def test_the_generated_locale_data_is_current():
    assert locale_data.TARGET.read_text(encoding="utf-8") == locale_data.generate(), "run `make locale-data`"


@pytest.mark.parametrize("locale", LOCALES)
def test_month_year_equals_babel_for_every_month(locale):
    for month in range(1, 13):
        expected = format_skeleton("yMMMM", datetime.date(2020, month, 1), locale=CATALOG_NAMES[locale])
        assert format_month_year(f"2020-{month:02d}", locale) == polish(expected, locale)


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", "April 2020"), ("pt-BR", "abril de 2020"), ("ru", "апрель 2020\u202fг."), ("zh", "2020 年 4 月"),
])
def test_month_year_reads_as_each_language_writes_it(locale, expected):
    assert format_month_year("2020-04", locale) == expected
    assert format_month_year("2020-04-27", locale) == expected


@pytest.mark.parametrize("bad", ["2020-13", "2020-4", "April 2020", ""])
def test_month_year_rejects_what_is_not_an_iso_month(bad):
    with pytest.raises(ValueError):
        format_month_year(bad, "en")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("style", ["standard", "or"])
def test_lists_equal_babel(locale, style):
    items = ["Azure", "Dynamics 365", "Enterprise Mobility + Security", "Microsoft 365"]
    for n in range(1, 5):
        expected = babel_format_list(items[:n], style=style, locale=CATALOG_NAMES[locale])
        assert format_list(items[:n], locale, style) == polish(expected, locale)


def test_chinese_lists_space_latin_names():
    assert format_list(["Dynamics 365", "Enterprise Mobility + Security"], "zh", "or") == \
        "Dynamics 365 或 Enterprise Mobility + Security"


@pytest.mark.parametrize(("locale", "labels", "expected"), [
    ("en", ["A direct-bill CSP partner", "An indirect reseller", "An indirect provider"],
     "A direct-bill CSP partner, an indirect reseller, or an indirect provider"),
    ("en", ["Azure", "Microsoft 365"], "Azure or Microsoft 365"),
    ("pt-BR", ["Um parceiro CSP", "Um revendedor indireto"], "Um parceiro CSP ou um revendedor indireto"),
    ("ru", ["Партнер CSP", "Косвенный торговый посредник"], "Партнер CSP или косвенный торговый посредник"),
    ("en", ["A", "B", "C"], "A, B, or C"),
])
def test_label_lists_are_cased_for_mid_sentence(locale, labels, expected):
    assert format_label_list(labels, locale) == expected


def test_names_and_acronyms_keep_their_capitals():
    assert mid_sentence("Azure", "en") == "Azure"
    assert mid_sentence("CSP partner", "en") == "CSP partner"
    assert mid_sentence("Центр партнеров", "ru") == "Центр партнеров"
    assert mid_sentence("Partner Center", "en") == "Partner Center"
    assert mid_sentence("Yes", "en") == "yes"


def test_russian_gets_non_breaking_spaces_after_numbers_and_before_dashes():
    assert polish("2 часа — это цель", "ru") == f"2{NBSP}часа{NBSP}— это цель"
    assert Translator("ru").plural(("%(num)d hour", "%(num)d hours"), 8) == f"8{NBSP}часов"


def test_chinese_spaces_latin_text_and_digits():
    assert polish("在Azure门户中，2小时内", "zh") == "在 Azure 门户中，2 小时内"
    assert polish("English text stays", "en") == "English text stays"


def test_problems_name_what_to_fix():
    assert any("three dots" in p for p in problems("Mais...", "pt-BR"))
    assert any("non-breaking" in p for p in problems("2 часа", "ru"))
    assert any("Chinese and Latin" in p for p in problems("在Azure门户", "zh"))
    assert problems("在%(portal)s中", "zh") == []  # placeholders are spaced when shown


# --- the command line's own help ----------------------------------------------------------

#: argparse's and the wizard's English help wording that a translated --help must not show.
_ENGLISH_HELP = ("usage:", "options:", "show this help message", "print the outcome",
                 "print the next question", "Who to contact", "print JSON", "language:")


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    from wizard import cli

    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("locale", ["pt-BR", "ru", "zh"])
@pytest.mark.parametrize("where", [[], ["route"], ["next"]], ids=["main", "route", "next"])
def test_cli_help_speaks_the_chosen_language(locale, where, capsys):
    t = Translator(locale)
    # --lang before or after the command: both choose the language of the help.
    for argv in (["--lang", locale, *where, "--help"], [*where, "--lang", locale, "-h"]):
        out = _help(argv, capsys)
        leftovers = [w for w in _ENGLISH_HELP if w in out]
        assert not leftovers, (argv, leftovers, out)
        assert out.startswith(t("usage: ").rstrip()), out
        assert t("show this help message and exit") in out
    if locale == "zh":
        assert "选项：" in out and "选项:" not in out


def test_cli_help_in_english_and_with_an_unknown_language(capsys):
    assert "show this help message and exit" in _help(["--help"], capsys)
    # An unknown language cannot translate the help; it stays English rather than failing.
    assert "usage: python -m wizard" in _help(["--lang", "xx", "--help"], capsys)


@pytest.mark.parametrize("locale", ["en", "pt-BR", "ru", "zh"])
@pytest.mark.parametrize(("answers", "names"), [
    (["role"], "key=value"),                              # a bare key is not an answer
    (["role=customer", "role=direct-partner"], "role"),   # one key answered twice
], ids=["bare-key", "twice"])
def test_cli_rejects_malformed_answers_in_the_chosen_language(locale, answers, names, capsys):
    from wizard import cli

    assert cli.main(["--lang", locale, "route", *answers]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and names in err[0], err
    # The bare key is not reported as an unknown question (it is a known one).
    t = Translator(locale)
    unknown = t("Unknown question '%(key)s'. Known questions: %(allowed)s.").split("%(key)s")[0]
    assert unknown.strip("'«“ ") not in err[0] or not unknown.strip("'«“ "), err


@pytest.mark.parametrize("locale", ["en", "pt-BR", "ru", "zh"])
def test_a_link_answering_a_question_twice_says_so_and_keeps_the_first(locale):
    from wizard.browser import step_data
    from wizard.flow import QUESTION_BY_ID

    data = step_data([["role", "customer"], ["role", "direct-partner"]], locale)
    t = Translator(locale)
    assert data["query"] == "?role=customer"
    assert data["error"]["reason"] == "duplicate"
    assert t(QUESTION_BY_ID["role"].prompt) in data["error"]["message"]
    assert data["error"]["message"] != t("The link's answer to “%(question)s” is not one of its choices.",
                                         question=t(QUESTION_BY_ID["role"].prompt))


def test_a_quoted_sentence_ends_after_the_guillemet_in_russian_only() -> None:
    from wizard.typography import quote_stop

    assert quote_stop("сказано: «Нельзя по телефону.» Копия", "ru") == "сказано: «Нельзя по телефону». Копия"
    assert quote_stop("said: “No phone.” The copy", "en") == "said: “No phone.” The copy"
    t = Translator("ru")
    from wizard import route
    from wizard.text import outcome_text

    answers = {"role": "direct-partner", "scope": "customer-subscription", "product": "microsoft-365",
               "topic": "break-fix", "admin_access": "yes", "support_role": "yes", "impact": "critical"}
    text = outcome_text(route(answers, "ru"), t)
    assert "по телефону»." in text and ".»" not in text
