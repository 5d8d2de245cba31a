"""MkDocs hook: put the browser wizard's runtime into the built site.

After the build it places, under the site root:

- ``assets/pyodide/<version>/`` (:data:`RUNTIME_PATH`): the Pyodide runtime from
  ``node_modules/pyodide`` (module loader and wasm), unchanged but for the ``.js`` names of
  its two ES modules (:data:`PYODIDE_COPIES`); the npm package's full standard library
  (2.5 MB) is not copied, since the worker only ever loads the app folder's trimmed one; its folder is
  named after the Pyodide version, so its files never change under one URL;
- ``assets/pyodide/wizard-<fingerprint>/`` (:func:`app_path`): the wizard wheel, a site-local
  ``pyodide-lock.json`` that registers the wheel with its sha256 (made with the pyodide-lock
  tooling) and lists nothing that is not served next to it, ``wizard.snapshot.gz``, a memory
  snapshot of Pyodide with the wizard imported, gzip-compressed at build time (so it is small
  on any host, whatever the host compresses), and ``python_stdlib.zip``, the standard library
  trimmed to what that snapshot and a plain start load (both made by
  ``macros/hooks/make_snapshot.mjs``).
  The folder is named after a digest of everything they are made from, so these files never
  change under one URL either: everything under ``assets/pyodide/`` can be cached for a year,
  immutable;
- ``assets/wizard/``: the page script, its stylesheet and the module Web Worker
  (``wizard/web``), which the wheel leaves out; fixed names, revalidated by browsers.

The page finds the two versioned folders from the widget's configuration
(:func:`runtime_paths`, written into the page by ``macros/pages/wizard_widget.py``); the worker
restores the snapshot with the trimmed standard library when the snapshot arrives fast enough
(a fast link, or the browser's cache), and otherwise starts Pyodide the plain way (the trimmed
standard library, the wheel through the lock file) and fetches the snapshot afterwards for the
next visit.
Every placed file above 1 KiB that compresses gets ``.br`` and ``.gz`` copies
(``macros/hooks/precompress.py``).

The wheel, lock file and snapshot take a few seconds to make, so they are kept in
``.cache/pyodide-hook/`` under their fingerprint and reused by every later build (the test
suite's too) until a source changes. Everything is served from the site's own origin; nothing
comes from a CDN. The hook also compiles the translation catalogs when they are missing or
older than their ``.po`` files, because both the macros (at build time) and the wheel (in the
browser) read them.

mkdocs-static-i18n builds each extra language by running the whole build again, so
``on_post_build`` runs once per language; the work is done once per build and content.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # MkDocs loads this file by path
    sys.path.insert(0, str(ROOT))

from macros.hooks.precompress import precompress_paths  # noqa: E402

log = logging.getLogger("mkdocs.hooks.pyodide")

PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
WEB_DIR = ROOT / "wizard" / "web"
LOCALES_DIR = ROOT / "locales"
CATALOG_DIR = ROOT / "wizard" / "locale"
SNAPSHOT_SCRIPT = ROOT / "macros" / "hooks" / "make_snapshot.mjs"
CACHE_DIR = ROOT / ".cache" / "pyodide-hook"
DOMAIN = "wizard"

#: What the browser fetches from the npm package, by the name it gets in the site. The two
#: ES modules are copied under ``.js`` names: every host (stock nginx's mime.types included)
#: sends ``.js`` as JavaScript, while ``.mjs`` often goes out as ``application/octet-stream``,
#: which browsers refuse for a module script. The worker imports both itself and hands the
#: second to ``loadPyodide`` as ``createPyodideModule``, so the loader never asks for the
#: ``.mjs`` name it would otherwise import.
PYODIDE_COPIES = {
    "pyodide.esm.js": "pyodide.mjs",
    "pyodide.asm.esm.js": "pyodide.asm.mjs",
    "pyodide.asm.wasm": "pyodide.asm.wasm",
}
PYODIDE_FILES = tuple(PYODIDE_COPIES)
WEB_FILES = ("wizard.js", "wizard.css", "worker.js")
SNAPSHOT_NAME = "wizard.snapshot.gz"
STDLIB_NAME = "python_stdlib.zip"
LOCK_NAME = "pyodide-lock.json"
#: What a complete app folder holds besides the wheel.
APP_FILES = (LOCK_NAME, SNAPSHOT_NAME, STDLIB_NAME)
PACKAGE = "csp-support-wizard"


def pyodide_version() -> str:
    """The npm package's version (``314.0.7``), or ``missing`` before ``npm ci``."""
    try:
        return json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "missing"


#: Where the files go, relative to the site root. Everything under PYODIDE_ROOT is versioned
#: or fingerprinted (immutable); WEB_PATH holds the fixed-name page script and worker.
PYODIDE_ROOT = "assets/pyodide"
RUNTIME_PATH = f"{PYODIDE_ROOT}/{pyodide_version()}"
APP_PREFIX = f"{PYODIDE_ROOT}/wizard-"
WEB_PATH = "assets/wizard"

_placed: dict[str, str] = {}


