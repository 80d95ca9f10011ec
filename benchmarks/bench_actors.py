"""Time the actor stage adds on top of the spaCy parse, in one run.

    python benchmarks/bench_actors.py [--copies 20]

Texts: the French TimeBank dev split plus the sample article, repeated. Both
the parse and the actor stage run on the same parsed documents; the ratio
actors/parse is printed (target: at most 0.15).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from timeline.actors import find_mentions, load_kb
from timeline.evaluate import read_timeml
from timeline.model import Document
from timeline.parse import load_model, parse
from timeline.read import read_inputs

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "fr-timebank-dev"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=3)
    args = ap.parse_args()
    texts = [read_timeml(p).text for p in sorted(CORPUS.glob("*.tml"))]
    texts += [d.text for d in read_inputs([str(ROOT / "seeds")])]
    docs = [Document(id=f"d{i}", text=t, source="x", lang="fr") for i, t in enumerate(texts * args.copies)]
    load_model("fr")
    load_kb()
    find_mentions(parse(docs[:1])[0])  # warm: matcher built, model loaded
    t0 = time.perf_counter()
    parsed = parse(docs)
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = sum(len(find_mentions(p)) for p in parsed)
    t_actors = time.perf_counter() - t0
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} documents, {chars} characters, {n} mentions")
    print(f"spaCy parse   {t_parse:7.2f} s")
    print(f"actor stage   {t_actors:7.2f} s")
    print(f"ratio actors/parse: {t_actors / t_parse:.3f} (target <= 0.15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
