"""Organisations named after a country: a country or demonym right before an
organisation head noun (Ресей елшілігі, Түркия Ұлттық банкі, қытай бірлескен
кәсіпорнының, Қазақ-түрік университеті) is part of the organisation's name, an
attribute, not a party of its own; the organisation takes the country as its
affiliation (the linker reads it from the name's first words)."""
from __future__ import annotations

import re

from ..ids import entity_id
from ..records import Mention
from ..spans import SpanIndex

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def is_country(m: Mention) -> bool:
    return bool(m.entity_id and m.entity_id.startswith("country:"))


class CountryOrganisations:
    """``heads``: the organisation head nouns' stems (the analyser's, as in
    ``organisation_head_nouns``); ``lexicon``: the organisation lexicon's ``head_nouns`` (more
    heads in their third-person possessive form: елшілігі, кәсіпорны, stems read by the
    analyser) and ``not_in_names`` (words never inside such a name: мен, және, өз); ``titles``:
    a person's titles (Президенті): a name goes no further than one."""

    def __init__(self, analyser, normaliser, heads, lexicon: dict, titles=(), max_inner: int = 2):
        head_forms, stop_words = lexicon.get("head_nouns") or (), lexicon.get("not_in_names") or ()
        self.analyser = analyser
        self.titles = frozenset(titles)
        self.normaliser = normaliser
        stems = set(heads)
        for form in head_forms:
            stems |= {a.stem for a in analyser.analyses(form.lower()) if self._p3(a) and a.case == "nom"}
        self.stems = frozenset(stems)
        self.stop_words = frozenset(w.lower() for w in stop_words)
        self.max_inner = max_inner

    @staticmethod
    def _p3(a) -> bool:
        return a.possessive == "p3" and not getattr(a, "plural", False)

    def head(self, word: str) -> tuple[str, str] | None:
        """(the word's nominative form, its case) when it is an organisation head in the
        third-person possessive singular (банкіне -> банкі, dat; кәсіпорнының -> кәсіпорны, gen)."""
        low = word.lower()
        found = next((a for a in self.analyser.analyses(low) if self._p3(a) and a.stem in self.stems), None)
        if found is None:
            return None
        for n in range(len(found.stem) + 1, len(low) + 1):  # the shortest possessed form it starts with
            if any(self._p3(a) and a.stem == found.stem and a.case == "nom" for a in self.analyser.analyses(low[:n])):
                return word[:n], found.case
        return None

    def ends_in_head(self, text: str, m: Mention) -> bool:
        """A model span whose last word is an organisation head (… халқы Ассамблеясы), no
        conjunction inside (Ирак және Ливан лаңкестік ұйымы: two countries, not one name)."""
        ws = _WORD.findall(m.text)
        return bool(ws) and self.head(ws[-1]) is not None and not any(w.lower() in self.stop_words for w in ws)

    def __call__(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Each bare (nominative) country or demonym followed by at most ``max_inner``
        uninflected words and an organisation head becomes, with them, one organisation;
        the country mention goes (its entity stays as the organisation's affiliation)."""
        index = SpanIndex(mentions)
        gone: set[int] = set()  # the mentions an organisation took (by identity)
        for g in sorted((m for m in mentions if is_country(m)), key=lambda m: m.start):
            if (g.case or "nom") != "nom" or " " in g.text or id(g) in gone:
                continue  # inflected (Ресейдің елшілігі: a possessor), a state's full name (Беларусь
                # Республикасы, a subject more often than a name's first words), or taken already
            found = self._organisation(text, g, index)
            if found is None:
                continue
            org, taken = found
            for k, m in taken:
                index.remove(k)
                gone.add(id(m))
            index.add(org)
        return sorted(index.items(), key=lambda m: m.start)

    def _organisation(self, text: str, g: Mention, index: SpanIndex):
        taken = [(k, m) for k, m in index.keyed(g.start, g.end) if (m.start, m.end) == (g.start, g.end)]
        end = g.end
        while end < len(text) and text[end] == "-":  # Қазақ-түрік: a pair of demonyms
            nxt = [(k, m) for k, m in index.keyed(end + 1, end + 2) if is_country(m) and m.start == end + 1]
            if not nxt:
                break
            taken.append(nxt[0])
            end = nxt[0][1].end
        n_country = len(taken)  # the country or demonyms; then model spans over the words after them
        inner = 0
        while True:
            if text[end:end + 1] != " ":
                return None
            w = _WORD.match(text, end + 1)
            if w is None or w.end() < len(text) and text[w.end()] == "-":
                return None
            covering = index.keyed(w.start(), w.end())
            if any(m.entity_id or m.start < g.end or not text[m.start].islower() for _, m in covering):
                return None  # another linked name (Ресей Қытай компаниясы: Қытай's), a span from before, or
                # a name the model found on its own (қазақ | Кеңес Одағының Батыры, «Moviq» кинокомпаниясы)
            taken += [(k, m) for k, m in covering if all(k != t for t, _ in taken)]
            head = self.head(w.group())
            if head is not None:
                if any(m.end != w.end() for _, m in taken[n_country:]):
                    return None  # a name before the head («Moviq» кинокомпаниясы: Moviq), or past it
                nominative, case = head
                lemma = text[g.start:w.start()] + nominative
                org = Mention(id=f"m{g.start}-{w.end()}", start=g.start, end=w.end(), text=text[g.start:w.end()],
                              label="ORG", entity_id=entity_id("Organization", lemma), lemma=lemma, case=case,
                              source="entity_linker.v1", origin="repair")
                return org, taken
            lemma = self.normaliser.lemma(w.group())
            low = w.group().lower()
            if g.text[:1].islower() and not w.group()[:1].islower():
                return None  # after a lower-case demonym, a capitalised name is its own (қазақ | Кеңес Одағының)
            if inner >= self.max_inner or low in self.stop_words or low in self.titles or (
                    lemma.case != "nom" and lemma.evidence == "phonology") or any(
                    a.possessive == "p3" and getattr(a, "plural", False) for a in self.analyser.analyses(low)):
                return None  # a clause goes on (Ресей мен Қытай, Ресей Украинаға), or a phrase closes
                # (Беларусь басшылары | Кеңес Одағын, Қазақ КСР Президенті | қызметін)
            inner += 1
            end = w.end()
