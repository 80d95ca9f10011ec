"""Size and time-to-interactive of the HTML timeline for many events, in headless Chromium.

    python benchmarks/bench_html.py [--events 5000]

Targets for 5,000 events: file under 8 MB; interactive (chart drawn and the
page's filter script done) in under 3 s; a filter change is timed too.
Needs Debian's chromium (scripts/test.sh installs it).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from synthetic import synthetic_events

from timeline.render import render_html

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=5000)
    args = ap.parse_args()
    events, documents = synthetic_events(args.events, days=365)
    t0 = time.perf_counter()
    page_html = render_html(events, documents)
    render_s = time.perf_counter() - t0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "timeline.html"
        path.write_text(page_html, encoding="utf-8")
        size = path.stat().st_size
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("document.getElementById('timeline-chart').hasAttribute('data-shown')", timeout=60_000)
        ready_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        page.select_option("#type-filter", "CONSULT")
        page.wait_for_function("document.getElementById('timeline-chart').getAttribute('data-shown') !== '%d'"
                               % sum(1 for e in events if e.date))
        filter_s = time.perf_counter() - t0
        browser.close()
    print(f"{len(events)} events")
    print(f"render (Python)        {render_s:6.2f} s")
    print(f"file size              {size / 1e6:6.2f} MB  (target < 8 MB: {'met' if size < 8e6 else 'NOT met'})")
    print(f"load to interactive    {ready_s:6.2f} s  (target < 3 s: {'met' if ready_s < 3 else 'NOT met'})")
    print(f"type filter            {filter_s:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
