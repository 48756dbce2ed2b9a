"""A run: inputs -> pipeline -> the four output files of the contract.

Documents stream from the readers through the pipeline into
:class:`~pipeline.io.writers.RunWriter`; a document that fails goes to
``errors.jsonl`` and the run goes on. Executors: ``local`` (in this process, or
``workers`` processes) and ``dask`` (a ``dask.distributed`` scheduler); all give
the same output, in input order.
"""
from __future__ import annotations

import itertools
import json
import platform
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import CONTRACT_VERSION, __version__
from .core import Pipeline
from .io.readers import ReadError, ReaderOptions, content_hash, iter_documents
from .io.writers import RunWriter, doc_key
from .records import Document


@dataclass
class RunSummary:
    documents: int = 0
    sentences: int = 0
    entities: int = 0
    claims: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    outdir: Path | None = None

    def line(self) -> str:
        skipped = f", {self.skipped} already done" if self.skipped else ""
        return (f"{self.documents} documents, {self.sentences} sentences, {self.entities} entities, "
                f"{self.claims} claims, {self.errors} errors{skipped} in {self.seconds:.1f}s -> {self.outdir}")


# -- the work of one document (runs in whichever process the executor picks) ------
_WORKER_PIPELINES: dict[str, Pipeline] = {}


def _pipeline_for(config_key: str, config) -> Pipeline:
    if config_key not in _WORKER_PIPELINES:
        _WORKER_PIPELINES[config_key] = Pipeline.from_config(config)
    return _WORKER_PIPELINES[config_key]


def process_one(nlp: Pipeline, doc: Document) -> tuple[str, dict]:
    h = content_hash(doc.text)
    try:
        result = nlp(doc)
    except Exception as err:  # noqa: BLE001 - any failure is this document's, recorded
        return "error", {"source": doc.source, "id": doc.id, "content_hash": h, "stage": "pipeline",
                         "reason": f"{type(err).__name__}: {err}"}
    return "ok", {**result.to_record(), "content_hash": h}


def process_batch(nlp: Pipeline, docs: list[Document]) -> list[tuple[str, dict]]:
    """A batch through the pipeline at once; if it fails, one by one, so that
    only the bad document is an error."""
    try:
        results = nlp._batch(docs)
    except Exception:  # noqa: BLE001 - find the culprit document by document
        return [process_one(nlp, d) for d in docs]
    return [("ok", {**r.to_record(), "content_hash": content_hash(d.text)}) for d, r in zip(docs, results)]


def _process_batch(config_key: str, config, docs: list[Document]) -> list[tuple[str, dict]]:
    return process_batch(_pipeline_for(config_key, config), docs)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


# -- executors ----------------------------------------------------------------------
def _run_local(nlp: Pipeline, docs: Iterable[Document], batch: int):
    for chunk in _batches(docs, batch):
        yield from process_batch(nlp, chunk)


def _run_processes(config_key, config, docs: Iterable[Document], workers: int, batch: int):
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(__import__("os"), "fork") else mp.get_context("spawn")
    with ctx.Pool(workers) as pool:
        # a bounded window of batches in flight: memory stays flat on any archive
        window = workers * 4
        pending = []
        for chunk in _batches(docs, batch):
            pending.append(pool.apply_async(_process_batch, (config_key, config, chunk)))
            if len(pending) >= window:
                yield from pending.pop(0).get()
        for p in pending:
            yield from p.get()


def _run_dask(config_key, config, docs: Iterable[Document], scheduler: str, batch: int):
    try:
        from dask.distributed import Client
    except ImportError:
        raise RuntimeError("the dask executor needs: pip install 'claimgraph[dask]'") from None
    client = Client(scheduler) if isinstance(scheduler, str) else Client(scheduler)
    try:
        window = max(2, 4 * len(client.scheduler_info().get("workers", {})) or 4)
        pending = []
        for chunk in _batches(docs, batch):
            pending.append(client.submit(_process_batch, config_key, config, chunk, pure=False))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for f in pending:
            yield from f.result()
    finally:
        client.close()


# -- the run --------------------------------------------------------------------------
def run(
    inputs: Iterable[Path | str],
    outdir: Path | str,
    nlp: Pipeline,
    on_document: Callable[[str], None] | None = None,
    workers: int = 1,
    executor: str = "local",
    scheduler=None,
    resume: bool = False,
    reader_options: ReaderOptions | None = None,
    batch_size: int = 16,
) -> RunSummary:
    outdir = Path(outdir)
    started = time.perf_counter()
    writer = RunWriter(outdir, resume=resume)
    summary = RunSummary(outdir=outdir, skipped=writer.resumed if resume else 0)
    seen_ids: dict[str, int] = {}

    def documents() -> Iterator[Document]:
        for item in iter_documents(inputs, reader_options):
            if isinstance(item, ReadError):
                if not (resume and writer.seen(None, item.source)):
                    writer.write_error({"source": item.source, "reason": item.reason, "stage": "read"})
                if on_document:
                    on_document(item.source)
                continue
            if item.id in seen_ids:  # two inputs with one name: keep both
                seen_ids[item.id] += 1
                item = item.model_copy(update={"id": f"{item.id}-{seen_ids[item.id]}"})
            seen_ids.setdefault(item.id, 1)
            if resume and writer.seen(doc_key(item.id, content_hash(item.text)), item.source):
                if on_document:
                    on_document(item.source)
                continue
            yield item

    config = nlp.config_path or nlp.config
    config_key = json.dumps(nlp.config, sort_keys=True, ensure_ascii=False) + str(nlp.config_path)
    _WORKER_PIPELINES[config_key] = nlp  # forked workers inherit the loaded pipeline
    if executor == "dask":
        results = _run_dask(config_key, str(config) if isinstance(config, Path) else config, documents(),
                            scheduler, batch_size)
    elif workers > 1:
        results = _run_processes(config_key, str(config) if isinstance(config, Path) else config, documents(),
                                 workers, batch_size)
    else:
        results = _run_local(nlp, documents(), batch_size)
    for kind, payload in results:
        if kind == "ok":
            writer.write_document(payload)
        else:
            writer.write_error(payload)
        if on_document:
            on_document(payload.get("source", ""))
    summary.seconds = time.perf_counter() - started
    manifest = {
        "contract_version": CONTRACT_VERSION,
        "package": {"name": "claimgraph", "version": __version__},
        "python": platform.python_version(),
        "config": nlp.config,
        "config_path": str(nlp.config_path) if nlp.config_path else None,
        "stages": nlp.describe(),
        "executor": {"name": executor, "workers": workers if executor == "local" else None,
                     "scheduler": str(scheduler) if scheduler else None},
        "resumed": resume,
        "timings": {"seconds": round(summary.seconds, 3)},
    }
    writer.finish(manifest)
    c = writer.counts
    summary.documents, summary.sentences, summary.claims, summary.errors = (
        c["documents"], c["sentences"], c["claims"], c["errors"])
    summary.entities = len(writer.entities)
    return summary
