// The wizard in Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (pinned in
// package.json). Run by tests/test_browser_firefox.py, which computes every scenario and every
// expected step from the Python engine and asserts on what this script reports; this script
// makes no judgement of its own beyond "the expected element appeared in time".
//
// Why hand-written, in Node: Playwright's Firefox is its own patched build, downloaded by
// `playwright install`, which cannot download here and cannot drive a stock Firefox; Selenium
// needs geckodriver, another download. puppeteer-core speaks WebDriver BiDi to the Firefox that
// Debian installs, with nothing else to fetch.
//
// Usage: node tests/firefox.mjs plan.json  -> one JSON report on stdout:
//   {"browser": "firefox/153...", "scenarios": {name: report}}
// A report holds what the page showed ("walks", "alert", "focus", ...), the page's errors,
// the Content-Security-Policy violations it saw, and "failure" (null, or the step that failed
// with the page's state at that moment).

import { readFileSync } from "node:fs";
import puppeteer from "puppeteer-core";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const READY_WAIT_MS = plan.readyWaitMs;
const STEP_WAIT_MS = 10000;

// Installed before any page script: Content-Security-Policy violations, and every message the
// wizard's live region shows (the text it changes to, when not empty).
const WATCH = `
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber));
window.__announced = [];
let __last = "";
new MutationObserver(() => {
  const status = document.querySelector(".csp-wizard__status");
  const text = status ? status.textContent.trim() : "";
  if (text !== __last && text) window.__announced.push(text);
  __last = text;
}).observe(document, { subtree: true, childList: true, characterData: true });
`;

const NO_WASM = "delete globalThis.WebAssembly;";

// Every scenario but the one without WebAssembly uses the reader's "load Python at once" setting: on a loaded test machine the
// page can judge even localhost too slow to load Python before a step needs it, and a reload
// to change that makes Firefox report the fetches it aborts as errors. (The link judgement
// itself is tested in Chromium, tests/test_browser_instant.py.)
const WARM_UP_AT_ONCE = plan.warmUpAtOnce; // from tests/browser_helpers.py

async function state(page) {
  return page.evaluate(() => {
    const root = document.getElementById("csp-wizard");
    const form = document.querySelector("form.csp-wizard__question");
    const result = document.querySelector(".csp-wizard__result");
    return {
      url: location.href,
      state: root && root.getAttribute("data-wizard-state"),
      question: form && form.getAttribute("data-question"),
      outcome: result && result.getAttribute("data-outcome"),
      status: (document.querySelector(".csp-wizard__status") || {}).textContent || null,
      alert: (document.querySelector(".csp-wizard__alert") || {}).textContent || null,
    };
  });
}

async function run(browser, name, initScripts, body) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const report = { errors: [], warnings: [], failure: null, violations: {} };
  let step = "opening the page";
  page.on("pageerror", (error) => report.errors.push(`${step}: ${String((error && error.message) || error)}`));
  page.on("console", (message) => {
    if (message.type() === "error") report.errors.push(`${step}: console: ${message.text()}`);
    if (message.type() === "warn" || message.type() === "warning") report.warnings.push(message.text());
  });
  for (const script of [WATCH, ...initScripts]) await page.evaluateOnNewDocument(script);
  const at = (what) => { step = what; };
  const started = Date.now();
  try {
    await body(page, report, at);
  } catch (error) {
    let shown = null;
    try { shown = await state(page); } catch { /* the page is gone */ }
    report.failure = `${name}: ${step}: ${error.message}; page: ${JSON.stringify(shown)}`;
  } finally {
    report.ms = Date.now() - started; // for the reader of a slow run, not asserted
    await context.close();
  }
  return report;
}

async function goto(page, url) {
  await page.goto(url, { waitUntil: "load" });
}

async function violations(page) {
  return page.evaluate(() => window.__violations.slice());
}

async function waitReady(page) {
  await page.waitForSelector('#csp-wizard[data-wizard-state="ready"]', { timeout: READY_WAIT_MS });
  return page.evaluate(() => document.getElementById("csp-wizard").getAttribute("data-ready-via"));
}

// Scrolled into view at once first: the theme scrolls smoothly, and a click computed while the
// page is still scrolling would land beside its target.
async function click(page, selector) {
  const element = await page.waitForSelector(selector, { visible: true, timeout: STEP_WAIT_MS });
  await element.evaluate((el) => el.scrollIntoView({ block: "center", behavior: "instant" }));
  await element.click();
}

