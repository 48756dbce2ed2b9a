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

    def sentence_date(self, doc: AnnotatedDocument, sent: ParsedSentence, skip: tuple[int, int] = (0, 0),
                      prefer: tuple[int, int] | None = None) -> str | None:
        """The first date the sentence gives outside ``skip`` (what a speaker said: when it was
        said), the first inside ``prefer`` if any (what was said: when it happens), as ISO 8601
        at its precision (the claim reads the precision off it)."""
        found = [d for d in self.lang.dates.find(doc.text, doc.document.date, sent.start, sent.end)
                 if not skip[0] <= d.start < skip[1]]
        inside = [d for d in found if prefer and prefer[0] <= d.start < prefer[1]]
        return (inside or found)[0].value if found else None

    def describe(self) -> dict:
        return {"models": models.versions()}
