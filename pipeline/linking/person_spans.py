"""Person spans the model cut or joined wrongly, fixed with the language's name data:
a city or a law at the end of a name, a surname after a patronymic, a title before
a name, a place head noun after one."""
from __future__ import annotations

import re

from ..records import Mention
from ..spans import SpanIndex
from .data import SPATIAL_CASES, NameRules
from .text import piece, respan, words


class PersonSpans(NameRules):
    def split_trailing_city(self, text: str, m: Mention) -> list[Mention]:
        """"Башар әл-Асад Мәскеуге барды": a person or organisation span of two or more
        words whose inflected last word is a city (CLDR) is a person (organisation) and a
        place (two-word persons only where the city is in the locative, dative or
        ablative); a lone city left in front is a place too."""
        if m.label not in ("PERSON", "ORG", "GPE", "LOC"):
            return [m]
        ws = list(words(text[m.start:m.end]))
        if len(ws) < 2:
            return [m]
        lemma = self.normaliser.lemma(ws[-1].group())
        if lemma.case == "nom" or lemma.name not in self.cities:
            return [m]
        if m.label in ("GPE", "LOC"):  # "Мұхтар Әуезов Семейде", "Песков Мәскеудің": a surname is no part of a place
            if not self.surname(ws[-2].group()):
                return [m]
            return [piece(text, m, m.start, m.start + ws[-2].end()).model_copy(update={"label": "PERSON"}),
                    piece(text, m, m.start + ws[-1].start(), m.end).model_copy(update={"label": "GPE"})]
        if m.label == "PERSON" and len(ws) == 2 and lemma.case not in SPATIAL_CASES - {"ins"}:
            return [m]  # two words: only "Чан Сеулде", "Асан Астанаға" (a surname may be a city's genitive)
        person = piece(text, m, m.start, m.start + ws[-2].end())
        if len(ws) == 2 and self.normaliser.lemma(ws[0].group()).name in self.cities:
            person = person.model_copy(update={"label": "GPE"})  # "Мәскеу Вашингтонмен"
        place = piece(text, m, m.start + ws[-1].start(), m.end).model_copy(update={"label": "GPE"})
        return [person, place]

    def surname_after_patronymic(self, text: str, model: list[Mention], gazetteer: list[Mention]) -> list[Mention]:
        """"Нұрлан Зайроллаұлы | Нығматулин", "Олжас Омарұлы | Сүлейменовке": a person span that
        ends in a patronymic takes the capitalised surname right after it, out of whatever
        other span the model put it in."""
        out: list[Mention | None] = sorted(model, key=lambda m: m.start)
        linked = SpanIndex(gazetteer)
        index = SpanIndex(span=lambda j: (out[j].start, out[j].end))  # positions in ``out``, by offset
        keys = [index.add(j) for j in range(len(out))]
        for i in range(len(out)):
            m = out[i]
            if m is None or m.label != "PERSON" or " " not in m.text or not self.patronymic(m.text.split()[-1]):
                continue
            nxt = re.match(r" ([^\W\d_][\w-]*)", text[m.end:m.end + 60])
            if not nxt or not nxt.group(1)[:1].isupper():
                continue
            a, b = m.end + 1, m.end + nxt.end()
            word = nxt.group(1)
            lemma = self.normaliser.lemma(word)
            if (word.lower() in self.openers or lemma.name.lower() in self.titles or lemma.name in self.cities
                    or linked.touches(a, b)
                    or self.plural_noun(word)):
                continue
            # "Болат Серікұлы Сенат депутаты": a name the model gave another label, or a word that
            # opens a title, is no surname; a surname-shaped word is (Нығматулин Мәжілістің)
            after = text[b:b + 60].split()[:1]
            if after and after[0].lower().startswith(self.title_heads) and any(
                    x.possessive == "p3" for x in self.analyser.analyses(after[0].lower().rstrip(",.:;!?"))):
                continue  # "Сенат депутаты": the word possesses a title
            touching = index.overlapping(a, b)
            if any(out[j] is not m for j in touching) and not (
                    self.surname(lemma.name) or lemma.name.lower().endswith(self.surname_extra)):
                continue
            out[i] = respan(text, m, m.start, b)
            index.remove(keys[i])
            keys[i] = index.add(i)
            for j in touching:
                if j == i:
                    continue
                o = out[j]
                rest = text[b:o.end].lstrip()  # "Нығматулин Мәжілістің": the rest of the span stays
                out[j] = respan(text, o, o.end - len(rest), o.end) if o.start >= a and rest[:1].isupper() else None
                index.remove(keys[j])
                if out[j] is not None:
                    keys[j] = index.add(j)
        return [m for m in out if m is not None]

    def law_not_person(self, m: Mention) -> Mention:
        """"Жер Кодексіне": a capitalised span ending in a document noun (кодекс, заң) is no person."""
        if m.label != "PERSON" or " " not in m.text or not self.law_heads:
            return m
        last = m.text.split()[-1].lower()
        if any(a.stem in self.law_heads for a in self.analyser.analyses(last)) or last in self.law_heads:
            return m.model_copy(update={"label": "LAW"})
        return m

    def surname_taken_for_place(self, text: str, model: list[Mention]) -> list[Mention]:
        """"Мигель Анхель | Моратиноспен": only a name's last word inflects, so an uninflected
        person span right before one capitalised inflected word the model called a place,
        which no place list knows, is the person's full name."""
        ordered = sorted(model, key=lambda m: m.start)
        out: list[Mention] = []
        for m in ordered:
            prev = out[-1] if out else None
            if (prev is not None and prev.label == "PERSON" and m.label in ("GPE", "LOC") and not m.entity_id
                    and " " not in m.text and text[prev.end:m.start] == " " and m.text[:1].isupper()):
                last = self.normaliser.lemma(prev.text.split()[-1])
                lemma = self.normaliser.lemma(m.text)
                if (last.case == "nom" and lemma.case != "nom" and lemma.evidence == "phonology"
                        and lemma.name not in self.cities):
                    out[-1] = respan(text, prev, prev.start, m.end)
                    continue
            out.append(m)
        return out

    def without_title(self, text: str, m: Mention) -> Mention:
        """"Президенті Қасым-Жомарт Тоқаев": the title is not part of the name (the
        roles stage reads it), even where news capitalises it."""
        if m.label != "PERSON":
            return m
        ws = list(words(text[m.start:m.end]))
        k = 0
        while k < len(ws) - 1 and ws[k].group().lower() in self.titles:
            k += 1
        if k == 0 or not ws[k].group()[:1].isupper():
            return m
        return respan(text, m, m.start + ws[k].start(), m.end)

    def city_not_person(self, m: Mention) -> Mention:
        """"Женеваға": a one-word person span that is a city is a place."""
        if m.label == "PERSON" and " " not in m.text and self.normaliser.lemma(m.text).name in self.cities:
            return m.model_copy(update={"label": "GPE"})
        return m

    def place_by_head_noun(self, text: str, m: Mention) -> list[Mention]:
        """"Курск облысы", "Курск аймағынан": a name before a place head noun is a place;
        "археологы Янис Папас Салоники қаласында": a person's name runs up to the place's."""
        if not (m.label in ("PERSON", "ORG", "LOC", "GPE") and self.place_head and self.place_head.match(text, m.end)):
            return [m]
        ws = list(words(text[m.start:m.end]))
        person = len(ws) >= 3 and m.label == "PERSON"
        if len(ws) >= 2 and not person:
            head = re.search(r"(\S+)\s+$", text[max(0, m.start - 40):m.start])
            person = bool(head) and any(head.group(1).lower() in {n[-1] + e for e in self.p3_endings}
                                        for n in self.person_nouns if len(n) == 1)
        if person:
            return [piece(text, m, m.start, m.start + ws[-2].end()).model_copy(update={"label": "PERSON"}),
                    piece(text, m, m.start + ws[-1].start(), m.end).model_copy(update={"label": "LOC"})]
        return [m.model_copy(update={"label": "LOC"}) if m.label in ("PERSON", "ORG") else m]
