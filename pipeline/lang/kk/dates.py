"""Dates in Kazakh text, resolved against the document date.

Explicit: ``2022 жылдың ақпан айы`` -> 2022-02, ``2024 жылғы 5 наурызда`` ->
2024-03-05, ``05.09.2025`` -> 2025-09-05, ``2022 жылы`` -> 2022. Relative (need the
document date): ``сәрсенбі күні`` -> the last Wednesday on or before it, ``кеше``
-> the day before, ``осы жылдың басында`` -> the document's year.
Words live in ``pipeline/lang/kk/data/dates.yaml``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ...spans import SpanIndex
from .resources import kk_data


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str  # ISO: YYYY, YYYY-MM or YYYY-MM-DD


class DateReader:
    def __init__(self) -> None:
        d = kk_data("dates.yaml")
        self.months = d["months"]
        self.weekdays = d["weekdays"]
        self.weekday_markers = set(d["weekday_markers"])
        self.relative_days = d["relative_days"]
        self.year_words = set(d["year_words"])
        self.relative_years = d["relative_years"]
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
        weekday_alt = "|".join(sorted(self.weekdays, key=len, reverse=True))
        markers = "|".join(self.weekday_markers)
        self._weekday = re.compile(rf"\b(?P<wd>{weekday_alt})\s+(?:{markers})\b", re.IGNORECASE)
        rel_days = "|".join(sorted(self.relative_days, key=len, reverse=True))
        self._relative_day = re.compile(rf"\b(?P<rd>{rel_days})\b", re.IGNORECASE)

    def find(self, text: str, doc_date: dt.date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
        """Date expressions in ``text[start:end]`` with offsets into ``text``."""
        end = len(text) if end is None else end
        span = text[start:end]
        found: SpanIndex[DateMention] = SpanIndex()  # by offset: a long text has many dates

        def add(m: re.Match, value: str | None) -> None:
            if value and not found.touches(start + m.start(), start + m.end()):
                found.add(DateMention(start + m.start(), start + m.end(), value))

        for m in self._numeric.finditer(span):
            add(m, _iso(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        if doc_date:
            for m in self._relative_year.finditer(span):
                year = doc_date.year + self.relative_years[(m.group("rel") or m.group("standing")).lower()]
                month = self._month(m.group("month")) if m.group("month") else None
                day = int(m.group("day")) if m.group("day") else None
                add(m, _iso(year, month, day) if month else str(year))
        for m in self._explicit.finditer(span):
            month = self._month(m.group("month"))
            year = int(m.group("year")) if m.group("year") else (doc_date.year if doc_date else None)
            if month is None or year is None:
                continue
            day = int(m.group("day")) if m.group("day") else None
            # a bare month word may be something else (қазан: October or cauldron):
            # take it only with a year, a day, or "айы" after it
            if not m.group("year") and day is None and not self._month_word.match(span, m.end()):
                continue
            add(m, _iso(year, month, day))
        for m in self._year.finditer(span):
            add(m, m.group("year"))
        if doc_date:
            for m in self._weekday.finditer(span):
                wd = self.weekdays[m.group("wd").lower()]
                back = (doc_date.weekday() - wd) % 7
                add(m, (doc_date - dt.timedelta(days=back)).isoformat())
            for m in self._relative_day.finditer(span):
                add(m, (doc_date + dt.timedelta(days=self.relative_days[m.group("rd").lower()])).isoformat())
        return sorted(found.items(), key=lambda f: f.start)

    def _month(self, word: str) -> int | None:
        low = word.lower()
        for stem, number in self.months.items():
            if low.startswith(stem):
                return number
        return None


def _iso(year: int, month: int, day: int | None) -> str | None:
    try:
        if day is None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=None)
def default_date_reader() -> DateReader:
    return DateReader()
