"""``ru_sentences.v1``: razdel sentences and tokens, slovnet morphology and
dependency syntax; the parse is the document's ``ru_parse`` layer for the later stages."""
from __future__ import annotations

from typing import Optional

from ....layers import DOCUMENT, RU_PARSE, SENTENCES, TOKENS
from ....records import AnnotatedDocument, Sentence, Token
from ....stage import StageSettings
from ..parse import RussianParse, parse
from .base import _RussianStage


class SentenceSettings(StageSettings):
    batch_size: int = 64  # sentences per model call
    blas_threads: Optional[int] = 1  # numpy BLAS threads for the models (None: numpy's default)


class RussianSentences(_RussianStage):
    requires = (DOCUMENT,)
    provides = (TOKENS, SENTENCES, RU_PARSE)
    Settings = SentenceSettings

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[AnnotatedDocument]) -> list[AnnotatedDocument]:
        results = parse([d.text for d in docs], self.orthography, self.settings.batch_size,
                        self.settings.blas_threads)
        out = []
        for doc, sents in zip(docs, results):
            out.append(doc.with_layers(
                tokens=[Token(start=t.start, end=t.stop, text=t.text) for s in sents for t in s.tokens],
                sentences=[Sentence(start=s.start, end=s.end, kind=s.kind) for s in sents],
                ru_parse=RussianParse(tuple(sents))))
        return out
