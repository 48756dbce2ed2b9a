"""The country index: CLDR's Kazakh territory names (via babel) plus the aliases
and demonyms in ``pipeline/data/countries_kk.yaml``, looked up through the suffix
analyser so that every inflection is found (Украинаға, АҚШ-тың, Солтүстік Кореяның).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .morphology import Analysis, SuffixAnalyser, default_analyser
from .resources import package_data


@dataclass(frozen=True)
class CountryName:
    code: str
    words: tuple[str, ...]  # the name's words, the last one inflects

    @property
    def text(self) -> str:
        return " ".join(self.words)


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
    def __init__(self, locale: str = "kk", data: str = "countries_kk.yaml", analyser: SuffixAnalyser | None = None):
        from babel import Locale

        extra = package_data(data)
        territories = Locale.parse(locale).territories
        skip = set(extra["not_countries"])
        self.names: dict[str, str] = {
            code: name for code, name in territories.items() if re.fullmatch(r"[A-Z]{2}", code) and code not in skip
        }
        self.analyser = analyser or default_analyser()
        self._by_last: dict[str, list[CountryName]] = {}
        # Names whose last word carries a possessive ending (Біріккен Араб Әмірліктері,
        # Ресей Федерациясы) inflect like possessed nouns: Әмірліктер-і-не.
        self._by_possessed_stem: dict[str, list[CountryName]] = {}
        self._adjective: dict[str, str] = {}
        all_names = [(c, n) for c, n in self.names.items()]
        all_names += [(c, a) for c, aliases in extra["aliases"].items() for a in aliases]
        for code, name in all_names:
            words = tuple(name.split())
            self._by_last.setdefault(words[-1], []).append(CountryName(code, words))
            if len(words) > 1:
                for a in self.analyser.analyses(words[-1]):
                    if a.possessive == "p3" and a.case == "nom" and not a.plural:
                        self._by_possessed_stem.setdefault(a.stem, []).append(CountryName(code, words))
            self._adjective.setdefault(_squash(name), code)
        for entries in list(self._by_last.values()) + list(self._by_possessed_stem.values()):
            entries.sort(key=lambda n: -len(n.words))
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
        # keep the longest of overlapping matches
        found.sort(key=lambda m: (-(m.last - m.first), m.first))
        taken: set[int] = set()
        result = []
        for m in found:
            span = set(range(m.first, m.last + 1))
            if not span & taken:
                taken |= span
                result.append(m)
        return sorted(result, key=lambda m: m.first)

    def _name_ending_at(self, words: list[str], j: int) -> CountryMatch | None:
        for analysis in self.analyser.analyses(words[j]):
            names = list(self._by_last.get(analysis.stem, ()))
            if analysis.possessive == "p3":
                names += self._by_possessed_stem.get(analysis.stem, ())
            for name in names:
                k = len(name.words) - 1
                if j - k >= 0 and tuple(words[j - k:j]) == name.words[:-1]:
                    return CountryMatch(j - k, j, name.code, "COUNTRY", analysis)
        return None

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
