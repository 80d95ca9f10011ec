"""Language data files: each has a header, and a malformed row names its file and line."""
from __future__ import annotations

from importlib import resources

import pytest

from timeline import data
from timeline.data import DataFileError, read_jsonl

ROOT = resources.files("timeline").joinpath("resources")
FILES = sorted(str(p.relative_to(str(ROOT))) for p in __import__("pathlib").Path(str(ROOT)).rglob("*")
               if p.is_file())


@pytest.mark.parametrize("relpath", FILES)
def test_data_file_has_source_licence_format_header(relpath):
    text = ROOT.joinpath(relpath).read_text(encoding="utf-8")
    head = text[:1500].lower()
    for word in ("source", "licence", "format"):
        assert word in head, f"{relpath}: no '{word}' in the header"


def test_data_malformed_row_names_file_and_line(monkeypatch):
    monkeypatch.setattr(data, "resource_text", lambda rel: '# source: x\n{"pattern": "a"}\n{broken\n')
    with pytest.raises(DataFileError, match=r"resources/fr/aliases.jsonl:3"):
        read_jsonl("fr/aliases.jsonl", ("pattern",))
