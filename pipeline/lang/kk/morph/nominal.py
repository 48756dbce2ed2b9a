"""Choosing one nominal reading of a Kazakh word: stem, case, possessive, number.

:class:`~pipeline.lang.kk.morphology.SuffixAnalyser` lists every split of a word
into a stem and endings; this module picks one. A split is evidence-based: its
stem (with a voiced final undone before a vowel ending: көмегін -> көмек) must
stand as a word of its own in unlabelled text (``data/morphology/word_counts.yaml``).
Each candidate scores log(1 + count of its stem) plus a bonus per letter of ending
minus the ending's cost (``data/morphology/nominal.yaml``: first- and second-person
possessives are rare in news and spell many stems' last letters); the bare word
scores log(1 + its own count). The best score wins.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..morphology import Analysis, SuffixAnalyser, default_analyser
from ..resources import kk_data
from .lists import word_list_file

# UD features of each possessive (KTB writes the third person's number as Plur,Sing)
_PSOR = {
    "p3": (("Number[psor]", "Plur,Sing"), ("Person[psor]", "3")),
    "p1sg": (("Number[psor]", "Sing"), ("Person[psor]", "1")),
    "p2sg": (("Number[psor]", "Sing"), ("Person[psor]", "2")),
    "p1pl": (("Number[psor]", "Plur"), ("Person[psor]", "1")),
    "p2pl": (("Number[psor]", "Plur"), ("Person[psor]", "2")),
}


@dataclass(frozen=True)
class NominalReading:
    lemma: str  # lower case, nominative singular, voicing undone
    feats: tuple[tuple[str, str], ...]  # UD, sorted by name
    ending: str  # the letters stripped ("" for the bare word)
    stem_count: int  # how often the lemma stands alone in unlabelled text


class NominalAnalyser:
    def __init__(self, suffixes: SuffixAnalyser | None = None, counts: str = "morphology/word_counts.yaml",
                 table: str = "morphology/nominal.yaml", hunspell: str = "morphology/hunspell_stems.yaml"):
        self.suffixes = suffixes or default_analyser()
        self.counts: dict[str, int] = {}
        self.inside: dict[str, tuple[int, int]] = {}  # word -> (times inside a sentence, capitalised then)
        for line in word_list_file(counts)["counts"].splitlines():
            parts = line.split()
            if len(parts) == 4:
                self.counts[parts[0]] = int(parts[1])
                self.inside[parts[0]] = (int(parts[2]), int(parts[3]))
        spec = kk_data(table)
        self.letter_bonus = float(spec["letter_bonus"])
        self.possessive_cost = {str(k): float(v) for k, v in spec["possessive_cost"].items()}
        self.min_stem_count = int(spec["min_stem_count"])
        self.min_stem = int(spec["min_stem"])
        self.bare_penalty = float(spec["bare_penalty"])
        # a dictionary's stem unseen bare counts as seen this often
        for stem in word_list_file(hunspell)["stems"].split():
            if self.counts.get(stem, 0) < self.min_stem_count:
                self.counts[stem] = self.min_stem_count
        self.case_names = self.suffixes.case_names
        self.analyse = lru_cache(maxsize=200_000)(self._analyse)

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)

    def name_share(self, word: str) -> float | None:
        """The share of ``word``'s (lower case) uses inside a sentence written with a
        capital; None when never seen inside one."""
        n, capitalised = self.inside.get(word, (0, 0))
        return capitalised / n if n else None

    def _analyse(self, word: str) -> NominalReading:
        """The best nominal reading of ``word`` (the bare word, nominative, when no
        split has evidence)."""
        lower = word.lower()
        best = NominalReading(lower, (("Case", "Nom"),), "", self.count(lower))
        best_score = math.log1p(best.stem_count) - self.bare_penalty
        for a in self.suffixes.analyses(lower, self.min_stem):
            if a.is_bare:
                continue
            stem = self._stem(a)
            n = self.count(stem)
            if n < self.min_stem_count:
                continue
            score = math.log1p(n) + self.letter_bonus * len(a.ending) - self.possessive_cost.get(a.possessive or "", 0.0)
            if score > best_score:
                best, best_score = NominalReading(stem, self.feats(a), a.ending, n), score
        return best

    def _stem(self, a: Analysis) -> str:
        """The stem as a dictionary writes it: the commonest of its spellings."""
        options = self.stem_spellings(a)
        return max(options, key=lambda o: (self.count(o), o == options[0]))

    @staticmethod
    def stem_spellings(a: Analysis) -> list[str]:
        """The stem as split, then: a voiced final returned to voiceless before a vowel
        ending (көмег-ін -> көмек); the high vowel a vowel ending drops restored
        (орн-ы -> орын, халқ-ы -> халық)."""
        stem = a.stem.lower().rstrip("-")
        t = _spelling()
        if a.ending[:1] not in t.vowels:
            return [stem]
        options = [stem]
        if stem[-1:] in t.devoice:
            options.append(stem[:-1] + t.devoice[stem[-1]])
        if len(stem) >= 3 and stem[-1] not in t.vowels and stem[-2] not in t.vowels:
            vowel = t.high_vowels["back" if any(ch in t.back for ch in stem) else "front"]
            options += [o[:-1] + vowel + o[-1] for o in list(options)]
        return options

    def feats(self, a: Analysis) -> tuple[tuple[str, str], ...]:
        out = [("Case", self.case_names[a.case])]
        if a.plural:
            out.append(("Number", "Plur"))
        out.extend(_PSOR.get(a.possessive or "", ()))
        return tuple(sorted(out, key=lambda kv: kv[0].lower()))


@dataclass(frozen=True)
class _Spelling:
    vowels: frozenset
    back: frozenset
    devoice: dict  # ғ -> қ
    high_vowels: dict  # back/front -> the vowel an ending drops


@lru_cache(maxsize=None)
def _spelling() -> _Spelling:
    phonology = kk_data("suffixes.yaml")
    return _Spelling(
        vowels=frozenset(phonology["phonology"]["letter_classes"]["vowel"]),
        back=frozenset(phonology["phonology"]["back_vowels"]),
        devoice={v: k for k, v in phonology["voicing"].items()},
        high_vowels={str(k): str(v) for k, v in kk_data("morphology/nominal.yaml")["elided_vowel"].items()},
    )


@lru_cache(maxsize=None)
def default_nominal_analyser() -> NominalAnalyser:
    return NominalAnalyser()
