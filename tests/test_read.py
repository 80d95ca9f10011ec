"""Reading inputs: sidecars, JSONL, HTML, encodings and bad files."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from timeline.read import InputError, Problem, clean_text, expand_inputs, parse_published, read_inputs

from .conftest import SAMPLE


def test_read_sample_with_sidecar():
    [doc] = list(read_inputs([str(SAMPLE)]))
    assert doc.published == dt.date(2022, 1, 16)
    assert doc.lang == "fr" and doc.id == "otan-russie-2022-01-16"
    assert doc.text == SAMPLE.read_text(encoding="utf-8")  # offsets stay valid in the original file


def test_read_jsonl_bad_line_is_reported_and_others_kept(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a", "text": "Le 12 janvier, réunion.", "published": "2022-01-16", "lang": "fr"}),
        "{not json",
        json.dumps({"id": "c", "published": "2022-01-16"}),
        json.dumps({"id": "d", "text": "Talks were held.", "published": "16 January 2022", "lang": "en"}),
    ]), encoding="utf-8")
    items = list(read_inputs([str(f)]))
    docs = [i for i in items if not isinstance(i, Problem)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [d.id for d in docs] == ["a", "d"]
    assert docs[1].published == dt.date(2022, 1, 16)
    assert [p.source for p in problems] == [f"{f}:2", f"{f}:3"]
    assert "'text'" in problems[1].reason


@pytest.mark.parametrize("content,message", [
    pytest.param(b"", "empty document", id="empty"),
    pytest.param(b"   \n\t ", "empty document", id="whitespace"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "binary file", id="binary"),
])
def test_read_bad_file_becomes_problem(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    [item] = list(read_inputs([str(f)]))
    assert isinstance(item, Problem) and message in item.reason and str(f) in item.reason


def test_read_latin1_and_bom(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Réunion à Genève le 12 janvier.".encode("cp1252"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffRéunion à Genève.".encode("utf-8"))
    docs = list(read_inputs([str(latin), str(bom)], {"lang": "fr"}))
    assert docs[0].text.startswith("Réunion à Genève") and docs[1].text.startswith("Réunion")


def test_read_html_takes_text_title_and_date(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("""<html><head><title>Talks in Geneva</title>
    <meta property="article:published_time" content="2022-01-10T08:00:00Z">
    <script>alert(1)</script></head><body><nav>Menu</nav><p>Les consultations ont eu lieu à Genève.</p></body></html>""",
                    encoding="utf-8")
    [doc] = list(read_inputs([str(page)]))
    assert doc.title == "Talks in Geneva" and doc.published == dt.date(2022, 1, 10)
    assert "alert" not in doc.text and "Menu" not in doc.text and "Genève" in doc.text


def test_read_control_characters_are_blanked_keeping_offsets():
    text = "a\x00b\x1bc\ud800d\ne"
    cleaned = clean_text(text)
    assert len(cleaned) == len(text) and cleaned == "a b c d\ne"


@pytest.mark.parametrize("value,expected", [
    ("2022-01-16", dt.date(2022, 1, 16)), ("2022-01-16T23:00:00+01:00", dt.date(2022, 1, 16)),
    ("16 janvier 2022", dt.date(2022, 1, 16)), ("Jan 16, 2022", dt.date(2022, 1, 16)), (None, None),
])
def test_read_parse_published(value, expected):
    assert parse_published(value, "x") == expected


def test_read_parse_published_rejects_nonsense():
    with pytest.raises(InputError, match="cannot read publication date"):
        parse_published("someday", "x")


def test_read_missing_input_and_empty_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        expand_inputs([str(tmp_path / "nope.txt")])
    with pytest.raises(InputError, match="no readable document"):
        expand_inputs([str(tmp_path)])
