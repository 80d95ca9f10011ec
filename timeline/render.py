"""The HTML timeline: one self-contained page with plotly.js embedded.

Ranges are bars, single days are markers; week, month and reported dates are
drawn light and hatched so the eye sees the uncertainty.  Events that overlap
in one lane are stacked in sub-lanes.  Undated events are listed under the
chart.  All article text is escaped before it reaches plotly or the page:
plotly renders a subset of HTML in hover text, and article text is untrusted.
"""
from __future__ import annotations

import datetime as dt
import html
import json

import plotly.graph_objects as go

from .export import write_bytes, xml_safe
from .model import Document, Event

TYPE_COLOURS = {
    "CONSULT": "#1f77b4", "STATEMENT": "#7f7f7f", "DEMAND": "#d62728", "REQUEST": "#ff7f0e",
    "REJECT": "#8c564b", "AGREE": "#2ca02c", "COOPERATE": "#17becf", "SUPPORT": "#bcbd22",
    "ACCUSE": "#e377c2", "THREATEN": "#9467bd", "SANCTION": "#393b79", "ASSAULT": "#000000",
}


def esc(text: str | None) -> str:
    """Text made inert for plotly's hover labels and for HTML."""
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


def _lanes(events: list[Event]) -> dict[str, str]:
    """A lane label per event: its type, with sub-lanes so overlapping events do not cover each other."""
    out: dict[str, str] = {}
    ends: dict[str, list[dt.date]] = {}
    for ev in sorted(events, key=lambda e: (e.type, e.date.start, e.date.end, e.id)):
        lane_ends = ends.setdefault(ev.type, [])
        for i, end in enumerate(lane_ends):
            if ev.date.start > end:
                lane_ends[i] = ev.date.end
                break
        else:
            lane_ends.append(ev.date.end)
            i = len(lane_ends) - 1
        out[ev.id] = ev.type if i == 0 else f"{ev.type} ·{i + 1}"
    return out


def build_figure(events: list[Event], documents: list[Document]) -> go.Figure:
    titles = {d.id: d.title or d.id for d in documents}
    dated = [e for e in events if e.date]
    lanes = _lanes(dated)
    fig = go.Figure()
    for type_ in sorted({e.type for e in dated}):
        colour = TYPE_COLOURS.get(type_, "#555555")
        group = [e for e in dated if e.type == type_]
        bars = [e for e in group if e.date.start != e.date.end]
        points = [e for e in group if e.date.start == e.date.end]
        if bars:
            fig.add_trace(go.Bar(
                name=type_, legendgroup=type_, orientation="h",
                base=[e.date.start.isoformat() for e in bars],
                x=[((e.date.end - e.date.start).days + 1) * 86_400_000 for e in bars],
                y=[lanes[e.id] for e in bars],
                marker=dict(color=colour,
                            opacity=[0.95 if e.date.granularity == "day" and e.date.certainty != "reported" else 0.35
                                     for e in bars],
                            pattern=dict(shape=["" if e.date.granularity == "day" else "/" for e in bars])),
                hovertext=[hover_text(e, titles) for e in bars], hoverinfo="text",
                customdata=[e.id for e in bars],
            ))
        if points:
            fig.add_trace(go.Scatter(
                name=type_, legendgroup=type_, showlegend=not bars, mode="markers",
                x=[dt.datetime.combine(e.date.start, dt.time(12)).isoformat() for e in points],
                y=[lanes[e.id] for e in points],
                marker=dict(color=colour, size=[10 + 2 * min(len(e.sources), 5) for e in points],
                            symbol=["circle-open" if e.date.certainty == "reported" else "circle" for e in points],
                            line=dict(width=2, color=colour)),
                hovertext=[hover_text(e, titles) for e in points], hoverinfo="text",
                customdata=[e.id for e in points],
            ))
    fig.update_layout(
        title=dict(text="Timeline"), barmode="overlay", height=max(320, 80 + 40 * len(set(lanes.values()))),
        xaxis=dict(type="date", rangeslider=dict(visible=True)),
        yaxis=dict(type="category", categoryorder="category descending", automargin=True),
        hoverlabel=dict(align="left"), legend=dict(title="event type"),
        margin=dict(l=20, r=20, t=60, b=20),
    )
    return fig


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1rem 2rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 0.3rem; text-align: left; vertical-align: top; }}
.muted {{ color: #666; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="muted">{summary}</p>
{chart}
<h2>Events without a date</h2>
<p class="muted">Kept, never given a made-up date.</p>
{undated}
<h2>All events</h2>
{table}
<script type="application/json" id="timeline-data">{data}</script>
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
        rows.append(f"<tr data-event='{esc(ev.id)}'><td>{when}</td><td>{esc(ev.type)}</td><td>{actors}</td>"
                    f"<td>{esc(ev.location.name) if ev.location else ''}</td>"
                    f"<td>{esc(source.sentence)} <span class='muted'>— {esc(titles.get(source.document, source.document))}"
                    f"{f', +{len(ev.sources) - 1}' if len(ev.sources) > 1 else ''}</span></td></tr>")
    return ("<table><thead><tr><th>date</th><th>type</th><th>actors</th><th>place</th><th>source</th></tr></thead>"
            "<tbody>" + "".join(rows) + "</tbody></table>")


def render_html(events: list[Event], documents: list[Document], title: str = "Timeline") -> str:
    titles = {d.id: d.title or d.id for d in documents}
    fig = build_figure(events, documents)
    chart = fig.to_html(full_html=False, include_plotlyjs=True, div_id="timeline-chart",
                        config={"displaylogo": False, "responsive": True})
    undated = [e for e in events if e.date is None]
    summary = (f"{len(events)} events ({len(events) - len(undated)} dated, {len(undated)} undated) "
               f"from {len(documents)} document(s).")
    # JSON inside <script> must not be able to close the element.
    data = json.dumps({"events": [e.id for e in events]}).replace("<", "\\u003c")
    return PAGE.format(title=esc(title), summary=esc(summary), chart=chart, undated=_table(undated, titles),
                       table=_table(events, titles), data=data)


def write_html(events: list[Event], documents: list[Document], target, title: str = "Timeline") -> None:
    write_bytes(target, lambda: render_html(events, documents, title).encode("utf-8"))
