"""Candidates for Kazakh country names the country index misses, counted in
training text (an offline aid for curating ``pipeline/lang/kk/data/countries.yaml``).

Reads only text the project may tune on: KazNERD's *valid* split (its GPE and NORP
spans), KazQAD's validation passages and Apertium's ``wikipedia_raw`` articles
(Kazakh Wikipedia). Never the evaluation pools (KazNERD test, Apertium akorda-random,
kdt, wikipedia-news, ../shared/eval). It prints three frequency lists:

- ``gpe``: KazNERD GPE/NORP spans that the index does not link (whole span);
- ``official``: capitalised words before a state head noun (Республикасы,
  Корольдігі, ...) whose whole name the index does not know;
- ``hyphen``: lower-case ``x-y`` words whose halves are both countries or demonyms.

A person then picks the real country names (not cities, persons or common nouns)
into the YAML by hand.

    python -m pipeline.lang.kk.training.country_candidates [--shared ../shared] [--top 40]
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from ..countries import default_country_index
from ..resources import kk_data
from .conll import read_conll

# head nouns of official state names (countries.yaml's state_heads), and unions to look at too
EXTRA_HEADS = ("Одағы", "Штаттары")
_WORD = re.compile(r"[^\W\d_][\w\-]*")


def _unlinked(index, words: list[str]) -> bool:
    """The index does not read ``words`` as one country name."""
    found = index.find(words)
    return not (len(found) == 1 and found[0].first == 0 and found[0].last == len(words) - 1)


def _places(index) -> frozenset[str]:
    """Cities and regions of the places gazetteer, and their words: not countries."""
    entries = kk_data("gazetteers/places.yaml")["entries"]
    return frozenset(w for e in entries for w in e.split())


def kaznerd_spans(index, path: Path) -> Counter:
    places = _places(index)
    counts: Counter = Counter()
    for sent in read_conll(path):
        for first, end, label in sent.spans():  # end exclusive
            words = sent.words[first:end]
            if any(a.stem in places for w in words for a in index.analyser.analyses(w)):
                continue  # Алматыда, Қарағанды облысында: a city or region
            if label in ("GPE", "NORP") and _unlinked(index, words):
                counts[f"{label} {' '.join(words)}"] += 1
    return counts


def official_names(index, texts: list[str]) -> Counter:
    heads = tuple(kk_data("countries.yaml").get("state_heads", ())) + EXTRA_HEADS
    head_stems = {a.stem for h in heads for a in index.analyser.analyses(h) if a.possessive == "p3"}
    counts: Counter = Counter()
    for text in texts:
        words = _WORD.findall(text)
        for j, word in enumerate(words):
            if not word[:1].isupper() or not any(
                    a.possessive == "p3" and a.stem in head_stems for a in index.analyser.analyses(word)):
                continue
            k = j
            while k > 0 and words[k - 1][:1].isupper() and j - k < 4:
                k -= 1  # the capitalised words before the head, four at most
            if k < j and not any(m.last == j - k for m in index.find(words[k:j + 1])):
                counts[" ".join(words[k:j + 1])] += 1
    return counts


def hyphen_compounds(index, texts: list[str]) -> Counter:
    counts: Counter = Counter()
    for text in texts:
        for word in re.findall(r"\b[а-яёәғқңөұүһі]+-[а-яёәғқңөұүһі]+\b", text):
            halves = word.split("-")
            if all(index.find([h]) or index.find([h.capitalize()]) for h in halves):
                counts[word] += 1
    return counts


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args(argv)
    corpora = args.shared / "corpora"
    index = default_country_index()
    texts = (corpora / "kazqad" / "passages_val.txt").read_text(encoding="utf-8").splitlines()
    texts += [p.read_text(encoding="utf-8") for p in sorted((corpora / "apertium_kaz_texts" / "wikipedia_raw").glob("*.txt"))]
    nerd = read_conll(corpora / "kaznerd" / "IOB2_valid.txt")
    texts += [" ".join(s.words) for s in nerd]
    for title, counts in (("gpe", kaznerd_spans(index, corpora / "kaznerd" / "IOB2_valid.txt")),
                          ("official", official_names(index, texts)),
                          ("hyphen", hyphen_compounds(index, texts))):
        print(f"== {title}")
        for name, n in counts.most_common(args.top):
            print(f"{n:5d}  {name}")


if __name__ == "__main__":
    main()
