"""``make watch``: read every cited Learn page again and say, per fact, whether the passage it
rests on is unchanged.

Per fingerprint (fact, page, locale) the result is one of:

- ``unchanged``: the section's normalized text hashes as it did, or the quoted sentences are
  still in the section word for word (then ``section_edited`` says the rest of it changed);
- ``changed``: the section is there but the quoted sentences are not; a word diff shows the
  quote against the closest stretch of the section now, with a few words around it;
- ``section-gone``: no section with the recorded anchor or heading (counted as changed; if the
  quote is still elsewhere on the page, ``detail`` says under which heading);
- ``moved``: Learn answers from another address (a redirect, or a canonical link to another
  page), ``missing``: no such page or saved copy (both counted as missing);
- ``unreadable``: Learn could not be reached (exit 2: nothing is known).

A fact's result is the worst of its fingerprints'. Facts that cite a page but have no
fingerprint yet are listed as not recorded. The last line counts the facts unchanged, changed
and missing; the exit status is 1 when any fact changed or went missing, 0 otherwise.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.watch import fingerprints as fpdata  # noqa: E402
from macros.watch.fetch import DirReader, Fetched, LearnReader  # noqa: E402
from macros.watch.pages import Page, normalize, parse  # noqa: E402
from wizard.currency import CHECKS  # noqa: E402
from wizard.learn import learn_page  # noqa: E402

#: Statuses whose facts the watch expects a fingerprint for (the page states the fact).
WATCHED_STATUSES = ("current", "changed")
ORDER = ("unchanged", "changed", "section-gone", "moved", "missing", "unreadable")
GROUP = {"unchanged": "unchanged", "changed": "changed", "section-gone": "changed",
         "moved": "missing", "missing": "missing", "unreadable": "unreadable"}
TOKEN = re.compile(r"[\u3000-\u9fff\uf900-\ufaff]|\w+(?:'\w+)*|[^\w\s]")
CONTEXT_WORDS = 8
ISSUE_LIMIT = 60_000


@dataclass
class PageResult:
    page: str
    locale: str
    url: str
    status: str
    section: str
    detail: str = ""
    diff: str = ""
    section_edited: bool = False
    new_url: str = ""


@dataclass
class FactResult:
    fact: str
    status: str
    pages: list[PageResult] = field(default_factory=list)

    @property
    def group(self) -> str:
        return GROUP.get(self.status, self.status)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _join(words: list[str]) -> str:
    out = ""
    for w in words:
        joined = (not out or re.match(r"[^\w\s(\[\"']", w) or re.match(r"[\u3000-\u9fff]", w)
                  or out.endswith(("(", "[", "/")))
        out += w if joined else " " + w
    return out


def word_diff(quote: str, text: str) -> str:
    """The quote against the closest stretch of ``text``: ``[-removed-]{+added+}``, with
    :data:`CONTEXT_WORDS` words of the surroundings on each side."""
    q, t = tokens(normalize(quote)), tokens(normalize(text))
    if not t:
        return "[-" + _join(q) + "-]"
    width = max(1, len(q))
    best, best_ratio = 0, -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(q)
    for start in range(0, max(1, len(t) - width + 1)):
        matcher.set_seq1(t[start:start + width])
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = start, ratio
    lo, hi = best, min(len(t), best + width)
    ops = difflib.SequenceMatcher(None, q, t[lo:hi], autojunk=False).get_opcodes()
    # Words the window took in before the quote's first matching word are surroundings.
    if ops and ops[0][0] == "insert":
        lo += ops[0][4] - ops[0][3]
    ops = difflib.SequenceMatcher(None, q, t[lo:hi], autojunk=False).get_opcodes()
    parts: list[str] = [_join(t[max(0, lo - CONTEXT_WORDS):lo])] if lo else []
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            parts.append(_join(q[i1:i2]))
        if op in ("delete", "replace"):
            parts.append("[-" + _join(q[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            parts.append("{+" + _join(t[lo + j1:lo + j2]) + "+}")
    if hi < len(t):
        parts.append(_join(t[hi:hi + CONTEXT_WORDS]))
    return ("… " if lo > CONTEXT_WORDS else "") + _glue(parts) + (" …" if hi + CONTEXT_WORDS < len(t) else "")


def _glue(parts: list[str]) -> str:
    """Join diff pieces with a space, except before punctuation and after an opening bracket."""
    out = ""
    for part in (p for p in parts if p):
        bare = part.removeprefix("[-").removeprefix("{+")
        if out and not re.match(r"[^\w\s(\[\"']", bare) and not out.endswith(("(", "[", "/")):
            out += " "
        out += part
    return out


def compare(fp: dict[str, Any], fetched: Fetched, page: Page | None) -> tuple[str, str, str, bool]:
    """(status, detail, diff, section_edited) of one fingerprint against a page as read now."""
    if fetched.status in ("missing", "error"):
        return ("missing" if fetched.status == "missing" else "unreadable"), fetched.detail, "", False
    if fetched.status == "moved":
        return "moved", f"now at {fetched.final_url}", "", False
    assert page is not None
    quote = normalize(fp["quote"])
    section = page.section(fp["section"]["anchor"], fp["section"].get("heading", ""))
    if section is None:
        elsewhere = page.find(quote)
        where = f"; the quote is now under \"{elsewhere[0].heading}\"" if elsewhere else ""
        text = " ".join(s.text for s in page.sections)
        return "section-gone", f"no section \"{fp['section'].get('heading') or fp['section']['anchor']}\"{where}", (
            "" if elsewhere else word_diff(quote, text)), False
    if section.hash == fp["section_hash"]:
        return "unchanged", "", "", False
    if quote in section.text:
        return "unchanged", "the section changed elsewhere; the quoted sentences did not", "", True
    return "changed", "", word_diff(quote, section.text), True


def expected(checks: dict[str, Any] = CHECKS) -> dict[str, tuple[str, ...]]:
    """Fact id -> the pages it cites, for the facts whose pages state them."""
    return {fact: check.pages for fact, check in checks.items() if check.status in WATCHED_STATUSES and check.pages}


def run(reader: Any, data: fpdata.Fingerprints, checks: dict[str, Any] = CHECKS,
        only: set[str] | None = None) -> tuple[list[FactResult], list[str], list[str]]:
    """(results per fingerprinted fact, facts not recorded, stale fingerprints)."""
    pages: dict[str, tuple[Fetched, Page | None]] = {}
    results: dict[str, FactResult] = {}
    stale: list[str] = []
    for fact, page_id, locale, fp in fpdata.entries(data):
        if only and fact not in only:
            continue
        check = checks.get(fact)
        if check is None or page_id not in check.pages:
            stale.append(f"{fact} / {page_id} / {locale}")
            continue
        # The address the site cites now (wizard/learn.py); the recorded one may be older.
        url = learn_page(page_id).url(locale)
        if url not in pages:  # one request per page and run
            fetched = reader.get(url)
            parsed = parse(fetched.body, fetched.kind) if fetched.status == "ok" else None
            pages[url] = (fetched, parsed)
        fetched, parsed = pages[url]
        status, detail, diff, edited = compare(fp, fetched, parsed)
        if url != fp["url"]:
            detail = "; ".join(d for d in (detail, f"recorded at {fp['url']}: record the check again") if d)
        section = fp["section"].get("heading") or fp["section"]["anchor"]
        result = PageResult(page_id, locale, url, status, section, detail, diff, edited,
                            fetched.final_url if status == "moved" else "")
        fact_result = results.setdefault(fact, FactResult(fact, "unchanged"))
        fact_result.pages.append(result)
        if ORDER.index(status) > ORDER.index(fact_result.status):
            fact_result.status = status
    watched = expected(checks)
    missing_records = sorted(f for f in watched if f not in data and (not only or f in only))
    return sorted(results.values(), key=lambda r: r.fact), missing_records, stale


def counts(results: list[FactResult]) -> dict[str, int]:
    out = {"unchanged": 0, "changed": 0, "missing": 0, "unreadable": 0}
    for r in results:
        out[r.group] += 1
    return out


def summary(results: list[FactResult], not_recorded: list[str]) -> str:
    c = counts(results)
    line = f"{len(results)} facts watched: {c['unchanged']} unchanged, {c['changed']} changed, {c['missing']} missing"
    if c["unreadable"]:
        line += f", {c['unreadable']} unreadable"
    return line + (f" ({len(not_recorded)} cited facts have no fingerprint yet)" if not_recorded else "")


def text_report(results: list[FactResult], not_recorded: list[str], stale: list[str], verbose: bool) -> str:
    width = max((len(r.fact) for r in results), default=10)
    lines = []
    for r in results:
        if r.status == "unchanged" and not verbose:
            continue
        lines.append(f"{r.fact:<{width}}  {r.status.upper() if r.status != 'unchanged' else r.status}")
        for p in r.pages:
            if p.status == "unchanged" and not verbose:
                continue
            lines.append(f"{'':<{width}}    {p.status}: {p.page} ({p.locale}) {p.url} § {p.section}"
                         + (f" - {p.detail}" if p.detail else ""))
            if p.diff:
                lines.append(f"{'':<{width}}      {p.diff}")
    if not verbose:
        same = [r.fact for r in results if r.status == "unchanged"]
        if same:
            lines.append(f"unchanged: {', '.join(same)}")
    if not_recorded:
        lines.append(f"no fingerprint yet (record with make record-check): {', '.join(not_recorded)}")
    if stale:
        lines.append(f"fingerprints for pages the facts no longer cite: {', '.join(stale)}")
    lines.append(summary(results, not_recorded))
    return "\n".join(lines)


def markdown_report(results: list[FactResult], not_recorded: list[str]) -> str:
    """The body of the one issue the scheduled job keeps open: the facts to re-read."""
    to_read = [r for r in results if r.group != "unchanged"]
    out = ["The weekly watch read every Microsoft Learn page the site cites. "
           "These facts rest on a passage that changed or a page that moved or went missing; "
           "re-read the page, update the fact and its check in `wizard/currency.py`, then record "
           "the check again with `make record-check`.", ""]
    for r in to_read:
        out.append(f"### `{r.fact}`: {r.status}")
        for p in r.pages:
            if p.status == "unchanged":
                continue
            out.append(f"- {p.status}: [{p.page} ({p.locale})]({p.url}), section \"{p.section}\""
                       + (f": {p.detail}" if p.detail else ""))
            if p.diff:
                out += ["", "  ```diff", f"  {p.diff}", "  ```"]
        out.append("")
    if not_recorded:
        out += [f"Facts with no fingerprint yet: {', '.join(f'`{f}`' for f in not_recorded)}", ""]
    out.append(summary(results, not_recorded))
    body = "\n".join(out)
    if len(body) > ISSUE_LIMIT:  # GitHub refuses an issue body over 65,536 characters
        cut = body[:ISSUE_LIMIT].rsplit("\n### ", 1)[0]
        body = cut + "\n\n(The list goes on: run `make watch` for all of it.)\n\n" + summary(results, not_recorded)
    return body


def reader_for(learn_dir: str | None, cache: Path, timeout: float) -> Any:
    if learn_dir:
        return DirReader(Path(learn_dir))
    return LearnReader(cache, timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make watch", description=__doc__.split("\n\n")[0])
    parser.add_argument("--learn-dir", help="read saved copies from this folder instead of Learn")
    parser.add_argument("--json", action="store_true", help="one JSON record per fact (JSON Lines)")
    parser.add_argument("--markdown", metavar="FILE", help="also write the facts to re-read as Markdown")
    parser.add_argument("--fact", action="append", help="only this fact (repeatable)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list unchanged passages too")
    parser.add_argument("--fingerprints", default=str(fpdata.FINGERPRINTS), help=argparse.SUPPRESS)
    parser.add_argument("--cache", default=str(ROOT / ".cache" / "learn"), help="cache folder for Learn pages")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    args = parser.parse_args(argv)
    if args.learn_dir and not Path(args.learn_dir).is_dir():
        print(f"make watch: LEARN_DIR {args.learn_dir!r} is not a folder", file=sys.stderr)
        return 2
    reader = reader_for(args.learn_dir, Path(args.cache), args.timeout)
    results, not_recorded, stale = run(reader, fpdata.load(Path(args.fingerprints)),
                                       only=set(args.fact) if args.fact else None)
    if args.json:
        for r in results:
            print(json.dumps({"fact": r.fact, "status": r.status, "group": r.group,
                              "pages": [asdict(p) for p in r.pages]}, ensure_ascii=False))
    else:
        print(text_report(results, not_recorded, stale, args.verbose))
    if args.markdown:
        Path(args.markdown).write_text(markdown_report(results, not_recorded) + "\n", encoding="utf-8")
    c = counts(results)
    if c["unreadable"]:
        return 2
    return 1 if c["changed"] or c["missing"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
