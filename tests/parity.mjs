// Runs the wizard wheel inside real Pyodide (the npm package, under Node) and prints, as one
// JSON document, the engine's answer for every prefix of every path in every locale asked
// for, plus what wizard.browser returns for the same answers. tests/test_parity.py compares
// it with CPython.
//
//   node tests/parity.mjs <wheel> <locale>...
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [wheelPath, ...locales] = process.argv.slice(2);
if (!wheelPath || locales.length === 0) {
  console.error("usage: node tests/parity.mjs <wheel> <locale>...");
  process.exit(2);
}

const started = performance.now();
const pyodide = await loadPyodide({ stdout: () => {}, stderr: (line) => console.error(line) });
const loaded = performance.now();
// Uint8Array, not Buffer: unpackArchive rejects Node's Buffer subclass.
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel", { extractDir: sitePackages });
pyodide.globals.set("LOCALES", pyodide.toPy(locales));
const output = pyodide.runPython(`
import json, sys
import wizard
from wizard import browser, next_step
from wizard.paths import enumerate_paths

def dump(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True)

paths = list(enumerate_paths())
prefixes = {}
for path in paths:
    items = list(path.items())
    for n in range(len(items) + 1):
        prefixes[json.dumps(items[:n])] = dict(items[:n])
steps = {}
for lang in LOCALES:
    steps[lang] = {
        key: {"engine": dump(next_step(answers, lang)),
              "browser": dump(browser.step_data(list(answers.items()), lang))}
        for key, answers in prefixes.items()
    }
dump({"python": sys.version, "wizard_file": wizard.__file__, "paths": paths, "steps": steps})
`);
const done = performance.now();
console.error(
  `pyodide ${pyodide.version}: loaded in ${Math.round(loaded - started)} ms, ` +
    `all steps in ${Math.round(done - loaded)} ms`,
);
// Exit only once the (piped, asynchronous) output is flushed.
process.stdout.write(output, () => process.exit(0));
