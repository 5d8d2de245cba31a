// Makes the wizard's Pyodide memory snapshot at build time (run by macros/hooks/pyodide_hook.py).
//
//   node macros/hooks/make_snapshot.mjs <pyodide dir> <wheel> <out dir> <locale>...
//
// Starts the npm package's Pyodide under Node with the snapshot option, unpacks the wizard
// wheel into site-packages (as a plain archive: packages loaded through the package manager
// cannot be snapshotted), imports wizard.browser and answers a first and a last question in
// every locale (so the modules, the catalogs and the caches are in memory), then writes into
// <out dir>:
//
// - wizard.snapshot: the interpreter's memory. The worker restores it instead of starting
//   Python and importing the wizard, which is most of its start-up time;
// - python_stdlib.zip: the standard library trimmed to the modules loaded at that point, the
//   only ones the restored interpreter can still need (its sources, for tracebacks), a third
//   of the full one. Python's cache of the zip's table of contents is emptied before the
//   snapshot is taken, so the restored interpreter reads the trimmed zip's own.
//
// Before writing, the snapshot is restored here with the trimmed zip and must answer the same
// questions with the same pages. Both files are byte-for-byte reproducible: the hash seed is
// fixed, and the randomness and the clocks the runtime reads while it starts are replaced by
// deterministic ones (for this build process only); the worker reseeds Python's random module
// after restoring. Prints a JSON summary on stdout; on failure, a short message on stderr and
// exit status 1.
import nodeCrypto from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const SNAPSHOT = "wizard.snapshot";
const STDLIB = "python_stdlib.zip";
const [runtimeDir, wheelPath, outDir, ...locales] = process.argv.slice(2);
if (!runtimeDir || !wheelPath || !outDir || locales.length === 0) {
  console.error("usage: node macros/hooks/make_snapshot.mjs <pyodide dir> <wheel> <out dir> <locale>...");
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

CHECKS = [(lang, json.dumps(answers)) for lang in LOCALES
          for answers in ([], list(next(iter(enumerate_paths())).items()))]
for lang, answers in CHECKS:
    data = json.loads(browser.step(answers, lang, True, None))
    if data["status"] == "failed":
        raise RuntimeError(f"wizard.browser.step failed in {lang}: {data['message']}")
json.dumps({"python": sys.version.split()[0], "modules": len(sys.modules), "checks": CHECKS})
`;

// The files of the standard library's modules loaded so far; then what the snapshot must not
// remember: the table of contents of the full zip (the worker mounts the trimmed one) and the
// finders of folders (site-packages) whose files the next file system will not have.
const LOADED_STDLIB = `
import json, sys, zipimport
archive = next(p for p in sys.path if p.endswith(".zip"))
keep = sorted({
    origin[len(archive) + 1:]
    for module in list(sys.modules.values())
    if (origin := getattr(getattr(module, "__spec__", None), "origin", None) or "").startswith(archive + "/")
})
zipimport._zip_directory_cache.clear()
sys.path_importer_cache.clear()
json.dumps([archive, keep])
`;

// The trimmed zip (made after the snapshot is taken, so that its reading leaves no garbage in
// the snapshot's memory): those files and their folders, in the full zip's order.
const TRIM_STDLIB = (archive, keep) => `
import json, zipfile
keep = set(json.loads(${JSON.stringify(JSON.stringify(keep))}))
folders = {name.rsplit("/", 1)[0] + "/" for name in keep if "/" in name}
with zipfile.ZipFile(${JSON.stringify(archive)}) as full, zipfile.ZipFile("/tmp/stdlib.zip", "w") as trimmed:
    for info in full.infolist():
        if info.filename in keep or info.filename in folders:
            copy = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            copy.external_attr = info.external_attr
            copy.compress_type = info.compress_type
            trimmed.writestr(copy, full.read(info), compresslevel=9)
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

function writeAtomic(path, bytes) {
  writeFileSync(`${path}.partial`, bytes);
  renameSync(`${path}.partial`, path);
}

const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };
const work = mkdtempSync(join(resolve(outDir), ".snapshot-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
try {
  const started = process.hrtime.bigint();
  const indexURL = resolve(runtimeDir) + "/";
  const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL, env: { PYTHONHASHSEED: "0" }, _makeSnapshot: true, ...quiet });
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  // Uint8Array, not Buffer: unpackArchive rejects Node's Buffer subclass.
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel", { extractDir: sitePackages });
  pyodide.runPython("import sys; sys.path_importer_cache.clear()"); // see the new files
  const { checks, ...info } = JSON.parse(pyodide.runPython(WARM_UP));
  const expected = answersOf(pyodide, checks);
  const [archive, keep] = JSON.parse(pyodide.runPython(LOADED_STDLIB));
  const snapshot = pyodide.makeMemorySnapshot();
  pyodide.runPython(TRIM_STDLIB(archive, keep));
  const stdlib = pyodide.FS.readFile("/tmp/stdlib.zip");

  const trimmedPath = join(work, STDLIB);
  writeFileSync(trimmedPath, stdlib);
  const restored = await loadPyodide({ indexURL, stdLibURL: trimmedPath, _loadSnapshot: snapshot, ...quiet });
  const got = answersOf(restored, checks);
  const differs = checks.findIndex((_, i) => got[i] !== expected[i]);
  if (differs >= 0) throw new Error(`the restored snapshot answers ${JSON.stringify(checks[differs])} differently`);

  writeAtomic(join(outDir, STDLIB), stdlib);
  writeAtomic(join(outDir, SNAPSHOT), snapshot);
  const summary = {
    ...info,
    pyodide: pyodide.version,
    bytes: snapshot.length,
    stdlib: { files: keep.length, bytes: stdlib.length },
    ms: Number((process.hrtime.bigint() - started) / 1000000n),
  };
  process.stdout.write(JSON.stringify(summary) + "\n", () => process.exit(0));
} catch (error) {
  fail(error);
}
