"""Russian sentences, tokens, morphology and dependency syntax: razdel splits,
slovnet (inside natasha) tags and parses, pymorphy3 gives lemmas. The parse of a
document travels in its ``ru_parse`` layer (:class:`RussianParse`) for later stages."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import models

@dataclass(eq=False)
class Token:
    start: int  # char offsets in the document text
    stop: int
    text: str
    i: int  # index in its sentence
    pos: str = ""
    feats: dict = field(default_factory=dict)
    head: int = -1  # index of the head in the sentence, -1 for the root
    rel: str = ""
    lemma: str = ""

    # natasha's normaliser reads these names
    @property
    def id(self) -> str:
        return str(self.i + 1)

    @property
    def head_id(self) -> str:
        return str(self.head + 1)

    @property
    def case(self) -> str | None:
        return self.feats.get("Case")

    @property
    def lower(self) -> str:
        return self.text.lower().replace("ё", "е")


@dataclass(eq=False)
class ParsedSentence:
    start: int
    end: int
    kind: str
    tokens: list[Token]

    def children(self, i: int, rels: tuple[str, ...] | None = None) -> list[Token]:
        return [t for t in self.tokens if t.head == i and (rels is None or t.rel.split(":")[0] in rels
                                                            or t.rel in rels)]

    def subtree(self, i: int) -> list[Token]:
        """Token i and everything below it, in text order."""
        keep = {i}
        changed = True
        while changed:
            changed = False
            for t in self.tokens:
                if t.i not in keep and t.head in keep:
                    keep.add(t.i)
                    changed = True
        return [t for t in self.tokens if t.i in keep]


@dataclass(frozen=True, eq=False)
class RussianParse:
    """The ``ru_parse`` layer: a document's sentences with their tagged, parsed tokens."""

    sentences: tuple[ParsedSentence, ...]


def split(text: str, orthography: dict) -> list[tuple[int, int, str, list[tuple[int, int, str]]]]:
    """(start, end, kind, tokens) per sentence. A line is never crossed; a short
    line without sentence-final punctuation is a heading."""
    from razdel import sentenize, tokenize

    final = tuple(orthography.get("sentence_final", ".!?…"))
    heading_words = int(orthography.get("heading_max_words", 12))
    longest = max(2, int(orthography.get("max_sentence_tokens", 200)))
    out = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        for s in sentenize(line.group()):
            if not s.text.strip():
                continue
            start, end = base + s.start, base + s.stop
            toks = [(start + t.start, start + t.stop, t.text) for t in tokenize(s.text)]
            if not toks:
                continue
            is_last = s.stop == len(line.group().rstrip())
            kind = "heading" if (is_last and start == base and not s.text.rstrip().endswith(final)
                                 and len(toks) <= heading_words and not _quote_end(s.text, orthography)) else "sentence"
            # text without sentence ends: pieces of at most max_sentence_tokens, cut after a comma where
            # one is in reach (the parser, and every stage after it, works in the square of a sentence)
            first = 0
            while len(toks) - first > longest:
                cut = next((k + 1 for k in range(first + longest - 1, first + longest // 2, -1)
                            if toks[k][2] in (",", ";", ":")), first + longest)
                out.append((start if first == 0 else toks[first][0], toks[cut - 1][1], kind, toks[first:cut]))
                first = cut
            out.append((start if first == 0 else toks[first][0], end, kind, toks[first:]))
    return out


def _quote_end(sentence: str, orthography: dict) -> bool:
    return sentence.rstrip()[-1:] in orthography.get("quote_close", "»\"”")


def parse(texts: list[str], orthography: dict, batch_size: int = 64,
          threads: int | None = 1) -> list[list[ParsedSentence]]:
    """Split, tag and parse several documents at once (the models see all their
    sentences as one batch; numpy's BLAS limited to ``threads``)."""
    _, tagger, parser, _, _ = models.natasha_models()
    docs = [[ParsedSentence(s, e, kind, [Token(a, b, w, i) for i, (a, b, w) in enumerate(toks)])
             for s, e, kind, toks in split(text, orthography)] for text in texts]
    # sentences of similar length in one batch: the models pad to the longest
    sents = sorted((s for d in docs for s in d), key=lambda s: len(s.tokens))
    words = [[t.text for t in s.tokens] for s in sents]
    with models.blas_threads(threads):
        _tag(sents, words, tagger, parser, batch_size)
    return docs


def _tag(sents, words, tagger, parser, batch_size: int) -> None:
    for k in range(0, len(words), batch_size):
        chunk = words[k:k + batch_size]
        for sent, m, p in zip(sents[k:k + batch_size], tagger.map(chunk), parser.map(chunk)):
            for tok, mt, pt in zip(sent.tokens, m.tokens, p.tokens):
                tok.pos, tok.feats = mt.pos, dict(mt.feats or {})
                tok.head = int(pt.head_id) - 1
                tok.rel = pt.rel or ""
                tok.lemma = models.lemma(tok.text, tok.pos) if tok.text[:1].isalpha() else tok.text
