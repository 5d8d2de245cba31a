"""MkDocs hook: write ``_headers`` for static hosts (Netlify and Cloudflare Pages read it).

The Content-Security-Policy allows scripts from the site itself and, for Pyodide, WebAssembly
compilation (``'wasm-unsafe-eval'``); nothing runs inline except the few small scripts Material
and the wizard widget put in the pages, each allowed by its sha256 hash, which this hook
computes from the built HTML so the policy always matches what is published. No
``'unsafe-inline'`` anywhere and no ``'unsafe-eval'``.

Styles come from the site's own stylesheets only (``style-src 'self'``): the built pages hold
no ``style`` attribute or ``<style>`` element (the flow diagrams are SVG drawn at build time,
with presentation attributes), and scripts set styles through the CSSOM, which the policy
does not restrict. The tests check both browsers for violations.

Versioned or fingerprinted runtime files get a year-long immutable cache; everything else is
revalidated. Paths are relative to the published site's root.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

HEADERS_FILE = "_headers"
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_NOT_EXECUTED = re.compile(r"\bsrc\s*=|type\s*=\s*[\"']?application/(ld\+)?json", re.IGNORECASE)

#: Files whose URL changes whenever their content does (a version or a content fingerprint in
#: the path), so browsers may keep them for a year without asking again.
IMMUTABLE_PATTERNS = (
    "/assets/pyodide/*",
    "/assets/javascripts/bundle.*.min.js",
    "/assets/javascripts/workers/search.*.min.js",
    "/assets/stylesheets/main.*.min.css",
    "/assets/stylesheets/palette.*.min.css",
)

SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)


def inline_script_hashes(site_dir: Path) -> list[str]:
    """The CSP source expressions for every distinct inline script in the built pages."""
    hashes = set()
    for html in site_dir.rglob("*.html"):
        for match in _INLINE_SCRIPT.finditer(html.read_text(encoding="utf-8")):
            if _NOT_EXECUTED.search(match["attrs"]) or not match["body"].strip():
                continue
            digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


def content_security_policy(script_hashes: list[str]) -> str:
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes]),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def render_headers(site_dir: Path) -> str:
    lines = ["# Written by macros/hooks/headers_hook.py at build time; do not edit.", "/*"]
    lines.append(f"  Content-Security-Policy: {content_security_policy(inline_script_hashes(site_dir))}")
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    # Hosts revalidate everything else by default; only these rules set Cache-Control, so no
    # path gets two values for it.
    for pattern in IMMUTABLE_PATTERNS:
        lines += [pattern, "  Cache-Control: public, max-age=31536000, immutable"]
    return "\n".join(lines) + "\n"


@event_priority(-150)  # after the pages, the runtime and the compressed copies are written
def on_post_build(config: MkDocsConfig) -> None:
    # static-i18n builds each language in turn into the same site_dir; writing the file after
    # each pass means the last pass covers every page of every language.
    site_dir = Path(config.site_dir)
    (site_dir / HEADERS_FILE).write_text(render_headers(site_dir), encoding="utf-8")
