"""Names the NER model missed or mislabelled, found from their context: organisations
by their head noun (министрлігінің баспасөз қызметі), persons after a noun for people,
after initials or joined to a person; common nouns the model took for persons go."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable

from ..records import Mention
from ..spans import SpanIndex
from .data import INITIALS
from .name_edges import NameEdges
from .text import char_before


class _NamedWords:
    """The document's capitalised words that open no sentence: as written, and lower-cased
    in order, so that the forms of one word are found by prefix (bisect), not by a scan."""

    def __init__(self, words: Iterable[str]):
        self.exact = set(words)
        self.lowered = sorted({(w.lower(), len(w)) for w in self.exact})

    def longer_form(self, word: str) -> bool:
        """Does a word, lower-cased, begin with ``word`` (lower case) and run on (Рютте ... Рюттенің)?"""
        k = bisect_left(self.lowered, (word, -1))
        while k < len(self.lowered) and self.lowered[k][0].startswith(word):
            if self.lowered[k][1] > len(word):
                return True
            k += 1
        return False


class MissedNames(NameEdges):
    def __call__(self, text: str, mentions: list[Mention]) -> list[Mention]:
        return self.persons_by_context(text, self.quoted_names(text, self.organisations_by_head(text, mentions)))

    def persons_by_context(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A person span in Latin letters alone (Twitter) is no person; a capitalised
        name after a noun for people (ғалым Архимедтің) or after initials (Г. Марченко) is
        one, and so are two capitalised words joined to a person (Майя Роуз және Том
        Беннет) or opening with an East Asian family name (Ван Ли), whatever the model said."""
        tokens = set(re.findall(r"\w[\w-]*", text))
        named = _NamedWords(w for w in self._mid_sentence_words(text) if w[:1].isupper())  # capitalised where no sentence opens
        out = [m.model_copy(update={"label": "ORG"}) if m.label == "PERSON" and _latin_word(m.text) else m
               for m in mentions if not self._common_noun_at_start(text, m, tokens, named)]
        toks = []
        for w in re.finditer(r"\S+", text):
            word = w.group().rstrip(",.:;!?)»")
            toks.append((w.start(), w.start() + len(word), word, word != w.group()))
        out = self._known_places(text, toks, out)
        out = self._family_name_before(text, toks, out)
        out = self._given_name_and_patronymic(text, toks, out)
        out = self._speaker_before_according_to(text, toks, out)
        index = SpanIndex(out)  # the mentions so far, by offset: a run meets only its neighbours
        for j in range(len(toks)):
            run = self._capitalised_run(text, toks, j)
            if run and toks[j][2] in self.family_first:
                run = self._family_name_run(toks, j, run)
            elif run - j >= 2 and self._surname_shaped(toks, j, j + 1) and not (
                    run - j == 3 and self.inflected_patronymic(toks[j + 2][2])
                    and self.same_person_order(toks[j][2], toks[j + 2][2])):
                run = j + 1  # "Назарбаев Жарлыққа ...": a surname ends the name (not "Назарбаев Нұрсұлтан Әбішұлы")
            if not run:
                continue
            a, b = toks[j][0], toks[run - 1][1]
            inside = index.keyed(a, b)
            if any(m.entity_id or m.label == "PERSON" or m.start < a or m.end > b for _, m in inside):
                continue
            initials = INITIALS.search(text, max(0, a - 12), a)
            if initials and (initials.start() == 0 or not text[initials.start() - 1].isalnum()):
                a = initials.start()  # "Г. Марченко": initials make a person
                inside = index.keyed(a, b)
            elif not (self._after_person_noun(toks, j) or self._after_quote_verb(text, toks, j, run) or (
                    run - j >= 2 and (self._after_title(toks, j) or
                    toks[j][2] in self.family_first or self._joined_to_person(text, toks, j, index)))
                      or self._surname_shaped(toks, j, run)):
                continue
            for key, _ in inside:
                index.remove(key)
            index.add(Mention(id=f"m{a}-{b}", start=a, end=b, text=text[a:b], label="PERSON",
                              source="entity_linker.v1", origin="repair"))
        return sorted(index.items(), key=lambda m: m.start)

    def _surname_shaped(self, toks, j, run) -> bool:
        """"Назарбаев Жарлыққа қол қойды": one or two capitalised words ending in a surname
        (-ов, -ева, -ұлы ...) are a person's name, unless a place list knows the word in a
        place's case (Киевте, Ростовтан)."""
        if run - j > 2:
            return False
        lemma = self.normaliser.lemma(toks[run - 1][2])
        if not self.surname(lemma.name) or lemma.name in self.cities:
            return False
        if lemma.case in ("loc", "abl") and lemma.name in self.place_names:
            return False
        return run - j == 1 or not self.surname(self.normaliser.lemma(toks[j][2]).name)

    def _known_places(self, text, toks, mentions) -> list[Mention]:
        """A capitalised word that no span covers and that names a city or a region of the
        language's lists (Арктикада, Шымкентте) is a place the model missed."""
        out = SpanIndex(mentions)
        for a, b, w, _ in toks:
            if not (w[:1].isupper() and w.replace("-", "").isalpha()) or out.touches(a, b):
                continue
            name = self.normaliser.lemma(w).name
            if len(name) >= 3 and (name in self.cities or name in self.regions):
                out.add(Mention(id=f"m{a}-{b}", start=a, end=b, text=w, label="GPE", source="entity_linker.v1",
                                origin="repair"))
        return sorted(out.items(), key=lambda m: m.start)

    def _common_noun_at_start(self, text: str, m: Mention, tokens: set[str], named: _NamedWords) -> bool:
        """"«Билікте ...", "Корольдігіне ...": one capitalised word opening a sentence or a
        quotation, plural, in the locative or with a possessive and a case ending, is a common noun
        (persons take neither), and so is a word the language writes in lower case (the
        common-word list, or the document itself), unless the document shows it as a name
        elsewhere (Рютте ... Рюттенің, Жылтырға ... Жылтыр:). ``tokens``: the text's words;
        ``named``: its capitalised words that open no sentence."""
        if m.label != "PERSON" or " " in m.text or self.patronymic(m.text):
            return False
        raw, before = char_before(text, m.start), char_before(text, m.start, "«\"„“—–- ")
        if before and before not in ".!?" and not (raw and raw in "«\"„“"):
            return False
        word = m.text.lower()
        if word in self.openers:
            return True  # "Мейлі ...", "Демек ...": a word that opens sentences is no name
        if named.longer_form(word):
            return False
        analyses = self.analyser.analyses(word)
        if self.plural_noun(word):
            return True  # "Кәсіпкерлердің ...": names take no plural (a family, "Кабировтар", is no person)
        after = text[m.end:m.end + 40].split()[:1]
        # "Мөлдір, сөз кезегі өзіңде" (a vocative), "Сапар Ахметовке" (a name goes on)
        vocative = text[m.end:m.end + 2].strip()[:1] in (",", ":", "!") or (after and after[0][:1].isupper())
        if m.text not in self.given_names and not vocative and (word in tokens or self._common_word(word, analyses)) \
                and not (m.text in named.exact or named.longer_form(word)):
            return True  # "Патша ...", "Бай неліктен бай болады?": a word the language writes in lower case
        return any(len(a.stem) >= 3 and (a.case == "loc" or (a.possessive == "p3" and a.case != "nom"))
                   and a.ending for a in analyses)

    def _common_word(self, word: str, analyses) -> bool:
        return word in self.common_words or any(
            a.ending and len(a.stem) >= 3 and a.stem in self.common_words for a in analyses)

    @staticmethod
    def _mid_sentence_words(text: str) -> list[str]:
        """Words that neither open a sentence nor follow a quote, dash or colon."""
        return [w.group() for w in re.finditer(r"(?<=[\w,;)] )[^\W\d_][\w-]*", text)]

    def _capitalised_run(self, text, toks, j) -> int:
        """The end (exclusive) of a run of up to three capitalised words from ``j``
        (punctuation after a word ends the run); 0 if none, or if it ends in a city."""
        k = j
        while k < len(toks) and k - j < 3:
            start, end, w, punct = toks[k]
            if not (w[:1].isupper() and w.replace("-", "").isalpha()) or w.lower() in self.openers:
                break
            k += 1
            if punct:
                break
        # "Сисманидис Солоники қаласында": a word before a place head noun is the place
        while k > j and self.place_head and self.place_head.match(text, toks[k - 1][1]):
            k -= 1
        # "Фумио Кисида Астанаға": a city in a place's case ends the run before it
        last = self.normaliser.lemma(toks[k - 1][2]) if k > j else None
        if k - j >= 2 and not toks[k - 2][3] and last.case in ("dat", "loc", "abl") and last.name in self.cities:
            k -= 1
            last = self.normaliser.lemma(toks[k - 1][2])
        if k == j or last.name in self.cities:
            return 0
        return k

    def _after_person_noun(self, toks, j) -> bool:
        for noun in self.person_nouns:
            n = len(noun)
            if j - n < 0:
                continue
            got = tuple(t[2].lower() for t in toks[j - n:j])
            # bare or possessed (археологы, ақыны): "Грек археологы Константинос"
            if got[:-1] == noun[:-1] and got[-1] in {noun[-1] + e for e in self.p3_endings}:
                return True
        return False

    def _after_quote_verb(self, text, toks, j, run) -> bool:
        """"«...», — деді Асан", "— деп Төлеген жымиды": a name right after the verb that closes a
        quote; not the first words of a title or an organisation (— дейді Денсаулық сақтау министрі X)."""
        if j == 0 or toks[j - 1][3] or toks[j - 1][2].lower() not in self.quote_verbs:
            return False
        before = text[max(0, toks[j - 1][0] - 4):toks[j - 1][0]]
        if not any(ch in before for ch in "—–-«»\","):
            return False
        if self.normaliser.lemma(toks[run - 1][2]).case == "gen":
            return False  # "— деді Сенаттың вице-спикері X": the possessor of the speaker's title
        after = [part for t in toks[j:run + 3] for part in t[2].lower().split("-")]  # "— деді Президент": a title
        return not any(w.startswith(self.title_heads) or self._org_head(w) for w in after)

    def _after_title(self, toks, j) -> bool:
        """"Қаржы министрі Ерлан Қарин", "премьер-министрі Фумио Кисида": a title in the possessive."""
        word = toks[j - 1][2].lower() if j > 0 else ""
        return j > 0 and not toks[j - 1][3] and word in self.titles and word not in self.title_heads

    def _joined_to_person(self, text, toks, j, mentions: SpanIndex) -> bool:
        """"Майя Роуз және Том ...", "Майя Роуз, Том ...": a person right before the joining word."""
        if j >= 2 and toks[j - 1][2] in self.person_joins:
            before = toks[j - 2][1]
        elif j >= 1 and text[toks[j - 1][1]:toks[j][0]].strip() == ",":
            before = toks[j - 1][1]
        else:
            return False
        return any(m.label == "PERSON" and m.end == before for m in mentions.overlapping(before - 1, before + 1))

    # -- organisations the model missed or cut short ----------------------------
def _latin_word(s: str) -> bool:
    """One word in Latin letters (Twitter, Reuters): in Kazakh news, no person's name."""
    return " " not in s.strip() and s.isascii() and s[:1].isalpha()
