"""``make freshness``: every fact with its status, what it was checked against and when,
its source (page, section, date), the current pages, and the fingerprint of each cited passage
(when it was taken and from what; ``wizard/fingerprints.json``).

"Checked against" is a stored copy of the current Microsoft Learn page, an older live variant
of it, or the newest full text available: the September 2023 copy of Microsoft's sources in the
public repository kvamseek/partner-center (each file with its own ms.date). Ends with the
counts per basis and the oldest check date, so a maintainer sees at once what is due.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.pages.currency import all_facts  # noqa: E402
from macros.watch import fingerprints  # noqa: E402
from wizard.currency import COPY_2023, COPY_REPO, Check  # noqa: E402
from wizard.learn import learn_page  # noqa: E402
from wizard.sources import SOURCES  # noqa: E402

#: How each basis is named in the listing.
BASIS_TEXT = {
    "learn": "stored copy of the current Learn page, read {checked}",
    "learn-older": "older live variant of the Learn page, read {checked} (its newest variant "
                   "does not show the passage)",
    "copy-2023": "the September 2023 copy of Microsoft's sources ({repo}), newest full text: {files}",
    "none": "nothing newer than the source",
}


def against(check: Check) -> str:
    """What a check was made against, with its date."""
    files = ", ".join(f"{name} (ms.date {COPY_2023[name]})" for name in check.copy)
    text = BASIS_TEXT[check.basis].format(checked=check.checked, repo=COPY_REPO, files=files)
    if check.basis != "copy-2023" and check.copy:
        text += f"; also the September 2023 copy ({COPY_REPO}): {files}"
    return text


def rows() -> list[tuple[str, str, str, str, str, str]]:
    out = []
    for fact_id, item in sorted(all_facts().items()):
        check = item.currency
        source = f"{SOURCES[item.ref.source].title} §{item.ref.section} ({item.ref.date})"
        pages = " ".join(learn_page(p).url() for p in check.pages) or "-"
        out.append((fact_id, check.status, check.checked, source, pages, against(check)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make freshness", description=__doc__.split("\n")[0])
    parser.add_argument("--status", help="only facts with this status")
    args = parser.parse_args(argv)
    table = [r for r in rows() if not args.status or r[1] == args.status]
    prints = fingerprints.load()
    width = max(len(r[0]) for r in table) if table else 10
    for fact_id, status, checked, source, pages, basis in table:
        print(f"{fact_id:<{width}}  {status:<15}  checked {checked}  source: {source}")
        print(f"{'':<{width}}  checked against: {basis}")
        rests_on = all_facts()[fact_id].currency.rests_on
        if rests_on:
            print(f"{'':<{width}}  the site's own advice on {rests_on}: the tables list that statement, not this")
        print(f"{'':<{width}}  current pages: {pages}")
        none = ("fingerprint: none yet (make record-check)" if status in ("current", "changed")
                else "fingerprint: none (not watched: no current page states it)")
        for line in fingerprints.describe(prints, fact_id) or [none]:
            print(f"{'':<{width}}  {line}")
    everything = rows()
    counts = Counter(r[1] for r in everything)
    bases = Counter(item.currency.basis for item in all_facts().values())
    oldest = min(everything, key=lambda r: r[2])
    print()
    print(f"{len(everything)} facts: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    print("checked against: " + ", ".join(f"{n} {b}" for b, n in sorted(bases.items())))
    print(f"oldest check: {oldest[2]} ({oldest[0]})")
    print(f"fingerprints: {len(prints)} of {len(everything)} facts (make watch compares them with Learn)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
