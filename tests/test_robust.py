"""Bad input gets a clear error, loses nothing; same input gives the same bytes; random input never crashes."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from timeline.export import write_events_json, write_graphml
from timeline.pipeline import run
from timeline.read import Problem, read_inputs

from .conftest import ROOT, SAMPLE, run_cli

SCHEMA = json.loads((ROOT / "schemas" / "events.schema.json").read_text(encoding="utf-8"))
OUTPUTS = ("events.json", "timeline.graphml", "timeline.html")


@dataclass
class Bad:
    name: str  # file name to create ("" for none)
    content: bytes | None  # None: a directory
    message: str
    extra: tuple = ()
    code: int = 1


BAD_INPUTS = [
    pytest.param(Bad("missing.txt", b"", "no such file"), id="missing-file"),
    pytest.param(Bad("emptydir", None, "no readable document"), id="empty-directory"),
    pytest.param(Bad("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"), id="binary"),
    pytest.param(Bad("empty.txt", b"", "empty document"), id="empty"),
    pytest.param(Bad("blank.txt", b" \n\t\r\n  ", "empty document"), id="whitespace-only"),
    pytest.param(Bad("big.txt", b"Le 12 janvier. " * 200, "larger than the limit", ("--max-size", "0.001")),
                 id="too-large"),
    pytest.param(Bad("bad.jsonl", b"{nope\n[1, 2]\n", "invalid JSON"), id="jsonl-all-bad"),
    pytest.param(Bad("date.jsonl", b'{"text": "Le 12 janvier.", "published": "tomorrowish"}\n',
                     "cannot read publication date"), id="bad-published"),
    pytest.param(Bad("lang.jsonl", b'{"text": "Der Gipfel fand statt.", "lang": "de"}\n', "unsupported language"),
                 id="unsupported-language"),
]


@pytest.mark.parametrize("bad", BAD_INPUTS)
def test_robust_bad_input_table(bad, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_text("previous run", encoding="utf-8")
    target = tmp_path / bad.name
    if bad.content is None:
        target.mkdir()
    elif bad.name != "missing.txt":
        target.write_bytes(bad.content)
    proc = run_cli("build", str(target), "--out", str(out), *bad.extra)
    err = proc.stderr.decode()
    assert proc.returncode == bad.code, err
    assert bad.message in err and str(target) in err and "Traceback" not in err
    for name in OUTPUTS:
        assert (out / name).read_text(encoding="utf-8") == "previous run", name
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no temporary file left


def test_robust_one_bad_document_is_skipped_and_summarised(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "in" / "a.meta.json").write_text('{"published": "2022-01-16", "lang": "fr"}', encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "in" / "c.txt").write_bytes(b"   ")
    proc = run_cli("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    err = proc.stderr.decode()
    assert proc.returncode == 3
    assert "1 document(s) read, 2 skipped (1 binary, 1 empty)" in err
    assert json.loads((tmp_path / "out" / "events.json").read_text())["documents"][0]["id"] == "a"


def test_robust_legacy_encoding_is_guessed_and_reported(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Le ministre a déclaré à Genève que la réunion était très importante.".encode("cp1252"))
    proc = run_cli("build", str(f), "--lang", "fr", "--published", "2022-01-16", "--out", str(tmp_path / "o"))
    assert proc.returncode == 0 and b"read as cp1252" in proc.stderr
    sentence = json.loads((tmp_path / "o" / "events.json").read_text())["events"][0]["sources"][0]["sentence"]
    assert "déclaré à Genève" in sentence


def test_robust_utf16_and_include(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes("Le Kremlin insiste pour obtenir des garanties.".encode("utf-16"))
    (d / "skip.md").write_text("Le Kremlin refuse.", encoding="utf-8")
    items = list(read_inputs([str(d)], {"lang": "fr"}, include=["*.txt"]))
    assert [i.text for i in items] == ["Le Kremlin insiste pour obtenir des garanties."]


def test_robust_same_input_any_order_same_bytes(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    texts = {"x.jsonl": [{"id": "b", "text": "Le 12 janvier, Vladimir Poutine a rencontré Emmanuel Macron.",
                          "published": "2022-01-16", "lang": "fr"}],
             "y.jsonl": [{"id": "a", "text": "Le 12 janvier, Emmanuel Macron a rencontré Vladimir Poutine à Moscou.",
                          "published": "2022-01-17", "lang": "fr"}]}
    for name, rows in texts.items():
        (d / name).write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    outs = []
    for order in (["x.jsonl", "y.jsonl"], ["y.jsonl", "x.jsonl"]):
        out = tmp_path / "-".join(order)
        proc = run_cli("build", *[str(d / n) for n in order], "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        outs.append(out)
    for name in OUTPUTS:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_robust_interrupt_leaves_previous_outputs(tmp_path):
    big = tmp_path / "big.jsonl"
    text = SAMPLE.read_text(encoding="utf-8")
    big.write_text("\n".join(json.dumps({"id": f"d{i}", "text": text, "published": "2022-01-16", "lang": "fr"})
                             for i in range(300)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_text("previous run", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "timeline", "build", str(big), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    time.sleep(6)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted" in err and b"Traceback" not in err
    for name in OUTPUTS:
        assert (out / name).read_text(encoding="utf-8") == "previous run"
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_robust_sample_events_json_matches_schema(sample_build):
    _, data, _ = sample_build
    jsonschema.validate(data, SCHEMA)


# --- properties -----------------------------------------------------------------

def _check_outputs(items, graphml_schema):
    result = run(items)
    buf = io.BytesIO()
    write_events_json(result.events, result.documents, buf)
    jsonschema.validate(json.loads(buf.getvalue()), SCHEMA)
    g = io.BytesIO()
    write_graphml(result.graph, g)
    graphml_schema.assertValid(etree.fromstring(g.getvalue()).getroottree())
    return result


TEXT = st.text(st.characters(codec="utf-8"), max_size=200)
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(text=st.one_of(TEXT, st.builds(lambda a, b: a + " Le 12 janvier, le Kremlin a rencontré l'OTAN à Genève. " + b,
                                      TEXT, TEXT)),
       lang=st.sampled_from(["fr", "en"]))
def test_robust_property_random_text(text, lang, graphml_schema):
    line = json.dumps({"id": "p", "text": text, "published": "2022-01-16", "lang": lang})
    items = list(read_inputs(["-"], stdin=io.BytesIO(line.encode())))
    _check_outputs(items, graphml_schema)


@PROPERTY
@given(data=st.binary(max_size=400))
def test_robust_property_random_bytes(data, tmp_path_factory, graphml_schema):
    f = tmp_path_factory.mktemp("bytes") / "x.txt"
    f.write_bytes(data)
    items = list(read_inputs([str(f)], {"lang": "fr", "published": "2022-01-16"}))
    assert all(isinstance(i, Problem) or i.text.strip() for i in items)
    _check_outputs(items, graphml_schema)


@PROPERTY
@given(lines=st.lists(st.one_of(
    st.text(max_size=60),
    st.builds(json.dumps, st.dictionaries(st.sampled_from(["id", "text", "published", "lang", "title", "url"]),
                                          st.one_of(st.text(max_size=40), st.integers(), st.none()), max_size=6))),
    max_size=6))
def test_robust_property_random_jsonl(lines, graphml_schema):
    items = list(read_inputs(["-"], stdin=io.BytesIO("\n".join(lines).encode("utf-8", "surrogatepass"))))
    _check_outputs(items, graphml_schema)


def test_robust_internal_error_skips_one_document(monkeypatch):
    from timeline import pipeline
    from timeline.model import Document

    real = pipeline.extract_events

    def flaky(parsed, times, mentions):
        if parsed.document.id == "bad":
            raise RuntimeError("boom")
        return real(parsed, times, mentions)
    monkeypatch.setattr(pipeline, "extract_events", flaky)
    docs = [Document(id=i, text="Le 12 janvier, Vladimir Poutine a rencontré Emmanuel Macron.", source=i,
                     published=dt.date(2022, 1, 16)) for i in ("bad", "good")]
    result = run(docs)
    assert [d.id for d in result.documents] == ["good"]
    assert len(result.problems) == 1 and "internal error" in result.problems[0].reason
    assert result.events and all(s.document == "good" for e in result.events for s in e.sources)
