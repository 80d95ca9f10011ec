"""The HTML timeline: one self-contained page with plotly.js embedded.

- Lanes by event type or by actor (a switch); events that overlap in a lane are
  stacked in sub-lanes instead of being drawn over each other.
- Ranges are bars, single days are markers; week, month and reported dates are
  drawn light and hatched (bars) or hollow (markers) so the eye sees the
  uncertainty.
- Filters by actor and by event type; a second view draws the actor network.
- Undated events are listed under the chart: nothing is silently dropped.

Article text is untrusted. Everything that reaches plotly is HTML-escaped
(plotly renders a subset of HTML in hover text, links included), everything
in the page is escaped, and the data block for the page's script is JSON in
which "<" cannot close the script element.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import math

import networkx as nx
import plotly.graph_objects as go

from .export import write_bytes, xml_safe
from .graph import event_actors
from .model import Actor, Document, Event

TYPE_COLOURS = {
    "CONSULT": "#1f77b4", "STATEMENT": "#7f7f7f", "DEMAND": "#d62728", "REQUEST": "#ff7f0e",
    "REJECT": "#8c564b", "AGREE": "#2ca02c", "COOPERATE": "#17becf", "SUPPORT": "#bcbd22",
    "ACCUSE": "#e377c2", "THREATEN": "#9467bd", "SANCTION": "#393b79", "ASSAULT": "#000000",
}
DAY_MS = 86_400_000


def esc(text: str | None) -> str:
    """Text made inert for plotly's labels and for HTML."""
    return html.escape(xml_safe(text or ""), quote=True)


def _wrap(text: str, width: int = 90) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return "<br>".join(esc(x) for x in lines)


def uncertain(ev: Event) -> bool:
    return ev.date is not None and (ev.date.granularity != "day" or ev.date.certainty == "reported")


def hover_text(ev: Event, titles: dict[str, str]) -> str:
    d = ev.date
    when = "no date"
    if d:
        span = d.start.isoformat() if d.start == d.end else f"{d.start.isoformat()} → {d.end.isoformat()}"
        when = f"{span} ({esc(d.granularity)}, {esc(d.certainty)}; TIMEX3 {esc(d.value)})"
        if d.text:
            when += f"<br>as written: “{esc(d.text)}”"
    actors = ", ".join(f"{esc(p.name)} ({esc(p.role)})" for p in ev.actors) or "—"
    parts = [f"<b>{esc(ev.type)}</b>{' · ' + esc(ev.mode) if ev.mode else ''}", f"date: {when}",
             f"actors: {actors}"]
    if ev.location:
        parts.append(f"place: {esc(ev.location.name)}")
    for s in ev.sources[:3]:
        parts.append(f"<i>{esc(titles.get(s.document, s.document))}</i>")
        parts.append(_wrap(s.sentence[:400]))
    if len(ev.sources) > 3:
        parts.append(f"… and {len(ev.sources) - 3} more sources")
    return "<br>".join(parts)


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


def _traces(rows: list[tuple[str, Event]], mode: str, titles: dict[str, str], visible: bool) -> list:
    """Bar and marker traces, one pair per event type, for one lane mode."""
    lanes = stack_lanes(rows)
    traces = []
    for type_ in sorted({ev.type for _, ev in rows}):
        colour = TYPE_COLOURS.get(type_, "#555555")
        group = [(lane, ev) for lane, ev in rows if ev.type == type_]
        bars = [(lane, ev) for lane, ev in group if ev.date.start != ev.date.end]
        points = [(lane, ev) for lane, ev in group if ev.date.start == ev.date.end]
        if bars:
            traces.append(go.Bar(
                name=type_, legendgroup=type_, orientation="h", meta={"mode": mode, "legend": True}, visible=visible,
                showlegend=visible, base=[ev.date.start.isoformat() for _, ev in bars],
                x=[((ev.date.end - ev.date.start).days + 1) * DAY_MS for _, ev in bars],
                y=[lanes[(lane, ev.id)] for lane, ev in bars],
                marker=dict(color=colour, opacity=[0.35 if uncertain(ev) else 0.95 for _, ev in bars],
                            pattern=dict(shape=["/" if uncertain(ev) else "" for _, ev in bars])),
                hovertext=[hover_text(ev, titles) for _, ev in bars], hoverinfo="text",
                customdata=[ev.id for _, ev in bars]))
        if points:
            traces.append(go.Scatter(
                name=type_, legendgroup=type_, mode="markers", meta={"mode": mode, "legend": not bars},
                visible=visible,
                showlegend=visible and not bars,
                x=[dt.datetime.combine(ev.date.start, dt.time(12)).isoformat() for _, ev in points],
                y=[lanes[(lane, ev.id)] for lane, ev in points],
                marker=dict(color=colour, size=[10 + 2 * min(len(ev.sources), 5) for _, ev in points],
                            symbol=["circle-open" if uncertain(ev) else "circle" for _, ev in points],
                            line=dict(width=2, color=colour)),
                hovertext=[hover_text(ev, titles) for _, ev in points], hoverinfo="text",
                customdata=[ev.id for _, ev in points]))
    return traces


