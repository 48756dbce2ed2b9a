"""OrganisationGazetteer: organisations and institutions from a YAML list
(``configs/organisations_kk.yaml``), found through every inflection of a name's
last word (БҰҰ-ның, Біріккен Ұлттар Ұйымына, Кремльдің) and linked to one id per
organisation whichever name or abbreviation the text uses."""
from __future__ import annotations

from pathlib import Path

from ..ids import entity_id
from ..names import NameIndex
from ..layers import COUNTRY_MENTIONS, ORG_MENTIONS, TOKENS
from ..records import AnnotatedDocument, Mention
from ..resources import CONFIGS_DIR, read_yaml
from ..spans import SpanIndex
from ..stage import Stage, StageSettings


class Settings(StageSettings):
    lexicon: Path = CONFIGS_DIR / "organisations_kk.yaml"


class OrganisationGazetteer(Stage):
    requires = (TOKENS,)
    optional = (COUNTRY_MENTIONS,)  # a country reading of the same words stands
    provides = (ORG_MENTIONS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        path = context.resolve(settings.lexicon)
        data = read_yaml(path)
        entries = data.get("organisations") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            raise ValueError(f"lexicon: {path}: expected a mapping 'organisations: {{name: [aliases]}}'")
        names = []
        for canonical, aliases in entries.items():
            if aliases is not None and not isinstance(aliases, list):
                raise ValueError(f"lexicon: {path}: organisations.{canonical}: expected a list of names")
            names += [(canonical, name) for name in [canonical, *(aliases or [])]]
        self.index = NameIndex(names, context.language_pack.analyser)
        self.count = len(entries)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        tokens = doc.tokens
        mentions = list(doc.mentions)
        # the country mentions, by offset: each match asks in log time
        taken = SpanIndex(m for m in mentions if m.entity_id and m.entity_id.startswith("country:"))
        for match in self.index.find([t.text for t in tokens]):
            start, end = tokens[match.first].start, tokens[match.last].end
            if any(c.start < start or c.end > end or (c.start, c.end) == (start, end)
                   for c in taken.overlapping(start, end)):
                continue  # a country reading of the same words stands; a longer name holding a
                # country (Моңғолия даму банкі) is the organisation, the linker keeps the longer span
            mentions.append(Mention(
                id=f"m{start}-{end}", start=start, end=end, text=doc.text[start:end], label="ORG",
                entity_id=entity_id("Organization", match.key), lemma=match.key, case=match.analysis.case,
                source=self.factory,
            ))
        return doc.with_layers(mentions=mentions)

    def describe(self) -> dict:
        return {"organisations": self.count}
