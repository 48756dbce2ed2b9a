"""EntityLinker: mentions -> canonical entities.

- Countries come linked from the gazetteer (ISO codes); it wins over the NER model
  where they overlap, and model spans that are countries or demonyms map to them.
- Persons, organisations and places are normalised to the nominative
  (the language's name normaliser: Песковтың -> Песков) with the
  document's own words as evidence, and a partial name is linked to the full name
  it belongs to in the same document (Песков, Кимге -> Дмитрий Песков, Ким Чен Ын).
- Ids come from canonical names, so they are the same in every document.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..ids import entity_id
from ..lexicon import load_lexicon
from ..layers import COUNTRY_MENTIONS, ENTITIES, LINKED_MENTIONS
from ..records import AnnotatedDocument, Entity, Mention
from ..stage import Stage, StageSettings

# NER label -> entity type
ENTITY_TYPE = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
               "EVENT": "Event"}
NAME_LABELS = {"PERSON", "GPE", "LOC"}  # names: capitalised words only
SPATIAL_CASES = {"dat", "loc", "abl", "ins"}
PERSON_UNLIKELY_CASES = frozenset({"loc"})  # "Рютте" is Рютте, not Рют + -те
ATTRIBUTIVE = ("ғы", "гі", "қы", "кі")  # Еуропадағы: a modifier, part of the name


class Settings(StageSettings):
    link_partial_names: bool = True  # Песков -> Дмитрий Песков when seen in the same document
    lexicon: Optional[Path] = None  # for the role titles a person span must not start with (default: the language's)


class EntityLinker(Stage):
    requires = (COUNTRY_MENTIONS,)
    provides = (ENTITIES, LINKED_MENTIONS)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        lang = context.language_pack
        self.countries = lang.countries
        self.normaliser = lang.normaliser
        self.country_names = frozenset(self.countries.names.values())
        language = lang.orthography
        self.place_head = _place_head_pattern(language.get("place_head_nouns", ()))
        self.cities = cldr_city_names(lang.code) | frozenset(language.get("extra_cities", ()))
        particles = "|".join(re.escape(p) for p in language.get("name_particles", ()))
        # a given name and particles right before a span: "Урсула фон дер |Ляйен"
        self.particles_before = re.compile(rf"(?<![^\W\d_])([^\W\d_][\w-]*)\s+((?:(?:{particles})\s+)+)$") if particles else None
        self.surname_endings = tuple(language.get("surname_endings", ()))
        heads = load_lexicon(context.lexicon(settings.lexicon)).roles.title_heads
        # a title before a name, bare or possessed: Президенті, Төрағасы, Премьер-министрі
        self.titles = frozenset(h.lower() + end for h in heads for end in ("", "і", "ы", "сі", "сы"))

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        gazetteer = [m for m in doc.mentions if m.entity_id]
        raw = [m for m in doc.mentions if not m.entity_id]
        # a position is no entity (the roles stage reads titles), but may hold an organisation
        raw = [m for m in raw if m.label != "POSITION"] + [
            o for m in raw if m.label == "POSITION" for o in [self._org_in_position(doc.text, m)] if o]
        # "Ресей Қорғаныс министрлігі": a country that opens an organisation's name is part of it
        absorbed = {g.id for m in raw for g in gazetteer if self._opens_org_name(doc.text, m, g)}
        gazetteer = [g for g in gazetteer if g.id not in absorbed]
        model = [c for m in raw for c in [_clean(m, doc.text, gazetteer)] if c]
        model = [self._with_name_particles(doc.text, m) for m in model]
        model = [piece for m in model for piece in self._split_inflected_name(doc.text, m)]
        model = [piece for m in model for piece in self._split_trailing_city(doc.text, m)]
        model = [self._without_title(doc.text, m) for m in _join_split_names(doc.text, model)]
        model = [self._place_by_head_noun(doc.text, m) for m in model]
        mentions = self._vote_labels(doc.text, _resolve_overlaps(gazetteer + model))
        words = frozenset(w.strip("«»\"'.,:;!?()") for w in doc.text.split())
        entities: dict[str, Entity] = {e.id: e for e in doc.entities}
        linked: list[Mention] = []
        persons: list[tuple[str, str]] = []  # (canonical name, id) in order of appearance
        queue = list(mentions)
        while queue:
            m = queue.pop(0)
            pieces = self._split_known_persons(doc.text, m, persons, words)
            if len(pieces) > 1:
                queue[:0] = pieces
                continue
            m = self._link(m, words, persons)
            if m is None:
                continue
            linked.append(m)
            ent = entities.get(m.entity_id) or self._new_entity(m)
            if m.text != ent.name and m.text not in ent.alternate_names and ent.type != "Group":
                ent = ent.model_copy(update={"alternate_names": ent.alternate_names + [m.text]})
            entities[m.entity_id] = ent
            if ent.type == "Person" and (ent.name, ent.id) not in persons:
                persons.append((ent.name, ent.id))
        if self.settings.link_partial_names:
            linked, entities = self._person_consistency(doc.text, linked, entities, words)
            linked, entities = _merge_partial_persons(linked, entities)
        return doc.with_layers(mentions=linked, entities=list(entities.values()))

    # -- find ---------------------------------------------------------------
    def _split_inflected_name(self, text: str, m: Mention) -> list[Mention]:
        """Only a name's last word inflects: a person span with an inflected word
        inside (Мәскеудің Киевпен) is several names, cut after each such word. An
        organisation's name may hold a genitive or an attributive (Еуропадағы ...
        ұйымы), not a word in a spatial case (Стамбулда жаңа)."""
        if m.label not in ("PERSON", "ORG") or " " not in m.text:
            return [m]
        words = list(_words(text[m.start:m.end]))
        cuts = []
        for w, nxt in zip(words, words[1:]):
            lemma = self.normaliser.lemma(w.group())
            if m.label == "PERSON" and self._surname(lemma.name) and self._surname(self.normaliser.lemma(nxt.group()).name):
                cuts.append(m.start + w.end())  # two surnames: two persons
                continue
            if lemma.case == "nom" or lemma.evidence != "phonology":
                continue
            if m.label == "ORG" and (lemma.case not in SPATIAL_CASES or w.group().lower().endswith(ATTRIBUTIVE)):
                continue
            cuts.append(m.start + w.end())
        if not cuts:
            return [m]
        pieces, start = [], m.start
        for end in cuts + [m.end]:
            piece = text[start:end].strip()
            if piece and not (m.label == "ORG" and piece[0].islower()):  # "жаңа": no organisation
                a = start + len(text[start:end]) - len(text[start:end].lstrip())
                pieces.append(self._piece(text, m, a, a + len(piece)))
            start = end
        return pieces

    def _org_in_position(self, text: str, m: Mention) -> Mention | None:
        """"Ресей Сыртқы істер министрлігінің ресми өкілі": the model's position span
        holds the organisation, up to its genitive word; the roles stage reads the title."""
        words = list(_words(text[m.start:m.end]))
        if len(words) < 2 or not words[0].group()[:1].isupper():
            return None
        last_gen = None
        for k, w in enumerate(words[:-1]):
            lemma = self.normaliser.lemma(w.group())
            if lemma.case == "gen" and lemma.evidence == "phonology":
                last_gen = k
        if last_gen is None:
            return None
        start, end = m.start + words[0].start(), m.start + words[last_gen].end()
        return _respan(text, m, start, end, label="ORG", source=m.source + ":position")

    def _with_name_particles(self, text: str, m: Mention) -> Mention:
        if m.label != "PERSON" or self.particles_before is None:
            return m
        found = self.particles_before.search(text, max(0, m.start - 60), m.start)
        if not found or not found.group(1)[:1].isupper():
            return m
        return _respan(text, m, found.start(1), m.end)

    def _split_trailing_city(self, text: str, m: Mention) -> list[Mention]:
        """"Башар әл-Асад Мәскеуге барды": a person span of three or more words (an
        organisation span of two or more) whose inflected last word is a city (CLDR) is a
        person (organisation) and a place; a lone city left in front is a place too."""
        if m.label not in ("PERSON", "ORG"):
            return [m]
        words = list(_words(text[m.start:m.end]))
        if len(words) < (3 if m.label == "PERSON" else 2):
            return [m]
        lemma = self.normaliser.lemma(words[-1].group())
        if lemma.case == "nom" or lemma.name not in self.cities:
            return [m]
        person = self._piece(text, m, m.start, m.start + words[-2].end())
        if len(words) == 2 and self.normaliser.lemma(words[0].group()).name in self.cities:
            person = person.model_copy(update={"label": "GPE"})  # "Мәскеу Вашингтонмен"
        place = self._piece(text, m, m.start + words[-1].start(), m.end).model_copy(update={"label": "GPE"})
        return [person, place]

    def _surname(self, word: str) -> bool:
        return word[:1].isupper() and len(word) > 4 and word.lower().endswith(self.surname_endings)

    def _opens_org_name(self, text: str, m: Mention, g: Mention) -> bool:
        """An organisation span that starts with a bare country name and ends in a
        possessed noun (министрлігі, Үкіметі, департаменті): the country is its first word."""
        if m.label != "ORG" or g.label != "COUNTRY" or g.start != m.start or g.end >= m.end:
            return False
        if (g.case or "nom") != "nom" or not text[g.end:m.end].strip()[:1].isupper():
            return False
        return self.normaliser.analyser.is_possessed(text[m.start:m.end].split()[-1], min_stem=3)

    def _split_known_persons(self, text: str, m: Mention, persons, words) -> list[Mention]:
        """"Тоқаев Әлиевке алғыс айтты": one span holding the surnames of two persons
        already named in the document is two mentions."""
        if m.label != "PERSON" or not persons:
            return [m]
        ws = list(_words(text[m.start:m.end]))
        if len(ws) < 2:
            return [m]
        owner = {}  # name part -> person id (a part two persons share belongs to neither)
        for name, pid in persons:
            for part in name.split():
                owner[part] = pid if owner.get(part, pid) == pid else None
        if " ".join(w.group() for w in ws) in {n for n, _ in persons}:
            return [m]
        parts = frozenset(p for p, pid in owner.items() if pid)
        for cut in range(1, len(ws)):
            left = self.normaliser.lemma(" ".join(w.group() for w in ws[:cut]), known=parts, document_words=words)
            right = self.normaliser.lemma(" ".join(w.group() for w in ws[cut:]), known=parts, document_words=words)
            a, b = owner.get(left.name), owner.get(right.name)
            if a and b and a != b:
                return [self._piece(text, m, m.start + ws[0].start(), m.start + ws[cut - 1].end()),
                        self._piece(text, m, m.start + ws[cut].start(), m.end)]
        return [m]

    @staticmethod
    def _piece(text: str, m: Mention, start: int, end: int) -> Mention:
        return _respan(text, m, start, end, source=m.source + ":split")

    def _without_title(self, text: str, m: Mention) -> Mention:
        """"Президенті Қасым-Жомарт Тоқаев": the title is not part of the name (the
        roles stage reads it), even where news capitalises it."""
        if m.label != "PERSON":
            return m
        words = list(_words(text[m.start:m.end]))
        k = 0
        while k < len(words) - 1 and words[k].group().lower() in self.titles:
            k += 1
        if k == 0 or not words[k].group()[:1].isupper():
            return m
        return _respan(text, m, m.start + words[k].start(), m.end)

    def _place_by_head_noun(self, text: str, m: Mention) -> Mention:
        """"Курск облысы", "Курск аймағынан": a name before a place head noun is a place."""
        if m.label in ("PERSON", "ORG") and self.place_head and self.place_head.match(text, m.end):
            return m.model_copy(update={"label": "LOC"})
        return m

    def _vote_labels(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """One name, one type per document: a split piece or a lone reading takes
        the label the same name has elsewhere in the document (by majority)."""
        from collections import Counter

        votes: dict[str, Counter] = {}
        lemmas = {}
        for m in mentions:
            if m.entity_id or m.label not in ENTITY_TYPE:
                continue
            lemma = self.normaliser.lemma(m.text).name
            lemmas[m.id] = lemma
            weight = 0.5 if m.source.endswith(":split") else 1.0
            votes.setdefault(lemma, Counter())[m.label] += weight
        out = []
        for m in mentions:
            counter = votes.get(lemmas.get(m.id, ""))
            if counter:
                best, n = counter.most_common(1)[0]
                if best != m.label and n > counter[m.label]:
                    m = m.model_copy(update={"label": best})
            out.append(m)
        return out

    def _link(self, m: Mention, words: frozenset[str], persons) -> Mention | None:
        if m.entity_id:
            return m
        if m.label in ("GPE", "LOC", "NORP"):
            found = self.countries.find(m.text.split())
            if len(found) == 1 and found[0].first == 0 and found[0].last == len(m.text.split()) - 1:
                f = found[0]
                return m.model_copy(update={"entity_id": f"country:{f.code}", "case": f.analysis.case,
                                            "label": "COUNTRY" if f.label == "COUNTRY" else "NORP",
                                            "lemma": self.countries.canonical(f.code)})
            if m.label == "NORP":
                return None  # a demonym of no country (еуропалық): not an entity
        typ = ENTITY_TYPE.get(m.label)
        if typ is None:
            return None
        known = frozenset(name for name, _ in persons) | self.country_names
        lemma = self.normaliser.lemma(m.text, known=known, document_words=words,
                                      unlikely_cases=PERSON_UNLIKELY_CASES if m.label == "PERSON" else frozenset())
        return m.model_copy(update={"entity_id": entity_id(typ, lemma.name), "lemma": lemma.name, "case": lemma.case})

    def _person_consistency(self, text: str, mentions: list[Mention], entities: dict[str, Entity], words):
        """One name, one reading per document: where the model tagged a person's
        name (or part of it) as something else, or missed it, it is the person."""
        names = {e.name: e.id for e in entities.values() if e.type == "Person"}
        parts = {w for n in names for w in n.split() if len(w) > 2}
        if not parts:
            return mentions, entities
        out: list[Mention] = []
        covered = [(m.start, m.end) for m in mentions]
        for m in mentions:
            if m.label == "PERSON" or (m.entity_id or "").startswith(("country:", "group:")):
                out.append(m)
                continue
            run = _leading_capitalised(text, m.start, m.end)
            lemma = self.normaliser.lemma(text[run[0]:run[1]], known=frozenset(parts), document_words=words)
            if run[1] > run[0] and (lemma.name in names or lemma.name in parts):
                out.append(self._as_person(text, run, lemma, names))
            else:
                out.append(m)
        # capitalised words no mention covers

        for w in re.finditer(r"[^\W\d_][\w-]*", text):
            if not w.group()[0].isupper() or any(a < w.end() and w.start() < b for a, b in covered):
                continue
            lemma = self.normaliser.lemma(w.group(), known=frozenset(parts), document_words=words)
            if lemma.evidence == "known" and lemma.name in parts:
                out.append(self._as_person(text, (w.start(), w.end()), lemma, names))
        for m in out:
            if m.label == "PERSON" and m.entity_id not in entities:
                entities[m.entity_id] = Entity(id=m.entity_id, type="Person", name=m.lemma or m.text)
        # entities no mention refers to any more (the model's wrong reading) go
        used = {m.entity_id for m in out}
        entities = {k: e for k, e in entities.items() if k in used}
        for m in out:
            e = entities[m.entity_id]
            if m.text != e.name and m.text not in e.alternate_names and e.type != "Group":
                entities[m.entity_id] = e.model_copy(update={"alternate_names": e.alternate_names + [m.text]})
        return sorted(out, key=lambda m: m.start), entities

    def _as_person(self, text, run, lemma, names) -> Mention:
        eid = names.get(lemma.name) or entity_id("Person", lemma.name)
        return Mention(id=f"m{run[0]}-{run[1]}", start=run[0], end=run[1], text=text[run[0]:run[1]], label="PERSON",
                       entity_id=eid, lemma=lemma.name, case=lemma.case, source="entity_linker.v1")

    def _new_entity(self, m: Mention) -> Entity:
        if m.entity_id.startswith("country:"):
            code = m.entity_id.split(":", 1)[1]
            return Entity(id=m.entity_id, type="Country", name=self.countries.canonical(code), identifier=code)
        return Entity(id=m.entity_id, type=ENTITY_TYPE[m.label], name=m.lemma or m.text)


_VOICED = {"қ": "ғ", "к": "г", "п": "б"}  # final consonant voiced before a vowel: аймақ -> аймағы
_AFTER_POSSESSIVE = "н|ның|нің|на|не|нда|нде|нан|нен|мен|ндағы|ндегі"


def _place_head_pattern(heads) -> re.Pattern | None:
    """Whitespace, then a head noun in the third-person possessive (-ы/-і, -сы/-сі
    after a vowel), then any case ending: " облысына", " өңірін", " аймағынан"."""
    forms = []
    for head in heads:
        head = head.lower()
        stems = {head, head[:-1] + _VOICED.get(head[-1], head[-1])}
        forms += [re.escape(stem) + "с?[ыі]" for stem in stems]
    if not forms:
        return None
    return re.compile(rf"\s+(?:{'|'.join(sorted(forms, key=len, reverse=True))})(?:{_AFTER_POSSESSIVE})?(?![^\W\d_])",
                      re.IGNORECASE)


def _clean(m: Mention, text: str, gazetteer: list[Mention]) -> Mention | None:
    """Trim a model span: no trailing punctuation; for names no lower-case edge
    words; never across a gazetteer country (the gazetteer wins)."""
    spans = [(w.start() + m.start, w.end() + m.start) for w in _words(text[m.start:m.end])]
    for g in gazetteer:
        spans = [s for s in spans if s[1] <= g.start or s[0] >= g.end] if _overlaps(m, g) else spans
    spans = [(a, b - len(text[a:b]) + len(text[a:b].rstrip(",.:;!?»«\"'()"))) for a, b in spans]
    spans = [(a + len(text[a:b]) - len(text[a:b].lstrip("«\"'(")), b) for a, b in spans]
    spans = [s for s in spans if s[1] > s[0]]
    if m.label in NAME_LABELS:
        while spans and not _capitalised(text[spans[-1][0]:spans[-1][1]]):
            spans.pop()
        while spans and not _capitalised(text[spans[0][0]:spans[0][1]]):
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
    return _respan(text, m, start, end)


def _join_split_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A one-word bare name right before a person (Хироси | Танака) is the
    person's first name, whatever label the model gave it."""
    ordered = sorted(mentions, key=lambda m: m.start)
    out: list[Mention] = []
    for m in ordered:
        prev = out[-1] if out else None
        if (prev is not None and m.label == "PERSON" and prev.label != "PERSON" and " " not in prev.text
                and not m.source.endswith(":split")
                and text[prev.end:m.start] == " " and prev.text[:1].isupper() and prev.text.isalpha()):
            out[-1] = _respan(text, m, prev.start, m.end)
            continue
        out.append(m)
    return out


