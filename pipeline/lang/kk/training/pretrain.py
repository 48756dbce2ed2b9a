"""Raw-text pretraining of the NER model's ``tok2vec`` layer (``spacy pretrain``).

``build_pretraining_text`` writes spaCy's raw-text JSONL (``{"text": ...}`` a line) from
unlabelled Kazakh text (plain text, one document a line; CoNLL-U ``# text =`` lines;
Apertium/CG ``"<word>"`` streams) plus the *training* part of KazNERD-style IOB2 files,
split exactly as ``train_ner`` splits them (:func:`split_by_sentence_number`, same seed
and fraction). Dev sentences and every sentence of the ``exclude`` files (the test set)
are left out, and so is any record that shares an 8-word sequence with them or contains
a shorter one (4 words or more) whole (KazNERD keeps several versions of a sentence;
other corpora may quote the same news).

``pretrain_tok2vec`` runs spaCy's pretraining with the NER config's own ``tok2vec``
section (the NER config and ``configs/pretrain_kk.cfg`` are merged, overrides applied
to both), so the weights fit the model they initialise. spaCy's raw-text reader only
tokenises, so annotating components (``kk_stem_norm``: NORM = stem, ``kk_gazetteer``:
TAG = gazetteer class) would never run on pretraining docs; the
``claimgraph.annotated_jsonl.v1`` reader runs them, so the embedding sees the same
features in pretraining as in NER training.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Iterator

from .conll import read_conll, read_utf8, split_by_sentence_number
from .registry import DEFAULT_PRETRAIN_CONFIG, pretraining_config, register_pretraining

NGRAM = 8
_WORD = re.compile(r"\w+")
_CG_FORM = re.compile(r'^"<(.*)>"\s*$')


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


SHORT = 4  # a blocked sentence of SHORT..NGRAM-1 words is looked for inside records too


def _keys(words: list[str], n: int = NGRAM) -> set[tuple[str, ...]]:
    """The n-grams of a word list (the whole list when shorter)."""
    if len(words) <= n:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _record_keys(words: list[str]) -> set[tuple[str, ...]]:
    """What a record is checked against the blocked keys with: its NGRAM-grams, its
    shorter word sequences down to SHORT words (short blocked sentences inside a longer
    record), and the whole record."""
    keys = {tuple(words)}
    for n in range(SHORT, NGRAM + 1):
        keys |= {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
    return keys


def read_raw_texts(path: Path) -> Iterator[str]:
    """Documents of one unlabelled file, by format: ``.conllu`` (``# text =``),
    Apertium CG streams (``"<word>"`` lines, blank line between sentences), else plain
    text with one document a non-empty line. A folder is read file by file (``*.txt``,
    ``*.conllu``), sorted."""
    path = Path(path)
    if path.is_dir():
        for sub in sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".conllu") and p.is_file()):
            yield from read_raw_texts(sub)
        return
    text = read_utf8(path, ValueError)
    lines = text.splitlines()
    if path.suffix == ".conllu":
        for line in lines:
            if line.startswith("# text ="):
                yield line.partition("=")[2].strip()
        return
    if any(_CG_FORM.match(line) for line in lines[:5]):
        words: list[str] = []
        for line in lines + [""]:
            m = _CG_FORM.match(line)
            if m:
                words.append(m.group(1))
            elif not line.strip() and words:
                yield " ".join(words)
                words = []
        return
    for line in lines:
        if line.strip():
            yield line.strip()


def build_pretraining_text(
    out: Path,
    texts: Iterable[Path] = (),
    conll: Iterable[Path] = (),
    exclude: Iterable[Path] = (),
    dev_fraction: float = 0.1,
) -> dict:
    """Write raw-text JSONL for ``spacy pretrain`` to ``out``; return counts.

    ``conll``: IOB2 files the NER model trains on; only their training part (the split
    ``train_ner`` makes) is used, their dev part is excluded. ``exclude``: IOB2 files
    (the test set) none of whose text may appear. Records are deduplicated."""
    blocked: set[tuple[str, ...]] = set()
    train_texts: list[str] = []
    for path in conll:
        train, dev = split_by_sentence_number(read_conll(path), dev_fraction)
        for sent in dev:
            blocked |= _keys(_words(" ".join(sent.words)))
        train_texts += [" ".join(s.words) for s in train]
    for path in exclude:
        for sent in read_conll(path):
            blocked |= _keys(_words(" ".join(sent.words)))
    counts = {"records": 0, "words": 0, "dropped_overlap": 0, "duplicates": 0}
    seen: set[str] = set()

    def records() -> Iterator[str]:
        yield from train_texts
        for path in texts:
            yield from read_raw_texts(path)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for text in records():
            words = _words(text)
            if not words:
                continue
            if text in seen:
                counts["duplicates"] += 1
                continue
            seen.add(text)
            if _record_keys(words) & blocked:
                counts["dropped_overlap"] += 1
                continue
            f.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
            counts["records"] += 1
            counts["words"] += len(text.split())
    return counts


def pretrain_tok2vec(raw_text: Path, out: Path, ner_config: Path,
                     pretrain_config: Path = DEFAULT_PRETRAIN_CONFIG,
                     overrides: dict | None = None, epochs: int | None = None) -> Path:
    """Pretrain the tok2vec of ``ner_config`` on ``raw_text`` (JSONL); writes
    ``model<epoch>.bin`` per epoch, ``model-last.bin``, ``log.jsonl`` and the config used
    to ``out``. Returns the path of the last weights (``paths.init_tok2vec`` for train-ner)."""
    from spacy.training.pretrain import pretrain

    register_pretraining()
    all_overrides = {"paths.raw_text": str(raw_text)}
    if epochs is not None:
        all_overrides["pretraining.max_epochs"] = epochs
    all_overrides.update(overrides or {})
    config = pretraining_config(ner_config, pretrain_config, all_overrides)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    config.to_disk(out / "config.cfg")
    pretrain(config.interpolate(), out, silent=False)
    return out / "model-last.bin"
