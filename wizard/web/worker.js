// Module Web Worker of the wizard: runs wizard.browser (the wizard wheel) in Pyodide.
//
// Everything is loaded from the site itself: the page sends the absolute URLs of the Pyodide
// runtime folder (indexURL, named after the Pyodide version) and of the wizard's folder
// (appURL, named after a digest of its content), which holds the wheel, the site-local
// pyodide-lock.json that registers it with its sha256, wizard.snapshot.gz: the memory of a
// Pyodide that has already started and imported the wizard, gzip-compressed at build time (a
// host sends it as it is, whatever it compresses), and python_stdlib.zip, the standard library
// trimmed to what that interpreter and a plain start load (both made at build time by
// macros/hooks/make_snapshot.mjs).
//
// Two ways to start, the same Python and the same answers:
// - from the snapshot: restoring it skips Python's start-up and imports, most of the waiting,
//   but it is a download of its own (about 5.5 MB). It is decompressed as it arrives
//   (DecompressionStream), with progress reports;
// - plain: Pyodide starts with the trimmed standard library and installs the wheel through
//   the lock file; about 1.5 to 2 s more work, but nothing more to download.
// The worker asks for the snapshot first and watches it arrive. If it is coming fast enough
// to be worth it (a fast link, or the browser's cache on a repeat visit: the folder is cached
// for a year), it restores it. If it is coming slowly (the rest would take longer than what it
// saves), it gives it up, starts the plain way, and once the wizard is ready fetches the
// snapshot again in the background, so that the next visit restores it from the cache. If the
// snapshot is missing, cannot be fetched or is refused (made for another Pyodide build,
// damaged), the worker starts the plain way.
//
// The site's own cache: a snapshot that arrived in full is kept in the Cache API under a name
// made of the app folder's (which changes with the runtime's version and the wizard's
// content), and restored from there on the next visit, whatever the host's cache headers.
//
// Messages in: {type: "start", indexURL, appURL, packageName, lang} once, then
// {type: "step", id, answers, lang, directoryUrls, sections} (answers and sections as JSON).
// Messages out: {type: "alive"} as soon as this script runs (so the page can tell a refused
// script from a slow one), {type: "progress", bytes, phase} while files arrive (bytes: the
// runtime's received so far, once counted; phase "start" when Python itself starts, which
// sends no news while it runs) — the page waits as long as there is news, {type: "ready",
// ms, via} (via: "snapshot" or "plain"), {type: "failed", message, cause} (cause: "wasm"
// when WebAssembly cannot compile, else "load"), {type: "step", id, result} (result is the
// JSON string wizard.browser.step returned), {type: "cached"} once a snapshot given up for a
// slow link has been fetched for the next visit.

const SNAPSHOT = "wizard.snapshot.gz";
const LOADER = "pyodide.esm.js"; // node_modules/pyodide/pyodide.mjs, copied under a .js name
const RUNTIME_MODULE = "pyodide.asm.esm.js"; // pyodide.asm.mjs, likewise
const STDLIB = "python_stdlib.zip";
const LOCK_FILE = "pyodide-lock.json";
// What restoring the snapshot saves over a plain start (start Python from the standard
// library's sources, install and import the wizard): measured on a 2-core machine (make
// bench), a plain start works about 4 s after its last byte, a restore about 1 s; more on a
// busy or slow machine, less on a fast one. When the rest of the snapshot would take longer
// than this to arrive, the plain start is quicker: below about 14 Mbit/s for 5.5 MB.
const SAVING_MS = 3000;
// The rate is judged once this much has arrived, or at the latest after PROBE_MS.
const PROBE_BYTES = 512 * 1024;
const PROBE_MS = 150;
// The snapshot's size when the host does not say (a host that compresses it again, chunked).
const EXPECTED_BYTES = 6e6;

let browser = null;
let starting = null;
let lastProgress = 0;
let rate = null; // the snapshot's rate when it was given up (Mbit/s), for the console
let received = 0; // bytes of the runtime's files counted so far (see countArrivals)

function progress(phase) {
  const now = performance.now();
  if (!phase && now - lastProgress < 250) return;
  lastProgress = now;
  self.postMessage({ type: "progress", bytes: received, phase: phase || "download" });
}

