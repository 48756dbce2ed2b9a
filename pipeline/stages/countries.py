"""CountryGazetteer: country mentions with ISO 3166-1 codes, through every
inflection (Украинаға, АҚШ-тың), abbreviation (ҚХР) and demonym (америкалық); a
hyphenated pair (қазақ-түрік) gives one mention per half."""
from __future__ import annotations

from typing import Optional

from ..layers import COUNTRY_MENTIONS, TOKENS
from ..records import AnnotatedDocument, Mention
from ..stage import Stage, StageSettings


class Settings(StageSettings):
    locale: Optional[str] = None  # CLDR locale of the territory names (default: the language)
    demonyms: bool = True  # also tag demonyms / adjectives (NORP) with their country


def country_id(code: str) -> str:
    return f"country:{code}"


class CountryGazetteer(Stage):
    requires = (TOKENS,)
    provides = (COUNTRY_MENTIONS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        lang = context.language_pack
        if settings.locale in (None, lang.code):
            self.index = lang.countries
        else:
            self.index = type(lang.countries)(settings.locale)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        tokens = doc.tokens  # line breaks too: no name is read across one
        matches = self.index.find([t.text for t in tokens])
        mentions = list(doc.mentions)
        for m in matches:
            if m.label == "NORP" and not self.settings.demonyms:
                continue
            start, end = tokens[m.first].start, tokens[m.last].end
            part = getattr(m, "part", None)  # a half of a hyphenated pair, inside one token
            if part is not None:
                start, end = tokens[m.first].start + part[0], tokens[m.first].start + part[1]
            mentions.append(
                Mention(
                    id=f"m{start}-{end}",
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    label=m.label,
                    entity_id=country_id(m.code),
                    lemma=self.index.canonical(m.code) if m.label == "COUNTRY" else None,
                    case=m.analysis.case,
                    source=self.factory,
                )
            )
        return doc.with_layers(mentions=mentions)

    def describe(self) -> dict:
        import babel

        return {"cldr": f"babel {babel.__version__}", "countries": len(self.index.names)}
