"""What the layers above ask of the pipeline, as protocols in the bottom layer, so that
the run and its writers never import :mod:`pipeline.core` (no import circle)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from .records import AnnotatedDocument, Document


@runtime_checkable
class DocumentPipeline(Protocol):
    """A loaded pipeline as a run uses it: one document at a time, or a batch, and the
    config it was built from (workers rebuild it with ``type(nlp).from_config``)."""

    config: dict
    config_path: Path | None

    def __call__(self, document: Document) -> AnnotatedDocument: ...

    def _batch(self, batch: list[Document]) -> list[AnnotatedDocument]: ...

    def describe(self) -> list[dict]: ...

    @classmethod
    def from_config(cls, source: Any = None) -> "DocumentPipeline": ...
