"""The Pipeline: a chain of stages loaded from a config."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Iterable, Iterator

from .config import ConfigError, build_stages, dump_resolved, load_config
from .lang import DEFAULT_LANGUAGE
from .records import AnnotatedDocument, Document
from . import stage_events
from .stage import Stage


def _stage_name(stage: Stage) -> str:
    return stage.factory or type(stage).__name__


class StageError(Exception):
    """A stage failed on a document: ``stage`` is its factory name, ``__cause__``
    the original exception."""

    def __init__(self, stage: str, cause: BaseException):
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.stage = stage
        self.cause = cause


class DocumentError(Exception):
    """A document could not be processed; the run records it and goes on."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class Pipeline:
    """Stages in config order. ``process`` runs one text, ``__call__`` one Document."""

    def __init__(self, stages: list[Stage], config: dict, config_path: Path | None = None):
        self.stages = stages
        self.config = config
        self.config_path = config_path
        self.language = config.get("language") or DEFAULT_LANGUAGE  # of documents that come without one

    @classmethod
    def from_config(cls, source: str | Path | dict | None = None) -> "Pipeline":
        """The config's own stage list. A config that routes other languages to their own
        configs (``languages:``) is loaded by :func:`pipeline.load`, which routes."""
        cfg, path, _ = load_config(source)
        if cfg.languages:
            raise ConfigError(f"{path or '<config>'} routes languages (languages: ...): load it with pipeline.load()")
        return cls.from_loaded(cfg, path)

    @classmethod
    def from_loaded(cls, cfg, path: Path | None) -> "Pipeline":
        """The stage chain of a config already read by :func:`~pipeline.config.load_config`."""
        return cls(build_stages(cfg, path), dump_resolved(cfg), path)

    def _with_language(self, document: Document) -> Document:
        return document if document.language else document.model_copy(update={"language": self.language})

    def __call__(self, document: Document | str) -> AnnotatedDocument:
        if isinstance(document, str):  # nlp("text"), as in spaCy: same as nlp.process(text)
            return self.process(document)
        doc = AnnotatedDocument(document=self._with_language(document))
        for stage in self.stages:
            stage_events.entering(_stage_name(stage))
            try:
                doc = stage(doc)
            except Exception as err:  # noqa: BLE001 - name the stage that failed
                raise StageError(_stage_name(stage), err) from err
        return doc

    def process(self, text: str, date: str | dt.date | None = None, doc_id: str | None = None,
                source: str = "<text>") -> AnnotatedDocument:
        """Run the pipeline over one text.

        >>> import pipeline
        >>> nlp = pipeline.load()
        >>> r = nlp.process("Ресей Қытайға алғыс айтты.", date="2025-09-03")
        >>> sorted(e.identifier for e in r.entities if e.type == "Country")
        ['CN', 'RU']
        """
        if not isinstance(text, str):
            raise TypeError(f"process() takes the text as a str, not {type(text).__name__}")
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        return self(_text_document(text, date=date, doc_id=doc_id, source=source))

    def pipe(self, documents: Iterable[Document | str], batch_size: int = 32) -> Iterator[AnnotatedDocument]:
        """Documents (or plain texts) in batches, stage by stage (a model stage sees the whole batch)."""
        batch: list[Document] = []
        for document in documents:
            if isinstance(document, str):
                document = _text_document(document)
            batch.append(document)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, batch: list[Document]) -> list[AnnotatedDocument]:
        docs = [AnnotatedDocument(document=self._with_language(d)) for d in batch]
        for stage in self.stages:
            stage_events.entering(_stage_name(stage))
            docs = stage.pipe(docs)
        return docs

    def run(self, inputs, outdir, **options):
        """Run over files, folders or archives and write the four output files;
        ``options`` are those of :func:`pipeline.run.run` (workers, resume, ...).

        >>> import pipeline, tempfile
        >>> nlp = pipeline.load()
        >>> out = tempfile.mkdtemp()
        >>> nlp.run(["corpora/sample"], out).documents
        2
        """
        from .run import run  # run.py never imports this module: no import circle

        return run(inputs if isinstance(inputs, (list, tuple)) else [inputs], outdir, self, **options)

    def describe(self) -> list[dict]:
        return [{"factory": s.factory, **s.describe()} for s in self.stages]


def _text_document(text: str, date: dt.date | None = None, doc_id: str | None = None,
                   source: str = "<text>") -> Document:
    """A plain text as a Document (its id: the content's hash unless given)."""
    return Document(id=doc_id or content_id(text), source=source, text=text, date=date)
