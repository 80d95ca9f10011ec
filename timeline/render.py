"""The HTML timeline: one self-contained page with plotly.js embedded.

- Lanes by event type or by actor (a switch); events that overlap in a lane are
  stacked in sub-lanes instead of being drawn over each other.
- Ranges are bars, single days are markers; week, month and reported dates are
  drawn light and hatched (bars) or hollow (markers) so the eye sees the
  uncertainty.
- Filters by actor and by event type; a second view draws the actor network.
- Undated events are listed under the chart: nothing is silently dropped.

Python decides the layout: which lane and sub-lane each event takes in each
mode, colours, axes. Each event's text and dates are stored once in a JSON
data block; the page's script builds hover text and table rows from it, so a
page of 5,000 events stays small.

Article text is untrusted: the script escapes everything it hands to plotly
(plotly renders a subset of HTML in hover text, links included), table cells
are filled with textContent, the static parts are escaped in Python, and the
data block is JSON in which "<" cannot close the script element.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import math

import networkx as nx
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from .export import write_bytes, xml_safe
from .graph import event_actors
from .model import Actor, Document, Event

TYPE_COLOURS = {
    "CONSULT": "#1f77b4", "STATEMENT": "#7f7f7f", "DEMAND": "#d62728", "REQUEST": "#ff7f0e",
    "REJECT": "#8c564b", "AGREE": "#2ca02c", "COOPERATE": "#17becf", "SUPPORT": "#bcbd22",
    "ACCUSE": "#e377c2", "THREATEN": "#9467bd", "SANCTION": "#393b79", "ASSAULT": "#000000",
}


def esc(text: str | None) -> str:
    """Text made inert for HTML."""
    return html.escape(xml_safe(text or ""), quote=True)


def uncertain(ev: Event) -> bool:
    return ev.date is not None and (ev.date.granularity != "day" or ev.date.certainty == "reported")


def stack_lanes(items: list[tuple[str, Event]]) -> dict[tuple[str, str], str]:
    """A lane label per (lane, event): overlapping events go to sub-lanes "X ·2", "X ·3"..."""
    out: dict[tuple[str, str], str] = {}
    ends: dict[str, list[dt.date]] = {}
    for lane, ev in sorted(items, key=lambda x: (x[0], x[1].date.start, x[1].date.end, x[1].id)):
        lane_ends = ends.setdefault(lane, [])
        for i, end in enumerate(lane_ends):
            if ev.date.start > end:
                lane_ends[i] = ev.date.end
                break
        else:
            lane_ends.append(ev.date.end)
            i = len(lane_ends) - 1
        out[(lane, ev.id)] = lane if i == 0 else f"{lane} ·{i + 1}"
    return out


def _traces(rows: list[tuple[str, Event]], mode: str, index: dict[str, int], visible: bool) -> list:
    """Bar and marker traces, one pair per event type, for one lane mode.

    A trace holds only the lane of each point and the event's index in the data
    block; the page fills in dates, hover text and marker styles from there.
    """
    lanes = stack_lanes(rows)
    traces = []
    for type_ in sorted({ev.type for _, ev in rows}):
        colour = TYPE_COLOURS.get(type_, "#555555")
        group = [(lane, ev) for lane, ev in rows if ev.type == type_]
        bars = [(lane, ev) for lane, ev in group if ev.date.start != ev.date.end]
        points = [(lane, ev) for lane, ev in group if ev.date.start == ev.date.end]
        if bars:
            traces.append(go.Bar(
                name=type_, legendgroup=type_, orientation="h", meta={"mode": mode, "legend": True},
                visible=visible, showlegend=visible, y=[lanes[(lane, ev.id)] for lane, ev in bars],
                marker=dict(color=colour), hoverinfo="text", customdata=[index[ev.id] for _, ev in bars]))
        if points:
            traces.append(go.Scatter(
                name=type_, legendgroup=type_, mode="markers", meta={"mode": mode, "legend": not bars},
                visible=visible, showlegend=visible and not bars, y=[lanes[(lane, ev.id)] for lane, ev in points],
                marker=dict(color=colour, line=dict(width=2, color=colour)), hoverinfo="text",
                customdata=[index[ev.id] for _, ev in points]))
    return traces


def _lane_order(traces: list, mode: str) -> list[str]:
    def key(c: str):
        name, _, sub = c.partition(" ·")
        return (name, int(sub) if sub else 1)
    cats = sorted({y for t in traces if t.meta["mode"] == mode for y in t.y}, key=key)
    return cats[::-1]  # first lane at the top


def build_figure(events: list[Event], actors: dict[str, Actor]) -> tuple[go.Figure, dict]:
    index = {ev.id: i for i, ev in enumerate(events)}
    dated = [e for e in events if e.date]
    by_type = [(ev.type, ev) for ev in dated]
    by_actor = [(actors[p.id].name if p.id in actors else p.name, ev) for ev in dated for p in ev.actors]
    traces = _traces(by_type, "type", index, True) + _traces(by_actor, "actor", index, False)
    fig = go.Figure(traces)
    lanes = {"type": _lane_order(traces, "type"), "actor": _lane_order(traces, "actor")}
    fig.update_layout(
        barmode="overlay", height=max(360, 90 + 34 * max(len(lanes["type"]), min(len(lanes["actor"]), 30))),
        xaxis=dict(type="date", rangeslider=dict(visible=True)),
        yaxis=dict(type="category", categoryorder="array", categoryarray=lanes["type"], automargin=True),
        hoverlabel=dict(align="left"), legend=dict(title=dict(text="event type")),
        margin=dict(l=20, r=20, t=30, b=20),
    )
    return fig, lanes


def network_figure(events: list[Event], actors: dict[str, Actor]) -> go.Figure:
    """Actors sized by their number of events, edges by the number of events they share."""
    g = nx.Graph()
    counts: dict[str, int] = {}
    for ev in events:
        ids = sorted({p.id for p in ev.actors})
        for a in ids:
            counts[a] = counts.get(a, 0) + 1
            g.add_node(a)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                w = g.edges[a, b]["weight"] + 1 if g.has_edge(a, b) else 1
                g.add_edge(a, b, weight=w)
    fig = go.Figure()
    if not g:
        return fig
    pos = nx.spring_layout(g, seed=7, weight="weight")
    for a, b, data in sorted(g.edges(data=True)):
        fig.add_trace(go.Scatter(x=[round(pos[a][0], 4), round(pos[b][0], 4)],
                                 y=[round(pos[a][1], 4), round(pos[b][1], 4)], mode="lines",
                                 line=dict(width=1 + 1.5 * math.log1p(data["weight"]), color="#9aa"),
                                 hoverinfo="skip", showlegend=False))
    nodes = sorted(g.nodes)
    names = [actors[a].name if a in actors else a for a in nodes]
    fig.add_trace(go.Scatter(
        x=[round(pos[a][0], 4) for a in nodes], y=[round(pos[a][1], 4) for a in nodes], mode="markers+text",
        text=[esc(n) for n in names], textposition="top center", showlegend=False,
        marker=dict(size=[12 + 6 * math.sqrt(counts[a]) for a in nodes], color="#4c78a8"),
        hovertext=[f"<b>{esc(n)}</b><br>{counts[a]} events<br>{esc(actors[a].kind) if a in actors else ''}"
                   for a, n in zip(nodes, names)],
        hoverinfo="text", customdata=nodes))
    fig.update_layout(height=520, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      margin=dict(l=10, r=10, t=10, b=10), hovermode="closest")
    return fig


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1rem 2rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 0.3rem; text-align: left; vertical-align: top; }}
.muted {{ color: #666; }}
.controls {{ display: flex; gap: 1.5rem; flex-wrap: wrap; align-items: center; margin: 0.5rem 0; }}
.controls label {{ font-size: 0.9rem; }}
</style>
<script>{plotlyjs}</script>
</head>
<body>
<h1>{title}</h1>
<p class="muted">{summary}</p>
<div class="controls">
<label>Lanes <select id="lane-mode"><option value="type">by event type</option><option value="actor">by actor</option></select></label>
<label>Actor <select id="actor-filter"><option value="">all actors</option>{actor_options}</select></label>
<label>Event type <select id="type-filter"><option value="">all types</option>{type_options}</select></label>
<span id="shown-count" class="muted"></span>
</div>
<p class="muted">Bars are date ranges, dots single days. Light, hatched bars and hollow dots are uncertain dates:
a week or a month, or a statement dated by the article that reports it.</p>
<div id="timeline-chart"></div>
<h2>Actor network</h2>
<p class="muted">Actors sized by their number of events; lines by the events they share.</p>
<div id="network-chart"></div>
<h2>Events without a date</h2>
<p class="muted">Kept, never given a made-up date.</p>
<table><thead><tr><th>type</th><th>actors</th><th>place</th><th>source</th></tr></thead>
<tbody id="undated-rows"></tbody></table>
<h2>All events</h2>
<table><thead><tr><th>date</th><th>type</th><th>actors</th><th>place</th><th>source</th></tr></thead>
<tbody id="event-rows"></tbody></table>
<script type="application/json" id="timeline-data">{data}</script>
<script>
{script}
</script>
</body>
</html>
"""

