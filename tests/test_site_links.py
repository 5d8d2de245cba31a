"""Links and anchors of the built site.

Every link inside the site, in every locale, is checked by LinkChecker (PyPI, pinned in
requirements.lock), a maintained link checker, run on the built site served locally under its
sub-path as a static host serves it.

Every ``#anchor`` is checked here, against the built files: LinkChecker's AnchorCheck plugin
downloads and parses the whole page again for each fragment that links to it (253 parses of 44
pages, a minute of CPU), where this check parses each page once.

What LinkChecker does not check is checked here by hand: the ``hreflang`` alternates in each
page's ``<head>`` and the sitemap's locations, which are absolute URLs on the published host
(``site_url``), outside what a local check can fetch; they are mapped back onto the built files.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from macros.server.serve import serve_in_thread
from tests.conftest import Site, parse_html

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
#: Internal links only (the published host and other sites are not reachable from a test), every
#: anchor checked, all results as CSV on standard output.
LINKCHECKER_CONFIG = """\
[checking]
threads=4
maxrequestspersecond=1000
[filtering]
checkextern=0
"""


def linkchecker(root: Path, prefix: str, tmp_path: Path) -> list[dict[str, str]]:
    """LinkChecker's rows (one per link checked) for the site in ``root`` served under ``prefix``."""
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    config.chmod(0o644)  # LinkChecker run as root reads it after dropping to "nobody"
    tmp_path.chmod(0o755)
    server, base = serve_in_thread(root, prefix=prefix, headers=False)
    handler = server.RequestHandlerClass

    class Unthrottled(handler):  # type: ignore[misc, valid-type]
        # LinkChecker waits 0.1 to 0.6 s between two requests to a host unless the host answers
        # with a "LinkChecker" header (its documented opt-in to maxrequestspersecond above 10).
        def end_headers(self) -> None:
            self.send_header("LinkChecker", "allow")
            super().end_headers()

    server.RequestHandlerClass = Unthrottled
    try:
        done = subprocess.run([str(LINKCHECKER), "--config", str(config), "--no-status", "--verbose",
                               "--output", "csv", base], capture_output=True, text=True, timeout=600, check=False)
    finally:
        server.shutdown()
    lines = [line for line in done.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    assert rows, f"LinkChecker reported nothing (exit {done.returncode}): {done.stderr[-2000:]}"
    return rows


def problems(rows: list[dict[str, str]]) -> list[str]:
    return [f"{row['url']} (linked from {row['parentname'] or '-'}, line {row['line']}): "
            f"{row['result']} {row['warningstring']}".strip()
            for row in rows if row["valid"] != "True" or row["warningstring"]]


def missing_anchors(root: Path, prefix: str) -> list[str]:
    """Links inside the site whose ``#fragment`` names no ``id`` (or ``<a name>``) of the page
    they lead to; a link to a missing page is LinkChecker's to report."""
    base = "http://site.invalid" + prefix
    ids: dict[Path, set[str]] = {}

    def anchors_of(path: Path) -> set[str]:
        if path not in ids:
            tree = parse_html(path.read_text(encoding="utf-8"))
            ids[path] = {el.attrs["id"] for el in tree.iter() if el.attrs.get("id")} | {
                el.attrs["name"] for el in tree.find_all("a") if el.attrs.get("name")}
        return ids[path]

    missing = []
    for page in sorted(root.rglob("*.html")):
        rel = page.relative_to(root).as_posix()
        url = base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for link in parse_html(page.read_text(encoding="utf-8")).find_all("a"):
            target = urlsplit(urljoin(url, link.attrs.get("href", "")))
            fragment = unquote(target.fragment)
            if not fragment or not (target.scheme + "://" + target.netloc + target.path).startswith(base):
                continue
            file = root / unquote(target.path)[len(urlsplit(base).path):]
            file = file / "index.html" if file.is_dir() else file
            if file.suffix == ".html" and file.is_file() and fragment not in anchors_of(file):
                missing.append(f"{rel}: {link.attrs['href']} (no id {fragment!r} in {file.relative_to(root)})")
    return missing


def test_linkchecker_finds_no_broken_link_or_anchor(site: Site, tmp_path: Path) -> None:
    rows = linkchecker(site.root, site.base_path, tmp_path)
    checked = {row["url"] for row in rows if row["result"].startswith("200")}
    assert any(url.endswith("/zh/how-routing-works/") for url in checked), "the crawl did not reach every locale"
    assert problems(rows) == []
    assert missing_anchors(site.root, site.base_path) == []


def test_linkchecker_reports_a_broken_link_and_a_missing_anchor(tmp_path: Path) -> None:
    """The check itself: a site with one broken link and one missing anchor fails it twice."""
    root = tmp_path / "site"
    (root / "a").mkdir(parents=True)
    (root / "a" / "index.html").write_text(
        '<html><body><h2 id="here">x</h2><a href="#here">ok</a><a href="../#nowhere">bad anchor</a>'
        '<a href="../b/">missing</a><a href="https://example.com/">external</a></body></html>',
        encoding="utf-8")
    (root / "index.html").write_text('<html><body><a href="a/#here">ok</a></body></html>', encoding="utf-8")
    for path in [root, root / "a", *root.rglob("*.html")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    found = problems(linkchecker(root, "/csp-support/", tmp_path)) + missing_anchors(root, "/csp-support/")
    assert len(found) == 2, found
    assert any("/b/" in p and "404" in p for p in found) and any("nowhere" in p for p in found), found


# --- what LinkChecker cannot check: absolute URLs on the published host ---------------------------

def page_url(site: Site, path: Path) -> str:
    rel = path.relative_to(site.root).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return site.site_url + rel


def target_file(site: Site, url: str) -> Path | None:
    """The file an URL on the published host serves, or None if it is on another host."""
    parts = urlsplit(url)
    base = urlsplit(site.site_url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    path = unquote(parts.path)
    if not path.startswith(site.base_path):
        return site.root / "\0outside-base-path"  # never exists: a broken link
    rel = path[len(site.base_path):]
    target = site.root / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return target


def test_hreflang_alternates_name_existing_pages(site: Site) -> None:
    broken, seen = [], 0
    for path in site.html_files():
        for link in site.parse(path).find_all("link"):
            if "alternate" not in link.attrs.get("rel", "").split() or "hreflang" not in link.attrs:
                continue
            seen += 1
            url = urljoin(page_url(site, path), link.attrs.get("href", ""))
            target = target_file(site, url)
            if target is None or not target.is_file():
                broken.append(f"{path.relative_to(site.root)}: hreflang={link.attrs['hreflang']} {url}")
    assert seen, "no hreflang alternates found"
    assert broken == []


def test_sitemap_locations_exist(site: Site) -> None:
    import re

    xml = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    urls = set(re.findall(r"<loc>(.*?)</loc>", xml)) | set(re.findall(r'href="([^"]+)"', xml))
    assert urls
    missing = [url for url in urls if not (target_file(site, url) or Path("/nonexistent")).is_file()]
    assert missing == []


@pytest.mark.parametrize("page", ["severity/", "ru/severity/", "zh/faq/"])
def test_headings_have_the_same_ids_in_every_locale(site: Site, page: str) -> None:
    """Section ids are shared by all locales, so a link to #severity-levels works in each."""
    english = urlsplit(page).path
    for prefix in ("", "pt-BR/", "ru/", "zh/"):
        stem = english.split("/", 1)[1] if english.startswith(("ru/", "zh/")) else english
        file = site.root / prefix / stem / "index.html"
        ids = {h.attrs.get("id") for h in site.parse(file).find_all("h2")}
        reference = {h.attrs.get("id") for h in site.parse(site.root / stem / "index.html").find_all("h2")}
        assert ids == reference, (prefix, stem)


def test_the_local_server_behaves_like_the_static_host(site: Site) -> None:
    """macros/tools/audit.py's server: the site under its sub-path, gzip, the locale's 404 page."""
    import gzip
    import urllib.error
    import urllib.request

    from macros.tools.audit import serve_site

    with serve_site(site.root) as base:
        request = urllib.request.Request(base + "ru/severity/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert b'lang="ru"' in gzip.decompress(response.read())
        for path, lang in (("ru/no-such-page/", b'lang="ru"'), ("no-such-page/", b'lang="en"')):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(base + path)
            assert error.value.code == 404 and lang in error.value.read()
        origin = base[: base.index("/", len("http://"))]
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(origin + "/robots.txt")  # outside the site: a plain 404
        assert error.value.code == 404 and b"md-header" not in error.value.read()
