"""Score the temporal tagger on the French TimeBank dev split (strict/relaxed extent, value, type).

    python benchmarks/eval_timebank.py [CORPUS_DIR] [--errors N] [--no-tense]

CORPUS_DIR defaults to ../shared/corpora/fr-timebank-dev beside the repository.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from timeline.evaluate import read_timeml, score

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "fr-timebank-dev"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--errors", type=int, default=0, help="print this many errors")
    ap.add_argument("--no-tense", action="store_true", help="tag without the spaCy parse (no tense)")
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.tml"))
    if not files:
        print(f"Error: no .tml file in {args.corpus}", file=sys.stderr)
        return 1
    docs = [read_timeml(f) for f in files]
    t0 = time.perf_counter()
    s = score(docs, "fr", tense=not args.no_tense)
    elapsed = time.perf_counter() - t0
    print(f"{len(docs)} documents, {s.gold} gold TIMEX3, {s.predicted} predicted ({elapsed:.1f} s)")
    print(f"{'':8} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f) in s.table().items():
        print(f"{name:8} {p:6.3f} {r:6.3f} {f:6.3f}")
    for e in s.errors[:args.errors]:
        print(*e, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
