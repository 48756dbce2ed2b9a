"""Dates in Kazakh text, resolved against the document (publication) date.

Explicit: ``2022 жылдың ақпан айы`` -> 2022-02 (month), ``2024 жылғы 5 наурызда`` ->
2024-03-05, ``05.09.2025`` -> 2025-09-05, ``2022 жылы`` -> 2022 (year). Relative (need
the document date): ``сәрсенбі күні`` / ``дүйсенбіде`` -> the last such day on or before
it, ``кеше`` -> the day before, ``өткен аптада`` -> the week before (week), ``келесі айда``
-> the month after, ``осы жылдың басында`` -> the document's year, ``15 наурызда`` -> the
15 March nearest the document date. Each mention is a :class:`~pipeline.lang.dates.DateMention`
(the period's first day and its precision). Words live in ``pipeline/lang/kk/data/dates.yaml``.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..dates import DateMention, FoundDates, make_date, nearest_year, shifted, weekday_from
from .resources import kk_data

__all__ = ["DateMention", "DateReader", "default_date_reader"]


class DateReader:
    def __init__(self) -> None:
        d = kk_data("dates.yaml")
        self.months = d["months"]
        self.weekdays = d["weekdays"]
        self.relative_days = d["relative_days"]
        self.relative_years = d["relative_years"]
        self.periods = {form: unit for unit, forms in d["relative_periods"].items() for form in forms}
        month_alt = "|".join(sorted(self.months, key=len, reverse=True))
        year = re.escape(d["year_stem"])
        abbr = re.escape(d["year_abbreviation"])
        self._month_word = re.compile(rf"\s+{re.escape(d['month_word'])}")
        self._numeric = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
        # [YEAR жыл(дың|ғы|ы)] [DAY] [MONTH(айы)]
        self._explicit = re.compile(
            rf"(?:\b(?P<year>\d{{4}})\s*(?:-?\s*{abbr}|\s*{year}\w*)\s*)?(?:(?P<day>\d{{1,2}})\s*-?\s*)?"
            rf"\b(?P<month>{month_alt})\w*",
            re.IGNORECASE,
        )
        self._year = re.compile(rf"\b(?P<year>\d{{4}})\s*(?:-?\s*{abbr}|\s*-?{year}\w*)")
        rel_years = "|".join(self.relative_years)
        standing = "|".join(d.get("self_standing_years", ())) or "(?!)"
        # "өткен жылдың қараша айында", "биыл 5 наурызда", "былтыр": a year relative to the
        # document's, perhaps with a day and a month
        self._relative_year = re.compile(
            rf"\b(?:(?P<rel>{rel_years})\s+{year}\w*|(?P<standing>{standing})\b)"
            rf"(?:\s+(?:(?P<day>\d{{1,2}})\s*-?\s*)?(?P<month>{month_alt})\w*)?",
            re.IGNORECASE)
        periods = "|".join(sorted(self.periods, key=len, reverse=True))
        self._relative_period = re.compile(rf"\b(?P<rel>{rel_years})\s+(?P<unit>{periods})\b", re.IGNORECASE)
        weekday_alt = "|".join(sorted(self.weekdays, key=len, reverse=True))
        markers = "|".join(d["weekday_markers"])
        endings = "|".join(d["weekday_endings"])
        # "сәрсенбі күні" or "сәрсенбіде"; a bare "жұма" may be a name
        self.weekday_relatives = d.get("weekday_relatives", {})
        wd_rel = "|".join(self.weekday_relatives) or "(?!)"
        self._weekday = re.compile(
            rf"(?:\b(?P<wrel>{wd_rel})\s+)?\b(?P<wd>{weekday_alt})(?:\s+(?:{markers})|(?:{endings}))\b", re.IGNORECASE)
        rel_days = "|".join(sorted(self.relative_days, key=len, reverse=True))
        self._relative_day = re.compile(rf"\b(?P<rd>{rel_days})\b", re.IGNORECASE)

    def find(self, text: str, doc_date: dt.date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
        """Date expressions in ``text[start:end]`` with offsets into ``text``."""
        end = len(text) if end is None else end
        span = text[start:end]
        found = FoundDates(start)

        def add(m: re.Match, period) -> None:
            found.add(m.start(), m.end(), period)

        for m in self._numeric.finditer(span):
            add(m, make_date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        if doc_date:
            for m in self._relative_year.finditer(span):
                year = doc_date.year + self.relative_years[(m.group("rel") or m.group("standing")).lower()]
                month = self._month(m.group("month")) if m.group("month") else None
                add(m, make_date(year, month, int(m.group("day")) if m.group("day") and month else None))
            for m in self._relative_period.finditer(span):
                add(m, shifted(doc_date, self.periods[m.group("unit").lower()],
                               self.relative_years[m.group("rel").lower()]))
        for m in self._explicit.finditer(span):
            month = self._month(m.group("month"))
            day = int(m.group("day")) if m.group("day") else None
            # a bare month word may be something else (қазан: October or cauldron):
            # take it only with a year, a day, or "айы" after it
            if month is None or (not m.group("year") and day is None and not self._month_word.match(span, m.end())):
                continue
            if m.group("year"):
                add(m, make_date(int(m.group("year")), month, day))
            elif doc_date:
                add(m, make_date(nearest_year(doc_date, month, day), month, day))
        for m in self._year.finditer(span):
            add(m, make_date(int(m.group("year"))))
        if doc_date:
            for m in self._weekday.finditer(span):
                offset = self.weekday_relatives[m.group("wrel").lower()] if m.group("wrel") else 0
                add(m, (weekday_from(doc_date, self.weekdays[m.group("wd").lower()], offset), "day"))
            for m in self._relative_day.finditer(span):
                add(m, shifted(doc_date, "day", self.relative_days[m.group("rd").lower()]))
        return found.mentions()

    def _month(self, word: str) -> int | None:
        low = word.lower()
        for stem, number in self.months.items():
            if low.startswith(stem):
                return number
        return None


@lru_cache(maxsize=None)
def default_date_reader() -> DateReader:
    return DateReader()
