"""Russian names to the nominative: ``Дмитрия Пескова`` -> ``Дмитрий Песков``,
``Марии Захаровой`` -> ``Мария Захарова``; each word is put in the nominative
with the gender and number the tagger read (pymorphy3 inflection), keeping the
word's capitalisation."""
from __future__ import annotations

from functools import lru_cache

from . import models

_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_GENDER = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}


def _shape(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return "-".join(p[:1].upper() + p[1:] if q[:1].isupper() else p
                    for p, q in zip(word.split("-"), like.split("-") + [""] * 9))


class RussianNameNormaliser:
    def __init__(self, endings: dict | None = None):
        self.endings = {case: sorted((e or {}).items(), key=lambda kv: -len(kv[0]))
                        for case, e in (endings or {}).items()}

    @lru_cache(maxsize=100_000)
    def word(self, text: str, case: str | None, gender: str | None = None) -> str:
        """One word of a name in the nominative."""
        if not text[:1].isalpha() or case in (None, "Nom") or text.isupper():
            return text
        want_case = _CASES.get(case)
        parses = [p for p in models.morph().parse(text) if p.tag.POS == "NOUN"]
        # a person's word: only animate readings (Шарме is not шарм, "charm")
        known = [p for p in parses if p.is_known and "anim" in p.tag]
        if not known:  # a foreign name: cut the case ending
            for end, nominative in self.endings.get(case, ()):
                if text.lower().endswith(end) and len(text) - len(end) >= 2:
                    return text[:-len(end)] + nominative
            return text
        want_gender = _GENDER.get(gender or "")
        # the tagger's case first, then any other oblique case (it may misread one word of a name)
        ranked = sorted(known, key=lambda p: (p.tag.case != want_case, bool(want_gender and p.tag.gender
                                                                               and p.tag.gender != want_gender)))
        for p in ranked:
            if p.tag.case == "nomn":
                return text if p.word == text.lower() else _shape(p.word, text)
            form = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
            if form:
                return _shape(form.word, text)
        return text

    def name(self, tokens) -> str:
        """A person's name from its tokens (objects with text and feats)."""
        words = []
        for t in tokens:
            feats = t.feats or {}
            words.append(self.word(t.text, feats.get("Case"), feats.get("Gender")))
        out, prev_end = "", None
        for t, w in zip(tokens, words):
            if prev_end is not None and t.start > prev_end:
                out += " "
            out += w
            prev_end = t.stop
        return out
