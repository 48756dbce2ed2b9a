"""Names the NER model missed or mislabelled, found from their context: organisations
by their head noun (министрлігінің баспасөз қызметі), persons after a noun for people,
after initials or joined to a person; common nouns the model took for persons go."""
from __future__ import annotations

import re

from ..records import Mention
from .data import INITIALS
from .organisations import MissedOrganisations
from .text import respan


class MissedNames(MissedOrganisations):
    def __call__(self, text: str, mentions: list[Mention]) -> list[Mention]:
        return self.persons_by_context(text, self.organisations_by_head(text, mentions))

    def persons_by_context(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A person span in Latin letters alone (Twitter) is no person; a capitalised
        name after a noun for people (ғалым Архимедтің) or after initials (Г. Марченко) is
        one, and so are two capitalised words joined to a person (Кери Гранат және Эд
        Джонс) or opening with an East Asian family name (Ван Ли), whatever the model said."""
        out = [m.model_copy(update={"label": "ORG"}) if m.label == "PERSON" and _latin_word(m.text) else m
               for m in mentions if not self._common_noun_at_start(text, m)]
        toks = []
        for w in re.finditer(r"\S+", text):
            word = w.group().rstrip(",.:;!?)»")
            toks.append((w.start(), w.start() + len(word), word, word != w.group()))
        out = self._family_name_before(text, toks, out)
        out = self._given_name_and_patronymic(text, toks, out)
        out = self._speaker_before_according_to(text, toks, out)
        for j in range(len(toks)):
            run = self._capitalised_run(text, toks, j, out)
            if run and toks[j][2] in self.family_first:
                run = self._family_name_run(toks, j, run)
            elif run - j >= 2 and self._surname_shaped(toks, j, j + 1) and not (
                    run - j == 3 and self.inflected_patronymic(toks[j + 2][2])
                    and self.same_person_order(toks[j][2], toks[j + 2][2])):
                run = j + 1  # "Назарбаев Жарлыққа ...": a surname ends the name (not "Назарбаев Нұрсұлтан Әбішұлы")
            if not run:
                continue
            a, b = toks[j][0], toks[run - 1][1]
            inside = [m for m in out if m.start < b and a < m.end]
            if any(m.entity_id or m.label == "PERSON" or m.start < a or m.end > b for m in inside):
                continue
            initials = INITIALS.search(text, max(0, a - 12), a)
            if initials and (initials.start() == 0 or not text[initials.start() - 1].isalnum()):
                a = initials.start()  # "Г. Марченко": initials make a person
                inside = [m for m in out if m.start < b and a < m.end]
            elif not (self._after_person_noun(toks, j) or (run - j >= 2 and (self._after_title(toks, j) or
                    toks[j][2] in self.family_first or self._joined_to_person(text, toks, j, out)))
                      or self._surname_shaped(toks, j, run)):
                continue
            out = [m for m in out if m not in inside] + [Mention(
                id=f"m{a}-{b}", start=a, end=b, text=text[a:b], label="PERSON", source="entity_linker.v1",
                origin="repair")]
        return sorted(out, key=lambda m: m.start)

    def _given_name_and_patronymic(self, text, toks, mentions) -> list[Mention]:
        """"Жаңылсын | Мағзумовада", "Кофи | Аннанның": a capitalised word no span covers right
        before a one-word person is the given name (a known given name or no common word); "Қосанов Әміржан |
        Сагидрахманұлына": a capitalised patronymic right after a person closes the name."""
        index = {t[0]: k for k, t in enumerate(toks)}
        ends = {t[1]: k for k, t in enumerate(toks)}
        covered = lambda a, b, skip: any(o is not skip and o.start < b and a < o.end for o in mentions)  # noqa: E731
        out = []
        for m in mentions:
            k = index.get(m.start)
            if (m.label == "PERSON" and k is not None and k > 0 and m.text.count(" ") == 1
                    and self.inflected_patronymic(m.text.split()[-1]) and not toks[k - 1][3]
                    and self.surname(toks[k - 1][2]) and not covered(toks[k - 1][0], toks[k - 1][1], m)
                    and self.same_person_order(toks[k - 1][2], m.text.split()[-1])):
                m = respan(text, m, toks[k - 1][0], m.end)  # "Назарбаев | Нұрсұлтан Әбішұлы": surname first
            elif m.label == "PERSON" and k is not None and " " not in m.text and k > 0:
                a, b, w, punct = toks[k - 1]
                # a known given name, or a word that is no common word (Кофи | Аннанның); mid-sentence,
                # any capitalised word before a surname (Жаңылсын | Мағзумова)
                analyses = self.analyser.analyses(w.lower())
                likely = w in self.given_names or w.lower() not in self.common_words and (
                    not _opens_sentence(text, a) or not (self._common_word(w.lower(), analyses) or any(
                        x.possessive and len(x.stem) >= 2 for x in analyses)))  # "Ұлы Абай": an epithet
                if (not punct and w[:1].isupper() and w.isalpha() and w.lower() not in self.openers
                        and not self._not_a_name(w.lower()) and self.normaliser.lemma(w).case == "nom"
                        and not covered(a, b, m) and self.normaliser.lemma(w).name not in self.cities
                        and (likely if not self.surname(self.normaliser.lemma(m.text).name)
                             else likely or not _opens_sentence(text, a))):
                    m = respan(text, m, a, m.end)
            e = ends.get(m.end)
            if m.label == "PERSON" and e is not None and e + 1 < len(toks) and not toks[e][3]:
                a, b, w, _ = toks[e + 1]
                if self.inflected_patronymic(w) and not covered(a, b, m):
                    m = respan(text, m, m.start, b)
            out.append(m)
        return out

    def _speaker_before_according_to(self, text, toks, mentions) -> list[Mention]:
        """"Ердоғанның айтуынша, ...": a capitalised word in the genitive right before
        "according to" is who said it; where the model saw nothing there, or took the word
        for a place no list knows, it is a person. Titles, organisation heads and known
        places are not."""
        out = list(mentions)
        for j in range(1, len(toks)):
            if toks[j][2].lower() not in self.according_to or toks[j - 1][3]:
                continue
            a, b, w, _ = toks[j - 1]
            if not (w[:1].isupper() and w.replace("-", "").isalpha() and not w.isupper()):
                continue
            lemma = self.normaliser.lemma(w)
            name = lemma.name.lower()
            if lemma.case != "gen" or len(lemma.name) < 3 or self._not_a_name(name) or lemma.name in self.cities:
                continue
            if _opens_sentence(text, a) and (name.endswith(self.common_noun_endings) or any(
                    x.plural and len(x.stem) >= 4 for x in self.analyser.analyses(w.lower()))):
                continue  # "Мамандардың айтуынша": a capital that only opens the sentence
            inside = [m for m in out if m.start < b and a < m.end]
            if any(m.entity_id or m.label not in ("GPE", "LOC") or m.start != a or m.end != b for m in inside):
                continue
            out = [m for m in out if m not in inside] + [Mention(
                id=f"m{a}-{b}", start=a, end=b, text=w, label="PERSON", source="entity_linker.v1", origin="repair")]
        return sorted(out, key=lambda m: m.start)

    def _not_a_name(self, name: str) -> bool:
        return (name in self.openers or name in self.org_heads or name in self.state_stems or name in self.referring_titles
                or name.endswith(self.title_heads) or any(name == n[-1] for n in self.person_nouns))

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

    def _family_name_run(self, toks, j, run) -> int:
        """An East Asian name is the family name and one given name, or two short
        syllables (Ким Чен Ын, Пак Мин Су); a longer word after those is the next name
        ("Ма Юнь Алибаба")."""
        if run - j == 3 and not all(len(toks[k][2]) <= 4 for k in (j + 1, j + 2)):
            return j + 2
        return run

    def _family_name_before(self, text, toks, mentions) -> list[Mention]:
        """"Ким Чен |Ынның", "Ли |Цян": the model's person span misses the family name
        (and a short syllable) right before it: the name starts there."""
        starts = {t[0]: k for k, t in enumerate(toks)}
        out = []
        for m in mentions:
            k = starts.get(m.start)
            if m.label == "PERSON" and k is not None:
                for back in (2, 1):
                    i = k - back
                    if i < 0 or toks[i][2] not in self.family_first:
                        continue
                    between = toks[i:k]
                    if all(w[:1].isupper() and w.isalpha() and not punct and len(w) <= 5 for _, _, w, punct in between) \
                            and not any(o.start < m.start and toks[i][0] < o.end for o in mentions if o is not m):
                        m = respan(text, m, toks[i][0], m.end)
                        break
            out.append(m)
        return out

    def _common_noun_at_start(self, text: str, m: Mention) -> bool:
        """"«Билікте ...", "Корольдігіне ...": one capitalised word opening a sentence or a
        quotation, plural, in the locative or with a possessive and a case ending, is a common noun
        (persons take neither), and so is a word the language writes in lower case (the
        common-word list, or the document itself), unless the document shows it as a name
        elsewhere (Рютте ... Рюттенің, Жылтырға ... Жылтыр:)."""
        if m.label != "PERSON" or " " in m.text or self.patronymic(m.text):
            return False
        raw = text[:m.start].rstrip()
        before = raw.rstrip("«\"„“—–- ")
        if before and before[-1] not in ".!?" and not (raw and raw[-1] in "«\"„“"):
            return False
        word = m.text.lower()
        tokens = re.findall(r"\w[\w-]*", text)
        named = [w for w in self._mid_sentence_words(text) if w[:1].isupper()]  # capitalised where no sentence opens
        if any(w.lower().startswith(word) and len(w) > len(word) for w in named):
            return False
        analyses = self.analyser.analyses(word)
        if any(a.plural and len(a.stem) >= 4 for a in analyses):
            return True  # "Кәсіпкерлердің ...": names take no plural (a family, "Кабировтар", is no person)
        after = text[m.end:m.end + 40].split()[:1]
        # "Мөлдір, сөз кезегі өзіңде" (a vocative), "Сапар Ахметовке" (a name goes on)
        vocative = text[m.end:m.end + 2].strip()[:1] in (",", ":", "!") or (after and after[0][:1].isupper())
        if m.text not in self.given_names and not vocative and (word in tokens or self._common_word(word, analyses)) \
                and not any(w == m.text or (w.lower().startswith(word) and len(w) > len(word)) for w in named):
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

    def _capitalised_run(self, text, toks, j, mentions) -> int:
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
        if k - j >= 2 and not toks[k - 2][3] and self.normaliser.lemma(toks[k - 1][2]).case in ("dat", "loc", "abl") \
                and self.normaliser.lemma(toks[k - 1][2]).name in self.cities:
            k -= 1
        if k == j or self.normaliser.lemma(toks[k - 1][2]).name in self.cities:
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

    def _after_title(self, toks, j) -> bool:
        """"Қаржы министрі Ерлан Қарин", "премьер-министрі Фумио Кисида": a title in the possessive."""
        return j > 0 and not toks[j - 1][3] and toks[j - 1][2].lower() in self.titles and toks[j - 1][2].lower() not in {
            h.lower() for h in self.title_heads}

    def _joined_to_person(self, text, toks, j, mentions) -> bool:
        """"Кери Гранат және Эд ...", "Кери Гранат, Эд ...": a person right before the joining word."""
        if j >= 2 and toks[j - 1][2] in self.person_joins:
            before = toks[j - 2][1]
        elif j >= 1 and text[toks[j - 1][1]:toks[j][0]].strip() == ",":
            before = toks[j - 1][1]
        else:
            return False
        return any(m.label == "PERSON" and m.end == before for m in mentions)

    # -- organisations the model missed or cut short ----------------------------
def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip().rstrip("«\"„“—–- ")
    return not before or before[-1] in ".!?:"


def _latin_word(s: str) -> bool:
    """One word in Latin letters (Twitter, Reuters): in Kazakh news, no person's name."""
    return " " not in s.strip() and s.isascii() and s[:1].isalpha()
