"""Lemma accuracy of the name normaliser on proper nouns with gold lemmas.

Sources (read by path from ../shared):
- Apertium ``akorda-random.tagged.txt`` (hand-disambiguated: ``"Медведев" np cog m gen``)
- UD Kazakh-KTB (PROPN tokens with ``Case=``)

Each capitalised proper-noun token is normalised on its own (no document
evidence: the hardest setting) and compared with the gold lemma.

    python benchmarks/normaliser_lemmas.py [--show-errors]
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from pipeline.lang.kk.normalise import default_normaliser

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
CASE_TAGS = {"nom", "gen", "dat", "acc", "loc", "abl", "ins"}


def apertium_items(path: Path):
    surface = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith('"<'):
            surface = line[2:-2]
        elif line.startswith("\t") and surface:
            m = re.match(r'\t"([^"]+)"\s+(.*)', line)
            if m and " np " in f" {m.group(2).split('+')[0]} ":
                tags = set(m.group(2).split("+")[0].split())
                case = next((t for t in tags if t in CASE_TAGS), "nom")
                yield surface, m.group(1), case
            surface = None


def ud_items(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and cols[3] == "PROPN" and cols[0].isdigit():
            case = re.search(r"Case=(\w+)", cols[5])
            yield cols[1], cols[2], case.group(1).lower() if case else "nom"


def main(argv: list[str]) -> int:
    sources = {
        "apertium akorda-random": (apertium_items, SHARED / "apertium_kaz_texts" / "akorda-random.tagged.txt"),
        "UD Kazakh-KTB": (ud_items, None),
    }
    ud = sorted((SHARED / "ud_kazakh_ktb").glob("*.conllu"))
    normaliser = default_normaliser()
    total_ok = total = 0
    for name, (reader, path) in sources.items():
        paths = [path] if path else ud
        if not paths or not all(p and p.exists() for p in paths):
            print(f"{name}: not found under {SHARED}; skipped")
            continue
        ok = n = 0
        by_case: Counter = Counter()
        by_case_ok: Counter = Counter()
        for p in paths:
            for surface, gold, case in reader(p):
                if not surface[:1].isupper() or not surface[:1].isalpha():
                    continue
                got = normaliser.lemma(surface).name
                # gold lemmas are sometimes lower-cased; compare case-insensitively
                hit = got.lower() == gold.lower()
                n += 1
                ok += hit
                by_case[case] += 1
                by_case_ok[case] += hit
                if not hit and "--show-errors" in argv:
                    print(f"  {name}: {surface} -> {got} (gold {gold}, {case})")
        total_ok += ok
        total += n
        per_case = ", ".join(f"{c} {by_case_ok[c]}/{by_case[c]}" for c in sorted(by_case))
        print(f"{name}: lemma accuracy {ok / n:.4f} ({ok}/{n}); by case: {per_case}")
    if total:
        print(f"all: lemma accuracy {total_ok / total:.4f} ({total_ok}/{total})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
