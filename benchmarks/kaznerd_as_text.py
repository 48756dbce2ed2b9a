"""Robustness benchmark: the whole of KazNERD test rebuilt as running text (10
sentences a document), through the default pipeline with ``claimgraph run``'s own
code. Prints documents, errors by stage (with each failing document's first
sentence) and words/s. A stage error here is a crash on real Kazakh text.

    python benchmarks/kaznerd_as_text.py [--conll ../shared/corpora/kaznerd/IOB2_test.txt]
        [--per-doc 10] [--limit N] [--config configs/default.yaml] [--workers 1]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "kaznerd"
_NO_SPACE_BEFORE = re.compile(r" ([.,!?:;%)\]»”…])")
_NO_SPACE_AFTER = re.compile(r"([(\[«“]) ")


def detokenise(words: list[str]) -> str:
    """Words as a sentence of running text: no space before closing punctuation or
    after an opening bracket or quote.

    >>> detokenise(["«", "Атырау", "»", "ықшамауданы", ",", "2022", "жыл", "."])
    '«Атырау» ықшамауданы, 2022 жыл.'
    """
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", " ".join(words)))


def documents(conll: Path, per_doc: int = 10, limit: int | None = None) -> list[dict]:
    """JSON Lines records (id, text) of ``per_doc`` consecutive sentences each."""
    from pipeline.lang.kk.training.conll import read_conll

    sentences = [detokenise(s.words) for s in read_conll(conll)]
    docs = [{"id": f"kaznerd-{i // per_doc:05d}", "text": " ".join(sentences[i:i + per_doc])}
            for i in range(0, len(sentences), per_doc)]
    return docs[:limit] if limit else docs


def run_benchmark(conll: Path, outdir: Path, per_doc: int = 10, limit: int | None = None,
                  config: Path | None = None, workers: int = 1) -> dict:
    """Write the documents as JSON Lines, run the pipeline over them, and count."""
    import pipeline
    from pipeline.run import run

    docs = documents(conll, per_doc, limit)
    outdir.mkdir(parents=True, exist_ok=True)
    feed = outdir / "kaznerd_test.jsonl"
    feed.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    nlp = pipeline.load(config)
    started, cpu_started = time.perf_counter(), time.process_time()
    summary = run([feed], outdir / "out", nlp, workers=workers)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    errors = [json.loads(line) for line in (outdir / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    words = sum(len(d["text"].split()) for d in docs)
    return {"documents": len(docs), "written": summary.documents, "errors": errors,
            "errors_by_stage": dict(collections.Counter(e.get("stage", "?") for e in errors)),
            "words": words, "seconds": seconds, "words_per_second": words / seconds if seconds else 0.0,
            "cpu_seconds": cpu}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conll", type=Path, default=SHARED / "IOB2_test.txt")
    ap.add_argument("--per-doc", type=int, default=10)
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--config", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if not args.conll.exists():
        print(f"{args.conll}: not found (../shared beside the checkout?)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kaznerd-as-text-") as tmp:
        r = run_benchmark(args.conll, Path(tmp), args.per_doc, args.limit, args.config, args.workers)
    print(f"{args.conll.name} as text, {args.per_doc} sentences a document: {r['documents']} documents, "
          f"{r['written']} written, {len(r['errors'])} errors")
    for stage, n in sorted(r["errors_by_stage"].items(), key=lambda x: -x[1]):
        print(f"  errors in {stage}: {n}")
    for e in r["errors"][:20]:
        print(f"    {e.get('id')} [{e.get('stage')}] {e.get('reason')}")
    print(f"speed: {r['words_per_second']:.0f} words/s ({r['words']} words in {r['seconds']:.1f}s, "
          f"{args.workers} worker(s), {os.cpu_count()} CPU cores)")
    if args.workers == 1:  # on a shared machine wall time includes waiting for a core
        print(f"  per CPU second of this process: {r['words'] / max(r['cpu_seconds'], 1e-9):.0f} words/s "
              f"({r['cpu_seconds']:.1f}s CPU)")
    return 1 if r["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
