"""The HTML timeline in a real browser: Debian's chromium driven by Playwright.

Playwright uses the system browser (/usr/bin/chromium, installed by
scripts/test.sh); it downloads nothing. A missing browser fails these tests.
"""
from __future__ import annotations

import json
import shutil

import pytest

from .conftest import run_cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync"]

HOSTILE = [
    "<script>window.__xss = 1</script> Le 12 janvier, Vladimir Poutine a rencontré Emmanuel Macron à Moscou.",
    'Le 13 janvier, <img src=x onerror="window.__xss = 2"> Sergueï Lavrov a rencontré Antony Blinken à Genève.',
    'Le 14 janvier, Olaf Scholz a rencontré <a href="javascript:window.__xss=3">Joe Biden</a> à Berlin. <b style="x">b</b>',
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A loaded timeline page with what it logged and requested."""

    def __init__(self, browser, path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.errors, self.requests = [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("document.getElementById('timeline-chart').hasAttribute('data-shown')")

    def drawn(self) -> int:
        self.page.wait_for_timeout(200)
        return self.page.evaluate("document.querySelectorAll('#timeline-chart .cartesianlayer .point').length")

    def shown(self) -> int:
        return int(self.page.get_attribute("#timeline-chart", "data-shown"))

    def hover_texts(self) -> list[str]:
        texts = []
        for point in self.page.query_selector_all("#timeline-chart .cartesianlayer .point"):
            box = point.bounding_box()
            if not box:
                continue
            self.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            self.page.wait_for_timeout(120)
            texts.append(self.page.evaluate(
                "Array.from(document.querySelectorAll('#timeline-chart .hoverlayer text'))"
                ".map(t => t.textContent).join(' ')"))
        return texts


@pytest.fixture(scope="module")
def sample_page(browser, sample_build):
    out, data, _ = sample_build
    return Page(browser, out / "timeline.html"), data


def test_browser_loads_offline_without_errors(sample_page):
    page, _ = sample_page
    assert page.errors == []
    assert page.requests == [page.url]  # plotly.js is embedded: no other request


def test_browser_draws_every_dated_event(sample_page):
    page, data = sample_page
    dated = sum(1 for e in data["events"] if e["date"])
    assert page.drawn() == dated and page.shown() == dated


def test_browser_filters_change_what_is_shown(sample_page):
    page, data = sample_page
    page.page.select_option("#actor-filter", "osce")
    assert page.drawn() == 1 and page.shown() == 1
    page.page.select_option("#actor-filter", "")
    page.page.select_option("#type-filter", "STATEMENT")
    assert page.shown() == sum(1 for e in data["events"] if e["type"] == "STATEMENT" and e["date"])
    page.page.select_option("#type-filter", "")
    assert page.shown() == sum(1 for e in data["events"] if e["date"])


def test_browser_lanes_by_actor(sample_page):
    page, _ = sample_page
    page.page.select_option("#lane-mode", "actor")
    page.page.wait_for_timeout(200)
    lanes = page.page.evaluate("Array.from(document.querySelectorAll('#timeline-chart .ytick text')).map(t => t.textContent)")
    assert "OSCE" in lanes and "Russia" in lanes
    page.page.select_option("#lane-mode", "type")


def test_browser_hover_shows_source_sentence(sample_page):
    page, _ = sample_page
    texts = page.hover_texts()
    assert any("Genève" in t and "Geneva" in t for t in texts), texts


def test_browser_network_view_draws_actors(sample_page):
    page, data = sample_page
    nodes = page.page.evaluate("document.querySelectorAll('#network-chart .scatterlayer .point').length")
    assert nodes == len({a["id"] for e in data["events"] for a in e["actors"]})


def test_browser_hostile_text_stays_text(browser, tmp_path):
    batch = tmp_path / "hostile.jsonl"
    batch.write_text("\n".join(json.dumps({"id": f"h{i}", "text": t, "published": "2022-01-16", "lang": "fr",
                                           "title": "<script>window.__xss = 9</script>"})
                               for i, t in enumerate(HOSTILE)), encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("build", str(batch), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    page = Page(browser, out / "timeline.html")
    texts = page.hover_texts()
    assert page.page.evaluate("window.__xss === undefined")
    assert page.errors == []
    assert any("<script>" in t for t in texts)  # shown as text
    assert page.page.evaluate("document.querySelectorAll('img, a[href^=\"javascript\"], b[style]').length") == 0
    body = page.page.inner_text("body")
    assert "<script>window.__xss = 9</script>" in body and "onerror" in body
