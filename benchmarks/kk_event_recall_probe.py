"""Recall probe for Kazakh event verbs on real text: which sentences that name two parties and
carry a verb of meeting, cooperating, visiting, supporting, calling, signing, appointing or
thanking give no claim of that predicate.

Reads KazNERD *valid* (never test), KazQAD validation passages and the Apertium
``wikipedia_raw`` articles (never akorda-random, kdt, wikipedia-news or the dev set), keeps the
sentences whose words begin with one of the probe's stems below (a net wider than the relation
lexicon, so that verbs the lexicon misses show up), runs the default pipeline on each sentence
alone and prints, per predicate, the sentences with at least two named parties (persons,
countries, organisations) and no claim of that predicate; then the counts.

    python benchmarks/kk_event_recall_probe.py [--limit N] [--show 100] [--claims 40] [--seed 0]

``--claims N`` also prints N claims of the probed predicates (a random sample) for a check by hand.
"""
from __future__ import annotations

import argparse
import collections
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
# The probe's net: word beginnings that may carry each predicate (wider than the lexicon on purpose).
STEMS = {
    "meet": ("кездес", "жүздес", "жолық", "қабылда", "пікір алмас", "бас қос", "келіссөз"),
    "cooperate": ("ынтымақтас", "серіктес", "әріптес", "бірлесіп", "келісім жаса"),
    "visit": ("сапар", "барды", "барып", "барған", "келді", "келіп", "келген", "аттанды", "ұшып", "іссапар"),
    "support": ("қолда", "қолдау", "демеу", "жақта"),
    "call": ("телефон", "хабарлас", "тілдес", "сөйлес"),
    "sign": ("қол қой", "қол қойыл", "қол қойып", "қол қойған"),
    "appoint": ("тағайында", "сайлан", "босатыл"),
    "thank": ("алғыс", "ризашылы", "рахмет"),
}
PARTIES = {"PERSON", "COUNTRY", "ORG", "GPE"}
_SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[А-ЯЁӘҒҚҢӨҰҮҺІ«\"“])")


def sentences() -> list[tuple[str, str]]:
    """(source, sentence) from the probe's corpora."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from kaznerd_as_text import detokenise
    from pipeline.lang.kk.training.conll import read_conll

    out = [("kaznerd-valid", detokenise(s.words)) for s in read_conll(CORPORA / "kaznerd" / "IOB2_valid.txt")]
    texts = [("kazqad-val", (CORPORA / "kazqad" / "passages_val.txt").read_text(encoding="utf-8"))]
    texts += [("wikipedia_raw", p.read_text(encoding="utf-8"))
              for p in sorted((CORPORA / "apertium_kaz_texts" / "wikipedia_raw").glob("*.txt"))]
    for source, text in texts:
        for line in text.splitlines():
            out += [(source, s.strip()) for s in _SENTENCE_END.split(line) if 20 < len(s.strip()) < 400]
    return out


def candidates(sents: list[tuple[str, str]]) -> list[tuple[str, str, set[str]]]:
    """The sentences with a probe stem, and the predicates their stems suggest."""
    found = []
    for source, s in sents:
        low = " " + s.lower()
        preds = {p for p, stems in STEMS.items() if any(" " + st in low for st in stems)}
        if preds:
            found.append((source, s, preds))
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="candidate sentences to run, at most")
    ap.add_argument("--show", type=int, default=100, help="sentences without a claim to print")
    ap.add_argument("--claims", type=int, default=0, help="claims to print for a check by hand")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import pipeline

    nlp = pipeline.load(ROOT / "configs" / "default.yaml")
    cands = candidates(sentences())
    random.Random(args.seed).shuffle(cands)
    cands = cands[:args.limit] if args.limit else cands
    counts = collections.Counter()
    missed, made = [], []
    for source, s, preds in cands:
        r = nlp.process(s, date="2020-01-01")
        names = {e.id: e.name for e in r.entities}
        parties = {m.entity_id for m in r.mentions if m.label in PARTIES and m.entity_id}
        claims = [c for c in r.claims if c.predicate in STEMS]
        made += [(source, s, c, names) for c in claims]
        if len(parties) < 2:
            continue
        for p in sorted(preds):
            counts[p, "probed"] += 1
            if any(c.predicate == p for c in claims):
                counts[p, "claimed"] += 1
            else:
                missed.append((p, source, s))
    for p, source, s in missed[:args.show]:
        print(f"NO {p:9s} [{source}] {s}")
    print("\npredicate  probed  claimed")
    for p in STEMS:
        print(f"{p:10s} {counts[p, 'probed']:6d} {counts[p, 'claimed']:8d}")
    print(f"all        {sum(v for (p, k), v in counts.items() if k == 'probed'):6d} "
          f"{sum(v for (p, k), v in counts.items() if k == 'claimed'):8d}   ({len(cands)} candidate sentences)")
    if args.claims:
        print("\nclaims for a check by hand:")
        for source, s, c, names in random.Random(args.seed + 1).sample(made, min(args.claims, len(made))):
            roles = {r: names.get(getattr(c, r), getattr(c, r)) for r in ("recipient", "location", "theme")
                     if getattr(c, r)}
            print(f"- {c.predicate} {names.get(c.agent, c.agent)} {roles} {c.polarity} {c.modality}\n    [{source}] {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
