"""Mention repair: model spans cut, joined and relabelled before linking.

The NER model's spans are often a word too long or too short, or take a title,
a city or a second name along; these rules fix them with the language's data
(its name normaliser, place head nouns, surname endings, name particles, cities).
"""
from __future__ import annotations

import re

from ..records import Mention
from .text import capitalised, cldr_city_names, overlaps, piece, respan, words

NAME_LABELS = {"PERSON", "GPE", "LOC"}  # names: capitalised words only
SPATIAL_CASES = {"dat", "loc", "abl", "ins"}


class MentionRepair:
    def __init__(self, lang, title_heads):
        self.normaliser = lang.normaliser
        self.analyser = lang.analyser
        orthography = lang.orthography
        suffixes = lang.data("suffixes.yaml")
        self.voicing = suffixes.get("voicing", {})
        self.attributive = tuple(suffixes.get("attributive", ()))
        self.place_head = _head_pattern(orthography.get("place_head_nouns", ()), self.voicing,
                                        suffixes.get("after_possessive_endings", ()))
        self.cities = cldr_city_names(lang.code) | frozenset(orthography.get("extra_cities", ()))
        particles = "|".join(re.escape(p) for p in orthography.get("name_particles", ()))
        # a given name and particles right before a span: "Урсула фон дер |Ляйен"
        self.particles_before = re.compile(rf"(?<![^\W\d_])([^\W\d_][\w-]*)\s+((?:(?:{particles})\s+)+)$") if particles else None
        self.surname_endings = tuple(orthography.get("surname_endings", ()))
        # a title before a name, bare or possessed: Президенті, Төрағасы, Премьер-министрі
        endings = ("",) + tuple(suffixes["possessive"]["p3"])
        self.titles = frozenset(h.lower() + end for h in title_heads for end in endings)
        heads = [h.lower() for h in orthography.get("organisation_head_nouns", ())]
        self.org_heads = frozenset(heads) | frozenset(h[:-1] + self.voicing.get(h[-1], h[-1]) for h in heads)
        self.org_inner = int(orthography.get("organisation_max_inner_words", 4))
        self.openers = frozenset(w.lower() for w in orthography.get("sentence_openers", ()))
        self.person_nouns = [tuple(n.lower().split()) for n in orthography.get("person_nouns", ())]
        self.person_joins = frozenset(orthography.get("person_coordinators", ()))
        self.p3_endings = ("",) + tuple(suffixes["possessive"]["p3"])

    def __call__(self, text: str, mentions: list[Mention]) -> list[Mention]:
        gazetteer = [m for m in mentions if m.entity_id]
        raw = [m for m in mentions if not m.entity_id]
        # a position is no entity (the roles stage reads titles), but may hold an organisation
        raw = [m for m in raw if m.label != "POSITION"] + [
            o for m in raw if m.label == "POSITION" for o in [self.org_in_position(text, m)] if o]
        # "Ресей Қорғаныс министрлігі": a country that opens an organisation's name is part of it
        absorbed = {g.id for m in raw for g in gazetteer if self.opens_org_name(text, m, g)}
        gazetteer = [g for g in gazetteer if g.id not in absorbed]
        model = [c for m in raw for c in [clean(m, text, gazetteer)] if c]
        model = [self.with_name_particles(text, m) for m in model]
        model = [p for m in model for p in self.split_inflected_name(text, m)]
        model = [p for m in model for p in self.split_trailing_city(text, m)]
        model = [self.without_title(text, m) for m in join_split_names(text, model)]
        model = [self.place_by_head_noun(text, m) for m in model]
        return self.persons_by_context(text, self.organisations_by_head(text, gazetteer + model))

    # -- persons the model missed or mislabelled ------------------------------------
    def persons_by_context(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A person span in Latin letters alone (Twitter) is no person; a capitalised
        name after a noun for people (ғалым Архимедтің) is one, and so are two capitalised
        words joined to a person (Кери Гранат және Эд Джонс), whatever the model said."""
        out = [m.model_copy(update={"label": "ORG"}) if m.label == "PERSON" and _latin_word(m.text) else m
               for m in mentions]
        toks = []
        for w in re.finditer(r"\S+", text):
            word = w.group().rstrip(",.:;!?)»")
            toks.append((w.start(), w.start() + len(word), word, word != w.group()))
        for j in range(len(toks)):
            run = self._capitalised_run(toks, j, out)
            if not run:
                continue
            a, b = toks[j][0], toks[run - 1][1]
            inside = [m for m in out if m.start < b and a < m.end]
            if any(m.entity_id or m.label == "PERSON" or m.start < a or m.end > b for m in inside):
                continue
            if self._after_person_noun(toks, j) or (run - j >= 2 and self._joined_to_person(text, toks, j, out)):
                out = [m for m in out if m not in inside] + [Mention(
                    id=f"m{a}-{b}", start=a, end=b, text=text[a:b], label="PERSON", source="entity_linker.v1",
                    origin="repair")]
        return sorted(out, key=lambda m: m.start)

    def _capitalised_run(self, toks, j, mentions) -> int:
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
    def _org_head(self, word: str) -> bool:
        """министрлігі, басқармасының, компаниясы: an organisation head in the possessive."""
        return any(a.possessive == "p3" and a.stem in self.org_heads for a in self.analyser.analyses(word.lower()))

    def organisations_by_head(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A head noun no mention covers closes an organisation name: after a genitive
        organisation (Ішкі істер министрлігінің баспасөз қызметі: the organisation grows),
        after a genitive country (Қытайдың денсаулық сақтау комиссиясы: the words after it),
        after a «quoted» name («Алматыгаз» компаниясы: the name), or from a capitalised
        word a few lower-case words before (Қоғамдық денсаулық сақтау басқармасының)."""
        toks = [(w.start(), w.end(), w.group()) for w in re.finditer(r"[«»\"]|[^\s«»\"]+", text)]
        out = list(mentions)
        for j, (hs, he, word) in enumerate(toks):
            core = word.rstrip(",.:;!?)")
            if not core[:1].islower() or not self._org_head(core):
                continue
            he = hs + len(core)
            if any(m.start < he and hs < m.end for m in out):
                continue
            found = self._org_before(text, toks, j, he, out)
            if found is None:
                continue
            old, new = found
            out = [m for m in out if m is not old] + [new]
        return sorted(out, key=lambda m: m.start)

    def _org_before(self, text, toks, j, end, mentions):
        def covering(pos):
            return next((m for m in mentions if m.start <= pos < m.end), None)

        k = j - 1
        inner = 0
        if k >= 0 and toks[k][2] == "»":  # «Алматыгаз» компаниясы
            opening = next((i for i in range(k - 1, max(-1, k - 8), -1) if toks[i][2] == "«"), None)
            if opening is not None and opening + 1 < k and toks[opening + 1][2][:1].isupper():
                a, b = toks[opening + 1][0], toks[k - 1][1]
                return None, _new_org(text, a, b)
            return None
        while k >= 0 and inner < self.org_inner:
            w = toks[k][2]
            m = covering(toks[k][0])
            if m is not None or not w.isalpha() or not w[:1].islower() or w.lower() in self.openers:
                break
            lemma = self.normaliser.lemma(w)
            if lemma.case in ("loc", "dat") and lemma.evidence == "phonology":
                return None  # "жағдайда зекет қоры": a clause, not a name
            inner += 1
            k -= 1
        if k < 0:
            return None
        w, m = toks[k][2], covering(toks[k][0])
        if m is not None:
            if m.end != toks[k][1] or (m.case or self.normaliser.lemma(m.text).case) != "gen":
                return None
            if m.label == "ORG" and not m.entity_id:
                return m, respan(text, m, m.start, end, origin="repair")
            if m.label == "COUNTRY" and inner:
                return None, _new_org(text, toks[k + 1][0], end)
            return None
        if not w[:1].isupper() or not w.replace("-", "").isalpha() or w.lower() in self.openers:
            return None
        return None, _new_org(text, toks[k][0], end)

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
            if m.label == "PERSON" and self.surname(lemma.name) and self.surname(self.normaliser.lemma(nxt.group()).name):
                cuts.append(m.start + w.end())  # two surnames: two persons
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
        start, end = m.start + ws[0].start(), m.start + ws[last_gen].end()
        return respan(text, m, start, end, label="ORG", origin="position")

    def with_name_particles(self, text: str, m: Mention) -> Mention:
        if m.label != "PERSON" or self.particles_before is None:
            return m
        found = self.particles_before.search(text, max(0, m.start - 60), m.start)
        if not found or not found.group(1)[:1].isupper():
            return m
        return respan(text, m, found.start(1), m.end)

    def split_trailing_city(self, text: str, m: Mention) -> list[Mention]:
        """"Башар әл-Асад Мәскеуге барды": a person span of three or more words (an
        organisation span of two or more) whose inflected last word is a city (CLDR) is a
        person (organisation) and a place; a lone city left in front is a place too."""
        if m.label not in ("PERSON", "ORG"):
            return [m]
        ws = list(words(text[m.start:m.end]))
        if len(ws) < (3 if m.label == "PERSON" else 2):
            return [m]
        lemma = self.normaliser.lemma(ws[-1].group())
        if lemma.case == "nom" or lemma.name not in self.cities:
            return [m]
        person = piece(text, m, m.start, m.start + ws[-2].end())
        if len(ws) == 2 and self.normaliser.lemma(ws[0].group()).name in self.cities:
            person = person.model_copy(update={"label": "GPE"})  # "Мәскеу Вашингтонмен"
        place = piece(text, m, m.start + ws[-1].start(), m.end).model_copy(update={"label": "GPE"})
        return [person, place]

    def surname(self, word: str) -> bool:
        return word[:1].isupper() and len(word) > 4 and word.lower().endswith(self.surname_endings)

    def opens_org_name(self, text: str, m: Mention, g: Mention) -> bool:
        """An organisation span that starts with a bare country name and ends in a
        possessed noun (министрлігі, Үкіметі, департаменті): the country is its first word."""
        if m.label != "ORG" or g.label != "COUNTRY" or g.start != m.start or g.end >= m.end:
            return False
        if (g.case or "nom") != "nom" or not text[g.end:m.end].strip()[:1].isupper():
            return False
        return self.analyser.is_possessed(text[m.start:m.end].split()[-1], min_stem=3)

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

    def place_by_head_noun(self, text: str, m: Mention) -> Mention:
        """"Курск облысы", "Курск аймағынан": a name before a place head noun is a place."""
        if m.label in ("PERSON", "ORG") and self.place_head and self.place_head.match(text, m.end):
            return m.model_copy(update={"label": "LOC"})
        return m


def _latin_word(s: str) -> bool:
    """One word in Latin letters (Twitter, Reuters): in Kazakh news, no person's name."""
    return " " not in s.strip() and s.isascii() and s[:1].isalpha()


def _new_org(text: str, start: int, end: int) -> Mention:
    return Mention(id=f"m{start}-{end}", start=start, end=end, text=text[start:end], label="ORG",
                   source="entity_linker.v1", origin="repair")


def _head_pattern(heads, voicing, after_possessive) -> re.Pattern | None:
    """Whitespace, then a head noun in the third-person possessive (-ы/-і, -сы/-сі
    after a vowel), then any case ending: " облысына", " өңірін", " аймағынан"."""
    forms = []
    for head in heads:
        head = head.lower()
        stems = {head, head[:-1] + voicing.get(head[-1], head[-1])}
        forms += [re.escape(stem) + "с?[ыі]" for stem in stems]
    if not forms:
        return None
    endings = "|".join(re.escape(e) for e in after_possessive)
    return re.compile(rf"\s+(?:{'|'.join(sorted(forms, key=len, reverse=True))})(?:{endings})?(?![^\W\d_])",
                      re.IGNORECASE)


def clean(m: Mention, text: str, gazetteer: list[Mention]) -> Mention | None:
    """Trim a model span: no trailing punctuation; for names no lower-case edge
    words; never across a gazetteer country (the gazetteer wins)."""
    spans = [(w.start() + m.start, w.end() + m.start) for w in words(text[m.start:m.end])]
    for g in gazetteer:
        spans = [s for s in spans if s[1] <= g.start or s[0] >= g.end] if overlaps(m, g) else spans
    spans = [(a, b - len(text[a:b]) + len(text[a:b].rstrip(",.:;!?»«\"'()"))) for a, b in spans]
    spans = [(a + len(text[a:b]) - len(text[a:b].lstrip("«\"'(")), b) for a, b in spans]
    spans = [s for s in spans if s[1] > s[0]]
    if m.label in NAME_LABELS:
        while spans and not capitalised(text[spans[-1][0]:spans[-1][1]]):
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


def join_split_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A one-word bare name right before a person (Хироси | Танака) is the
    person's first name, whatever label the model gave it."""
    ordered = sorted(mentions, key=lambda m: m.start)
    out: list[Mention] = []
    for m in ordered:
        prev = out[-1] if out else None
        if (prev is not None and m.label == "PERSON" and prev.label != "PERSON" and " " not in prev.text
                and m.origin != "split"
                and text[prev.end:m.start] == " " and prev.text[:1].isupper() and prev.text.isalpha()):
            out[-1] = respan(text, m, prev.start, m.end)
            continue
        out.append(m)
    return out
