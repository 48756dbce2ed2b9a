"""Per-document cost of `claimgraph run` with the partitioned layout, the disk it
takes, and the part files loaded back (pyarrow; pyoxigraph when installed).

Builds N documents from the shared Kazakh texts (as benchmarks/throughput.py
does, in a temporary folder), runs the default `graph` layout and the
`partitioned` layout with --workers 1 (and, with --dask, a local Dask cluster of
--dask-workers processes) in fresh processes, and prints one JSON line a
setting: seconds, ms a document, words/s, output bytes a document.

    python benchmarks/scale_partitioned.py [--n 200] [--dask] [--dask-workers 2]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's pipeline, not an installed one
from throughput import build_corpus  # noqa: E402


def child(corpus: Path, out: Path, layout: str, executor: str, workers: int) -> None:
    import pipeline
    from pipeline.run import run

    nlp = pipeline.load()
    started = time.perf_counter()
    summary = run([corpus], out, nlp, layout=layout, executor=executor, workers=workers, shard_size=100)
    print(json.dumps({"documents": summary.documents, "claims": summary.claims, "entities": summary.entities,
                      "seconds": time.perf_counter() - started}))


def load_back(out: Path) -> dict:
    import pyarrow.dataset as ds

    counts = {t: ds.dataset(str(out / t), format="parquet").count_rows() for t in ("claims", "mentions")}
    try:
        import pyoxigraph

        store = pyoxigraph.Store()
        for p in sorted((out / "graph").glob("*.nq")):
            store.bulk_load(path=str(p), format=pyoxigraph.RdfFormat.N_QUADS)
        counts["triples"] = len(store)
    except ImportError:
        counts["triples"] = "pyoxigraph not installed"
    return counts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--dask", action="store_true")
    ap.add_argument("--dask-workers", type=int, default=2)
    ap.add_argument("--child", nargs=5)
    args = ap.parse_args()
    if args.child:
        corpus, out, layout, executor, workers = args.child
        return child(Path(corpus), Path(out), layout, executor, int(workers))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        words = build_corpus(corpus, args.n)
        settings = [("graph", "local", 1), ("partitioned", "local", 1)]
        if args.dask:
            settings.append(("partitioned", "dask", args.dask_workers))
        for layout, executor, workers in settings:
            out = Path(tmp) / f"out-{layout}-{executor}"
            res = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(out), layout, executor,
                                  str(workers)], capture_output=True, text=True)
            if res.returncode:
                raise SystemExit(f"{layout}/{executor} failed: {res.stderr.strip().splitlines()[-1:]}")
            r = json.loads(res.stdout.strip().splitlines()[-1])
            size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
            line = {"n": args.n, "layout": layout, "executor": executor, "workers": workers,
                    "seconds": round(r["seconds"], 1), "ms_per_document": round(1000 * r["seconds"] / args.n, 1),
                    "words_per_s": round(words / r["seconds"]), "words_per_document": round(words / args.n),
                    "output_bytes_per_document": round(size / args.n)}
            if layout == "partitioned":
                line["loaded_back"] = load_back(out)
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
