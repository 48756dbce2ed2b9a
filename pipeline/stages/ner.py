"""EntityRecognizer: persons, organisations, places (and more) from a trained
NER model. Backends: ``spacy`` (the model shipped in ``models/kk_ner``, trained by
``claimgraph train-ner``) or ``stanza`` (Kazakh models a user has on disk; never
downloads)."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from ..layers import NER_MENTIONS, SENTENCES, TOKENS
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
    piece_chars: int = 100_000  # a longer document goes through the spaCy model in pieces of whole sentences


class EntityRecognizer(Stage):
    requires = (TOKENS, SENTENCES)
    provides = (NER_MENTIONS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        self.model_dir = context.resolve(settings.model_dir)
        if not self.model_dir.exists():
            raise ValueError(f"model_dir: {self.model_dir} does not exist")
        if settings.backend == "spacy":
            self.backend = SpacyBackend(self.model_dir, piece_chars=settings.piece_chars)
        else:
            from ..stanza_backend import StanzaBackend

            self.backend = StanzaBackend(self.model_dir, context.language_pack, use_gpu=settings.use_gpu)

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
    def __init__(self, model_dir: Path, piece_chars: int = 100_000):
        import spacy

        self.nlp = spacy.load(model_dir)
        self.model_dir = model_dir
        self.piece_chars = piece_chars

    def _pieces(self, doc: AnnotatedDocument) -> list[tuple[object, int]]:
        """(spaCy Doc, char offset) pieces for the model: the whole document, or for a
        long one runs of whole sentences of at most ``piece_chars`` (a longer sentence
        is a piece of its own), made of the document's tokens."""
        from bisect import bisect_right

        from spacy.tokens import Doc

        text, tokens = doc.text, doc.tokens
        cuts = [0]
        if len(doc.text) > self.piece_chars:
            for sent in doc.sentences:
                if sent.start > cuts[-1] and sent.end - cuts[-1] > self.piece_chars:
                    cuts.append(sent.start)
        groups: list[list] = [[] for _ in cuts]
        for t in tokens:
            groups[bisect_right(cuts, t.start) - 1].append(t)
        # spaCy keeps one space after a token as its whitespace (more is a token of its own)
        return [(Doc(self.nlp.vocab, words=[t.text for t in g], spaces=[text[t.end:t.end + 1] == " " for t in g]),
                 g[0].start) for g in groups if g]

    def entities(self, doc: AnnotatedDocument) -> list[tuple[int, int, str]]:
        return self.entities_batch([doc])[0]

    def entities_batch(self, docs: list[AnnotatedDocument]) -> list[list[tuple[int, int, str]]]:
        pieces = [(i, piece, offset) for i, d in enumerate(docs) for piece, offset in self._pieces(d)]
        found: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        # the model's memory grows with the text it reads at once (~4 KB a character): batches of
        # at most piece_chars characters, so a long document's pieces go one after another
        for batch in _batches(pieces, self.piece_chars):
            out = [p for _, p, _ in batch]
            for _, proc in self.nlp.pipeline:
                out = list(proc.pipe(out, batch_size=len(out)))
            for (i, _, offset), d in zip(batch, out):
                found[i].extend((e.start_char + offset, e.end_char + offset, e.label_) for e in d.ents)
        return found

    def describe(self) -> dict:
        meta = self.nlp.meta
        return {"model": f"{meta.get('lang')}_{meta.get('name')}", "model_version": meta.get("version"),
                "model_dir": str(self.model_dir)}


def _batches(pieces: list, limit: int):
    """Consecutive (doc index, spaCy Doc, offset) pieces of at most ``limit`` characters in all
    (one piece at least)."""
    batch, size = [], 0
    for item in pieces:
        n = len(item[1].text)
        if batch and size + n > limit:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += n
    if batch:
        yield batch
