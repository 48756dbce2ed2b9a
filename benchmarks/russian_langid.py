"""Language detection on our texts: the letters detector against lingua-language-detector
(restricted to kk/ru/en), accuracy and speed.

Kazakh: the texts of ../shared/eval/claims_dev.json (documents) and the sentences of
KazNERD's test file; Russian: the sentences of corpora/gold/claims_ru*.yaml and
corpora/sample_ru (split by razdel when it is installed, else on ". ").

    python benchmarks/russian_langid.py
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's pipeline, not an installed one
SHARED = REPO.parent / "shared"


def kazakh_sets() -> dict[str, list[str]]:
    out = {}
    dev = SHARED / "eval" / "claims_dev.json"
    if dev.exists():
        out["kk claims_dev documents"] = [d["text"] for d in json.loads(dev.read_text(encoding="utf-8"))["documents"]]
    ner = SHARED / "corpora" / "kaznerd" / "IOB2_test.txt"
    if ner.exists():
        from pipeline.lang.kk.training.conll import read_conll

        out["kk KazNERD test sentences"] = [" ".join(s.words) for s in read_conll(ner)]
    return out


def russian_sentences() -> list[str]:
    texts = [d["text"] for g in sorted((REPO / "corpora" / "gold").glob("claims_ru*.yaml"))
             for d in yaml.safe_load(g.read_text(encoding="utf-8"))["documents"]]
    texts += [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted((REPO / "corpora" / "sample_ru").glob("*.txt"))]
    try:
        from razdel import sentenize

        return [s.text for t in texts for line in t.splitlines() for s in sentenize(line) if s.text.strip()]
    except ImportError:
        return [s for t in texts for s in re.split(r"(?<=\.) ", t) if s.strip()]


def main() -> None:
    from pipeline.langid import get_detector

    sets = {**{k: ("kk", v) for k, v in kazakh_sets().items()}, "ru gold + sample sentences": ("ru", russian_sentences())}
    detectors = ["letters"]
    try:
        get_detector("lingua")
        detectors.append("lingua")
    except ValueError as err:
        print(f"lingua skipped: {err}")
    for name in detectors:
        det = get_detector(name)
        for label, (want, items) in sets.items():
            started = time.perf_counter()
            got = [det.detect(t) for t in items]
            seconds = time.perf_counter() - started
            wrong = Counter(g for g in got if g != want)
            print(json.dumps({"detector": name, "set": label, "n": len(items),
                              "accuracy": round(sum(g == want for g in got) / len(items), 4),
                              "wrong_as": dict(wrong), "ms_per_text": round(1000 * seconds / len(items), 3)},
                             ensure_ascii=False))


if __name__ == "__main__":
    main()
