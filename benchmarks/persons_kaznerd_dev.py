"""Persons found by the whole pipeline (NER model + the linker's name rules) on the
KazNERD sentences held out from NER training (the leak-free dev split of
`claimgraph train-ner`), against KazNERD's gold PERSON spans: exact-span precision,
recall and F1 of person mentions, and the misses and false persons to read.

Measures the linker's rules on sentences neither the model nor the rules were fitted
to; KazNERD test stays for the NER model's own score.

    python benchmarks/persons_kaznerd_dev.py [--limit 1190] [--config configs/default.yaml] [--show 30]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's pipeline

KAZNERD = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "kaznerd" / "with_sentID" / "IOB2_valid2.txt"


def gold_spans(words: list[str], tags: list[str]) -> tuple[str, set[tuple[int, int]]]:
    """The sentence as text (words joined by spaces) and its PERSON spans as char offsets."""
    text, offsets = "", []
    for w in words:
        if text:
            text += " "
        offsets.append((len(text), len(text) + len(w)))
        text += w
    spans, start = set(), None
    for k, tag in enumerate(tags + ["O"]):
        if start is not None and not tag.endswith("PERSON") or tag.startswith("B-") and start is not None:
            spans.add((offsets[start][0], offsets[k - 1][1]))
            start = None
        if tag == "B-PERSON" or (tag == "I-PERSON" and start is None):
            start = k
    return text, spans


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conll", type=Path, default=KAZNERD)
    ap.add_argument("--config", default=None)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    if not args.conll.exists():
        sys.exit(f"{args.conll}: not found (../shared/corpora/kaznerd beside the checkout)")
    import pipeline
    from pipeline.records import Document
    from pipeline.lang.kk.training.conll import read_conll, split_by_sentence_number

    _, dev = split_by_sentence_number(read_conll(args.conll))
    if args.limit:
        dev = dev[:args.limit]
    nlp = pipeline.load(args.config)
    tp = fp = fn = 0
    misses, extras = [], []
    docs = []
    for k, s in enumerate(dev):
        text, gold = gold_spans(s.words, s.tags)
        docs.append((Document(id=f"s{k}", source="kaznerd-dev", text=text, language="kk"), gold))
    for (doc, gold), result in zip(docs, nlp.pipe([d for d, _ in docs], batch_size=64)):
        found = {(m.start, m.end) for m in result.mentions if m.label == "PERSON" and m.entity_id}
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
        misses += [(doc.text[a:b], doc.text) for a, b in sorted(gold - found)]
        extras += [(doc.text[a:b], doc.text) for a, b in sorted(found - gold)]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{len(dev)} sentences, {tp + fn} gold persons: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for title, rows in (("missed", misses), ("false", extras)):
        print(f"-- {title} ({len(rows)}), first {args.show}:")
        for span, text in rows[:args.show]:
            print(f"   {span!r:40} | {text[:150]}")


if __name__ == "__main__":
    main()
