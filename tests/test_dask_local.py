"""--executor dask without --scheduler: a local cluster of our own, closed at the end."""
import json

import pytest

from conftest import needs_extra
from pipeline import run as run_module
from pipeline.executors import dask as dask_executor
from pipeline.executors import work
from pipeline.run import run

TEXTS = [
    "Франция Германияға алғыс айтты.", "Жапония мен Оңтүстік Корея Қазақстанға көмек жіберуге уәде етті.",
    "Ресей президенті Владимир Путин сәрсенбі күні Қытайға барды.", "Путин Түркияға алғыс айтты.",
    "Өзбекстан Қазақстан мен Қытайға алғыс айтты.", "Түркия бұл келісімге кепілдік бермейді.",
]


def _records(out):
    return [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]


def _worker_settings():
    import os

    import dask

    return (os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.admin.tick.interval"),
            dask.config.get("distributed.worker.profile.enabled"))


def test_dask_without_scheduler_starts_and_closes_a_local_cluster(tmp_path, nlp, monkeypatch):
    needs_extra("distributed", "dask")
    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(TEXTS):
        (src / f"d{i}.txt").write_text(f"date 2024-05-{i + 1:02d}\n{text}\n", encoding="utf-8")
    started = []
    real = dask_executor.local_cluster

    def spy(workers=None):
        cluster = real(workers)
        started.append(cluster)
        # the workers run with configs/dask_workers.yaml: no malloc trim threshold in their
        # environment (Dask's default costs the pipeline ~8%), a 1 s tick, no profiler
        from dask.distributed import Client

        with Client(cluster) as client:
            assert set(client.run(_worker_settings).values()) == {(None, "1s", False)}
        # the scheduler's HTTP server on a free local port: not 8787, which another may hold
        assert cluster.dashboard_link.startswith("http://127.0.0.1:") and ":8787/" not in cluster.dashboard_link
        return cluster
    monkeypatch.setattr(dask_executor, "local_cluster", spy)
    one = run([src], tmp_path / "one", nlp)
    dask = run([src], tmp_path / "dask", nlp, executor="dask", workers=2, batch_size=2)
    assert len(started) == 1
    cluster = started[0]
    assert cluster.status.name == "closed"
    assert one.documents == dask.documents == len(TEXTS)
    a, b = _records(tmp_path / "one"), _records(tmp_path / "dask")
    assert [r["id"] for r in a] == [r["id"] for r in b]
    assert [[c["id"] for c in r["claims"]] for r in a] == [[c["id"] for c in r["claims"]] for r in b]
    assert a == b
    assert (tmp_path / "one" / "graph.jsonld").read_text("utf-8") == (tmp_path / "dask" / "graph.jsonld").read_text("utf-8")
    manifest = json.loads((tmp_path / "dask" / "run.json").read_text("utf-8"))
    assert manifest["executor"]["scheduler"] == "local cluster" and manifest["executor"]["workers"] == 2


def test_a_scheduler_without_the_dask_executor_is_refused(tmp_path, nlp):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    with pytest.raises(run_module.RunError, match="--executor dask"):
        run([src], tmp_path / "out", nlp, scheduler="tcp://127.0.0.1:8786")
    assert not (tmp_path / "out").exists()


def test_local_cluster_is_sized_as_asked(monkeypatch):
    needs_extra("distributed", "dask")
    seen = {}

    class FakeCluster:
        def __init__(self, **kw):
            seen.update(kw)
    import dask.distributed

    monkeypatch.setattr(dask.distributed, "LocalCluster", FakeCluster)
    monkeypatch.setattr(dask_executor.os, "cpu_count", lambda: 6)
    dask_executor.local_cluster(None)
    assert seen["n_workers"] == 6 and seen["threads_per_worker"] == 1 and seen["processes"] is True
    dask_executor.local_cluster(2)
    assert seen["n_workers"] == 2


def test_worker_settings_file_reads_as_dask_keys():
    settings = dask_executor.dask_worker_settings()
    assert settings["distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"] is None
    assert settings["distributed.worker.profile.enabled"] is False
    assert all(not isinstance(v, dict) for v in settings.values())


