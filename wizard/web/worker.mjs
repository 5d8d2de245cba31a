// Module Web Worker of the wizard: runs wizard.browser (the wizard wheel) in Pyodide.
//
// Everything is loaded from the site itself: the page sends the absolute URLs of the Pyodide
// runtime folder (indexURL, named after the Pyodide version) and of the wizard's folder
// (appURL, named after a digest of its content), which holds the wheel, the site-local
// pyodide-lock.json that registers it with its sha256, wizard.snapshot: the memory of a
// Pyodide that has already started and imported the wizard, and python_stdlib.zip, the
// standard library trimmed to what that interpreter loaded (both made at build time by
// macros/make_snapshot.mjs). Restoring the snapshot skips Python's start-up and imports, most
// of the waiting. If the snapshot is missing, cannot be fetched or is refused (made for another
// Pyodide build, damaged), the worker starts Pyodide the plain way: the runtime's full standard
// library, and the wheel installed through the lock file.
//
// Messages in: {type: "start", indexURL, appURL, packageName, lang} once, then
// {type: "step", id, answers, lang, directoryUrls, sections} (answers and sections as JSON).
// Messages out: {type: "progress"} while the snapshot downloads (the page waits as long as
// there is news), {type: "ready", ms, via} (via: "snapshot" or "plain"), {type: "failed",
// message}, {type: "step", id, result} (result is the JSON string wizard.browser.step returned).

const SNAPSHOT = "wizard.snapshot";
const STDLIB = "python_stdlib.zip";
const LOCK_FILE = "pyodide-lock.json";

let browser = null;
let starting = null;
let lastProgress = 0;

function progress() {
  const now = performance.now();
  if (now - lastProgress < 250) return;
  lastProgress = now;
  self.postMessage({ type: "progress" });
}

// The body, reporting progress on the way (a large download on a slow link is not a hang).
async function readBody(response) {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    progress();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function quiet() {
  return { stdout: () => {}, stderr: (line) => console.warn(line) };
}

function describe(error) {
  return String((error && error.message) || error).split("\n")[0];
}

// The snapshot's response once its headers are in, or null (missing, blocked, offline).
async function fetchSnapshot(url) {
  try {
    const response = await fetch(url);
    if (response.ok) return response;
    console.warn(`csp-wizard: no Pyodide snapshot (HTTP ${response.status}); starting Python the plain way`);
  } catch (error) {
    console.warn(`csp-wizard: the Pyodide snapshot could not be fetched (${describe(error)}); starting Python the plain way`);
  }
  return null;
}

function ready(pyodide, lang) {
  const module = pyodide.pyimport("wizard.browser");
  module.step("[]", lang, true, null); // warm up: imports and the locale's catalog
  return module;
}

async function fromSnapshot(loadPyodide, config, response) {
  const snapshot = readBody(response);
  snapshot.catch(() => {}); // loadPyodide awaits it later; a failed download is handled there
  const pyodide = await loadPyodide({
    indexURL: config.indexURL,
    lockFileURL: new URL(LOCK_FILE, config.appURL).href,
    stdLibURL: new URL(STDLIB, config.appURL).href,
    packages: [],
    _loadSnapshot: snapshot,
    ...quiet(),
  });
  // The snapshot's random state is the same for every visitor: draw a fresh seed.
  pyodide.runPython("import random; random.seed()");
  return ready(pyodide, config.lang);
}

async function plain(loadPyodide, config) {
  const pyodide = await loadPyodide({
    indexURL: config.indexURL,
    lockFileURL: new URL(LOCK_FILE, config.appURL).href,
    packages: [config.packageName],
    ...quiet(),
  });
  return ready(pyodide, config.lang);
}

async function start(config) {
  const started = performance.now();
  if (typeof WebAssembly !== "object") throw new Error("WebAssembly is not available");
  // The loader and the snapshot's headers in parallel; the wasm and the standard library are
  // requested by loadPyodide itself, as soon as it runs.
  const [{ loadPyodide }, snapshot] = await Promise.all([
    import(new URL("pyodide.mjs", config.indexURL).href),
    fetchSnapshot(new URL(SNAPSHOT, config.appURL).href),
  ]);
  let via = "plain";
  if (snapshot) {
    try {
      browser = await fromSnapshot(loadPyodide, config, snapshot);
      via = "snapshot";
    } catch (error) {
      console.warn(`csp-wizard: the Pyodide snapshot was refused (${describe(error)}); starting Python the plain way`);
    }
  }
  if (!browser) browser = await plain(loadPyodide, config);
  return { ms: Math.round(performance.now() - started), via };
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === "start") {
    if (starting) return;
    starting = start(message);
    try {
      self.postMessage({ type: "ready", ...(await starting) });
    } catch (error) {
      self.postMessage({ type: "failed", message: String((error && error.message) || error) });
    }
    return;
  }
  if (message.type === "step") {
    let result;
    try {
      await starting;
      result = browser.step(message.answers, message.lang, message.directoryUrls, message.sections);
    } catch (error) {
      result = JSON.stringify({ status: "failed", message: String((error && error.message) || error) });
    }
    self.postMessage({ type: "step", id: message.id, result });
  }
});
