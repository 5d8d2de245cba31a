"""Browser benchmark of the built site: ``make bench`` (not part of ``make test``).

Headless Chromium against ``site/`` served on localhost by ``macros.server.serve`` (with the
``_headers`` file, so the year-long cache of ``assets/pyodide/`` applies) on the
``content-type`` host model (compressed on the fly by content type, as GitHub Pages, Netlify,
Cloudflare Pages and Vercel do; ``--host-model sidecar`` for nginx's static copies), for each
link of :data:`LINKS`, through Chromium's network and CPU emulation (which throttle the
wizard's worker too): 1.6 Mbit/s with 150 ms round trips, 10 Mbit/s with 40 ms, unthrottled,
and 10 Mbit/s with the CPU slowed 4x.

Per link and run, each in a fresh browser profile, cold and then warm (the same page again in
the same profile):

- **deep link**: a link to a result, timed from navigation start until the result is on
  screen; bytes counted at the server up to that moment;
- **next step**: the wizard page without answers; once it has loaded, the first answer and
  Continue, timed from the click until the next question is on screen; then the rest of the
  path, a second for reading each question (:data:`READING_MS`), and the slowest of those
  later steps;
- **needs Python** (cold only): a link the state table does not hold (an unknown key), timed
  to its step, or "fallback" if the page gave up;
- **bare**: a page that does nothing but a bare ``loadPyodide()`` of the same Pyodide files,
  timed to ready: the baseline, and the ratios against it.

It prints figures and the issue's targets beside them; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.server.serve import HOST_MODELS, serve_in_thread  # noqa: E402
from tests.browser_helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from wizard.browser import query_string  # noqa: E402
from wizard.paths import enumerate_paths  # noqa: E402

SITE = ROOT / "site"
PREFIX = "/csp-support/"
BASELINE_DIR = "_bench"
# A script file, not an inline script: the site's Content-Security-Policy (_headers) allows
# scripts from the site only.
BASELINE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title></head>
<body><script type="module" src="baseline.js"></script></body></html>
"""
BASELINE_SCRIPT = """const base = new URL("../__RUNTIME__/", location.href).href;
const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.all([
  import(base + "pyodide.esm.js"), import(base + "pyodide.asm.esm.js")]);
await loadPyodide({ indexURL: base, lockFileURL: new URL("../__LOCK__", location.href).href, createPyodideModule });
window.__bench = { ready: performance.now() };
document.body.dataset.ready = "1";
"""
#: Records, relative to navigation start, when the widget reaches each state and the result.
OBSERVER = """
window.__bench = window.__bench || {};
new MutationObserver(() => {
  const root = document.querySelector("[data-wizard-state]");
  if (!root) return;
  const state = root.getAttribute("data-wizard-state");
  if (!(state in window.__bench)) window.__bench[state] = performance.now();
  if (!("result" in window.__bench) && root.querySelector("[data-outcome]")) window.__bench.result = performance.now();
  if (!("step" in window.__bench) && root.hasAttribute("data-answered-by")) window.__bench.step = performance.now();
}).observe(document, { subtree: true, childList: true, attributes: true });
"""
#: Answers ``question`` with ``value`` and presses Continue; ms from the click until another
#: question or a result is on screen.
ANSWER = """async ([question, value]) => {
  const form = document.querySelector(`form[data-question="${question}"]`);
  form.querySelector(`input[value="${value}"]`).click();
  const done = new Promise((resolve) => {
    const check = () => {
      const next = document.querySelector("form[data-question]");
      if (document.querySelector("[data-outcome]") || (next && next.getAttribute("data-question") !== question)) {
        resolve(performance.now() - t0);
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true });
  });
  const t0 = performance.now();
  form.querySelector('button[type="submit"]').click();
  return await done;
}"""
#: The deep link: the longest path (a direct partner's Azure request, break-fix, critical).
PATH = max(enumerate_paths(), key=len)
DEEP_LINK = query_string(PATH.items())
#: A link only Python can read (an unknown key): the state table does not hold it.
NEEDS_PYTHON = "?role=customer&colour=blue"
MBIT = 1_000_000 / 8
#: name -> (Network.emulateNetworkConditions parameters or None, CPU slow-down rate).
LINKS: dict[str, tuple[dict[str, Any] | None, int]] = {
    "1.6 Mbit/s, 150 ms": ({"offline": False, "latency": 150, "downloadThroughput": 1.6 * MBIT,
                            "uploadThroughput": 0.75 * MBIT}, 1),
    "10 Mbit/s, 40 ms": ({"offline": False, "latency": 40, "downloadThroughput": 10 * MBIT,
                          "uploadThroughput": 10 * MBIT}, 1),
    "unthrottled": (None, 1),
    "10 Mbit/s, CPU 4x": ({"offline": False, "latency": 40, "downloadThroughput": 10 * MBIT,
                           "uploadThroughput": 10 * MBIT}, 4),
}
#: The issue's targets: deep link / bare start, cold (None: no target on that link).
DEEP_TARGET = {"1.6 Mbit/s, 150 ms": 0.05, "10 Mbit/s, 40 ms": 0.1}
NEXT_TARGET = 0.05
LATER_TARGET_MS = 100
BYTES_TARGET = 300 * 1000
WAIT_MS = 240000
#: How long the reader of the "next step" walk takes over each later question.
READING_MS = 1000


