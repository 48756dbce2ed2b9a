"""Token-level views of sentences for the rule-based stages.

Stages see tokens (from the splitter's spaCy Doc, read-only) and the mentions
that cover them; matching is by word stems from the lexicon, so no stage keys
on token positions stored in records: records keep char offsets only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .records import AnnotatedDocument, Mention, Sentence


@dataclass(frozen=True)
class Tok:
    i: int  # index within the sentence view
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_punct(self) -> bool:
        return not any(ch.isalnum() for ch in self.text)


class SentenceView:
    def __init__(self, doc: AnnotatedDocument, sentence: Sentence, mentions: Sequence[Mention]):
        spacy_doc = doc.cache()["spacy_doc"]
        self.sentence = sentence
        self.text = doc.text
        inside = (t for t in spacy_doc if sentence.start <= t.idx < sentence.end and not t.is_space)
        self.tokens = [Tok(k, t.text, t.idx, t.idx + len(t.text)) for k, t in enumerate(inside)]
        self.mentions = [m for m in mentions if m.start >= sentence.start and m.end <= sentence.end]
        self._mention_at: dict[int, Mention] = {}
        for m in self.mentions:
            for t in self.tokens:
                if t.start < m.end and m.start < t.end:
                    self._mention_at[t.i] = m

    def __len__(self) -> int:
        return len(self.tokens)

    def mention_at(self, i: int) -> Mention | None:
        return self._mention_at.get(i)

    def token_range(self, m: Mention) -> tuple[int, int]:
        """(first, last) token indices a mention covers."""
        idx = [t.i for t in self.tokens if t.start < m.end and m.start < t.end]
        return idx[0], idx[-1]

    def span_text(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start:self.tokens[last].end]

    def match(self, pattern: Sequence[Sequence[str]], at: int) -> int | None:
        """If the words from ``at`` begin with the pattern's stems, the index of
        the last matched token, else None."""
        k = at
        for stems in pattern:
            if k >= len(self.tokens):
                return None
            word = self.tokens[k].lower
            if not any(word.startswith(s) for s in stems):
                return None
            k += 1
        return k - 1

    def find_all(self, patterns: Iterable[Sequence[Sequence[str]]]) -> list[tuple[int, int]]:
        """Non-overlapping (first, last) matches of any pattern, longest first."""
        hits = []
        for pattern in patterns:
            for i in range(len(self.tokens)):
                last = self.match(pattern, i)
                if last is not None:
                    hits.append((i, last))
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        taken: set[int] = set()
        out = []
        for first, last in hits:
            if not taken & set(range(first, last + 1)):
                taken |= set(range(first, last + 1))
                out.append((first, last))
        return sorted(out)


def sentence_views(doc: AnnotatedDocument, mentions: Sequence[Mention] | None = None) -> list[SentenceView]:
    ms = doc.mentions if mentions is None else mentions
    return [SentenceView(doc, s, ms) for s in doc.sentences]