// One walk by clicking: for each answer, its label, then Continue; then what the engine said.
async function walk(page, walkPlan, at) {
  for (const [i, s] of walkPlan.steps.entries()) {
    at(`answer ${i + 1} (${s.qid}=${s.value})`);
    const form = `form.csp-wizard__question[data-question="${s.qid}"]`;
    await click(page, `${form} label[for="csp-wizard-${s.qid}-${s.value}"]`);
    await click(page, `${form} button[type="submit"]`);
    at(`after answer ${i + 1} (${s.qid}=${s.value}), waiting for ${s.expect}`);
    await page.waitForSelector(s.expect, { timeout: STEP_WAIT_MS });
  }
  return {
    result: await page.evaluate(`(${plan.resultJs})()`),
    query: await page.evaluate(() => location.search),
    answeredBy: await answeredBy(page),
  };
}

async function answeredBy(page) {
  return page.evaluate(() => document.getElementById("csp-wizard").getAttribute("data-answered-by"));
}

async function fallbackShown(page) {
  return page.evaluate(() => {
    const shown = (el) => !!el && el.getClientRects().length > 0;
    const notices = {};
    document.querySelectorAll(".csp-wizard__notice").forEach((n) => {
      notices[n.getAttribute("data-notice")] = shown(n) ? n.innerText : null;
    });
    return {
      notices,
      cause: document.getElementById("csp-wizard").getAttribute("data-fallback-cause"),
      table: shown(document.querySelector(".csp-wizard__fallback table")),
      live: shown(document.querySelector(".csp-wizard__live")),
    };
  });
}

async function activeId(page) {
  return page.evaluate(() => (document.activeElement && document.activeElement.id) || null);
}

// Tab until the focused element matches the selector.
async function tabUntil(page, selector, limit) {
  const there = () => page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector);
  for (let i = 0; i < limit; i++) {
    if (await there()) return;
    await page.keyboard.press("Tab");
  }
  if (!(await there())) throw new Error(`focus never reached ${selector} in ${limit} presses of Tab`);
}

// The keyboard walk: Tab into the question, Space to choose the first answer, ArrowDown to
// move the choice, Tab to Continue, Enter. The same keys as the Chromium test.
async function keyboardWalk(page, steps, at) {
  const focus = [];
  const inRadios = '#csp-wizard form.csp-wizard__question input[type="radio"]';
  const onSubmit = '#csp-wizard form.csp-wizard__question button[type="submit"]';
  at("tabbing from the top of the page to the first question");
  await tabUntil(page, inRadios, 200);
  for (const [i, s] of steps.entries()) {
    at(`keyboard answer ${i + 1} (${s.qid}: option ${s.index + 1})`);
    await tabUntil(page, inRadios, 20);
    await page.keyboard.press(" "); // Space
    for (let k = 0; k < s.index; k++) await page.keyboard.press("ArrowDown");
    const chosen = await page.evaluate(() => document.activeElement.value);
    if (chosen !== s.value) throw new Error(`the keys chose ${chosen}, not ${s.value}`);
    await tabUntil(page, onSubmit, 20);
    await page.keyboard.press("Enter");
    at(`after keyboard answer ${i + 1}, waiting for ${s.expect}`);
    await page.waitForSelector(s.expect, { timeout: STEP_WAIT_MS });
    focus.push(await activeId(page));
  }
  return focus;
}