def compile_catalogs(locales_dir: Path = LOCALES_DIR, out_dir: Path = CATALOG_DIR) -> list[Path]:
    """Compile ``locales/<l>/LC_MESSAGES/wizard.po`` to ``wizard/locale/<l>/...`` when stale.

    The same output as ``make i18n-compile`` (Babel, fuzzy entries left out). Returns the
    catalogs written.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        locale = po.parent.parent.name
        mo = out_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=locale)
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
        written.append(mo)
    return written


@cache
def _digest(path: Path, size: int, mtime_ns: int) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def file_digest(path: Path) -> bytes:
    """SHA-256 of a file, remembered while its size and modification time stay the same."""
    stat = path.stat()
    return _digest(path, stat.st_size, stat.st_mtime_ns)


def app_inputs() -> list[Path]:
    """Everything the wheel, the lock file and the snapshot are made from."""
    wizard = [p for p in (ROOT / "wizard").rglob("*.py") if WEB_DIR not in p.parents]
    # The full standard library is not served, but the trimmed one is cut from it.
    runtime = [PYODIDE_DIR / name
               for name in (*PYODIDE_COPIES.values(), STDLIB_NAME, "pyodide-lock.json", "package.json")]
    return sorted(
        [*wizard, *CATALOG_DIR.rglob("*.mo"), ROOT / "pyproject.toml", *runtime, SNAPSHOT_SCRIPT, Path(__file__)]
    )


def app_fingerprint() -> str:
    """A digest of :func:`app_inputs` (paths and contents): names the app folder and its cache."""
    digest = hashlib.sha256()
    for path in app_inputs():
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(file_digest(path))
    return digest.hexdigest()[:16]


def app_path(fingerprint: str | None = None) -> str:
    """The app folder relative to the site root: ``assets/pyodide/wizard-<fingerprint>``."""
    return APP_PREFIX + (fingerprint or app_fingerprint())


def find_app_dir(site_dir: Path) -> Path:
    """The one app folder placed in a built site (for tests and the benchmark)."""
    found = sorted(p for p in site_dir.glob(APP_PREFIX + "*") if p.is_dir())
    if len(found) != 1:
        raise FileNotFoundError(f"expected one {APP_PREFIX}* folder in {site_dir}, found {len(found)}")
    return found[0]


def runtime_paths() -> dict[str, str]:
    """The two runtime folders relative to ``WEB_PATH`` (where wizard.js is), for the page."""
    up = "../" * WEB_PATH.count("/") + "../"
    return {"index": f"{up}{RUNTIME_PATH}/", "app": f"{up}{app_path()}/"}


def source_fingerprint() -> str:
    """A digest of everything the hook places: the app's inputs and the web files."""
    digest = hashlib.sha256(app_fingerprint().encode())
    for path in sorted(WEB_DIR.glob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(file_digest(path))
    return digest.hexdigest()


def build_wheel(out_dir: Path) -> Path:
    """``python -m build --wheel --no-isolation``: the same wheel as ``make wheel``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1580601600")}
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out_dir), str(ROOT)],
        capture_output=True, text=True, env=env, check=False,
    )
    wheels = sorted(out_dir.glob("*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        raise PluginError(f"building the wizard wheel failed:\n{result.stdout}\n{result.stderr}")
    return wheels[0]


def check_wheel(wheel: Path) -> None:
    """The wheel must carry a compiled catalog for every locale and no web files."""
    import zipfile

    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    expected = {
        f"wizard/locale/{po.parent.parent.name}/LC_MESSAGES/{DOMAIN}.mo"
        for po in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    }
    missing = sorted(expected - names)
    if missing:
        raise PluginError(f"the wizard wheel lacks compiled catalogs: {', '.join(missing)}")
    if any(name.startswith("wizard/web/") for name in names):
        raise PluginError("the wizard wheel must not contain wizard/web")


def write_lockfile(npm_lock: Path, wheel: Path, out_dir: Path) -> Path:
    """A ``pyodide-lock.json`` in ``out_dir`` that registers ``wheel`` (kept in ``out_dir``).

    Starts from the npm package's lock file (its ``info`` must match the runtime), adds the
    wheel with pyodide-lock, then keeps only the packages whose files the site serves.
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    spec = add_wheels_to_spec(PyodideLockSpec.from_json(npm_lock), [wheel], base_path=out_dir)
    served = {name: pkg for name, pkg in spec.packages.items() if (out_dir / pkg.file_name).is_file()}
    if PACKAGE not in served:
        raise PluginError(f"{PACKAGE} is missing from the lock file made for {wheel.name}")
    spec.packages = served
    lock = out_dir / LOCK_NAME
    spec.to_json(lock, indent=1)
    return lock


def make_snapshot(wheel: Path, out_dir: Path, runtime_dir: Path = PYODIDE_DIR) -> dict:
    """Run ``macros/hooks/make_snapshot.mjs``: the snapshot of Pyodide with ``wheel`` imported and the
    trimmed standard library, into ``out_dir``; returns the script's summary."""
    from wizard.i18n import LOCALES

    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js is needed to make the wizard's Pyodide snapshot")
    result = subprocess.run(
        [node, str(SNAPSHOT_SCRIPT), str(runtime_dir), str(wheel), str(out_dir), *LOCALES],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
    )
    if result.returncode != 0 or not (out_dir / SNAPSHOT_NAME).is_file():
        # Keep the log readable: Pyodide's errors can quote a whole line of minified code.
        tail = [line[:400] for line in result.stderr.strip().splitlines()[-30:]]
        raise PluginError("making the wizard's Pyodide snapshot failed:\n" + "\n".join(tail))
    return json.loads(result.stdout.strip().splitlines()[-1])


def build_app(out_dir: Path) -> None:
    """Wheel, lock file, snapshot and trimmed standard library into ``out_dir``."""
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(Path(tmp))
        check_wheel(wheel)
        shutil.copy2(wheel, out_dir / wheel.name)
    wheel = out_dir / wheel.name
    write_lockfile(PYODIDE_DIR / "pyodide-lock.json", wheel, out_dir)
    summary = make_snapshot(wheel, out_dir)
    log.info("made %s (Python %s, %d modules, %.1f MB, %.1f MB compressed) and %s (%d files, %.1f MB) in %.1f s",
             SNAPSHOT_NAME, summary["python"], summary["modules"], summary["bytes"] / 1e6, summary["gzip"] / 1e6,
             STDLIB_NAME,
             summary["stdlib"]["files"], summary["stdlib"]["bytes"] / 1e6, summary["ms"] / 1000)


def cached_app(fingerprint: str, cache_dir: Path = CACHE_DIR) -> Path:
    """The folder holding the app's files for ``fingerprint``, made now if not cached."""
    target = cache_dir / f"wizard-{fingerprint}"
    if all((target / name).is_file() for name in APP_FILES):
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=cache_dir, prefix=".build-"))
    work.chmod(0o755)  # copied into the site with its mode; mkdtemp's 0700 would hide it
    try:
        build_app(work)
        try:
            work.rename(target)  # atomic; another build may have made it meanwhile
        except OSError:
            if not (target / SNAPSHOT_NAME).is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in cache_dir.glob("wizard-*"):  # keep the cache small: this and the newest few
        if old != target and old.stat().st_mtime < target.stat().st_mtime - 7 * 86400:
            shutil.rmtree(old, ignore_errors=True)
    return target


