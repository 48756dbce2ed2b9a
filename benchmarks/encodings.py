"""The decoder on Kazakh and Russian texts written in each 8-bit code page and in
UTF-16 without a BOM: how many come back exactly, how many are refused (doubtful),
how many come back wrong (the number that must stay 0).

Kazakh: KazNERD's validation sentences (one a document, and five a document);
Russian: the sentences of corpora/gold/claims_ru*.yaml (split by razdel when it
is installed, else on ". ").

    python benchmarks/encodings.py
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's pipeline, not an installed one
SHARED = REPO.parent / "shared"
ENCODINGS = ("kz1048", "ptcp154", "cp1251", "koi8_r", "cp866", "utf_16_le")


def kaznerd_sentences() -> list[str]:
    from pipeline.lang.kk.training.conll import read_conll

    return [" ".join(s.words) for s in read_conll(SHARED / "corpora" / "kaznerd" / "IOB2_valid.txt")]


def main() -> None:
    from benchmarks.russian_langid import russian_sentences  # noqa: E402 - after the path is set
    from pipeline.io.decoding import DecodeError, decode

    kk = kaznerd_sentences()
    sets = {"kk KazNERD valid, 1 sentence": kk, "kk KazNERD valid, 5 sentences": [
        " ".join(kk[i:i + 5]) for i in range(0, len(kk), 5)], "ru gold sentences": russian_sentences()}
    for label, texts in sets.items():
        for encoding in ENCODINGS:
            counts: Counter = Counter()
            started = time.perf_counter()
            for text in texts:
                try:
                    raw = text.encode(encoding)
                except UnicodeEncodeError:
                    counts["not encodable"] += 1
                    continue
                try:
                    counts["exact" if decode(raw) == text else "wrong"] += 1
                except DecodeError:
                    counts["refused"] += 1
            ms = 1000 * (time.perf_counter() - started) / max(1, len(texts))
            print(json.dumps({"set": label, "encoding": encoding, **counts, "ms_per_text": round(ms, 2)},
                             ensure_ascii=False))


if __name__ == "__main__":
    main()
