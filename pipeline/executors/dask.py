"""The Dask executor: work units (files, archive members, JSON Lines ranges) go
to ``dask.distributed`` workers, which read and process them; results come back
in input order, a bounded window of tasks in flight. Without a scheduler
address the run starts a local cluster of its own (:func:`local_cluster`)."""
from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator

from ..budget import Budget, BudgetWorkers, can_fork
from ..io.json_lines import JsonlUnit
from ..io.readers import read_unit
from ..io.reading import ReaderOptions, ReadError, content_hash
from ..io.tar_archives import TarUnit
from ..io.warc_files import WarcUnit
from ..io.zip_archives import ZipUnit
from ..io.runstate import RunError
from ..io.writers import doc_key
from ..records import Document
from .work import _pipeline_for, _process_batch, process_batch, stopped

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


DASK_WORKER_SETTINGS = "dask_workers.yaml"  # in configs/: also the DASK_CONFIG for a cluster of one's own


def dask_worker_settings() -> dict:
    """``configs/dask_workers.yaml`` as ``dask.config.set`` keys (dotted paths; a null
    value unsets a default, e.g. a nanny's environment variable)."""
    from ..resources import CONFIGS_DIR, read_yaml

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


def _dask_client():
    """dask.distributed's Client, or one line naming the extra that brings it."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise RunError("the dask executor needs: pip install 'claimgraph[dask]'") from None
    return Client


def check_scheduler(address, timeout: str = "5s") -> None:
    """One line, not a traceback, when --scheduler cannot be reached."""
    Client = _dask_client()
    try:
        Client(address, timeout=timeout).close()
    except (OSError, TimeoutError, ValueError) as err:
        raise RunError(f"--scheduler {address}: cannot reach the Dask scheduler ({str(err).splitlines()[0]})") from None


def run_dask(config_key, config, pipeline_class, items: Iterable, scheduler, batch: int,
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

