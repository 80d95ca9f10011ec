"""Precision and recall of events on the golden table (tests/test_events_golden.py).

    python benchmarks/eval_events.py [--errors]

An event counts when its type, its date (TIMEX3 value, or none) and its set of
actors (speakers left out) are all right.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_events_golden import GOLDEN, predict  # noqa: E402


def main() -> int:
    show = "--errors" in sys.argv
    totals: dict[str, list[int]] = {}
    for i, row in enumerate(GOLDEN):
        got, want = predict(row), set(row.expect)
        for key in (row.lang, "all"):
            acc = totals.setdefault(key, [0, 0, 0])
            acc[0] += len(got & want)
            acc[1] += len(got - want)
            acc[2] += len(want - got)
        if show and got != want:
            print(f"[{i}] {row.text}")
            for e in sorted(want - got, key=repr):
                print(f"   missed   {e[0]} {e[1]} {sorted(e[2])}")
            for e in sorted(got - want, key=repr):
                print(f"   spurious {e[0]} {e[1]} {sorted(e[2])}")
    print(f"{len(GOLDEN)} sentences, {totals['all'][0] + totals['all'][2]} gold events")
    for key in ("fr", "en", "all"):
        t, p, n = totals[key]
        prec = t / (t + p) if t + p else 0.0
        rec = t / (t + n) if t + n else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{key:4} precision {prec:.3f}  recall {rec:.3f}  F1 {f1:.3f}  ({t} right, {p} spurious, {n} missed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
