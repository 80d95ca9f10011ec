"""The graph: events, actors, places and documents in one networkx MultiDiGraph.

Node ids are ``<kind>:<id>`` and NMTOKEN-safe; nodes carry ``kind``, edges
``relation`` (one attribute name never serves both, which GraphML forbids); every attribute is a str,
int, float or bool (dates as ISO strings, lists as JSON strings, no None) so
that GraphML and GEXF writers take the graph as it is.
"""
from __future__ import annotations

import itertools
import json
import re

import networkx as nx

from .actors import KnowledgeBase, load_kb
from .model import Actor, Document, Event

_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]")


def node_id(kind: str, ident: str) -> str:
    return f"{kind}:{_UNSAFE.sub('-', ident)}"


def event_actors(events: list[Event], kb: KnowledgeBase | None = None,
                 known: dict[str, Actor] | None = None) -> dict[str, Actor]:
    """Every actor that takes part in an event, by id (unknown names included).

    ``known`` gives actors read back from an events.json, which win over the
    knowledge base so that an export reproduces the file it was made from.
    """
    kb = kb or load_kb()
    known = known or {}
    out: dict[str, Actor] = {}
    for ev in events:
        for p in ev.actors:
            if p.id not in out:
                out[p.id] = known.get(p.id) or kb.actors.get(p.id) or Actor(p.id, p.name, p.kind or "unknown", (p.name,))
    # people bring the organisation or state they belong to
    for a in list(out.values()):
        if a.affiliation and a.affiliation not in out:
            found = known.get(a.affiliation) or kb.actors.get(a.affiliation)
            if found:
                out[a.affiliation] = found
    return dict(sorted(out.items()))


def build_graph(events: list[Event], documents: list[Document], kb: KnowledgeBase | None = None,
                known: dict[str, Actor] | None = None) -> nx.MultiDiGraph:
    kb = kb or load_kb()
    g = nx.MultiDiGraph(name="timeline")
    actors = event_actors(events, kb, known)
    for doc in sorted(documents, key=lambda d: d.id):
        g.add_node(node_id("doc", doc.id), kind="document", label=doc.title or doc.id, source=doc.source,
                   published=doc.published.isoformat() if doc.published else "", lang=doc.lang)
    for a in actors.values():
        g.add_node(node_id("actor", a.id), kind="actor", label=a.name, actor_kind=a.kind,
                   aliases=json.dumps(sorted(set(a.aliases)), ensure_ascii=False))
    for a in actors.values():
        if a.affiliation and a.affiliation in actors:
            g.add_edge(node_id("actor", a.id), node_id("actor", a.affiliation), key="affiliated_with",
                       relation="affiliated_with")
        for member in kb.members.get(a.id, ()):
            if member in actors:
                g.add_edge(node_id("actor", member), node_id("actor", a.id), key="member_of", relation="member_of")
    for ev in events:
        ev_node = node_id("event", ev.id)
        attrs = dict(kind="event", label=ev.summary, event_type=ev.type, mode=ev.mode or "",
                     confidence=float(round(ev.confidence, 3)), mentions=len(ev.sources), negated=ev.negated,
                     trigger=ev.trigger,
                     sources=json.dumps([s.as_dict() for s in ev.sources], ensure_ascii=False))
        if ev.date:
            attrs.update(start=ev.date.start.isoformat(), end=ev.date.end.isoformat(), value=ev.date.value,
                         granularity=ev.date.granularity, certainty=ev.date.certainty)
        g.add_node(ev_node, **attrs)
        for p in ev.actors:
            g.add_edge(node_id("actor", p.id), ev_node, key=f"participant-{p.role}", relation="participant",
                       role=p.role)
        if ev.location:
            place = node_id("place", ev.location.id)
            if place not in g:
                g.add_node(place, kind="place", label=ev.location.name)
            g.add_edge(ev_node, place, key="located_in", relation="located_in")
        for doc_id in sorted({s.document for s in ev.sources}):
            g.add_edge(ev_node, node_id("doc", doc_id), key="reported_by", relation="reported_by")
    dated = [ev for ev in events if ev.date]
    dated.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    for a, b in zip(dated, dated[1:]):
        g.add_edge(node_id("event", a.id), node_id("event", b.id), key="precedes", relation="precedes")
    weights: dict[tuple[str, str], int] = {}
    for ev in events:
        ids = sorted({p.id for p in ev.actors})
        for x, y in itertools.combinations(ids, 2):
            weights[(x, y)] = weights.get((x, y), 0) + 1
    for (x, y), w in sorted(weights.items()):
        g.add_edge(node_id("actor", x), node_id("actor", y), key="interacted", relation="interacted", weight=w)
    return g
