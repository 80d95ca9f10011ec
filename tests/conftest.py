"""Shared fixtures. Paths are relative to the repository, with ../shared beside it."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
SAMPLE = SEEDS / "otan-russie-2022-01-16.fr.txt"


@pytest.fixture(scope="session")
def graphml_schema():
    from lxml import etree

    xsd = SHARED / "schemas" / "graphml" / "graphml.xsd"
    assert xsd.exists(), f"GraphML schema missing: {xsd} (../shared must stand beside the repository)"
    return etree.XMLSchema(etree.parse(str(xsd)))


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real command line, in a subprocess, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "timeline", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample built once through the CLI: (output folder, events.json content, process)."""
    out = tmp_path_factory.mktemp("sample-out")
    proc = run_cli("build", str(SEEDS), "--out", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    return out, json.loads((out / "events.json").read_text(encoding="utf-8")), proc


@pytest.fixture
def jan16():
    return dt.date(2022, 1, 16)