// Pyodide fetches its wasm, standard library, lock file and wheel itself and reports nothing
// while they arrive; on a slow link the wasm alone takes most of a minute. Counting their
// bytes as they arrive (the fetches go through this wrapper) is news for the page, which then
// waits as long as bytes keep coming. Only for a plain start after a slow or missing snapshot:
// a rebuilt Response loses the browser's compiled-code cache for the wasm, which a fast or
// repeat visit keeps. No library offers a progress hook into loadPyodide's own fetches.
function countArrivals() {
  const plainFetch = self.fetch.bind(self);
  self.fetch = async (...args) => {
    const response = await plainFetch(...args);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        received += value.length;
        progress();
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return () => { self.fetch = plainFetch; };
}

// The Cache API's cache for this app folder (null where there is none: not a secure context).
const CACHE_PREFIX = "csp-wizard-runtime-";

async function runtimeCache(appURL) {
  if (typeof caches !== "object" || !caches) return null;
  const name = CACHE_PREFIX + new URL(appURL).pathname.split("/").filter(Boolean).pop();
  try {
    const cache = await caches.open(name);
    for (const old of await caches.keys()) {
      if (old !== name && old.startsWith(CACHE_PREFIX)) caches.delete(old);
    }
    return cache;
  } catch {
    return null;
  }
}

async function keep(cache, url, chunks, type) {
  if (!cache) return;
  try {
    await cache.put(url, new Response(new Blob(chunks), { headers: { "Content-Type": type || "application/octet-stream" } }));
  } catch (error) {
    console.warn(`csp-wizard: the Pyodide snapshot could not be kept for the next visit (${describe(error)})`);
  }
}

// Whether this browser may compile WebAssembly here (a Content-Security-Policy without
// 'wasm-unsafe-eval' refuses it; Pyodide would then wait for ever).
async function wasmAllowed() {
  try {
    await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    return true;
  } catch {
    return false;
  }
}

// A readable stream's bytes, in one array; `first` is called with the first chunk.
async function collect(readable, first) {
  const chunks = [];
  let size = 0;
  const reader = readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size === 0) first(value);
    chunks.push(value);
    size += value.length;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

// Streams the snapshot's body: decompressed as it arrives, progress reported on the way (a
// large download on a slow link is not a hang). Returns {worth, head, bytes}: `worth`
// resolves to true as soon as the snapshot is known to arrive fast enough (or has arrived, or
// failed: the restore reports that), to false when it was given up as too slow (the download
// is then cancelled); `head` to the first decompressed bytes (so that something that is not a
// snapshot is refused before Pyodide starts downloading for it); `bytes` to the decompressed
// snapshot.
function download(response, onComplete, requested) {
  const total = Number(response.headers.get("Content-Length")) || EXPECTED_BYTES;
  const reader = response.body.getReader();
  const raw = []; // the bytes as they came, for the site's cache
  let decide;
  let headIn;
  const worth = new Promise((resolve) => { decide = resolve; });
  const head = new Promise((resolve) => { headIn = resolve; });
  const bytes = (async () => {
    // From the response's arrival, not the first read: on a busy machine the worker may read
    // late, and bytes buffered meanwhile would make a slow link look fast.
    const since = requested || performance.now();
    let got = 0;
    let sink = null;
    let output = null;
    let decided = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!sink) {
        // gzip's magic number; a host that added its own Content-Encoding hands over the
        // snapshot itself, already decompressed by the browser.
        const gzip = value[0] === 0x1f && value[1] === 0x8b;
        const stream = gzip ? new DecompressionStream("gzip") : new TransformStream();
        sink = stream.writable.getWriter();
        output = collect(stream.readable, headIn);
        output.catch(() => {}); // reported through the writer too
      }
      got += value.length;
      received += value.length;
      raw.push(value);
      progress();
      // Not awaited: the rate is that of the link, not of the decompression (which keeps up).
      sink.write(value).catch(() => {}); // a failure surfaces in close() and the output
      const elapsed = performance.now() - since;
      if (!decided && (got >= PROBE_BYTES || elapsed >= PROBE_MS)) {
        const rest = Math.max(total - got, 0) / (got / Math.max(elapsed, 1));
        if (rest > SAVING_MS && elapsed >= PROBE_MS) {
          rate = (8 * got) / elapsed / 1000; // Mbit/s
          decide(false);
          reader.cancel().catch(() => {});
          sink.abort().catch(() => {});
          return null;
        }
        if (rest <= SAVING_MS) {
          decided = true;
          decide(true);
        }
      }
    }
    if (!sink) throw new Error("the snapshot is empty");
    await sink.close();
    const out = await output;
    if (onComplete) onComplete(raw);
    return out;
  })();
  bytes.then(() => decide(true), () => decide(true));
  bytes.then(() => headIn(new Uint8Array(0)), () => headIn(new Uint8Array(0)));
  return { worth, head, bytes };
}

// Fetches the snapshot into the site's cache for the next visit (after a plain start).
async function cacheForNextVisit(url, cache) {
  const connection = self.navigator && self.navigator.connection;
  if (connection && connection.saveData) return;
  try {
    const response = await fetch(url, { priority: "low" });
    if (!response.ok || !response.body) return;
    if (cache) await cache.put(url, response);
    else await response.arrayBuffer(); // the browser's HTTP cache, then
    self.postMessage({ type: "cached" });
  } catch (error) {
    console.warn(`csp-wizard: the Pyodide snapshot could not be fetched for the next visit (${describe(error)})`);
  }
}

