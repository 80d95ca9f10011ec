"""Large event sets with the shapes of real output, for the benchmarks.

The sample article's events are repeated with shifted dates, rotated actors,
fresh ids and one document per twenty events.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from timeline.model import Document, Event
from timeline.pipeline import analyse
from timeline.read import read_inputs

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def synthetic_events(n: int, days: int = 3650) -> tuple[list[Event], list[Document]]:
    docs = [d for d in read_inputs([str(SEEDS)])]
    base = [e for a in analyse(docs) for e in a.events]
    actors = sorted({p.id for e in base for p in e.actors})
    out, documents = [], []
    for i in range(n):
        src = base[i % len(base)]
        shift = dt.timedelta(days=(i // len(base)) % days)
        doc_id = f"doc-{i // 20:06d}"
        if i % 20 == 0:
            documents.append(dataclasses.replace(docs[0], id=doc_id))
        date = dataclasses.replace(src.date, start=src.date.start + shift, end=src.date.end + shift) if src.date else None
        rot = i % len(actors)
        parts = [dataclasses.replace(p, id=actors[(actors.index(p.id) + rot) % len(actors)]) for p in src.actors]
        out.append(dataclasses.replace(src, id=f"ev-{i:07d}", date=date, actors=parts,
                                       sources=[dataclasses.replace(s, document=doc_id) for s in src.sources]))
    return out, documents
