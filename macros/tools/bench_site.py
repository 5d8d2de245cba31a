"""Browser benchmark of the built site: ``make bench`` (not part of ``make test``).

Headless Chromium against ``site/`` served on localhost the way a static host serves it
(``macros.server.serve``: the ``_headers`` file and the precompressed ``.br`` / ``.gz`` copies), several
runs, median and spread, cold (a fresh browser profile each run) and warm (the same profile,
reloaded). In the same run, a baseline page that does nothing but a bare ``loadPyodide()`` of
the same Pyodide files, and the ratio of the wizard's Python-ready time to it. Then the
four-locale site build time and the engine's time per decision. It prints figures; it asserts
nothing.
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

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.server.serve import serve_in_thread  # noqa: E402
from tests.browser_helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SITE = ROOT / "site"
BASELINE_DIR = "_bench"
# A script file, not an inline script: the site's Content-Security-Policy (_headers) allows
# scripts from the site only.
BASELINE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title></head>
<body><script type="module" src="baseline.mjs"></script></body></html>
"""
BASELINE_SCRIPT = """const base = new URL("../__RUNTIME__/", location.href).href;
const { loadPyodide } = await import(base + "pyodide.mjs");
await loadPyodide({ indexURL: base, lockFileURL: new URL("../__LOCK__", location.href).href });
window.__bench = { ready: performance.now() };
document.body.dataset.ready = "1";
"""
#: Records, relative to navigation start, when the widget reaches each state.
OBSERVER = """
window.__bench = window.__bench || {};
new MutationObserver(() => {
  const root = document.querySelector("[data-wizard-state]");
  if (!root) return;
  const state = root.getAttribute("data-wizard-state");
  if (!(state in window.__bench)) window.__bench[state] = performance.now();
}).observe(document, { subtree: true, childList: true, attributes: true,
                       attributeFilter: ["data-wizard-state"] });
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
ANSWERS = ("role=direct-partner&scope=customer-subscription&product=azure&topic=break-fix"
           "&impact=critical&admin_access=yes")


class Traffic:
    """Bytes the server sent (as served, compressed when a precompressed copy exists) and the
    bytes of the files themselves, for everything requested since the last reset, workers
    included."""

    def __init__(self, server) -> None:
        self.log = server.RequestHandlerClass.served
        self.start = len(self.log)

    @property
    def encoded(self) -> int:
        return sum(entry[2] for entry in self.log[self.start:])

    @property
    def decoded(self) -> int:
        return sum(entry[3] for entry in self.log[self.start:])


def stats(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"{statistics.median(values):8.0f} ms  ±{(max(values) - min(values)) / 2:5.0f}"


def measure(browser_type, server, url: str, wait_for: str, runs: int, profile_root: Path) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {k: [] for k in ("cold_first", "cold_ready", "warm_first", "warm_ready",
                                                   "cold_bytes", "cold_raw", "warm_bytes")}
    for i in range(runs):
        profile = profile_root / f"p{i}"
        context = browser_type.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context.add_init_script(OBSERVER)
        page = context.new_page()
        for phase in ("cold", "warm"):
            traffic = Traffic(server)
            if phase == "cold":
                page.goto(url)
            else:
                page.reload()
            page.wait_for_selector(wait_for, state="attached", timeout=60000)
            bench = page.evaluate("window.__bench")
            first = bench.get("static")
            if first is not None:
                out[f"{phase}_first"].append(first)
            out[f"{phase}_ready"].append(bench["ready"])
            page.wait_for_timeout(300)  # let late responses finish before counting bytes
            out[f"{phase}_bytes"].append(traffic.encoded)
            if phase == "cold":
                out["cold_raw"].append(traffic.decoded)
        context.close()
    return out


def result_times(browser_type, url: str, runs: int, profile: Path) -> list[float]:
    context = browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    page = context.new_page()
    times = []
    for _ in range(runs):
        page.goto(url)
        page.wait_for_selector('[data-wizard-state="ready"] form[data-question="pc_role"]', timeout=60000)
        times.append(page.evaluate(LAST_ANSWER, ["pc_role", "admin-agent"]))
    context.close()
    return times


def build_time() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", tmp],
                       cwd=ROOT, check=True)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: site/)")
    args = parser.parse_args()
    site = args.site
    if not (site / "wizard" / "index.html").is_file():
        parser.error("no built site; run 'make build' first")
    # The Pyodide runtime's folder (versioned: assets/pyodide/<version>/) and the site's lock file.
    runtime = min(p.parent for p in (site / "assets" / "pyodide").rglob("pyodide.mjs")).relative_to(site)
    lock = min((site / "assets" / "pyodide").rglob("pyodide-lock.json")).relative_to(site)
    from playwright.sync_api import sync_playwright

    baseline_dir = site / BASELINE_DIR
    baseline_dir.mkdir(exist_ok=True)
    (baseline_dir / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    (baseline_dir / "baseline.mjs").write_text(BASELINE_SCRIPT.replace("__RUNTIME__", runtime.as_posix())
                                               .replace("__LOCK__", lock.as_posix()),
                                               encoding="utf-8")
    server, base = serve_in_thread(site, prefix="/csp-support/")
    wizard_url = base + "wizard/"
    try:
        with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
            chromium = pw.chromium
            wiz = measure(chromium, server, wizard_url, '[data-wizard-state="ready"]', args.runs, Path(tmp) / "w")
            bare = measure(chromium, server, base + BASELINE_DIR + "/", "body[data-ready]", args.runs, Path(tmp) / "b")
            result = result_times(chromium, f"{wizard_url}?{ANSWERS}", args.runs, Path(tmp) / "r")
            version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    finally:
        server.shutdown()
        shutil.rmtree(baseline_dir, ignore_errors=True)

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{version}; {args.runs} runs each, median ± half-range")
    print(f"{'measurement':44} {'cold':>18} {'warm':>18}")
    rows = [
        ("first question interactive (static HTML)", wiz["cold_first"], wiz["warm_first"]),
        ("Python ready in the worker (wizard page)", wiz["cold_ready"], wiz["warm_ready"]),
        ("baseline: bare loadPyodide() ready", bare["cold_ready"], bare["warm_ready"]),
    ]
    for name, cold, warm in rows:
        print(f"{name:44} {stats(cold):>18} {stats(warm):>18}")
    for phase in ("cold", "warm"):
        ratio = statistics.median(wiz[f"{phase}_ready"]) / statistics.median(bare[f"{phase}_ready"])
        print(f"{'ratio wizard ready / baseline (' + phase + ')':44} {ratio:17.2f}x")
    print(f"{'result on screen after the last answer':44} {stats(result):>18}")
    kib = 1024
    print(f"{'wizard page bytes, as served (compressed)':44} {statistics.median(wiz['cold_bytes']) / kib:13.0f} KiB"
          f" {statistics.median(wiz['warm_bytes']) / kib:13.0f} KiB")
    print(f"{'wizard page bytes, raw (uncompressed files)':44} {statistics.median(wiz['cold_raw']) / kib:13.0f} KiB")
    print(f"{'baseline page bytes, as served':44} {statistics.median(bare['cold_bytes']) / kib:13.0f} KiB")
    print(f"{'site build, four locales (mkdocs --strict)':44} {build_time():15.1f} s")
    sys.stdout.flush()
    subprocess.run([sys.executable, "-m", "wizard.bench"], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
