"""Exports: events.json, GraphML, GEXF, CSV and TimelineJS JSON, written atomically.

Every writer takes a path or an open binary file.  A path is written through
a temporary file in the same folder and renamed into place, so a failed run
never leaves a half-written file behind.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import html
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

import networkx as nx

from .graph import event_actors
from .model import Actor, Document, Event, EventDate, Participant, Place, Source

SCHEMA_VERSION = 1
# Characters XML 1.0 forbids (networkx's writers either emit them or raise).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _XML_INVALID.sub(" ", text)


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike | BinaryIO):
    """Yield a binary file; for a path, replace the target only once all is written."""
    if hasattr(target, "write"):
        yield target
        return
    path = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(target, produce: Callable[[], bytes]) -> None:
    """Produce the whole content first, then write it atomically."""
    data = produce()
    with atomic_output(target) as fh:
        fh.write(data)


def events_document(events: list[Event], documents: list[Document], known: dict[str, Actor] | None = None) -> dict:
    """The events.json structure (see the README for the contract)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": [{"id": d.id, "source": d.source, "title": d.title,
                       "published": d.published.isoformat() if d.published else None,
                       "lang": d.lang, "url": d.url} for d in sorted(documents, key=lambda d: d.id)],
        "actors": [a.as_dict() for a in event_actors(events, known=known).values()],
        "events": [ev.as_dict() for ev in events],
    }


def write_events_json(events: list[Event], documents: list[Document], target,
                      known: dict[str, Actor] | None = None) -> None:
    def produce() -> bytes:
        text = json.dumps(events_document(events, documents, known), ensure_ascii=False, indent=2)
        return (xml_safe(text) + "\n").encode("utf-8")
    write_bytes(target, produce)


def _clean_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph(**g.graph)

    def clean(attrs: dict) -> dict:
        return {k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items() if v is not None}
    for n, attrs in g.nodes(data=True):
        out.add_node(n, **clean(attrs))
    # GraphML edge ids are unique in the whole file, not per node pair: number them.
    for i, (u, v, k, attrs) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        out.add_edge(u, v, key=f"e{i}", **clean(attrs))
    return out


def write_graphml(g: nx.MultiDiGraph, target) -> None:
    """GraphML with named keys (``label``, not ``d3``, which Gephi reads as the label)."""
    def produce() -> bytes:
        buf = io.BytesIO()
        nx.write_graphml_lxml(_clean_graph(g), buf, named_key_ids=True)
        return buf.getvalue()
    write_bytes(target, produce)


def write_gexf(g: nx.MultiDiGraph, target) -> None:
    """GEXF 1.2 with each event's start and end as a spell, for Gephi's timeline."""
    def produce() -> bytes:
        buf = io.BytesIO()
        nx.write_gexf(_clean_graph(g), buf, encoding="utf-8", version="1.2draft")
        # networkx stamps today's date: drop it so the same input gives the same bytes
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)
    write_bytes(target, produce)


# Spreadsheets run cells that start with these as formulas (CSV injection): such a
# cell gets a leading apostrophe, which Excel and LibreOffice show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    text = xml_safe(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


EVENT_COLUMNS = ["id", "type", "mode", "negated", "summary", "start", "end", "value", "granularity", "certainty",
                 "date_text", "location_id", "location_name", "actor_ids", "mentions", "confidence",
                 "document", "sentence", "sentence_start", "sentence_end"]
LINK_COLUMNS = ["event_id", "actor_id", "actor_name", "actor_kind", "role"]


