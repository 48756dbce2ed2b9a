"""NER benchmark: exact-span P/R/F1 per label and speed of the shipped model on
KazNERD's test split (read by path from ../shared; never used for tuning).

    python benchmarks/ner_kaznerd.py [--model models/kk_ner] [--conll ../shared/corpora/kaznerd/IOB2_test.txt]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pipeline  # noqa: F401  (registers the Kazakh language)
from pipeline.resources import MODELS_DIR
from pipeline.lang.kk.training.ner import evaluate_ner

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "kaznerd"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=MODELS_DIR / "kk_ner")
    ap.add_argument("--conll", type=Path, default=SHARED / "IOB2_test.txt")
    args = ap.parse_args()
    if not args.conll.exists():
        print(f"{args.conll}: not found (../shared beside the checkout?)", file=sys.stderr)
        return 2
    s = evaluate_ner(args.conll, args.model)
    print(f"model {args.model} on {args.conll.name}: {s['sentences']} sentences, {s['words']} words")
    print(f"speed: {s['words_per_second']:.0f} words/s on {os.cpu_count()} CPU cores (nlp.pipe, batch 256)")
    for label, v in sorted(s["per_label"].items(), key=lambda x: -x[1]["support"]):
        print(f"  {label:15} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f']:.3f}  ({v['support']})")
    o = s["overall"]
    print(f"  {'micro overall':15} P {o['p']:.3f}  R {o['r']:.3f}  F1 {o['f']:.3f}  ({o['support']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
