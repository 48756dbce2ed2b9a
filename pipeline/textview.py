"""Token-level views of sentences for the rule-based stages.

Stages see the words of each sentence (the document's typed ``tokens`` layer
without its whitespace tokens) and the mentions that cover them; matching is by
word stems from the lexicon, so no stage keys on token positions stored in
records: records keep char offsets only.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence

from .records import AnnotatedDocument, Mention, Sentence
from .spans import keep_longest


class Tok:
    """A word of a sentence view (read-only by convention: a plain slotted class, as
    every stage that reads sentences makes these for each of its words)."""

    __slots__ = ("i", "text", "start", "end", "lower", "lemma", "pos", "morph")

    def __init__(self, i: int, text: str, start: int, end: int, lemma: str | None = None,
                 pos: str | None = None, morph: str | None = None):
        self.i = i  # index within the sentence view
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.lower()
        # from the morphology layer where a pipeline has one (None without it)
        self.lemma = lemma
        self.pos = pos
        self.morph = morph

    def __repr__(self) -> str:
        return f"Tok({self.i}, {self.text!r}, {self.start}, {self.end})"

    @property
    def is_punct(self) -> bool:
        return not any(ch.isalnum() for ch in self.text)


def sentence_tokens(doc: AnnotatedDocument, sentences: Sequence[Sentence] | None = None) -> list[list[Tok]]:
    """The words of each sentence (default: the document's), from its tokens layer
    (whitespace tokens left out)."""
    words = [t for t in doc.tokens if not t.text.isspace()]
    starts = [t.start for t in words]
    per_sentence = []
    for s in doc.sentences if sentences is None else sentences:
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        per_sentence.append([Tok(k, t.text, t.start, t.end, t.lemma, t.pos, t.morph)
                             for k, t in enumerate(words[lo:hi])])
    return per_sentence


class SentenceView:
    def __init__(self, doc: AnnotatedDocument, sentence: Sentence, mentions: Sequence[Mention],
                 tokens: list[Tok] | None = None):
        self.sentence = sentence
        self.text = doc.text
        if tokens is None:
            tokens = sentence_tokens(doc, [sentence])[0]
        self.tokens = tokens
        # tokens are in order and apart: the ones a span meets are found by bisection
        self._starts = [t.start for t in tokens]
        self._ends = [t.end for t in tokens]
        self.mentions = [m for m in mentions if m.start >= sentence.start and m.end <= sentence.end]
        self._mention_at: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(*self._tokens_of(m)):
                self._mention_at[self.tokens[i].i] = m

    def __len__(self) -> int:
        return len(self.tokens)

    def mention_at(self, i: int) -> Mention | None:
        return self._mention_at.get(i)

    def _tokens_of(self, m: Mention) -> tuple[int, int]:
        """[lo, hi) positions in ``tokens`` of the tokens that overlap the mention."""
        return bisect_right(self._ends, m.start), bisect_left(self._starts, m.end)

    def token_range(self, m: Mention) -> tuple[int, int]:
        """(first, last) token indices a mention covers."""
        lo, hi = self._tokens_of(m)
        if lo >= hi:
            raise IndexError(f"no token under the mention {m.id}")
        return self.tokens[lo].i, self.tokens[hi - 1].i

    def span_text(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start:self.tokens[last].end]

    def match(self, pattern: Sequence[Sequence[str]], at: int) -> int | None:
        """If the words from ``at`` begin with the pattern's stems, the index of
        the last matched token, else None."""
        k = at
        for stems in pattern:
            if k >= len(self.tokens):
                return None
            if not self.tokens[k].lower.startswith(stems):
                return None
            k += 1
        return k - 1

    def find_all(self, patterns: Iterable[Sequence[Sequence[str]]]) -> list[tuple[int, int]]:
        """Non-overlapping (first, last) matches of any pattern, longest first."""
        hits = []
        patterns = list(patterns)
        firsts = tuple(s for p in patterns for s in p[0])
        starts = [t.i for t in self.tokens if t.lower.startswith(firsts)]  # cheap pre-filter
        for pattern in patterns:
            for i in starts:
                last = self.match(pattern, i)
                if last is not None:
                    hits.append((i, last))
        return keep_longest(hits, span=lambda h: h)


def sentence_views(doc: AnnotatedDocument, mentions: Sequence[Mention] | None = None) -> list[SentenceView]:
    ms = sorted(doc.mentions if mentions is None else mentions, key=lambda m: m.start)
    starts = [m.start for m in ms]
    views = []
    for s, toks in zip(doc.sentences, sentence_tokens(doc)):
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        views.append(SentenceView(doc, s, ms[lo:hi], toks))
    return views


@dataclass(frozen=True)
class Argument:
    mention: Mention
    case: str  # effective case; "title" (Ресей президенті), "embedded" or "post" take no role
    first: int
    last: int
    head: int | None  # token index of the head noun, if any
    between: bool = False  # first of an "X мен Y арасында" pair: the agent before any other