def place_pyodide(site_dir: Path) -> list[Path]:
    sources = (*PYODIDE_COPIES.values(), "pyodide-lock.json")
    missing = [name for name in sources if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(f"node_modules/pyodide lacks {', '.join(missing)}; run 'npm ci'")
    runtime = site_dir / RUNTIME_PATH
    runtime.mkdir(parents=True)
    for name, source in PYODIDE_COPIES.items():
        shutil.copy2(PYODIDE_DIR / source, runtime / name)
    return [runtime / name for name in PYODIDE_FILES]


def place_runtime(site_dir: Path, fingerprint: str | None = None) -> None:
    """Copy the Pyodide runtime, the app folder and the web files into the site, compressed too."""
    fingerprint = fingerprint or app_fingerprint()
    root = site_dir / PYODIDE_ROOT
    if root.exists():
        shutil.rmtree(root)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The runtime's compressed copies (slow only the first time) while the app is made.
        runtime = pool.submit(lambda: precompress_paths(place_pyodide(site_dir)))
        source = cached_app(fingerprint)
        app = site_dir / app_path(fingerprint)
        shutil.copytree(source, app)
        runtime.result()
    placed = list(app.iterdir())
    web = site_dir / WEB_PATH
    web.mkdir(parents=True, exist_ok=True)
    for name in WEB_FILES:
        shutil.copy2(WEB_DIR / name, web / name)
        placed.append(web / name)
    precompress_paths(placed)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for mo in compile_catalogs():
        log.info("compiled %s", mo.relative_to(ROOT))
    return config


@event_priority(50)  # before post-build steps that work on the finished site (compression, headers)
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config["site_dir"])
    fingerprint = source_fingerprint()
    marker = site_dir / app_path() / LOCK_NAME
    if _placed.get(str(site_dir)) != fingerprint or not marker.is_file():
        place_runtime(site_dir)
        _placed[str(site_dir)] = fingerprint
        log.info("placed the Pyodide runtime in %s and the wizard in %s", RUNTIME_PATH, app_path())
    place_states(site_dir, config.use_directory_urls)


def place_states(site_dir: Path, directory_urls: bool = True) -> None:
    """The state table (``macros/hooks/state_table.py``) into the site, once per content."""
    from macros.hooks.state_table import states_path, write_states

    folder = site_dir / states_path(directory_urls)
    if _placed.get(f"states:{site_dir}") == str(folder) and folder.is_dir():
        return
    written = write_states(site_dir, directory_urls)
    _placed[f"states:{site_dir}"] = str(folder)
    log.info("wrote %d wizard states into %s", len(written), states_path(directory_urls))


def on_serve(server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
    server.watch(str(WEB_DIR))
    server.watch(str(ROOT / "wizard"))
    return server
