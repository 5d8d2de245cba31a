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
// - wizard.snapshot.gz: the interpreter's memory, gzip-compressed here, so that it is small
//   whatever the host does with a file of an unknown type (the worker decompresses it with
//   DecompressionStream). The worker restores it instead of starting Python and importing the
//   wizard, which is most of its start-up time. Before it is taken, the memory nobody uses is
//   zeroed: freed heap blocks (filled by allocating them all, then freed again), the heap above
//   the break, the stack below its pointer. They held leftovers of the start-up (the standard
//   library's table of contents, the wheel, compiled code) that compress badly: a sixth of the
//   compressed size;
// - python_stdlib.zip: the standard library trimmed to the modules loaded at that point and
//   to those a plain start (Pyodide started, then the wheel installed through
//   <out dir>/pyodide-lock.json) loads, a third of the full one. The restored interpreter can
//   still need it (sources, for tracebacks); the plain start, which the worker takes on a slow
//   link's first visit, imports from it. Python's cache of the zip's table of contents is
//   emptied before the snapshot is taken, so the restored interpreter reads the trimmed zip's.
//
// Before writing, the snapshot is restored here with the trimmed zip, and Pyodide is started
// the plain way with the trimmed zip and the lock file: both must answer the same questions
// with the same pages. Both files are byte-for-byte reproducible: the hash seed is fixed, and
// the randomness and the clocks the runtime reads while it starts are replaced by
// deterministic ones (for this build process only); the worker reseeds Python's random module
// after restoring. Prints a JSON summary on stdout; on failure, a short message on stderr and
// exit status 1.
import nodeCrypto from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const SNAPSHOT = "wizard.snapshot.gz";
const LOCK_FILE = "pyodide-lock.json";
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
// the snapshot's memory): those files and their folders, in the full zip's order. The sources
// lose their comments, and their docstrings become empty, on the same lines (tracebacks still
// point at the right line): what the plain start compiles is what Python runs, minus a third
// of the download. A file whose slimmed source does not compile to the same lines is kept whole.
const TRIM_STDLIB = (archive, keep) => `
import ast, io, json, tokenize, zipfile
keep = set(json.loads(${JSON.stringify(JSON.stringify(keep))}))
folders = {name.rsplit("/", 1)[0] + "/" for name in keep if "/" in name}

def slim(source):
    text = source.decode("utf-8")
    lines = text.splitlines(keepends=True)
    edits = []  # (line, column, end line, end column, replacement); lines 1-based, str columns
    def column(line, offset):  # ast's offsets count UTF-8 bytes
        return len(lines[line - 1].encode("utf-8")[:offset].decode("utf-8"))
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            doc = body[0].value
            edits.append((doc.lineno, column(doc.lineno, doc.col_offset), doc.end_lineno,
                          column(doc.end_lineno, doc.end_col_offset), '(""' + "\\n" * (doc.end_lineno - doc.lineno) + ")"))
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            edits.append((*token.start, *token.end, ""))
    for line, col, end_line, end_col, replacement in sorted(edits, reverse=True):
        first, last = lines[line - 1], lines[end_line - 1]
        joined = first[:col] + replacement + last[end_col:]
        if not replacement:  # a comment: the line without it, no trailing blanks
            joined = first[:col].rstrip() + ("\\n" if first.endswith("\\n") else "")
        lines[line - 1:end_line] = joined.splitlines(keepends=True) or [""]
    slimmed = "".join(lines)
    compile(slimmed, "<slim>", "exec", dont_inherit=True)
    if slimmed.count("\\n") != text.count("\\n"):
        raise ValueError("lines moved")
    return slimmed.encode("utf-8")

kept_whole = []
with zipfile.ZipFile(${JSON.stringify(archive)}) as full, zipfile.ZipFile("/tmp/stdlib.zip", "w") as trimmed:
    for info in full.infolist():
        if info.filename in keep or info.filename in folders:
            data = full.read(info)
            if info.filename.endswith(".py"):
                try:
                    data = slim(data)
                except (SyntaxError, ValueError, UnicodeError, tokenize.TokenError):
                    kept_whole.append(info.filename)
            copy = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            copy.external_attr = info.external_attr
            copy.compress_type = info.compress_type
            trimmed.writestr(copy, data, compresslevel=9)
json.dumps(kept_whole)
`;

