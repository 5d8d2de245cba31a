"""Search in the reader's language: one search index per locale (listed under ``hooks:``).

mkdocs-static-i18n merges every locale's pages into the one ``search/search_index.json`` that
Material's search loads from the site root, so an English query listed Portuguese, Russian and
Chinese pages. After the plugin has written that merged index, this hook splits it: the root
index keeps the default locale's pages, and ``<locale>/search/search_index.json`` holds that
locale's pages with locations relative to the locale's root. Each page of a locale points
Material's ``__config.base`` at its locale's root, which is where Material looks for the index
and what it resolves result locations against. Nothing else reads ``base`` here (versioning is
off), except Material's instant navigation, if switched on: it reads ``<base>/sitemap.xml`` to
know the site's pages, so with that feature each locale's folder gets a copy of the sitemap
(instant navigation keeps the first page's ``base``, so a reader who then moves to another
language by an instant load keeps the first language's search until the next full load).
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # MkDocs loads hooks by path
    sys.path.insert(0, str(_ROOT))

from wizard.i18n import DEFAULT_LOCALE, LOCALES  # noqa: E402

INDEX = "search/search_index.json"
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def locale_of(location: str) -> str:
    """The locale whose folder a built URL is in (the default locale has none)."""
    first = location.split("/", 1)[0]
    return first if first in LOCALES and first != DEFAULT_LOCALE else DEFAULT_LOCALE


def split_index(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The merged index as one index per locale, locations relative to each locale's root."""
    out = {locale: {**data, "docs": []} for locale in LOCALES}
    for doc in data.get("docs", []):
        locale = locale_of(doc["location"])
        location = doc["location"]
        if locale != DEFAULT_LOCALE:
            location = location[len(locale) + 1:]
        out[locale]["docs"].append({**doc, "location": location})
    return out


@event_priority(-100)  # after static-i18n (-100, listed earlier) merged the locales; before precompress
def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    merged = site / INDEX
    if not merged.is_file():
        return
    data = json.loads(merged.read_text(encoding="utf-8"))
    if not any(locale_of(d["location"]) != DEFAULT_LOCALE for d in data.get("docs", [])):
        return  # already split, or a build of one locale only
    for locale, index in split_index(data).items():
        target = site / ("" if locale == DEFAULT_LOCALE else f"{locale}/") / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if "navigation.instant" in (config.theme.get("features") or []):
        copy_sitemaps(site)


def copy_sitemaps(site: Path) -> None:
    """For instant navigation: each locale's folder (its pages' ``base``) gets the sitemap."""
    if (site / "sitemap.xml").is_file():
        for locale in LOCALES:
            if locale != DEFAULT_LOCALE and (site / locale).is_dir():
                shutil.copyfile(site / "sitemap.xml", site / locale / "sitemap.xml")


def on_post_page(output: str, page: Any, config: Any) -> str:
    """A locale's page looks for the search index in its locale's folder."""
    locale = locale_of(page.url)
    if locale == DEFAULT_LOCALE:
        return output

    def rebase(match: re.Match[str]) -> str:
        settings = json.loads(match[2])
        base = settings.get("base", ".")
        if "://" in base or base.startswith("/"):
            return match[0]
        settings["base"] = posixpath.join(base, locale) + "/"
        text = json.dumps(settings, ensure_ascii=False).replace("<", "\\u003c")
        return match[1] + text + match[3]

    return _CONFIG.sub(rebase, output, count=1)