SCRIPT = r"""
(function () {
  var P = JSON.parse(document.getElementById("timeline-data").textContent);
  var E = P.events, DAY = 86400000;
  var gd = document.getElementById("timeline-chart");
  var lane = document.getElementById("lane-mode");
  var actorSel = document.getElementById("actor-filter");
  var typeSel = document.getElementById("type-filter");
  var shown = document.getElementById("shown-count");
  var config = {displaylogo: false, responsive: true};

  function esc(s) {  // what reaches plotly's hover labels is text, never markup
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  function wrap(s, width) {
    var lines = [], line = "";
    s.split(/\s+/).forEach(function (w) {
      if (line && line.length + w.length + 1 > width) { lines.push(line); line = w; }
      else { line = line ? line + " " + w : w; }
    });
    if (line) lines.push(line);
    return lines.map(esc).join("<br>");
  }
  function hover(e) {
    var parts = ["<b>" + esc(e.type) + "</b>" + (e.mode ? " · " + esc(e.mode) : "")];
    var when = "no date";
    if (e.start) {
      when = (e.start === e.end ? e.start : e.start + " → " + e.end) + " (" + esc(e.gran) + ", " +
        esc(e.cert) + "; TIMEX3 " + esc(e.value) + ")";
      if (e.written) when += "<br>as written: “" + esc(e.written) + "”";
    }
    parts.push("date: " + when);
    parts.push("actors: " + (e.roles.map(function (r) { return esc(r[0]) + " (" + esc(r[1]) + ")"; }).join(", ") || "—"));
    if (e.place) parts.push("place: " + esc(e.place));
    parts.push("<i>" + esc(P.titles[e.doc]) + "</i>" + (e.more ? " (+" + e.more + " more sources)" : ""));
    parts.push(wrap(e.sentence.slice(0, 400), 90));
    return parts.join("<br>");
  }
  function ms(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)); }
  // Fill in what the traces leave to the data block.
  var orig = P.fig.data.map(function (t) {
    var bar = t.type === "bar", ids = t.customdata;
    var unc = ids.map(function (i) { return E[i].unc; });
    t.hovertext = ids.map(function (i) { return hover(E[i]); });
    // numbers (ms since 1970, UTC) rather than date strings: plotly parses strings slowly
    if (bar) {
      t.base = ids.map(function (i) { return ms(E[i].start); });
      t.x = ids.map(function (i) { return E[i].days * DAY; });
      t.marker.opacity = unc.map(function (u) { return u ? 0.35 : 0.95; });
      t.marker.pattern = {shape: unc.map(function (u) { return u ? "/" : ""; })};
    } else {
      t.x = ids.map(function (i) { return ms(E[i].start) + DAY / 2; });
      t.marker.symbol = unc.map(function (u) { return u ? "circle-open" : "circle"; });
      t.marker.size = ids.map(function (i) { return 10 + 2 * Math.min(E[i].n, 5); });
    }
    return {x: t.x, y: t.y, base: t.base, hovertext: t.hovertext, customdata: ids, opacity: t.marker.opacity,
            size: t.marker.size, symbol: t.marker.symbol, shape: bar ? t.marker.pattern.shape : undefined,
            mode: t.meta.mode, legend: t.meta.legend};
  });
  function row(cells) {  // table cells get text, never markup
    var tr = document.createElement("tr");
    cells.forEach(function (v) { var td = document.createElement("td"); td.textContent = v; tr.appendChild(td); });
    return tr;
  }
  function source(e) { return e.sentence + " — " + P.titles[e.doc] + (e.more ? " (+" + e.more + " more)" : ""); }
  var body = document.getElementById("event-rows"), undated = document.getElementById("undated-rows");
  var rows = E.map(function (e) {
    var when = e.start ? (e.start === e.end ? e.start : e.start + " → " + e.end) + " (" + e.gran + ", " + e.cert + ")" : "—";
    var names = e.roles.map(function (r) { return r[0]; }).join(", ");
    if (!e.start) undated.appendChild(row([e.type, names, e.place, source(e)]));
    return body.appendChild(row([when, e.type, names, e.place, source(e)]));
  });
  if (!undated.children.length) undated.appendChild(row(["None.", "", "", ""]));

  function pick(v, idx) { return Array.isArray(v) ? idx.map(function (i) { return v[i]; }) : v; }
  function keep(i) {
    var e = E[i];
    return (!actorSel.value || e.actors.indexOf(actorSel.value) >= 0) && (!typeSel.value || e.type === typeSel.value);
  }
  function count(mode) {
    var drawn = {};
    orig.forEach(function (t) { if (t.mode === mode) t.customdata.forEach(function (i) { if (keep(i)) drawn[i] = 1; }); });
    var n = Object.keys(drawn).length;
    shown.textContent = n + " dated event" + (n === 1 ? "" : "s") + " shown";
    gd.setAttribute("data-shown", String(n));
    rows.forEach(function (r, i) { r.hidden = !keep(i); });
  }
  function apply() {
    var mode = lane.value;
    var upd = {x: [], y: [], base: [], hovertext: [], customdata: [], visible: [], showlegend: [],
               "marker.opacity": [], "marker.size": [], "marker.symbol": [], "marker.pattern.shape": []};
    orig.forEach(function (t) {
      var idx = [];
      t.customdata.forEach(function (i, j) { if (keep(i)) idx.push(j); });
      upd.x.push(pick(t.x, idx)); upd.y.push(pick(t.y, idx)); upd.base.push(pick(t.base, idx));
      upd.hovertext.push(pick(t.hovertext, idx)); upd.customdata.push(pick(t.customdata, idx));
      upd.visible.push(t.mode === mode); upd.showlegend.push(t.mode === mode && t.legend);
      upd["marker.opacity"].push(pick(t.opacity, idx)); upd["marker.size"].push(pick(t.size, idx));
      upd["marker.symbol"].push(pick(t.symbol, idx)); upd["marker.pattern.shape"].push(pick(t.shape, idx));
    });
    // restyling x and y clears axis types that plotly would guess again from the bar lengths:
    // give them back in the same call
    return Plotly.update(gd, upd, {"xaxis.type": "date", "yaxis.type": "category",
                                   "yaxis.categoryarray": P.lanes[mode]}).then(function () { count(mode); });
  }
  var first = P.fig.data.map(function (t, i) {
    return Object.assign({}, t, {x: orig[i].x.slice(), y: orig[i].y.slice(), customdata: orig[i].customdata.slice(),
                                 hovertext: orig[i].hovertext.slice()});
  });
  Plotly.newPlot(gd, first, P.fig.layout, config).then(function () {
    count("type");
    [lane, actorSel, typeSel].forEach(function (s) { s.addEventListener("change", apply); });
  });
  Plotly.newPlot(document.getElementById("network-chart"), P.net.data, P.net.layout, config);
})();
"""


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element: no "<", no line separators."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _plain(fig: go.Figure) -> dict:
    """A figure as plain JSON data (plotly's own encoder handles its numeric types)."""
    return json.loads(pio.to_json(fig, validate=False))


