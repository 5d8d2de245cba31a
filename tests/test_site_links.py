"""Link checker over the built site: every internal link and #anchor resolves, in every locale.

Each HTML file is parsed; every ``href`` / ``src`` (``a``, ``link``, ``script``, ``img``,
``source``, ``iframe``) that points into the site (relative, root-relative under the
``site_url`` path, or absolute on the ``site_url`` host) is resolved against the page's own URL
and must name an existing file, and its fragment an existing ``id`` (or ``name``) in that file.
Links to other hosts (external documentation) are not followed.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import Site

LINK_ATTRS = {"a": ("href",), "link": ("href",), "script": ("src",), "img": ("src",),
              "source": ("src",), "iframe": ("src",), "area": ("href",)}


def page_url(site: Site, path: Path) -> str:
    rel = path.relative_to(site.root).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return site.site_url + rel


def target_file(site: Site, url: str) -> Path | None:
    """The file an internal URL serves, or None if it leaves the site."""
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


def anchors(site: Site, file: Path) -> set[str]:
    doc = site.parse(file)
    return {el.attrs[a] for el in doc.iter() for a in ("id", "name") if a in el.attrs and el.tag != "meta"}


def check_site(site: Site) -> list[str]:
    broken = []
    for path in site.html_files():
        here = page_url(site, path)
        if path.name == "404.html":
            # Served in place of any missing URL, so its links are absolute; resolve from the base.
            here = site.site_url + path.relative_to(site.root).as_posix()
        doc = site.parse(path)
        for el in doc.iter():
            for attr in LINK_ATTRS.get(el.tag, ()):
                raw = el.attrs.get(attr)
                if raw is None or raw.startswith(("mailto:", "tel:", "javascript:", "data:")):
                    continue
                if el.tag == "link" and "alternate" in el.attrs.get("rel", "").split() and not raw:
                    continue
                url = urljoin(here, raw)
                target = target_file(site, url)
                if target is None:
                    continue
                where = f"{path.relative_to(site.root)}: {el.tag} {attr}={raw!r}"
                if not target.is_file():
                    broken.append(f"{where} -> missing {target}")
                    continue
                fragment = unquote(urlsplit(url).fragment)
                if fragment and target.suffix == ".html" and fragment not in anchors(site, target):
                    broken.append(f"{where} -> no #{fragment} in {target.relative_to(site.root)}")
    return broken


def test_no_broken_internal_links_or_anchors(site: Site) -> None:
    broken = check_site(site)
    assert broken == [], "\n".join(broken[:50])


def test_sitemap_locations_exist(site: Site) -> None:
    import re

    xml = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    urls = set(re.findall(r"<loc>(.*?)</loc>", xml)) | set(re.findall(r'href="([^"]+)"', xml))
    assert urls
    missing = [url for url in urls if not (target_file(site, url) or Path("/nonexistent")).is_file()]
    assert missing == []


def test_the_checker_finds_a_broken_anchor(site: Site, tmp_path: Path) -> None:
    """The checker itself: a page with a bad link and a bad anchor is reported twice."""
    import shutil

    copy = Site(tmp_path / "site", None, site.site_url)
    shutil.copytree(site.root / "assets", copy.root / "assets")
    (copy.root / "a").mkdir(parents=True)
    (copy.root / "a" / "index.html").write_text(
        '<html><body><h2 id="here">x</h2><a href="#here">ok</a><a href="#nowhere">bad</a>'
        '<a href="../b/">missing</a><a href="https://example.com/">external</a></body></html>',
        encoding="utf-8")
    (copy.root / "index.html").write_text('<a href="a/#here">ok</a>', encoding="utf-8")
    broken = check_site(copy)
    assert len(broken) == 2, broken


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
