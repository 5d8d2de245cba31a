"""MkDocs hook: the site's one header policy, and ``_headers`` written from it.

:func:`header_policy` computes the policy (a :class:`HeaderPolicy`) from the built site; the
``_headers`` file written here and every host's configuration that ``make publish`` writes
(``macros.publish``: Netlify and Cloudflare Pages ``_headers``, ``vercel.json``, ``nginx.conf``,
the ``<meta>`` policy for GitHub Pages) are rendered from that one value, so they cannot drift.

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
from dataclasses import dataclass
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
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
#: Directives a policy in ``<meta http-equiv="Content-Security-Policy">`` cannot carry: browsers
#: ignore them there (CSP Level 3, section "Delivery via <meta>"), so only a response header
#: can forbid framing or ask for reports.
META_IGNORED_DIRECTIVES = ("frame-ancestors", "report-uri", "sandbox")


@dataclass(frozen=True)
class HeaderPolicy:
    """What every response carries, and which paths may be cached for a year.

    Paths are relative to the site's root (``/assets/pyodide/*``); a host that serves the site
    under a sub-path gets them with that prefix (:meth:`rules`).
    """

    csp_directives: tuple[str, ...]
    security: tuple[tuple[str, str], ...] = SECURITY_HEADERS
    immutable: tuple[str, ...] = IMMUTABLE_PATTERNS
    cache_control: str = IMMUTABLE_CACHE

    @property
    def csp(self) -> str:
        return "; ".join(self.csp_directives)

    @property
    def every_response(self) -> list[tuple[str, str]]:
        """The headers for every response, pages, files and 404s alike."""
        return [("Content-Security-Policy", self.csp), *self.security]

    def meta_csp(self) -> str:
        """The policy as a ``<meta>`` element can carry it (without :data:`META_IGNORED_DIRECTIVES`)."""
        return "; ".join(d for d in self.csp_directives if d.split()[0] not in META_IGNORED_DIRECTIVES)

    def rules(self, prefix: str = "/") -> list[tuple[str, list[tuple[str, str]]]]:
        """(path pattern with ``prefix``, headers) in ``_headers`` order: every response, then
        the long cache. Only the cache rules set Cache-Control, so no path gets two values."""
        base = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        rules = [(base + "*", self.every_response)]
        rules += [(base + pattern.lstrip("/"), [("Cache-Control", self.cache_control)]) for pattern in self.immutable]
        return rules


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


def content_security_policy_directives(script_hashes: list[str]) -> tuple[str, ...]:
    return (
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
    )


def content_security_policy(script_hashes: list[str]) -> str:
    return "; ".join(content_security_policy_directives(script_hashes))


def header_policy(site_dir: Path) -> HeaderPolicy:
    """The policy for the site built in ``site_dir`` (its inline scripts' hashes included)."""
    return HeaderPolicy(content_security_policy_directives(inline_script_hashes(site_dir)))


def render_headers(policy: HeaderPolicy, prefix: str = "/") -> str:
    """The policy in the ``_headers`` format (Netlify, Cloudflare Pages), paths under ``prefix``."""
    lines = ["# Written from macros/hooks/headers_hook.py's header policy at build time; do not edit."]
    for pattern, headers in policy.rules(prefix):
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in headers]
    return "\n".join(lines) + "\n"


@event_priority(-150)  # after the pages, the runtime and the compressed copies are written
def on_post_build(config: MkDocsConfig) -> None:
    # static-i18n builds each language in turn into the same site_dir; writing the file after
    # each pass means the last pass covers every page of every language.
    site_dir = Path(config.site_dir)
    (site_dir / HEADERS_FILE).write_text(render_headers(header_policy(site_dir)), encoding="utf-8")