def _leading_capitalised(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of capitalised words a span begins with (trailing punctuation off)."""
    run_end = start
    for w in _words(text[start:end]):
        word = w.group().rstrip(",.:;!?»")
        if not word[:1].isupper():
            break
        run_end = start + w.start() + len(word)
    return start, run_end


@lru_cache(maxsize=None)
def cldr_city_names(locale: str = "kk") -> frozenset[str]:
    """City names of CLDR's time-zone exemplar cities in ``locale`` (Мәскеу, Берлин, ...)."""
    from babel import Locale

    zones = Locale.parse(locale).time_zones
    return frozenset(z["city"] for z in zones.values() if z.get("city") and "," not in z["city"])


_PARTICLE_NAME = re.compile(r"[^\W\d_]{1,3}-[^\W\d_]")  # әл-Асад, әс-Сиси, ад-Дин


def _capitalised(word: str) -> bool:
    """A name's word: capitalised, or a lower-case particle joined to a capitalised part."""
    return word[:1].isupper() or bool(_PARTICLE_NAME.match(word) and word[word.index("-") + 1].isupper())


def _respan(text: str, m: Mention, start: int, end: int, **update) -> Mention:
    """``m`` moved to ``text[start:end]`` (its id follows the offsets)."""
    return m.model_copy(update={"start": start, "end": end, "text": text[start:end], "id": f"m{start}-{end}", **update})


def _words(s: str):
    return re.finditer(r"\S+", s)


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _resolve_overlaps(mentions) -> list[Mention]:
    """One mention per stretch of text: linked (gazetteer, groups) first, then longer spans."""
    ranked = sorted(mentions, key=lambda m: (m.entity_id is None, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ranked:
        if all(not _overlaps(m, k) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _contains_run(words: list[str], run: list[str]) -> bool:
    return any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))


def _merge_partial_persons(mentions: list[Mention], entities: dict[str, Entity]):
    """A person named by part of a longer name in the same document is that person."""
    persons = [e for e in entities.values() if e.type == "Person"]
    full = [e for e in persons if len(e.name.split()) > 1]
    redirect: dict[str, str] = {}
    for e in persons:
        # a word of the longer name (Песков), or a run of its words (Фон дер Ляйен)
        words = e.name.lower().split()
        owners = [f for f in full if len(f.name.split()) > len(words) and _contains_run(f.name.lower().split(), words)]
        if len(owners) == 1:
            redirect[e.id] = owners[0].id
    if not redirect:
        return mentions, entities
    out = dict(entities)
    for old in redirect:
        out.pop(old)
    mentions = [m.model_copy(update={"entity_id": redirect[m.entity_id]}) if m.entity_id in redirect else m
                for m in mentions]
    for new in set(redirect.values()):
        target = out[new]
        seen = [m.text for m in mentions if m.entity_id == new]
        alternates = [t for t in dict.fromkeys(target.alternate_names + seen) if t != target.name]
        out[new] = target.model_copy(update={"alternate_names": alternates})
    return mentions, out
