"""NameIndex: multi-word names found through every inflection of their last word.

Kazakh inflects only a name's last word (Солтүстік Кореяның, Біріккен Ұлттар
Ұйымына, НАТО-ға), so the index keys names by the stem of their last word and
checks the words before it literally. Names whose last word is itself possessed
(Ресей Федерациясы, Ұлттар Ұйымы) also inflect as possessed nouns (Ұйым-ы-на).
The country and organisation gazetteers both sit on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol, Sequence

from .spans import keep_longest


class Analysis(Protocol):
    """One split of a word into a stem and endings (a language's suffix analyser gives them)."""

    stem: str
    case: str
    possessive: str | None


class SuffixAnalyser(Protocol):
    """Any analyser with ``analyses(word)`` will do (Kazakh's: pipeline/lang/kk/morphology.py)."""

    def analyses(self, word: str, min_stem: int = 2) -> Sequence[Analysis]: ...


@dataclass(frozen=True)
class IndexedName:
    key: str  # what the name stands for: an ISO code, an organisation id ...
    words: tuple[str, ...]  # the name's words, the last one inflects


@dataclass(frozen=True)
class NameMatch:
    first: int  # token index of the first word
    last: int  # token index of the last word (inclusive)
    key: str
    analysis: Analysis  # of the last word: case, possessive, plural


class NameIndex:
    def __init__(self, names: Iterable[tuple[str, str]], analyser: SuffixAnalyser):
        self.analyser = analyser
        self._by_last: dict[str, list[IndexedName]] = {}
        self._by_possessed_stem: dict[str, list[IndexedName]] = {}
        for key, name in names:
            words = tuple(name.split())
            if not words:
                continue
            entry = IndexedName(key, words)
            self._by_last.setdefault(words[-1], []).append(entry)
            if len(words) > 1:
                for a in analyser.analyses(words[-1]):
                    if a.possessive == "p3" and a.case == "nom" and not a.plural:
                        self._by_possessed_stem.setdefault(a.stem, []).append(entry)
        for entries in list(self._by_last.values()) + list(self._by_possessed_stem.values()):
            entries.sort(key=lambda n: -len(n.words))  # longest name first

    def ending_at(self, words: list[str], j: int) -> NameMatch | None:
        """The longest name whose (inflected) last word is ``words[j]``."""
        for analysis in self.analyser.analyses(words[j]):
            names = list(self._by_last.get(analysis.stem, ()))
            if analysis.possessive == "p3":  # longest of both first (Америка Құрама Штаттарының)
                names = sorted(names + self._by_possessed_stem.get(analysis.stem, []), key=lambda n: -len(n.words))
            for name in names:
                k = len(name.words) - 1
                if j - k >= 0 and tuple(words[j - k:j]) == name.words[:-1]:
                    return NameMatch(j - k, j, name.key, analysis)
        return None

    def find(self, words: list[str]) -> list[NameMatch]:
        """Names in a token sequence, longest first, no overlaps. Words match as
        written (Ақ үй, not ақ үй); only the last word's endings vary."""
        found = [m for j, w in enumerate(words) if w[:1].isalpha() for m in [self.ending_at(words, j)] if m]
        return longest_without_overlaps(found)


def longest_without_overlaps(found: list) -> list:
    """Keep the longest of overlapping matches (objects with ``first``/``last``), in text order."""
    return keep_longest(found, span=lambda m: (m.first, m.last))
