"""Lay the built site out for each host: ``python -m macros.publish [--site site] [--out dist]``.

``make publish`` writes one folder per host under ``dist/``, ready to upload or serve, each for
the path in ``site_url`` (read from the built home page's canonical link, so it always matches
the build) and each with that host's own configuration, rendered from the one header policy
of :mod:`macros.hooks.headers_hook`:

- ``github-pages/``: the site itself (GitHub Pages serves the artifact at the repository's
  path, so the workflow builds with ``site_url`` set to the address Pages reports). Pages sends
  no custom headers, so every page carries the policy as ``<meta http-equiv>``, without the
  directives a ``<meta>`` policy cannot carry (:data:`META_IGNORED_DIRECTIVES`).
- ``netlify/`` and ``cloudflare-pages/``: the site in ``<prefix>/``, and at the publish root
  ``_headers`` with prefixed paths, ``_redirects`` (the bare domain to the site; on Netlify
  also the per-language 404 rules), and the English ``404.html`` for paths outside the site.
  Cloudflare Pages finds the nearest ``404.html`` by itself.
- ``vercel/``: the site in ``<prefix>/`` and ``vercel.json`` (headers, the year-long cache and
  the per-language 404 pages, as ``routes``).
- ``nginx/``: ``nginx.conf`` and ``mime.types`` next to ``html/<prefix>/``, run with
  ``nginx -p dist/nginx -c nginx.conf``.

Files are hard-linked from the built site where the file system allows (a publish then takes
no extra room), copied otherwise; a file this module changes is written anew, never through a
link. The managed hosts ignore the build's ``.br`` / ``.gz`` sidecars, so they are left out
there; nginx serves them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from macros.hooks.headers_hook import HEADERS_FILE, META_IGNORED_DIRECTIVES, HeaderPolicy, header_policy, render_headers

HOSTS = ("github-pages", "netlify", "cloudflare-pages", "vercel", "nginx")
SIDECARS = (".br", ".gz")
#: The memory snapshot is gzip by design (the worker decompresses it), not a sidecar.
NOT_SIDECARS = ("wizard.snapshot.gz",)
#: The port the generated nginx.conf listens on, on the loopback interface: the one line a
#: deployer edits (``listen 443 ssl;`` and so on).
NGINX_LISTEN = "127.0.0.1:8080"
#: Types for every kind of file the site holds. nginx's own list (Debian 12's mime.types) has
#: no ``.mjs``, and a module script sent as ``application/octet-stream`` is refused.
MIME_TYPES = {
    "text/html": ("html", "htm"),
    "text/css": ("css",),
    "text/javascript": ("js", "mjs"),
    "application/json": ("json", "map"),
    "application/manifest+json": ("webmanifest",),
    "application/wasm": ("wasm",),
    "application/xml": ("xml",),
    "text/plain": ("txt",),
    "image/svg+xml": ("svg",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
    "image/x-icon": ("ico",),
    "font/woff2": ("woff2",),
    "font/woff": ("woff",),
    "application/zip": ("zip", "whl"),
    "application/gzip": ("gz",),
}
#: What nginx compresses on the fly when the build left no ``.gz`` copy (text/html always is).
NGINX_GZIP_TYPES = ("text/css", "text/javascript", "application/json", "application/manifest+json",
                    "application/wasm", "application/xml", "image/svg+xml", "text/plain")


def site_prefix(site: Path) -> str:
    """The path of ``site_url`` the site was built for (``/csp-support/``), from the home
    page's canonical link."""
    html = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link\s+rel="canonical"\s+href="([^"]+)"', html)
    path = urlsplit(found[1]).path if found else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def language_dirs(site: Path) -> list[str]:
    """The folders of the languages other than the default one (each has its own 404.html)."""
    return sorted(p.parent.name for p in site.glob("*/404.html"))


def is_sidecar(path: Path) -> bool:
    """A build's precompressed copy of another file (served by nginx's *_static modules only)."""
    return path.suffix in SIDECARS and path.name not in NOT_SIDECARS and path.with_suffix("").exists()


