"""Throughput of the temporal tagger against dateparser's search_dates, in one run.

    python benchmarks/bench_dates.py [CORPUS_DIR] [--repeat N]

Both tag the same texts of the French TimeBank dev split with the document
creation time as the base; the spaCy parse (used for tense) is timed apart.
Prints characters per second for each and the ratio.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from dateparser.search import search_dates

from timeline.dates import find_dates
from timeline.evaluate import read_timeml

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "fr-timebank-dev"


def timed(fn, docs, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in docs:
            fn(d)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = [read_timeml(f) for f in sorted(args.corpus.glob("*.tml"))]
    if not docs:
        print(f"Error: no .tml file in {args.corpus}", file=sys.stderr)
        return 1
    chars = sum(len(d.text) for d in docs)
    find_dates("warm-up le 12 janvier", dt.date(2000, 1, 1), "fr")

    def ours(d):
        find_dates(d.text, d.dct, "fr")

    def baseline(d):
        base = dt.datetime.combine(d.dct, dt.time()) if d.dct else None
        search_dates(d.text, languages=["fr"], settings={"RELATIVE_BASE": base} if base else None)

    baseline(docs[0])  # both warmed up: language data loaded, patterns compiled
    t_ours = timed(ours, docs, args.repeat)
    t_base = timed(baseline, docs, args.repeat)
    from timeline.model import Document
    from timeline.parse import load_model, parse

    load_model("fr")
    t0 = time.perf_counter()
    parse([Document(id=d.name, text=d.text, source=d.name, published=d.dct) for d in docs])
    t_parse = time.perf_counter() - t0
    print(f"{len(docs)} documents, {chars} characters")
    print(f"timeline.dates      {chars / t_ours:12,.0f} chars/s  ({t_ours:.3f} s, best of {args.repeat})")
    print(f"dateparser search   {chars / t_base:12,.0f} chars/s  ({t_base:.3f} s, best of {args.repeat})")
    print(f"spaCy parse (tense) {chars / t_parse:12,.0f} chars/s  ({t_parse:.3f} s, measured apart)")
    print(f"ratio timeline/dateparser: {t_base / t_ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
