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
        found = self.backend.entities(doc)
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

        from ..lang.kk import shared_nlp

        # Share the splitter's vocab, so the model runs on the Doc already tokenised.
        self.nlp = spacy.load(model_dir, vocab=shared_nlp().vocab)
        self.model_dir = model_dir

    def entities(self, doc: AnnotatedDocument) -> list[tuple[int, int, str]]:
        from spacy.tokens import Doc

        tokens = doc.cache().get("spacy_doc")
        if tokens is None:
            spacy_doc = self.nlp.make_doc(doc.text)
        else:  # a copy of the splitter's tokens: its Doc stays untouched
            spacy_doc = Doc(self.nlp.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
        for _, proc in self.nlp.pipeline:
            spacy_doc = proc(spacy_doc)
        return [(e.start_char, e.end_char, e.label_) for e in spacy_doc.ents]

    def describe(self) -> dict:
        meta = self.nlp.meta
        return {"model": f"{meta.get('lang')}_{meta.get('name')}", "model_version": meta.get("version"),
                "model_dir": str(self.model_dir)}
