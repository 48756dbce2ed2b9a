"""A run: inputs -> pipeline -> the four output files of the contract.

Documents stream from the readers through the pipeline into
:class:`~pipeline.io.writers.RunWriter`; a document that fails goes to
``errors.jsonl`` and the run goes on. Executors (:mod:`pipeline.executors`):
``local`` (in this process, or ``workers`` processes) and ``dask`` (a
``dask.distributed`` scheduler); all give the same output, in input order.
"""
from __future__ import annotations

import json
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .budget import Budget, can_fork
from .document_ids import UniqueIds
from .executors.dask import check_scheduler, run_dask
from .executors.local import run_budgeted, run_local, run_processes
from .executors.work import _WORKER_PIPELINES
from .io.inputs import iter_documents
from .io.locations import is_url
from .io.reading import ReaderOptions, ReadError, content_hash
from .io.runstate import (OutputLock, RunError, clear_other_layout, mark_running, may_resume, run_identity,
                          unique_inputs)
from .io.writers import RunWriter, doc_key
from .protocols import DocumentPipeline as Pipeline  # run.py never imports pipeline.core
from .records import Document
from .version import CONTRACT_VERSION, __version__


@dataclass
class RunSummary:
    documents: int = 0
    sentences: int = 0
    entities: int = 0
    claims: int = 0
    errors: int = 0
    skipped: int = 0
    retried: int = 0  # error rows of the earlier run tried again (--retry-errors)
    seconds: float = 0.0
    outdir: Path | None = None

    def line(self) -> str:
        # documents (results or errors) the earlier run of --resume wrote, not read again
        skipped = f", {self.skipped} from the earlier run" if self.skipped else ""
        retried = (f", {self.retried} earlier error{'' if self.retried == 1 else 's'} tried again"
                   if self.retried else "")
        return (f"{self.documents} documents, {self.sentences} sentences, {self.entities} entities, "
                f"{self.claims} claims, {self.errors} errors{skipped}{retried} in {self.seconds:.1f}s -> "
                f"{self.outdir}")


def budget_of(config: dict, doc_timeout: float | None = None, doc_memory: int | str | None = None) -> Budget:
    """The run's per-document budget: the arguments where given, else the config's ``budget``."""
    from pydantic import ByteSize, TypeAdapter

    given = config.get("budget") or {}
    seconds = doc_timeout if doc_timeout is not None else given.get("doc_timeout", Budget.seconds)
    memory = doc_memory if doc_memory is not None else given.get("doc_memory", Budget.memory)
    try:
        memory = int(TypeAdapter(ByteSize).validate_python(memory))
    except ValueError:
        raise RunError(f"--doc-memory: {memory!r} is not a size (e.g. 4GiB, 512MB; 0: no limit)") from None
    if seconds < 0 or memory < 0:
        raise RunError("--doc-timeout and --doc-memory are 0 (no limit) or more")
    return Budget(float(seconds), memory)


# -- the run --------------------------------------------------------------------------
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
    layout: str = "graph",
    shard_size: int = 1000,
    doc_timeout: float | None = None,
    doc_memory: int | str | None = None,
    force: bool = False,
    retry_errors: bool = False,
) -> RunSummary:
    """Read ``inputs``, run ``nlp`` over every document and write the output files
    to ``outdir``. The output folder is never read as input, even when it lies
    inside an input folder (a note on stderr says so); an input listed twice, or
    inside a listed folder, is read once. Raises :class:`RunError` when ``outdir``
    cannot be written, or another run is writing it (a lock, :mod:`pipeline.io.runstate`).

    ``layout="graph"`` (the default) writes ``graph.jsonld``; ``layout="partitioned"``
    writes part files of ``shard_size`` documents (:mod:`pipeline.io.partitioned`).
    ``executor="dask"`` with no ``scheduler`` starts a local cluster of ``workers``
    processes (``workers=1``: one a CPU core) and closes it at the end.

    ``doc_timeout`` (seconds) and ``doc_memory`` (bytes, or a size: ``"4GiB"``) bound
    one document (default: the config's ``budget``; 0: no limit): past them it is an
    error row and the run goes on (:mod:`pipeline.budget`). ``resume=True`` refuses a
    folder written with another config or other inputs, unless ``force`` (start over); with
    ``retry_errors`` it also tries again what ``errors.jsonl`` lists (failed documents, and
    inputs that could not be read): errors.jsonl then holds what fails now, once a failure."""
    if layout not in ("graph", "partitioned"):
        raise RunError(f"--layout: {layout!r} is not one of graph, partitioned")
    outdir = Path(outdir)
    inputs = [i if is_url(i) else Path(i) for i in inputs]  # fsspec URLs stay strings
    started = time.perf_counter()
    if outdir.exists() and not outdir.is_dir():
        raise RunError(f"{outdir}: is a file, not a folder (-o names the output folder)")
    if retry_errors and not resume:
        raise RunError("--retry-errors goes with --resume (without it the run starts over and does every document)")
    if scheduler and executor != "dask":
        raise RunError(f"--scheduler {scheduler}: a Dask scheduler is for --executor dask (add it)")
    budget = budget_of(nlp.config, doc_timeout, doc_memory)
    if layout == "partitioned":
        from .io.part_files import require_pyarrow

        try:
            require_pyarrow()
        except RuntimeError as err:
            raise RunError(str(err)) from None
    if executor == "dask" and scheduler:
        check_scheduler(scheduler)  # before anything is written
    inputs, dropped = unique_inputs(inputs, (reader_options or ReaderOptions()).glob)
    if dropped:
        print(f"claimgraph: note: each input is read once; left out: {', '.join(dropped[:3])}"
              f"{f' and {len(dropped) - 3} more' if len(dropped) > 3 else ''}", file=sys.stderr)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        lock = OutputLock(outdir).acquire()
    except OSError as err:
        raise RunError(f"{outdir}: cannot write the output folder: {err.strerror or err}") from None
    try:
        identity = run_identity(nlp, inputs, reader_options)
        if resume and not may_resume(outdir, identity, force):
            resume = False
        return _run_locked(inputs, outdir, nlp, on_document, workers, executor, scheduler, resume,
                           reader_options, batch_size, layout, shard_size, budget, identity, started,
                           retry_errors and resume)
    finally:
        lock.release()


