"""The golden file: every reachable answer path and its outcome, committed for review.

``python -m tests.golden --write`` regenerates it (``make golden``); the tests diff against it,
so any change to routing shows up in review as a change to this file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from wizard import Translator
from wizard.engine import decide
from wizard.paths import enumerate_paths

GOLDEN = Path(__file__).parent / "golden" / "paths.jsonl"


def render() -> str:
    t = Translator("en")
    lines = []
    for answers in enumerate_paths():
        decision = decide(answers)
        lines.append(json.dumps({
            "answers": answers,
            "outcome": decision.spec.id,
            "contact": decision.spec.contact,
            "channel": decision.spec.channel,
            "severity": decision.severity,
            "first_response": decision.first_response,
            "title": t(decision.spec.title),
        }, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if "--write" in sys.argv:
        GOLDEN.write_text(render(), encoding="utf-8")
        print(f"wrote {GOLDEN} ({len(GOLDEN.read_text().splitlines())} paths)")
    else:
        sys.stdout.write(render())
