"""Build ``pipeline/lang/kk/data/common_words.yaml``: Kazakh words that raw text writes in
lower case mid-sentence, so that the linker can tell a capitalised common word opening a
sentence (Патша, Бай, Ортақ) from a name the NER model saw there.

A one-off, offline step over text we may use for frequency lists: KazNERD's training
sentences (the leak-free train part of ``IOB2_valid2.txt``, the split of
``claimgraph train-ner``; never its dev part, never the test file), the KazQAD
passages and the UD Kazakh-KTB treebank's sentences. A word is kept when it is seen at least ``--min-count`` times in lower case
after a sentence's first word and capitalised there at most a fifth as often; given
names of the NER gazetteer are dropped (Сұлтан, Асқар stay names).

    python -m pipeline.lang.kk.training.common_words ../shared/corpora/kaznerd/with_sentID/IOB2_valid2.txt \\
        ../shared/corpora/kazqad/passages_val.txt --conllu ../shared/corpora/ud_kazakh_ktb/*.conllu
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

import yaml

OUT = Path(__file__).resolve().parents[1] / "data" / "common_words.yaml"
_WORD = re.compile(r"^[^\W\d_][\w-]*$")
_TOKENS = re.compile(r"[^\W\d_][\w-]*|[^\w\s]")
_SENTENCE_OPENERS = frozenset(".!?—–-«\":")

SOURCES = [
    {"name": "KazNERD (train part of the valid split)", "url": "https://github.com/IS2AI/KazNERD",
     "licence": "CC BY 4.0, Yeshpanov, Khassanov, Varol (2022)"},
    {"name": "KazQAD passages (validation split)", "url": "https://github.com/IS2AI/KazQAD",
     "licence": "CC BY-SA 4.0, IS2AI (2024)"},
    {"name": "UD Kazakh-KTB", "url": "https://github.com/UniversalDependencies/UD_Kazakh-KTB",
     "licence": "CC BY-SA 4.0, Tyers and Washington (2015), Makazhanov et al."},
]


def count_cases(sentences: Iterable[list[str]]) -> tuple[Counter, Counter]:
    """Lower-case and capitalised counts of each (lower-cased) word, not counting a
    sentence's first word or a word right after a quote, dash or colon."""
    low, cap = Counter(), Counter()
    for tokens in sentences:
        for k, w in enumerate(tokens):
            if k == 0 or tokens[k - 1] in _SENTENCE_OPENERS or not _WORD.match(w):
                continue
            if w[0].islower():
                low[w] += 1
            elif not w.isupper():
                cap[w.lower()] += 1
    return low, cap


def common_words(low: Counter, cap: Counter, min_count: int = 2, exclude: Iterable[str] = ()) -> list[str]:
    names = {n.lower() for n in exclude}
    return sorted(w for w, c in low.items() if c >= min_count and cap[w] * 5 <= c and w not in names)


def kaznerd_train_sentences(path: Path) -> list[list[str]]:
    from .conll import read_conll, split_by_sentence_number

    train, _dev = split_by_sentence_number(read_conll(path))
    seen, out = set(), []
    for s in train:  # KazNERD keeps several versions of a sentence: count each once
        key = " ".join(s.words)
        if key not in seen:
            seen.add(key)
            out.append(list(s.words))
    return out


def text_sentences(path: Path) -> list[list[str]]:
    return [_TOKENS.findall(line) for line in path.read_text(encoding="utf-8").splitlines()]


def conllu_sentences(path: Path) -> list[list[str]]:
    out, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                out.append(cur)
            cur = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) > 1 and cols[0].isdigit():
                cur.append(cols[1])
    if cur:
        out.append(cur)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kaznerd", type=Path, help="KazNERD with_sentID/IOB2_valid2.txt (its train part is used)")
    ap.add_argument("texts", type=Path, nargs="*", help="raw text files, one passage a line (KazQAD)")
    ap.add_argument("--conllu", type=Path, nargs="*", default=[], help="CoNLL-U treebank files (UD Kazakh-KTB)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args(argv)
    from ... import get_language

    sentences = kaznerd_train_sentences(args.kaznerd)
    for path in args.texts:
        sentences += text_sentences(path)
    for path in args.conllu:
        sentences += conllu_sentences(path)
    low, cap = count_cases(sentences)
    given = get_language("kk").data("gazetteers/given_names.yaml").get("entries", [])
    words = common_words(low, cap, args.min_count, given)
    header = ("# Kazakh words written in lower case mid-sentence (pipeline/linking: a capitalised one\n"
              "# opening a sentence is a common word, not a name). Built by\n"
              "# python -m pipeline.lang.kk.training.common_words; sources and licences below.\n")
    body = {"sources": SOURCES, "min_count": args.min_count, "entries": words}
    args.out.write_text(header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
