"""Where the watch reads a cited page: Learn itself, or a folder of saved copies.

Online (:class:`LearnReader`): one GET per address and run, with a timeout and a User-Agent
that names this project's watch; only ``https://learn.microsoft.com`` is ever requested, and a
redirect to any other origin is refused, not followed. Responses are kept in a local cache
(``.cache/learn/``) for ``max_age`` seconds, so a maintainer re-running the watch does not ask
Learn again; a stale entry is revalidated with ``If-None-Match`` / ``If-Modified-Since``.

Offline (:class:`DirReader`, ``LEARN_DIR=DIR``): the copy of
``https://learn.microsoft.com/<locale>/<path>`` is ``DIR/<locale>/<path>.html`` (Learn's HTML
as a browser saves it), ``DIR/<locale>/<path>/index.html`` or ``DIR/<locale>/<path>.md`` (the
Markdown file of Microsoft's docs repository). ``DIR/MANIFEST.json`` may say where each copy
came from (repository, path, commit, date); the record command stores that with the fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wizard.learn import LEARN_HOST

ROOT = Path(__file__).resolve().parents[2]

USER_AGENT = ("csp-support-kb-watch/1.0 (checks that the Microsoft Learn passages cited by the CSP "
              "support knowledge base are unchanged; one request per page per week)")
ALLOWED_HOST = urlsplit(LEARN_HOST).hostname or "learn.microsoft.com"


@dataclass
class Fetched:
    url: str
    #: ``ok``, ``missing`` (no such page or copy) or ``moved`` (Learn answers from another address).
    status: str
    body: str = ""
    #: ``html`` or ``md``.
    kind: str = "html"
    final_url: str = ""
    #: Where the text came from, as the fingerprint stores it.
    origin: dict[str, Any] = field(default_factory=dict)
    detail: str = ""


def _same_page(a: str, b: str) -> bool:
    """Two Learn addresses of one page (the locale segment's case and a trailing slash aside)."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.hostname, pa.path.lower().rstrip("/")) == (pb.hostname, pb.path.lower().rstrip("/"))


def moved_to(requested: str, fetched: Fetched) -> str | None:
    """The new address when Learn redirected or its canonical link names another page."""
    if fetched.final_url and not _same_page(requested, fetched.final_url):
        return fetched.final_url
    return None


class DirReader:
    def __init__(self, root: Path) -> None:
        self.root = root
        manifest = root / "MANIFEST.json"
        self.manifest: dict[str, dict[str, Any]] = {}
        if manifest.is_file():
            self.manifest = json.loads(manifest.read_text(encoding="utf-8")).get("files", {})

    def copy_of(self, url: str) -> Path | None:
        rel = urlsplit(url).path.strip("/")
        for candidate in (f"{rel}.html", f"{rel}/index.html", f"{rel}.md"):
            path = self.root / candidate
            if path.is_file():
                return path
        return None

    def get(self, url: str) -> Fetched:
        path = self.copy_of(url)
        if path is None:
            return Fetched(url, "missing", detail=f"no saved copy under {self.root}")
        rel = path.relative_to(self.root).as_posix()
        shown = path.resolve()
        shown_rel = shown.relative_to(ROOT).as_posix() if shown.is_relative_to(ROOT) else str(shown)
        entry = {k: v for k, v in self.manifest.get(rel, {}).items() if k != "page"}
        origin = {"copy": shown_rel, **entry}
        kind = "md" if path.suffix == ".md" else "html"
        body = path.read_text(encoding="utf-8")
        fetched = Fetched(url, "ok", body, kind, url, origin)
        if kind == "html":
            from .pages import parse_html

            canonical = parse_html(body).canonical
            if canonical and urlsplit(canonical).hostname == ALLOWED_HOST and not _same_page(url, canonical):
                fetched.status, fetched.final_url = "moved", canonical
        return fetched


class RefusedRedirect(urllib.error.HTTPError):
    pass


class _LearnOnly(urllib.request.HTTPRedirectHandler):
    """Follows Learn's redirects within learn.microsoft.com and refuses any other origin."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        target = urlsplit(newurl)
        if target.scheme != "https" or target.hostname != ALLOWED_HOST:
            raise RefusedRedirect(req.full_url, code, f"redirect to another origin refused: {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class LearnReader:
    def __init__(self, cache_dir: Path, timeout: float = 20.0, max_age: float = 12 * 3600,
                 opener: urllib.request.OpenerDirector | None = None) -> None:
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.max_age = max_age
        self.opener = opener or urllib.request.build_opener(_LearnOnly())
        self.requests = 0

    def _cache_files(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        return self.cache_dir / f"{key}.html", self.cache_dir / f"{key}.json"

    def get(self, url: str) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.hostname != ALLOWED_HOST:
            return Fetched(url, "missing", detail=f"not a {ALLOWED_HOST} address; not requested")
        body_file, meta_file = self._cache_files(url)
        meta = json.loads(meta_file.read_text()) if meta_file.is_file() and body_file.is_file() else None
        if meta and time.time() - meta["at"] < self.max_age:
            return self._from_meta(url, meta, body_file.read_text(encoding="utf-8"), cached=True)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
        if meta and meta.get("etag"):
            request.add_header("If-None-Match", meta["etag"])
        if meta and meta.get("last_modified"):
            request.add_header("If-Modified-Since", meta["last_modified"])
        self.requests += 1
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                body = response.read().decode(response.headers.get_content_charset() or "utf-8", "replace")
                meta = {"url": url, "final_url": response.geturl(), "status": response.status, "at": time.time(),
                        "etag": response.headers.get("ETag"), "last_modified": response.headers.get("Last-Modified")}
        except RefusedRedirect as exc:
            return Fetched(url, "moved", detail=str(exc.msg), final_url=str(exc.msg).rsplit(" ", 1)[-1])
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and meta:
                meta["at"] = time.time()
                meta_file.write_text(json.dumps(meta))
                return self._from_meta(url, meta, body_file.read_text(encoding="utf-8"), cached=True)
            if exc.code in (404, 410):
                return Fetched(url, "missing", detail=f"HTTP {exc.code}")
            return Fetched(url, "error", detail=f"HTTP {exc.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return Fetched(url, "error", detail=f"not reached: {getattr(exc, 'reason', exc)}")
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        body_file.write_text(body, encoding="utf-8")
        meta_file.write_text(json.dumps(meta))
        return self._from_meta(url, meta, body, cached=False)

    def _from_meta(self, url: str, meta: dict[str, Any], body: str, cached: bool) -> Fetched:
        fetched = Fetched(url, "ok", body, "html", meta.get("final_url") or url,
                          {"fetched": url, "at": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(meta["at"])),
                           **({"last_modified": meta["last_modified"]} if meta.get("last_modified") else {})})
        new = moved_to(url, fetched)
        if new:
            fetched.status = "moved"
        else:
            from .pages import parse_html

            canonical = parse_html(body).canonical
            if canonical and urlsplit(canonical).hostname == ALLOWED_HOST and not _same_page(url, canonical):
                fetched.status, fetched.final_url = "moved", canonical
        return fetched
