"""The country index: CLDR's Kazakh territory names (via babel) plus the aliases
and demonyms in ``pipeline/lang/kk/data/countries.yaml``, looked up through the suffix
analyser so that every inflection is found (Украинаға, АҚШ-тың, Солтүстік Кореяның).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...names import NameIndex, longest_without_overlaps
from .morphology import Analysis, SuffixAnalyser, default_analyser
from .resources import kk_data


@dataclass(frozen=True)
class CountryMatch:
    first: int  # token index of the first word
    last: int  # token index of the last word (inclusive)
    code: str
    label: str  # COUNTRY or NORP
    analysis: Analysis


def _squash(name: str) -> str:
    return re.sub(r"[\s\-]", "", name.lower())


class CountryIndex:
    def __init__(self, locale: str = "kk", data: str = "countries.yaml", analyser: SuffixAnalyser | None = None):
        from babel import Locale

        extra = kk_data(data)
        territories = Locale.parse(locale).territories
        skip = set(extra["not_countries"])
        self.names: dict[str, str] = {
            code: name for code, name in territories.items() if re.fullmatch(r"[A-Z]{2}", code) and code not in skip
        }
        self.analyser = analyser or default_analyser()
        self._adjective: dict[str, str] = {}
        all_names = [(c, n) for c, n in self.names.items()]
        all_names += [(c, a) for c, aliases in extra["aliases"].items() for a in aliases]
        self._index = NameIndex(all_names, self.analyser)
        for code, name in all_names:
            self._adjective.setdefault(_squash(name), code)
        self._demonyms = {d: code for code, ds in extra["demonyms"].items() for d in ds}

    def canonical(self, code: str) -> str:
        return self.names[code]

    def find(self, words: list[str]) -> list[CountryMatch]:
        """Country names and demonyms in a token sequence, longest first, no overlaps."""
        found: list[CountryMatch] = []
        for j, word in enumerate(words):
            if not word[:1].isalpha():
                continue
            match = self._name_ending_at(words, j) if word[0].isupper() else None
            if match is None:
                match = self._demonym(word, j)
            if match is not None:
                found.append(match)
        return longest_without_overlaps(found)

    def _name_ending_at(self, words: list[str], j: int) -> CountryMatch | None:
        m = self._index.ending_at(words, j)
        return CountryMatch(m.first, m.last, m.key, "COUNTRY", m.analysis) if m else None

    def _demonym(self, word: str, j: int) -> CountryMatch | None:
        lower = word.lower()
        for analysis in self.analyser.analyses(lower):
            code = self._demonyms.get(analysis.stem)
            if code:
                return CountryMatch(j, j, code, "NORP", analysis)
        for base, analysis in self.analyser.adjective_base(lower):
            code = self._adjective.get(base) or self._demonyms.get(base)
            if code:
                return CountryMatch(j, j, code, "NORP", analysis)
        return None


@lru_cache(maxsize=None)
def default_country_index() -> CountryIndex:
    return CountryIndex()
