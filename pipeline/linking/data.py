"""What the linker's rules know about names: the language's data, read once."""
from __future__ import annotations

import re

from .text import cldr_city_names

SPATIAL_CASES = {"dat", "loc", "abl", "ins"}
INITIALS_RE = re.compile(r"(?:[^\W\d_]\.\s?){1,2}$")  # "Г. ", "М.Ш. "


class Initials:
    """One or two capital letters with periods right before a name."""

    @staticmethod
    def search(text: str, lo: int, hi: int):
        found = INITIALS_RE.search(text, lo, hi)
        if found and all(ch.isupper() for ch in found.group() if ch.isalpha()):
            return found
        return None


INITIALS = Initials()


class NameRules:
    """The language's name data (orthography and suffix tables) for the repair rules."""

    def __init__(self, lang, title_heads, speech=None):
        """``speech``: the relation lexicon's speech section (its formulas point at speakers)."""
        self.normaliser = lang.normaliser
        # the first word of each "according to" phrase (сөзіне қарағанда): the genitive before it speaks
        self.according_to = frozenset(w.lower().split()[0] for w in (speech.according_to if speech else ()))
        self.referring_titles = frozenset(w.lower() for t in (speech.referring_titles if speech else ())
                                          for w in t.split())
        self.quote_verbs = frozenset(w.lower() for w in (speech.quote_verbs if speech else ()))
        self.analyser = lang.analyser
        orthography = lang.orthography
        suffixes = lang.data("suffixes.yaml")
        self.voicing = suffixes.get("voicing", {})
        self.attributive = tuple(suffixes.get("attributive", ()))
        self.place_head = _head_pattern(orthography.get("place_head_nouns", ()), self.voicing,
                                        suffixes["possessive"]["p3"], suffixes.get("after_possessive_endings", ()))
        self.cities = cldr_city_names(lang.code) | frozenset(orthography.get("extra_cities", ()))
        self.regions = frozenset(orthography.get("regions", ()))
        # optional word lists of the language's data folder: words it writes in lower case
        # (pipeline.lang.kk.training.common_words), the NER features' given names (mimesis) and places
        # (GeoNames, CLDR: towns named after persons too)
        self.common_words = _entries(lang, "common_words.yaml")
        self.given_names = _entries(lang, "gazetteers/given_names.yaml")
        self.place_names = _entries(lang, "gazetteers/places.yaml")
        particles = "|".join(re.escape(p) for p in orthography.get("name_particles", ()))
        # a given name and particles right before a span: "Урсула фон дер |Ляйен"
        self.particles_before = re.compile(rf"(?<![^\W\d_])([^\W\d_][\w-]*)\s+((?:(?:{particles})\s+)+)$") if particles else None
        self.surname_endings = tuple(orthography.get("surname_endings", ()))
        # after a patronymic the next word can only be a surname: -ин too (Нығматулин)
        self.surname_extra = tuple(orthography.get("surname_endings_after_patronymic", ()))
        self.female_surname = tuple(orthography.get("female_surname_endings", ()))
        self.male_patronymic = tuple(orthography.get("male_patronymic_endings", ()))
        # a title before a name, bare or possessed: Президенті, Төрағасы, Премьер-министрі
        endings = ("",) + tuple(suffixes["possessive"]["p3"])
        self.titles = frozenset(h.lower() + end for h in title_heads for end in endings)
        self.title_heads = tuple(h.lower() for h in title_heads)
        heads = [h.lower() for h in orthography.get("organisation_head_nouns", ())]
        self.org_heads = frozenset(heads) | frozenset(h[:-1] + self.voicing.get(h[-1], h[-1]) for h in heads)
        self.org_inner = int(orthography.get("organisation_max_inner_words", 4))
        self.work_markers = frozenset(w.lower() for w in orthography.get("work_title_markers", ()))
        self.org_head_idioms = {}
        for head, verbs in orthography.get("organisation_head_idioms", {}).items():
            for stem in {head, head[:-1] + self.voicing.get(head[-1], head[-1])}:
                self.org_head_idioms[stem] = tuple(verbs)
        brands = [h.lower() for h in orthography.get("brand_heads", ())]
        self.brand_heads = frozenset(brands) | frozenset(h[:-1] + self.voicing.get(h[-1], h[-1]) for h in brands)
        self.openers = frozenset(w.lower() for w in orthography.get("sentence_openers", ()))
        self.common_noun_endings = tuple(orthography.get("common_noun_endings", ()))
        self.law_heads = frozenset(w.lower() for w in orthography.get("law_heads", ()))
        self.person_nouns = [tuple(n.lower().split()) for n in orthography.get("person_nouns", ())]
        self.person_joins = frozenset(orthography.get("person_coordinators", ()))
        self.family_first = frozenset(w for w in orthography.get("family_names_first", ()) if len(w) >= 2)
        self.p3_endings = ("",) + tuple(suffixes["possessive"]["p3"])
        self.patronymic_endings = tuple(orthography.get("patronymic_endings", ()))
        states = [h.lower() for h in orthography.get("state_nouns", ())]
        self.state_stems = frozenset(states) | frozenset(h[:-1] + self.voicing.get(h[-1], h[-1]) for h in states)

    def patronymic(self, word: str) -> bool:
        return word[:1].isupper() and len(word) > 5 and word.lower().endswith(self.patronymic_endings)

    def inflected_patronymic(self, word: str) -> bool:
        """A patronymic with or without a case ending after it (Сагидрахманұлына, Ақанұлының)."""
        if not word[:1].isupper() or len(word) <= 5:
            return False
        low = word.lower()
        return any(low.endswith(e) or (e in low[-len(e) - 4:-1] and low.rfind(e) + len(e) >= len(low) - 4
                                       and low.rfind(e) > 1) for e in self.patronymic_endings)

    def same_person_order(self, surname: str, patronymic: str) -> bool:
        """Surname first (Назарбаев Нұрсұлтан Әбішұлы), unless a woman's surname meets a man's patronymic."""
        patronymic = self.normaliser.lemma(patronymic).name.lower()
        return not (surname.lower().endswith(self.female_surname) and patronymic.endswith(self.male_patronymic))

    def plural_noun(self, word: str) -> bool:
        """A common noun in the plural (мамандар, кәсіпкерлердің): names take no plural."""
        return any(a.plural and len(a.stem) >= 4 for a in self.analyser.analyses(word.lower()))

    def surname(self, word: str) -> bool:
        return word[:1].isupper() and len(word) > 4 and word.lower().endswith(self.surname_endings)


def _entries(lang, name: str) -> frozenset[str]:
    """The ``entries`` of an optional list in the language's data folder (none if it has no such file)."""
    if not (lang.data_dir / name).exists():
        return frozenset()
    return frozenset(lang.data(name).get("entries", ()))


def _head_pattern(heads, voicing, possessive, after_possessive) -> re.Pattern | None:
    """Whitespace, then a head noun in the third-person possessive (-ы/-і, -сы/-сі
    after a vowel), then any case ending: " облысына", " өңірін", " аймағынан"."""
    forms = []
    for head in heads:
        head = head.lower()
        stems = {head, head[:-1] + voicing.get(head[-1], head[-1])}
        p3 = "|".join(re.escape(e) for e in sorted(possessive, key=len, reverse=True))
        forms += [re.escape(stem) + f"(?:{p3})" for stem in stems]
    if not forms:
        return None
    endings = "|".join(re.escape(e) for e in after_possessive)
    return re.compile(rf"\s+(?:{'|'.join(sorted(forms, key=len, reverse=True))})(?:{endings})?(?![^\W\d_])",
                      re.IGNORECASE)
