"""Export time for a large chronology: build the graph and write every format.

    python benchmarks/bench_export.py [--events 100000]

The events are made by repeating the sample article's events with shifted
dates, rotated actors and fresh ids, so their shapes (actors per event,
sentence lengths, date kinds) are those of real output. Target: 100,000
events exported (graph + GraphML) in under 30 s.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from synthetic import synthetic_events

from timeline.export import (write_events_csv, write_events_json, write_gexf, write_graphml, write_links_csv,
                             write_timelinejs)
from timeline.graph import build_graph

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args()
    events, documents = synthetic_events(args.events)
    timings = {}
    t0 = time.perf_counter()
    g = build_graph(events, documents)
    timings["graph"] = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        for name, fn in [("graphml", lambda p: write_graphml(g, p)), ("gexf", lambda p: write_gexf(g, p)),
                         ("json", lambda p: write_events_json(events, documents, p)),
                         ("csv", lambda p: (write_events_csv(events, p), write_links_csv(events, io.BytesIO()))),
                         ("timelinejs", lambda p: write_timelinejs(events, documents, p))]:
            t0 = time.perf_counter()
            fn(Path(tmp) / name)
            timings[name] = time.perf_counter() - t0
    print(f"{len(events)} events, graph of {g.number_of_nodes()} nodes and {g.number_of_edges()} edges")
    for name, seconds in timings.items():
        print(f"{name:12} {seconds:7.2f} s")
    total = timings["graph"] + timings["graphml"]
    print(f"graph + GraphML: {total:.2f} s (target < 30 s: {'met' if total < 30 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
