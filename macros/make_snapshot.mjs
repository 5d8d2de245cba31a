// Makes the wizard's Pyodide memory snapshot at build time (run by macros/pyodide_hook.py).
//
//   node macros/make_snapshot.mjs <pyodide dir> <wheel> <out file> <locale>...
//
// Starts the npm package's Pyodide under Node with the snapshot option, unpacks the wizard
// wheel into site-packages (as a plain archive: packages loaded through the package manager
// cannot be snapshotted), imports wizard.browser and answers a first and a last question in
// every locale (so the modules, the catalogs and the caches are in memory), then writes the
// interpreter's memory. The worker restores it instead of starting Python and importing the
// wizard, which is most of its start-up time.
//
// The snapshot is byte-for-byte reproducible: the hash seed is fixed, and the randomness and
// the clocks the runtime reads while it starts are replaced by deterministic ones (for this
// build process only). The worker reseeds Python's random module after restoring it.
// Prints a JSON summary on stdout; on failure, a short message on stderr and exit status 1.
import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, wheelPath, outPath, ...locales] = process.argv.slice(2);
if (!runtimeDir || !wheelPath || !outPath || locales.length === 0) {
  console.error("usage: node macros/make_snapshot.mjs <pyodide dir> <wheel> <out file> <locale>...");
  process.exit(2);
}

// Deterministic entropy and clocks while the snapshot is made.
let seed = 0x2545f491;
nodeCrypto.randomFillSync = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  return view;
};
let now = Number(process.env.SOURCE_DATE_EPOCH || 1580601600) * 1000;
Date.now = () => (now += 1);
let monotonic = 0;
performance.now = () => (monotonic += 0.25);

const WARM_UP = `
import json, sys
LOCALES = json.loads(${JSON.stringify(JSON.stringify(locales))})
from wizard import browser
from wizard.paths import enumerate_paths

sys.path_importer_cache.clear()  # the unpacked wheel's folder is not in the next FS
CHECKS = [(lang, json.dumps(answers)) for lang in LOCALES
          for answers in ([], list(next(iter(enumerate_paths())).items()))]
for lang, answers in CHECKS:
    data = json.loads(browser.step(answers, lang, True, None))
    if data["status"] == "failed":
        raise RuntimeError(f"wizard.browser.step failed in {lang}: {data['message']}")
json.dumps({"python": sys.version.split()[0], "modules": len(sys.modules), "checks": CHECKS})
`;

// What the worker does after restoring: the same answers must give the same pages.
function answersOf(pyodide, checks) {
  const browser = pyodide.pyimport("wizard.browser");
  try {
    return checks.map(([lang, answers]) => browser.step(answers, lang, true, null));
  } finally {
    browser.destroy();
  }
}

function fail(error) {
  // Pyodide's errors carry its minified source in their stack; the message is what matters.
  console.error(`make_snapshot: ${(error && error.message) || error}`);
  process.exit(1);
}

try {
  const started = process.hrtime.bigint();
  const { loadPyodide } = await import(pathToFileURL(resolve(runtimeDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: resolve(runtimeDir) + "/",
    env: { PYTHONHASHSEED: "0" },
    _makeSnapshot: true,
    stdout: () => {},
    stderr: (line) => console.error(line),
  });
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  // Uint8Array, not Buffer: unpackArchive rejects Node's Buffer subclass.
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel", { extractDir: sitePackages });
  const { checks, ...info } = JSON.parse(pyodide.runPython(WARM_UP));
  const expected = answersOf(pyodide, checks);
  const snapshot = pyodide.makeMemorySnapshot();
  const restored = await loadPyodide({
    indexURL: resolve(runtimeDir) + "/",
    _loadSnapshot: snapshot,
    stdout: () => {},
    stderr: (line) => console.error(line),
  });
  const got = answersOf(restored, checks);
  const differs = checks.findIndex((_, i) => got[i] !== expected[i]);
  if (differs >= 0) throw new Error(`the restored snapshot answers ${JSON.stringify(checks[differs])} differently`);
  const partial = `${outPath}.partial`;
  writeFileSync(partial, snapshot);
  renameSync(partial, outPath);
  const summary = { ...info, pyodide: pyodide.version, bytes: snapshot.length, ms: Number((process.hrtime.bigint() - started) / 1000000n) };
  process.stdout.write(JSON.stringify(summary) + "\n", () => process.exit(0));
} catch (error) {
  fail(error);
}
