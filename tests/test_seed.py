"""End to end on the sample article: what the foundation issue requires of it."""
from __future__ import annotations

import datetime as dt
import json

import networkx as nx
from lxml import etree

from .conftest import SAMPLE, SEEDS, run_cli

TEXT = SAMPLE.read_text(encoding="utf-8")


def find(events, type_, **date):
    return [e for e in events if e["type"] == type_ and e["date"]
            and all(e["date"][k] == v for k, v in date.items())]


def ids(event):
    return {a["id"] for a in event["actors"]}


def test_seed_geneva_talks(sample_build):
    _, data, _ = sample_build
    [ev] = find(data["events"], "CONSULT", start="2022-01-09", end="2022-01-10")
    assert {"RUS", "USA"} <= ids(ev)
    assert ev["location"] == {"id": "geneva", "name": "Geneva"}


def test_seed_nato_russia_council(sample_build):
    _, data, _ = sample_build
    [ev] = find(data["events"], "CONSULT", start="2022-01-12", end="2022-01-12")
    assert {"nato", "RUS", "nato-russia-council"} <= ids(ev)


def test_seed_osce_meeting(sample_build):
    _, data, _ = sample_build
    [ev] = find(data["events"], "CONSULT", start="2022-01-13", end="2022-01-13")
    assert {"osce", "RUS"} <= ids(ev) and "USA" not in ids(ev)


def test_seed_stoltenberg_statement_to_cbc_dated_as_reported(sample_build):
    _, data, _ = sample_build
    [ev] = [e for e in find(data["events"], "STATEMENT", start="2022-01-16") if "jens-stoltenberg" in ids(e)]
    assert ev["date"]["certainty"] == "reported" and "cbc" in ids(ev)
    assert len(ev["sources"]) >= 2  # said several times in the article: merged, with all its sources


def test_seed_stoltenberg_refusal_is_reject(sample_build):
    _, data, _ = sample_build
    [ev] = find(data["events"], "REJECT", start="2022-01-16")
    assert "nato" in ids(ev) and "jens-stoltenberg" in ids(ev)


def test_seed_lavrov_statement_and_answers_of_next_week(sample_build):
    _, data, _ = sample_build
    [statement] = [e for e in find(data["events"], "STATEMENT", certainty="reported") if "sergey-lavrov" in ids(e)]
    assert statement["date"]["start"] == "2022-01-16"
    [promise] = find(data["events"], "AGREE", value="2022-W03")
    assert promise["date"] | {} == promise["date"] and promise["date"]["granularity"] == "week"
    assert (promise["date"]["start"], promise["date"]["end"]) == ("2022-01-17", "2022-01-23")
    assert "the-west" in ids(promise)


def test_seed_kremlin_demand(sample_build):
    _, data, _ = sample_build
    assert any("RUS" in ids(e) for e in find(data["events"], "DEMAND"))


def test_seed_nothing_invented(sample_build):
    _, data, _ = sample_build
    today = dt.date.today().isoformat()
    for ev in data["events"]:
        if ev["date"]:
            assert ev["date"]["value"] not in ("1997",), ev
            assert ev["date"]["start"] != today and "2022-01-01" <= ev["date"]["start"] <= "2022-01-23", ev
        for src in ev["sources"]:
            assert TEXT[src["start"]:src["end"]] == src["sentence"]
            assert "Lire aussi" not in src["sentence"] and "casques bleus" not in src["sentence"]
    assert not {"csto", "KAZ"} & {a["id"] for a in data["actors"]}  # only on the "Lire aussi" line


def test_seed_outputs_load(sample_build, graphml_schema):
    out, data, _ = sample_build
    graphml_schema.assertValid(etree.parse(str(out / "timeline.graphml")))
    g = nx.read_graphml(out / "timeline.graphml")
    assert sum(1 for _, k in g.nodes(data="kind") if k == "event") == len(data["events"])
    html = (out / "timeline.html").read_text(encoding="utf-8")
    assert "Plotly.newPlot" in html and "<script src=" not in html  # plotly.js embedded: works offline
    assert data["documents"][0]["published"] == "2022-01-16"


def test_seed_build_is_deterministic(sample_build, tmp_path):
    out, _, _ = sample_build
    again = run_cli("build", str(SEEDS), "--out", str(tmp_path))
    assert again.returncode == 0, again.stderr.decode()
    for name in ("events.json", "timeline.graphml", "timeline.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_seed_json_is_stable_json(sample_build):
    out, data, _ = sample_build
    assert json.loads((out / "events.json").read_text(encoding="utf-8")) == data
