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
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .budget import Budget, BudgetWorkers, can_fork
from .io.inputs import iter_documents
from .io.readers import (JsonlUnit, ReadError, ReaderOptions, TarUnit, WarcUnit, ZipUnit, content_hash, is_url, read_unit)
from .io.runstate import OutputLock, RunError, mark_running, may_resume, run_identity, unique_inputs
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


_WORKER_RUNNER: list = []  # a Dask worker's (key, BudgetWorkers): its child process, kept between tasks


def _worker_runner(config_key: str, config, pipeline_class: type, budget: Budget) -> BudgetWorkers:
    key = (config_key, budget)
    if _WORKER_RUNNER and _WORKER_RUNNER[0][0] != key:
        _WORKER_RUNNER.pop()[1].close()
    if not _WORKER_RUNNER:
        nlp = _pipeline_for(config_key, config, pipeline_class)  # loaded before the fork: the child has it
        _WORKER_RUNNER.append((key, BudgetWorkers(lambda docs: process_batch(nlp, docs), 1, budget, stopped)))
    return _WORKER_RUNNER[0][1]


def _process_units(config_key: str, config, pipeline_class: type, items: list, opts: ReaderOptions | None = None,
                   done=None, only: tuple[int, str] | None = None, batch: int = 16,
                   budget: Budget | None = None) -> list[tuple]:
    """Work units (and documents, and the driver's read errors) read and processed here,
    on the worker: one entry ``(kind, payload, meta)`` a document or read error, in
    input order. ``meta`` (documents only) is ``(id as read, content hash, item
    position, position in the item)``: the driver settles the run-wide unique id.
    ``done``: resume keys already in the output, whose documents are not processed
    (kind ``skip``); ``only=(position, id)``: just that document of item 0, under that
    id (the driver's re-do of a document whose id it had to change). ``budget``: the
    documents run in this worker's child process under it (:mod:`pipeline.budget`)."""
    opts = opts or ReaderOptions()
    out: list = []
    docs, where = [], []
    for pos, item in enumerate(items):
        stream = [item] if isinstance(item, (Document, ReadError)) else read_unit(item, opts)
        for k, doc in enumerate(stream):
            if only is not None and k != only[0]:
                continue
            if isinstance(doc, ReadError):
                out.append(("read_error", {"source": doc.source, "reason": doc.reason, "stage": "read"}, None))
                continue
            if only is not None:
                doc = doc.model_copy(update={"id": only[1]})
            h = content_hash(doc.text)
            meta = (doc.id, h, pos, k)
            if done and doc_key(doc.id, h) in done:
                out.append(("skip", {"source": doc.source, "id": doc.id}, meta))
                continue
            out.append(None)
            where.append((len(out) - 1, meta))
            docs.append(doc)
    batches = [docs[start:start + batch] for start in range(0, len(docs), batch)]
    if budget is not None and budget.enforced and can_fork():
        done_batches = _worker_runner(config_key, config, pipeline_class, budget).run(batches)
    else:
        done_batches = (_process_batch(config_key, config, pipeline_class, b) for b in batches)
    for results, start in zip(done_batches, range(0, len(docs), batch)):
        for (i, meta), (kind, payload) in zip(where[start:start + batch], results):
            out[i] = (kind, payload, meta)
    return out


def _weight(item, batch: int) -> int:
    """About how many documents a work unit holds (to fill a Dask task with ``batch``)."""
    if isinstance(item, (ZipUnit, TarUnit)):
        return len(item.items)
    if isinstance(item, JsonlUnit):
        return item.count if item.count > 0 else batch
    if isinstance(item, WarcUnit):
        return batch
    return 1


# bytes a Dask task gets at least where its units' sizes are known (JSON Lines ranges, zip members):
# a task costs the scheduler and the worker a few ms besides its work, which is small beside 16 news
# articles but not beside 16 one-line texts
MIN_TASK_BYTES = 64 * 1024


def _jsonl_bytes(item) -> int | None:
    """The bytes of a plain JSON Lines range, else None."""
    return item.end - item.start if isinstance(item, JsonlUnit) and item.end >= 0 else None


def _unit_bytes(item) -> int | None:
    """The bytes a unit's documents take, where the listing knows them; else None."""
    if isinstance(item, ZipUnit):
        return sum(m.file_size for m in item.items if not isinstance(m, tuple))
    return _jsonl_bytes(item)


def _tasks(items: Iterable, batch: int) -> Iterator[list]:
    """Work units grouped into Dask tasks of about ``batch`` documents and, where the
    units' sizes are known, ``MIN_TASK_BYTES`` (one task's overhead spread over more
    short texts); adjacent ranges of one JSON Lines file are joined (one read)."""
    chunk, weight, size = [], 0, 0
    for item in items:
        last = chunk[-1] if chunk else None
        n = _unit_bytes(item)
        if _jsonl_bytes(item) is not None and last is not None and _jsonl_bytes(last) is not None and (
                last.path, last.end) == (item.path, item.start):
            chunk[-1] = JsonlUnit(item.path, last.first_line, last.start, item.end, last.count + item.count, last.clash)
        else:
            chunk.append(item)
        weight += _weight(item, batch)
        size = size + n if n is not None else MIN_TASK_BYTES
        if weight >= batch and size >= MIN_TASK_BYTES:
            yield chunk
            chunk, weight, size = [], 0, 0
    if chunk:
        yield chunk


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


