"""Build the sample and save a screenshot of its timeline to docs/timeline.png (for the README).

    .venv/bin/python scripts/screenshot.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "timeline", "build", str(ROOT / "seeds"), "--out", tmp], check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                              "--no-first-run"])
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.goto((Path(tmp) / "timeline.html").as_uri())
            page.wait_for_function("document.getElementById('timeline-chart').hasAttribute('data-shown')")
            page.screenshot(path=str(ROOT / "docs" / "timeline.png"), clip={"x": 0, "y": 0, "width": 1300, "height": 820})
            browser.close()
    print("wrote docs/timeline.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
