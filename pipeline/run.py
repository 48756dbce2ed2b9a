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
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from . import CONTRACT_VERSION, __version__
from .io.readers import ReadError, ReaderOptions, content_hash, iter_documents
from .io.writers import RunWriter, doc_key
from .records import Document

if TYPE_CHECKING:  # run.py never imports pipeline.core: core.Pipeline.run imports this module
    from .core import Pipeline


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
        return "error", {"source": doc.source, "id": doc.id, "content_hash": h, "stage": stage,
                         "reason": f"{type(cause).__name__}: {cause}"}


def process_batch(nlp: "Pipeline", docs: list[Document]) -> list[tuple[str, dict]]:
    """A batch through the pipeline at once; if it fails, one by one, so that
    only the bad document is an error."""
    try:
        return [("ok", _record(d, r, content_hash(d.text))) for d, r in zip(docs, nlp._batch(docs))]
    except Exception:  # noqa: BLE001 - find the culprit document by document
        return [process_one(nlp, d) for d in docs]


def _process_batch(config_key: str, config, pipeline_class: type, docs: list[Document]) -> list[tuple[str, dict]]:
    return process_batch(_pipeline_for(config_key, config, pipeline_class), docs)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


# -- executors ----------------------------------------------------------------------
def _run_local(nlp: "Pipeline", docs: Iterable[Document], batch: int):
    for chunk in _batches(docs, batch):
        yield from process_batch(nlp, chunk)


def _run_processes(config_key, config, pipeline_class, docs: Iterable[Document], workers: int, batch: int):
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(__import__("os"), "fork") else mp.get_context("spawn")
    with ctx.Pool(workers) as pool:
        # a bounded window of batches in flight: memory stays flat on any archive
        window = workers * 4
        pending = []
        for chunk in _batches(docs, batch):
            pending.append(pool.apply_async(_process_batch, (config_key, config, pipeline_class, chunk)))
            if len(pending) >= window:
                yield from pending.pop(0).get()
        for p in pending:
            yield from p.get()


def _run_dask(config_key, config, pipeline_class, docs: Iterable[Document], scheduler: str, batch: int):
    try:
        from dask.distributed import Client
    except ImportError:
        raise RuntimeError("the dask executor needs: pip install 'claimgraph[dask]'") from None
    client = Client(scheduler) if isinstance(scheduler, str) else Client(scheduler)
    try:
        window = max(2, 4 * len(client.scheduler_info().get("workers", {})) or 4)
        pending = []
        for chunk in _batches(docs, batch):
            pending.append(client.submit(_process_batch, config_key, config, pipeline_class, chunk, pure=False))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for f in pending:
            yield from f.result()
    finally:
        client.close()


# -- the run --------------------------------------------------------------------------
class RunError(RuntimeError):
    """A run that cannot start (e.g. the output folder cannot be written): one line."""


class UniqueIds:
    """Document ids unique within a run, given in input order: the first use of an id
    keeps it, a repeat gets the first free ``-2``, ``-3``, ... suffix (checked against
    every id used so far, so ``x``, ``x-2``, ``x`` give ``x``, ``x-2``, ``x-3``). The
    same inputs in the same order give the same ids, whatever the executor.

    >>> ids = UniqueIds()
    >>> [ids(i) for i in ["x", "x-2", "x", "x"]]
    ['x', 'x-2', 'x-3', 'x-4']
    """

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}

    def __call__(self, doc_id: str) -> str:
        if doc_id not in self.used:
            self.used.add(doc_id)
            return doc_id
        n = self.next.get(doc_id, 2)
        while f"{doc_id}-{n}" in self.used:
            n += 1
        self.next[doc_id] = n + 1
        self.used.add(f"{doc_id}-{n}")
        return f"{doc_id}-{n}"


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


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
    """Read ``inputs``, run ``nlp`` over every document and write the output files
    to ``outdir``. The output folder is never read as input, even when it lies
    inside an input folder (a note on stderr says so). Raises :class:`RunError`
    when ``outdir`` cannot be written."""
    outdir = Path(outdir)
    inputs = [Path(i) for i in inputs]
    started = time.perf_counter()
    if outdir.exists() and not outdir.is_dir():
        raise RunError(f"{outdir}: is a file, not a folder (-o names the output folder)")
    try:
        writer = RunWriter(outdir, resume=resume)
    except OSError as err:
        raise RunError(f"{outdir}: cannot write the output folder: {err.strerror or err}") from None
    summary = RunSummary(outdir=outdir, skipped=writer.resumed if resume else 0)
    for folder in inputs:
        if folder.is_dir() and _inside(outdir, folder):
            print(f"claimgraph: note: the output folder {outdir} is inside the input folder {folder}; "
                  "it is not read as input", file=sys.stderr)
            break
    unique_id = UniqueIds()

    def documents() -> Iterator[Document]:
        for item in iter_documents(inputs, reader_options, exclude=[outdir]):
            if isinstance(item, ReadError):
                if not (resume and writer.seen(None, item.source)):
                    writer.write_error({"source": item.source, "reason": item.reason, "stage": "read"})
                if on_document:
                    on_document(item.source)
                continue
            doc_id = unique_id(item.id)  # two inputs with one name: keep both, each its own id
            if doc_id != item.id:
                item = item.model_copy(update={"id": doc_id})
            if resume and writer.seen(doc_key(item.id, content_hash(item.text)), item.source):
                if on_document:
                    on_document(item.source)
                continue
            yield item

    config = nlp.config_path or nlp.config
    config_key = json.dumps(nlp.config, sort_keys=True, ensure_ascii=False) + str(nlp.config_path)
    _WORKER_PIPELINES[config_key] = nlp  # forked workers inherit the loaded pipeline
    if executor == "dask":
        results = _run_dask(config_key, str(config) if isinstance(config, Path) else config, type(nlp),
                            documents(), scheduler, batch_size)
    elif workers > 1:
        results = _run_processes(config_key, str(config) if isinstance(config, Path) else config, type(nlp),
                                 documents(), workers, batch_size)
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