def copy_tree(src: Path, dst: Path, keep: Callable[[Path], bool]) -> None:
    """Hard-link (or copy) every file of ``src`` that ``keep`` accepts into ``dst``."""
    for file in sorted(src.rglob("*")):
        if not file.is_file() or not keep(file):
            continue
        target = dst / file.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(file, target)
        except OSError:
            shutil.copy2(file, target)


def write_new(path: Path, text: str) -> None:
    """Write ``path`` as a new file, so a hard link to the built site is never written through."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


def _under(prefix: str, rel: str = "") -> str:
    return prefix + rel.lstrip("/")


# --- GitHub Pages ------------------------------------------------------------------------------

_CHARSET = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)


def meta_policy_element(policy: HeaderPolicy) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy.meta_csp()}">'


def add_meta_policy(html: str, policy: HeaderPolicy) -> str:
    """The page with the policy as its first element after ``<meta charset>`` (before any
    script, since a ``<meta>`` policy covers only what follows it)."""
    element = meta_policy_element(policy)
    new, count = _CHARSET.subn(lambda m: m[0] + element, html, count=1)
    if not count:
        raise ValueError("page without <meta charset>: nowhere to put the policy first")
    return new


def publish_github_pages(site: Path, out: Path, policy: HeaderPolicy) -> None:
    copy_tree(site, out, lambda f: f.name != HEADERS_FILE and not is_sidecar(f) and f.suffix != ".html")
    for page in site.rglob("*.html"):
        write_new(out / page.relative_to(site), add_meta_policy(page.read_text(encoding="utf-8"), policy))


# --- Netlify, Cloudflare Pages --------------------------------------------------------------------

def _managed_copy(site: Path, out: Path, prefix: str) -> None:
    copy_tree(site, out / prefix.strip("/"), lambda f: f.name != HEADERS_FILE and not is_sidecar(f))
    if prefix != "/":
        # Paths outside the site (the bare domain's typos) get the English 404 page; its links
        # are absolute, so it works from the root.
        copy_tree(site, out, lambda f: f == site / "404.html")


def redirects(site: Path, prefix: str, per_language_404: bool) -> str:
    lines = ["# Written by macros/publish from the built site; do not edit."]
    if prefix != "/":
        lines.append(f"/ {prefix} 302")
    if per_language_404:
        # Rules without "!" apply only where no file matches: exactly the missing pages.
        for lang in sorted(language_dirs(site), key=len, reverse=True):
            lines.append(f"{_under(prefix, lang)}/* {_under(prefix, lang)}/404.html 404")
        lines.append(f"{prefix}* {prefix}404.html 404")
    return "\n".join(lines) + "\n"


def publish_netlify(site: Path, out: Path, policy: HeaderPolicy, prefix: str) -> None:
    _managed_copy(site, out, prefix)
    write_new(out / HEADERS_FILE, render_headers(policy, prefix))
    write_new(out / "_redirects", redirects(site, prefix, per_language_404=True))


def publish_cloudflare_pages(site: Path, out: Path, policy: HeaderPolicy, prefix: str) -> None:
    # Cloudflare Pages' _redirects has no 404 status; it serves the nearest 404.html instead.
    _managed_copy(site, out, prefix)
    write_new(out / HEADERS_FILE, render_headers(policy, prefix))
    write_new(out / "_redirects", redirects(site, prefix, per_language_404=False))


# --- Vercel ------------------------------------------------------------------------------------------

def glob_to_regex(pattern: str) -> str:
    """A ``_headers`` path pattern (``*`` matches anything, slashes included) as an anchored
    regular expression."""
    return "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"


def vercel_config(site: Path, policy: HeaderPolicy, prefix: str) -> dict[str, object]:
    """``vercel.json`` with ``routes``: the only form that can send a 404 page per language
    (``headers`` and ``rewrites`` cannot set the status), so the headers go there too."""
    routes: list[dict[str, object]] = []
    every, *cache = policy.rules(prefix)
    routes.append({"src": glob_to_regex(every[0]), "headers": dict(every[1]), "continue": True})
    for pattern, headers in cache:
        routes.append({"src": glob_to_regex(pattern), "headers": dict(headers), "continue": True})
    routes.append({"handle": "filesystem"})
    if prefix != "/":
        routes.append({"src": "^/$", "status": 302, "headers": {"Location": prefix}})
    for lang in sorted(language_dirs(site), key=len, reverse=True):
        routes.append({"src": glob_to_regex(_under(prefix, lang) + "/*"), "status": 404,
                       "dest": _under(prefix, lang) + "/404.html"})
    routes.append({"src": "^/.*$", "status": 404, "dest": prefix + "404.html"})
    return {"$schema": "https://openapi.vercel.sh/vercel.json", "routes": routes}


def publish_vercel(site: Path, out: Path, policy: HeaderPolicy, prefix: str) -> None:
    copy_tree(site, out / prefix.strip("/"), lambda f: f.name != HEADERS_FILE and not is_sidecar(f))
    write_new(out / "vercel.json", json.dumps(vercel_config(site, policy, prefix), indent=2) + "\n")


# --- nginx -----------------------------------------------------------------------------------------

def nginx_mime_types() -> str:
    lines = ["# Written by macros/publish; the types of every kind of file the site holds.", "types {"]
    lines += [f"    {ctype} {' '.join(exts)};" for ctype, exts in MIME_TYPES.items()]
    return "\n".join(lines) + "\n}\n"


def _nginx_value(value: str) -> str:
    if '"' in value or "\\" in value:
        raise ValueError(f"header value nginx cannot quote as it is: {value}")
    return f'"{value}"'


def _nginx_headers(headers: list[tuple[str, str]], indent: str) -> list[str]:
    # `always`: on 404 pages too. And every location repeats them, because a location with an
    # add_header of its own inherits none from the server block.
    return [f"{indent}add_header {name} {_nginx_value(value)} always;" for name, value in headers]


def nginx_conf(site: Path, policy: HeaderPolicy, prefix: str) -> str:
    every, *cache = policy.rules(prefix)
    security = every[1]
    ind = " " * 8
    lines = [
        "# Written by macros/publish from the site's header policy (make publish); do not edit.",
        "# Run from the folder above:  nginx -p dist/nginx -c nginx.conf",
        "#   stop:                      nginx -p dist/nginx -c nginx.conf -s stop",
        "# Every path is relative to the -p folder. Edit the one `listen` line below to publish.",
        "worker_processes 1;",
        "pid logs/nginx.pid;",
        "error_log logs/error.log;",
        "",
        "events {",
        "    worker_connections 512;",
        "}",
        "",
        "http {",
        "    include mime.types;",
        "    default_type application/octet-stream;",
        "    access_log logs/access.log;",
        "    client_body_temp_path tmp/client_body;",
        "    proxy_temp_path tmp/proxy;",
        "    fastcgi_temp_path tmp/fastcgi;",
        "    uwsgi_temp_path tmp/uwsgi;",
        "    scgi_temp_path tmp/scgi;",
        "    sendfile on;",
        "    server_tokens off;",
        "    charset utf-8;",
        "    # The build's .gz copies where there are some; the rest compressed on the fly.",
        "    # With Debian's libnginx-mod-http-brotli-static installed, `brotli_static on;` here",
        "    # also sends the build's .br copies.",
        "    gzip_static on;",
        "    gzip on;",
        "    gzip_vary on;",
        "    gzip_comp_level 6;",
        "    gzip_min_length 1024;",
        f"    gzip_types {' '.join(NGINX_GZIP_TYPES)};",
        "",
        "    server {",
        "        # The one line to edit: `listen 80;`, or `listen 443 ssl;` with your",
        "        # ssl_certificate and ssl_certificate_key lines next to it.",
        f"        listen {NGINX_LISTEN};",
        "        root html;",
        "        # Redirects (/csp-support/ru -> /csp-support/ru/) keep the host and scheme the",
        "        # reader used, whatever the listen line says.",
        "        absolute_redirect off;",
        f"        error_page 404 {prefix}404.html;",
        "",
    ]
    if prefix != "/":
        lines += ["        location = / {", *_nginx_headers(security, ind + "    "),
                  f"            return 302 {prefix};", "        }", ""]
    lines += ["        # Versioned or fingerprinted files: a year-long cache."]
    for pattern, headers in cache:
        lines += [f'        location ~ "{glob_to_regex(pattern)}" {{',
                  *_nginx_headers([*security, *headers], ind + "    "), "        }"]
    lines.append("")
    for lang in sorted(language_dirs(site), key=len, reverse=True):
        lines += [f"        location {_under(prefix, lang)}/ {{",
                  f"            error_page 404 {_under(prefix, lang)}/404.html;",
                  *_nginx_headers(security, ind + "    "), "        }"]
    lines += ["        location / {", *_nginx_headers(security, ind + "    "), "        }", "    }", "}"]
    return "\n".join(lines) + "\n"


def publish_nginx(site: Path, out: Path, policy: HeaderPolicy, prefix: str) -> None:
    copy_tree(site, out / "html" / prefix.strip("/"), lambda f: f.name != HEADERS_FILE)
    write_new(out / "nginx.conf", nginx_conf(site, policy, prefix))
    write_new(out / "mime.types", nginx_mime_types())
    for folder in ("logs", "tmp"):
        (out / folder).mkdir(parents=True, exist_ok=True)


# --- all of them -----------------------------------------------------------------------------------

def _rules_text(headers_file: str) -> list[str]:
    return [line for line in headers_file.splitlines() if not line.startswith("#")]


def publish(site: Path, out: Path, hosts: tuple[str, ...] = HOSTS) -> dict[str, Path]:
    """Write each host's folder under ``out`` (replacing what was there); their paths by host."""
    site, out = site.resolve(), out.resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} holds no built site: run `make build` first")
    policy, prefix = header_policy(site), site_prefix(site)
    if _rules_text((site / HEADERS_FILE).read_text(encoding="utf-8")) != _rules_text(render_headers(policy)):
        raise SystemExit(f"{site / HEADERS_FILE} does not match the pages: build the site again")
    folders = {}
    for host in hosts:
        folder = out / host
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if host == "github-pages":
            publish_github_pages(site, folder, policy)
        elif host == "netlify":
            publish_netlify(site, folder, policy, prefix)
        elif host == "cloudflare-pages":
            publish_cloudflare_pages(site, folder, policy, prefix)
        elif host == "vercel":
            publish_vercel(site, folder, policy, prefix)
        elif host == "nginx":
            publish_nginx(site, folder, policy, prefix)
        else:
            raise SystemExit(f"unknown host {host!r}: one of {', '.join(HOSTS)}")
        folders[host] = folder
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (make build)")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="where the host folders go")
    parser.add_argument("--host", action="append", choices=HOSTS, help="only this host (repeatable)")
    parser.add_argument("--expect-prefix", help="fail unless the site was built for this path (/csp-support/)")
    args = parser.parse_args(argv)
    if args.expect_prefix is not None:
        expected = "/" + args.expect_prefix.strip("/") + "/" if args.expect_prefix.strip("/") else "/"
        if site_prefix(args.site) != expected:
            parser.exit(1, f"the site was built for {site_prefix(args.site)}, the host serves it at {expected}: "
                           f"set site_url in mkdocs.yml to the host's address and build again\n")
    folders = publish(args.site, args.out, tuple(args.host or HOSTS))
    prefix = site_prefix(args.site)
    print(f"site built for {prefix}; a <meta> policy cannot carry: {', '.join(META_IGNORED_DIRECTIVES)}")
    for host, folder in folders.items():
        print(f"{host:17} {folder}")
    return 0
