"""Which language a document is in, offline: ``kk``, ``ru`` or ``en``.

Two detectors, chosen by a config's ``detector:`` key:

- ``letters`` (default): the script and the Kazakh letters (ә ғ қ ң ө ұ ү һ і):
  Latin -> en; Cyrillic with Kazakh letters at or above a share -> kk, else ru;
  a text too short to tell by share is decided by function words, then by word
  endings (``pipeline/data/languages.yaml``); still undecided: None, and the
  config's own language is used. No model, microseconds per document.
- ``lingua``: lingua-language-detector restricted to Kazakh, Russian and English
  (its models ship in the wheel).

The benchmark ``benchmarks/russian_langid.py`` measures both on our texts.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import package_data

DETECTORS = ("letters", "lingua")
_WORD = re.compile(r"[^\W\d_]+")


class LettersDetector:
    name = "letters"

    def __init__(self, data: dict | None = None):
        data = data or package_data("languages.yaml")
        self.kk_letters = frozenset(data["kazakh_letters"])
        self.min_share = float(data["kazakh_min_share"])
        self.words = {lang: frozenset(ws) for lang, ws in data["function_words"].items()}
        endings = data.get("word_endings", {})
        self.endings = {lang: sorted(endings.get(lang, []), key=len, reverse=True) for lang in ("kk", "ru")}

    def detect(self, text: str, sample: int = 5000) -> str | None:
        text = text[:sample]
        cyr = lat = kk = 0
        for ch in text:
            if "\u0400" <= ch <= "\u04ff":
                cyr += 1
                kk += ch in self.kk_letters
            elif ("a" <= ch <= "z") or ("A" <= ch <= "Z"):
                lat += 1
        if cyr + lat == 0:
            return None
        if lat > cyr:
            return "en"
        if kk / cyr >= self.min_share:
            return "kk"
        # few or no Kazakh letters (a Russian text quoting a Kazakh name, or a short
        # Kazakh one): function words decide; a tie goes to Kazakh only if it has its letters
        words = [w.lower() for w in _WORD.findall(text)]
        ru, kz = (sum(w in self.words[lang] for w in words) for lang in ("ru", "kk"))
        if ru != kz:
            return "ru" if ru > kz else "kk"
        if kk:
            return "kk"
        ru, kz = self._endings_vote(words)
        if ru != kz:
            return "ru" if ru > kz else "kk"
        return None  # undecided: the config's own language

    def _endings_vote(self, words: list[str]) -> tuple[int, int]:
        votes = {"kk": 0, "ru": 0}
        for w in words:
            if len(w) < 4:  # short words end in anything
                continue
            best = None
            for lang in votes:
                e = next((e for e in self.endings[lang] if w.endswith(e)), "")
                if e and (best is None or len(e) > best[0]):
                    best = (len(e), lang)
                elif e and best is not None and len(e) == best[0]:
                    best = (len(e), None)  # as long in both: no vote
            if best and best[1]:
                votes[best[1]] += 1
        return votes["ru"], votes["kk"]


class LinguaDetector:
    name = "lingua"

    def __init__(self):
        try:
            from lingua import Language, LanguageDetectorBuilder
        except ImportError:
            raise ValueError("detector: lingua needs: pip install lingua-language-detector") from None
        self._codes = {Language.KAZAKH: "kk", Language.RUSSIAN: "ru", Language.ENGLISH: "en"}
        self._detector = LanguageDetectorBuilder.from_languages(*self._codes).build()

    def detect(self, text: str, sample: int = 5000) -> str | None:
        found = self._detector.detect_language_of(text[:sample])
        return self._codes.get(found) if found is not None else None


@lru_cache(maxsize=None)
def get_detector(name: str = "letters"):
    if name == "letters":
        return LettersDetector()
    if name == "lingua":
        return LinguaDetector()
    raise ValueError(f"unknown detector {name!r} (known: {', '.join(DETECTORS)})")


def detect_language(text: str, detector: str = "letters") -> str | None:
    """``kk``, ``ru``, ``en`` or None (no letters).

    >>> detect_language("Ресей Қытайға алғыс айтты.")
    'kk'
    >>> detect_language("Россия поблагодарила Китай за помощь.")
    'ru'
    """
    return get_detector(detector).detect(text)
