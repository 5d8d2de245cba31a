"""The golden file: every reachable answer path and its outcome, committed for review.

``python -m tests.golden --write`` regenerates it (``make golden``); the tests diff against it,
so any change to routing shows up in review as a change to this file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from wizard import Translator
from wizard.outcomes import OUTCOMES
from wizard.paths import golden_records

GOLDEN = Path(__file__).parent / "golden" / "paths.jsonl"


def render() -> str:
    t = Translator("en")
    lines = [
        json.dumps({**record, "title": t(OUTCOMES[record["outcome"]].title)}, ensure_ascii=False, sort_keys=True)
        for record in golden_records()
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if "--write" in sys.argv:
        GOLDEN.write_text(render(), encoding="utf-8")
        print(f"wrote {GOLDEN} ({len(GOLDEN.read_text().splitlines())} paths)")
    else:
        sys.stdout.write(render())