// Output to the console, and news for the page once the wasm runs (it has compiled, so the
// Content-Security-Policy allows it) before Python starts, the longest step on a slow CPU.
function quiet() {
  return { stdout: () => {}, stderr: (line) => console.warn(line), fsInit: () => progress("start") };
}

function describe(error) {
  return String((error && error.message) || error).split("\n")[0];
}

// The snapshot's response once its headers are in, or null (missing, blocked, offline): from
// the site's cache when a visit before kept it, else from the network.
async function fetchSnapshot(url, cache) {
  try {
    const kept = cache ? await cache.match(url) : null;
    if (kept) return { response: kept, kept: true };
    const response = await fetch(url);
    // Timed from the response's arrival, not the request: the server's time to the first byte
    // is not the link's rate (on a busy machine it made a local snapshot look slow).
    const requested = performance.now();
    if (response.ok) return { response, kept: false, requested };
    console.warn(`csp-wizard: no Pyodide snapshot (HTTP ${response.status}); starting Python the plain way`);
  } catch (error) {
    console.warn(`csp-wizard: the Pyodide snapshot could not be fetched (${describe(error)}); starting Python the plain way`);
  }
  return null;
}

// Pyodide's snapshots start with this number (checked again, with the build id, on restore).
const SNAPSHOT_MAGIC = 1886286592;

function isSnapshot(head) {
  return head.length >= 4 && new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) === SNAPSHOT_MAGIC;
}

function ready(pyodide, lang) {
  progress("start"); // Python runs: news before the imports, the last long step
  const module = pyodide.pyimport("wizard.browser");
  module.step("[]", lang, true, null); // warm up: imports and the locale's catalog
  return module;
}

async function fromSnapshot(loadPyodide, config, snapshot) {
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
    stdLibURL: new URL(STDLIB, config.appURL).href,
    lockFileURL: new URL(LOCK_FILE, config.appURL).href,
    packages: [config.packageName],
    ...quiet(),
  });
  return ready(pyodide, config.lang);
}

class WasmRefused extends Error {}

async function start(config) {
  const started = performance.now();
  if (typeof WebAssembly !== "object") throw new WasmRefused("WebAssembly is not available");
  if (!(await wasmAllowed())) throw new WasmRefused("WebAssembly may not be compiled here (Content-Security-Policy)");
  const cache = await runtimeCache(config.appURL);
  // The loader and the snapshot's headers in parallel. The wasm and the standard library are
  // requested by loadPyodide itself, as soon as it runs: once the snapshot is judged.
  const snapshotURL = new URL(SNAPSHOT, config.appURL).href;
  // Pyodide's two ES modules are served under .js names (every host sends .js as JavaScript;
  // .mjs is often octet-stream, which a module import refuses): the worker imports the
  // runtime's module itself and hands it over as createPyodideModule, so the loader does not
  // import pyodide.asm.mjs.
  const [{ loadPyodide: load }, { default: createPyodideModule }, found] = await Promise.all([
    import(new URL(LOADER, config.indexURL).href),
    import(new URL(RUNTIME_MODULE, config.indexURL).href),
    fetchSnapshot(snapshotURL, cache),
  ]);
  const response = found && found.response;
  const loadPyodide = (options) => load({ ...options, createPyodideModule });
  let via = "plain";
  let slow = false;
  if (response) {
    const type = response.headers.get("Content-Type");
    const onComplete = found.kept ? null : (raw) => keep(cache, snapshotURL, raw, type);
    const { worth, head, bytes } = download(response, onComplete, found.requested);
    bytes.catch(() => {}); // loadPyodide awaits it; a failed download is handled there
    if (await worth) {
      try {
        if (!isSnapshot(await head)) throw new Error("not a Pyodide memory snapshot");
        browser = await fromSnapshot(loadPyodide, config, bytes);
        via = "snapshot";
      } catch (error) {
        console.warn(`csp-wizard: the Pyodide snapshot was refused (${describe(error)}); starting Python the plain way`);
      }
    } else {
      slow = true;
      console.info(`csp-wizard: the Pyodide snapshot is arriving slowly (${rate.toFixed(1)} Mbit/s); starting Python the plain way (it is fetched afterwards for the next visit)`);
    }
  }
  if (!browser) {
    // No snapshot to report on: each of the runtime's files that arrives is news for the page.
    const uncount = countArrivals();
    try {
      browser = await plain(loadPyodide, config);
    } finally {
      uncount();
    }
  }
  return { ms: Math.round(performance.now() - started), via, later: slow ? snapshotURL : null, cache };
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === "start") {
    if (starting) return;
    starting = start(message);
    try {
      const { later, cache, ...started } = await starting;
      self.postMessage({ type: "ready", ...started });
      if (later) cacheForNextVisit(later, cache);
    } catch (error) {
      const cause = error instanceof WasmRefused ? "wasm" : "load";
      self.postMessage({ type: "failed", message: String((error && error.message) || error), cause });
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

self.postMessage({ type: "alive" });
