"""What claimgraph registers in spaCy's function registry for training, and the config
merge that puts pretraining into an NER config.

``train_ner`` and ``pretrain_tok2vec`` both need these; they live here, below both, so
neither training module imports the other. spaCy is imported only inside the functions
(``claimgraph --help`` stays fast).
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import List, Optional

from ....resources import CONFIGS_DIR

DEFAULT_PRETRAIN_CONFIG = CONFIGS_DIR / "pretrain_kk.cfg"


class TrainingTimeUp(Exception):
    """Raised inside spaCy's loop when a run reaches its time limit; the best
    checkpoint saved so far is the result."""


def stop_after_minutes(minutes: float):
    """A ``[training.before_update]`` callback that ends training after ``minutes``
    of updates (spaCy has no wall-clock limit of its own): the best checkpoint so
    far is kept, as when ``max_steps`` is reached."""
    started: list[float] = []

    def before_update(nlp, info: dict) -> None:
        if not started:
            started.append(time.monotonic())
        elif time.monotonic() - started[0] > minutes * 60:
            raise TrainingTimeUp(f"time limit of {minutes:g} minutes reached at step {info.get('step')}")

    return before_update


class AnnotatedJsonlCorpus:
    """spaCy's ``JsonlCorpus`` for pretraining, plus the pipeline's annotating
    components run on every doc (cached after the first epoch), so features such as
    NORM = stem and TAG = gazetteer class are set as in NER training."""

    def __init__(self, path, annotating: list[str], min_length: int = 0, max_length: int = 0):
        self.path = Path(path) if path is not None else None
        self.annotating = list(annotating)
        self.min_length = min_length
        self.max_length = max_length
        self._docs = None

    def __call__(self, nlp):
        if self.path is None:
            raise ValueError("corpora.pretrain: paths.raw_text is not set")
        if self._docs is None:
            docs = []
            with self.path.open(encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    doc = nlp.make_doc(json.loads(line)["text"])
                    if self.min_length and len(doc) < self.min_length:
                        continue
                    if self.max_length and len(doc) >= self.max_length:
                        continue
                    docs.append(doc)
            for name in self.annotating:
                docs = list(nlp.get_pipe(name).pipe(docs))
            self._docs = docs
        return iter(self._docs)


def annotated_jsonl_corpus(path: Optional[str], annotating: List[str], min_length: int = 0, max_length: int = 0):
    # path is null when a training run merges this config only for [pretraining]
    return AnnotatedJsonlCorpus(path, annotating, min_length, max_length)


def register_callbacks() -> None:
    """Register ``claimgraph.stop_after_minutes.v1`` (the NER configs' time limit)."""
    from spacy.util import registry

    if "claimgraph.stop_after_minutes.v1" not in registry.callbacks.get_all():
        registry.callbacks.register("claimgraph.stop_after_minutes.v1", func=stop_after_minutes)


def register_pretraining() -> None:
    """Register everything a config with a ``[pretraining]`` section names: the
    callbacks, the Kazakh feature components and ``claimgraph.annotated_jsonl.v1``."""
    from spacy.util import registry

    from .. import ner_features  # noqa: F401  (registers the feature components)

    register_callbacks()
    if "claimgraph.annotated_jsonl.v1" not in registry.readers.get_all():
        registry.readers.register("claimgraph.annotated_jsonl.v1", func=annotated_jsonl_corpus)


def pretraining_config(ner_config: Path, pretrain_config: Path = DEFAULT_PRETRAIN_CONFIG,
                       overrides: dict | None = None):
    """The NER config with ``pretrain_config`` merged in (its ``[pretraining]``, reader
    and paths) and ``overrides`` applied: the tok2vec section is the NER config's own."""
    from thinc.api import Config

    merged = Config().from_disk(ner_config, interpolate=False).merge(
        Config().from_disk(pretrain_config, interpolate=False))
    return Config().from_str(merged.to_str(), overrides=overrides or {}, interpolate=False)
