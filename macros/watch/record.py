"""``make record-check``: record the fingerprint of the passage a fact was checked against.

    make record-check FACT=own-not-benefit PAGE=report-problems \\
        QUOTE="Support for your own partner tenant isn't included" [LOCALE=en] [SECTION=anchor] \\
        [LEARN_DIR=tests/fixtures/learn]

reads the page (from Learn, or its saved copy under ``LEARN_DIR``), finds the section that
contains the quote (or the one named by ``SECTION``), and writes the address, the section's
anchor and heading, the quote, the hash of the section's normalized text, today's date and where
the text came from into ``wizard/fingerprints.json``, replacing that fact's entry for that page
and locale. It refuses a quote the page does not contain, a fact without a check, and a page the
check does not cite. ``--refresh`` takes every recorded fingerprint again (same quotes), e.g.
after the checks cite other pages; ``--prune`` drops fingerprints of pages no fact cites now.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.watch import fingerprints as fpdata  # noqa: E402
from macros.watch.pages import normalize, parse  # noqa: E402
from macros.watch.watch import reader_for  # noqa: E402
from wizard.currency import CHECKS  # noqa: E402
from wizard.learn import LEARN_LOCALES, learn_page  # noqa: E402

MAX_QUOTE = 400


class RecordError(ValueError):
    pass


def take(reader: Any, fact: str, page_id: str, quote: str, locale: str = "en", section: str = "",
         taken: str | None = None, checks: dict[str, Any] = CHECKS, heading: str = "") -> dict[str, Any]:
    """The fingerprint of ``quote`` on the page as ``reader`` reads it now."""
    if fact not in checks:
        raise RecordError(f"{fact!r} has no check in wizard/currency.py")
    if page_id not in checks[fact].pages:
        raise RecordError(f"the check of {fact!r} cites {', '.join(checks[fact].pages) or 'no page'}, "
                          f"not {page_id!r}; change the check first")
    if locale not in LEARN_LOCALES:
        raise RecordError(f"unknown locale {locale!r}; use one of {', '.join(LEARN_LOCALES)}")
    quote = normalize(quote)
    if not quote or len(quote) > MAX_QUOTE:
        raise RecordError(f"the quote must be the sentences that state the fact (1 to {MAX_QUOTE} characters)")
    url = learn_page(page_id).url(locale)
    fetched = reader.get(url)
    if fetched.status != "ok":
        raise RecordError(f"{url}: {fetched.status} {fetched.detail} {fetched.final_url}".strip())
    page = parse(fetched.body, fetched.kind)
    if section:
        found = page.section(section, heading or section)
        if found is None:
            raise RecordError(f"{url} has no section {section!r}; sections: "
                              + ", ".join(s.anchor for s in page.sections))
        if quote not in found.text:
            raise RecordError(f"section {section!r} of {url} does not contain the quote")
    else:
        hits = page.find(quote)
        if not hits:
            raise RecordError(f"{url} does not contain the quote {quote!r} (as normalized text)")
        if len(hits) > 1:
            raise RecordError(f"the quote is in several sections of {url} ("
                              + ", ".join(s.anchor for s in hits) + "); name one with SECTION=")
        found = hits[0]
    return {
        "url": url,
        "section": {"anchor": found.anchor, "heading": found.heading},
        "quote": quote,
        "section_hash": found.hash,
        "taken": taken or datetime.datetime.now(datetime.UTC).date().isoformat(),
        "from": fetched.origin,
    }


def record(data: fpdata.Fingerprints, fact: str, page_id: str, locale: str, fp: dict[str, Any]) -> None:
    data.setdefault(fact, {}).setdefault(page_id, {})[locale] = fp


def prune(data: fpdata.Fingerprints, checks: dict[str, Any] = CHECKS) -> list[str]:
    dropped = []
    for fact in list(data):
        for page_id in list(data[fact]):
            if fact not in checks or page_id not in checks[fact].pages:
                dropped.append(f"{fact} / {page_id}")
                del data[fact][page_id]
        if not data[fact]:
            del data[fact]
    return dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make record-check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--fact")
    parser.add_argument("--page", help="Learn page id (wizard/learn.py)")
    parser.add_argument("--quote", help="the sentences on the page that state the fact")
    parser.add_argument("--locale", default="en", help="site locale of the cited page (en, pt-BR, ru, zh)")
    parser.add_argument("--section", default="", help="anchor or heading, when the quote is in several")
    parser.add_argument("--learn-dir", help="read the saved copies in this folder instead of Learn")
    parser.add_argument("--refresh", action="store_true", help="take every recorded fingerprint again")
    parser.add_argument("--prune", action="store_true", help="drop fingerprints of pages no fact cites")
    parser.add_argument("--fingerprints", default=str(fpdata.FINGERPRINTS), help=argparse.SUPPRESS)
    parser.add_argument("--cache", default=str(ROOT / ".cache" / "learn"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    path = Path(args.fingerprints)
    data = fpdata.load(path)
    reader = reader_for(args.learn_dir, Path(args.cache), 20.0)
    failures = 0
    if args.prune:
        for item in prune(data):
            print(f"dropped {item}")
    if args.refresh:
        for fact, page_id, locale, old in fpdata.entries(data):
            try:
                fp = take(reader, fact, page_id, old["quote"], locale, old["section"]["anchor"],
                          heading=old["section"].get("heading", ""))
            except RecordError as exc:
                print(f"{fact} / {page_id} / {locale}: not taken again: {exc}", file=sys.stderr)
                failures += 1
                continue
            record(data, fact, page_id, locale, fp)
            print(f"{fact} / {page_id} / {locale}: taken again ({fp['section']['anchor']})")
    if args.fact or args.page or args.quote:
        if not (args.fact and args.page and args.quote):
            parser.error("FACT, PAGE and QUOTE are all needed")
        try:
            fp = take(reader, args.fact, args.page, args.quote, args.locale, args.section)
        except RecordError as exc:
            print(f"make record-check: {exc}", file=sys.stderr)
            return 1
        record(data, args.fact, args.page, args.locale, fp)
        print(f"{args.fact} / {args.page} / {args.locale}: § {fp['section']['heading']} {fp['section_hash'][:19]}…"
              f" from {fp['from'].get('repo') or fp['from'].get('fetched') or fp['from'].get('copy')}")
    elif not (args.refresh or args.prune):
        parser.error("give FACT, PAGE and QUOTE, or --refresh, or --prune")
    fpdata.save(data, path)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
