"""Throughput and memory of 'timeline build', against the bare spaCy pipeline, in one run.

    python benchmarks/bench_throughput.py [--docs 400] [--memory-docs 500,5000]

The corpus repeats and varies real article shapes: each document is a French
TimeBank dev text or the sample article, with a varied lead sentence (dates,
people, places) and a varied publication date. Prints:
  - documents per second of the whole pipeline with one job (model loaded,
    outputs written) against nlp.pipe over the same texts with the same model;
  - the speed-up of two jobs over one;
  - peak memory (max RSS) of a build of 500 and of 5,000 such documents, each
    in a fresh process, and their ratio.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "fr-timebank-dev"
PEOPLE = ["Vladimir Poutine", "Emmanuel Macron", "Olaf Scholz", "Antony Blinken", "Sergueï Lavrov", "Jens Stoltenberg"]
PLACES = ["Genève", "Vienne", "Bruxelles", "Minsk", "Paris", "Varsovie"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin"]


def documents(n: int):
    """Yield n documents (as JSON-ready dicts), streaming."""
    sys.path.insert(0, str(ROOT))
    from timeline.evaluate import read_timeml

    texts = [read_timeml(p).text for p in sorted(CORPUS.glob("*.tml"))]
    texts.append((ROOT / "seeds" / "otan-russie-2022-01-16.fr.txt").read_text(encoding="utf-8"))
    for i in range(n):
        a, b, place = PEOPLE[i % 6], PEOPLE[(i + 1 + i // 6) % 6], PLACES[(i // 3) % 6]
        lead = f"Le {i % 27 + 1} {MONTHS[i % 6]}, {a} a rencontré {b} à {place}, a indiqué le Kremlin.\n"
        published = dt.date(2021, 1, 1) + dt.timedelta(days=(i * 7) % 700)
        yield {"id": f"b{i:06d}", "text": lead + texts[i % len(texts)], "published": published.isoformat(),
               "lang": "fr"}


def as_documents(rows):
    from timeline.model import Document

    for r in rows:
        yield Document(id=r["id"], text=r["text"], source=r["id"], published=dt.date.fromisoformat(r["published"]))


def throughput(n: int) -> None:
    from timeline.parse import load_model
    from timeline.pipeline import run, write_outputs

    nlp = load_model("fr")
    rows = list(documents(n))
    texts = [r["text"] for r in rows]
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    t_spacy = time.perf_counter() - t0
    timings = {}
    for jobs in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            result = run(as_documents(rows), jobs=jobs)
            write_outputs(result, Path(tmp))
            timings[jobs] = time.perf_counter() - t0
    print(f"{n} documents, {sum(map(len, texts))} characters")
    print(f"bare spaCy nlp.pipe     {n / t_spacy:7.2f} docs/s")
    print(f"timeline, 1 job         {n / timings[1]:7.2f} docs/s  ratio to spaCy {t_spacy / timings[1]:.2f} (target >= 0.8)")
    print(f"timeline, 2 jobs        {n / timings[2]:7.2f} docs/s  speed-up {timings[1] / timings[2]:.2f}x (target >= 1.7x)")


def peak_memory(n: int) -> float:
    """Max RSS (MB) of a fresh process building n documents with one job, fed as a stream."""
    code = f"""
import sys, resource, tempfile
sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); sys.path.insert(0, {str(ROOT)!r})
from bench_throughput import documents, as_documents
from timeline.pipeline import run, write_outputs
from pathlib import Path
with tempfile.TemporaryDirectory() as tmp:
    write_outputs(run(as_documents(documents({n})), jobs=1), Path(tmp))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--memory-docs", default="500,5000")
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args()
    throughput(args.docs)
    if not args.skip_memory:
        small, large = (int(x) for x in args.memory_docs.split(","))
        m_small, m_large = peak_memory(small), peak_memory(large)
        print(f"peak memory {small} docs  {m_small:8.0f} MB")
        print(f"peak memory {large} docs  {m_large:8.0f} MB  ratio {m_large / m_small:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
