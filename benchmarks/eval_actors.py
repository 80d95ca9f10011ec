"""Precision and recall of actor and place mentions on the golden table (tests/test_actors_golden.py).

    python benchmarks/eval_actors.py [--errors]

A mention counts when its text and its canonical id are both right.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_actors_golden import GOLDEN, predict  # noqa: E402


def main() -> int:
    show = "--errors" in sys.argv
    tp = fp = fn = 0
    by_lang: dict[str, list[int]] = {}
    for row in GOLDEN:
        got, want = predict(row), set(row.expect)
        t, p, n = len(got & want), len(got - want), len(want - got)
        tp, fp, fn = tp + t, fp + p, fn + n
        acc = by_lang.setdefault(row.lang, [0, 0, 0])
        acc[0] += t
        acc[1] += p
        acc[2] += n
        if show and (got - want or want - got):
            print(f"{row.text}\n  missing {sorted(want - got)}\n  extra   {sorted(got - want)}")
    print(f"{len(GOLDEN)} texts, {tp + fn} gold mentions")
    for name, (t, p, n) in sorted(by_lang.items()) + [("all", (tp, fp, fn))]:
        prec = t / (t + p) if t + p else 0.0
        rec = t / (t + n) if t + n else 0.0
        print(f"{name:4} precision {prec:.3f}  recall {rec:.3f}  ({t} right, {p} spurious, {n} missed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
