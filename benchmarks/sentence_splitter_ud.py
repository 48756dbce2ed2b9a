"""Sentence-boundary precision / recall / F1 of the Kazakh splitter on UD Kazakh-KTB.

The raw text is rebuilt from the treebank's ``# text`` lines (gold sentences,
joined by a space in file order, no newlines, so no help from line breaks), then
split, and predicted sentence ends are compared with the gold ones.

    python benchmarks/sentence_splitter_ud.py [../shared/corpora/ud_kazakh_ktb] [--show-errors]
"""
from __future__ import annotations

import sys
from pathlib import Path

from pipeline.records import AnnotatedDocument, Document
from pipeline.stage import LoadContext
from pipeline.lang.kk.stages.sentences import KazakhSentenceSplitter, Settings

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ud_kazakh_ktb"


def gold_text(conllu: Path) -> tuple[str, set[int]]:
    sentences = [line[len("# text = "):].strip() for line in conllu.read_text(encoding="utf-8").splitlines()
                 if line.startswith("# text = ")]
    text, ends = "", set()
    for s in sentences:
        if text:
            text += " "
        text += s
        ends.add(len(text))
    return text, ends


def main(argv: list[str]) -> int:
    folder = Path(next((a for a in argv if not a.startswith("--")), DEFAULT))
    files = sorted(folder.glob("*.conllu"))
    if not files:
        print(f"{folder}: no .conllu files (is ../shared beside the checkout?)", file=sys.stderr)
        return 2
    splitter = KazakhSentenceSplitter(Settings(), LoadContext(language="kk"))
    tp = fp = fn = n_gold = 0
    for f in files:
        text, gold = gold_text(f)
        doc = splitter(AnnotatedDocument(document=Document(id=f.stem, source=str(f), text=text)))
        pred = {s.end for s in doc.sentences}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        n_gold += len(gold)
        if "--show-errors" in argv:
            for end in sorted((pred - gold) | (gold - pred)):
                kind = "extra" if end in pred else "missed"
                print(f"{kind:6} {f.name}: ...{text[max(0, end - 60):end]}|{text[end:end + 40]}...")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"UD Kazakh-KTB sentence boundaries: gold {n_gold}, predicted {tp + fp}")
    print(f"precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
