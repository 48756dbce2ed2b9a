"""Inflected name -> canonical nominative name, by analysis with evidence.

A name inflects on its last word (Дональд Трамп-тың, Ким Чен Ын-ға). The
:class:`NameNormaliser` takes the splits the :class:`~pipeline.lang.kk.morphology.SuffixAnalyser`
proposes and keeps one only if the ending is the right variant for the stem
(assimilation and vowel harmony: Трамп|тың, Ким|ге, Ын|ға; not Трампт|ың) and
prefers stems with evidence: the same stem standing bare elsewhere in the document,
or a name the caller knows. The whole word is kept when no split passes
(Ресей, Мәскеу, Қытай).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ...records import CASES
from .morphology import HYPHENS, Analysis, SuffixAnalyser, default_analyser
from .resources import kk_data

INFLECTED = tuple(c for c in CASES if c != "nom")  # a name read out of the nominative


@dataclass(frozen=True)
class Lemma:
    name: str  # canonical (nominative) form of the whole mention
    case: str
    evidence: str  # "known", "document", "phonology", "bare"


class Phonology:
    def __init__(self, table: str = "suffixes.yaml"):
        data = kk_data(table)["phonology"]
        self.back = set(data["back_vowels"])
        self.front = set(data["front_vowels"])
        self.class_of = {ch: cls for cls, letters in data["letter_classes"].items() for ch in letters}
        self.harmony_free = set(data.get("harmony_free", ()))
        self.onsets = {case: {cls: set(v) for cls, v in m.items()} for case, m in data["onsets"].items()}

    def fits(self, stem: str, analysis: Analysis, harmony: bool = True) -> bool:
        """Is ``analysis.ending`` the variant of its case that ``stem`` takes?
        With ``harmony=False`` only the consonant (assimilation) is checked: loan
        names often break vowel harmony (Назарбаев-тың, Йорк-тің)."""
        ending = analysis.ending
        if not ending:
            return True
        low = stem.lower().rstrip(HYPHENS)
        last = next((ch for ch in reversed(low) if ch.isalpha() and ch not in "ьъ"), "")
        cls = self.class_of.get(last)
        # the case ending proper is what remains after the attributive -ғы/-гі
        case_letters = ending[:-2] if analysis.attributive else ending
        if cls and analysis.case in self.onsets and case_letters[:1] not in self.onsets[analysis.case].get(cls, set()):
            return False
        stem_vowel = next((ch for ch in reversed(low) if ch in self.back or ch in self.front), None)
        ending_vowel = next((ch for ch in ending if ch in self.back or ch in self.front), None)
        if harmony and stem_vowel and ending_vowel and analysis.case not in self.harmony_free:
            if (stem_vowel in self.back) != (ending_vowel in self.back):
                return False
        return True


class NameNormaliser:
    def __init__(self, analyser: SuffixAnalyser | None = None):
        self.analyser = analyser or default_analyser()
        self.phonology = Phonology()
        self.name_endings = tuple(kk_data("suffixes.yaml").get("name_endings", ()))
        self.patronymic_stems = tuple(kk_data("suffixes.yaml").get("patronymic_stems", ()))
        self._sorted_words: tuple[frozenset[str], list[str], dict] | None = None  # the last document's

    def candidates(self, word: str) -> list[Analysis]:
        """Splits a proper name can have: a case ending (or -дағы), no possessive, no plural."""
        out = []
        for a in self.analyser.analyses(word):
            if a.possessive == "p3" and not a.plural and a.stem.lower().endswith(self.patronymic_stems):
                # a patronymic is a possessed noun (Ақан ұл-ы): "Ақанұлына" is Ақанұлы + -на
                p3 = a.ending[0]
                a = Analysis(stem=a.stem + p3, ending=a.ending[1:], case=a.case, possessive="p3")
            elif a.possessive or a.plural:
                continue
            if a.ending and a.case not in INFLECTED:
                continue
            if a.ending and a.stem[:1].isupper() != word[:1].isupper():
                continue
            if a.ending and word.lower().endswith(self.name_endings) and not a.stem.lower().endswith(self.name_endings):
                continue  # the "ending" is part of the name (Қазақстан)
            out.append(a)
        return out

    def lemma(self, text: str, known: frozenset[str] | set[str] = frozenset(),
              document_words: frozenset[str] | set[str] = frozenset(),
              unlikely_cases: frozenset[str] = frozenset()) -> Lemma:
        """Canonical form of a (multi-word) name as written in ``text``. A case in
        ``unlikely_cases`` is read only with evidence, not from sounds alone (a
        person is seldom in the locative: Рютте is no Рют + -те)."""
        words = text.split()
        if not words:
            return Lemma(text, "nom", "bare")
        head, last = words[:-1], words[-1]
        cands = self.candidates(last)
        bare = cands[-1] if cands and not cands[-1].ending else Analysis(stem=last, ending="")

        def name_of(a: Analysis) -> str:
            return " ".join(head + [a.stem])

        # 1. a stem the caller knows (gazetteer, earlier canonical names)
        for a in cands:
            if name_of(a) in known or a.stem in known:
                return Lemma(name_of(a), a.case, "known")
        hyphenated = any(h in last for h in HYPHENS)
        # 2. the stem stands bare elsewhere in the document
        for a in cands:
            if a.ending and a.stem in document_words and (hyphenated or self.phonology.fits(a.stem, a)):
                return Lemma(name_of(a), a.case, "document")
        # 2b. the whole word is itself a stem elsewhere in the document (Рютте beside
        #     Рюттенің): its "ending" is part of the name
        if len(cands) > 1 and self._inflected_elsewhere(last, document_words):
            return Lemma(name_of(bare), "nom", "document")
        # 3. the longest ending that fits the stem's sounds: consonant and vowel
        #    harmony first, then the consonant alone (loan names). A two-letter stem
        #    only where the name's other words are as short (Ким Чен Ын-ға, not Кофи Ан-нан)
        min_stem = 2 if head and all(len(w) <= 3 for w in head) else 3
        for a in cands:  # a patronymic's ending after its possessive: no guess (Ақанұлы-на)
            if a.possessive == "p3" and a.ending:
                return Lemma(name_of(a), a.case, "phonology")
        for harmony in (True, False):
            for a in cands:
                if a.case in unlikely_cases:
                    continue
                if a.ending and len(a.stem) >= (2 if hyphenated else min_stem) and (
                        hyphenated or self.phonology.fits(a.stem, a, harmony)):
                    return Lemma(name_of(a), a.case, "phonology")
        return Lemma(name_of(bare), "nom", "bare")


    def _inflected_elsewhere(self, word: str, document_words) -> bool:
        """Does the document hold ``word`` with an ending that fits it (Рютте beside Рюттенің)?
        A frozen set of words is sorted once (the last document's is kept, with the answers):
        the longer forms of ``word`` are the run that starts with it, found by bisection."""
        if not isinstance(document_words, frozenset):  # a set may change: read it as it is
            return self._inflected_among(word, [w for w in document_words if w.startswith(word)])
        kept = self._sorted_words
        if kept is None or kept[0] is not document_words:
            kept = self._sorted_words = (document_words, sorted(document_words), {})
        _, ordered, answers = kept
        if word not in answers:
            run = []
            for k in range(bisect_left(ordered, word), len(ordered)):
                if not ordered[k].startswith(word):
                    break
                run.append(ordered[k])
            answers[word] = self._inflected_among(word, run)
        return answers[word]

    def _inflected_among(self, word: str, others) -> bool:
        for other in others:
            if len(other) > len(word):
                if any(a.stem == word and a.ending and self.phonology.fits(a.stem, a) for a in self.candidates(other)):
                    return True
        return False


@lru_cache(maxsize=None)
def default_normaliser() -> NameNormaliser:
    return NameNormaliser()
