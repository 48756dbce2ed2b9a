"""Throughput and memory of `claimgraph run` on a synthetic archive.

Builds N documents from real Kazakh sentences in ../shared (UD Kazakh-KTB,
Apertium's Wikipedia texts and akorda sentences), repeated and shuffled into a
temporary folder (never committed), then runs the default pipeline in a fresh
process per setting and reports documents/s, words/s and peak memory (RSS of
the process and its workers). Also times the bare Kazakh tokenizer (the
package's spaCy language class, no components) on the same text.

    python benchmarks/throughput.py [--n 1000 10000] [--workers 1 2] [--config configs/fast.yaml]
    python benchmarks/throughput.py --n 300 --baseline ../other-checkout [--rounds 3]

With ``--baseline``, the same corpus runs under this checkout's code and another
checkout's, one worker, alternating for ``--rounds`` rounds; it prints words per CPU
second (the process and its children) for each, best of the rounds, and their ratio.
CPU seconds, because wall time on a shared machine measures its load.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def sentences() -> list[str]:
    out = []
    for f in sorted((SHARED / "ud_kazakh_ktb").glob("*.conllu")):
        out += [l[9:].strip() for l in f.read_text(encoding="utf-8").splitlines() if l.startswith("# text = ")]
    for f in sorted((SHARED / "apertium_kaz_texts" / "wikipedia_raw").glob("*.txt")):
        out += [l.strip() for l in f.read_text(encoding="utf-8").splitlines() if len(l.split()) > 4]
    return out


def build_corpus(folder: Path, n: int, seed: int = 0) -> int:
    rnd = random.Random(seed)
    pool = sentences()
    if not pool:
        raise SystemExit(f"no sentences under {SHARED} (is ../shared beside the checkout?)")
    words = 0
    for i in range(n):
        body = " ".join(rnd.choice(pool) for _ in range(rnd.randint(4, 12)))
        words += len(body.split())
        (folder / f"{i // 1000:03d}").mkdir(exist_ok=True)
        (folder / f"{i // 1000:03d}" / f"doc{i:07d}.txt").write_text(f"date 2025-01-{1 + i % 28:02d} {body}\n",
                                                                     encoding="utf-8")
    return words


def child(corpus: Path, out: Path, workers: int, config: str) -> None:
    import pipeline
    from pipeline.run import run

    nlp = pipeline.load(config or None)
    started = time.perf_counter()
    before = cpu_seconds()
    summary = run([corpus], out, nlp, workers=workers)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - before
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"documents": summary.documents, "seconds": seconds, "cpu_seconds": cpu,
                      "peak_rss_mb": rss / 1024}))


def cpu_seconds() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_child(code: Path, corpus: Path, out: Path, workers: int, config: str) -> dict:
    """One measured run in a fresh process whose ``pipeline`` is the package under ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    res = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(corpus), str(out),
                          str(workers), "--config", config], capture_output=True, text=True, cwd=code, env=env)
    if res.returncode != 0:
        raise SystemExit(f"{code}: the run failed:\n{res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def side_by_side(baseline: Path, n: int, rounds: int, config: str) -> None:
    here = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        words = build_corpus(corpus, n)
        best: dict[str, float] = {}
        for i in range(rounds):
            for name, code in (("baseline", baseline), ("this checkout", here)):
                r = run_child(code, corpus, Path(tmp) / f"out-{i}-{name[:4]}", 1, config)
                wpcs = words / r["cpu_seconds"]
                best[name] = max(best.get(name, 0.0), wpcs)
                print(f"  round {i + 1} {name}: {wpcs:,.0f} words per CPU second ({r['seconds']:.1f} s wall)")
        print(f"N={n}, {words} words: baseline {best['baseline']:,.0f}, this checkout "
              f"{best['this checkout']:,.0f} words per CPU second (best of {rounds}); "
              f"ratio {best['this checkout'] / best['baseline']:.3f}")


def tokenizer_only(corpus: Path) -> float:
    import pipeline  # noqa: F401
    from pipeline.lang.kk import shared_nlp

    nlp = shared_nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    started = time.perf_counter()
    words = 0
    for doc in nlp.tokenizer.pipe(texts):
        words += sum(1 for t in doc if not t.is_space and not t.is_punct)
    return sum(len(t.split()) for t in texts) / (time.perf_counter() - started)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--config", default="", help="pipeline YAML (default: configs/default.yaml)")
    ap.add_argument("--baseline", type=Path, help="another checkout to compare with, side by side")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", nargs=3, metavar=("CORPUS", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]), args.config)
        return 0
    if args.baseline:
        side_by_side(args.baseline.resolve(), args.n[0], args.rounds, args.config)
        return 0
    for n in args.n:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            words = build_corpus(corpus, n)
            tok_wps = tokenizer_only(corpus)
            print(f"N={n} ({args.config or 'default config'}): {words} words; bare Kazakh tokenizer {tok_wps:,.0f} words/s")
            base = None
            for w in args.workers:
                res = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(Path(tmp) / f"out{w}"),
                                      str(w), "--config", args.config], capture_output=True, text=True)
                if res.returncode != 0:
                    print(res.stderr[-2000:], file=sys.stderr)
                    return 1
                r = json.loads(res.stdout.strip().splitlines()[-1])
                wps = words / r["seconds"]
                base = base or wps
                print(f"  workers={w}: {r['documents'] / r['seconds']:.1f} docs/s, {wps:,.0f} words/s "
                      f"({wps / base:.2f}x of 1 worker), peak RSS {r['peak_rss_mb']:.0f} MB, "
                      f"pipeline/tokenizer time ratio {tok_wps / wps:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
