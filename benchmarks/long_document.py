"""One long document against the same text as normal-length documents: every stage must be
linear in its document, so the time per 1,000 words of the two stays the same.

The text is running Kazakh news text (KazNERD-valid sentences from ../shared), or with
``--text repeated`` one sentence over and over (Қазақстан Түркияға алғыс айтты.). For each
size in characters and each form, with sentence ends and without them (. ! ? removed: one
endless "sentence"), a fresh process runs the text through the pipeline as ONE document and,
as the baseline, the same text cut into documents of about ``--doc-chars`` characters (what a
long document should cost). Printed: CPU seconds per 1,000 words (CPU time, not wall time:
the machine may be shared) and the memory the processing added to the loaded pipeline (peak
RSS). A linear pipeline keeps the long document's figures flat as the size grows, beside
the baseline's.

    python benchmarks/long_document.py [--sizes 1000 10000 100000 1000000] [--text kaznerd|repeated]
        [--doc-chars 1000] [--config configs/fast.yaml] [--timeout 900]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KAZNERD = REPO.parent / "shared" / "corpora" / "kaznerd" / "IOB2_valid.txt"
REPEATED = "Қазақстан Түркияға алғыс айтты. "
FORMS = {"with": "with . ! ?", "without": "without"}


def sentences(kind: str) -> list[str]:
    if kind == "kaznerd" and KAZNERD.exists():
        sys.path.insert(0, str(REPO / "benchmarks"))
        from kaznerd_as_text import detokenise
        from pipeline.lang.kk.training.conll import read_conll

        return [detokenise(s.words) for s in read_conll(KAZNERD)]
    if kind == "kaznerd":
        print(f"{KAZNERD} is absent (../shared beside the checkout?): the repeated sentence instead", file=sys.stderr)
    return [REPEATED.strip()]


def text_of(kind: str, chars: int, form: str) -> str:
    """About ``chars`` characters of whole sentences (at least one); ``form`` "without": no . ! ?."""
    pool = sentences(kind)
    out, n = [], 0
    while n < chars or not out:
        out.append(pool[len(out) % len(pool)])
        n += len(out[-1]) + 1
    text = " ".join(out)
    return text if form == "with" else text.translate(str.maketrans("", "", ".!?…"))


def pieces(text: str, size: int) -> list[str]:
    """The text as documents of about ``size`` characters, cut after a sentence end (else a space)."""
    out, start = [], 0
    while start < len(text):
        end = start + size
        if end >= len(text):
            out.append(text[start:])
            break
        cut = text.find(". ", end, end + size)
        cut = cut + 2 if cut >= 0 else (text.find(" ", end) + 1 or len(text))
        out.append(text[start:cut])
        start = cut
    return [p for p in out if p.strip()]


def child(kind: str, chars: int, form: str, split: int, config: str) -> None:
    """Run in a fresh process: load, warm up, process, print one JSON line."""
    sys.path.insert(0, str(REPO))  # this checkout's pipeline, not an installed one
    import pipeline

    nlp = pipeline.load(config or None)
    nlp.process(REPEATED)  # models and caches loaded before the clock starts
    text = text_of(kind, chars, form)
    docs = pieces(text, split) if split else [text]
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu, wall = time.process_time(), time.perf_counter()
    sentences_, claims = 0, 0
    for doc in docs:
        result = nlp.process(doc, date="2024-03-01")
        sentences_, claims = sentences_ + len(result.sentences), claims + len(result.claims)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"chars": len(text), "words": len(text.split()), "documents": len(docs), "cpu": cpu,
                      "wall": wall, "added_mb": (peak - loaded) / 1024, "peak_mb": peak / 1024,
                      "sentences": sentences_, "claims": claims}))


def measure(args, chars: int, form: str, split: int) -> dict | None:
    cmd = [sys.executable, __file__, "--child", args.text, str(chars), form, str(split), "--config", args.config]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return None
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def cell(r: dict | None, timeout: int) -> str:
    if r is None:
        return f"{'over ' + str(timeout) + ' s':>28}"
    return f"{1000 * r['cpu'] / r['words']:10.3f} {r['added_mb']:8.0f} {r['peak_mb']:8.0f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000],
                    help="document sizes in characters")
    ap.add_argument("--text", choices=["kaznerd", "repeated"], default="kaznerd")
    ap.add_argument("--forms", nargs="+", choices=list(FORMS), default=list(FORMS))
    ap.add_argument("--doc-chars", type=int, default=1_000, help="the baseline's document size")
    ap.add_argument("--config", default="", help="pipeline YAML (default: configs/default.yaml)")
    ap.add_argument("--timeout", type=int, default=900, help="seconds for one measurement; larger sizes are skipped after")
    ap.add_argument("--child", nargs=4, metavar=("TEXT", "CHARS", "FORM", "SPLIT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, chars, form, split = args.child
        child(kind, int(chars), form, int(split), args.config)
        return 0
    print(f"text: {args.text}; config: {args.config or 'configs/default.yaml'}; baseline: the same text as "
          f"documents of about {args.doc_chars:,} characters. CPU s per 1,000 words; MB: memory added over the "
          f"loaded pipeline, and the process's peak RSS")
    print(f"{'form':<11}{'chars':>10}{'words':>9}{'sents':>7} | {'one document':^28} | {'baseline':^28}")
    print(f"{'':<11}{'':>10}{'':>9}{'':>7} | {'s/1k words':>10} {'+MB':>8} {'peak MB':>8} | "
          f"{'s/1k words':>10} {'+MB':>8} {'peak MB':>8}")
    for form in args.forms:
        for chars in sorted(args.sizes):
            long = measure(args, chars, form, 0)
            base = measure(args, chars, form, args.doc_chars)
            ref = long or base
            words = f"{ref['words']:,}" if ref else "?"
            sents = f"{long['sentences']:,}" if long else "?"
            print(f"{FORMS[form]:<11}{chars:>10,}{words:>9}{sents:>7} | {cell(long, args.timeout)} | "
                  f"{cell(base, args.timeout)}", flush=True)
            if long is None:
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