const scenarios = {
  // Other pages under the site's policy, then the wizard: a tampered link opened fresh, back to
  // the start, and a clicked walk per contact kind (each followed by "Start again").
  async site(page, report, at, s) {
    for (const url of s.pages) {
      at(`loading ${url}`);
      // Until the network is quiet: leaving while the theme still fetches its search index
      // aborts the fetch, which Firefox reports as an error of the page.
      await page.goto(url, { waitUntil: "networkidle0" });
      report.violations[url] = await violations(page);
    }
    at(`opening the tampered link ${s.tampered.url}`);
    await goto(page, s.tampered.url);
    report.readyVia = await waitReady(page);
    at(`resuming the tampered link, waiting for ${s.tampered.expect}`);
    await page.waitForSelector(s.tampered.expect, { timeout: STEP_WAIT_MS });
    await page.waitForFunction(() => document.querySelector(".csp-wizard__alert").textContent.trim() !== "",
      { timeout: STEP_WAIT_MS });
    report.tampered = {
      alert: await page.evaluate(() => document.querySelector(".csp-wizard__alert").innerText),
      query: await page.evaluate(() => location.search),
    };
    at("going back to the first question");
    await page.evaluate(() => { history.pushState(null, "", location.pathname); dispatchEvent(new PopStateEvent("popstate")); });
    await page.waitForSelector(s.first, { timeout: STEP_WAIT_MS });
    report.walks = [];
    for (const [i, w] of s.walks.entries()) {
      report.walks.push(await walk(page, w, (what) => at(`walk ${i + 1}: ${what}`)));
      at(`walk ${i + 1}: Start again`);
      await click(page, ".csp-wizard__result a.csp-wizard__restart");
      await page.waitForSelector(s.first, { timeout: STEP_WAIT_MS });
    }
    report.violations[s.tampered.url] = await violations(page);
  },

  // The snapshot is not served: the worker starts Pyodide the plain way.
  async plain(page, report, at, s) {
    await goto(page, s.url);
    at("waiting for the wizard to be ready");
    report.readyVia = await waitReady(page);
    report.walks = [await walk(page, s.walk, at)];
    report.violations[s.url] = await violations(page);
  },

  // No WebAssembly: a deep link in the state table still gets its result, and a walk from
  // the first question its steps; a link that needs Python gets the decision table and the
  // notice naming the cause.
  async nowasm(page, report, at, s) {
    at(`opening the deep link ${s.deep.url}`);
    await goto(page, s.deep.url);
    await page.waitForSelector(s.deep.expect, { timeout: STEP_WAIT_MS });
    report.deep = { result: await page.evaluate(`(${plan.resultJs})()`), answeredBy: await answeredBy(page) };
    at("restarting for a walk");
    await click(page, ".csp-wizard__result a.csp-wizard__restart");
    report.walks = [await walk(page, s.walk, at)];
    at(`opening the link made before GDAP ${s.url}`);
    await goto(page, s.url);
    at("waiting for the fallback");
    await page.waitForSelector('#csp-wizard[data-wizard-state="fallback"]', { timeout: STEP_WAIT_MS });
    report.fallback = await fallbackShown(page);
    report.violations[s.url] = await violations(page);
  },

  // A link made before GDAP (an answer value the flow no longer has): only Python can tell
  // what is usable, so the page waits for it and shows its notice and the step it resumes at.
  async python(page, report, at, s) {
    await goto(page, s.url);
    at(`waiting for ${s.expect}`);
    await page.waitForSelector(s.expect, { timeout: READY_WAIT_MS });
    await page.waitForFunction(() => document.querySelector(".csp-wizard__alert").textContent.trim() !== "",
      { timeout: STEP_WAIT_MS });
    report.alert = await page.evaluate(() => document.querySelector(".csp-wizard__alert").innerText);
    report.query = await page.evaluate(() => location.search);
    report.answeredBy = await answeredBy(page);
    report.readyVia = await page.evaluate(() => document.getElementById("csp-wizard").getAttribute("data-ready-via"));
    report.violations[s.url] = await violations(page);
  },

  // A deep link to a result, answered from the state table.
  async table(page, report, at, s) {
    await goto(page, s.url);
    at(`waiting for ${s.expect}`);
    await page.waitForSelector(s.expect, { timeout: STEP_WAIT_MS });
    report.result = await page.evaluate(`(${plan.resultJs})()`);
    report.answeredBy = await answeredBy(page);
    report.violations[s.url] = await violations(page);
  },

  async keyboard(page, report, at, s) {
    await goto(page, s.url);
    at("waiting for the wizard to be ready");
    report.readyVia = await waitReady(page);
    report.focus = await keyboardWalk(page, s.steps, at);
    report.result = await page.evaluate(`(${plan.resultJs})()`);
    report.query = await page.evaluate(() => location.search);
    report.announced = await page.evaluate(() => window.__announced.slice());
    report.violations[s.url] = await violations(page);
  },
};

const launched = Date.now();
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: plan.executable,
  headless: true,
  extraPrefsFirefox: {
    // Tab moves through links and buttons too, as on Linux desktops (not only text fields).
    "accessibility.tabfocus": 7,
  },
});
const out = { browser: await browser.version(), launchMs: Date.now() - launched, scenarios: {} };
try {
  for (const s of plan.scenarios) {
    out.scenarios[s.name] = await run(browser, s.name, s.noWasm ? [NO_WASM] : [WARM_UP_AT_ONCE],
      (page, report, at) => scenarios[s.kind](page, report, at, s));
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
