// Module Web Worker of the wizard: runs wizard.browser (the wizard wheel) in Pyodide.
//
// Everything is loaded from the site itself: the page sends absolute URLs of the Pyodide
// runtime folder and of the site-local pyodide-lock.json, which registers the wheel with its
// sha256. Messages in: {type: "start", indexURL, lockFileURL, packageName, lang} once, then
// {type: "step", id, answers, lang, directoryUrls, sections} (answers and sections as JSON).
// Messages out: {type: "ready", ms}, {type: "failed", message}, {type: "step", id, result}
// (result is the JSON string wizard.browser.step returned).

let browser = null;
let starting = null;

async function start({ indexURL, lockFileURL, packageName, lang }) {
  const started = performance.now();
  if (typeof WebAssembly !== "object") throw new Error("WebAssembly is not available");
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL,
    packages: [packageName],
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
  browser = pyodide.pyimport("wizard.browser");
  browser.step("[]", lang, true, null); // warm up: imports and the locale's catalog
  return Math.round(performance.now() - started);
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === "start") {
    if (starting) return;
    starting = start(message);
    try {
      self.postMessage({ type: "ready", ms: await starting });
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
