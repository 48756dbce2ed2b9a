"""One rule for competing spans: keep the longest, drop what overlaps it.

Gazetteer matches, model mentions, trigger words and speech verbs all compete for
stretches of text; every stage settles it the same way through :func:`keep_longest`.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from typing import Callable, Generic, Iterable, TypeVar

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


class SpanIndex(Generic[T]):
    """Items with (start, end) spans (end exclusive, overlaps allowed) that can be added and
    removed, asked which of them meet a stretch of text: sorted by start, a query looks only at
    the items that start within the longest span's length before it (log time plus those), not
    at every item; a rule that compares each mention with all the others becomes linear.
    ``items()`` and every answer keep the order the items were added in.

    >>> ix = SpanIndex([(0, 5), (10, 12), (3, 4)], span=lambda s: s)
    >>> ix.overlapping(4, 11)
    [(0, 5), (10, 12)]
    >>> key = ix.add((6, 8)); ix.remove(key); ix.items()
    [(0, 5), (10, 12), (3, 4)]
    """

    def __init__(self, items: Iterable[T] = (), span: Callable[[T], tuple[int, int]] = lambda m: (m.start, m.end)):
        self._span = span
        self._items: dict[int, T] = {}  # key (insertion number) -> item, in insertion order
        self._spans: dict[int, tuple[int, int]] = {}
        self._longest = 0  # an upper bound: removing an item never lowers it
        for item in items:
            key = len(self._items)
            self._items[key] = item
            self._spans[key] = span(item)
            self._longest = max(self._longest, self._spans[key][1] - self._spans[key][0])
        self._order = sorted((s[0], k) for k, s in self._spans.items())  # (start, key)
        self._next = len(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> list[T]:
        return list(self._items.values())

    def add(self, item: T) -> int:
        """Add ``item`` (last in order); its key, for :meth:`remove`."""
        key, self._next = self._next, self._next + 1
        start, end = self._spans[key] = self._span(item)
        self._items[key] = item
        self._longest = max(self._longest, end - start)
        insort(self._order, (start, key))
        return key

    def remove(self, key: int) -> None:
        start, _ = self._spans.pop(key)
        del self._items[key]
        del self._order[bisect_left(self._order, (start, key))]

    def discard(self, item: T) -> None:
        """Remove ``item`` itself (not an equal copy), wherever it was added."""
        start = self._span(item)[0]
        k = bisect_left(self._order, (start, -1))
        while k < len(self._order) and self._order[k][0] == start:
            if self._items[self._order[k][1]] is item:
                self.remove(self._order[k][1])
            else:
                k += 1

    def keyed(self, start: int, end: int) -> list[tuple[int, T]]:
        """(key, item) of the items that overlap ``[start, end)``, in order."""
        lo = bisect_right(self._order, (start - self._longest, float("inf")))
        hi = bisect_left(self._order, (end, -1))
        found = sorted(k for s, k in self._order[lo:hi] if start < self._spans[k][1])
        return [(k, self._items[k]) for k in found]

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items that overlap ``[start, end)`` (``item.start < end and start < item.end``), in order."""
        return [item for _, item in self.keyed(start, end)]

    def touches(self, start: int, end: int) -> bool:
        return bool(self.keyed(start, end))
