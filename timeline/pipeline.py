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
from .export import write_events_json, write_graphml
from .graph import build_graph
from .merge import merge_events
from .model import Analysis, Document, Event
from .parse import parse
from .read import Problem
from .render import write_html

OUTPUTS = {"html": "timeline.html", "graphml": "timeline.graphml", "json": "events.json"}


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
        documents.append(item)
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    flush()
    events = [e for e in events if e.confidence >= min_confidence]
    merged = merge_events(events)
    documents.sort(key=lambda d: d.id)
    return Result(documents, merged, build_graph(merged, documents), problems, warnings)


def write_outputs(result: Result, out_dir: Path, formats: Iterable[str] = ("html", "graphml", "json"),
                  title: str = "Timeline") -> list[Path]:
    written = []
    for fmt in formats:
        path = out_dir / OUTPUTS[fmt]
        if fmt == "json":
            write_events_json(result.events, result.documents, path)
        elif fmt == "graphml":
            write_graphml(result.graph, path)
        elif fmt == "html":
            write_html(result.events, result.documents, path, title)
        written.append(path)
    return written


def check_writable(out_dir: Path) -> None:
    """Fail before any work when the output folder cannot be written."""
    import tempfile

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".probe."):
        pass
