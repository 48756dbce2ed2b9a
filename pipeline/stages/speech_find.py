"""Finding the speech stage's cues in a sentence: speech verbs, "according to" phrases,
statement nouns, "about this" references and a report's sign-off (quotations: speech_text).
Each cue is found by the lexicon's ``speech`` section; who spoke and what was said is
decided in speech_speakers and speech_constructions."""
from __future__ import annotations

from typing import Iterator

from ..textview import SentenceView
from .speech_text import QuoteFinder, SentenceQuotes


class SpeechCueFinder:
    """Where a sentence may report speech, by token index."""

    def __init__(self, lex, reader, orthography: dict):
        self.sp = lex.speech
        self.reader = reader
        self.verbs = self.sp.verb_patterns()
        self.about = self.sp.about_patterns()
        self.quote_verbs = frozenset(w.lower() for w in self.sp.quote_verbs)
        # "according to" phrases by their first word: айтуынша; сөзіне -> (сөзіне, қарағанда), ...
        self.according: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.sp.according_to:
            words = tuple(phrase.lower().split())
            self.according.setdefault(words[0], []).append(words)
        self.quotes = QuoteFinder(self.sp.quote_joiners, orthography)
        self.relation_triggers = [pattern for _, pattern in lex.trigger_patterns()]
        self.not_verbs = self.sp.not_verb_patterns()  # "қол жеткізді" (achieved) is no speech

    def according_to(self, view: SentenceView) -> Iterator[tuple[int, int]]:
        """(first token, length) of each "according to" phrase after the sentence's first word
        (Песковтың айтуынша, сөзіне қарағанда)."""
        for k, tok in enumerate(view.tokens):
            if k == 0 or tok.lower not in self.according:
                continue
            n = next((len(p) for p in self.according[tok.lower]
                      if tuple(t.lower for t in view.tokens[k:k + len(p)]) == p), 0)
            if n:
                yield k, n

    def statement_nouns(self, view: SentenceView, quotes: SentenceQuotes) -> Iterator[int]:
        """Each token after the first, outside quotations, that is a statement noun in the
        locative (мәлімдемеде, мәлімдемесінде)."""
        nouns = self.sp.statement_nouns
        for k, tok in enumerate(view.tokens):
            if k == 0 or quotes.inside(k) or not any(
                    a.case == "loc" and a.stem.lower() in nouns for a in self.reader.analyser.analyses(tok.text)):
                continue
            yield k

    def speech_verb(self, view: SentenceView, quotes: SentenceQuotes) -> tuple[int, int] | None:
        """The speech verb the sentence turns on (first, last token): the last one after a
        quotation, else the last one; none inside a quotation or part of a relation's trigger."""
        taken = {k for a, b in view.find_all(self.relation_triggers + self.not_verbs) for k in range(a, b + 1)}
        hits = [h for h in view.find_all(self.verbs) if not quotes.inside(h[0]) and h[0] not in taken]
        quoted = [h for h in hits if quotes.before(h[0])]
        quoted += [(k, k) for k, t in enumerate(view.tokens) if t.lower in self.quote_verbs
                   and not quotes.inside(k) and quotes.before(k)]
        if quoted:
            return max(quoted)
        return hits[-1] if hits else None

    def speech_verbs_ending_at(self, view: SentenceView, last: int) -> list[int]:
        """The first tokens of speech verbs that end at token ``last`` (... деп айтылды)."""
        return [a for a, b in view.find_all(self.verbs) if b == last]

    def verb_stems(self, view: SentenceView, anchor: tuple[int, int]) -> tuple[str, ...]:
        """The stems the speech verb was matched by (for its polarity)."""
        for pattern in self.verbs:
            if view.match(pattern, anchor[0]) == anchor[1]:
                return pattern[-1]
        return (view.tokens[anchor[1]].lower,)

    def about_this(self, view: SentenceView, quotes: SentenceQuotes, before: int) -> list[int]:
        """The last tokens of "about this" references (Бұл туралы) outside quotations
        that end before token ``before``."""
        return [b for a, b in view.find_all(self.about) if b < before and not quotes.inside(a)]

    def is_colon(self, view: SentenceView, k: int) -> bool:
        return k < len(view) and view.tokens[k].text in self.sp.colon

    def credit_line(self, view: SentenceView, quotes: SentenceQuotes) -> bool:
        """A news report's sign-off: persons and commas only, then a «programme» title."""
        spans = quotes.spans
        if not spans:
            return False
        k, saw_person = 0, False
        while k < spans[0][0]:
            m = view.mention_at(k)
            if m is not None and m.label == "PERSON":
                k = view.token_range(m)[1] + 1
                saw_person = True
            elif view.tokens[k].text == ",":
                k += 1
            else:
                return False
        return saw_person
