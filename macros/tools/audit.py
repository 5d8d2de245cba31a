"""Lighthouse audit of the built site: every locale's home, guidance and wizard pages.

Serves the built site on localhost under the sub-path of ``site_url`` (as it is deployed), runs
the npm ``lighthouse`` in Debian's Chromium on each page, prints the four category scores and
exits with status 1 if a page misses its target: 100 in accessibility, best practices and SEO;
performance at least 95 (90 on the wizard page, which starts Pyodide).

    python macros/tools/audit.py [--site site] [--only ru] [--pages index.md,faq.md] [--keep DIR]
                                 [--host-model content-type] [--host-model sidecar]

The site is the one ``make build`` wrote (``--site``, default ``site/``), served the way each
host model sends it (``macros.server.serve``; default both: ``content-type``, compressed on the
fly by type as GitHub Pages, Netlify, Cloudflare Pages and Vercel do, then ``sidecar``, the
build's ``.br`` / ``.gz`` copies). The server is also used by the browser tests
(:func:`serve_site`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.server.serve import HOST_MODELS, serve_in_thread  # noqa: E402
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


def site_base_path(config: Path = ROOT / "mkdocs.yml") -> str:
    """The path part of ``site_url`` (``/csp-support/``), read without loading MkDocs."""
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            path = urlsplit(line.split(":", 1)[1].strip().strip("'\"")).path or "/"
            return path if path.endswith("/") else path + "/"
    return "/"


@contextlib.contextmanager
def serve_site(site: Path, base: str | None = None, port: int = 0,
               host_model: str = "content-type") -> Iterator[str]:
    """Serve ``site`` on localhost under ``base`` as a static host does (``macros.server.serve``: the
    ``_headers`` file, compression as ``host_model`` does it, the locale's 404 page); yields the
    base URL."""
    server, url = serve_in_thread(site, prefix=base or site_base_path(), port=port, host_model=host_model)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def page_url(base_url: str, locale: str, page: str) -> str:
    prefix = "" if locale == DEFAULT_LOCALE else f"{locale}/"
    stem = page.removesuffix(".md")
    return base_url + prefix + ("" if stem == "index" else f"{stem}/")


@dataclass
class Result:
    host_model: str
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
    # Lighthouse now and then fails to record the trace on a busy machine (NO_NAVSTART): a
    # failed run is tried again once before it counts.
    for _attempt in range(2):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
        if proc.returncode == 0 and out.is_file():
            break
    else:
        raise RuntimeError(f"lighthouse failed for {url}:\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def audit(site: Path, locales: list[str], pages: list[str], keep: Path | None = None,
          host_model: str = "content-type") -> list[Result]:
    results = []
    with serve_site(site, host_model=host_model) as base_url, tempfile.TemporaryDirectory() as tmp:
        reports = keep or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        for locale in locales:
            for page in pages:
                url = page_url(base_url, locale, page)
                name = f"{host_model}-{locale}-{page.removesuffix('.md')}.json"
                report = run_lighthouse(url, reports / name)
                scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
                failures = [f"{c} {scores[c]} < {t}" for c, t in targets_for(page).items() if scores[c] < t]
                if failures:
                    failures += failing_audits(report)
                result = Result(host_model, locale, page, scores, failures)
                results.append(result)
                print(format_row(result), flush=True)
    return results


def format_row(result: Result) -> str:
    cells = "".join(f"{result.scores[c]:>16}" for c in CATEGORIES)
    mark = "ok" if result.passed else "FAIL"
    return f"{result.host_model:<13}{result.locale:<7}{result.page:<24}{cells}  {mark}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--only", action="append", choices=list(LOCALES), help="audit only this locale")
    parser.add_argument("--pages", help="comma-separated page files (default: home, guides, wizard)")
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this directory")
    parser.add_argument("--host-model", action="append", choices=HOST_MODELS,
                        help="serve the site as this kind of host does (default: each in turn)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run 'make build' first", file=sys.stderr)
        return 2
    locales = args.only or list(LOCALES)
    pages = args.pages.split(",") if args.pages else list(PAGES)
    print(f"{'host model':<13}{'locale':<7}{'page':<24}" + "".join(f"{c:>16}" for c in CATEGORIES))
    results = [result for model in args.host_model or HOST_MODELS
               for result in audit(args.site, locales, pages, args.keep, model)]
    failed = [r for r in results if not r.passed]
    for result in failed:
        print(f"\n{result.host_model} {result.locale} {result.page}:")
        for failure in result.failures:
            print(f"  - {failure}")
    print(f"\n{len(results) - len(failed)} of {len(results)} pages meet the targets "
          f"(performance >= {TARGETS['performance']}, wizard >= {WIZARD_PERFORMANCE}; "
          "accessibility, best practices, SEO = 100)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
