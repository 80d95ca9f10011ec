"""Merging: the same event told twice, in one article or several, becomes one.

Two events are the same when they have the same type, dates of the same
granularity that overlap (or both no date), the same place when both have
one, and actors that mostly coincide.  Two events drawn from one sentence are
never merged: a sentence that lists three meetings means three meetings.
The result does not depend on the order of the input.
"""
from __future__ import annotations

from .events import summarise
from .model import Event, EventDate, Participant

ROLE_RANK = {"source": 0, "target": 1, "participant": 2, "speaker": 3}
CERTAINTY_RANK = {"explicit": 0, "inferred": 1, "reported": 2}


def _core(ev: Event) -> set[str]:
    return {p.id for p in ev.actors if p.role != "speaker"}


def _sources(ev: Event) -> set[str]:
    return {p.id for p in ev.actors if p.role == "source"}


def _dates_match(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.granularity == b.granularity and a.start <= b.end and b.start <= a.end


def same_event(a: Event, b: Event) -> bool:
    if a.type != b.type or a.negated != b.negated:
        return False
    if {(s.document, s.start) for s in a.sources} & {(s.document, s.start) for s in b.sources}:
        return False
    if not _dates_match(a.date, b.date):
        return False
    if a.location and b.location and a.location.id != b.location.id:
        return False
    ca, cb = _core(a), _core(b)
    if not ca or not cb:
        return False
    sa, sb = _sources(a), _sources(b)
    if sa and sb and sa == sb:
        return True
    return len(ca & cb) / len(ca | cb) >= 0.5


def _order_key(ev: Event) -> tuple:
    first = min((s.document, s.start, s.end) for s in ev.sources)
    return (first, ev.type, ev.id)


def merge_events(events: list[Event]) -> list[Event]:
    """Merged events, in chronological order (undated last)."""
    events = sorted(events, key=_order_key)
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in candidate_pairs(events):
        if same_event(events[i], events[j]):
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[Event]] = {}
    for i, ev in enumerate(events):
        groups.setdefault(find(i), []).append(ev)
    merged = [_combine(group) for _, group in sorted(groups.items())]
    return sorted(merged, key=chronological_key)


def candidate_pairs(events: list[Event]):
    """Index pairs that could be the same event, without comparing every pair.

    Dated events: same type, negation and granularity, and overlapping dates
    (a sweep over start dates). Undated events: same type, negation and actors.
    """
    blocks: dict[tuple, list[int]] = {}
    for i, ev in enumerate(events):
        if ev.date is None:
            key = (ev.type, ev.negated, None, tuple(sorted(_core(ev))))
        else:
            key = (ev.type, ev.negated, ev.date.granularity)
        blocks.setdefault(key, []).append(i)
    for key, members in sorted(blocks.items(), key=lambda kv: repr(kv[0])):
        if key[2] is None:
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    yield members[a], members[b]
            continue
        members.sort(key=lambda i: (events[i].date.start, i))
        for a, i in enumerate(members):
            end = events[i].date.end
            for j in members[a + 1:]:
                if events[j].date.start > end:
                    break
                yield (i, j) if i < j else (j, i)


def _combine(group: list[Event]) -> Event:
    head = group[0]
    if len(group) == 1:
        return head
    actors: dict[str, Participant] = {}
    for ev in group:
        for p in ev.actors:
            old = actors.get(p.id)
            if old is None or ROLE_RANK[p.role] < ROLE_RANK[old.role]:
                actors[p.id] = p
    dated = [ev.date for ev in group if ev.date]
    date = min(dated, key=lambda d: (CERTAINTY_RANK[d.certainty], (d.end - d.start).days, d.start)) if dated else None
    sources = sorted({(s.document, s.start, s.end, s.sentence): s for ev in group for s in ev.sources}.values(),
                     key=lambda s: (s.document, s.start))
    location = next((ev.location for ev in group if ev.location), None)
    ordered_actors = sorted(actors.values(), key=lambda p: (ROLE_RANK[p.role],
                                                            [q.id for ev in group for q in ev.actors].index(p.id)))
    confidence = min(1.0, max(ev.confidence for ev in group) + 0.05 * (len(sources) - 1))
    out = Event(id=head.id, type=head.type, summary="", date=date, actors=ordered_actors, location=location,
                sources=sources, trigger=head.trigger, mode=head.mode, negated=head.negated,
                confidence=confidence)
    out.summary = summarise(out)
    return out


def chronological_key(ev: Event) -> tuple:
    if ev.date is None:
        return (1, "", "", _order_key(ev))
    return (0, ev.date.start.isoformat(), ev.date.end.isoformat(), _order_key(ev))
