"""``ru_gazetteer.v1``: countries (CLDR ``ru`` names, aliases, demonyms), organisations
(tied to the Kazakh canonical names for one id) and quantified groups ("26 стран"), by
the lemmas of their words."""
from __future__ import annotations

from ....ids import entity_id
from ....layers import COUNTRY_MENTIONS, GROUP_MENTIONS, ORG_MENTIONS, RU_PARSE
from ....records import AnnotatedDocument, Entity, Mention
from ..parse import ParsedSentence
from .base import _RussianStage, parsed


class RussianGazetteer(_RussianStage):
    requires = (RU_PARSE,)
    provides = (COUNTRY_MENTIONS, ORG_MENTIONS, GROUP_MENTIONS)

    def __init__(self, settings, context):
        super().__init__(settings, context)
        groups = self.lang.data("groups.yaml")
        self.member_type = {n: t for t, ns in groups["member_nouns"].items() for n in ns}
        self.number_words = groups.get("number_words", {})

    def _groups(self, doc, sent: ParsedSentence, n: int) -> list[tuple[Mention, Entity]]:
        out = []
        for tok in sent.tokens:
            count = int(tok.text) if tok.text.isdigit() else self.number_words.get(tok.lemma)
            if count is None or tok.i + 1 >= len(sent.tokens):
                continue
            noun = sent.tokens[tok.i + 1]
            member = self.member_type.get(noun.lemma)
            if member is None:
                continue
            n += 1
            gid = f"group:{doc.document.id}-{n}"
            a, b = tok.start, noun.stop
            out.append((Mention(id=f"{doc.document.id}-g{a}", start=a, end=b, text=doc.text[a:b], label="GROUP",
                                entity_id=gid, source=self.factory),
                        Entity(id=gid, type="Group", name=f"{count} {noun.lemma}", count=count, member_type=member)))
        return out

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        countries, orgs = self.lang.lemma_countries, self.lang.lemma_organisations
        found = list(doc.mentions)
        entities = list(doc.entities)
        groups = 0
        for sent in parsed(doc):
            for m, e in self._groups(doc, sent, groups):
                groups += 1
                found.append(m)
                entities.append(e)
            org_hits = orgs.find(sent.tokens)
            taken = {k for h in org_hits for k in range(h.first, h.last + 1)}
            for h in countries.find(sent.tokens):
                if any(k in taken for k in range(h.first, h.last + 1)):
                    continue
                a, b = sent.tokens[h.first].start, sent.tokens[h.last].stop
                found.append(Mention(id=f"{doc.document.id}-c{a}", start=a, end=b, text=doc.text[a:b], label=h.label,
                                     entity_id=f"country:{h.key}", lemma=countries.canonical(h.key),
                                     source=self.factory))
            for h in org_hits:
                a, b = sent.tokens[h.first].start, sent.tokens[h.last].stop
                found.append(Mention(id=f"{doc.document.id}-o{a}", start=a, end=b, text=doc.text[a:b], label="ORG",
                                     entity_id=entity_id("Organization", orgs.same_as[h.key]), lemma=h.key,
                                     source=self.factory))
        return doc.with_layers(mentions=sorted(found, key=lambda m: m.start), entities=entities)
