"""Dates in Russian text, resolved against the document (publication) date.

Explicit: ``15 марта 2024 года`` -> 2024-03-15, ``в феврале 2022 года`` -> 2022-02
(month), ``в 2023 году`` -> 2023 (year), ``05.09.2025``. Relative (need the document
date): ``в понедельник`` -> the last Monday on or before it, ``вчера`` / ``завтра``,
``на прошлой неделе`` -> the week before (week), ``в следующем месяце``, ``в прошлом году``,
``в марте прошлого года``, ``15 марта`` / ``в марте`` -> the one nearest the document
date. Each mention is a :class:`~pipeline.lang.dates.DateMention` (the period's first day
and its precision); the words live in ``pipeline/lang/ru/data/dates.yaml``.

Hand-written rather than dateparser's ``search_dates`` (``RELATIVE_BASE`` the publication
date, ``PREFER_DATES_FROM: past``): on the 13 Russian cases of ``tests/test_dates_precision.py``
it got 7 (it missed ``на прошлой неделе``, ``в прошлом месяце``, ``в марте прошлого года``
and read ``в 2023 году`` as year 1), gave no offsets and no precision, and took 35-90 ms a
sentence.
"""
from __future__ import annotations

import datetime as dt
import re

from ..dates import DateMention, FoundDates, last_weekday, make_date, nearest_year, shifted

__all__ = ["DateMention", "RussianDateReader"]


def _alternatives(words) -> str:
    """A regex alternation of words or phrases, longest first, spaces matching any whitespace."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


class RussianDateReader:
    def __init__(self, data: dict) -> None:
        self.months = {form: int(number) for number, forms in data["months"].items() for form in forms}
        self.weekdays = data["weekdays"]
        self.relative_days = data["relative_days"]
        self.relative_years = data["relative_year_words"]
        self.periods = {_key(p): (unit, offset) for unit, phrases in data["relative_periods"].items()
                        for p, offset in phrases.items()}
        months, years = _alternatives(self.months), _alternatives(data["year_words"])
        flags = re.IGNORECASE
        self._numeric = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
        weekday = rf"\b(?:{_alternatives(data['weekday_prepositions'])})\s+(?P<wd>{_alternatives(self.weekdays)})\b"
        # [[во вторник,] DAY | в] MONTH [YEAR (года) | прошлого года]: the day, not the weekday, dates it
        self._explicit = re.compile(
            rf"(?:(?:{weekday},?\s+)?\b(?P<day>\d{{1,2}})\s+|\b(?P<prep>{_alternatives(data['month_prepositions'])})\s+)?"
            rf"\b(?P<month>{months})\b(?:\s+(?:(?P<year>\d{{4}})(?:\s*(?:{years})(?!\w))?"
            rf"|(?P<rel>{_alternatives(self.relative_years)})\s+года\b))?", flags)
        self._year = re.compile(rf"\b(?P<year>\d{{4}})\s*(?:{years})(?!\w)", flags)
        self._period = re.compile(rf"\b(?:{_alternatives(self.periods)})\b", flags)
        self._weekday = re.compile(weekday, flags)
        self._relative_day = re.compile(rf"\b(?P<rd>{_alternatives(self.relative_days)})\b", flags)

    def find(self, text: str, doc_date: dt.date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
        """Date expressions in ``text[start:end]`` with offsets into ``text``."""
        span = text[start:len(text) if end is None else end]
        found = FoundDates(start)
        for m in self._numeric.finditer(span):
            found.add(m.start(), m.end(), make_date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        for m in self._explicit.finditer(span):
            month = self.months[m.group("month").lower()]
            day = int(m.group("day")) if m.group("day") else None
            if m.group("year"):
                year = int(m.group("year"))
            elif not doc_date or (day is None and not m.group("prep") and not m.group("rel")):
                continue  # "март" alone may be a name; a relative date needs the document's
            elif m.group("rel"):
                year = doc_date.year + self.relative_years[m.group("rel").lower()]
            else:
                year = nearest_year(doc_date, month, day)
            found.add(m.start(), m.end(), make_date(year, month, day))
        if doc_date:
            for m in self._period.finditer(span):
                unit, offset = self.periods[_key(m.group())]
                found.add(m.start(), m.end(), shifted(doc_date, unit, offset))
        for m in self._year.finditer(span):
            found.add(m.start(), m.end(), make_date(int(m.group("year"))))
        if doc_date:
            for m in self._weekday.finditer(span):
                found.add(m.start(), m.end(), (last_weekday(doc_date, self.weekdays[m.group("wd").lower()]), "day"))
            for m in self._relative_day.finditer(span):
                found.add(m.start(), m.end(), shifted(doc_date, "day", self.relative_days[m.group("rd").lower()]))
        return found.mentions()
