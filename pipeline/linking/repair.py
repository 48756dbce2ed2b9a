"""Mention repair: model spans cut, joined and relabelled before linking.

The NER model's spans are often a word too long or too short, or take a title,
a city or a second name along; these rules fix them with the language's data
(its name normaliser, place head nouns, surname endings, name particles, cities).
"""
from __future__ import annotations

import re
from bisect import insort
from collections import defaultdict

from ..records import Mention
from ..spans import SpanIndex
from .country_orgs import CountryOrganisations
from .data import INITIALS, SPATIAL_CASES
from .missed import MissedNames
from .person_spans import PersonSpans
from .text import capitalised, overlaps, piece, respan, words

NAME_LABELS = {"PERSON", "GPE", "LOC"}  # names: capitalised words only


class MentionRepair(PersonSpans):
    def __init__(self, lang, title_heads, speech=None, organisations: dict | None = None):
        super().__init__(lang, title_heads, speech)
        self.missed = MissedNames(lang, title_heads, speech)
        self.country_orgs = CountryOrganisations(self.analyser, self.normaliser, self.org_heads, organisations or {}, self.titles)

    def __call__(self, text: str, mentions: list[Mention]) -> list[Mention]:
        gazetteer = [m for m in mentions if m.entity_id]
        raw = [m for m in mentions if not m.entity_id]
        # a position is no entity (the roles stage reads titles), but may hold an organisation
        raw = [m for m in raw if m.label != "POSITION"] + [
            o for m in raw if m.label == "POSITION" for o in [self.org_in_position(text, m)] if o]
        # the gazetteer's mentions by where they start and end: each model span meets only its neighbours
        starting, ending = defaultdict(list), defaultdict(list)
        for g in gazetteer:
            starting[g.start].append(g)
            ending[g.end].append(g)
        # "Ресей Қорғаныс министрлігі": a country that opens an organisation's name is part of it
        absorbed = {g.id for m in raw for g in starting.get(m.start, ()) if self.opens_org_name(text, m, g)}
        # "Жапония | Сыртқы істер министрлігі": a bare country right before such a span, too
        before = {m.id: g for m in raw for g in ending.get(m.start - 1, ()) if self.precedes_org_name(text, m, g)
                  and not any(o.label == "COUNTRY" for o in starting.get(m.start, ()))}
        raw = [respan(text, m, before[m.id].start, m.end) if m.id in before else m for m in raw]
        absorbed |= {g.id for g in before.values()}
        gazetteer = [g for g in gazetteer if g.id not in absorbed]
        linked = SpanIndex(gazetteer)
        model = [c for m in raw for c in [clean(m, text, linked.overlapping(m.start, m.end))] if c]
        gazetteer, model = self.country_full_names(text, gazetteer, model)
        model = [self.with_given_name(text, self.with_initials(text, self.with_name_particles(text, m)))
                 for m in model]
        model = self.surname_after_patronymic(text, model, gazetteer)
        model = [self.law_not_person(self.org_without_title(text, m)) for m in model]
        model = [p for m in model for p in self.split_inflected_name(text, m)]
        model = [p for m in model for p in self.split_trailing_city(text, m)]
        model = [self.without_title(text, m) for m in self.surname_taken_for_place(
            text, join_split_names(text, model, self.surname, self.bare_name))]
        model = [p for m in model for p in self.place_by_head_noun(text, self.city_not_person(m))]
        return self.country_orgs(text, self.missed(text, gazetteer + model))

    def split_inflected_name(self, text: str, m: Mention) -> list[Mention]:
        """Only a name's last word inflects: a person span with an inflected word
        inside (Мәскеудің Киевпен) is several names, cut after each such word. An
        organisation's name may hold a genitive or an attributive (Еуропадағы ...
        ұйымы), not a word in a spatial case (Стамбулда жаңа)."""
        if m.label not in ("PERSON", "ORG") or " " not in m.text:
            return [m]
        ws = list(words(text[m.start:m.end]))
        cuts = []
        for w, nxt in zip(ws, ws[1:]):
            lemma = self.normaliser.lemma(w.group())
            nxt_lemma = self.normaliser.lemma(nxt.group())
            if (m.label == "PERSON" and self.surname(lemma.name) and not self.patronymic(lemma.name)
                    and lemma.case == "nom" and (self.surname(nxt_lemma.name) or (
                        nxt.end() == len(text[m.start:m.end]) and nxt_lemma.case != "nom"
                        and nxt_lemma.evidence == "phonology" and not self.inflected_patronymic(nxt.group())))):
                cuts.append(m.start + w.end())  # two surnames, or a surname and an inflected name: two persons
                continue
            if lemma.case == "nom" or lemma.evidence != "phonology":
                continue
            if m.label == "ORG" and (lemma.case not in SPATIAL_CASES or w.group().lower().endswith(self.attributive)):
                continue
            cuts.append(m.start + w.end())
        if not cuts:
            return [m]
        pieces, start = [], m.start
        for end in cuts + [m.end]:
            part = text[start:end].strip()
            if part and not (m.label == "ORG" and part[0].islower()):  # "жаңа": no organisation
                a = start + len(text[start:end]) - len(text[start:end].lstrip())
                pieces.append(piece(text, m, a, a + len(part)))
            start = end
        return pieces

    def bare_name(self, word: str) -> bool:
        """Uninflected and no city: "Хироси" may open "Хироси Танака", "Астанада" may not."""
        lemma = self.normaliser.lemma(word)
        return lemma.case == "nom" and lemma.name not in self.cities

    def org_in_position(self, text: str, m: Mention) -> Mention | None:
        """"Ресей Сыртқы істер министрлігінің ресми өкілі": the model's position span
        holds the organisation, up to its genitive word; the roles stage reads the title."""
        ws = list(words(text[m.start:m.end]))
        if len(ws) < 2 or not ws[0].group()[:1].isupper():
            return None
        last_gen = None
        for k, w in enumerate(ws[:-1]):
            lemma = self.normaliser.lemma(w.group())
            if lemma.case == "gen" and lemma.evidence == "phonology":
                last_gen = k
        if last_gen is None:
            return None
        if self.normaliser.lemma(ws[last_gen].group()).name.lower().endswith(self.title_heads):
            return None  # "Бас прокурордың орынбасары": a title's title, no organisation
        start, end = m.start + ws[0].start(), m.start + ws[last_gen].end()
        return respan(text, m, start, end, label="ORG", origin="position")

    def org_without_title(self, text: str, m: Mention) -> Mention:
        """"Ұлттық қауіпсіздік комитетінің төрағасы | Нұртай Әбіқаев": a possessed title that
        closes the model's organisation span after its genitive is the person's, not the
        organisation's."""
        ws = list(words(text[m.start:m.end]))
        if m.label != "ORG" or len(ws) < 3 or ws[-1].group().lower() not in self.titles:
            return m
        if self.normaliser.lemma(ws[-2].group()).case != "gen":
            return m  # "Халықты әлеуметтік қорғау министрі": the span is a title, not an organisation
        return respan(text, m, m.start, m.start + ws[-2].end())

    def with_name_particles(self, text: str, m: Mention) -> Mention:
        if m.label != "PERSON" or self.particles_before is None:
            return m
        found = self.particles_before.search(text, max(0, m.start - 60), m.start)
        if not found or not found.group(1)[:1].isupper():
            return m
        return respan(text, m, found.start(1), m.end)

    def with_initials(self, text: str, m: Mention) -> Mention:
        """"Г. Марченко", "М. Ш. Шаймиев": initials before a person belong to the name, as written."""
        if m.label != "PERSON":
            return m
        found = INITIALS.search(text, max(0, m.start - 12), m.start)
        if not found or (found.start() > 0 and text[found.start() - 1].isalnum()):
            return m
        return respan(text, m, found.start(), m.end)

    def with_given_name(self, text: str, m: Mention) -> Mention:
        """"Айқан | Ақанұлы Ақанов": a person span that opens with a patronymic takes the
        capitalised given name right before it."""
        if m.label != "PERSON" or not self.patronymic(text[m.start:m.end].split()[0]):
            return m
        found = re.search(r"([^\W\d_][\w-]*)\s+$", text[max(0, m.start - 40):m.start])
        if not found or not found.group(1)[:1].isupper() or found.group(1).lower() in self.openers:
            return m
        return respan(text, m, m.start - len(found.group(0)), m.end)

    def country_full_names(self, text: str, gazetteer: list[Mention], model: list[Mention]):
        """"Нидерланды Корольдігіне": a state noun right after a country is part of its
        name; the country takes the noun's case, and the model's span for the noun goes."""
        out_g, drop = list(gazetteer), set()
        ending: dict[int, list[int]] = defaultdict(list)  # end offset -> positions in out_g, in order
        for k, g in enumerate(out_g):
            ending[g.end].append(k)
        for m in model:
            word = text[m.start:m.end]
            if " " in word or not word[:1].isupper():
                continue
            state = [a for a in self.analyser.analyses(word.lower()) if a.possessive == "p3" and a.stem in self.state_stems]
            k = next((k for k in ending.get(m.start - 1, ()) if out_g[k].label == "COUNTRY"
                      and text[m.start - 1] == " " and (out_g[k].case or "nom") == "nom"), None)
            if state and k is not None:
                country = out_g[k]
                out_g[k] = respan(text, country, country.start, m.end, case=state[0].case)
                ending[country.end].remove(k)
                insort(ending[m.end], k)
                drop.add(m.id)
        return out_g, [m for m in model if m.id not in drop]

    def opens_org_name(self, text: str, m: Mention, g: Mention) -> bool:
        """An organisation span that starts with a bare country name and ends in a possessed
        noun (министрлігі, Үкіметі), or in an organisation head after lower-case words (… халқы
        Ассамблеясы; Ресей мен Қытай has none): the country is its first word."""
        if m.label != "ORG" or g.label != "COUNTRY" or g.start != m.start or g.end >= m.end or (g.case or "nom") != "nom":
            return False
        if not text[g.end:m.end].strip()[:1].isupper():
            return self.country_orgs.ends_in_head(text, m)
        return self.analyser.is_possessed(text[m.start:m.end].split()[-1], min_stem=3)

    def precedes_org_name(self, text: str, m: Mention, g: Mention) -> bool:
        """A bare country, one space, then an organisation span that ends in a possessed
        noun (Жапония | Сыртқы істер министрлігі): the country opens the name."""
        if m.label != "ORG" or g.label != "COUNTRY" or (g.case or "nom") != "nom" or text[g.end:m.start] != " ":
            return False
        if not (m.text[:1].isupper() and g.text[:1].isupper()):
            return False
        return self.analyser.is_possessed(m.text.split()[-1], min_stem=3)

