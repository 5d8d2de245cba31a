"""Browser benchmark of the built site: ``make bench`` (not part of ``make test``).

Headless Chromium against ``site/`` served on localhost by ``macros.server.serve`` (with the
``_headers`` file, so the runtime's year-long cache applies), for each host model and link:

- host models: ``content-type`` (compressed on the fly by content type, sidecars ignored:
  GitHub Pages, Netlify, Cloudflare Pages, Vercel) and ``sidecar`` (the build's ``.br`` /
  ``.gz`` copies: nginx ``brotli_static``);
- links: unthrottled, 50 Mbit/s and 10 Mbit/s with a 40 ms round trip, through Chromium's
  network emulation (it throttles the wizard's worker too).

Each run is a fresh browser profile: cold, a deep link to an Azure Severity A result, timed
until the result is on screen; then warm, the same link reloaded in the same profile. After a
plain start the worker fetches the snapshot for the next visit; the warm visit waits for that
first. In the same run and conditions, a baseline page that does nothing but a bare
``loadPyodide()`` of the same Pyodide files, and the ratio. Bytes are counted at the server
(the page's network events miss the worker's requests): to the result, and for the whole
first visit (with the snapshot fetched for the next one). Then the result after a last
answer, the four-locale site build time and the engine's time per decision. It prints
figures; it asserts nothing.
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
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.server.serve import HOST_MODELS, serve_in_thread  # noqa: E402
from tests.browser_helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from wizard.engine import decide  # noqa: E402
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
}).observe(document, { subtree: true, childList: true, attributes: true });
"""
LAST_ANSWER = """async ([question, value]) => {
  const form = document.querySelector(`form[data-question="${question}"]`);
  form.querySelector(`input[value="${value}"]`).click();
  const t0 = performance.now();
  const done = new Promise((resolve) => {
    const check = () => document.querySelector("[data-outcome]") && resolve(performance.now() - t0);
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true });
    check();
  });
  form.querySelector('button[type="submit"]').click();
  return await done;
}"""
#: A deep link to a result: a direct partner, a customer's Azure, break-fix, critical (Severity A),
#: as the engine routes it today; PARTIAL stops one answer short of it (LAST_QUESTION).
_PATH = next(p for p in enumerate_paths() if p["role"] == "direct-partner" and p.get("product") == "azure"
             and decide(p).severity == "A")
LAST_QUESTION, LAST_VALUE = list(_PATH.items())[-1]
PARTIAL = urlencode(list(_PATH.items())[:-1])
DEEP_LINK = urlencode(list(_PATH.items()))
MBIT = 1_000_000 / 8
#: name -> Network.emulateNetworkConditions parameters (None: no emulation).
LINKS: dict[str, dict[str, Any] | None] = {
    "unthrottled": None,
    "50 Mbit/s, 40 ms": {"offline": False, "latency": 40, "downloadThroughput": 50 * MBIT,
                         "uploadThroughput": 50 * MBIT},
    "10 Mbit/s, 40 ms": {"offline": False, "latency": 40, "downloadThroughput": 10 * MBIT,
                         "uploadThroughput": 10 * MBIT},
}
WAIT_MS = 120000


class Traffic:
    """Bytes the server sent for everything requested since it was made, workers included
    (a response is counted once it is written)."""

    def __init__(self, server) -> None:
        self.log = server.RequestHandlerClass.served
        self.start = len(self.log)

    @property
    def sent(self) -> int:
        return sum(entry[2] for entry in self.log[self.start:])


def median(values: list[float | None]) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def spread(values: list[float | None]) -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    return f"{median(values):6.0f} ±{(max(values) - min(values)) / 2:4.0f}"


def visit(browser_type, server, url: str, wait_for: str, mark: str, link: dict[str, Any] | None,
          profile: Path, wizard: bool) -> dict[str, Any]:
    """One fresh profile: a cold visit, then (after any snapshot fetched for the next visit)
    a warm one. Times (ms from navigation start to ``mark``) and bytes at the server."""
    context = browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        context.add_init_script(OBSERVER)
        page = context.new_page()
        if link is not None:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", link)
        out: dict[str, Any] = {}
        for phase in ("cold", "warm"):
            traffic = Traffic(server)
            if phase == "cold":
                page.goto(url, timeout=WAIT_MS)
            else:
                page.reload(timeout=WAIT_MS)
            # The wizard may give up on Python (no news from its worker for its timeout) and
            # show the decision table: counted as "fallback", without a time.
            page.wait_for_selector(f'{wait_for}, [data-wizard-state="fallback"]', state="attached", timeout=WAIT_MS)
            out[f"{phase}_ms"] = page.evaluate("(mark) => window.__bench[mark]", mark)
            out[f"{phase}_bytes"] = traffic.sent
            if wizard:
                out[f"{phase}_via"] = page.get_attribute("#csp-wizard", "data-ready-via") or "fallback"
                if out[f"{phase}_via"] == "fallback":
                    out[f"{phase}_ms"] = None
            if phase == "cold":
                started = wizard and page.get_attribute("#csp-wizard", "data-wizard-state") == "ready"
                if started and out["cold_via"] == "plain":
                    # The worker fetches the snapshot for the next visit once the result is up.
                    page.wait_for_selector("#csp-wizard[data-snapshot-cached]", state="attached", timeout=WAIT_MS)
                page.wait_for_timeout(300)  # let late responses finish before counting
                out["first_visit_bytes"] = traffic.sent
        return out
    finally:
        context.close()


