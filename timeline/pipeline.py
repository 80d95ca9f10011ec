"""The one place where the stages are wired together.

read -> parse -> dates -> actors -> events (per document) -> merge -> graph -> exports
"""
from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Protocol

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


def analyse(documents: list[Document], failures: list[Problem] | None = None) -> list[Analysis]:
    """Run the per-document stages on a batch of documents.

    A document that makes a stage fail is reported in ``failures`` (when given) and
    left out, so one odd article never costs the rest of a batch; without
    ``failures`` the error propagates.
    """
    out = []
    for parsed in parse(documents):
        doc = parsed.document
        try:
            times = find_dates(doc.text, doc.published, doc.lang, parsed.tense_at)
            times = [t for t in times if not parsed.in_boilerplate(t.start)]
            mentions = find_mentions(parsed)
            events = extract_events(parsed, times, mentions)
        except Exception as exc:  # noqa: BLE001 - reported with the document's name, never silent
            if failures is None:
                raise
            failures.append(Problem(doc.source, f"{doc.source}: internal error while extracting events "
                                                f"({type(exc).__name__}: {exc}); document skipped, please report it"))
            continue
        out.append(Analysis(doc, times, mentions, events))
    return out


@dataclass
class Result:
    documents: list[Document]
    events: list[Event]
    graph: nx.MultiDiGraph
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    actors: dict[str, Actor] | None = None  # actors as read back from an events.json


def extract(documents: list[Document]) -> tuple[list[Event], list[Problem]]:
    """The events of a batch of documents, and the documents that failed: the unit of work
    sent to worker processes."""
    failures: list[Problem] = []
    return [e for analysis in analyse(documents, failures) for e in analysis.events], failures


class Executor(Protocol):
    """What runs batches elsewhere: concurrent.futures executors and dask's Client both fit."""

    def submit(self, fn, *args, **kwargs): ...


def local_executor(jobs: int) -> Executor:
    """Worker processes for ``jobs`` > 1. On Linux they are forked after the spaCy model is
    loaded here, so they share it instead of loading it again."""
    import multiprocessing

    from .parse import load_model

    load_model("fr")
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def run(items: Iterable[Document | Problem], min_confidence: float = 0.0, batch_size: int = 16,
        progress: Callable[[int], None] | None = None, jobs: int = 1,
        executor_factory: Callable[[], Executor] | None = None) -> Result:
    """Everything from documents to the merged events and the graph.

    Documents are read, sent in batches to the per-document stages and let go:
    only their metadata and their events stay in memory. With ``jobs`` > 1 (or an
    ``executor_factory``, e.g. a dask client), batches run elsewhere, at most
    twice as many in flight as workers; the merge does not depend on the order
    results come back in, so the outputs are the same as with one job.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    events: list[Event] = []
    warnings: list[str] = []
    batch: list[Document] = []
    seen_ids: set[str] = set()
    executor: Executor | None = None
    pending: deque = deque()
    if executor_factory is None and jobs > 1:
        executor_factory = partial(local_executor, jobs)

    held: list[list[Document]] = []  # the first batch waits: a run of one batch needs no workers

    def take(found: tuple[list[Event], list[Problem]]) -> None:
        events.extend(found[0])
        problems.extend(found[1])

    def submit(work: list[Document]) -> None:
        pending.append(executor.submit(extract, work))
        while len(pending) > 2 * max(jobs, 1):
            take(pending.popleft().result())

    def flush(final: bool = False) -> None:
        nonlocal executor
        work = list(batch)
        batch.clear()
        if work and progress:
            progress(len(work))
        if executor_factory is None:
            if work:
                take(extract(work))
            return
        if executor is None:
            if work:
                held.append(work)
            if len(held) == 1 and final:
                take(extract(held.pop()))
            if len(held) < 2:
                return
            executor = executor_factory()
            for w in held:
                submit(w)
            held.clear()
        elif work:
            submit(work)

    try:
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
            documents.append(replace(item, text=""))  # the text is not needed once analysed
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
        flush(final=True)
        while pending:
            take(pending.popleft().result())
    finally:
        if isinstance(executor, ProcessPoolExecutor):  # a dask client belongs to its caller
            executor.shutdown(cancel_futures=True)
    events = [e for e in events if e.confidence >= min_confidence]
    merged = merge_events(events)
    failed = {p.source for p in problems}
    documents = sorted((d for d in documents if d.source not in failed), key=lambda d: d.id)
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
