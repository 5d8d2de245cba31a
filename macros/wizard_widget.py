"""The wizard widget placed on each locale's wizard page (build time).

Minimal first version: the static first question; the browser-wizard work replaces it.
"""

from __future__ import annotations

from wizard import Translator, next_question


def render(locale: str) -> str:
    step = next_question({}, locale)
    question = step["question"]
    t = Translator(locale)
    items = "\n".join(
        f'<li><a href="?{question["id"]}={o["value"]}">{o["label"]}</a></li>' for o in question["options"]
    )
    del t
    return f'<div class="csp-wizard" data-wizard-state="static"><p>{question["prompt"]}</p><ul>{items}</ul></div>'
