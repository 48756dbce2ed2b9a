"""The Pipeline: a chain of stages loaded from a config."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Iterable, Iterator

from .config import ConfigError, _order_problems, build_stages, dump_resolved, load_config
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

    @property
    def pipe_names(self) -> list[str]:
        """The stages' factory names, in order (what ``disable=`` takes)."""
        return [_stage_name(s) for s in self.stages]

    def disable_stages(self, names: Iterable[str]) -> "Pipeline":
        """Leave out the stages named (``pipeline.load(disable=[...])``), checked as a config is:
        an unknown name, or a stage another one needs, is one :class:`ConfigError`. The config
        loses them too, so workers that rebuild the pipeline from it skip them as well."""
        names = list(dict.fromkeys(names))
        unknown = [n for n in names if n not in self.pipe_names]
        if unknown:
            raise ConfigError(f"disable: no stage {', '.join(map(repr, unknown))} (stages: {', '.join(self.pipe_names)})")
        kept = [s for s in self.stages if _stage_name(s) not in names]
        problems = _order_problems([(_stage_name(s), type(s)) for s in kept])
        if problems:
            raise ConfigError(f"disable: cannot leave out {', '.join(names)}: {'; '.join(problems)}")
        self.stages = kept
        self.config = {**self.config, "stages": [e for e in self.config.get("stages", []) if e.get("factory") not in names]}
        return self

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
        """Run the pipeline over one text. A first line ``date YYYY-MM-DD`` is read as the
        ``claimgraph run`` reader reads it: the document's date, not text (``date=`` wins).

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

    def pipe(self, documents: Iterable[Document | str | tuple[str, Any]], batch_size: int = 32,
             as_tuples: bool = False, n_process: int = 1) -> Iterator:
        """Documents (or plain texts, read as :meth:`process` reads them) in batches, stage by
        stage (a model stage sees the whole batch). A ``(text, context)`` pair (or any item
        with ``as_tuples``, as in spaCy) gives ``(result, context)``. ``n_process`` > 1 runs
        the batches in that many forked processes (:mod:`pipeline.parallel`), in input order."""
        items = (_as_item(d, as_tuples) for d in documents)
        if n_process > 1:
            from .parallel import forked_batches

            results = forked_batches(self, _batches(items, batch_size), n_process)
        else:
            results = (zip(self._batch([d for d, _ in chunk]), chunk) for chunk in _batches(items, batch_size))
        for chunk in results:
            for result, (_, context) in chunk:
                yield result if context is _NO_CONTEXT else (result, context)

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


_NO_CONTEXT = object()  # a pipe() item that came without a context: its result alone


def _as_item(item, as_tuples: bool) -> tuple[Document, Any]:
    if as_tuples or (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], (str, Document))):
        document, context = item
    else:
        document, context = item, _NO_CONTEXT
    return (_text_document(document) if isinstance(document, str) else document), context


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _text_document(text: str, date: dt.date | None = None, doc_id: str | None = None,
                   source: str = "<text>") -> Document:
    """A plain text as a Document (its id: the content's hash unless given); a first line
    ``date YYYY-MM-DD`` is its date, as the file reader reads it, and the text starts after it."""
    from .io.text_files import _DATE_LINE, parse_text

    doc_id = doc_id or content_id(text)
    if not _DATE_LINE.match(text):
        return Document(id=doc_id, source=source, text=text, date=date)
    document = parse_text(text, source, doc_id)  # ValueError for a bad date, as a run reports it
    return document if date is None else document.model_copy(update={"date": date})