def _latin_acronym(word: str) -> bool:
    return word.isascii() and word.isupper() and word.isalpha()


def clean(m: Mention, text: str, gazetteer: list[Mention]) -> Mention | None:
    """Trim a model span: no trailing punctuation; for names no lower-case edge
    words; never across a gazetteer country (the gazetteer wins). ``gazetteer``: the
    linked mentions, or just those that overlap ``m``."""
    spans = [(w.start() + m.start, w.end() + m.start) for w in words(text[m.start:m.end])]
    for g in gazetteer:
        spans = [s for s in spans if s[1] <= g.start or s[0] >= g.end] if overlaps(m, g) else spans
    spans = [(a, b - len(text[a:b]) + len(text[a:b].rstrip(",.:;!?»«\"'()"))) for a, b in spans]
    spans = [(a + len(text[a:b]) - len(text[a:b].lstrip("«\"'(")), b) for a, b in spans]
    spans = [s for s in spans if s[1] > s[0]]
    if m.label in NAME_LABELS:
        while spans and not capitalised(text[spans[-1][0]:spans[-1][1]]):
            spans.pop()
        if m.label == "PERSON":  # "Бейбіт Шүменов WBA": a Latin acronym ends no Cyrillic name
            while len(spans) > 1 and _latin_acronym(text[spans[-1][0]:spans[-1][1]]) \
                    and not _latin_acronym(text[spans[0][0]:spans[0][1]]):
                spans.pop()
        while spans and not capitalised(text[spans[0][0]:spans[0][1]]):
            spans.pop(0)
    # keep the first contiguous run of words
    run = spans[:1]
    for s in spans[1:]:
        if text[run[-1][1]:s[0]].strip():
            break
        run.append(s)
    if not run:
        return None
    start, end = run[0][0], run[-1][1]
    if m.label == "ORG" and text[start].isdigit() and not any(text[a].isupper() for a, _ in run):
        return None  # "100 мың тонна": a quantity, no organisation
    if not (text[start].isupper() or text[start].isdigit() or text[start] in "«\"") and (start, end) != (m.start, m.end):
        return None  # what is left of a span cut by a country name is no name (жауынгерлер)
    if (start, end) == (m.start, m.end):
        return m
    return respan(text, m, start, end)


def join_split_names(text: str, mentions: list[Mention], surname=None, bare=None) -> list[Mention]:
    """A one-word bare name right before a person (Хироси | Танака) is the
    person's first name, whatever label the model gave it; so is a one-word person
    right before a surname cut from a place span (Мұхтар | Әуезов Семейде)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    out: list[Mention] = []
    for m in ordered:
        prev = out[-1] if out else None
        if (surname is not None and prev is not None and prev.label == "PERSON" and m.label == "PERSON"
                and m.origin == "split" and " " not in prev.text and " " not in m.text and surname(m.text)
                and text[prev.end:m.start] == " " and prev.text.isalpha() and not surname(prev.text)):
            out[-1] = respan(text, prev, prev.start, m.end)
            continue
        if (prev is not None and m.label == "PERSON" and prev.label != "PERSON" and " " not in prev.text
                and m.origin != "split" and (bare is None or bare(prev.text))
                and text[prev.end:m.start] == " " and prev.text[:1].isupper() and prev.text.isalpha()):
            out[-1] = respan(text, m, prev.start, m.end)
            continue
        out.append(m)
    return out
