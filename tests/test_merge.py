"""Merging: same event told twice becomes one, deterministically."""
from __future__ import annotations

import datetime as dt
import random

from timeline.merge import merge_events
from timeline.model import Event, EventDate, Participant, Place, Source


def ev(id_, type_="CONSULT", start="2022-01-12", end=None, actors=("nato", "RUS"), doc="a", offset=0, place=None,
       granularity="day"):
    s = dt.date.fromisoformat(start)
    e = dt.date.fromisoformat(end) if end else s
    return Event(id=id_, type=type_, summary="", date=EventDate(s, e, start, granularity, "inferred"),
                 actors=[Participant(a, a, "participant") for a in actors],
                 location=Place(place, place) if place else None,
                 sources=[Source(doc, "sentence", offset, offset + 8)])


def test_merge_same_event_in_two_documents():
    [m] = merge_events([ev("x", doc="a"), ev("y", doc="b", actors=("RUS", "nato"))])
    assert len(m.sources) == 2 and m.as_dict()["mentions"] == 2
    assert m.id == "x"  # the id of the earliest source, whatever the input order


def test_merge_keeps_events_of_one_sentence_apart():
    assert len(merge_events([ev("x", offset=0), ev("y", offset=0)])) == 2


def test_merge_respects_type_date_place_and_granularity():
    base = ev("x")
    assert len(merge_events([base, ev("y", doc="b", type_="REJECT")])) == 2
    assert len(merge_events([base, ev("y", doc="b", start="2022-01-13")])) == 2
    assert len(merge_events([ev("x", place="geneva"), ev("y", doc="b", place="vienna")])) == 2
    assert len(merge_events([base, ev("y", doc="b", start="2022-01-10", end="2022-01-16", granularity="week")])) == 2


def test_merge_is_order_independent():
    events = [ev(f"e{i}", doc=f"d{i % 3}", offset=i, start=f"2022-01-{10 + i % 4:02d}") for i in range(12)]
    reference = [m.as_dict() for m in merge_events(list(events))]
    for seed in range(5):
        shuffled = list(events)
        random.Random(seed).shuffle(shuffled)
        assert [m.as_dict() for m in merge_events(shuffled)] == reference
