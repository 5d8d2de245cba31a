"""Serve the built site the way a static host does: ``python -m macros.server.serve [--port N]``.

Python's ``http.server`` serves files, but not what the hosts this site targets add: the
``_headers`` file (Netlify / Cloudflare Pages format: a path pattern, then indented
``Name: value`` lines), compression, the nearest ``404.html`` for a missing page, and a
sub-path prefix. This small handler adds exactly those, so ``make serve``, the benchmark and
the tests see what production sends. Hosts compress in one of two ways (``--host-model``):

- ``content-type`` (the default): compressed on the fly by content type, the build's ``.br`` /
  ``.gz`` sidecar files ignored. This is what GitHub Pages, Netlify, Cloudflare Pages and
  Vercel do; a file of a type not in :data:`COMPRESSED_TYPES` (the Pyodide memory snapshot,
  say, as ``application/octet-stream``) goes out as it is. Modelled with gzip at level 6,
  the cautious case (a host that sends brotli sends a little less);
- ``sidecar``: the precompressed ``.br`` / ``.gz`` sibling of a file, chosen by
  Accept-Encoding, and nothing compressed on the fly: nginx with ``brotli_static`` /
  ``gzip_static``.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import mimetypes
import socket
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/json", ".json")

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
HOST_MODELS = ("content-type", "sidecar")
#: What the managed hosts compress on the fly (their documented lists share these: HTML, CSS,
#: JavaScript, JSON, XML, SVG, plain text, WebAssembly); anything else is sent as it is.
COMPRESSED_TYPES = frozenset({
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "application/manifest+json", "application/xml", "text/xml", "image/svg+xml", "text/plain",
    "application/wasm",
})
#: Hosts leave tiny responses alone.
MIN_COMPRESSED = 1024
ON_THE_FLY_LEVEL = 6
SEND_BUFFER = 64 * 1024


def parse_headers_file(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rules of a ``_headers`` file, in order: (URL pattern, [(name, value), ...])."""
    rules: ClassVar[list[tuple[str, list[tuple[str, str]]]]] = []
    if not path.is_file():
        return rules
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0] in " \t":
            if rules:
                name, _, value = raw.strip().partition(":")
                rules[-1][1].append((name.strip(), value.strip()))
        else:
            rules.append((raw.strip(), []))
    return rules


