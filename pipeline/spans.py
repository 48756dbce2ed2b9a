"""One rule for competing spans: keep the longest, drop what overlaps it.

Gazetteer matches, model mentions, trigger words and speech verbs all compete for
stretches of text; every stage settles it the same way through :func:`keep_longest`.
"""
from __future__ import annotations

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
    spans: list[tuple[int, int]] = []
    for item in sorted(items, key=key):
        first, last = span(item)
        if all(last < a or first > b for a, b in spans):
            kept.append(item)
            spans.append((first, last))
    return sorted(kept, key=lambda item: span(item)[0])
