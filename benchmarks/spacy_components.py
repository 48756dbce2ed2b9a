"""What the spaCy route costs: the default config as ``pipeline.load()`` (the baseline) and as
``pipeline.spacy_pipeline()``, on the same texts, in this process, alternating for ``--rounds``.

    python benchmarks/spacy_components.py [--n 200] [--rounds 3]

Texts are built as benchmarks/throughput.py builds its corpus (sentences from ../shared, never
committed). Prints words per CPU second of each (best round), their ratio, and whether both
gave the same claims.
"""
from __future__ import annotations

import argparse
import random
import time

from throughput import sentences


def texts(n: int, seed: int = 0) -> list[str]:
    rnd = random.Random(seed)
    pool = sentences()
    if not pool:
        raise SystemExit("no sentences under ../shared/corpora (is ../shared beside the checkout?)")
    return [f"date 2025-01-{1 + i % 28:02d}\n" + " ".join(rnd.choice(pool) for _ in range(rnd.randint(4, 12)))
            for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import pipeline

    corpus = texts(args.n)
    words = sum(len(t.split()) - 2 for t in corpus)
    runs = {"pipeline.load()": pipeline.load(), "spacy_pipeline()": pipeline.spacy_pipeline()}
    claims: dict[str, list] = {}

    def read(name: str, nlp) -> list:
        if name == "pipeline.load()":
            return [tuple(c.id for c in r.claims) for r in nlp.pipe(corpus)]
        return [tuple(c.id for c in d._.claims) for d in nlp.pipe(corpus)]

    best = {name: 0.0 for name in runs}
    for _ in range(args.rounds):
        for name, nlp in runs.items():
            start = time.process_time()
            claims[name] = read(name, nlp)
            best[name] = max(best[name], words / (time.process_time() - start))
    print(f"{args.n} texts, {words} words, best of {args.rounds} rounds (words per CPU second):")
    for name, rate in best.items():
        print(f"  {name:18} {rate:8.0f}")
    print(f"  ratio              {best['spacy_pipeline()'] / best['pipeline.load()']:8.3f}")
    print(f"  same claims: {claims['pipeline.load()'] == claims['spacy_pipeline()']}")


if __name__ == "__main__":
    main()