def headers_for(rules: list[tuple[str, list[tuple[str, str]]]], url_path: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(url_path, pattern.replace(":splat", "*")):
            out.extend(headers)
    return out


_on_the_fly: dict[tuple[str, int, int], bytes] = {}
#: On-the-fly results kept across runs, as a host's edge cache keeps them (by content).
CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "on-the-fly"


def gzip_on_the_fly(file: Path) -> bytes:
    """``file`` gzip-compressed as a host does per request, and keeps (in memory, and under
    :data:`CACHE_DIR` by content, so that a fresh server does not make the first reader wait)."""
    import gzip
    import hashlib

    stat = file.stat()
    key = (str(file), stat.st_size, stat.st_mtime_ns)
    if key not in _on_the_fly:
        data = file.read_bytes()
        cached = CACHE_DIR / f"{hashlib.sha256(data).hexdigest()}.gz{ON_THE_FLY_LEVEL}"
        try:
            _on_the_fly[key] = cached.read_bytes()
        except OSError:
            _on_the_fly[key] = gzip.compress(data, compresslevel=ON_THE_FLY_LEVEL, mtime=0)
            with contextlib.suppress(OSError):
                CACHE_DIR.mkdir(parents=True, exist_ok=True)
                partial = cached.with_name(f"{cached.name}.{threading.get_ident()}")
                partial.write_bytes(_on_the_fly[key])
                partial.replace(cached)
    return _on_the_fly[key]


class SiteHandler(SimpleHTTPRequestHandler):
    root: Path
    prefix: str = "/"
    host_model: str = "content-type"
    rules: ClassVar[list[tuple[str, list[tuple[str, str]]]]] = []
    log_requests = False
    #: (site path, content encoding or None, bytes sent, bytes of the uncompressed file), for
    #: the benchmark's and the tests' byte counts, recorded once a response is written (bytes
    #: sent: what the socket took, less than the body if the browser went away); the list is
    #: the server's own (see make_server).
    served: ClassVar[list[tuple[str, str | None, int, int]]]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, directory=str(self.root), **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        if self.log_requests:
            super().log_message(format, *args)

    def _site_path(self) -> str | None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None
        return "/" + path[len(self.prefix):]

    def _file_for(self, site_path: str) -> Path | None:
        target = (self.root / site_path.lstrip("/")).resolve()
        if not str(target).startswith(str(self.root.resolve())):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _not_found_page(self, site_path: str) -> Path | None:
        parts = [p for p in site_path.split("/") if p][:-1]
        while True:
            candidate = self.root.joinpath(*parts, "404.html")
            if candidate.is_file():
                return candidate
            if not parts:
                return None
            parts.pop()

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        self._serve(body=True)

    def _serve(self, body: bool) -> None:
        site_path = self._site_path()
        if site_path is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if site_path.endswith("/") is False and (self.root / site_path.lstrip("/")).is_dir():
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.prefix + site_path.lstrip("/") + "/")
            self.end_headers()
            return
        status = HTTPStatus.OK
        file = self._file_for(site_path)
        if file is None:
            status, file = HTTPStatus.NOT_FOUND, self._not_found_page(site_path)
            if file is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in {"application/json", "image/svg+xml"}:
            ctype += "; charset=utf-8"
        accepted = self.headers.get("Accept-Encoding", "")
        data, encoding = self._body(file, ctype.split(";")[0], accepted)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if encoding or (self.host_model == "content-type" and ctype.split(";")[0] in COMPRESSED_TYPES):
            self.send_header("Vary", "Accept-Encoding")
        for name, value in headers_for(self.rules, site_path):
            self.send_header(name, value)
        self.end_headers()
        sent = 0
        if body:
            # A small send buffer, so that a download the browser gives up is counted as far as
            # it went: localhost's default buffers would take megabytes at once.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
            # The browser may go away (navigated on, closed, gave up a download): count what
            # the socket took until then.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                view = memoryview(data)
                while sent < len(data):
                    self.wfile.write(view[sent:sent + 65536])
                    sent += len(view[sent:sent + 65536])
        self.served.append((site_path, encoding, sent, file.stat().st_size))

    def _body(self, file: Path, ctype: str, accepted: str) -> tuple[bytes, str | None]:
        """The bytes to send for ``file`` and their Content-Encoding, as the host model does."""
        if self.host_model == "sidecar":
            for name, suffix in ENCODINGS:
                sibling = file.with_name(file.name + suffix)
                if name in accepted and sibling.is_file():
                    return sibling.read_bytes(), name
        elif ("gzip" in accepted and ctype in COMPRESSED_TYPES
              and file.stat().st_size >= MIN_COMPRESSED):
            return gzip_on_the_fly(file), "gzip"
        return file.read_bytes(), None


def make_server(root: Path, port: int = 0, prefix: str = "/", headers: bool = True,
                host: str = "127.0.0.1", host_model: str = "content-type") -> ThreadingHTTPServer:
    if host_model not in HOST_MODELS:
        raise ValueError(f"host_model must be one of {HOST_MODELS}, not {host_model!r}")
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (SiteHandler,), {
        "root": root.resolve(),
        "prefix": prefix,
        "host_model": host_model,
        "rules": parse_headers_file(root / "_headers") if headers else [],
        "served": [],
    })
    return ThreadingHTTPServer((host, port), handler)


def serve_in_thread(root: Path, **kwargs: object) -> tuple[ThreadingHTTPServer, str]:
    """Start a server on a free port; returns it and its base URL (with the prefix)."""
    server = make_server(root, **kwargs)  # type: ignore[arg-type]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    prefix = server.RequestHandlerClass.prefix  # type: ignore[attr-defined]
    return server, f"http://{host}:{port}{prefix}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default="site", type=Path)
    parser.add_argument("--port", default=8000, type=int)
    parser.add_argument("--prefix", default="/", help="serve under a sub-path, e.g. /csp-support/")
    parser.add_argument("--no-headers", action="store_true", help="ignore the _headers file")
    parser.add_argument("--host-model", choices=HOST_MODELS, default="content-type",
                        help="content-type: compress on the fly by content type and ignore the .br/.gz "
                             "sidecars (GitHub Pages, Netlify, Cloudflare Pages, Vercel; the default); "
                             "sidecar: send the precompressed .br/.gz copies (nginx brotli_static)")
    args = parser.parse_args()
    if not (args.root / "index.html").is_file():
        parser.error(f"{args.root} holds no built site; run 'make build' first")
    server = make_server(args.root, args.port, args.prefix, not args.no_headers, host="127.0.0.1",
                         host_model=args.host_model)
    prefix = server.RequestHandlerClass.prefix  # type: ignore[attr-defined]
    print(f"Serving {args.root} on http://localhost:{args.port}{prefix} as a {args.host_model} host "
          "(Ctrl+C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
