"""The one place where the stages are wired together.

read -> parse -> dates -> actors -> events (per document) -> merge -> graph -> exports
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from .actors import find_mentions
from .dates import find_dates
from .events import extract_events
from .export import (write_events_csv, write_events_json, write_gexf, write_graphml, write_links_csv,
                     write_timelinejs)
from .graph import build_graph
from .merge import merge_events
from .model import Actor, Analysis, Document, Event
from .parse import parse
from .read import Problem
from .render import write_html

OUTPUTS = {"html": ("timeline.html",), "graphml": ("timeline.graphml",), "json": ("events.json",),
           "gexf": ("timeline.gexf",), "csv": ("events.csv", "event_actors.csv"), "timelinejs": ("timelinejs.json",)}
DEFAULT_FORMATS = ("html", "graphml", "json")


def analyse(documents: list[Document]) -> list[Analysis]:
    """Run the per-document stages on a batch of documents."""
    out = []
    for parsed in parse(documents):
        doc = parsed.document
        times = find_dates(doc.text, doc.published, doc.lang, parsed.tense_at)
        times = [t for t in times if not parsed.in_boilerplate(t.start)]
        mentions = find_mentions(parsed)
        events = extract_events(parsed, times, mentions)
        out.append(Analysis(doc, parsed.sentences(), times, mentions, events))
    return out


@dataclass
class Result:
    documents: list[Document]
    events: list[Event]
    graph: nx.MultiDiGraph
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    actors: dict[str, Actor] | None = None  # actors as read back from an events.json


def run(items: Iterable[Document | Problem], min_confidence: float = 0.0, batch_size: int = 64,
        progress: Callable[[int], None] | None = None) -> Result:
    """Everything from documents to the merged events and the graph."""
    documents: list[Document] = []
    problems: list[Problem] = []
    events: list[Event] = []
    warnings: list[str] = []
    batch: list[Document] = []
    seen_ids: set[str] = set()

    def flush() -> None:
        for analysis in analyse(batch):
            events.extend(analysis.events)
            if progress:
                progress(1)
        batch.clear()

    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        if item.id in seen_ids:
            problems.append(Problem(item.source, f"{item.source}: duplicate document id {item.id!r}, skipped"))
            continue
        seen_ids.add(item.id)
        if item.published is None:
            warnings.append(f"{item.source}: no publication date; dates without a year stay without one")
        if item.encoding:
            warnings.append(f"{item.source}: not UTF-8; read as {item.encoding} (guessed by charset-normalizer)")
        documents.append(item)
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    flush()
    events = [e for e in events if e.confidence >= min_confidence]
    merged = merge_events(events)
    documents.sort(key=lambda d: d.id)
    return Result(documents, merged, build_graph(merged, documents), problems, warnings)


def write_outputs(result: Result, out_dir: Path, formats: Iterable[str] = DEFAULT_FORMATS,
                  title: str = "Timeline") -> list[Path]:
    written = []
    for fmt in formats:
        paths = [out_dir / name for name in OUTPUTS[fmt]]
        if fmt == "json":
            write_events_json(result.events, result.documents, paths[0], result.actors)
        elif fmt == "graphml":
            write_graphml(result.graph, paths[0])
        elif fmt == "gexf":
            write_gexf(result.graph, paths[0])
        elif fmt == "csv":
            write_events_csv(result.events, paths[0])
            write_links_csv(result.events, paths[1], result.actors)
        elif fmt == "timelinejs":
            write_timelinejs(result.events, result.documents, paths[0], title)
        elif fmt == "html":
            write_html(result.events, result.documents, paths[0], title, result.actors)
        written.extend(paths)
    return written


def from_events_json(path: Path) -> Result:
    """A Result rebuilt from an events.json, for exports without re-reading articles."""
    from .export import load_events_json

    events, documents, actors = load_events_json(path)
    return Result(documents, events, build_graph(events, documents, known=actors), actors=actors)


def check_writable(out_dir: Path) -> None:
    """Fail before any work when the output folder cannot be written."""
    import tempfile

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".probe."):
        pass
