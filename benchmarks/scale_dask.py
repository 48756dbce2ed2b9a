"""`--workers 2` vs a local Dask cluster of 2 workers, and the Dask driver's memory.

Two measurements (figures are printed, never asserted):

``throughput`` — N documents built from the shared Kazakh texts
(benchmarks/throughput.py's build_corpus: 4-12 sentences a document, plain-text
files in a temporary folder, or with ``--format jsonl`` one JSON Lines file) run
with the default pipeline (or ``--config``) by ``--workers 2`` (local process
pool) and by ``--executor dask`` on a ``LocalCluster`` of 2 worker processes, each
in a fresh process (the Dask workers warmed up first by a run of 8 documents, so
that loading the pipeline is not timed: the process pool forks a driver whose
pipeline is loaded); prints documents/s and words/s of both, and checks that both
wrote the same documents (documents.jsonl records sorted by id, the ``source``
field included) and the same errors.

``driver-memory`` — the driver process's peak memory on a Dask run of N SHORT
documents (one or two sentences each from the shared texts, all in one JSON Lines
file, so that the input listing itself holds nothing per document), with the
partitioned layout. The cluster (scheduler and 2 workers) runs in this process;
the driver — the process that calls ``pipeline.run.run`` — is a child process,
whose peak RSS (``getrusage(RUSAGE_SELF).ru_maxrss``) and RSS after the pipeline
loaded are printed, with its RSS sampled along the run. To keep 100k documents
in reach of a 2-core machine it uses a CHEAP pipeline config written to the
temporary folder: the default stages without the NER model (sentences, country
and organisation gazetteers, linker, roles, speech, case frames); say so when
quoting the numbers. With ``--compare-workers`` each N also runs with
``--workers 2`` (the process pool): both throughputs, and whether the two runs
wrote the same document records and the same merged entity table.

    python benchmarks/scale_dask.py throughput [--n 300] [--format txt|jsonl] [--config ...] [--batch 16]
    python benchmarks/scale_dask.py throughput --scheduler tcp://127.0.0.1:8786   # a cluster of your own
    python benchmarks/scale_dask.py driver-memory [--n 10000 100000] [--shard-size 1000] [--compare-workers]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))  # this checkout's pipeline, not an installed one
from throughput import build_corpus, sentences  # noqa: E402

CHEAP_STAGES = [
    {"factory": "kazakh_sentences.v1"},
    {"factory": "kazakh_morphology.v1"},
    {"factory": "country_gazetteer.v1"},
    {"factory": "org_gazetteer.v1", "lexicon": str(REPO / "configs" / "organisations_kk.yaml")},
    {"factory": "quantified_groups.v1", "lexicon": str(REPO / "configs" / "relations_kk.yaml")},
    {"factory": "entity_linker.v1"},
    {"factory": "roles.v1", "lexicon": str(REPO / "configs" / "relations_kk.yaml")},
    {"factory": "speech.v1", "lexicon": str(REPO / "configs" / "relations_kk.yaml")},
    {"factory": "case_frames.v1", "lexicon": str(REPO / "configs" / "relations_kk.yaml")},
]


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def child(args) -> None:
    """One run in this (fresh) process: the driver."""
    import pipeline
    from pipeline.run import run

    nlp = pipeline.load(args.config or None)
    loaded = _rss_mb()
    samples: list[tuple[float, float]] = []
    done = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(1.0):
            samples.append((done[0], _rss_mb()))

    def count(_source: str) -> None:
        done[0] += 1
    threading.Thread(target=sample, daemon=True).start()
    started = time.perf_counter()
    kw = dict(executor="dask", scheduler=args.scheduler) if args.scheduler else dict(workers=args.workers)
    summary = run([args.corpus], args.out, nlp, layout=args.layout, shard_size=args.shard_size,
                  batch_size=args.batch, on_document=count, **kw)
    seconds = time.perf_counter() - started
    stop.set()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"documents": summary.documents, "errors": summary.errors, "seconds": seconds,
                      "rss_after_load_mb": loaded, "peak_rss_mb": peak, "samples": samples[::max(1, len(samples) // 10)]}))


def _child(corpus: Path, out: Path, config: str, layout: str = "graph", workers: int = 1, scheduler: str = "",
           shard_size: int = 1000, batch: int = 16) -> dict:
    cmd = [sys.executable, __file__, "child", "--corpus", str(corpus), "--out", str(out), "--layout", layout,
           "--workers", str(workers), "--shard-size", str(shard_size), "--batch", str(batch)]
    if config:
        cmd += ["--config", config]
    if scheduler:
        cmd += ["--scheduler", scheduler]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if res.returncode != 0:
        raise SystemExit(res.stderr[-3000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def _cluster(n: int):
    from pipeline.executors.dask import local_cluster  # the cluster `claimgraph run --executor dask` starts

    return local_cluster(n)


def _loaded_pipelines() -> int:
    """On a worker: how many pipelines it has loaded."""
    from pipeline.executors.work import _WORKER_PIPELINES

    return len(_WORKER_PIPELINES)


def _sorted_records(out: Path) -> list[str]:
    lines = (out / "documents.jsonl").read_text("utf-8").splitlines()
    return sorted(lines, key=lambda line: json.loads(line)["id"])


def throughput(args) -> int:
    from dask.distributed import Client

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        corpus.mkdir()
        words = build_corpus(corpus, args.n)
        if args.format == "jsonl":  # the same documents as one JSON Lines file
            feed = tmp / "corpus.jsonl"
            with open(feed, "w", encoding="utf-8") as fh:
                for p in sorted(corpus.rglob("*.txt")):
                    text = p.read_text("utf-8")
                    fh.write(json.dumps({"id": p.stem, "date": text[5:15], "text": text[16:]}, ensure_ascii=False) + "\n")
            corpus = feed
        config = args.config or "default config"
        print(f"throughput: {args.n} documents, {words} words ({args.format}), {config}; "
              f"{time.strftime('%Y-%m-%d %H:%M')}")
        two = _child(corpus, tmp / "two", args.config, workers=2, batch=args.batch)
        # the cluster `claimgraph run --executor dask` starts, or (--scheduler) one of the user's
        with (contextlib.nullcontext(args.scheduler) if args.scheduler else _cluster(2)) as cl:
            address = args.scheduler or cl.scheduler_address
            # a warm-up run of a few tasks' documents: each worker loads the pipeline (the process
            # pool of --workers forks the driver, whose pipeline is already loaded, and is not timed
            # loading); the workers that did are counted, a run is only compared when both have
            warm = tmp / "warm"
            warm.mkdir()
            n_warm = 4 * args.batch
            if corpus.is_dir():
                for p in sorted(corpus.rglob("*.txt"))[:n_warm]:
                    (warm / p.name).write_bytes(p.read_bytes())
            else:
                (warm / "w.jsonl").write_text("".join(corpus.read_text("utf-8").splitlines(True)[:n_warm]), "utf-8")
            cold = _child(warm, tmp / "warm-out", args.config, scheduler=address, batch=args.batch)
            with Client(address) as client:
                per_worker = client.run(_loaded_pipelines)
            loaded = sum(n > 0 for n in per_worker.values())
            dask = _child(corpus, tmp / "dask", args.config, scheduler=address, batch=args.batch)
        dask_name = f"dask {args.scheduler}" if args.scheduler else "dask LocalCluster(2)"
        print(f"  dask warm-up ({n_warm} documents; workers that loaded the pipeline: {loaded} of {len(per_worker)}): "
              f"{cold['seconds']:.1f} s")
        for name, r in (("--workers 2", two), (dask_name, dask)):
            print(f"  {name:22s} {r['seconds']:7.1f} s  {r['documents'] / r['seconds']:6.1f} docs/s  "
                  f"{words / r['seconds']:8,.0f} words/s  (driver peak RSS {r['peak_rss_mb']:.0f} MB)")
        print(f"  dask / --workers 2 throughput: {two['seconds'] / dask['seconds']:.2f}")
        same_docs = _sorted_records(tmp / "two") == _sorted_records(tmp / "dask")
        same_errors = sorted((tmp / "two" / "errors.jsonl").read_text("utf-8").splitlines()) == sorted(
            (tmp / "dask" / "errors.jsonl").read_text("utf-8").splitlines())
        same_order = (tmp / "two" / "documents.jsonl").read_bytes() == (tmp / "dask" / "documents.jsonl").read_bytes()
        print(f"  identical documents (sorted by id): {same_docs}; identical errors: {same_errors}; "
              f"same order too: {same_order}")
        return 0 if same_docs and same_errors else 1


def driver_memory(args) -> int:
    pool = [s for s in sentences() if 3 <= len(s.split()) <= 25]
    if not pool:
        raise SystemExit("no shared sentences (is ../shared beside the checkout?)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        config = tmp / "cheap.yaml"
        config.write_text(json.dumps({"language": "kk", "stages": CHEAP_STAGES}, ensure_ascii=False), "utf-8")
        print(f"driver memory: --executor dask (LocalCluster of 2 in the benchmark process, the driver a child "
              f"process), --layout partitioned --shard-size {args.shard_size}, batch {args.batch}; CHEAP config "
              f"(default stages without the NER model); short documents (1-2 sentences) in one JSON Lines file; "
              f"{time.strftime('%Y-%m-%d %H:%M')}")
        ok = True
        with _cluster(2) as cl:
            for n in args.n:
                rnd = random.Random(n)
                feed = tmp / f"docs{n}.jsonl"
                words = 0
                with open(feed, "w", encoding="utf-8") as fh:
                    for i in range(n):
                        text = " ".join(rnd.choice(pool) for _ in range(rnd.randint(1, 2)))
                        words += len(text.split())
                        fh.write(json.dumps({"id": f"d{i:07d}", "date": f"2025-01-{1 + i % 28:02d}", "text": text},
                                            ensure_ascii=False) + "\n")
                r = _child(feed, tmp / f"out{n}", str(config), layout="partitioned", scheduler=cl.scheduler_address,
                           shard_size=args.shard_size, batch=args.batch)
                print(f"  N={n:>7}: {r['documents']} documents, {words} words, {r['seconds']:.0f} s "
                      f"({r['documents'] / r['seconds']:.0f} docs/s); driver RSS after loading the pipeline "
                      f"{r['rss_after_load_mb']:.0f} MB, peak {r['peak_rss_mb']:.0f} MB "
                      f"(+{r['peak_rss_mb'] - r['rss_after_load_mb']:.0f} MB)")
                print("      RSS along the run (documents done, MB): "
                      + ", ".join(f"{d}:{m:.0f}" for d, m in r["samples"]))
                if args.compare_workers:  # the same documents through the process pool
                    two = _child(feed, tmp / f"two{n}", str(config), layout="partitioned", workers=2,
                                 shard_size=args.shard_size, batch=args.batch)
                    same = _partitioned_output(tmp / f"two{n}") == _partitioned_output(tmp / f"out{n}")
                    print(f"      --workers 2: {two['seconds']:.0f} s ({two['documents'] / two['seconds']:.0f} docs/s, "
                          f"driver peak {two['peak_rss_mb']:.0f} MB); dask / --workers 2 throughput: "
                          f"{two['seconds'] / r['seconds']:.2f}; identical output (document records and merged "
                          f"entities): {same}")
                    ok = ok and same
    return 0 if ok else 1


def _partitioned_output(out: Path) -> tuple[list[str], list[str]]:
    """A partitioned run's document records (sorted by id) and its merged entity table."""
    import gzip

    import pyarrow.parquet as pq

    docs = []
    for part in sorted((out / "documents").glob("part-*.jsonl.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            docs += fh.read().splitlines()
    docs.sort(key=lambda line: json.loads(line)["id"])
    entities = sorted(json.dumps(row, sort_keys=True, ensure_ascii=False)
                      for row in pq.read_table(out / "entities" / "merged.parquet").to_pylist())
    return docs, entities


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["throughput", "driver-memory", "child"])
    ap.add_argument("--n", type=int, nargs="+", default=None)
    ap.add_argument("--format", choices=["txt", "jsonl"], default="txt")
    ap.add_argument("--config", default="", help="pipeline YAML (default: configs/default.yaml)")
    ap.add_argument("--shard-size", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--compare-workers", action="store_true",
                    help="driver-memory: also run each N with --workers 2 and compare throughput and output")
    ap.add_argument("--corpus"), ap.add_argument("--out"), ap.add_argument("--scheduler", default="")
    ap.add_argument("--layout", default="graph"), ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if args.what == "child":
        child(args)
        return 0
    if args.what == "throughput":
        args.n = (args.n or [300])[0]
        return throughput(args)
    args.n = args.n or [10_000, 100_000]
    return driver_memory(args)


if __name__ == "__main__":
    raise SystemExit(main())
