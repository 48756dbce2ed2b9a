"""Running over many documents: workers, dask, resume after a kill."""
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

import pipeline
from conftest import REPO, needs_extra
from pipeline.run import run

SENTENCES = [
    "Франция Германияға алғыс айтты.", "Жапония мен Оңтүстік Корея Қазақстанға көмек жіберуге уәде етті.",
    "Ресей 2022 жылдың ақпан айында Украинаға шабуыл жасады.", "Өзбекстан Қазақстан мен Қытайға алғыс айтты.",
    "Ресей президенті Владимир Путин сәрсенбі күні Қытайға барды.", "Түркия бұл келісімге кепілдік бермейді.",
]


def make_corpus(folder, n, seed=0):
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = " ".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(1, 4)))
        (folder / f"doc{i:05d}.txt").write_text(f"date 2025-09-{1 + i % 28:02d} {text}\n", encoding="utf-8")
    return folder


def graph(out):
    return json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load()


def test_run_two_workers_give_the_same_output_as_one(tmp_path, nlp):
    corpus = make_corpus(tmp_path / "c", 24)
    one = run([corpus], tmp_path / "one", nlp)
    two = run([corpus], tmp_path / "two", nlp, workers=2, batch_size=3)
    assert one.documents == two.documents == 24
    assert graph(tmp_path / "one") == graph(tmp_path / "two")
    assert (tmp_path / "one" / "documents.jsonl").read_text() == (tmp_path / "two" / "documents.jsonl").read_text()


def test_run_dask_local_cluster_gives_the_same_output(tmp_path, nlp):
    distributed = needs_extra("distributed", "dask")
    corpus = make_corpus(tmp_path / "c", 12)
    run([corpus], tmp_path / "local", nlp)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        summary = run([corpus], tmp_path / "dask", nlp, executor="dask", scheduler=cl.scheduler_address,
                      batch_size=4)
    assert summary.documents == 12
    assert graph(tmp_path / "local") == graph(tmp_path / "dask")


def test_run_resume_after_a_kill_has_every_document_exactly_once(tmp_path):
    corpus = make_corpus(tmp_path / "c", 300, seed=1)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "-o", str(out), "--quiet"]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    docs = out / "documents.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline:
        if docs.exists() and docs.read_bytes().count(b"\n") >= 20:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "graph.jsonld").exists(), "the run finished before it could be killed"
    done_before = docs.read_bytes().count(b"\n")
    assert 20 <= done_before < 300
    result = subprocess.run(cmd + ["--resume"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "from the earlier run" in result.stdout
    ids = [json.loads(line)["id"] for line in docs.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 300 and len(set(ids)) == 300
    clean = tmp_path / "clean"
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(corpus), "-o", str(clean), "--quiet"], cwd=REPO,
                   check=True, capture_output=True)
    key = lambda g: sorted(json.dumps(n, sort_keys=True, ensure_ascii=False) for n in g["@graph"])  # noqa: E731
    assert key(graph(out)) == key(graph(clean))
    needs_extra("pyshacl", "export")
    from pipeline.export import validate

    assert validate(out / "graph.jsonld")[0]
