"""``ru_ner.v1``: natasha's news NER (slovnet; PER, LOC, ORG), every sentence of a
batch through the model at once."""
from __future__ import annotations

from typing import Optional

from ....layers import NER_MENTIONS, SENTENCES
from ....records import AnnotatedDocument, Mention
from ....stage import StageSettings
from .. import models
from .base import _RussianStage

NER_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}


class NERSettings(StageSettings):
    blas_threads: Optional[int] = 1  # numpy BLAS threads for the model (None: numpy's default)


class RussianNER(_RussianStage):
    """natasha's NER model (slovnet, news), run over each sentence."""

    requires = (SENTENCES,)
    provides = (NER_MENTIONS,)
    Settings = NERSettings

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[AnnotatedDocument]) -> list[AnnotatedDocument]:
        """Every sentence of the batch through the model at once, shortest first."""
        *_, tagger, _ = models.natasha_models()
        items = sorted(((k, s) for k, d in enumerate(docs) for s in d.sentences),
                       key=lambda x: x[1].end - x[1].start)
        found: list[list[Mention]] = [list(d.mentions) for d in docs]
        chunks = [docs[k].text[s.start:s.end] for k, s in items]
        with models.blas_threads(self.settings.blas_threads):
            markups = list(tagger.map(chunks))
        for (k, sent), markup in zip(items, markups):
            doc = docs[k]
            for span in markup.spans:
                a, b = sent.start + span.start, sent.start + span.stop
                found[k].append(Mention(id=f"{doc.document.id}-n{a}", start=a, end=b, text=doc.text[a:b],
                                        label=NER_LABELS.get(span.type, span.type), source=self.factory))
        return [d.with_layers(mentions=sorted(f, key=lambda m: m.start)) for d, f in zip(docs, found)]

    def describe(self) -> dict:
        return {"model": "slovnet_ner_news_v1 (natasha)", "models": models.versions()}