# -- executors ----------------------------------------------------------------------
def _run_local(nlp: "Pipeline", docs: Iterable[Document], batch: int):
    for chunk in _batches(docs, batch):
        for kind, payload in process_batch(nlp, chunk):
            yield kind, payload, None


def _run_budgeted(nlp: "Pipeline", docs: Iterable[Document], workers: int, batch: int, budget: Budget):
    runner = BudgetWorkers(lambda chunk: process_batch(nlp, chunk), workers, budget, stopped)
    try:
        for results in runner.run(_batches(docs, batch)):
            for kind, payload in results:
                yield kind, payload, None
    finally:
        runner.close()


def _run_processes(config_key, config, pipeline_class, docs: Iterable[Document], workers: int, batch: int):
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


DASK_WORKER_SETTINGS = "dask_workers.yaml"  # in configs/: also the DASK_CONFIG for a cluster of one's own


def dask_worker_settings() -> dict:
    """``configs/dask_workers.yaml`` as ``dask.config.set`` keys (dotted paths; a null
    value unsets a default, e.g. a nanny's environment variable)."""
    from .resources import CONFIGS_DIR, read_yaml

    path = CONFIGS_DIR / DASK_WORKER_SETTINGS
    tree = read_yaml(path) if path.is_file() else {}

    def flat(node: dict, prefix: str = "") -> Iterator[tuple[str, object]]:
        for key, value in node.items():
            if isinstance(value, dict):
                yield from flat(value, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}", value

    return dict(flat(tree))


def local_cluster(workers: int | None = None):
    """A ``distributed.LocalCluster`` of worker processes, one thread each: ``workers``
    of them, or one a CPU core of this machine, started with
    ``configs/dask_workers.yaml``'s settings (why each: in that file)."""
    import dask
    from dask.distributed import LocalCluster

    n = workers or os.cpu_count() or 1
    settings = dask_worker_settings()
    # a variable the settings unset is also taken out of this process's environment while the
    # workers start (they inherit it): an earlier cluster's nannies put Dask's defaults there
    prefix = "distributed.nanny.pre-spawn-environ."
    unset = [k[len(prefix):] for k, v in settings.items() if k.startswith(prefix) and v is None]
    saved = {k: os.environ.pop(k) for k in unset if k in os.environ}
    try:
        with dask.config.set(settings):
            # no dashboard; the scheduler's HTTP server (health routes) on a free local port, so
            # neither a busy 8787 nor other machines ever see it
            return LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
    finally:
        os.environ.update(saved)


def _clear_other_layout(outdir: Path, layout: str) -> None:
    """A run in a folder that holds the other layout's output removes those files (ours
    only, named by the layouts), so no reader finds an old run beside the new one."""
    from .io.partitioned import PART_FOLDERS, clear_parts

    removed = []
    if layout == "partitioned":
        for name in ("graph.jsonld", "documents.jsonl"):
            if (outdir / name).is_file():
                (outdir / name).unlink()
                removed.append(name)
    else:
        removed = clear_parts(outdir)
        for folder in (outdir / d for d in PART_FOLDERS):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    if removed:
        print(f"claimgraph: note: {outdir} held the other layout's output; removed {len(removed)} file(s) "
              f"({', '.join(removed[:3])}{', ...' if len(removed) > 3 else ''})", file=sys.stderr)


