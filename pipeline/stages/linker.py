"""EntityLinker: mentions -> canonical entities.

- Countries come linked from the gazetteer (ISO codes); it wins over the NER model
  where they overlap, and model spans that are countries or demonyms map to them.
- Model spans are repaired first (``pipeline/linking/repair.py``: titles, cities,
  second names and particles cut off or joined on).
- Persons, organisations and places are normalised to the nominative
  (the language's name normaliser: Песковтың -> Песков) with the
  document's own words as evidence, and a partial name is linked to the full name
  it belongs to in the same document (``pipeline/linking/persons.py``).
- Ids come from canonical names, so they are the same in every document.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, deque
from pathlib import Path
from typing import Optional

from ..ids import entity_id
from ..layers import COUNTRY_MENTIONS, ENTITIES, GROUP_MENTIONS, LINKED_MENTIONS, NER_MENTIONS, ORG_MENTIONS
from ..lexicon import load_lexicon
from ..linking.persons import PersonCoreference, merge_partial_persons
from ..linking.repair import MentionRepair
from ..linking.text import resolve_overlaps
from ..records import AnnotatedDocument, Entity, Mention
from ..resources import CONFIGS_DIR, read_yaml
from ..stage import Stage, StageSettings

# NER label -> entity type
ENTITY_TYPE = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
               "EVENT": "Event"}
PERSON_UNLIKELY_CASES = frozenset({"loc"})  # "Рютте" is Рютте, not Рют + -те


class Settings(StageSettings):
    link_partial_names: bool = True  # Песков -> Дмитрий Песков when seen in the same document
    lexicon: Optional[Path] = None  # for the role titles a person span must not start with (default: the language's)
    # organisation head nouns (Ресей елшілігі, Түркия Ұлттық банкі: the country names an organisation)
    organisations: Path = CONFIGS_DIR / "organisations_kk.yaml"


# a date expression is found relative to some publication date; only its span matters here
_ANY_DAY = dt.date(2000, 1, 1)
_DATE_TAIL = 16  # characters after a name where the rest of a date expression may stand ("күні")


class EntityLinker(Stage):
    requires = (COUNTRY_MENTIONS,)
    # every mention it is given is linked (a Group keeps the entity its stage made); a
    # config without the NER model links countries (and organisations, groups) only
    optional = (ORG_MENTIONS, NER_MENTIONS, GROUP_MENTIONS)
    provides = (ENTITIES, LINKED_MENTIONS)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        lang = context.language_pack
        self.countries = lang.countries
        self.normaliser = lang.normaliser
        self.country_names = frozenset(self.countries.names.values())
        lexicon = load_lexicon(context.lexicon(settings.lexicon))
        organisations = read_yaml(context.resolve(settings.organisations))
        if not isinstance(organisations, dict):
            raise ValueError(f"organisations: {settings.organisations}: expected a mapping")
        self.repair = MentionRepair(lang, lexicon.roles.title_heads, lexicon.speech, organisations)
        self.persons = PersonCoreference(lang.normaliser)
        try:
            self.dates = lang.dates
        except ValueError:  # a language without a date reader: no date is taken for a name
            self.dates = None

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        mentions = self._vote_labels(resolve_overlaps(self.repair(doc.text, list(doc.mentions))))
        mentions = [m for m in mentions if not self._inside_a_date(doc.text, m)]
        words = frozenset(w.strip("«»\"'.,:;!?()") for w in doc.text.split())
        entities: dict[str, Entity] = {e.id: e for e in doc.entities}
        linked: list[Mention] = []
        persons: list[tuple[str, str]] = []  # (canonical name, id) in order of appearance
        listed: set[tuple[str, str]] = set()  # the same, to look up
        known = set(self.country_names)  # the persons' names and the countries' (grows with persons)
        queue = deque(mentions)
        while queue:
            m = queue.popleft()
            pieces = self.persons.split_known_persons(doc.text, m, persons, words)
            if len(pieces) > 1:
                queue.extendleft(reversed(pieces))
                continue
            m = self._link(m, words, known)
            if m is None:
                continue
            linked.append(m)
            ent = entities.get(m.entity_id) or self._new_entity(m)
            if m.text != ent.name and m.text not in ent.alternate_names and ent.type != "Group":
                ent = ent.model_copy(update={"alternate_names": ent.alternate_names + [m.text]})
            entities[m.entity_id] = ent
            if ent.affiliation and ent.affiliation not in entities:  # the country an organisation is named after
                entities[ent.affiliation] = self._country_entity(ent.affiliation.split(":", 1)[1])
            if ent.type == "Person" and (ent.name, ent.id) not in listed:
                persons.append((ent.name, ent.id))
                listed.add((ent.name, ent.id))
                known.add(ent.name)
        if self.settings.link_partial_names:
            linked, entities = self.persons.consistency(doc.text, linked, entities, words)
            linked, entities = merge_partial_persons(linked, entities)
        return doc.with_layers(mentions=linked, entities=list(entities.values()))

    def _inside_a_date(self, text: str, m: Mention) -> bool:
        """A person "named" by a date's words ("Бейсенбі күні": on Thursday; Бейсенбі is also a
        given name) is the date, not a person: the date reader's expression holds the whole span."""
        if self.dates is None or m.label != "PERSON":
            return False
        found = self.dates.find(text, _ANY_DAY, m.start, min(len(text), m.end + _DATE_TAIL))
        return any(d.start <= m.start and m.end <= d.end for d in found)

    def _vote_labels(self, mentions: list[Mention]) -> list[Mention]:
        """One name, one type per document: a split piece or a lone reading takes
        the label the same name has elsewhere in the document (by majority)."""
        votes: dict[str, Counter] = {}
        lemmas = {}
        for m in mentions:
            if m.entity_id or m.label not in ENTITY_TYPE:
                continue
            lemma = self.normaliser.lemma(m.text).name
            lemmas[m.id] = lemma
            weight = 0.5 if m.origin == "split" else 1.0
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

    def _link(self, m: Mention, words: frozenset[str], known: set[str]) -> Mention | None:
        """``known``: the names of the persons linked so far and of the countries."""
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
        lemma = self.normaliser.lemma(m.text, known=known, document_words=words,
                                      unlikely_cases=PERSON_UNLIKELY_CASES if m.label == "PERSON" else frozenset())
        return m.model_copy(update={"entity_id": entity_id(typ, lemma.name), "lemma": lemma.name, "case": lemma.case})

    def _new_entity(self, m: Mention) -> Entity:
        if m.entity_id.startswith("country:"):
            return self._country_entity(m.entity_id.split(":", 1)[1])
        name = m.lemma or m.text
        typ = ENTITY_TYPE[m.label]
        return Entity(id=m.entity_id, type=typ, name=name,
                      affiliation=self._named_after_country(name) if typ == "Organization" else None)

    def _country_entity(self, code: str) -> Entity:
        return Entity(id=f"country:{code}", type="Country", name=self.countries.canonical(code), identifier=code)

    def _named_after_country(self, name: str) -> str | None:
        """The country an organisation's name opens with, where the name ends in an organisation
        head (Ресей Сыртқы істер министрлігі, Түркия Ұлттық банкі: RU, TR); none for two
        (Қазақ-түрік университеті), none for a company's own name («Қазақстан темір жолы»)."""
        words = re.findall(r"[^\W\d_]+", name)
        if not words or self.repair.country_orgs.head(words[-1]) is None:
            return None
        found = self.countries.find(words)
        if not found or found[0].first != 0:
            return None
        opening = {f.code for f in found if f.first <= found[0].last + 1}  # and the one joined to it
        return f"country:{opening.pop()}" if len(opening) == 1 else None
