"""The command line as a user meets it: help, errors, exit codes, stdin."""
from __future__ import annotations

import json

import pytest

from .conftest import SAMPLE, run_cli


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["dates", "--help"]])
def test_cli_help_has_example(args):
    proc = run_cli(*args)
    assert proc.returncode == 0 and b"Example:" in proc.stdout


@pytest.mark.parametrize("args,message", [
    pytest.param(["build", "does-not-exist.txt"], b"no such file", id="missing-file"),
    pytest.param(["dates"], b"give FILE arguments", id="dates-no-input"),
])
def test_cli_errors_are_one_line(args, message, tmp_path):
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 1
    assert message in proc.stderr and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().strip().count("\n") == 0


def test_cli_bad_published_is_usage_error(tmp_path):
    proc = run_cli("build", str(SAMPLE), "--published", "someday", "--out", str(tmp_path))
    assert proc.returncode == 2 and b"cannot read publication date" in proc.stderr


def test_cli_unwritable_output_fails_before_work(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run_cli("build", str(SAMPLE), "--out", str(blocker / "out"))
    assert proc.returncode == 1 and b"cannot write to output folder" in proc.stderr


def test_cli_skipped_documents_exit_3_and_outputs_written(tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": "ok", "text": "Le 12 janvier, Vladimir Poutine a rencontré Emmanuel Macron.",
                                 "published": "2022-01-16", "lang": "fr"}) + "\n{bad\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("build", str(batch), "--out", str(out))
    assert proc.returncode == 3 and f"{batch}:2".encode() in proc.stderr
    assert json.loads((out / "events.json").read_text())["documents"][0]["id"] == "ok"


def test_cli_stdin_and_published_option(tmp_path):
    proc = run_cli("build", "-", "--published", "2022-01-16", "--lang", "fr", "--out", str(tmp_path),
                   stdin="Le 12 janvier, Vladimir Poutine a rencontré Emmanuel Macron à Moscou.".encode())
    assert proc.returncode == 0, proc.stderr
    events = json.loads((tmp_path / "events.json").read_text())["events"]
    assert [e["date"]["value"] for e in events if e["type"] == "CONSULT"] == ["2022-01-12"]


def test_cli_missing_publication_date_warns(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Le 12 janvier, Vladimir Poutine a rencontré Emmanuel Macron.", encoding="utf-8")
    proc = run_cli("build", str(f), "--lang", "fr", "--out", str(tmp_path / "o"))
    assert proc.returncode == 0 and b"no publication date" in proc.stderr
    events = json.loads((tmp_path / "o" / "events.json").read_text())["events"]
    assert all(e["date"] is None for e in events)  # "le 12 janvier" has no year: no made-up one


def test_cli_dates_jsonl():
    line = json.dumps({"id": "a", "text": "les 9 et 10 janvier", "lang": "fr", "published": "2022-01-16"})
    proc = run_cli("dates", "--jsonl", stdin=(line + "\n").encode())
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["id"] == "a"
    assert [(d["text"], d["value"], d["start"], d["end"]) for d in out["dates"]] == [
        ("les 9", "2022-01-09", 0, 5), ("10 janvier", "2022-01-10", 9, 19)]


def test_cli_export_reproduces_build_outputs(sample_build, tmp_path):
    out, _, _ = sample_build
    proc = run_cli("export", str(out / "events.json"), "--out", str(tmp_path), "--format", "json,graphml")
    assert proc.returncode == 0, proc.stderr
    for name in ("events.json", "timeline.graphml"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_cli_build_all_formats(tmp_path):
    proc = run_cli("build", str(SAMPLE), "--out", str(tmp_path), "--format", "gexf,csv,timelinejs")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event_actors.csv", "events.csv", "timeline.gexf",
                                                          "timelinejs.json"]


def test_cli_unknown_format_is_usage_error(tmp_path):
    proc = run_cli("build", str(SAMPLE), "--out", str(tmp_path), "--format", "pdf")
    assert proc.returncode == 2 and b"unknown format" in proc.stderr