def test_cli_dask_without_scheduler_is_accepted(tmp_path, monkeypatch):
    needs_extra("distributed", "dask")
    from typer.testing import CliRunner

    from pipeline.cli import app

    calls = {}

    def fake_run(inputs, out, nlp, **kw):
        calls.update(kw)
        raise RuntimeError("stop here")
    monkeypatch.setattr("pipeline.run.run", fake_run)
    src = tmp_path / "a.txt"
    src.write_text("Франция Германияға алғыс айтты.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "o"), "--executor", "dask", "-w", "2"])
    assert result.exit_code == 2 and "stop here" in result.output
    assert calls["executor"] == "dask" and calls["scheduler"] is None and calls["workers"] == 2


def test_dask_local_cluster_with_the_partitioned_layout(tmp_path, nlp):
    needs_extra("distributed", "dask")
    needs_extra("pyarrow", "export")
    import gzip

    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(TEXTS):
        (src / f"d{i}.txt").write_text(f"date 2024-05-{i + 1:02d}\n{text}\n", encoding="utf-8")
    run([src], tmp_path / "one", nlp)
    run([src], tmp_path / "parts", nlp, executor="dask", workers=2, batch_size=2, layout="partitioned", shard_size=4)
    parts = []
    for p in sorted((tmp_path / "parts" / "documents").glob("part-*.jsonl.gz")):
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            parts.extend(json.loads(line) for line in fh)
    assert parts == _records(tmp_path / "one")  # input order kept across shards


def _mixed_corpus(src):
    src.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(TEXTS[:4]):
        (src / f"d{i}.txt").write_text(f"date 2024-05-{i + 1:02d}\n{text}\n", encoding="utf-8")
    (src / "empty.txt").write_text("date 2024-05-09\n   \n", encoding="utf-8")  # a read error
    (src / "feed.jsonl").write_text("\n".join(json.dumps({"id": f"j{i}", "text": t, "date": "2024-06-01"},
                                                         ensure_ascii=False) for i, t in enumerate(TEXTS[4:])) + "\n",
                                    encoding="utf-8")
    return src


def _errors(out):
    return sorted(json.dumps(json.loads(line), sort_keys=True)
                  for line in (out / "errors.jsonl").read_text("utf-8").splitlines())


def test_text_files_are_units_the_worker_reads(tmp_path, nlp):
    from pipeline.io.inputs import iter_documents
    from pipeline.io.json_lines import JsonlUnit
    from pipeline.io.reading import content_hash
    from pipeline.io.text_files import FileUnit
    from pipeline.io.writers import doc_key

    src = _mixed_corpus(tmp_path / "in")
    items = list(iter_documents([src], units=True))
    assert [type(i).__name__ for i in items] == ["FileUnit"] * 5 + ["JsonlUnit"]
    assert [i.doc_id for i in items[:5]] == ["d0", "d1", "d2", "d3", "empty"]
    units = [FileUnit(str(src / "d0.txt"), "d0"), FileUnit(str(src / "empty.txt"), "empty"),
             FileUnit(str(src / "d1.txt"), "d1")]
    key = json.dumps(nlp.config, sort_keys=True, ensure_ascii=False) + str(nlp.config_path)
    work._WORKER_PIPELINES[key] = nlp
    out = dask_executor._process_units(key, nlp.config, type(nlp), units, done={doc_key("d1", "nope")})
    assert [kind for kind, _, _ in out] == ["ok", "read_error", "ok"]
    assert out[1][1]["source"] == str(src / "empty.txt") and "empty document" in out[1][1]["reason"]
    assert out[1][2] is None and out[2][2][:1] == ("d1",) and out[2][2][2:] == (2, 0)
    d1 = units[2].read()
    done = {doc_key("d1", content_hash(d1.text))}
    assert dask_executor._process_units(key, nlp.config, type(nlp), [units[2]], done=done) == [
        ("skip", {"source": str(src / "d1.txt"), "id": "d1"}, ("d1", content_hash(d1.text), 0, 0))]
    feed = dask_executor._process_units(key, nlp.config, type(nlp), [items[5]], only=(1, "renamed"))
    assert isinstance(items[5], JsonlUnit) and [(k, p["id"]) for k, p, _ in feed] == [("ok", "renamed")]


def test_dask_workers_read_their_files_same_output_and_resume(tmp_path, nlp):
    needs_extra("distributed", "dask")
    src = _mixed_corpus(tmp_path / "in")
    run([src], tmp_path / "one", nlp)
    # a first dask run over part of the input, then --resume over all of it
    grow = tmp_path / "grow"  # an input folder that grows between the runs
    grow.mkdir()
    for name in ("d0.txt", "d2.txt", "empty.txt"):
        (grow / name).write_bytes((src / name).read_bytes())
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        run([src], tmp_path / "dask", nlp, executor="dask", scheduler=cl.scheduler_address, batch_size=2)
        first = run([grow], tmp_path / "resumed", nlp, executor="dask", scheduler=cl.scheduler_address)
        for p in src.iterdir():
            (grow / p.name).write_bytes(p.read_bytes())
        resumed = run([grow], tmp_path / "resumed", nlp, executor="dask", scheduler=cl.scheduler_address,
                      resume=True, batch_size=2)
    assert _records(tmp_path / "dask") == _records(tmp_path / "one")
    assert _errors(tmp_path / "dask") == _errors(tmp_path / "one")
    assert first.documents == 2 and resumed.skipped == 3
    assert sorted(r["id"] for r in _records(tmp_path / "resumed")) == sorted(r["id"] for r in _records(tmp_path / "one"))
    by_id = {r["id"]: r for r in _records(tmp_path / "one")}
    assert all(by_id[r["id"]]["claims"] == r["claims"] for r in _records(tmp_path / "resumed"))
    assert len(_errors(tmp_path / "resumed")) == 1  # the unreadable file once, not again