def _csv_bytes(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")


def write_events_csv(events: list[Event], target) -> None:
    """One row per event; the first source stands for all (``mentions`` counts them)."""
    def produce() -> bytes:
        rows = []
        for ev in events:
            d, src = ev.date, ev.sources[0]
            rows.append([ev.id, ev.type, ev.mode or "", ev.negated, ev.summary,
                         d.start.isoformat() if d else "", d.end.isoformat() if d else "", d.value if d else "",
                         d.granularity if d else "", d.certainty if d else "", (d.text or "") if d else "",
                         ev.location.id if ev.location else "", ev.location.name if ev.location else "",
                         ";".join(p.id for p in ev.actors), len(ev.sources), round(ev.confidence, 3),
                         src.document, src.sentence, src.start, src.end])
        return _csv_bytes(EVENT_COLUMNS, rows)
    write_bytes(target, produce)


def write_links_csv(events: list[Event], target, known: dict[str, Actor] | None = None) -> None:
    """One row per actor-event link."""
    actors = event_actors(events, known=known)

    def produce() -> bytes:
        rows = [[ev.id, p.id, p.name, actors[p.id].kind if p.id in actors else p.kind, p.role]
                for ev in events for p in ev.actors]
        return _csv_bytes(LINK_COLUMNS, rows)
    write_bytes(target, produce)


def _tl_date(day: dt.date) -> dict:
    return {"year": str(day.year), "month": str(day.month), "day": str(day.day)}


def timelinejs_document(events: list[Event], documents: list[Document], title: str = "Timeline") -> dict:
    """TimelineJS 3 JSON. TimelineJS renders HTML in text fields, so all text is escaped.
    It needs a start date: undated events are left out of this export (they stay in events.json)."""
    titles = {d.id: d.title or d.id for d in documents}
    out = []
    for ev in events:
        if ev.date is None:
            continue
        src = ev.sources[0]
        item = {"unique_id": ev.id, "start_date": _tl_date(ev.date.start),
                "text": {"headline": html.escape(ev.summary),
                         "text": html.escape(src.sentence) + " <i>— " + html.escape(titles.get(src.document, src.document))
                                 + "</i>"},
                "group": ev.type}
        if ev.date.end != ev.date.start:
            item["end_date"] = _tl_date(ev.date.end)
        if ev.date.granularity != "day" or ev.date.certainty != "explicit":
            item["display_date"] = html.escape(f"{ev.date.value} ({ev.date.granularity}, {ev.date.certainty})")
        out.append(item)
    return {"title": {"text": {"headline": html.escape(title)}}, "events": out}


def write_timelinejs(events: list[Event], documents: list[Document], target, title: str = "Timeline") -> None:
    def produce() -> bytes:
        text = json.dumps(timelinejs_document(events, documents, title), ensure_ascii=False, indent=2)
        return (xml_safe(text) + "\n").encode("utf-8")
    write_bytes(target, produce)


class ExportError(ValueError):
    """An events.json that cannot be read back; the message names the file."""


def load_events_json(path: str | os.PathLike) -> tuple[list[Event], list[Document], dict[str, Actor]]:
    """Events, documents and actors of an events.json written by this tool.

    Documents come back without their text, which events.json does not hold;
    the exports only need the metadata.
    """
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExportError(f"{where}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExportError(f"{where}: not an events.json file ({exc})") from None
    try:
        documents = [Document(id=d["id"], text="", source=d.get("source") or d["id"],
                              published=dt.date.fromisoformat(d["published"]) if d.get("published") else None,
                              lang=d.get("lang") or "fr", title=d.get("title"), url=d.get("url"))
                     for d in data["documents"]]
        actors = {a["id"]: Actor(a["id"], a["name"], a["kind"], tuple(a.get("aliases", ())), a.get("affiliation"))
                  for a in data["actors"]}
        events = []
        for e in data["events"]:
            d = e.get("date")
            date = EventDate(dt.date.fromisoformat(d["start"]), dt.date.fromisoformat(d["end"]), d["value"],
                             d["granularity"], d["certainty"], d.get("text")) if d else None
            loc = e.get("location")
            events.append(Event(
                id=e["id"], type=e["type"], summary=e.get("summary", ""), date=date,
                actors=[Participant(a["id"], a["name"], a["role"], a.get("kind", "")) for a in e["actors"]],
                location=Place(loc["id"], loc["name"]) if loc else None,
                sources=[Source(s["document"], s["sentence"], s["start"], s["end"]) for s in e["sources"]],
                trigger=e.get("trigger", ""), mode=e.get("mode"), negated=bool(e.get("negated", False)),
                confidence=float(e.get("confidence", 0.5))))
    except (KeyError, TypeError, ValueError) as exc:
        raise ExportError(f"{where}: not an events.json of this tool (bad or missing field: {exc})") from None
    return events, documents, actors
