"""``ru_sentences.v1``: razdel sentences and tokens, slovnet morphology and
dependency syntax; the parse travels in the document's cache for the later stages."""
from __future__ import annotations

from typing import Optional

from ....layers import SENTENCES, TOKENS
from ....records import AnnotatedDocument, Sentence
from ....stage import StageSettings
from ..parse import RU_PARSE, parse
from .base import _RussianStage


class SentenceSettings(StageSettings):
    batch_size: int = 64  # sentences per model call
    blas_threads: Optional[int] = 1  # numpy BLAS threads for the models (None: numpy's default)


class RussianSentences(_RussianStage):
    requires = ()
    provides = (TOKENS, SENTENCES)
    Settings = SentenceSettings

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[AnnotatedDocument]) -> list[AnnotatedDocument]:
        results = parse([d.text for d in docs], self.orthography, self.settings.batch_size,
                        self.settings.blas_threads)
        out = []
        for doc, sents in zip(docs, results):
            new = doc.with_layers(sentences=[Sentence(start=s.start, end=s.end, kind=s.kind) for s in sents])
            new.cache()[RU_PARSE] = sents
            out.append(new)
        return out
