"""Lighthouse audit of the built site: every locale's home, guidance and wizard pages.

Serves the built site on localhost under the sub-path of ``site_url`` (as it is deployed), runs
the npm ``lighthouse`` in Debian's Chromium on each page, prints the four category scores and
exits with status 1 if a page misses its target: 100 in accessibility, best practices and SEO;
performance at least 95 (90 on the wizard page, which starts Pyodide).

    python tests/audit.py [--site site] [--only ru] [--pages index.md,faq.md] [--keep DIR]

The site is the one ``make build`` wrote (``--site``, default ``site/``). The server is also
used by the browser tests (:func:`serve_site`).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from wizard.guides import GUIDE_PAGES  # noqa: E402
from wizard.i18n import DEFAULT_LOCALE, LOCALES  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: Minimum scores; the wizard page may spend more on start-up (Pyodide).
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
WIZARD_PERFORMANCE = 90
PAGES = ("index.md", *GUIDE_PAGES, "wizard.md")
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map", ".py"}


def site_base_path(config: Path = ROOT / "mkdocs.yml") -> str:
    """The path part of ``site_url`` (``/csp-support/``), read without loading MkDocs."""
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            path = urlsplit(line.split(":", 1)[1].strip().strip("'\"")).path or "/"
            return path if path.endswith("/") else path + "/"
    return "/"


def headers_rules(site: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The site's ``_headers`` rules (Netlify / Cloudflare Pages format), read by macros.serve."""
    if not (site / "_headers").is_file():
        return []
    from macros.serve import parse_headers_file

    return parse_headers_file(site / "_headers")


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site under ``base`` only, as a static host does: gzip for text, the headers of
    the site's ``_headers`` file, and the locale's 404 page for an unknown path."""

    base = "/"
    rules: tuple[tuple[str, list[tuple[str, str]]], ...] = ()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = unquote(urlsplit(path).path)
        if not clean.startswith(self.base):
            return str(Path(self.directory) / ".outside-the-site" / "missing")
        return super().translate_path("/" + clean[len(self.base):])

    def send_head(self):  # type: ignore[override]
        """Files as the host serves them: gzip for text, when the client accepts it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            path = path / "index.html"
        if (path.suffix not in COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        page = self.not_found_page()
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def not_found_page(self) -> Path | None:
        """The locale's 404 page; None (a plain 404) outside the site, e.g. /robots.txt."""
        root = Path(self.directory)
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.base):
            return None
        first = path[len(self.base):].split("/", 1)[0]
        if first in LOCALES and first != DEFAULT_LOCALE and (root / first / "404.html").is_file():
            return root / first / "404.html"
        page = root / "404.html"
        return page if page.is_file() else None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        path = unquote(urlsplit(self.path).path)
        if self.rules and path.startswith(self.base):
            from macros.serve import headers_for

            for name, value in headers_for(list(self.rules), "/" + path[len(self.base):]):
                self.send_header(name, value)
        super().end_headers()


@contextlib.contextmanager
def serve_site(site: Path, base: str | None = None, port: int = 0) -> Iterator[str]:
    """Serve ``site`` on localhost under ``base``; yields the base URL (``http://127.0.0.1:N/csp-support/``)."""
    base = base or site_base_path()
    handler = type("Handler", (SiteHandler,), {"base": base, "rules": tuple(headers_rules(site))})
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()


def page_url(base_url: str, locale: str, page: str) -> str:
    prefix = "" if locale == DEFAULT_LOCALE else f"{locale}/"
    stem = page.removesuffix(".md")
    return base_url + prefix + ("" if stem == "index" else f"{stem}/")


@dataclass
class Result:
    locale: str
    page: str
    scores: dict[str, int]
    failures: list[str]

    @property
    def passed(self) -> bool:
        return not self.failures


def targets_for(page: str) -> dict[str, int]:
    targets = dict(TARGETS)
    if page == "wizard.md":
        targets["performance"] = WIZARD_PERFORMANCE
    return targets


def failing_audits(report: dict) -> list[str]:
    """Titles of the audits that cost points in the scored categories (for the printout)."""
    audits = report["audits"]
    out = []
    for category in report["categories"].values():
        if category["id"] == "performance":
            continue
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                out.append(f"{category['id']}: {audit['title']}")
    return out


def run_lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROME}
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed for {url}:\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def audit(site: Path, locales: list[str], pages: list[str], keep: Path | None = None) -> list[Result]:
    results = []
    with serve_site(site) as base_url, tempfile.TemporaryDirectory() as tmp:
        reports = keep or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        for locale in locales:
            for page in pages:
                url = page_url(base_url, locale, page)
                name = f"{locale}-{page.removesuffix('.md')}.json"
                report = run_lighthouse(url, reports / name)
                scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
                failures = [f"{c} {scores[c]} < {t}" for c, t in targets_for(page).items() if scores[c] < t]
                if failures:
                    failures += failing_audits(report)
                result = Result(locale, page, scores, failures)
                results.append(result)
                print(format_row(result), flush=True)
    return results


def format_row(result: Result) -> str:
    cells = "".join(f"{result.scores[c]:>16}" for c in CATEGORIES)
    mark = "ok" if result.passed else "FAIL"
    return f"{result.locale:<7}{result.page:<24}{cells}  {mark}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--only", action="append", choices=list(LOCALES), help="audit only this locale")
    parser.add_argument("--pages", help="comma-separated page files (default: home, guides, wizard)")
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this directory")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run 'make build' first", file=sys.stderr)
        return 2
    locales = args.only or list(LOCALES)
    pages = args.pages.split(",") if args.pages else list(PAGES)
    print(f"{'locale':<7}{'page':<24}" + "".join(f"{c:>16}" for c in CATEGORIES))
    results = audit(args.site, locales, pages, args.keep)
    failed = [r for r in results if not r.passed]
    for result in failed:
        print(f"\n{result.locale} {result.page}:")
        for failure in result.failures:
            print(f"  - {failure}")
    print(f"\n{len(results) - len(failed)} of {len(results)} pages meet the targets "
          f"(performance >= {TARGETS['performance']}, wizard >= {WIZARD_PERFORMANCE}; "
          "accessibility, best practices, SEO = 100)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
