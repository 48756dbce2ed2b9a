"""The work of a batch of documents, the same in whichever process an executor
runs it: each document's documents.jsonl record, or its error row (a document
that fails is that document's error, never the batch's)."""
from __future__ import annotations

import itertools
from typing import Iterable, Iterator

from ..io.reading import content_hash
from ..protocols import DocumentPipeline as Pipeline  # never pipeline.core: the run sits beside it
from ..records import Document

_WORKER_PIPELINES: dict[str, "Pipeline"] = {}


def _pipeline_for(config_key: str, config, pipeline_class: type) -> "Pipeline":
    if config_key not in _WORKER_PIPELINES:
        _WORKER_PIPELINES[config_key] = pipeline_class.from_config(config)
    return _WORKER_PIPELINES[config_key]


def _record(doc: Document, result, h: str) -> dict:
    """The documents.jsonl line: the result's record, where its text starts in the
    decoded source (``text_offset``), and the text's hash (for --resume)."""
    return {**result.to_record(), "text_offset": doc.text_offset, "content_hash": h}


def process_one(nlp: "Pipeline", doc: Document) -> tuple[str, dict]:
    h = content_hash(doc.text)
    try:
        return "ok", _record(doc, nlp(doc), h)
    except Exception as err:  # noqa: BLE001 - any failure is this document's, recorded
        stage = getattr(err, "stage", None) or "pipeline"  # a StageError names the failing stage
        cause = getattr(err, "cause", None) or err
        # a refusal that names its own stage (unsupported language: en) is said as it is; a
        # stage's crash keeps its exception's type
        refusal = cause is err and getattr(err, "stage", None)
        return "error", {"source": doc.source, "id": doc.id, "content_hash": h, "stage": stage,
                         "reason": str(cause) if refusal else f"{type(cause).__name__}: {cause}"}


def process_batch(nlp: "Pipeline", docs: list[Document]) -> list[tuple[str, dict]]:
    """A batch through the pipeline at once; if it fails, one by one, so that
    only the bad document is an error."""
    try:
        return [("ok", _record(d, r, content_hash(d.text))) for d, r in zip(docs, nlp._batch(docs))]
    except Exception:  # noqa: BLE001 - find the culprit document by document
        return [process_one(nlp, d) for d in docs]


def _process_batch(config_key: str, config, pipeline_class: type, docs: list[Document]) -> list[tuple[str, dict]]:
    return process_batch(_pipeline_for(config_key, config, pipeline_class), docs)


def stopped(doc: Document, stage: str, reason: str) -> tuple[str, dict]:
    """The error row of a document the budget stopped."""
    return "error", {"source": doc.source, "id": doc.id, "content_hash": content_hash(doc.text), "stage": stage,
                     "reason": reason}


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch

