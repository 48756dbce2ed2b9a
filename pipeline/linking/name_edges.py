"""Where a person's name starts and ends when the model cut it: a family name written
first (Ким Чен |Ынның), a given name before a surname (Кофи | Аннанның), a patronymic after
a name, and a lone genitive before "according to" (Ердоғанның айтуынша)."""
from __future__ import annotations

from ..records import Mention
from ..spans import SpanIndex
from .organisations import MissedOrganisations
from .text import opens_sentence, respan


class NameEdges(MissedOrganisations):
    def _given_name_and_patronymic(self, text, toks, mentions) -> list[Mention]:
        """"Жаңылсын | Мағзумовада", "Кофи | Аннанның": a capitalised word no span covers right
        before a one-word person is the given name (a known given name or no common word); "Қосанов Әміржан |
        Сагидрахманұлына": a capitalised patronymic right after a person closes the name."""
        index = {t[0]: k for k, t in enumerate(toks)}
        ends = {t[1]: k for k, t in enumerate(toks)}
        by_offset = SpanIndex(mentions)
        covered = lambda a, b, skip: any(o is not skip for o in by_offset.overlapping(a, b))  # noqa: E731
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
                    not opens_sentence(text, a) or not (self._common_word(w.lower(), analyses) or any(
                        x.possessive and len(x.stem) >= 2 for x in analyses)))  # "Ұлы Абай": an epithet
                if (not punct and w[:1].isupper() and w.isalpha() and w.lower() not in self.openers
                        and not self._not_a_name(w.lower()) and self.normaliser.lemma(w).case == "nom"
                        and not covered(a, b, m) and self.normaliser.lemma(w).name not in self.cities
                        and (likely if not self.surname(self.normaliser.lemma(m.text).name)
                             else likely or not opens_sentence(text, a))):
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
        out = SpanIndex(mentions)
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
            if opens_sentence(text, a) and (name.endswith(self.common_noun_endings) or self.plural_noun(w)):
                continue  # "Мамандардың айтуынша": a capital that only opens the sentence
            inside = out.keyed(a, b)
            if any(m.entity_id or m.label not in ("GPE", "LOC") or m.start != a or m.end != b for _, m in inside):
                continue
            for key, _ in inside:
                out.remove(key)
            out.add(Mention(id=f"m{a}-{b}", start=a, end=b, text=w, label="PERSON", source="entity_linker.v1",
                            origin="repair"))
        return sorted(out.items(), key=lambda m: m.start)

    def _not_a_name(self, name: str) -> bool:
        return (name in self.openers or name in self.org_heads or name in self.state_stems or name in self.referring_titles
                or name.endswith(self.title_heads) or any(name == n[-1] for n in self.person_nouns))

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
        index = SpanIndex(mentions)
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
                            and not index.touches(toks[i][0], m.start):  # m itself starts no earlier
                        m = respan(text, m, toks[i][0], m.end)
                        break
            out.append(m)
        return out
