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
        self._last: tuple[SentenceView, _Quotations] | None = None

    def spans(self, view: SentenceView) -> list[tuple[int, int]]:
        """(open index, close index) of «...» quotations in a sentence; a mark that both
        opens and closes (“, ") closes an open quotation, else opens one."""
        return self._read(view).spans

    def _read(self, view: SentenceView) -> "_Quotations":
        """The sentence's quotations, read once (the last sentence's are kept: the speech
        stage asks about one sentence many times, token by token)."""
        if self._last is None or self._last[0] is not view:
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
            self._last = (view, _Quotations(spans, len(view)))
        return self._last[1]

    def inside(self, view: SentenceView, k: int) -> bool:
        return self._read(view).depth[k] > 0 if 0 <= k < len(view) else False

    def after(self, view: SentenceView, k: int):
        found = self._read(view).first_closing_from(k)
        if found is not None:
            a, b = found
            return view.tokens[a + 1].start, view.tokens[b - 1].end
        return None

    def enclosing(self, view: SentenceView, first: int, last: int) -> bool:
        """Does a quotation hold tokens first..last with more than them inside it?"""
        outer = self._read(view).outermost[first] if 0 <= first < len(view) else None
        return outer is not None and last < outer[1] and not (outer[0] + 1 == first and last + 1 == outer[1])

    def before(self, view: SentenceView, verb: int):
        """The quotation that ends right before the speech verb (only joiners between):
        «...», — деді; or a dash-opened one (— Ертең келемін, — деді)."""
        quotations = self._read(view)
        k = verb - 1  # the last word before the verb that is no joiner
        while k >= 0 and view.tokens[k].text in self.joiners:
            k -= 1
        # the last quotation that closes there or among the joiners after it
        for b in range(verb - 1, max(k, 0) - 1, -1):
            a = quotations.opened_by.get(b)
            if a is not None and b > a + 1:
                inner_last = b - 1
                while inner_last > a and view.tokens[inner_last].text in {",", "."}:
                    inner_last -= 1
                return view.tokens[a + 1].start, view.tokens[inner_last].end, a
        # a dash opens the sentence's direct speech and ", —" closes it before the verb
        if k > 0 and view.tokens[k].text in self.closing and k not in quotations.opened_by:
            # «A. B», — деді: the quotation opened in an earlier sentence (or is nested)
            got = span_of(view, 0, k - 1)
            if got:
                return got[0], got[1], 0
        if k < verb - 1 and any(view.tokens[j].text in self.dashes for j in range(k + 1, verb)):
            opening = quotations.dash_at_or_before(view, k, self.dashes)
            start = 0 if opening is None else opening + 1
            if opening is not None or view.tokens[0].text in self.dashes:
                got = span_of(view, start, k)
                if got:
                    return got[0], got[1], start
        return None


class _Quotations:
    """One sentence's quotations, indexed: how deep each token lies, the outermost quotation
    holding it, the quotation each closing mark ends, the first quotation to close after a token."""

    def __init__(self, spans: list[tuple[int, int]], n: int):
        self.spans = spans
        self.opened_by = {b: a for a, b in spans}
        marks = [0] * (n + 1)
        for a, b in spans:  # strictly inside: a < k < b
            marks[a + 1] += 1
            marks[b] -= 1
        self.depth, level = [], 0
        for k in range(n):
            level += marks[k]
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

    def first_closing_from(self, k: int) -> tuple[int, int] | None:
        i = bisect_left(self._opens, k)
        if i >= len(self._opens):
            return None
        b, a = self._first_close[i]
        return a, b

    def dash_at_or_before(self, view: SentenceView, k: int, dashes) -> int | None:
        if self._dash_before is None:
            self._dash_before, last = [], None
            for j, tok in enumerate(view.tokens):
                last = j if tok.text in dashes else last
                self._dash_before.append(last)
        return self._dash_before[k] if 0 <= k < len(self._dash_before) else None