class Traffic:
    """Bytes the server sent for everything requested since it was made, workers included
    (a response is counted once it is written)."""

    def __init__(self, server) -> None:
        self.log = server.RequestHandlerClass.served
        self.start = len(self.log)

    @property
    def sent(self) -> int:
        return sum(entry[2] for entry in self.log[self.start:])


def median(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None and v == v]
    return statistics.median(values) if values else None


def ms(value: float | None) -> str:
    return "    n/a" if value is None else f"{value:7.0f}"


def ratio(a: float | None, b: float | None) -> str:
    return "  n/a" if a is None or not b else f"{a / b:5.3f}"


class Profile:
    """A fresh persistent Chromium profile with the link's emulation on every page."""

    def __init__(self, browser_type, path: Path, link: tuple[dict[str, Any] | None, int]) -> None:
        self.context = browser_type.launch_persistent_context(
            str(path), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        self.context.add_init_script(OBSERVER)
        self.link = link

    def page(self):  # type: ignore[no-untyped-def]
        page = self.context.new_page()
        network, cpu = self.link
        cdp = self.context.new_cdp_session(page)
        if network is not None:
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", network)
        if cpu > 1:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        return page

    def close(self) -> None:
        self.context.close()


def deep_link(chromium, server, base: str, link, profile: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    prof = Profile(chromium, profile, link)
    try:
        for phase in ("cold", "warm"):
            page = prof.page()
            traffic = Traffic(server)
            page.goto(f"{base}wizard/{DEEP_LINK}", timeout=WAIT_MS)
            page.wait_for_selector('[data-outcome], [data-wizard-state="fallback"]', state="attached", timeout=WAIT_MS)
            out[f"{phase}_bytes"] = traffic.sent
            out[f"{phase}_ms"] = page.evaluate("window.__bench.result")
            out[f"{phase}_by"] = page.get_attribute("#csp-wizard", "data-answered-by")
            page.wait_for_timeout(500)
            page.close()
    finally:
        prof.close()
    return out


def next_step(chromium, server, base: str, link, profile: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    prof = Profile(chromium, profile, link)
    answers = list(PATH.items())
    try:
        for phase in ("cold", "warm"):
            page = prof.page()
            page.goto(f"{base}wizard/", timeout=WAIT_MS, wait_until="load")
            page.wait_for_selector('#csp-wizard[data-wizard-state="static"], #csp-wizard[data-wizard-state="ready"]',
                                   state="attached", timeout=WAIT_MS)
            out[f"{phase}_ms"] = page.evaluate(ANSWER, list(answers[0]))
            later = []
            for a in answers[1:]:
                page.wait_for_timeout(READING_MS)  # the reader reads the question
                later.append(page.evaluate(ANSWER, list(a)))
            out[f"{phase}_later_ms"] = max(later)
            out[f"{phase}_by"] = page.get_attribute("#csp-wizard", "data-answered-by")
            page.close()
    finally:
        prof.close()
    return out


def needs_python(chromium, base: str, link, profile: Path) -> dict[str, Any]:
    prof = Profile(chromium, profile, link)
    try:
        page = prof.page()
        page.goto(f"{base}wizard/{NEEDS_PYTHON}", timeout=WAIT_MS)
        page.wait_for_selector('#csp-wizard[data-answered-by="python"], [data-wizard-state="fallback"]',
                               state="attached", timeout=WAIT_MS)
        by = page.get_attribute("#csp-wizard", "data-answered-by")
        return {"ms": page.evaluate("window.__bench.step") if by == "python" else None,
                "via": page.get_attribute("#csp-wizard", "data-ready-via") or "fallback"}
    finally:
        prof.close()


def bare(chromium, server, base: str, link, profile: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    prof = Profile(chromium, profile, link)
    try:
        for phase in ("cold", "warm"):
            page = prof.page()
            traffic = Traffic(server)
            page.goto(f"{base}{BASELINE_DIR}/", timeout=WAIT_MS)
            page.wait_for_selector("body[data-ready]", state="attached", timeout=WAIT_MS)
            out[f"{phase}_ms"] = page.evaluate("window.__bench.ready")
            out[f"{phase}_bytes"] = traffic.sent
            page.close()
    finally:
        prof.close()
    return out


#: What a measurement that did not finish reports (printed as "fallback" / n/a, not a time).
FAILED: dict[str, Any] = {
    "cold_ms": None, "warm_ms": None, "cold_bytes": 0, "warm_bytes": 0, "cold_by": None, "warm_by": None,
    "cold_later_ms": None, "warm_later_ms": None,
}


def attempt(measurement, *args) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One measurement; a timeout or browser error is printed and reported without times."""
    try:
        return measurement(*args)
    except Exception as error:  # a page that never got there: report it, keep measuring
        print(f"    {measurement.__name__} did not finish: {str(error).splitlines()[0]}", flush=True)
        return {**FAILED, "ms": None, "via": "failed"}


def measure(chromium, site: Path, runs: int, tmp: Path, model: str,
            links: list[str]) -> dict[str, dict[str, list[Any]]]:
    results: dict[str, dict[str, list[Any]]] = {}
    server, base = serve_in_thread(site, prefix=PREFIX, host_model=model)
    try:
        for n, name in enumerate(links):
            link = LINKS[name]
            row: dict[str, list[Any]] = {}
            for run in range(runs):
                where = tmp / f"{n}-{run}"
                got = {
                    "deep": attempt(deep_link, chromium, server, base, link, where / "deep"),
                    "next": attempt(next_step, chromium, server, base, link, where / "next"),
                    "bare": attempt(bare, chromium, server, base, link, where / "bare"),
                }
                if run == 0:
                    got["python"] = attempt(needs_python, chromium, base, link, where / "python")
                for kind, values in got.items():
                    for key, value in values.items():
                        row.setdefault(f"{kind}_{key}", []).append(value)
                print(f"  {name:18} run {run + 1}: deep link {ms(got['deep']['cold_ms'])} ms "
                      f"({got['deep']['cold_by']}), next step {ms(got['next']['cold_ms'])} ms, "
                      f"bare {ms(got['bare']['cold_ms'])} ms; warm: {ms(got['deep']['warm_ms'])} / "
                      f"{ms(got['next']['warm_ms'])} / {ms(got['bare']['warm_ms'])} ms"
                      + (f"; needs Python {ms(got['python']['ms'])} ms ({got['python']['via']})"
                         if "python" in got else ""), flush=True)
            results[name] = row
    finally:
        server.shutdown()
        server.server_close()
    return results


def build_time() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", tmp],
                       cwd=ROOT, check=True)
        return time.perf_counter() - start


def report(results: dict[str, dict[str, list[Any]]], model: str) -> None:
    print()
    print(f"Host model {model}; medians in ms from navigation start (deep link, bare) or from the click")
    print("(next step); ratios against the bare loadPyodide() on the same link; KB = 1000 bytes sent by")
    print("the server up to the deep link's result. Targets: deep link <= 0.05x (1.6 Mbit/s) and 0.1x")
    print(f"(10 Mbit/s) cold, next step <= {NEXT_TARGET}x, later steps < {LATER_TARGET_MS} ms, "
          f"<= {BYTES_TARGET // 1000} KB.")
    header = (f"{'link':18} {'phase':5} | {'deep link':>9} {'ratio':>5} {'target':>6} | {'next step':>9} "
              f"{'ratio':>5} | {'later max':>9} | {'bare':>8} | {'KB':>6} {'bare KB':>8} | needs Python")
    print(header)
    print("-" * len(header))
    for link, row in results.items():
        for phase in ("cold", "warm"):
            deep, nxt, base = (median(row[f"{k}_{phase}_ms"]) for k in ("deep", "next", "bare"))
            target = f"{DEEP_TARGET[link]:6.2f}" if phase == "cold" and link in DEEP_TARGET else "     -"
            python = ""
            if phase == "cold":
                python = f"{ms(median(row['python_ms']))} ms ({','.join(row['python_via'])})"
            print(f"{link:18} {phase:5} | {ms(deep):>9} {ratio(deep, base)} {target} | {ms(nxt):>9} "
                  f"{ratio(nxt, base)} | {ms(median(row[f'next_{phase}_later_ms'])):>9} | {ms(base):>8} | "
                  f"{median(row[f'deep_{phase}_bytes']) / 1000:6.0f} {median(row[f'bare_{phase}_bytes']) / 1000:8.0f}"
                  f" | {python}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: site/)")
    parser.add_argument("--host-model", choices=HOST_MODELS, default="content-type")
    parser.add_argument("--quick", action="store_true", help="only the link table")
    parser.add_argument("--link", action="append", choices=list(LINKS),
                        help="measure only this link (repeatable; default: all four)")
    args = parser.parse_args()
    site = args.site
    if not (site / "wizard" / "index.html").is_file():
        parser.error("no built site; run 'make build' first")
    # The Pyodide runtime's folder (versioned: assets/pyodide/<version>/) and the site's lock file.
    runtime = min(p.parent for p in (site / "assets" / "pyodide").rglob("pyodide.esm.js")).relative_to(site)
    lock = min((site / "assets" / "pyodide").rglob("pyodide-lock.json")).relative_to(site)
    from playwright.sync_api import sync_playwright

    baseline_dir = site / BASELINE_DIR
    baseline_dir.mkdir(exist_ok=True)
    (baseline_dir / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    (baseline_dir / "baseline.js").write_text(BASELINE_SCRIPT.replace("__RUNTIME__", runtime.as_posix())
                                               .replace("__LOCK__", lock.as_posix()),
                                               encoding="utf-8")
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{version}; {args.runs} runs each", flush=True)
    print(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
    try:
        with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
            results = measure(pw.chromium, site, args.runs, Path(tmp), args.host_model,
                              args.link or list(LINKS))
    finally:
        shutil.rmtree(baseline_dir, ignore_errors=True)

    report(results, args.host_model)
    if args.quick:
        return 0
    print(f"\n{'site build, four locales (mkdocs --strict)':44} {build_time():12.1f} s")
    sys.stdout.flush()
    subprocess.run([sys.executable, "-m", "wizard.bench"], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
