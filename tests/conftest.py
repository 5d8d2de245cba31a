"""Shared fixtures: the site is built once per test session.

``site`` builds it with ``mkdocs build --strict`` into a temporary directory, or, when the
``SITE_DIR`` environment variable names a built site (``SITE_DIR=site pytest`` after
``make build``), uses that one and builds nothing. Small helpers parse the built HTML with the
standard library only.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The browser tests' session fixtures (one Chromium, one local server), registered here once for
# every module. A test module must not import them itself: each module that does gets its own
# session instance, and a second Playwright in the same process fails ("Sync API inside the
# asyncio loop").
from tests.browser_helpers import browser, site_server, wizard_site  # noqa: E402, F401
from wizard.i18n import DEFAULT_LOCALE, LOCALES  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]
#: The page files every locale publishes (the English folder is the reference).
PAGES = sorted(p.name for p in (ROOT / "docs" / DEFAULT_LOCALE).glob("*.md"))
TRANSLATIONS = [locale for locale in LOCALES if locale != DEFAULT_LOCALE]


# --- a small DOM --------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Descendants (and self) with this tag and attribute values (``class_`` for class)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        out = []
        for el in self.iter():
            if tag and el.tag != tag:
                continue
            if all(self._has(el, k, v) for k, v in wanted.items()):
                out.append(el)
        return out

    def find(self, tag: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    @staticmethod
    def _has(el: Element, key: str, value: str) -> bool:
        actual = el.attrs.get(key)
        if actual is None:
            return False
        if key == "class":
            return value in actual.split()
        return value is True or actual == value

    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return "".join(parts)

    def clean_text(self) -> str:
        """The text with runs of ASCII white space collapsed; non-breaking spaces are kept,
        since Russian typography relies on them."""
        return re.sub(r"[ \t\r\n]+", " ", self.text()).strip()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.current)
        self.current.children.append(el)
        if tag not in VOID:
            self.current = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.current)
        self.current.children.append(el)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def table_rows(table: Element) -> list[list[str]]:
    """Body rows of a table as lists of cell texts (whitespace collapsed)."""
    rows = []
    for tr in table.find_all("tr"):
        cells = [c for c in tr.children if isinstance(c, Element) and c.tag == "td"]
        if cells:
            rows.append([c.clean_text() for c in cells])
    return rows


# --- the built site -----------------------------------------------------------------------

@dataclass
class Site:
    """A built site: its directory, the build log (None when SITE_DIR was given), helpers."""

    root: Path
    log: str | None
    site_url: str

    @cached_property
    def base_path(self) -> str:
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def page_path(self, locale: str, page: str) -> Path:
        """The built file of ``page`` (``severity.md``) in ``locale``."""
        stem = page.removesuffix(".md")
        prefix = "" if locale == DEFAULT_LOCALE else f"{locale}/"
        return self.root / prefix / ("" if stem == "index" else stem) / "index.html"

    def page_url(self, locale: str, page: str) -> str:
        """The page's absolute URL (``https://example.org/csp-support/ru/faq/``)."""
        stem = page.removesuffix(".md")
        prefix = "" if locale == DEFAULT_LOCALE else f"{locale}/"
        return self.site_url + prefix + ("" if stem == "index" else f"{stem}/")

    def html(self, locale: str, page: str) -> Element:
        return self.parse(self.page_path(locale, page))

    def parse(self, path: Path) -> Element:
        cache = self.__dict__.setdefault("_parsed", {})
        if path not in cache:
            cache[path] = parse_html(path.read_text(encoding="utf-8"))
        return cache[path]

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def configured_site_url() -> str:
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        found = re.match(r"site_url:\s*(?:!ENV\s*\[\s*\w+\s*,\s*)?[\"']?([^\"'\s\]]+)", line)
        if found:
            url = found[1]
            return url if url.endswith("/") else url + "/"
    raise AssertionError("mkdocs.yml has no site_url")


def build_site(site_dir: Path, config: Path = ROOT / "mkdocs.yml", strict: bool = True) -> str:
    """Run ``mkdocs build`` into ``site_dir``; return its log; fail the test on an error."""
    cmd = [*MKDOCS, "build", "--config-file", str(config), "--site-dir", str(site_dir)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build failed (exit {proc.returncode}):\n{log[-4000:]}")
    return log


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    given = os.environ.get("SITE_DIR")
    if given:
        root = Path(given).resolve()
        if not (root / "index.html").is_file():
            pytest.fail(f"SITE_DIR={given} holds no built site")
        # `make build` keeps its log next to the site's sources (SITE_BUILD_LOG).
        log_file = os.environ.get("SITE_BUILD_LOG")
        log = Path(log_file).read_text(encoding="utf-8") if log_file else None
        return Site(root, log, configured_site_url())
    root = tmp_path_factory.mktemp("site")
    log = build_site(root)
    return Site(root, log, configured_site_url())
