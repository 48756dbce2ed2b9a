"""``ru_linker.v1``: mentions -> entities with the same ids as the Kazakh path
(``country:KZ``, ``person:dmitrii-peskov``): names in the nominative, a surname alone
linked to the full name of the document, an organisation closed by a country's genitive."""
from __future__ import annotations

from bisect import bisect_left

from ....ids import entity_id
from ....layers import COUNTRY_MENTIONS, ENTITIES, GROUP_MENTIONS, LINKED_MENTIONS, NER_MENTIONS, ORG_MENTIONS, RU_PARSE
from ....records import AnnotatedDocument, Entity, Mention
from ....spans import Coverage
from ....stage import StageSettings
from .. import models
from ..parse import Token
from .base import _RussianStage, parsed


ENTITY_TYPE = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place"}


class LinkerSettings(StageSettings):
    link_partial_names: bool = True  # Песков -> Дмитрий Песков when seen in the same document


class RussianLinker(_RussianStage):
    requires = (RU_PARSE, COUNTRY_MENTIONS, NER_MENTIONS)
    optional = (ORG_MENTIONS, GROUP_MENTIONS)
    provides = (ENTITIES, LINKED_MENTIONS)
    Settings = LinkerSettings

    def __init__(self, settings, context):
        super().__init__(settings, context)
        self.places = dict((self.lang.data("places.yaml") or {}).get("same_as") or {})

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        sents = parsed(doc)
        tokens = [t for s in sents for t in s.tokens]
        gazetteer = [m for m in doc.mentions if m.entity_id]
        raw = [m for m in doc.mentions if not m.entity_id]
        # "Министерство иностранных дел Китая": a country in the genitive closes an
        # organisation's name (one organisation, not the ministry and a country)
        by_start = {t.start: t for t in tokens}
        countries: dict[int, list[tuple[int, Mention]]] = {}  # start -> (position, country), by offset
        for n, g in enumerate(gazetteer):
            if g.label == "COUNTRY":
                countries.setdefault(g.start, []).append((n, g))
        absorbed = set()
        for k, m in enumerate(raw):
            if m.label != "ORG":
                continue
            gap = m.end  # the first country after only whitespace
            while gap < len(doc.text) and doc.text[gap].isspace():
                gap += 1
            nxt = min((c for a in range(m.end + 1, gap + 1) for c in countries.get(a, ())),
                      key=lambda c: c[0], default=(None, None))[1]
            tok = by_start.get(nxt.start) if nxt else None
            if tok is not None and tok.case == "Gen" and tok.rel.startswith("nmod"):
                raw[k] = m.model_copy(update={"end": nxt.end, "text": doc.text[m.start:nxt.end]})
                absorbed.add(nxt.id)
        gazetteer = [g for g in gazetteer if g.id not in absorbed]
        linked_spans = Coverage((g.start, g.end) for g in gazetteer)
        model = [m for m in raw if not linked_spans.touches(m.start, m.end)]
        token_starts = [t.start for t in tokens]  # in text order
        not_names = {w.lower() for w in self.orthography.get("not_names", ())}
        named: list[tuple[Mention, str]] = []
        for m in model:
            toks = [t for t in tokens[bisect_left(token_starts, m.start):bisect_left(token_starts, m.end)]
                    if t.stop <= m.end]
            while toks and toks[0].text.lower() in not_names:
                toks = toks[1:]
            if not toks:
                continue
            if toks[0].start != m.start:
                m = m.model_copy(update={"start": toks[0].start, "text": doc.text[toks[0].start:m.end]})
            if m.label == "PERSON":
                name = self.lang.name_normaliser.name(toks)
            else:
                name = _normal_phrase(toks)
            named.append((m, name))
        # one word of a name alone is the full name seen in the same document
        # (Песков -> Дмитрий Песков, Ким -> Ким Чен Ын); the surname first
        full: dict[str, str] = {}
        for m, name in named:
            if m.label == "PERSON" and " " in name:
                full.setdefault(name.split()[-1], name)
        for m, name in named:
            if m.label == "PERSON" and " " in name:
                for word in name.split()[:-1]:
                    full.setdefault(word, name)
        if self.settings.link_partial_names and full:
            # a surname the model missed (often sentence-initial: "Каримов и ..."), known
            # from a full name in the same document
            covered = Coverage([(m.start, m.end) for m in gazetteer] + [(m.start, m.end) for m, _ in named])
            for t in tokens:
                if t.pos != "PROPN" or covered.touches(t.start, t.start + 1):
                    continue
                word = self.lang.name_normaliser.word(t.text, t.case, t.feats.get("Gender"))
                if word in full:
                    named.append((Mention(id=f"{doc.document.id}-p{t.start}", start=t.start, end=t.stop,
                                          text=t.text, label="PERSON", source=self.factory, origin="repair"), word))
        entities: dict[str, Entity] = {e.id: e for e in doc.entities}
        linked: list[Mention] = []
        for m in gazetteer:
            code = m.entity_id.split(":", 1)[1]
            if m.entity_id in entities and entities[m.entity_id].type == "Group":
                linked.append(m)
                continue
            if m.entity_id.startswith("country:"):
                country = self.lang.lemma_countries.canonical(code)
                ent = entities.get(m.entity_id) or Entity(id=m.entity_id, type="Country", name=country, identifier=code)
            else:
                ent = entities.get(m.entity_id) or Entity(id=m.entity_id, type="Organization", name=m.lemma or m.text)
            entities[m.entity_id] = _with_form(ent, m.text)
            linked.append(m)
        for m, name in named:
            typ = ENTITY_TYPE.get(m.label, "Place")
            if typ == "Person" and self.settings.link_partial_names and " " not in name and name in full:
                name = full[name]
            # a place's id from its Kazakh name where the two differ (Москва -> Мәскеу)
            eid = entity_id(typ, self.places.get(name, name) if typ == "Place" else name)
            ent = entities.get(eid) or Entity(id=eid, type=typ, name=name)
            entities[eid] = _with_form(ent, m.text)
            linked.append(m.model_copy(update={"entity_id": eid, "lemma": name}))
        linked.sort(key=lambda m: m.start)
        return doc.with_layers(mentions=linked, entities=list(entities.values()))


def _with_form(ent: Entity, form: str) -> Entity:
    if form != ent.name and form not in ent.alternate_names:
        return ent.model_copy(update={"alternate_names": ent.alternate_names + [form]})
    return ent


def _normal_phrase(toks: list[Token]) -> str:
    """An organisation or place name in the nominative: its head word (the one
    whose head lies outside the span) and the adjectives agreeing with it are
    inflected, the rest kept (Министерства иностранных дел -> Министерство ...)."""
    from natasha.norm import syntax_normalize

    *_, vocab = models.natasha_models()
    base = toks[0].i
    local = [_Local(t, base, {x.i for x in toks}) for t in toks]
    try:
        return syntax_normalize(vocab, local)
    except Exception:  # noqa: BLE001 - a form the vocabulary cannot inflect: keep it as written
        return " ".join(t.text for t in toks)


class _Local:
    """A token seen inside a span (natasha's normaliser wants span-local ids)."""

    def __init__(self, tok: Token, base: int, inside: set[int]):
        self.text, self.pos, self.feats = tok.text, tok.pos, tok.feats
        self.start, self.stop = tok.start, tok.stop
        self.id = str(tok.i - base)
        self.head_id = str(tok.head - base) if tok.head in inside else "-"
