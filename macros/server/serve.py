"""Serve the built site the way a static host does: ``python -m macros.server.serve [--port N]``.

Python's ``http.server`` serves files, but not what the hosts this site targets add: the
``_headers`` file (Netlify / Cloudflare Pages format: a path pattern, then indented
``Name: value`` lines), precompressed ``.br`` / ``.gz`` siblings chosen by Accept-Encoding,
the nearest ``404.html`` for a missing page, and a sub-path prefix. This small handler adds
exactly those, so ``make serve``, the benchmark and the header tests see what production sends.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import mimetypes
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


class SiteHandler(SimpleHTTPRequestHandler):
    root: Path
    prefix: str = "/"
    rules: ClassVar[list[tuple[str, list[tuple[str, str]]]]] = []
    log_requests = False
    #: (site path, content encoding or None, bytes sent, bytes of the uncompressed file), for
    #: the benchmark's byte counts; the list is the server's own (see make_server).
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
        payload, encoding = file, None
        for name, suffix in ENCODINGS:
            sibling = file.with_name(file.name + suffix)
            if name in accepted and sibling.is_file():
                payload, encoding = sibling, name
                break
        data = payload.read_bytes()
        self.served.append((site_path, encoding, len(data), file.stat().st_size))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        for name, value in headers_for(self.rules, site_path):
            self.send_header(name, value)
        self.end_headers()
        if body:
            # The browser may go away (navigated on, closed): nothing to report then.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)


def make_server(root: Path, port: int = 0, prefix: str = "/", headers: bool = True,
                host: str = "127.0.0.1") -> ThreadingHTTPServer:
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (SiteHandler,), {
        "root": root.resolve(),
        "prefix": prefix,
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
    args = parser.parse_args()
    if not (args.root / "index.html").is_file():
        parser.error(f"{args.root} holds no built site; run 'make build' first")
    server = make_server(args.root, args.port, args.prefix, not args.no_headers, host="127.0.0.1")
    prefix = server.RequestHandlerClass.prefix  # type: ignore[attr-defined]
    print(f"Serving {args.root} on http://localhost:{args.port}{prefix} (Ctrl+C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
