"""What the date readers of every language share: a date mention (a period: its first
day and its precision) and the rules that resolve a relative expression against the
document's publication date.

A period is written as its first day: a week as its Monday, a month as its 1st, a year
as 1 January (GDELT's SQLDATE needs a full date); ``value`` is the ISO 8601 form at the
mention's own precision (``2024``, ``2024-03``, ``2024-W11``, ``2024-03-05``), which a
claim stores and reads back as a full date and a precision.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Optional

from ..spans import SpanIndex

Precision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: dt.date  # the period's first day
    precision: Precision

    @property
    def value(self) -> str:
        """ISO 8601 at the mention's precision (what a claim's ``date`` is given)."""
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        if self.precision == "week":
            year, week, _ = self.date.isocalendar()
            return f"{year:04d}-W{week:02d}"
        return self.date.isoformat()


def make_date(year: int, month: int | None = None, day: int | None = None) -> Optional[tuple[dt.date, Precision]]:
    """A period from its parts (None when the parts are no date: 31 February)."""
    try:
        if month is None:
            return dt.date(year, 1, 1), "year"
        if day is None:
            return dt.date(year, month, 1), "month"
        return dt.date(year, month, day), "day"
    except ValueError:
        return None


def nearest_year(published: dt.date, month: int, day: int | None = None) -> int:
    """The year of a day and month (or a month) given without one: the occurrence nearest
    the publication date, so that ``25 December`` in a January article is last year's and
    ``15 March`` in an article of 10 March is this year's (news reports and announces)."""
    def distance(year: int) -> int:
        try:
            return abs((dt.date(year, month, day or 15) - published).days)
        except ValueError:  # 29 February of a common year
            return 1 << 30
    return min((published.year - 1, published.year, published.year + 1), key=distance)


def last_weekday(published: dt.date, weekday: int) -> dt.date:
    """The last such weekday on or before the publication date (a Friday article's
    ``on Friday`` is that day)."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def weekday_from(published: dt.date, weekday: int, offset: int) -> dt.date:
    """A weekday with "last" (-1: the last one before the publication date) or "next" (1: the
    first one after it); 0: :func:`last_weekday`."""
    if offset < 0:
        return published - dt.timedelta(days=(published.weekday() - weekday - 1) % 7 + 1)
    if offset > 0:
        return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    return last_weekday(published, weekday)


def not_yet(modality: str, first_day: Optional[dt.date], published: Optional[dt.date]) -> str:
    """A claim told as a plain fact but dated after its publication ("next week X visits Y",
    "ертең ... барады") has not happened when it is written: it is ``intended``. ``first_day``
    is the first day of the claim's date (a :class:`DateMention`'s ``date``)."""
    if modality == "asserted" and first_day is not None and published is not None and first_day > published:
        return "intended"
    return modality


def shifted(published: dt.date, unit: str, offset: int) -> tuple[dt.date, Precision]:
    """This (0), last (-1) or next (1) day, week, month or year of the publication date."""
    if unit == "day":
        return published + dt.timedelta(days=offset), "day"
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        return monday + dt.timedelta(weeks=offset), "week"
    if unit == "month":
        months = published.year * 12 + published.month - 1 + offset
        return dt.date(months // 12, months % 12 + 1, 1), "month"
    return dt.date(published.year + offset, 1, 1), "year"


class FoundDates:
    """Mentions found in a span of text, the first found winning where two overlap
    (indexed by offset: a long text has many dates)."""

    def __init__(self, offset: int):
        self.offset = offset
        self.found: SpanIndex[DateMention] = SpanIndex()

    def add(self, start: int, end: int, period: Optional[tuple[dt.date, Precision]]) -> None:
        a, b = self.offset + start, self.offset + end
        if period is not None and not self.found.touches(a, b):
            self.found.add(DateMention(a, b, *period))

    def mentions(self) -> list[DateMention]:
        return sorted(self.found.items(), key=lambda f: f.start)
