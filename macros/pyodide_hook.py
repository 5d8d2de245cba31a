"""MkDocs hook: put the browser wizard's runtime into the built site.

After the build it places, under the site root:

- ``assets/pyodide/``: the Pyodide runtime from ``node_modules/pyodide`` (module loader, wasm,
  standard library), the wizard wheel, and a site-local ``pyodide-lock.json`` that registers
  the wheel with its sha256 (made with the pyodide-lock tooling) and lists nothing that is not
  served next to it;
- ``assets/wizard/``: the page script, its stylesheet and the module Web Worker
  (``wizard/web``), which the wheel leaves out.

Everything is served from the site's own origin; nothing comes from a CDN. The hook also
compiles the translation catalogs when they are missing or older than their ``.po`` files,
because both the macros (at build time) and the wheel (in the browser) read them.

mkdocs-static-i18n builds each extra language by running the whole build again, so
``on_post_build`` runs once per language; the work is done once per build and content.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.pyodide")

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
WEB_DIR = ROOT / "wizard" / "web"
LOCALES_DIR = ROOT / "locales"
CATALOG_DIR = ROOT / "wizard" / "locale"
DOMAIN = "wizard"

#: What the browser fetches from the npm package (``pyodide.mjs`` imports ``pyodide.asm.mjs``).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
WEB_FILES = ("wizard.js", "wizard.css", "worker.mjs")
#: Where the files go, relative to the site root; wizard.js finds both from its own URL.
RUNTIME_PATH = "assets/pyodide"
WEB_PATH = "assets/wizard"
PACKAGE = "csp-support-wizard"

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


def source_fingerprint() -> str:
    """A digest of everything that goes into the wheel and the web files."""
    digest = hashlib.sha256()
    files = sorted(
        [*(ROOT / "wizard").rglob("*.py"), *CATALOG_DIR.rglob("*.mo"), *WEB_DIR.glob("*"),
         ROOT / "pyproject.toml", *(PYODIDE_DIR / name for name in (*PYODIDE_FILES, "pyodide-lock.json"))]
    )
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
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
    lock = out_dir / "pyodide-lock.json"
    spec.to_json(lock, indent=1)
    return lock


def place_runtime(site_dir: Path) -> None:
    """Copy the Pyodide runtime, the wheel, the lock file and the web files into the site."""
    missing = [name for name in (*PYODIDE_FILES, "pyodide-lock.json") if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(f"node_modules/pyodide lacks {', '.join(missing)}; run 'npm ci'")
    runtime = site_dir / RUNTIME_PATH
    if runtime.exists():
        shutil.rmtree(runtime)
    runtime.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_DIR / name, runtime / name)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(Path(tmp))
        check_wheel(wheel)
        shutil.copy2(wheel, runtime / wheel.name)
    write_lockfile(PYODIDE_DIR / "pyodide-lock.json", runtime / wheel.name, runtime)
    web = site_dir / WEB_PATH
    web.mkdir(parents=True, exist_ok=True)
    for name in WEB_FILES:
        shutil.copy2(WEB_DIR / name, web / name)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for mo in compile_catalogs():
        log.info("compiled %s", mo.relative_to(ROOT))
    return config


@event_priority(50)  # before post-build steps that work on the finished site (compression, headers)
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config["site_dir"])
    fingerprint = source_fingerprint()
    marker = site_dir / RUNTIME_PATH / "pyodide-lock.json"
    if _placed.get(str(site_dir)) == fingerprint and marker.is_file():
        return
    place_runtime(site_dir)
    _placed[str(site_dir)] = fingerprint
    log.info("placed the Pyodide runtime and the wizard wheel in %s", RUNTIME_PATH)


def on_serve(server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
    server.watch(str(WEB_DIR))
    server.watch(str(ROOT / "wizard"))
    return server