def event_row(ev: Event, doc_index: dict[str, int]) -> dict:
    """What the page needs of an event, raw text included (the script escapes it)."""
    d, src = ev.date, ev.sources[0]
    row = {"type": ev.type, "mode": ev.mode or "", "actors": sorted({p.id for p in ev.actors}),
           "roles": [[p.name, p.role] for p in ev.actors], "place": ev.location.name if ev.location else "",
           "sentence": xml_safe(src.sentence), "doc": doc_index.get(src.document, 0), "more": len(ev.sources) - 1,
           "n": len(ev.sources), "unc": uncertain(ev)}
    if d:
        row.update(start=d.start.isoformat(), end=d.end.isoformat(), days=(d.end - d.start).days + 1,
                   gran=d.granularity, cert=d.certainty, value=d.value, written=d.text or "")
    return row


def render_html(events: list[Event], documents: list[Document], title: str = "Timeline",
                known: dict[str, Actor] | None = None) -> str:
    actors = event_actors(events, known=known)
    fig, lanes = build_figure(events, actors)
    undated = sum(1 for e in events if e.date is None)
    summary = (f"{len(events)} events ({len(events) - undated} dated, {undated} undated) "
               f"from {len(documents)} document(s).")
    used = {p.id for e in events for p in e.actors}
    actor_options = "".join(f'<option value="{esc(a.id)}">{esc(a.name)}</option>'
                            for a in sorted(actors.values(), key=lambda a: a.name.lower()) if a.id in used)
    type_options = "".join(f'<option value="{esc(t)}">{esc(t)}</option>' for t in sorted({e.type for e in events}))
    docs = sorted(documents, key=lambda d: d.id)
    doc_index = {d.id: i for i, d in enumerate(docs)}
    titles = [xml_safe(d.title or d.id) for d in docs] or [""]
    data = {"events": [event_row(ev, doc_index) for ev in events], "titles": titles, "lanes": lanes,
            "fig": _plain(fig), "net": _plain(network_figure(events, actors))}
    return PAGE.format(title=esc(title), summary=esc(summary), plotlyjs=get_plotlyjs(), data=_script_json(data),
                       script=SCRIPT, actor_options=actor_options, type_options=type_options)


def write_html(events: list[Event], documents: list[Document], target, title: str = "Timeline",
               known: dict[str, Actor] | None = None) -> None:
    write_bytes(target, lambda: render_html(events, documents, title, known).encode("utf-8"))