def _dask_client():
    """dask.distributed's Client, or one line naming the extra that brings it."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise RunError("the dask executor needs: pip install 'claimgraph[dask]'") from None
    return Client


def _check_scheduler(address, timeout: str = "5s") -> None:
    """One line, not a traceback, when --scheduler cannot be reached."""
    Client = _dask_client()
    try:
        Client(address, timeout=timeout).close()
    except (OSError, TimeoutError, ValueError) as err:
        raise RunError(f"--scheduler {address}: cannot reach the Dask scheduler ({str(err).splitlines()[0]})") from None


def _run_dask(config_key, config, pipeline_class, items: Iterable, scheduler, batch: int,
              workers: int | None = None, opts: ReaderOptions | None = None, done=None,
              settle: Callable[[tuple], tuple] = lambda entry: entry, budget: Budget | None = None):
    """Work units to Dask workers, a bounded window of tasks in flight; results come
    back in input order. ``settle`` (the driver's) turns a result into the one to
    write, or asks for a re-do under another id: ``("redo", new_id, None)``."""
    Client = _dask_client()
    cluster = local_cluster(workers) if scheduler is None else None  # no --scheduler: one of our own
    client = Client(cluster if cluster is not None else scheduler)
    try:
        done_f = client.scatter({"done": frozenset(done)}, broadcast=True)["done"] if done else None

        def submit(chunk, done_arg=None, only=None):
            return client.submit(_process_units, config_key, config, pipeline_class, chunk, opts, done_arg, only,
                                 batch, budget, pure=False)

        def drain(future, chunk):
            for entry in future.result():
                settled = settle(entry)
                if settled[0] == "redo":  # rare: a repeated id; the worker does that document again
                    yield submit([chunk[entry[2][2]]], None, (entry[2][3], settled[1])).result()[0]
                else:
                    yield settled

        window = max(2, 4 * len(client.scheduler_info().get("workers", {})) or 4)
        pending = []
        for chunk in _tasks(items, batch):
            pending.append((submit(chunk, done_f), chunk))
            if len(pending) >= window:
                yield from drain(*pending.pop(0))
        for future, chunk in pending:
            yield from drain(future, chunk)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- the run --------------------------------------------------------------------------
class UniqueIds:
    """Document ids unique within a run, given in input order: the first use of an id
    keeps it, a repeat gets the first free ``-2``, ``-3``, ... suffix (checked against
    every id used so far, so ``x``, ``x-2``, ``x`` give ``x``, ``x-2``, ``x-3``). The
    same inputs in the same order give the same ids, whatever the executor.

    With ``path`` (the partitioned layout) the ids used so far are kept in an on-disk
    sqlite table there, not in memory: the driver's memory stays flat in the number
    of documents (only repeated ids are remembered in memory, with their next suffix).

    >>> ids = UniqueIds()
    >>> [ids(i) for i in ["x", "x-2", "x", "x"]]
    ['x', 'x-2', 'x-3', 'x-4']
    """

    def __init__(self, path: Path | None = None) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}
        self.path = path
        self._db = None
        if path is not None:
            import sqlite3

            path.unlink(missing_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=OFF")
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute("CREATE TABLE used (id TEXT PRIMARY KEY) WITHOUT ROWID")
            self._db.execute("BEGIN")

    def _add(self, doc_id: str) -> bool:
        """Mark ``doc_id`` used; False when it already was."""
        if self._db is None:
            if doc_id in self.used:
                return False
            self.used.add(doc_id)
            return True
        return self._db.execute("INSERT OR IGNORE INTO used VALUES (?)", (doc_id,)).rowcount == 1

    def __call__(self, doc_id: str) -> str:
        if self._add(doc_id):
            return doc_id
        n = self.next.get(doc_id, 2)
        while not self._add(f"{doc_id}-{n}"):
            n += 1
        self.next[doc_id] = n + 1
        return f"{doc_id}-{n}"

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            self.path.unlink(missing_ok=True)


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
    folder written with another config or other inputs, unless ``force`` (start over)."""
    if layout not in ("graph", "partitioned"):
        raise RunError(f"--layout: {layout!r} is not one of graph, partitioned")
    outdir = Path(outdir)
    inputs = [i if is_url(i) else Path(i) for i in inputs]  # fsspec URLs stay strings
    started = time.perf_counter()
    if outdir.exists() and not outdir.is_dir():
        raise RunError(f"{outdir}: is a file, not a folder (-o names the output folder)")
    if scheduler and executor != "dask":
        raise RunError(f"--scheduler {scheduler}: a Dask scheduler is for --executor dask (add it)")
    budget = budget_of(nlp.config, doc_timeout, doc_memory)
    if layout == "partitioned":
        from .io.partitioned import require_pyarrow

        try:
            require_pyarrow()
        except RuntimeError as err:
            raise RunError(str(err)) from None
    if executor == "dask" and scheduler:
        _check_scheduler(scheduler)  # before anything is written
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
                           reader_options, batch_size, layout, shard_size, budget, identity, started)
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
                identity: dict, started: float) -> RunSummary:
    """The run, with the output folder locked."""
    head = _manifest_head(nlp, executor, workers, scheduler, resume, budget, identity)
    try:
        _clear_other_layout(outdir, layout)
        mark_running(outdir, head)  # first: run.json says "running", the old graph is gone
        if layout == "partitioned":
            from .io.partitioned import PartitionedWriter

            writer = PartitionedWriter(outdir, resume=resume, shard_size=shard_size)
        else:
            writer = RunWriter(outdir, resume=resume)
    except OSError as err:
        raise RunError(f"{outdir}: cannot write the output folder: {err.strerror or err}") from None
    summary = RunSummary(outdir=outdir, skipped=writer.resumed if resume else 0)
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
        results = _run_dask(config_key, str(config) if isinstance(config, Path) else config, type(nlp),
                            iter_documents(inputs, reader_options, exclude=[outdir], units=True, block=batch_size),
                            scheduler, batch_size, workers if workers > 1 else None, reader_options, done, settle,
                            budget)
    elif can_fork() and (budget.enforced or workers > 1):  # children the budget can stop
        results = _run_budgeted(nlp, documents(), workers, batch_size, budget)
    elif workers > 1:
        results = _run_processes(config_key, str(config) if isinstance(config, Path) else config, type(nlp),
                                 documents(), workers, batch_size)
    else:
        results = _run_local(nlp, documents(), batch_size)
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
