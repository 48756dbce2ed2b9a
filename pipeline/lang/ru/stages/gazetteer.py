"""``ru_gazetteer.v1``: countries (CLDR ``ru`` names, aliases, demonyms), organisations
(tied to the Kazakh canonical names for one id) and quantified groups ("26 стран"), by
the lemmas of their words."""
from __future__ import annotations

from ....ids import entity_id
from ....layers import COUNTRY_MENTIONS, GROUP_MENTIONS, ORG_MENTIONS, RU_PARSE
from ....records import AnnotatedDocument, Entity, Mention
from ..numbers import GroupWords, NumberReader
from ..parse import ParsedSentence, Token
from .base import _RussianStage, parsed


class RussianGazetteer(_RussianStage):
    requires = (RU_PARSE,)
    provides = (COUNTRY_MENTIONS, ORG_MENTIONS, GROUP_MENTIONS)

    def __init__(self, settings, context):
        super().__init__(settings, context)
        words = GroupWords(**self.lang.data("groups.yaml"))
        self.member_type = {n: t for t, ns in words.member_nouns.items() for n in ns}
        self.numbers = NumberReader(words)
        self.max_adjectives = words.max_adjectives
        self.approximators = set(words.approximators)

    def _member_noun(self, sent: ParsedSentence, j: int) -> Token | None:
        """The member noun at token j, or after at most max_adjectives adjectives (26 европейских стран)."""
        for k in range(j, min(j + self.max_adjectives + 1, len(sent.tokens))):
            tok = sent.tokens[k]
            if tok.lemma in self.member_type:
                return tok
            if tok.pos != "ADJ":
                return None
        return None

    def _groups(self, doc, sent: ParsedSentence, n: int) -> list[tuple[Mention, Entity]]:
        """One group per number and member noun: двадцать шесть стран is 26 countries."""
        out = []
        i = 0
        while i < len(sent.tokens):
            number = self.numbers.read(sent.tokens, i)
            if number is None:
                i += 1
                continue
            # "более двадцати стран": the approximator is in the mention (the parser may
            # take it for the subject)
            first = sent.tokens[i - 1 if i and sent.tokens[i - 1].lemma in self.approximators else i]
            count, i = number
            noun = self._member_noun(sent, i)
            if noun is None:
                continue
            member = self.member_type[noun.lemma]
            n += 1
            gid = f"group:{doc.document.id}-{n}"
            a, b = first.start, noun.stop
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
