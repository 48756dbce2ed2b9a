"""Reading IOB2 / CoNLL-2002 files such as KazNERD, and leak-free dev splits.

KazNERD's ``with_sentID`` variant puts an id line (``AID283875 O``) before each
sentence. The same sentence exists in several versions (AID/BID/CID...: digits
written as numbers or words), so a dev split must keep all versions of one
sentence number on one side; :func:`split_by_sentence_number` does that.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

_SENT_ID = re.compile(r"^[A-Z]{1,3}ID(\d+)$")


class ConllFormatError(ValueError):
    """A CoNLL file is malformed; the message names the file and line."""


@dataclass
class ConllSentence:
    words: list[str]
    tags: list[str]
    sent_id: str | None = None
    source: str = ""
    line: int = 0

    @property
    def number(self) -> str | None:
        """The sentence number shared by all versions of one sentence."""
        m = _SENT_ID.match(self.sent_id or "")
        return m.group(1) if m else None

    def spans(self) -> list[tuple[int, int, str]]:
        """Entity spans as (start word, end word, label), seqeval-style (IOB2)."""
        return iob2_spans(self.tags)


def iob2_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, typ = tag.partition("-")
        if start is not None and (prefix != "I" or typ != label):
            spans.append((start, i, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, typ
    return spans


def read_utf8(path: Path, error: type[Exception]) -> str:
    """A UTF-8 file's text; a missing or undecodable file is one line (``error``)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except UnicodeDecodeError as err:
        raise error(f"{path}: not UTF-8 ({err.reason} at byte {err.start})") from None


def read_conll(path: str | Path) -> list[ConllSentence]:
    """Read an IOB2 file (``word TAG`` per line, blank line between sentences)."""
    path = Path(path)
    text = read_utf8(path, ConllFormatError)
    sentences: list[ConllSentence] = []
    words: list[str] = []
    tags: list[str] = []
    sent_id = None
    first_line = 0
    for lineno, raw in enumerate(text.splitlines() + [""], start=1):
        line = raw.strip()
        if not line:
            if words:
                sentences.append(ConllSentence(words, tags, sent_id, str(path), first_line))
            words, tags, sent_id = [], [], None
            continue
        parts = line.split()
        if len(parts) < 2:
            raise ConllFormatError(f"{path}:{lineno}: expected 'WORD TAG', got {line!r}")
        word, tag = parts[0], parts[-1]
        if not words and sent_id is None and _SENT_ID.match(word) and tag == "O":
            sent_id, first_line = word, lineno
            continue
        if tag != "O" and not re.match(r"^[BI]-\S+$", tag):
            raise ConllFormatError(f"{path}:{lineno}: tag {tag!r} is not IOB2 (O, B-X, I-X)")
        if not words:
            first_line = first_line if sent_id else lineno
        words.append(word)
        tags.append(tag)
    return sentences


def split_by_sentence_number(
    sentences: list[ConllSentence], dev_fraction: float = 0.1, seed: str = "claimgraph"
) -> tuple[list[ConllSentence], list[ConllSentence]]:
    """Split into (train, dev) so that all versions of a sentence stay together.

    Sentences without ids are grouped by their word sequence instead, which still
    keeps exact duplicates on one side.
    """
    train, dev = [], []
    for sent in sentences:
        key = sent.number or " ".join(sent.words)
        digest = hashlib.sha1(f"{seed}:{key}".encode()).digest()
        bucket = int.from_bytes(digest[:4], "big") / 2**32
        (dev if bucket < dev_fraction else train).append(sent)
    return train, dev


def to_spacy_docs(nlp, sentences: list[ConllSentence]):
    """Turn CoNLL sentences into spaCy Docs with gold entities."""
    from spacy.tokens import Doc

    docs = []
    for sent in sentences:
        doc = Doc(nlp.vocab, words=sent.words)
        ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=l) for s, e, l in sent.spans()]
        doc.ents = [e for e in ents if e is not None]
        docs.append(doc)
    return docs
