"""The country index: CLDR's Kazakh territory names (via babel) plus the aliases,
official-name heads and demonyms in ``pipeline/lang/kk/data/countries.yaml``, looked up
through the suffix analyser so that every inflection is found (Украинаға, АҚШ-тың,
Солтүстік Кореяның, Франция Республикасының), and hyphenated pairs split into their
countries (қазақ-түрік: KZ and TR).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...names import NameIndex, longest_without_overlaps
from .morphology import HYPHENS, Analysis, SuffixAnalyser, default_analyser
from .resources import kk_data

_HYPHEN = re.compile(f"[{HYPHENS}]")


@dataclass(frozen=True)
class CountryMatch:
    first: int  # token index of the first word
    last: int  # token index of the last word (inclusive)
    code: str
    label: str  # COUNTRY or NORP
    analysis: Analysis
    # a part of one word (a half of қазақ-түрік): its character offsets within words[first]
    part: tuple[int, int] | None = None


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
        for code, name in all_names:
            self._adjective.setdefault(_squash(name), code)
        # "<name> Республикасы" and the like: official names, unless listed otherwise (Қытай Республикасы)
        explicit = {name for _, name in all_names}
        official = [(code, f"{name} {head}") for code, name in all_names for head in extra.get("state_heads", ())
                    if f"{name} {head}" not in explicit]
        self._index = NameIndex(all_names + official, self.analyser)
        self._demonyms = {d: code for code, ds in extra["demonyms"].items() for d in ds}
        # Дания Ахметова, Мажар Ахметов: a bare name before a surname is a person's given name
        self._surname_endings = tuple(kk_data("language.yaml")["surname_endings"])

    def canonical(self, code: str) -> str:
        return self.names[code]

    def find(self, words: list[str]) -> list[CountryMatch]:
        """Country names and demonyms in a token sequence, longest first, no overlaps;
        then the halves of hyphenated pairs (қазақ-түрік) in the words left over."""
        found: list[CountryMatch] = []
        for j, word in enumerate(words):
            if not word[:1].isalpha():
                continue
            match = self._name_ending_at(words, j) if word[0].isupper() else None
            if match is None:
                match = self._demonym(word, j)
            if match is not None and not self._given_name(match, words):
                found.append(match)
        kept = longest_without_overlaps(found)
        covered = {j for m in kept for j in range(m.first, m.last + 1)}
        pairs = [m for j, word in enumerate(words) if j not in covered and _HYPHEN.search(word)
                 for m in self._hyphenated(word, j)]
        return sorted(kept + pairs, key=lambda m: (m.first, m.part or (0, 0)))

    def _given_name(self, m: CountryMatch, words: list[str]) -> bool:
        """One bare word before a capitalised surname (Ахметова, Ахметовтың) names a person."""
        nxt = m.last + 1
        if m.first != m.last or not m.analysis.is_bare or nxt >= len(words) or not words[nxt][:1].isupper():
            return False
        return any(len(stem) > 4 and stem.lower().endswith(self._surname_endings)
                   for stem in self.analyser.stems(words[nxt]))

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

    def _hyphenated(self, word: str, j: int) -> list[CountryMatch]:
        """қазақ-түрік, ресей-украин, Қазақстан-Қытай(дың): every half a country or a
        demonym, only the last inflected, no half twice; one NORP match per half (the
        pair qualifies a noun: қазақ-түрік кәсіпорны). Otherwise none."""
        spans = [(h.start(), h.end()) for h in re.finditer(f"[^{HYPHENS}]+", word)]
        if len(spans) < 2 or spans[0][0] != 0 or spans[-1][1] != len(word):
            return []
        out: list[CountryMatch] = []
        for k, (a, b) in enumerate(spans):
            half = self._country_word(word[a:b].lower(), last=k == len(spans) - 1)
            if half is None:
                return []
            out.append(CountryMatch(j, j, half[0], "NORP", half[1], part=(a, b)))
        return out if len({m.code for m in out}) == len(out) else []

    def _country_word(self, word: str, last: bool) -> tuple[str, Analysis] | None:
        """A lower-cased half: a demonym (түрік, ресейлік) or a country's name (ресей)."""
        for analysis in self.analyser.analyses(word):
            if not last and not analysis.is_bare:
                continue
            code = self._demonyms.get(analysis.stem) or self._adjective.get(analysis.stem)
            if code:
                return code, analysis
        match = self._demonym(word, 0)
        if match is not None and (last or match.analysis.is_bare):
            return match.code, match.analysis
        return None


@lru_cache(maxsize=None)
def default_country_index() -> CountryIndex:
    return CountryIndex()