def measure(chromium, site: Path, runs: int, tmp: Path) -> dict[tuple[str, str], dict[str, list[Any]]]:
    results: dict[tuple[str, str], dict[str, list[Any]]] = {}
    for model in HOST_MODELS:
        server, base = serve_in_thread(site, prefix=PREFIX, host_model=model)
        try:
            for name, link in LINKS.items():
                row: dict[str, list[Any]] = {}
                for run in range(runs):
                    pages = (
                        ("wizard", f"{base}wizard/?{DEEP_LINK}", "[data-outcome]", "result", True),
                        ("bare", f"{base}{BASELINE_DIR}/", "body[data-ready]", "ready", False),
                    )
                    for label, url, wait_for, mark, wizard in pages:
                        profile = tmp / f"{model}-{len(results)}-{run}-{label}"
                        got = visit(chromium, server, url, wait_for, mark, link, profile, wizard)
                        for key, value in got.items():
                            row.setdefault(f"{label}_{key}", []).append(value)
                    print(f"  {model:12} {name:18} run {run + 1}: wizard {row['wizard_cold_ms'][-1] or 0:6.0f} ms "
                          f"({row['wizard_cold_via'][-1]}), bare {row['bare_cold_ms'][-1]:6.0f} ms; warm: wizard "
                          f"{row['wizard_warm_ms'][-1] or 0:6.0f} ms ({row['wizard_warm_via'][-1]}), "
                          f"bare {row['bare_warm_ms'][-1]:6.0f} ms", flush=True)
                results[(model, name)] = row
        finally:
            server.shutdown()
            server.server_close()
    return results


def result_times(browser_type, server_base: str, runs: int, profile: Path) -> list[float]:
    context = browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    page = context.new_page()
    times = []
    for _ in range(runs):
        page.goto(f"{server_base}wizard/?{PARTIAL}")
        page.wait_for_selector(f'[data-wizard-state="ready"] form[data-question="{LAST_QUESTION}"]',
                               timeout=60000)
        times.append(page.evaluate(LAST_ANSWER, [LAST_QUESTION, LAST_VALUE]))
    context.close()
    return times


def build_time() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", tmp],
                       cwd=ROOT, check=True)
        return time.perf_counter() - start


def report(results: dict[tuple[str, str], dict[str, list[Any]]]) -> None:
    kib = 1024
    print()
    print("Time to the deep-linked result (wizard) and to loadPyodide() ready (bare), median ± half-range;")
    print("bytes sent by the server, KiB (first visit: with the snapshot fetched for the next visit).")
    header = (f"{'host model':12} {'link':18} | {'wizard cold':>12} {'bare cold':>12} {'ratio':>5} | "
              f"{'wizard warm':>12} {'bare warm':>12} {'ratio':>5} | {'to result':>9} {'1st visit':>9} "
              f"{'bare':>6} {'warm':>5} | start (cold/warm)")
    print(header)
    print("-" * len(header))
    for (model, link), row in results.items():
        cold = median(row["wizard_cold_ms"]) / median(row["bare_cold_ms"])
        warm = median(row["wizard_warm_ms"]) / median(row["bare_warm_ms"])
        vias = " / ".join(",".join(row[f"wizard_{phase}_via"]) for phase in ("cold", "warm"))
        print(f"{model:12} {link:18} | {spread(row['wizard_cold_ms']):>12} {spread(row['bare_cold_ms']):>12} "
              f"{cold:5.2f} | {spread(row['wizard_warm_ms']):>12} {spread(row['bare_warm_ms']):>12} {warm:5.2f} | "
              f"{median(row['wizard_cold_bytes']) / kib:9.0f} {median(row['wizard_first_visit_bytes']) / kib:9.0f} "
              f"{median(row['bare_cold_bytes']) / kib:6.0f} {median(row['wizard_warm_bytes']) / kib:5.0f} | {vias}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: site/)")
    parser.add_argument("--quick", action="store_true", help="only the host and link table")
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
    try:
        with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
            results = measure(pw.chromium, site, args.runs, Path(tmp))
            if not args.quick:
                server, base = serve_in_thread(site, prefix=PREFIX)
                try:
                    last = result_times(pw.chromium, base, 5, Path(tmp) / "last")
                finally:
                    server.shutdown()
    finally:
        shutil.rmtree(baseline_dir, ignore_errors=True)

    report(results)
    if args.quick:
        return 0
    print(f"\n{'result on screen after the last answer':44} {spread(last):>14} ms")
    print(f"{'site build, four locales (mkdocs --strict)':44} {build_time():12.1f} s")
    sys.stdout.flush()
    subprocess.run([sys.executable, "-m", "wizard.bench"], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
