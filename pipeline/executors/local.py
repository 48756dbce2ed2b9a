"""The local executor: documents processed in this process, in forked child
processes under the per-document budget (:mod:`pipeline.budget`), or, where
there is no fork (Windows), in a pool of spawned processes."""
from __future__ import annotations

from typing import Iterable

from ..budget import Budget, BudgetWorkers
from ..protocols import DocumentPipeline as Pipeline
from ..records import Document
from .work import _batches, _process_batch, process_batch, stopped


def run_local(nlp: "Pipeline", docs: Iterable[Document], batch: int):
    for chunk in _batches(docs, batch):
        for kind, payload in process_batch(nlp, chunk):
            yield kind, payload, None


def run_budgeted(nlp: "Pipeline", docs: Iterable[Document], workers: int, batch: int, budget: Budget):
    runner = BudgetWorkers(lambda chunk: process_batch(nlp, chunk), workers, budget, stopped)
    try:
        for results in runner.run(_batches(docs, batch)):
            for kind, payload in results:
                yield kind, payload, None
    finally:
        runner.close()


def run_processes(config_key, config, pipeline_class, docs: Iterable[Document], workers: int, batch: int):
    """Where there is no fork (Windows): a pool of spawned processes, each loading the pipeline."""
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(workers) as pool:
        # a bounded window of batches in flight: memory stays flat on any archive
        window = workers * 4
        pending = []
        for chunk in _batches(docs, batch):
            pending.append(pool.apply_async(_process_batch, (config_key, config, pipeline_class, chunk)))
            if len(pending) >= window:
                for kind, payload in pending.pop(0).get():
                    yield kind, payload, None
        for p in pending:
            for kind, payload in p.get():
                yield kind, payload, None

