"""The fingerprints as data: ``wizard/fingerprints.json``, beside the checks in ``wizard/currency.py``.

Keyed by fact id, then Learn page id (:data:`wizard.learn.LEARN_PAGES`), then site locale, so a
check recorded again for one fact and page replaces exactly one entry, and two people recording
different facts change different lines. Each entry::

    {"url": "https://learn.microsoft.com/en-us/...",
     "section": {"anchor": "...", "heading": "..."},
     "quote": "the sentences that state the fact",
     "section_hash": "sha256:...",          # of the section's normalized text
     "taken": "2026-12-03",                 # the day the check was recorded
     "from": {"copy": "...", "repo": "...", "path": "...", "commit": "...", "date": "..."}
             or {"fetched": "https://learn.microsoft.com/...", "at": "..."}}

Only the record command (``make record-check``) writes this file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FINGERPRINTS = ROOT / "wizard" / "fingerprints.json"
ABOUT = ("Fingerprints of the Microsoft Learn passages each fact cites, written by `make record-check`; "
         "read by `make watch` and `make freshness`. Do not edit by hand.")

Fingerprints = dict[str, dict[str, dict[str, dict[str, Any]]]]


def load(path: Path = FINGERPRINTS) -> Fingerprints:
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("fingerprints", {})


def save(data: Fingerprints, path: Path = FINGERPRINTS) -> None:
    ordered = {fact: {page: dict(sorted(locales.items())) for page, locales in sorted(pages.items()) if locales}
               for fact, pages in sorted(data.items())}
    ordered = {fact: pages for fact, pages in ordered.items() if pages}
    text = json.dumps({"about": ABOUT, "fingerprints": ordered}, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def entries(data: Fingerprints) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(fact, page, locale, fingerprint) for every fingerprint, sorted."""
    return [(fact, page, locale, fp)
            for fact, pages in sorted(data.items())
            for page, locales in sorted(pages.items())
            for locale, fp in sorted(locales.items())]


def origin_text(origin: dict[str, Any]) -> str:
    """Where a fingerprint's text came from, in one line."""
    if "fetched" in origin:
        return f"{origin['fetched']} as fetched {origin.get('at', '')}".strip()
    if "repo" in origin:
        date = origin.get("ms_date") or origin.get("date")
        return (f"{origin['repo']}@{origin.get('commit', '')[:8]}:{origin.get('path', '')}"
                + (f" (ms.date {date})" if date else ""))
    return origin.get("copy", "?")


def describe(data: Fingerprints, fact: str) -> list[str]:
    """One line per fingerprint of the fact: when it was taken, of which section, from what."""
    return [f"fingerprint {page} ({locale}) taken {fp['taken']} § {fp['section']['heading'] or fp['section']['anchor']}"
            f" from {origin_text(fp['from'])}"
            for page, locales in sorted(data.get(fact, {}).items()) for locale, fp in sorted(locales.items())]