def _lane_order(traces: list, mode: str) -> list[str]:
    cats = sorted({y for t in traces if t.meta["mode"] == mode for y in t.y}, key=lambda c: (c.split(" ·")[0],
                                                                                 int(c.split(" ·")[1]) if " ·" in c else 1))
    return cats[::-1]  # first lane at the top


def build_figure(events: list[Event], documents: list[Document], actors: dict[str, Actor]) -> tuple[go.Figure, dict]:
    titles = {d.id: d.title or d.id for d in documents}
    dated = [e for e in events if e.date]
    by_type = [(ev.type, ev) for ev in dated]
    by_actor = [(actors[p.id].name if p.id in actors else p.name, ev) for ev in dated for p in ev.actors]
    traces = _traces(by_type, "type", titles, True) + _traces(by_actor, "actor", titles, False)
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
        fig.add_trace(go.Scatter(x=[pos[a][0], pos[b][0]], y=[pos[a][1], pos[b][1]], mode="lines",
                                 line=dict(width=1 + 1.5 * math.log1p(data["weight"]), color="#9aa"),
                                 hoverinfo="skip", showlegend=False))
    nodes = sorted(g.nodes)
    names = [actors[a].name if a in actors else a for a in nodes]
    fig.add_trace(go.Scatter(
        x=[pos[a][0] for a in nodes], y=[pos[a][1] for a in nodes], mode="markers+text",
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
{chart}
<h2>Actor network</h2>
<p class="muted">Actors sized by their number of events; lines by the events they share.</p>
{network}
<h2>Events without a date</h2>
<p class="muted">Kept, never given a made-up date.</p>
{undated}
<h2>All events</h2>
{table}
<script type="application/json" id="timeline-data">{data}</script>
<script>
(function () {{
  var gd = document.getElementById("timeline-chart");
  var meta = JSON.parse(document.getElementById("timeline-data").textContent);
  var lane = document.getElementById("lane-mode");
  var actorSel = document.getElementById("actor-filter");
  var typeSel = document.getElementById("type-filter");
  var shown = document.getElementById("shown-count");
  var orig = null;
  function copy(v) {{ return Array.isArray(v) ? v.slice() : v; }}
  function snapshot() {{
    orig = gd.data.map(function (t) {{
      var m = t.marker || {{}};
      return {{x: copy(t.x), y: copy(t.y), base: copy(t.base), hovertext: copy(t.hovertext),
              customdata: copy(t.customdata) || [], opacity: copy(m.opacity), size: copy(m.size),
              symbol: copy(m.symbol), shape: m.pattern ? copy(m.pattern.shape) : undefined,
              mode: t.meta.mode, legend: t.meta.legend}};
    }});
  }}
  function pick(v, idx) {{ return Array.isArray(v) ? idx.map(function (i) {{ return v[i]; }}) : v; }}
  function keep(id) {{
    var e = meta.events[id];
    return (!actorSel.value || e.actors.indexOf(actorSel.value) >= 0) && (!typeSel.value || e.type === typeSel.value);
  }}
  function apply() {{
    if (!orig) snapshot();
    var mode = lane.value, drawn = {{}};
    var upd = {{x: [], y: [], base: [], hovertext: [], customdata: [], visible: [], showlegend: [],
               "marker.opacity": [], "marker.size": [], "marker.symbol": [], "marker.pattern.shape": []}};
    orig.forEach(function (t) {{
      var idx = [];
      t.customdata.forEach(function (id, j) {{ if (keep(id)) {{ idx.push(j); if (t.mode === mode) drawn[id] = 1; }} }});
      upd.x.push(pick(t.x, idx)); upd.y.push(pick(t.y, idx)); upd.base.push(pick(t.base, idx));
      upd.hovertext.push(pick(t.hovertext, idx)); upd.customdata.push(pick(t.customdata, idx));
      upd.visible.push(t.mode === mode); upd.showlegend.push(t.mode === mode && t.legend);
      upd["marker.opacity"].push(pick(t.opacity, idx)); upd["marker.size"].push(pick(t.size, idx));
      upd["marker.symbol"].push(pick(t.symbol, idx)); upd["marker.pattern.shape"].push(pick(t.shape, idx));
    }});
    // restyling x and y clears axis types that plotly would guess again from the bar lengths:
    // give them back in the same call
    Plotly.update(gd, upd, {{"xaxis.type": "date", "yaxis.type": "category",
                            "yaxis.categoryarray": meta.lanes[mode]}});
    var n = Object.keys(drawn).length;
    shown.textContent = n + " dated event" + (n === 1 ? "" : "s") + " shown";
    gd.setAttribute("data-shown", String(n));
    document.querySelectorAll("tr[data-event]").forEach(function (r) {{ r.hidden = !keep(r.getAttribute("data-event")); }});
  }}
  [lane, actorSel, typeSel].forEach(function (s) {{ s.addEventListener("change", apply); }});
  apply();
}})();
</script>
</body>
</html>
"""


def _table(events: list[Event], titles: dict[str, str]) -> str:
    if not events:
        return "<p>None.</p>"
    rows = []
    for ev in events:
        d = ev.date
        when = "—" if d is None else (d.start.isoformat() if d.start == d.end else f"{d.start} → {d.end}")
        if d:
            when += f" <span class='muted'>({esc(d.granularity)}, {esc(d.certainty)})</span>"
        actors = ", ".join(esc(p.name) for p in ev.actors)
        source = ev.sources[0]
        more = f", +{len(ev.sources) - 1}" if len(ev.sources) > 1 else ""
        rows.append(f"<tr data-event=\"{esc(ev.id)}\"><td>{when}</td><td>{esc(ev.type)}</td><td>{actors}</td>"
                    f"<td>{esc(ev.location.name) if ev.location else ''}</td>"
                    f"<td>{esc(source.sentence)} <span class='muted'>— "
                    f"{esc(titles.get(source.document, source.document))}{more}</span></td></tr>")
    return ("<table><thead><tr><th>date</th><th>type</th><th>actors</th><th>place</th><th>source</th></tr></thead>"
            "<tbody>" + "".join(rows) + "</tbody></table>")


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element: no "<", no line separators."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(events: list[Event], documents: list[Document], title: str = "Timeline",
                known: dict[str, Actor] | None = None) -> str:
    titles = {d.id: d.title or d.id for d in documents}
    actors = event_actors(events, known=known)
    fig, lanes = build_figure(events, documents, actors)
    config = {"displaylogo": False, "responsive": True}
    chart = fig.to_html(full_html=False, include_plotlyjs=True, div_id="timeline-chart", config=config)
    network = network_figure(events, actors).to_html(full_html=False, include_plotlyjs=False,
                                                     div_id="network-chart", config=config)
    undated = [e for e in events if e.date is None]
    summary = (f"{len(events)} events ({len(events) - len(undated)} dated, {len(undated)} undated) "
               f"from {len(documents)} document(s).")
    used = {p.id for e in events for p in e.actors}
    actor_options = "".join(f'<option value="{esc(a.id)}">{esc(a.name)}</option>'
                            for a in sorted(actors.values(), key=lambda a: a.name.lower()) if a.id in used)
    type_options = "".join(f'<option value="{esc(t)}">{esc(t)}</option>' for t in sorted({e.type for e in events}))
    data = {"events": {e.id: {"type": e.type, "actors": sorted({p.id for p in e.actors})} for e in events},
            "lanes": lanes}
    return PAGE.format(title=esc(title), summary=esc(summary), chart=chart, network=network,
                       undated=_table(undated, titles), table=_table(events, titles), data=_script_json(data),
                       actor_options=actor_options, type_options=type_options)


def write_html(events: list[Event], documents: list[Document], target, title: str = "Timeline",
               known: dict[str, Actor] | None = None) -> None:
    write_bytes(target, lambda: render_html(events, documents, title, known).encode("utf-8"))
