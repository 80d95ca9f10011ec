"""Graph and exports: GraphML valid and readable, events.json contract, atomic writes."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import networkx as nx
import pytest
from lxml import etree

from timeline.export import (ExportError, load_events_json, timelinejs_document, write_events_csv,
                             write_events_json, write_gexf, write_graphml, write_links_csv)
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


def _sample_graph():
    undated = Event(id="ev-2", type="STATEMENT", summary="=HYPERLINK(\"http://x\")", date=None,
                    actors=[Participant("new-person", "Marie Durand", "source", "person")], location=None,
                    sources=[Source("doc-1", "-2+3 said nobody", 0, 16)])
    return [hostile_event(), undated], [DOC]


def test_export_gexf_dynamic_and_readable():
    events, docs = _sample_graph()
    g = build_graph(events, docs)
    buf = io.BytesIO()
    write_gexf(g, buf)
    assert b"lastmodifieddate" not in buf.getvalue()  # no clock in the output
    root = etree.fromstring(buf.getvalue())
    graph = root.find("{http://www.gexf.net/1.2draft}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    back = nx.read_gexf(io.BytesIO(buf.getvalue()))
    assert back.number_of_nodes() == g.number_of_nodes()
    node = next(n for n in root.iter("{http://www.gexf.net/1.2draft}node") if n.get("id") == "event:ev-1")
    assert (node.get("start"), node.get("end")) == ("2022-01-12", "2022-01-12")


def test_export_graphml_loads_in_igraph_with_same_counts(tmp_path):
    import igraph
    events, docs = _sample_graph()
    g = build_graph(events, docs)
    path = tmp_path / "g.graphml"
    write_graphml(g, path)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (g.number_of_nodes(), g.number_of_edges())
    assert "Marie Durand" in ig.vs["label"]


def test_export_csv_rows_and_formula_guard():
    events, _ = _sample_graph()
    ev_buf, link_buf = io.BytesIO(), io.BytesIO()
    write_events_csv(events, ev_buf)
    write_links_csv(events, link_buf)
    rows = list(csv.DictReader(io.StringIO(ev_buf.getvalue().decode("utf-8"))))
    links = list(csv.DictReader(io.StringIO(link_buf.getvalue().decode("utf-8"))))
    assert len(rows) == 2 and len(links) == sum(len(e.actors) for e in events)
    undated = next(r for r in rows if r["id"] == "ev-2")
    assert undated["start"] == "" and undated["summary"].startswith("'=") and undated["sentence"].startswith("'-")
    assert {r["actor_kind"] for r in links if r["actor_id"] == "new-person"} == {"person"}


def test_export_timelinejs_escapes_and_skips_undated():
    events, docs = _sample_graph()
    data = timelinejs_document(events, docs)
    assert [e["unique_id"] for e in data["events"]] == ["ev-1"]
    item = data["events"][0]
    assert item["start_date"] == {"year": "2022", "month": "1", "day": "12"} and item["group"] == "CONSULT"
    assert "<script>" not in item["text"]["text"] and "&lt;script&gt;" in item["text"]["text"]


def test_export_events_json_round_trip(tmp_path):
    events, docs = _sample_graph()
    first = tmp_path / "events.json"
    write_events_json(events, docs, first)
    back_events, back_docs, actors = load_events_json(first)
    second = tmp_path / "again.json"
    write_events_json(back_events, back_docs, second, actors)
    assert first.read_bytes() == second.read_bytes()


def test_export_load_rejects_other_json(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ExportError, match="x.json"):
        load_events_json(bad)
