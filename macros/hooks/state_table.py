"""The wizard's state table: every reachable step, rendered at build time by the browser's Python.

Every step a reader can reach (the first question, each later question with the answers that
lead to it, each result: :func:`wizard.paths.enumerate_states`) is a pure function of the
answers and the locale. The build calls :func:`wizard.browser.step` for each of them, with the
same arguments the page would give Pyodide (its locale, ``directory_urls`` and the section
titles of the widget's configuration), and writes the JSON it returns, unchanged, one file per
state and locale::

    assets/pyodide/states-<digest>/<locale>/index.json                 (no answers)
    assets/pyodide/states-<digest>/<locale>/role=customer.json         (?role=customer)
    assets/pyodide/states-<digest>/<locale>/role=customer/product=azure.json

The key is the canonical query string the wizard writes (the ``query`` of the step data, which
the build checks), the path is that query with ``&`` as ``/``: ``wizard.js`` turns the
address bar's query into the file's URL with no knowledge of the flow, and uses the file only
when its ``query`` is the address bar's (anything else, a tampered or old link, goes to
Pyodide). The page's configuration lists the keys (:func:`state_keys`), so a link that is not
among them goes to Python without asking for a file. The folder is named after a digest of
every file, so each URL always holds the same bytes and falls under the year-long cache of
``assets/pyodide/*`` (``macros/hooks/headers_hook.py``).

One file per state rather than one per locale: a deep link needs one state (3 to 4 KB
compressed) instead of the locale's whole table (110 to 150 KB compressed, most of the 300 KB
the first result may cost), and the page fetches the few states one click away while the
reader reads. ``python -m macros.hooks.state_table`` prints the sizes of both layouts.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from functools import cache
from pathlib import Path

from wizard.browser import query_string, step
from wizard.i18n import LOCALES
from wizard.paths import enumerate_states

#: The folder prefix under the site root (inside ``assets/pyodide/``: immutable, cached a year).
STATES_PREFIX = "assets/pyodide/states-"
#: What a key may hold: ``key=value`` pairs of the engine's ids joined by ``&``. The page
#: checks the same pattern before it asks for a file (wizard.js, ``STATE_QUERY``).
KEY = re.compile(r"(\?[\w-]+=[\w-]+(&[\w-]+=[\w-]+)*)?")


def state_file(key: str) -> str:
    """The file of a state relative to its locale's folder: ``?a=b&c=d`` -> ``a=b/c=d.json``."""
    if not KEY.fullmatch(key):
        raise ValueError(f"a state key the page could not look up: {key!r}")
    return key[1:].replace("&", "/") + ".json" if key else "index.json"


@cache
def state_table(locale: str, directory_urls: bool = True) -> dict[str, str]:
    """Canonical query string -> the JSON :func:`wizard.browser.step` returns for it."""
    from macros.pages.wizard_widget import section_titles

    sections = section_titles(locale)
    table: dict[str, str] = {}
    for answers in enumerate_states():
        key = query_string(answers.items())
        text = step(list(answers.items()), locale, directory_urls, sections)
        data = json.loads(text)
        if data["status"] not in ("question", "outcome") or data["query"] != key or data["error"]:
            raise ValueError(f"state {key!r} ({locale}) does not render as itself: {data.get('message')}")
        table[key] = text
    return table


def state_keys() -> list[str]:
    """Every key of the table, in the flow's order (the same for every locale)."""
    return [query_string(answers.items()) for answers in enumerate_states()]


@cache
def states_digest(directory_urls: bool = True) -> str:
    """A digest of every state file of every locale (names the folder)."""
    digest = hashlib.sha256()
    for locale in LOCALES:
        for key, text in state_table(locale, directory_urls).items():
            digest.update(f"{locale}\0{key}\0".encode())
            digest.update(text.encode())
    return digest.hexdigest()[:16]


def states_path(directory_urls: bool = True) -> str:
    """The folder relative to the site root: ``assets/pyodide/states-<digest>``."""
    return STATES_PREFIX + states_digest(directory_urls)


def write_states(site_dir: Path, directory_urls: bool = True) -> list[Path]:
    """Write every locale's state files into the site; returns the files written."""
    folder = site_dir / states_path(directory_urls)
    for old in site_dir.glob(STATES_PREFIX + "*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    written = []
    for locale in LOCALES:
        for key, text in state_table(locale, directory_urls).items():
            path = folder / locale / state_file(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def sizes(directory_urls: bool = True) -> list[dict[str, object]]:
    """Per locale: states, raw bytes, and compressed bytes of one file per locale versus one
    file per state (gzip 9 and brotli 11, as the build's copies)."""
    import brotli

    rows = []
    for locale in LOCALES:
        table = state_table(locale, directory_urls)
        whole = json.dumps(dict(table.items()), ensure_ascii=False).encode()
        per_state = [text.encode() for text in table.values()]
        gz = [len(gzip.compress(b, 9, mtime=0)) for b in per_state]
        br = [len(brotli.compress(b, quality=11)) for b in per_state]
        rows.append({
            "locale": locale, "states": len(table), "raw": sum(map(len, per_state)),
            "locale_gz": len(gzip.compress(whole, 9, mtime=0)), "locale_br": len(brotli.compress(whole, quality=11)),
            "state_gz_mean": sum(gz) / len(gz), "state_gz_max": max(gz),
            "state_br_mean": sum(br) / len(br), "state_br_max": max(br),
        })
    return rows


if __name__ == "__main__":
    print("locale   states  raw KB  | one file per locale: gz KB  br KB "
          "| one per state: gz mean/max KB  br mean/max KB")
    for r in sizes():
        print(f"{r['locale']:<8} {r['states']:>6} {r['raw'] / 1e3:>7.0f}  | {r['locale_gz'] / 1e3:>27.1f} "
              f"{r['locale_br'] / 1e3:>6.1f} | {r['state_gz_mean'] / 1e3:>14.1f}/{r['state_gz_max'] / 1e3:.1f} "
              f"{r['state_br_mean'] / 1e3:>10.1f}/{r['state_br_max'] / 1e3:.1f}")
