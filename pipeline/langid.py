"""Which language a document is in, offline: ``kk``, ``ru``, or another one that
the pipeline has no stages for (which :mod:`pipeline.multilingual` refuses).

Two detectors, chosen by a config's ``detector:`` key:

- ``letters`` (default): the script and the letters (``pipeline/data/languages.yaml``).
  Latin script (a few times more small-letter Latin words than Cyrillic words) -> en, de, fr,
  es or tr by function words, else ``und-Latn``; Cyrillic letters of other
  languages (є ї ґ: uk, ў: be, ...) -> that language; ө/ү with Mongolian or
  Kyrgyz function words -> mn, ky; Cyrillic with Kazakh letters (ә ғ қ ң ө ұ ү һ і)
  at or above a share -> kk, else ru; a text too short to tell by share is decided
  by function words, then by word endings; still undecided: None, and the config's
  own language is used. No model, microseconds per document.
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


def is_cyrillic(ch: str) -> bool:
    """A letter of the basic Cyrillic block (U+0400-U+04FF), where Kazakh and Russian live."""
    return 0x0400 <= ord(ch) <= 0x04FF


def _script(ch: str) -> str:
    if is_cyrillic(ch):
        return "Cyrl"
    if ch.isascii() or "\u00c0" <= ch <= "\u024f":  # ASCII and the accented Latin letters
        return "Latn"
    return ""


class LettersDetector:
    name = "letters"

    def __init__(self, data: dict | None = None):
        data = data or package_data("languages.yaml")
        self.kk_letters = frozenset(data["kazakh_letters"])
        self.min_share = float(data["kazakh_min_share"])
        self.words = {lang: frozenset(ws) for lang, ws in data["function_words"].items()}
        endings = data.get("word_endings", {})
        self.endings = {lang: sorted(endings.get(lang, []), key=len, reverse=True) for lang in ("kk", "ru")}
        self.latin_majority = float(data["latin_majority"])
        self.latin_words = {lang: frozenset(ws) for lang, ws in data["latin_function_words"].items()}
        self.other_letters = {lang: frozenset(ls) for lang, ls in data["other_cyrillic"].items()}
        self.own_letters = frozenset(data["kazakh_letters"]) | frozenset(data["russian_letters"])
        self.other_min_count = int(data["other_min_count"])
        self.other_min_share = float(data["other_min_share"])
        self.kk_only = frozenset(data["kazakh_only_letters"])
        mk = data["mongolian_kyrgyz"]
        self.ou_letters, self.ou_not = frozenset(mk["letters"]), frozenset(mk["not_letters"])
        self.ou_words = {lang: frozenset(ws) for lang, ws in mk["function_words"].items()}

    def detect(self, text: str, sample: int = 5000) -> str | None:
        text = text[:sample]
        words = _WORD.findall(text)
        scripts = [_script(w[0]) for w in words]
        cyr_words = scripts.count("Cyrl")
        small_latin = sum(1 for w, s in zip(words, scripts) if s == "Latn" and w[0].islower())
        # Latin script: its small-letter words outnumber the Cyrillic ones (names are
        # capitalised: a Kazakh text quoting "Financial Times" stays Kazakh)
        if (cyr_words == 0 and "Latn" in scripts) or small_latin > self.latin_majority * cyr_words:
            return self._vote([w.lower() for w, s in zip(words, scripts) if s == "Latn"], self.latin_words,
                              "und-Latn")
        if not cyr_words:
            return None
        cyr = kk = kk_only = foreign = 0
        for ch in text:
            if is_cyrillic(ch):
                cyr += 1
                kk += ch in self.kk_letters
                kk_only += ch in self.kk_only
                foreign += ch not in self.own_letters
        lower = [w.lower() for w, s in zip(words, scripts) if s == "Cyrl"]
        other = self._other_cyrillic(text, cyr, kk_only, foreign, lower)
        if other:
            return other
        if kk / cyr >= self.min_share:
            return "kk"
        # few or no Kazakh letters (a Russian text quoting a Kazakh name, or a short
        # Kazakh one): function words decide; a tie goes to Kazakh only if it has its letters
        ru, kz = (sum(w in self.words[lang] for w in lower) for lang in ("ru", "kk"))
        if ru != kz:
            return "ru" if ru > kz else "kk"
        if kk:
            return "kk"
        ru, kz = self._endings_vote(lower)
        if ru != kz:
            return "ru" if ru > kz else "kk"
        return None  # undecided: the config's own language

    def _other_cyrillic(self, text: str, cyr: int, kk_only: int, foreign: int, words: list[str]) -> str | None:
        """A Cyrillic language neither Kazakh nor Russian, told by its own letters (or, for
        Mongolian and Kyrgyz, by ө/ү without Kazakh-only letters and their function words)."""
        if foreign >= max(self.other_min_count, self.other_min_share * cyr) and foreign > kk_only:
            counts = {lang: sum(ch in letters for ch in text) for lang, letters in self.other_letters.items()}
            best = max(counts, key=counts.get)
            return best if counts[best] else "und-Cyrl"
        if (sum(ch in self.ou_letters for ch in text) >= self.other_min_count
                and not any(ch in self.ou_not for ch in text)):
            lang = self._vote(words, self.ou_words, None)
            if lang and sum(w in self.ou_words[lang] for w in words) > sum(w in self.words["ru"] for w in words):
                return lang
        return None

    @staticmethod
    def _vote(words: list[str], lexicon: dict[str, frozenset], default: str | None) -> str | None:
        """The language with the most function words among ``words`` (the first listed on a tie)."""
        votes = {lang: sum(w in ws for w in words) for lang, ws in lexicon.items()}
        best = max(votes, key=votes.get)
        return best if votes[best] else default

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
    """A language code (``kk``, ``ru``, ``en``, ``uk``, ``und-Latn`` ...) or None (no letters).

    >>> detect_language("Ресей Қытайға алғыс айтты.")
    'kk'
    >>> detect_language("Россия поблагодарила Китай за помощь.")
    'ru'
    """
    return get_detector(detector).detect(text)
