"""The data that flows between the pipeline stages.

Every stage reads these objects and returns new ones; none of them holds a
reference to spaCy objects, so they can be pickled, compared and written to
JSON.  Offsets are always Python string indices into ``Document.text``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

GRANULARITIES = ("day", "week", "month", "year")
CERTAINTIES = ("explicit", "inferred", "reported")


@dataclass(frozen=True)
class Document:
    """One article: its text and the metadata the text does not carry."""

    id: str
    text: str
    source: str
    published: dt.date | None = None
    lang: str = "fr"
    title: str | None = None
    url: str | None = None
    encoding: str | None = None  # set when the encoding was guessed rather than declared


@dataclass(frozen=True)
class TimeMention:
    """A time expression found in a text.

    ``value`` is a TIMEX3 value.  ``first``/``last`` is the calendar interval
    it covers when it is a DATE or TIME that can be placed on a calendar
    (None otherwise).  ``group`` ties the two halves of a range such as
    "les 9 et 10 janvier" together: both carry the span of the whole range
    and the interval from the first day to the last.
    """

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    certainty: str = "explicit"  # explicit | inferred
    granularity: str | None = None  # day | week | month | year (None: not a calendar date)
    first: dt.date | None = None
    last: dt.date | None = None
    group: tuple[int, int] | None = None

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "value": self.value, "certainty": self.certainty}


@dataclass(frozen=True)
class Actor:
    """A canonical actor: a state, an organisation, a person, a group, a forum."""

    id: str
    name: str
    kind: str  # state | organisation | person | group | media | forum
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # actor id, for people

    def as_dict(self) -> dict:
        out = {"id": self.id, "name": self.name, "kind": self.kind,
               "aliases": sorted(set(self.aliases))}
        if self.affiliation:
            out["affiliation"] = self.affiliation
        return out


@dataclass(frozen=True)
class Place:
    id: str
    name: str


@dataclass(frozen=True)
class Mention:
    """A stretch of text resolved to an actor or a place (``kind`` says which)."""

    start: int
    end: int
    text: str
    ref: str  # actor id or place id
    kind: str  # "actor" or "place"
    explicit: bool = True  # False for resolved role phrases and metonyms


@dataclass(frozen=True)
class EventDate:
    start: dt.date
    end: dt.date
    value: str
    granularity: str
    certainty: str
    text: str | None = None  # the date as written

    def as_dict(self) -> dict:
        out = {"start": self.start.isoformat(), "end": self.end.isoformat(),
               "value": self.value, "granularity": self.granularity,
               "certainty": self.certainty}
        if self.text is not None:
            out["text"] = self.text
        return out


@dataclass(frozen=True)
class Source:
    document: str
    sentence: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"document": self.document, "sentence": self.sentence,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    role: str  # source | target | participant | speaker
    kind: str = ""  # the actor's kind (state, organisation, person, ...)

    def as_dict(self) -> dict:
        out = {"id": self.id, "name": self.name, "role": self.role}
        if self.kind:
            out["kind"] = self.kind
        return out


@dataclass
class Event:
    id: str
    type: str
    summary: str
    date: EventDate | None
    actors: list[Participant]
    location: Place | None
    sources: list[Source]
    trigger: str = ""
    mode: str | None = None
    negated: bool = False
    confidence: float = 0.5
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        out = {
            "id": self.id,
            "type": self.type,
            "summary": self.summary,
            "date": self.date.as_dict() if self.date else None,
            "actors": [a.as_dict() for a in self.actors],
            "location": {"id": self.location.id, "name": self.location.name} if self.location else None,
            "sources": [s.as_dict() for s in self.sources],
            "trigger": self.trigger,
            "mode": self.mode,
            "negated": self.negated,
            "confidence": round(self.confidence, 3),
            "mentions": len(self.sources),
        }
        return out


@dataclass
class Analysis:
    """Everything the stages found in one document."""

    document: Document
    times: list[TimeMention]
    mentions: list[Mention]
    events: list[Event]
