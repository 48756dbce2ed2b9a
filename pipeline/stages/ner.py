"""EntityRecognizer: persons, organisations, places (and more) from a trained
NER model. Backends: ``spacy`` (the model shipped in ``models/kk_ner``, trained by
``claimgraph train-ner``) or ``stanza`` (Kazakh models a user has on disk; never
downloads)."""
from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from ..records import AnnotatedDocument, Mention
from ..stage import Stage, StageSettings

# KazNERD labels -> the labels the linker understands. Others keep their name.
DEFAULT_LABELS = {
    "PERSON": "PERSON",
    "GPE": "GPE",
    "LOCATION": "LOC",
    "ORGANISATION": "ORG",
    "NORP": "NORP",
    "FACILITY": "FAC",
    "EVENT": "EVENT",
    "POSITION": "POSITION",
    # stanza's Kazakh NER is trained on KazNERD too; OntoNotes-style names map here
    "ORG": "ORG",
    "LOC": "LOC",
    "PER": "PERSON",
}


class Settings(StageSettings):
    backend: Literal["spacy", "stanza"] = "spacy"
    model_dir: Path
    labels: dict[str, str] = DEFAULT_LABELS  # model label -> mention label; others are dropped
    use_gpu: bool = False


class EntityRecognizer(Stage):
    requires = ("tokens", "sentences")
    provides = ("ner_mentions",)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        self.model_dir = context.resolve(settings.model_dir)
        if not self.model_dir.exists():
            raise ValueError(f"model_dir: {self.model_dir} does not exist")
        if settings.backend == "spacy":
            self.backend = SpacyBackend(self.model_dir)
        else:
            from ..stanza_backend import StanzaBackend

            self.backend = StanzaBackend(self.model_dir, use_gpu=settings.use_gpu)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        return self._annotate(doc, self.backend.entities(doc))

    def pipe(self, docs: list[AnnotatedDocument]) -> list[AnnotatedDocument]:
        batch = getattr(self.backend, "entities_batch", None)
        if batch is None:
            return [self(d) for d in docs]
        return [self._annotate(d, found) for d, found in zip(docs, batch(docs))]

    def _annotate(self, doc: AnnotatedDocument, found) -> AnnotatedDocument:
        mentions = list(doc.mentions)
        for start, end, label in found:
            mapped = self.settings.labels.get(label)
            if not mapped:
                continue
            mentions.append(Mention(id=f"m{start}-{end}", start=start, end=end, text=doc.text[start:end],
                                    label=mapped, source=self.factory))
        return doc.with_layers(mentions=mentions)

    def describe(self) -> dict:
        return self.backend.describe()


class SpacyBackend:
    def __init__(self, model_dir: Path):
        import spacy

        from .. import ner_features  # noqa: F401  (registers the model's feature components)
        from ..lang.kk import shared_nlp

        # Share the splitter's vocab, so the model runs on the Doc already tokenised.
        self.nlp = spacy.load(model_dir, vocab=shared_nlp().vocab)
        self.model_dir = model_dir

    def _spacy_doc(self, doc: AnnotatedDocument):
        from spacy.tokens import Doc

        tokens = doc.cache().get("spacy_doc")
        if tokens is None:
            return self.nlp.make_doc(doc.text)
        # a copy of the splitter's tokens: its Doc stays untouched
        return Doc(self.nlp.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])

    def entities(self, doc: AnnotatedDocument) -> list[tuple[int, int, str]]:
        return self.entities_batch([doc])[0]

    def entities_batch(self, docs: list[AnnotatedDocument]) -> list[list[tuple[int, int, str]]]:
        out = [self._spacy_doc(d) for d in docs]
        for _, proc in self.nlp.pipeline:
            out = list(proc.pipe(out, batch_size=len(out) or 1))
        return [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in out]

    def describe(self) -> dict:
        meta = self.nlp.meta
        return {"model": f"{meta.get('lang')}_{meta.get('name')}", "model_version": meta.get("version"),
                "model_dir": str(self.model_dir)}
