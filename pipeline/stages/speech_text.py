"""Quotations and spans of a sentence for the speech stage (punctuation only)."""
from __future__ import annotations

from bisect import bisect_left

from ..textview import SentenceView

STRIP = " ,:;—–-\"«»"


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
    """Quotations by the language's quote marks and dashes (its orthography data)."""

    def __init__(self, joiners, orthography: dict):
        quotes = orthography.get("quotes", {})
        self.joiners = frozenset(joiners)
        self.opening = frozenset(quotes.get("open", ()))
        self.closing = frozenset(quotes.get("close", ())) | frozenset(quotes.get("toggle", ()))
        self.both = (self.opening & self.closing) | frozenset(quotes.get("toggle", ()))
        self.dashes = tuple(orthography.get("dashes", ()))

    def read(self, view: SentenceView) -> "SentenceQuotes":
        """The sentence's «...» quotations, (open index, close index) each; a mark that both
        opens and closes (“, ") closes an open quotation, else opens one."""
        spans, stack = [], []
        for k, tok in enumerate(view.tokens):
            if tok.text in self.both:
                if stack:
                    spans.append((stack.pop(), k))
                else:
                    stack.append(k)
            elif tok.text in self.opening:
                stack.append(k)
            elif tok.text in self.closing and stack:
                spans.append((stack.pop(), k))
        return SentenceQuotes(view, self, spans)


class SentenceQuotes:
    """One sentence's quotations, indexed once (the speech stage asks about a sentence many
    times, token by token): how deep each token lies, the outermost quotation holding it,
    the quotation each closing mark ends, the first quotation to close after a token."""

    def __init__(self, view: SentenceView, marks: QuoteFinder, spans: list[tuple[int, int]]):
        self.view, self.marks, self.spans = view, marks, spans
        n = len(view)
        self.opened_by = {b: a for a, b in spans}
        depth_marks = [0] * (n + 1)
        for a, b in spans:  # strictly inside: a < k < b
            depth_marks[a + 1] += 1
            depth_marks[b] -= 1
        self.depth, level = [], 0
        for k in range(n):
            level += depth_marks[k]
            self.depth.append(level)
        # quotations nest (a stack pairs them): the outermost ones are apart
        self.outermost: list[tuple[int, int] | None] = [None] * n
        reach = -1
        for a, b in sorted(spans, key=lambda s: (s[0], -s[1])):
            if b <= reach:
                continue
            reach = b
            for k in range(a + 1, b):
                self.outermost[k] = (a, b)
        # after(k): of the quotations with words inside that open at or after k, the first to close
        ordered = sorted((a, b) for a, b in spans if b > a + 1)
        self._opens = [a for a, _ in ordered]
        self._first_close: list[tuple[int, int]] = []
        best = None
        for a, b in reversed(ordered):
            best = (b, a) if best is None or b < best[0] else best
            self._first_close.append(best)
        self._first_close.reverse()
        self._dash_before: list[int] | None = None

    def inside(self, k: int) -> bool:
        return self.depth[k] > 0 if 0 <= k < len(self.view) else False

    def after(self, k: int):
        """The words of the first quotation that opens at or after token k and closes."""
        i = bisect_left(self._opens, k)
        if i >= len(self._opens):
            return None
        b, a = self._first_close[i]
        return self.view.tokens[a + 1].start, self.view.tokens[b - 1].end

    def enclosing(self, first: int, last: int) -> bool:
        """Does a quotation hold tokens first..last with more than them inside it?"""
        outer = self.outermost[first] if 0 <= first < len(self.view) else None
        return outer is not None and last < outer[1] and not (outer[0] + 1 == first and last + 1 == outer[1])

    def before(self, verb: int):
        """The quotation that ends right before the speech verb (only joiners between):
        «...», — деді; or a dash-opened one (— Ертең келемін, — деді)."""
        view, marks = self.view, self.marks
        k = verb - 1  # the last word before the verb that is no joiner
        while k >= 0 and view.tokens[k].text in marks.joiners:
            k -= 1
        # the last quotation that closes there or among the joiners after it
        for b in range(verb - 1, max(k, 0) - 1, -1):
            a = self.opened_by.get(b)
            if a is not None and b > a + 1:
                inner_last = b - 1
                while inner_last > a and view.tokens[inner_last].text in {",", "."}:
                    inner_last -= 1
                return view.tokens[a + 1].start, view.tokens[inner_last].end, a
        # a dash opens the sentence's direct speech and ", —" closes it before the verb
        if k > 0 and view.tokens[k].text in marks.closing and k not in self.opened_by:
            # «A. B», — деді: the quotation opened in an earlier sentence (or is nested)
            got = span_of(view, 0, k - 1)
            if got:
                return got[0], got[1], 0
        if k < verb - 1 and any(view.tokens[j].text in marks.dashes for j in range(k + 1, verb)):
            opening = self._dash_at_or_before(k)
            start = 0 if opening is None else opening + 1
            if opening is not None or view.tokens[0].text in marks.dashes:
                got = span_of(view, start, k)
                if got:
                    return got[0], got[1], start
        return None

    def _dash_at_or_before(self, k: int) -> int | None:
        if self._dash_before is None:
            self._dash_before, last = [], None
            for j, tok in enumerate(self.view.tokens):
                last = j if tok.text in self.marks.dashes else last
                self._dash_before.append(last)
        return self._dash_before[k] if 0 <= k < len(self._dash_before) else None