def _manifest_head(nlp: "Pipeline", executor: str, workers: int, scheduler, resume: bool, budget: Budget,
                   identity: dict) -> dict:
    return {
        "contract_version": CONTRACT_VERSION,
        "package": {"name": "claimgraph", "version": __version__},
        "python": platform.python_version(),
        "config": nlp.config,
        "config_path": str(nlp.config_path) if nlp.config_path else None,
        **identity,
        "executor": {"name": executor, "workers": workers if executor == "local" else (
                         None if scheduler else workers if workers > 1 else os.cpu_count()),
                     "scheduler": str(scheduler) if scheduler else ("local cluster" if executor == "dask" else None)},
        "budget": budget.describe(),
        "resumed": resume,
    }


def _run_locked(inputs, outdir: Path, nlp: "Pipeline", on_document, workers: int, executor: str, scheduler,
                resume: bool, reader_options, batch_size: int, layout: str, shard_size: int, budget: Budget,
                identity: dict, started: float, retry_errors: bool = False) -> RunSummary:
    """The run, with the output folder locked."""
    head = _manifest_head(nlp, executor, workers, scheduler, resume, budget, identity)
    try:
        clear_other_layout(outdir, layout)
        mark_running(outdir, head)  # first: run.json says "running", the old graph is gone
        if layout == "partitioned":
            from .io.partitioned import PartitionedWriter

            writer = PartitionedWriter(outdir, resume=resume, shard_size=shard_size, retry_errors=retry_errors)
        else:
            writer = RunWriter(outdir, resume=resume, retry_errors=retry_errors)
    except OSError as err:
        raise RunError(f"{outdir}: cannot write the output folder: {err.strerror or err}") from None
    summary = RunSummary(outdir=outdir, skipped=writer.resumed if resume else 0, retried=writer.retried)
    for folder in inputs:
        if not is_url(folder) and folder.is_dir() and _inside(outdir, folder):
            print(f"claimgraph: note: the output folder {outdir} is inside the input folder {folder}; "
                  "it is not read as input", file=sys.stderr)
            break
    # the partitioned layout (large runs) keeps the ids used so far on disk, not in the driver's memory
    unique_id = UniqueIds(outdir / ".ids.sqlite" if layout == "partitioned" else None)

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

    def settle(entry: tuple) -> tuple:
        """A worker's result in input order: the run-wide unique id is given here, as
        the local executor gives it; a document whose id changes is done again."""
        kind, payload, meta = entry
        if meta is None:
            return entry
        raw_id, h = meta[0], meta[1]
        final = unique_id(raw_id)
        if resume and writer.seen(doc_key(final, h), payload.get("source", "")):
            return "skip", payload, None
        if final != raw_id or kind == "skip":
            return "redo", final, None
        return entry

    config = nlp.config_path or nlp.config
    config_key = json.dumps(nlp.config, sort_keys=True, ensure_ascii=False) + str(nlp.config_path)
    _WORKER_PIPELINES[config_key] = nlp  # forked workers inherit the loaded pipeline
    if executor == "dask":
        done = (writer.done | {k for k in writer.failed_sources if k}) if resume else None
        results = run_dask(config_key, str(config) if isinstance(config, Path) else config, type(nlp),
                            iter_documents(inputs, reader_options, exclude=[outdir], units=True, block=batch_size),
                            scheduler, batch_size, workers if workers > 1 else None, reader_options, done, settle,
                            budget)
    elif can_fork() and (budget.enforced or workers > 1):  # children the budget can stop
        results = run_budgeted(nlp, documents(), workers, batch_size, budget)
    elif workers > 1:
        results = run_processes(config_key, str(config) if isinstance(config, Path) else config, type(nlp),
                                 documents(), workers, batch_size)
    else:
        results = run_local(nlp, documents(), batch_size)
    try:
        for kind, payload, _meta in results:
            if kind == "ok":
                writer.write_document(payload)
            elif kind == "read_error":
                if not (resume and writer.seen(None, payload["source"])):
                    writer.write_error(payload)
            elif kind == "error":
                writer.write_error(payload)
            if on_document:
                on_document(payload.get("source", ""))
    finally:
        results.close()  # an interrupted run stops its worker processes now
    unique_id.close()
    summary.seconds = time.perf_counter() - started
    writer.finish({"status": "complete", **head, "stages": nlp.describe(),
                   "timings": {"seconds": round(summary.seconds, 3)}})  # last: run.json says "complete"
    c = writer.counts
    summary.documents, summary.sentences, summary.claims, summary.errors = (
        c["documents"], c["sentences"], c["claims"], c["errors"])
    summary.entities = writer.entity_count if layout == "partitioned" else len(writer.entities)
    return summary
