"""Exports: events.json and GraphML, written atomically.

Every writer takes a path or an open binary file.  A path is written through
a temporary file in the same folder and renamed into place, so a failed run
never leaves a half-written file behind.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

import networkx as nx

from .graph import event_actors
from .model import Document, Event

SCHEMA_VERSION = 1
# Characters XML 1.0 forbids (networkx's writers either emit them or raise).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _XML_INVALID.sub(" ", text)


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike | BinaryIO):
    """Yield a binary file; for a path, replace the target only once all is written."""
    if hasattr(target, "write"):
        yield target
        return
    path = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(target, produce: Callable[[], bytes]) -> None:
    """Produce the whole content first, then write it atomically."""
    data = produce()
    with atomic_output(target) as fh:
        fh.write(data)


def events_document(events: list[Event], documents: list[Document]) -> dict:
    """The events.json structure (see the README for the contract)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": [{"id": d.id, "source": d.source, "title": d.title,
                       "published": d.published.isoformat() if d.published else None,
                       "lang": d.lang, "url": d.url} for d in sorted(documents, key=lambda d: d.id)],
        "actors": [a.as_dict() for a in event_actors(events).values()],
        "events": [ev.as_dict() for ev in events],
    }


def write_events_json(events: list[Event], documents: list[Document], target) -> None:
    def produce() -> bytes:
        text = json.dumps(events_document(events, documents), ensure_ascii=False, indent=2)
        return (xml_safe(text) + "\n").encode("utf-8")
    write_bytes(target, produce)


def _clean_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph(**g.graph)

    def clean(attrs: dict) -> dict:
        return {k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items() if v is not None}
    for n, attrs in g.nodes(data=True):
        out.add_node(n, **clean(attrs))
    # GraphML edge ids are unique in the whole file, not per node pair: number them.
    for i, (u, v, k, attrs) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        out.add_edge(u, v, key=f"e{i}", **clean(attrs))
    return out


def write_graphml(g: nx.MultiDiGraph, target) -> None:
    """GraphML with named keys (``label``, not ``d3``, which Gephi reads as the label)."""
    def produce() -> bytes:
        buf = io.BytesIO()
        nx.write_graphml_lxml(_clean_graph(g), buf, named_key_ids=True)
        return buf.getvalue()
    write_bytes(target, produce)
