"""Scoring the temporal tagger on TimeML files (TempEval-3 style).

Strict extent: same start and end. Relaxed extent: the spans overlap.
Value and type: among relaxed matches, the attribute is the same; their
precision and recall are counted over all predicted and all gold mentions,
as the TempEval-3 scorer does for attribute F1.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .dates import find_dates


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: dt.date | None
    gold: list[Gold]


def read_timeml(path: Path) -> TimeMLDoc:
    """Plain text of the TEXT element, with the TIMEX3 spans as offsets into it."""
    root = etree.parse(str(path)).getroot()
    dct_el = root.find(".//DCT/TIMEX3")
    dct = None
    if dct_el is not None and re.match(r"\d{4}-\d{2}-\d{2}", dct_el.get("value", "")):
        dct = dt.date.fromisoformat(dct_el.get("value")[:10])
    text_el = root.find(".//TEXT")
    parts: list[str] = []
    gold: list[Gold] = []

    def walk(el) -> None:
        start = sum(map(len, parts))
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag == "TIMEX3":
            end = sum(map(len, parts))
            gold.append(Gold(start, end, "".join(parts)[start:end], el.get("type", ""), el.get("value", "")))

    walk(text_el)
    return TimeMLDoc(path.stem, "".join(parts), dct, gold)


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[tuple] = field(default_factory=list)

    @staticmethod
    def f1(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def table(self) -> dict[str, tuple[float, float, float]]:
        return {name: self.f1(getattr(self, name), self.predicted, self.gold)
                for name in ("strict", "relaxed", "value", "type")}


def score(docs: list[TimeMLDoc], lang: str = "fr", tense: bool = True) -> Scores:
    """Tag every document and compare with its gold TIMEX3 mentions."""
    tense_of = {}
    if tense:
        from .model import Document
        from .parse import parse

        parsed = parse([Document(id=d.name, text=d.text, source=d.name, published=d.dct, lang=lang) for d in docs])
        tense_of = {p.document.id: p.tense_at for p in parsed}
    s = Scores()
    for d in docs:
        pred = find_dates(d.text, d.dct, lang, tense_of.get(d.name))
        s.gold += len(d.gold)
        s.predicted += len(pred)
        used: set[int] = set()
        for g in d.gold:
            match = None
            for i, p in enumerate(pred):
                if i not in used and p.start < g.end and g.start < p.end:
                    match = (i, p)
                    if (p.start, p.end) == (g.start, g.end):
                        break
            if match is None:
                s.errors.append((d.name, "missed", g.text, g.value, None))
                continue
            i, p = match
            used.add(i)
            s.relaxed += 1
            s.strict += (p.start, p.end) == (g.start, g.end)
            s.value += p.value == g.value
            s.type += p.type == g.type
            if p.value != g.value or (p.start, p.end) != (g.start, g.end):
                s.errors.append((d.name, "differs", g.text, g.value, (p.text, p.value)))
        for i, p in enumerate(pred):
            if i not in used:
                s.errors.append((d.name, "spurious", p.text, p.value, None))
    return s
