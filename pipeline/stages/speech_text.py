"""Quotations and spans of a sentence for the speech stage (punctuation only)."""
from __future__ import annotations

from ..textview import SentenceView

STRIP = " ,:;—–-\"«»"
OPEN, CLOSE = ("«", "„", "“"), ("»", "”", "“")
DASHES = ("—", "–", "-")


def span_of(view: SentenceView, first: int, last: int) -> tuple[int, int] | None:
    """Character offsets of tokens first..last without edge punctuation; None if empty."""
    while first <= last and view.tokens[first].text in STRIP:
        first += 1
    while last >= first and (view.tokens[last].text in STRIP or view.tokens[last].text in ".!?"):
        last -= 1
    if last < first:
        return None
    return view.tokens[first].start, view.tokens[last].end


class QuoteFinder:
    def __init__(self, joiners):
        self.joiners = frozenset(joiners)

    @staticmethod
    def spans(view: SentenceView) -> list[tuple[int, int]]:
        """(open index, close index) of «...» quotations in a sentence."""
        spans, stack = [], []
        for k, tok in enumerate(view.tokens):
            if tok.text in OPEN and not (tok.text == "“" and stack):
                stack.append(k)
            elif tok.text in CLOSE and stack:
                spans.append((stack.pop(), k))
        return spans

    def inside(self, view: SentenceView, k: int) -> bool:
        return any(a < k < b for a, b in self.spans(view))

    def after(self, view: SentenceView, k: int):
        for a, b in self.spans(view):
            if a >= k and b > a + 1:
                return view.tokens[a + 1].start, view.tokens[b - 1].end
        return None

    def before(self, view: SentenceView, verb: int):
        """The quotation that ends right before the speech verb (only joiners between):
        «...», — деді; or a dash-opened one (— Ертең келемін, — деді)."""
        for a, b in reversed(self.spans(view)):
            between = [t.text for t in view.tokens[b + 1:verb]]
            if b < verb and all(t in self.joiners for t in between) and b > a + 1:
                inner_last = b - 1
                while inner_last > a and view.tokens[inner_last].text in {",", "."}:
                    inner_last -= 1
                return view.tokens[a + 1].start, view.tokens[inner_last].end, a
        # a dash opens the sentence's direct speech and ", —" closes it before the verb
        k = verb - 1
        while k >= 0 and view.tokens[k].text in self.joiners:
            k -= 1
        if k < verb - 1 and any(view.tokens[j].text in DASHES for j in range(k + 1, verb)):
            opening = next((j for j in range(k, -1, -1) if view.tokens[j].text in DASHES), None)
            start = 0 if opening is None else opening + 1
            if opening is not None or view.tokens[0].text in DASHES:
                got = span_of(view, start, k)
                if got:
                    return got[0], got[1], start
        return None
