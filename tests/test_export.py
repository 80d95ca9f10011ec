"""Graph and exports: GraphML valid and readable, events.json contract, atomic writes."""
from __future__ import annotations

import datetime as dt
import io
import json

import networkx as nx
import pytest
from lxml import etree

from timeline.export import write_events_json, write_graphml
from timeline.graph import build_graph
from timeline.model import Document, Event, EventDate, Participant, Source

HOSTILE = "<script>alert('x')</script> \"quotes\" & emoji 🇺🇦 \x07bell\x1b[0m"


def hostile_event():
    d = dt.date(2022, 1, 12)
    return Event(id="ev-1", type="CONSULT", summary=HOSTILE, date=EventDate(d, d, "2022-01-12", "day", "explicit"),
                 actors=[Participant("nato", "NATO", "participant"), Participant("RUS", "Russia", "participant")],
                 location=None, sources=[Source("doc-1", HOSTILE, 0, len(HOSTILE))])


DOC = Document(id="doc-1", text=HOSTILE, source="x.txt", published=dt.date(2022, 1, 16), lang="fr", title=HOSTILE)


def test_export_graphml_hostile_text_is_valid_xml(graphml_schema):
    g = build_graph([hostile_event()], [DOC])
    buf = io.BytesIO()
    write_graphml(g, buf)
    tree = etree.fromstring(buf.getvalue())
    graphml_schema.assertValid(tree.getroottree())
    back = nx.read_graphml(io.BytesIO(buf.getvalue()))
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert "<script>" in back.nodes["event:ev-1"]["label"]  # kept as text, escaped in the file
    assert "\x07" not in back.nodes["event:ev-1"]["label"]


def test_export_graph_kinds_and_edges():
    g = build_graph([hostile_event()], [DOC])
    kinds = nx.get_node_attributes(g, "kind")
    assert kinds["event:ev-1"] == "event" and kinds["actor:nato"] == "actor" and kinds["doc:doc-1"] == "document"
    relations = {d["relation"] for _, _, d in g.edges(data=True)}
    assert {"participant", "reported_by", "interacted"} <= relations
    assert g.nodes["event:ev-1"]["start"] == "2022-01-12"


def test_export_events_json_contract():
    buf = io.BytesIO()
    write_events_json([hostile_event()], [DOC], buf)
    data = json.loads(buf.getvalue())
    assert set(data) >= {"documents", "actors", "events"}
    assert set(data["documents"][0]) >= {"id", "source", "title", "published", "lang"}
    assert set(data["actors"][0]) >= {"id", "name", "kind", "aliases"}
    ev = data["events"][0]
    assert set(ev) >= {"id", "type", "summary", "date", "actors", "location", "sources"}
    assert set(ev["date"]) >= {"start", "end", "value", "granularity", "certainty"}
    assert set(ev["sources"][0]) == {"document", "sentence", "start", "end"}


def test_export_failed_write_leaves_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "timeline.graphml"
    target.write_text("previous", encoding="utf-8")

    def boom(*a, **k):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(nx, "write_graphml_lxml", boom)
    with pytest.raises(RuntimeError):
        write_graphml(build_graph([hostile_event()], [DOC]), target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.graphml"]  # no temporary file left
