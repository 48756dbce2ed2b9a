"""A Dask worker killed mid-run: the run completes, every document exactly once."""
import json
import os
import signal

from conftest import needs_extra
from pipeline.run import run

TEXTS = [
    "Франция Германияға алғыс айтты.", "Жапония мен Оңтүстік Корея Қазақстанға көмек жіберуге уәде етті.",
    "Ресей президенті Владимир Путин сәрсенбі күні Қытайға барды.", "Өзбекстан Қазақстан мен Қытайға алғыс айтты.",
    "Түркия бұл келісімге кепілдік бермейді.", "Путин Түркияға алғыс айтты.",
]


def test_dask_worker_killed_mid_run_every_document_once(tmp_path, nlp):
    distributed = needs_extra("distributed", "dask")
    src = tmp_path / "in"
    src.mkdir()
    for i in range(18):
        (src / f"d{i:02d}.txt").write_text(f"date 2024-05-{1 + i % 28:02d}\n{TEXTS[i % len(TEXTS)]} "
                                           f"{TEXTS[(i * 5) % len(TEXTS)]}\n", encoding="utf-8")
    run([src], tmp_path / "one", nlp)
    killed = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        def kill_one(_source):
            if not killed:  # after the first result: one worker process dies (SIGKILL, no goodbye)
                nanny = next(iter(cl.workers.values()))
                pid = nanny.process.process.pid
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
        summary = run([src], tmp_path / "dask", nlp, executor="dask", scheduler=cl.scheduler_address,
                      batch_size=1, on_document=kill_one)
    assert killed and summary.documents == 18
    ids = [json.loads(line)["id"] for line in (tmp_path / "dask" / "documents.jsonl").read_text("utf-8").splitlines()]
    assert len(ids) == len(set(ids)) == 18
    assert (tmp_path / "dask" / "documents.jsonl").read_text("utf-8") == (tmp_path / "one" / "documents.jsonl").read_text("utf-8")
    assert (tmp_path / "dask" / "errors.jsonl").read_text("utf-8") == ""


def test_dask_worker_killed_while_reading_archive_units(tmp_path, nlp):
    """The same with zip members and JSON Lines blocks as the units a worker reads."""
    distributed = needs_extra("distributed", "dask")
    import zipfile

    src = tmp_path / "in"
    src.mkdir()
    with zipfile.ZipFile(src / "a.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(8):
            zf.writestr(f"m{i}.txt", f"date 2024-05-{1 + i:02d}\n{TEXTS[i % len(TEXTS)]}\n")
    (src / "b.jsonl").write_text("".join(json.dumps({"id": f"j{i}", "text": TEXTS[(i * 5) % len(TEXTS)]},
                                                    ensure_ascii=False) + "\n" for i in range(10)), encoding="utf-8")
    run([src], tmp_path / "one", nlp)
    killed = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        def kill_one(_source):
            if not killed:
                nanny = next(iter(cl.workers.values()))
                os.kill(nanny.process.process.pid, signal.SIGKILL)
                killed.append(True)
        summary = run([src], tmp_path / "dask", nlp, executor="dask", scheduler=cl.scheduler_address,
                      batch_size=2, on_document=kill_one)
    assert killed and summary.documents == 18
    assert (tmp_path / "dask" / "documents.jsonl").read_text("utf-8") == (tmp_path / "one" / "documents.jsonl").read_text("utf-8")
