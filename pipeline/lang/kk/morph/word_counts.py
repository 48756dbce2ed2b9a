"""Regenerate ``pipeline/lang/kk/data/morphology/word_counts.yaml``: how often each
lower-cased word stands in unlabelled Kazakh text (no evaluation pool).

The nominal analyser (:mod:`.nominal`) accepts a split of ``Украинаға`` into
``украина`` + dative when the stem stands as a word of its own often enough; these
counts are that evidence.

    python -m pipeline.lang.kk.morph.word_counts [--min-count 2] [FILE ...]
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
OUT = ROOT / "pipeline" / "lang" / "kk" / "data" / "morphology" / "word_counts.yaml"
SHARED = ROOT.parent / "shared" / "corpora"
DEFAULT_CORPORA = [SHARED / "kazqad" / "passages_val.txt", SHARED / "kaznerd" / "IOB2_valid.txt",
                   *sorted((SHARED / "apertium_kaz_texts" / "wikipedia_raw").glob("*.txt"))]
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

HEADER = """\
# Lower-cased Kazakh words and how often each stands in unlabelled text, one a line:
# "word count inside capitalised": the times it stood inside a sentence (not first) and,
# of those, the times it was written with a capital:
# evidence for the nominal analyser's stems and for proper nouns (pipeline/lang/kk/morph/).
# Regenerate: python -m pipeline.lang.kk.morph.word_counts
# Sources (no evaluation pool):
#   KazQAD passages, validation split: CC BY-SA 4.0, IS2AI (2024)
#   KazNERD valid split (tokens only): CC BY 4.0, Yeshpanov, Khassanov, Varol (2022)
#   Apertium kaz texts, wikipedia_raw (Wikipedia): CC BY-SA 4.0
# This list keeps CC BY-SA 4.0. Words seen fewer than {min_count} times are left out.
"""


def words_of(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.name.startswith("IOB2"):  # one token a line, then its tag
        text = "\n".join(line.split(" ", 1)[0] for line in text.splitlines())
    for m in WORD.finditer(text):
        before = text[:m.start()].rstrip(" \t\"«»'“”(—–-")[-1:]
        yield m.group(), before not in ("", "\n", ".", "!", "?", "…", ":")  # inside a sentence


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    counts: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for path in args.corpora:
        for w, is_inside in words_of(path):
            if len(w) > 1:
                key = w.lower()
                counts[key] += 1
                if is_inside:
                    inside[key] += 1
                    capitalised[key] += w[0].isupper()
    kept = sorted((w, n) for w, n in counts.items() if n >= args.min_count)
    body = "\n".join(f"  {w} {n} {inside[w]} {capitalised[w]}" for w, n in kept)
    args.output.write_text(HEADER.format(min_count=args.min_count) + "counts: |\n" + body + "\n", encoding="utf-8")
    print(f"{len(kept):,} words ({sum(counts.values()):,} tokens) -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
