"""Translation at run time with the standard library's gettext.

Babel extracts the messages marked here into ``locales/messages.pot`` and compiles the
catalogs into ``wizard/locale/<locale>/LC_MESSAGES/wizard.mo``; at run time (CPython or
Pyodide) only :mod:`gettext` reads them, so Babel never has to load in the browser.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from pathlib import Path

from .typography import polish

DOMAIN = "wizard"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LOCALE = "en"
#: Site locale code -> the BCP 47 tag used in ``<html lang>`` and ``hreflang``.
LOCALES: dict[str, str] = {"en": "en", "pt-BR": "pt-BR", "ru": "ru", "zh": "zh-Hans"}
#: Site locale code -> the gettext catalog directory name.
CATALOG_NAMES: dict[str, str] = {"en": "en", "pt-BR": "pt_BR", "ru": "ru", "zh": "zh_Hans"}


class UnknownLocaleError(ValueError):
    """Raised for a language code the project does not publish."""

    def __init__(self, code: str) -> None:
        self.code = code
        allowed = ", ".join(LOCALES)
        super().__init__(f"unknown language {code!r}; allowed: {allowed}")


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated later, where it is shown."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction; :meth:`Translator.plural` translates it."""
    return (singular, plural)


def normalize_locale(code: str | None) -> str:
    """Map user input (``pt_BR``, ``pt-br``, ``zh-Hans``, ``zh-CN``) to a site locale code."""
    if not code:
        return DEFAULT_LOCALE
    key = code.strip().replace("_", "-").lower()
    aliases = {
        "en": "en", "en-us": "en", "en-gb": "en",
        "pt-br": "pt-BR", "pt": "pt-BR",
        "ru": "ru", "ru-ru": "ru",
        "zh": "zh", "zh-hans": "zh", "zh-cn": "zh", "zh-sg": "zh",
    }
    if key not in aliases:
        raise UnknownLocaleError(code)
    return aliases[key]


class Translator:
    """Translations for one locale."""

    def __init__(self, locale: str) -> None:
        self.locale = normalize_locale(locale)
        self.tag = LOCALES[self.locale]
        self._catalog = _catalog(self.locale)

    def __call__(self, message: str, **values: object) -> str:
        """The translation, its placeholders filled, spaced as the locale writes it
        (:func:`wizard.typography.polish`: Russian non-breaking spaces, Chinese–Latin spacing)."""
        text = self._catalog.gettext(message)
        return polish(text % values if values else text, self.locale)

    def plural(self, pair: tuple[str, str], n: int, **values: object) -> str:
        text = self._catalog.ngettext(pair[0], pair[1], n)
        return polish(text % {"num": n, **values}, self.locale)

    def has(self, message: str) -> bool:
        """True when the catalog holds a translation (English always counts as translated)."""
        if self.locale == DEFAULT_LOCALE:
            return True
        # In the compiled catalog means translated (untranslated entries are not compiled): a
        # pattern such as "%(heading)s:" may rightly read the same in a language.
        catalog = getattr(self._catalog, "_catalog", None)
        if catalog is not None:
            return message in catalog
        return self._catalog.gettext(message) != message


@cache
def _catalog(locale: str) -> gettext.NullTranslations:
    if locale == DEFAULT_LOCALE:
        return gettext.NullTranslations()
    mo = LOCALE_DIR / CATALOG_NAMES[locale] / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise MissingCatalogError(locale, mo)
    with mo.open("rb") as fh:
        return gettext.GNUTranslations(fh)


class MissingCatalogError(RuntimeError):
    """The compiled catalog for a published locale is absent (run ``make i18n-compile``)."""

    def __init__(self, locale: str, path: Path) -> None:
        self.locale = locale
        super().__init__(
            f"the {locale} translations are not compiled ({path.name} missing); "
            "run 'make i18n-compile'"
        )


_ISO_DURATION = re.compile(r"^P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?)?$")

HOURS = NP_("%(num)d hour", "%(num)d hours")
BUSINESS_DAYS = NP_("%(num)d business day", "%(num)d business days")


def format_duration(iso: str, t: Translator) -> str:
    """Word an ISO 8601 duration (``PT2H``; ``P1D`` meaning business days) for a reader.

    Only the two shapes the support targets use are accepted; plural forms come from the
    catalog, so Russian gets ``2 часа`` / ``8 часов`` / ``21 час`` and Chinese one form.
    """
    match = _ISO_DURATION.match(iso)
    if not match or not (match["days"] or match["hours"]) or (match["days"] and match["hours"]):
        raise ValueError(f"unsupported duration {iso!r}")
    if match["hours"]:
        return t.plural(HOURS, int(match["hours"]))
    return t.plural(BUSINESS_DAYS, int(match["days"]))


def format_date(iso: str, locale: str = DEFAULT_LOCALE) -> str:
    """A date (``2021-03`` or ``2026-12-01``) as the reader's language writes it in prose: its
    month and year (:func:`wizard.l10n.format_month_year`, CLDR data from Babel)."""
    from .l10n import format_month_year

    return format_month_year(iso, normalize_locale(locale))
