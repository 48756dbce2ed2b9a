"""Regenerate ``pipeline/lang/kk/data/morphology/word_counts.yaml``: how often each
lower-cased word stands in unlabelled Kazakh text (no evaluation pool).

The nominal analyser (:mod:`.nominal`) accepts a split of ``Украинаға`` into
``украина`` + dative when the stem stands as a word of its own often enough; these
counts are that evidence.

    python -m pipeline.lang.kk.morph.word_counts [--min-count 2] [--hunspell DIC] [FILE ...]

With hunspell-kk installed (``apt-get install hunspell-kk``) it also writes
``data/morphology/hunspell_stems.yaml``: the dictionary's non-verb entries that
stand in the same text, bare or as the stem of an inflected word (ғасыр from
ғасырдың): evidence for stems the text has only inflected.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
OUT = ROOT / "pipeline" / "lang" / "kk" / "data" / "morphology" / "word_counts.yaml"
HUNSPELL_OUT = OUT.with_name("hunspell_stems.yaml")
HUNSPELL = Path("/usr/share/hunspell/kk_KZ.dic")
VERB_FLAG = "M"  # hunspell-kk's verb entries (infinitives) carry the flags MmNn...
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

HUNSPELL_HEADER = """\
# Kazakh nominal stems (lower case, one a line) for the nominal analyser
# (pipeline/lang/kk/morph/nominal.py): hunspell-kk's non-verb entries that stand in
# unlabelled text (the sources of word_counts.yaml), bare or as an inflected word's stem.
# Derived from hunspell-kk (Debian package; kk_KZ.dic):
#   Copyright 2009 Akmaral Mussayeva, László Németh, Rail Aliev.
#   Licence: GPL-2+ or LGPL-2.1+ or MPL-1.1+ (this derived list keeps that licence).
# Regenerate: python -m pipeline.lang.kk.morph.word_counts
"""


def hunspell_stems(dic: Path, words: Counter) -> list[str]:
    from ..morphology import default_analyser
    from .nominal import NominalAnalyser

    entries = set()
    for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
        word, _, flags = line.strip().lstrip("\ufeff").partition("/")
        if word and VERB_FLAG not in flags:
            entries.add(word.lower())
    found = set()
    analyser = default_analyser()
    spell = NominalAnalyser.stem_spellings
    for w in words:
        for a in analyser.analyses(w):
            found.update(s for s in spell(a) if s in entries)
    return sorted(found)


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
    ap.add_argument("--hunspell", type=Path, default=HUNSPELL, help="hunspell-kk's kk_KZ.dic (skipped when absent)")
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
    if args.hunspell.exists():
        stems = hunspell_stems(args.hunspell, counts)
        out = args.output.with_name(HUNSPELL_OUT.name)
        out.write_text(HUNSPELL_HEADER + "stems: |\n" + "".join(f"  {s}\n" for s in stems), encoding="utf-8")
        print(f"{len(stems):,} hunspell stems -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
