"""What the Russian stages share: the parse of a document (from the cache, parsed
again if a stage runs alone) and the check that the ru extra is installed."""
from __future__ import annotations

from ....records import AnnotatedDocument
from ....stage import Stage
from .. import models
from ..parse import RU_PARSE, ParsedSentence, parse


def parsed(doc: AnnotatedDocument, orthography: dict) -> list[ParsedSentence]:
    """The document's parse (from the cache; parsed again if a stage runs alone)."""
    cache = doc.cache()
    if RU_PARSE not in cache:
        cache[RU_PARSE] = parse([doc.text], orthography)[0]
    return cache[RU_PARSE]


class _RussianStage(Stage):
    def __init__(self, settings, context):
        super().__init__(settings, context)
        models.require()
        self.lang = context.language_pack
        self.orthography = self.lang.orthography

    def describe(self) -> dict:
        return {"models": models.versions()}