// Zeroes the memory the interpreter does not use, so that the snapshot compresses well: the
// stack below its pointer, every free heap block (allocated until the allocator would have to
// grow the heap, zeroed, then freed again: only the allocator's own bookkeeping is left in
// them), and the heap above the break once it is trimmed. Returns the bytes zeroed.
function zeroUnusedMemory(pyodide) {
  const M = pyodide._module;
  let zeroed = 0;
  const stackLow = M._emscripten_stack_get_end();
  const stackPointer = M._emscripten_stack_get_current() - 1024;
  if (stackPointer > stackLow) {
    M.HEAPU8.fill(0, stackLow, stackPointer);
    zeroed += stackPointer - stackLow;
  }
  const memory = M.HEAPU8.length;
  const held = [];
  for (let size = 1 << 16; size >= 8; size >>= 1) {
    for (;;) {
      const brk = M._sbrk(0);
      const block = M._malloc(size);
      if (!block) break;
      if (M._sbrk(0) !== brk || block + size > brk || M.HEAPU8.length !== memory) {
        M._free(block); // from new heap, not from a free block: done with this size
        break;
      }
      M.HEAPU8.fill(0, block, block + size);
      zeroed += size;
      held.push(block);
    }
  }
  for (const block of held) M._free(block);
  M._malloc_trim(0);
  const brk = M._sbrk(0);
  zeroed += M.HEAPU8.length - brk;
  M.HEAPU8.fill(0, brk);
  if (M.HEAPU8.length !== memory) throw new Error("zeroing the free memory grew the heap");
  return zeroed;
}

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
  const lockPath = join(resolve(outDir), LOCK_FILE);
  const lock = JSON.parse(readFileSync(lockPath, "utf-8"));
  const packageName = Object.keys(lock.packages).find((name) => lock.packages[name].file_name === basename(wheelPath));
  if (!packageName) throw new Error(`${LOCK_FILE} in ${outDir} does not register ${basename(wheelPath)}`);
  const { loadPyodide } = await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);

  // What a plain start loads: Pyodide, then the wheel installed through the lock file.
  const plainFull = await loadPyodide({ indexURL, lockFileURL: lockPath, packages: [packageName], ...quiet });
  const { checks } = JSON.parse(plainFull.runPython(WARM_UP));
  const [, keepPlain] = JSON.parse(plainFull.runPython(LOADED_STDLIB));

  const pyodide = await loadPyodide({ indexURL, env: { PYTHONHASHSEED: "0" }, _makeSnapshot: true, ...quiet });
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  // Uint8Array, not Buffer: unpackArchive rejects Node's Buffer subclass.
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel", { extractDir: sitePackages });
  pyodide.runPython("import sys; sys.path_importer_cache.clear()"); // see the new files
  const { checks: _, ...info } = JSON.parse(pyodide.runPython(WARM_UP));
  const expected = answersOf(pyodide, checks);
  const [archive, keepSnapshot] = JSON.parse(pyodide.runPython(LOADED_STDLIB));
  const keep = [...new Set([...keepSnapshot, ...keepPlain])].sort();
  pyodide.runPython("import gc; gc.collect()");
  const zeroed = zeroUnusedMemory(pyodide);
  const snapshot = pyodide.makeMemorySnapshot();
  const keptWhole = JSON.parse(pyodide.runPython(TRIM_STDLIB(archive, keep)));
  const stdlib = pyodide.FS.readFile("/tmp/stdlib.zip");

  const trimmedPath = join(work, STDLIB);
  writeFileSync(trimmedPath, stdlib);
  const restored = await loadPyodide({ indexURL, stdLibURL: trimmedPath, _loadSnapshot: snapshot, ...quiet });
  const plain = await loadPyodide({ indexURL, stdLibURL: trimmedPath, lockFileURL: lockPath, packages: [packageName], ...quiet });
  for (const [how, instance] of [["restored snapshot", restored], ["plain start with the trimmed zip", plain]]) {
    const got = answersOf(instance, checks);
    const differs = checks.findIndex((_, i) => got[i] !== expected[i]);
    if (differs >= 0) throw new Error(`the ${how} answers ${JSON.stringify(checks[differs])} differently`);
  }

  const compressed = gzipSync(snapshot, { level: 9 });
  writeAtomic(join(outDir, STDLIB), stdlib);
  writeAtomic(join(outDir, SNAPSHOT), compressed);
  const summary = {
    ...info,
    pyodide: pyodide.version,
    bytes: snapshot.length,
    gzip: compressed.length,
    zeroed,
    stdlib: { files: keep.length, bytes: stdlib.length, keptWhole },
    ms: Number((process.hrtime.bigint() - started) / 1000000n),
  };
  process.stdout.write(JSON.stringify(summary) + "\n", () => process.exit(0));
} catch (error) {
  fail(error);
}
