"""One rule for competing spans: keep the longest, drop what overlaps it.

Gazetteer matches, model mentions, trigger words and speech verbs all compete for
stretches of text; every stage settles it the same way through :func:`keep_longest`.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")


def keep_longest(items: Iterable[T], span: Callable[[T], tuple[int, int]],
                 rank: Callable[[T], tuple] = lambda item: ()) -> list[T]:
    """Items whose spans do not overlap, preferring (after ``rank``, lower first) the
    longer span, then the earlier one; returned in text order. ``span`` gives
    (first, last) inclusive positions (token indices or characters, end - 1).

    >>> keep_longest([(0, 1), (1, 3), (5, 5)], span=lambda s: s)
    [(1, 3), (5, 5)]
    """
    def key(item):
        first, last = span(item)
        return (*rank(item), -(last - first), first)

    kept: list[T] = []
    starts: list[int] = []  # the kept spans, disjoint, sorted by start (log-time overlap test:
    ends: list[int] = []    # a long document has thousands of mentions)
    for item in sorted(items, key=key):
        first, last = span(item)
        k = bisect_right(starts, last)
        if k and ends[k - 1] >= first:
            continue  # the kept span starting last at or before ``last`` reaches into this one
        starts.insert(k, first)
        ends.insert(k, last)
        kept.append(item)
    return sorted(kept, key=lambda item: span(item)[0])


class Coverage:
    """Does a stretch of text meet any of a set of (start, end) spans (end exclusive,
    spans may overlap)? Built once, asked many times in log time.

    >>> c = Coverage([(0, 5), (10, 12)])
    >>> c.touches(4, 6), c.touches(5, 10), c.touches(11, 30)
    (True, False, True)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.max_end: list[int] = []
        for _, b in ordered:
            self.max_end.append(max(b, self.max_end[-1]) if self.max_end else b)

    def touches(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # spans that start before ``end``
        return bool(k) and self.max_end[k - 1] > start
