"""Parallel and distributed runs give the same result as one process."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from timeline.model import Document
from timeline.pipeline import run

from .conftest import SAMPLE, run_cli

PEOPLE = ["Vladimir Poutine", "Emmanuel Macron", "Olaf Scholz", "Antony Blinken", "Sergueï Lavrov"]


def corpus(n: int = 24) -> list[Document]:
    sample = SAMPLE.read_text(encoding="utf-8")
    docs = []
    for i in range(n):
        a, b = PEOPLE[i % 5], PEOPLE[(i + 2) % 5]
        text = (f"Le {i % 27 + 1} janvier, {a} a rencontré {b} à Genève. Le Kremlin insiste pour obtenir des "
                f"garanties, a déclaré {a}.\n" + (sample if i % 6 == 0 else ""))
        docs.append(Document(id=f"d{i:03d}", text=text, source=f"d{i}", published=dt.date(2022, 1, 28), lang="fr"))
    return docs


def events_of(result) -> list[dict]:
    return [e.as_dict() for e in result.events]


@pytest.fixture(scope="module")
def reference():
    return events_of(run(corpus(), batch_size=4, jobs=1))


def test_scale_jobs_2_same_as_jobs_1(reference):
    assert events_of(run(corpus(), batch_size=4, jobs=2)) == reference


def test_scale_dask_local_cluster_same_as_local(reference):
    from dask import distributed
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        result = run(corpus(), batch_size=4, executor_factory=lambda: client)
        assert len(client.scheduler_info()["workers"]) == 2
    assert events_of(result) == reference


def test_scale_cli_jobs_outputs_identical(tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(json.dumps({"id": d.id, "text": d.text, "published": "2022-01-28", "lang": "fr"})
                               for d in corpus(40)), encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        proc = run_cli("build", str(batch), "--out", str(out), "--jobs", jobs)
        assert proc.returncode == 0, proc.stderr
        outs.append(out)
    for name in ("events.json", "timeline.graphml", "timeline.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_scale_documents_keep_no_text():
    result = run(corpus(6), batch_size=2)
    assert all(d.text == "" for d in result.documents)  # texts are let go once analysed
    assert len(result.documents) == 6
