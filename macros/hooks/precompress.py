"""Precompressed copies of the built site's large files: ``name.br`` and ``name.gz`` beside ``name``.

A static host that serves a sibling when the browser accepts its encoding (``macros/server/serve.py``
does; so do Netlify, Cloudflare Pages and nginx's ``gzip_static`` / ``brotli_static``) then
sends the Pyodide runtime and the site's scripts compressed without
compressing anything per request.

- Only files of at least :data:`MIN_SIZE` bytes with a compressible suffix are considered, and a
  copy is kept only when it saves at least :data:`MIN_SAVING` of the bytes (the standard
  library zip and the wheel are deflated already, so they get none).
- The output is reproducible: gzip with ``mtime=0`` and no file name, fixed brotli settings.
- Compressing is slow at the highest settings (Brotli 11 on the 9.6 MB wasm takes about half a
  minute), so every result is cached under ``.cache/precompress/`` by the SHA-256 of the input
  and the settings; a rebuild only hashes and copies. Files up to :data:`BEST_LIMIT` get Brotli
  11, larger ones Brotli 9 (``PRECOMPRESS_BEST=1`` uses 11 for all, for a release build).
- Work runs in a few threads: brotli and zlib release the GIL.

Used by ``macros/hooks/pyodide_hook.py`` for the wizard's assets; as a hook of its own (listed after
the other hooks in ``mkdocs.yml``) it compresses the whole site once the build is written.
``python -m macros.hooks.precompress site`` does the same by hand.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.precompress")

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / ".cache" / "precompress"
#: Suffixes worth compressing (text, wasm). The wizard's memory snapshot is compressed at
#: build time (``wizard.snapshot.gz``), so that no host has to.
SUFFIXES = frozenset({
    ".html", ".js", ".mjs", ".css", ".json", ".xml", ".svg", ".txt", ".map", ".wasm",
})
MIN_SIZE = 1024
#: A copy is written only if it is at most this fraction of the original.
MIN_SAVING = 0.95
BEST_LIMIT = 2 * 1024 * 1024
ENCODINGS = ("br", "gz")
#: Bump when the settings below change, so cached results are not reused.
SETTINGS_VERSION = 1


def brotli_quality(size: int) -> int:
    if os.environ.get("PRECOMPRESS_BEST") == "1" or size <= BEST_LIMIT:
        return 11
    return 9


def gzip_level(size: int) -> int:
    return 9 if size <= 4 * BEST_LIMIT else 6


def encode(data: bytes, encoding: str) -> bytes:
    """``data`` compressed for ``Content-Encoding: br`` (``"br"``) or ``gzip`` (``"gz"``)."""
    if encoding == "br":
        import brotli

        return brotli.compress(data, quality=brotli_quality(len(data)))
    if encoding == "gz":
        return gzip.compress(data, compresslevel=gzip_level(len(data)), mtime=0)
    raise ValueError(f"unknown encoding {encoding!r}")


def _settings(size: int, encoding: str) -> str:
    level = brotli_quality(size) if encoding == "br" else gzip_level(size)
    return f"v{SETTINGS_VERSION}-{encoding}{level}"


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the file from a web server's user
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def compressed(data: bytes, encoding: str, cache_dir: Path | None = CACHE_DIR) -> bytes | None:
    """The encoded bytes, from the cache when they were made before; ``None`` when not worth it."""
    digest = hashlib.sha256(data).hexdigest()
    entry = None
    if cache_dir is not None:
        entry = cache_dir / digest[:2] / f"{digest}.{_settings(len(data), encoding)}"
        if entry.is_file():
            out = entry.read_bytes()
            return out or None  # an empty entry records "not worth it"
    out = encode(data, encoding)
    worth = len(out) <= len(data) * MIN_SAVING
    if entry is not None:
        _write_atomic(entry, out if worth else b"")
    return out if worth else None


@dataclass
class Report:
    files: int = 0
    raw: int = 0
    encoded: dict[str, int] = field(default_factory=dict)


def wanted(path: Path, min_size: int = MIN_SIZE) -> bool:
    return (path.suffix in SUFFIXES and path.is_file() and not path.is_symlink()
            and path.stat().st_size >= min_size)


#: (file, size, mtime, encoding) -> the sibling's size, for what this process already wrote:
#: static-i18n runs the post-build hooks once per language over the same files.
_done: dict[tuple[str, int, int, str], int | None] = {}


def precompress_sibling(path: Path, encoding: str, cache_dir: Path | None = CACHE_DIR) -> int | None:
    """Write (or refresh, or remove a stale) ``path.<encoding>``; its size, or None if none."""
    sibling = path.with_name(f"{path.name}.{encoding}")
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, encoding)
    if key in _done and (sibling.is_file() if _done[key] is not None else not sibling.exists()):
        return _done[key]
    out = compressed(path.read_bytes(), encoding, cache_dir)
    if out is None:
        sibling.unlink(missing_ok=True)
    elif not (sibling.is_file() and sibling.stat().st_size == len(out) and sibling.read_bytes() == out):
        _write_atomic(sibling, out)
    _done[key] = None if out is None else len(out)
    return _done[key]


def precompress_file(path: Path, cache_dir: Path | None = CACHE_DIR) -> dict[str, int]:
    """Write ``path.br`` and ``path.gz`` (see :func:`precompress_sibling`); their sizes."""
    sizes = {encoding: precompress_sibling(path, encoding, cache_dir) for encoding in ENCODINGS}
    return {encoding: size for encoding, size in sizes.items() if size is not None}


def precompress_paths(paths: Iterable[Path], cache_dir: Path | None = CACHE_DIR, workers: int | None = None) -> Report:
    """Precompress the given files, one task per file and encoding; the largest first, so the
    slow ones start early."""
    todo = sorted({p for p in paths if wanted(p)}, key=lambda p: -p.stat().st_size)
    tasks = [(path, encoding) for path in todo for encoding in ENCODINGS]
    report = Report(files=len(todo), raw=sum(p.stat().st_size for p in todo))
    with ThreadPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1)) as pool:
        sizes = pool.map(lambda task: precompress_sibling(*task, cache_dir), tasks)
        for (_, encoding), size in zip(tasks, sizes, strict=True):
            if size is not None:
                report.encoded[encoding] = report.encoded.get(encoding, 0) + size
    return report


def precompress_tree(root: Path, cache_dir: Path | None = CACHE_DIR, workers: int | None = None) -> Report:
    """Precompress every eligible file under ``root`` (siblings themselves are skipped)."""
    return precompress_paths((p for p in root.rglob("*") if p.suffix in SUFFIXES), cache_dir, workers)


def inside_a_locale_pass(config: MkDocsConfig) -> bool:
    """Whether this build is one of the passes mkdocs-static-i18n runs from inside the first
    build's ``on_post_build`` for each other language (its ``building`` flag is set for them):
    the first build's own ``on_post_build`` comes after all of them and sees the whole site."""
    plugin = config.plugins.get("i18n")
    return bool(getattr(plugin, "building", False))


@event_priority(-100)  # the whole site, after every other step that writes files
def on_post_build(config: MkDocsConfig) -> None:
    if inside_a_locale_pass(config):
        return  # once, over every language's files, at the end
    site = Path(config["site_dir"])
    report = precompress_tree(site)
    log.info("precompressed %d files (%.1f MB; br %.1f MB, gzip %.1f MB)", report.files, report.raw / 1e6,
             report.encoded.get("br", 0) / 1e6, report.encoded.get("gz", 0) / 1e6)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?", default=ROOT / "site")
    args = parser.parse_args()
    report = precompress_tree(args.root)
    print(f"{report.files} files, {report.raw / 1e6:.1f} MB -> "
          + ", ".join(f"{enc} {size / 1e6:.1f} MB" for enc, size in report.encoded.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
