"""Per-locale typography: what each language's text should look like, and a fixer for text
the code assembles (lists, dates, interpolated messages).

* Russian: a non-breaking space joins a number to the word after it (``2 часа``, ``2020 г.``)
  and comes before a dash (``клиент — партнер``), so neither is left alone at a line end.
* Simplified Chinese: a space separates Chinese characters from Latin letters and digits, as
  Microsoft's zh-CN style does (``Microsoft 365 管理中心``, ``2020 年 4 月``).
* Every locale: one ellipsis character (``…``), never three dots; no doubled spaces.

:func:`polish` applies the spacing rules (it never changes words); :func:`problems` reports
what a translator should fix in a catalog or page. Standard library only (runs in Pyodide).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN = "A-Za-z0-9"
_CJK_THEN_LATIN = re.compile(f"([{_CJK}])([{_LATIN}])")
_LATIN_THEN_CJK = re.compile(f"([{_LATIN}%])([{_CJK}])")
# A number and the Russian word after it ("2 часа", "2020 г."), unless the number ends a Latin
# name ("Microsoft 365 касается": the space belongs to the sentence, not to a quantity).
_RU_NUMBER_WORD = re.compile(
    r"(?<![A-Za-z] \d)(?<![A-Za-z] \d\d)(?<![A-Za-z] \d\d\d)(?<![A-Za-z] \d\d\d\d)(?<=\d) (?=[А-Яа-яЁё])")
_RU_BEFORE_DASH = re.compile(r"(?<=\S) (?=[—–] )")
_PLACEHOLDER = re.compile(r"%\([A-Za-z_]+\)[sd]|%[sd%]|\{[A-Za-z_0-9]*\}")
_THREE_DOTS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_DOUBLE_SPACE = re.compile(r"(?<=\S)  +(?=\S)")


# A quoted sentence's full stop, which Russian sets after the closing guillemet.
_RU_STOP_IN_QUOTE = re.compile(r"\.»(?=\s|$|<)")


def quote_stop(text: str, locale: str) -> str:
    """Russian puts a quoted sentence's full stop after the closing quotation mark
    (``«… программе».``); a message that quotes a whole sentence gets it there."""
    return _RU_STOP_IN_QUOTE.sub("».", text) if locale == "ru" else text


def polish(text: str, locale: str) -> str:
    """``text`` with the locale's spacing rules applied, and in Russian a quoted sentence's full
    stop after the guillemet (a no-op for English and Portuguese)."""
    if locale == "ru":
        text = _RU_NUMBER_WORD.sub(NBSP, text)
        return quote_stop(_RU_BEFORE_DASH.sub(NBSP, text), locale)
    if locale == "zh":
        text = _CJK_THEN_LATIN.sub(r"\1 \2", text)
        return _LATIN_THEN_CJK.sub(r"\1 \2", text)
    return text


def problems(text: str, locale: str) -> list[str]:
    """Typography faults in a translation, one short description each (empty when clean).

    Placeholders (``%(name)s``) count as neither Chinese nor Latin text: what they stand for is
    spaced when the message is shown (:func:`polish`).
    """
    found: list[str] = []
    plain = _PLACEHOLDER.sub("\x00", text)
    for match in _THREE_DOTS.finditer(plain):
        found.append(f"three dots instead of '…': {_around(plain, match)}")
    for match in _DOUBLE_SPACE.finditer(plain):
        found.append(f"double space: {_around(plain, match)}")
    if locale == "ru":
        for match in _RU_NUMBER_WORD.finditer(plain):
            found.append(f"plain space after a number (use a non-breaking space): {_around(plain, match)}")
        for match in _RU_BEFORE_DASH.finditer(plain):
            found.append(f"plain space before a dash (use a non-breaking space): {_around(plain, match)}")
    if locale == "zh":
        for pattern in (_CJK_THEN_LATIN, _LATIN_THEN_CJK):
            for match in pattern.finditer(plain):
                found.append(f"no space between Chinese and Latin text: {_around(plain, match)}")
    return found


def _around(text: str, match: re.Match[str], width: int = 12) -> str:
    start, end = max(match.start() - width, 0), min(match.end() + width, len(text))
    return repr(text[start:end].replace("\x00", "%(…)s"))
