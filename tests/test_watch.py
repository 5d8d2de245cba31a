"""The watch against the saved copies of the cited pages (tests/fixtures/learn): every fact
unchanged as recorded; an edited sentence names exactly the facts that quote it; a removed page
names the facts citing it as missing; navigation, dates and whitespace are not changes; the
online reader asks Learn only, once per page, and keeps a cache."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.watch import fingerprints as fpdata
from macros.watch.fetch import USER_AGENT, DirReader, LearnReader, _LearnOnly
from macros.watch.pages import parse_html, parse_markdown
from macros.watch.record import RecordError, take
from wizard.currency import CHECKS
from wizard.learn import learn_page

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "learn"
DATA = fpdata.load()
ENTRIES = fpdata.entries(DATA)
CUSTOMER_SUPPORT = FIXTURES / "en-us" / f"{learn_page('customer-support').path}.md"


def watch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macros.watch.watch", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "learn"
    shutil.copytree(FIXTURES, target, ignore=shutil.ignore_patterns("versions"))
    return target


def facts_quoting(page: str, text: str) -> set[str]:
    return {fact for fact, p, _, fp in ENTRIES if p == page and text in fp["quote"]}


def test_every_fingerprint_belongs_to_a_cited_page_and_its_address():
    assert ENTRIES
    for fact, page, locale, fp in ENTRIES:
        assert page in CHECKS[fact].pages, f"{fact}: fingerprint of {page}, which its check no longer cites"
        assert fp["url"] == learn_page(page).url(locale)
        assert fp["section"]["anchor"] and fp["quote"] and fp["section_hash"].startswith("sha256:")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fp["taken"]) and fp["from"]


def test_make_watch_on_the_saved_copies_counts_every_fact_unchanged():
    out = subprocess.run(["make", "-s", "watch", "LEARN_DIR=tests/fixtures/learn"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    last = out.stdout.strip().splitlines()[-1]
    assert last.startswith(f"{len(DATA)} facts watched: {len(DATA)} unchanged, 0 changed, 0 missing"), last


def test_json_gives_one_record_per_fact():
    out = watch("--learn-dir", str(FIXTURES), "--json")
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 0
    assert sorted(r["fact"] for r in records) == sorted(DATA)
    assert all(r["status"] == "unchanged" and r["pages"] for r in records)


@pytest.mark.parametrize(("locale", "segment", "sentence", "edited", "word"), [
    ("en", "en-us", "CSP customers can't create support requests themselves.",
     "CSP customers can create support requests themselves.", ("[-can't-]", "{+can+}")),
    ("ru", "ru-ru", "Клиенты CSP не могут создавать билеты поддержки самостоятельно.",
     "Клиенты CSP могут создавать билеты поддержки самостоятельно.", ("[-не-]", "")),
])
def test_an_edited_sentence_names_exactly_the_facts_quoting_it(copy, locale, segment, sentence, edited, word):
    target = copy / segment / f"{learn_page('customer-support').path}.md"
    text = target.read_text(encoding="utf-8")
    assert text.count(sentence) == 1
    target.write_text(text.replace(sentence, edited), encoding="utf-8")
    quoting = {f for f, p, loc, fp in ENTRIES if p == "customer-support" and loc == locale and sentence in fp["quote"]}
    anchor = next(fp["section"]["anchor"] for f, p, loc, fp in ENTRIES if f in quoting and loc == locale)
    same_section = {f for f, p, loc, fp in ENTRIES if p == "customer-support" and loc == locale
                    and fp["section"]["anchor"] == anchor}
    assert quoting and quoting < same_section, "the test needs facts of the same section that quote other sentences"

    out = watch("--learn-dir", str(copy), "--json")
    assert out.returncode == 1
    records = {r["fact"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert {f for f, r in records.items() if r["status"] != "unchanged"} == quoting
    for fact in quoting:  # only the edited language's fingerprint changed
        assert {p["locale"] for p in records[fact]["pages"] if p["status"] != "unchanged"} == {locale}
    for fact in same_section - quoting:
        edited_pages = [p for p in records[fact]["pages"] if p["locale"] == locale]
        assert edited_pages[0]["section_edited"] is True and edited_pages[0]["status"] == "unchanged"
    diff = next(p for p in records[sorted(quoting)[0]]["pages"] if p["locale"] == locale)["diff"]
    assert all(w in diff for w in word), diff

    text_out = watch("--learn-dir", str(copy)).stdout
    assert f"{sorted(quoting)[0]}" in text_out and "CHANGED" in text_out
    assert text_out.strip().splitlines()[-1].startswith(
        f"{len(DATA)} facts watched: {len(DATA) - len(quoting)} unchanged, {len(quoting)} changed, 0 missing")


def test_a_removed_page_names_the_facts_citing_it_as_missing(copy):
    (copy / "en-us" / "partner-center" / "customers" / "csp-commercial-marketplace-support.md").unlink()
    citing = {f for f, p, _, _ in ENTRIES if p == "marketplace-support"}
    assert citing
    out = watch("--learn-dir", str(copy), "--json")
    assert out.returncode == 1
    records = {r["fact"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert {f for f, r in records.items() if r["group"] == "missing"} == citing
    assert {f for f, r in records.items() if r["status"] != "unchanged"} == citing


def test_dates_navigation_and_whitespace_are_not_changes(copy):
    """ms.date and other metadata, re-wrapped lines and doubled spaces, the same page as Learn's
    HTML with its navigation, breadcrumb and "Last updated" line: every section hashes the same."""
    target = copy / CUSTOMER_SUPPORT.relative_to(FIXTURES)
    md = target.read_text(encoding="utf-8")
    reflowed = re.sub(r"ms\.date: \S+", "ms.date: 12/01/2026", md).replace(". ", ".  \n")
    target.write_text(reflowed, encoding="utf-8")
    before = {s.anchor: s.hash for s in parse_markdown(md).sections}
    assert {s.anchor: s.hash for s in parse_markdown(reflowed).sections} == before
    out = watch("--learn-dir", str(copy), "--json")
    assert out.returncode == 0, out.stdout
    assert not any(p["section_edited"] for r in map(json.loads, out.stdout.splitlines()) for p in r["pages"])

    html = learn_html(md, nav="Partner Center / Customers", updated="2023-09-26")
    again = learn_html(md, nav="Partner Center / Customers / Support", updated="2026-12-01")
    assert html != again
    assert {s.anchor: s.hash for s in parse_html(html).sections} == before
    assert {s.anchor: s.hash for s in parse_html(again).sections} == before


def learn_html(md: str, nav: str, updated: str, canonical: str = learn_page("customer-support").url()) -> str:
    """The article as Learn serves it: chrome around <main>, the metadata line with the date, and
    the body rendered from the same Markdown. (Built here with Python-Markdown: no saved Learn
    HTML is available offline; the shape follows Learn's <main>/<nav>/<local-time> markup.)"""
    import markdown

    body = md.split("---", 2)[2]
    title, rest = body.strip().split("\n", 1)
    article = markdown.markdown(rest, extensions=["tables"])
    heading = title.lstrip("# ").strip()
    anchor = re.sub(r"[^a-z-]", "", heading.lower().replace(" ", "-"))
    return f"""<!DOCTYPE html><html lang="en-us"><head><title>{heading} - Partner Center | Microsoft Learn</title>
<meta name="ms.date" content="{updated}"><link rel="canonical" href="{canonical}"></head>
<body><header><nav aria-label="Breadcrumb"><ol class="breadcrumbs"><li>{nav}</li></ol></nav></header>
<div class="layout"><aside><nav id="affixed-left-container">Table of contents: {nav}</nav></aside>
<main id="main" role="main"><div class="content"><h1 id="{anchor}">{heading}</h1>
<div class="page-metadata-container"><ul class="metadata page-metadata">
<li><local-time datetime="{updated}">{updated}</local-time></li>
<li>Last updated {updated}</li></ul></div></div>
<div class="content">{article}</div>
<section class="feedback-section"><button>Yes</button><button>No</button></section></main></div>
<footer><a href="/en-us/locale">English (United States)</a> Privacy</footer></body></html>"""


def test_a_renamed_section_is_reported_gone_and_a_canonical_elsewhere_as_moved(copy):
    target = copy / CUSTOMER_SUPPORT.relative_to(FIXTURES)
    md = target.read_text(encoding="utf-8")
    target.write_text(md.replace("## Fulfilling the support requirement", "## Support duties"), encoding="utf-8")
    records = {r["fact"]: r for r in map(json.loads, watch("--learn-dir", str(copy), "--json").stdout.splitlines())}
    gone = {f for f, r in records.items() if r["status"] == "section-gone"}
    assert gone == {f for f, p, locale, fp in ENTRIES if p == "customer-support" and locale == "en"
                    and fp["section"]["anchor"] == "fulfilling-the-support-requirement"}
    assert "now under \"Support duties\"" in records[sorted(gone)[0]]["pages"][0]["detail"]

    target.unlink()
    html = learn_html(md, "nav", "2026-12-01", canonical="https://learn.microsoft.com/en-us/partner-center/support-moved")
    target.with_suffix(".html").write_text(html, encoding="utf-8")
    records = {r["fact"]: r for r in map(json.loads, watch("--learn-dir", str(copy), "--json").stdout.splitlines())}
    moved = {f for f, r in records.items() if r["status"] == "moved"}
    assert moved == {f for f, p, locale, _ in ENTRIES if p == "customer-support" and locale == "en"}
    # The copies in the other languages still answer from their own address.
    assert all(p["status"] == "unchanged" for f in moved for p in records[f]["pages"] if p["locale"] != "en")
    assert records[sorted(moved)[0]]["pages"][0]["new_url"].endswith("/partner-center/support-moved")


def test_the_record_command_refuses_what_the_page_does_not_say():
    reader = DirReader(FIXTURES)
    with pytest.raises(RecordError, match="does not contain the quote"):
        take(reader, "customer-no-tickets", "customer-support", "Customers may open tickets with Microsoft.")
    with pytest.raises(RecordError, match="cites"):
        take(reader, "customer-no-tickets", "report-problems", "Service requests should be filed")
    with pytest.raises(RecordError, match="no check"):
        take(reader, "no-such-fact", "customer-support", "x")
    fp = take(reader, "customer-no-tickets", "customer-support", "CSP customers can't create support requests "
              "themselves.")
    assert fp == {**DATA["customer-no-tickets"]["customer-support"]["en"], "taken": fp["taken"]}
    assert fp["from"]["repo"] == "kvamseek/partner-center" and len(fp["from"]["commit"]) == 40


class FakeResponse(io.BytesIO):
    status = 200

    def __init__(self, body: bytes, url: str) -> None:
        super().__init__(body)
        self.url = url
        self.headers = _Headers()

    def geturl(self) -> str:
        return self.url


class _Headers(dict):
    def get_content_charset(self) -> str:
        return "utf-8"


class FakeOpener:
    def __init__(self) -> None:
        self.requests: list = []

    def open(self, request, timeout):
        self.requests.append((request, timeout))
        return FakeResponse(b"<html><main><h1>Title</h1><p>Text.</p></main></html>", request.full_url)


def test_the_online_reader_asks_learn_only_once_per_page_with_its_user_agent(tmp_path):
    opener = FakeOpener()
    reader = LearnReader(tmp_path / "cache", timeout=7, opener=opener)
    url = "https://learn.microsoft.com/en-us/partner-center/customer-support"
    assert reader.get(url).status == "ok"
    assert reader.get(url).status == "ok"  # from the cache
    assert len(opener.requests) == 1
    request, timeout = opener.requests[0]
    assert request.get_header("User-agent") == USER_AGENT and timeout == 7
    assert reader.get("https://example.com/en-us/partner-center/customer-support").status == "missing"
    assert len(opener.requests) == 1
    with pytest.raises(Exception, match="another origin"):
        _LearnOnly().redirect_request(request, None, 301, "Moved", {}, "https://evil.example/page")


def test_make_freshness_says_when_and_from_what_each_fingerprint_was_taken():
    out = subprocess.run([sys.executable, "-m", "macros.tools.freshness"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    for fact, page, locale, fp in ENTRIES:
        origin = fp["from"]
        expected = (f"fingerprint {page} ({locale}) taken {fp['taken']} § {fp['section']['heading']} "
                    f"from {origin['repo']}@{origin['commit'][:8]}:{origin['path']}")
        assert expected in out, fact
    unwatched = [f for f, c in CHECKS.items() if c.status in ("current", "changed") and f not in DATA]
    assert out.count("fingerprint: none yet (make record-check)") == len(unwatched)
    assert f"fingerprints: {len(DATA)} of {len(CHECKS)} facts" in out


def test_the_issue_body_lists_each_fact_to_re_read_with_its_page_and_diff(copy, tmp_path):
    (copy / "en-us" / "partner-center" / "customers" / "csp-commercial-marketplace-support.md").unlink()
    target = copy / CUSTOMER_SUPPORT.relative_to(FIXTURES)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("can't create support requests", "can create support requests"), encoding="utf-8")
    body_file = tmp_path / "report.md"
    out = watch("--learn-dir", str(copy), "--markdown", str(body_file))
    assert out.returncode == 1
    body = body_file.read_text(encoding="utf-8")
    flagged = [line for line in out.stdout.splitlines() if re.match(r"\S+\s+(CHANGED|MISSING)$", line)]
    assert flagged and len(re.findall(r"^### `", body, re.M)) == len(flagged)
    assert "```diff" in body and "[-can't-]" in body
    assert learn_page("marketplace-support").url() in body and learn_page("customer-support").url() in body
    assert body.strip().splitlines()[-1] == out.stdout.strip().splitlines()[-1]
