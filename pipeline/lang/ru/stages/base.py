"""What the Russian stages share: the Russian language pack (a config of another
language is refused at load), the check that the ru extra is installed, and the
document's parse (its ``ru_parse`` layer, from ``ru_sentences.v1``)."""
from __future__ import annotations

from ....records import AnnotatedDocument
from ....stage import Stage
from .. import RussianLanguage, models
from ..parse import ParsedSentence


def parsed(doc: AnnotatedDocument) -> tuple[ParsedSentence, ...]:
    """The document's parsed sentences (its ``ru_parse`` layer)."""
    if doc.ru_parse is None:
        raise ValueError("the document has no ru_parse layer (ru_sentences.v1 makes it)")
    return doc.ru_parse.sentences


class _RussianStage(Stage):
    def __init__(self, settings, context):
        super().__init__(settings, context)
        lang = context.language_pack
        if not isinstance(lang, RussianLanguage):
            raise lang.missing("Russian parse (the ru_* stages read Russian: language: ru)")
        models.require()
        self.lang = lang
        self.orthography = self.lang.orthography

    def describe(self) -> dict:
        return {"models": models.versions()}
