"""The Russian entities scored on our own gold (corpora/gold/entities_ru.yaml over
the texts of corpora/gold/claims_ru*.yaml): natasha's NER alone (its PER spans put
in the nominative) and the whole Russian pipeline (gazetteer + NER + linker) per
entity type, as precision / recall of the set of entities per document.

natasha ships no sample of its own benchmark (the Nerus / factRuEval corpora are
separate downloads), so our gold is what it is scored on here.

    python benchmarks/russian_ner.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's pipeline, not an installed one

TYPES = {"persons": "Person", "countries": "Country", "organisations": "Organization", "places": "Place"}


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "gold": tp + fn, "predicted": tp + fp}


def main() -> None:
    import pipeline
    from pipeline.lang.ru import RussianLanguage, models
    from pipeline.lang.ru.parse import parse

    gold = yaml.safe_load((REPO / "corpora" / "gold" / "entities_ru.yaml").read_text(encoding="utf-8"))["documents"]
    texts = {d["id"]: d["text"] for g in sorted((REPO / "corpora" / "gold").glob("claims_ru*.yaml"))
             for d in yaml.safe_load(g.read_text(encoding="utf-8"))["documents"]}
    nlp = pipeline.load(REPO / "configs" / "russian.yaml")
    lang = RussianLanguage()
    *_, tagger, _ = models.natasha_models()
    counts = {k: [0, 0, 0] for k in list(TYPES) + ["natasha PER"]}
    for doc_id, want in gold.items():
        text = texts[doc_id]
        r = nlp.process(text, doc_id=doc_id)
        got = {k: set() for k in TYPES}
        for e in r.entities:
            for k, t in TYPES.items():
                if e.type == t:
                    got[k].add(e.identifier if t == "Country" else e.name)
        for k in TYPES:
            g = set(want.get(k, ()))
            c = counts[k]
            c[0] += len(got[k] & g)
            c[1] += len(got[k] - g)
            c[2] += len(g - got[k])
        tokens = [t for s in parse([text], lang.orthography)[0] for t in s.tokens]
        per = {lang.normaliser.name([t for t in tokens if t.start >= s.start and t.stop <= s.stop])
               for s in tagger(text).spans if s.type == "PER"}
        g = set(want.get("persons", ()))
        c = counts["natasha PER"]
        c[0] += len(per & g)
        c[1] += len(per - g)
        c[2] += len(g - per)
    for k, (tp, fp, fn) in counts.items():
        print(json.dumps({"entities": k if k == "natasha PER" else f"pipeline {k}", **prf(tp, fp, fn)},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
