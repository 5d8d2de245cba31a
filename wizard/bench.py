"""Engine benchmark: ``python -m wizard.bench`` (``make bench-engine``). Prints figures only.

Baseline in the same run: serialising the same outcome to JSON, a fixed yardstick for how
the routing cost compares with work every caller does anyway.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from collections.abc import Callable

from .engine import decide, next_step
from .paths import enumerate_paths


def _time(fn: Callable[[], object], repeat: int = 7, number: int = 200) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number)
    return statistics.median(runs), max(runs) - min(runs)


def main() -> int:
    paths = list(enumerate_paths())
    sample = paths[len(paths) // 2]
    outcome = next_step(sample, "en")
    rows = [
        ("baseline: json.dumps(outcome)", *_time(lambda: json.dumps(outcome))),
        ("decide() one path", *_time(lambda: decide(sample))),
        ("next_step() one path, en", *_time(lambda: next_step(sample, "en"))),
        ("next_step() one path, ru", *_time(lambda: next_step(sample, "ru"))),
        ("enumerate all paths", *_time(lambda: list(enumerate_paths()), number=5)),
        (f"decide() all {len(paths)} paths", *_time(lambda: [decide(p) for p in paths], number=5)),
    ]
    base = rows[0][1]
    print(f"Python {platform.python_version()} on {platform.machine()} ({sys.platform})")
    print(f"{'measurement':36} {'median':>12} {'spread':>12} {'x baseline':>11}")
    for name, median, spread in rows:
        print(f"{name:36} {median * 1e6:10.1f}µs {spread * 1e6:10.1f}µs {median / base:10.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
