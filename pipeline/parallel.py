"""``Pipeline.pipe(..., n_process=N)``: batches run in N forked processes that inherit the
loaded pipeline (no reload per process), results back in input order. Where there is no
fork (Windows), the batches run in this process, with a warning."""
from __future__ import annotations

import multiprocessing as mp
import warnings
from typing import Iterator

_PIPELINE = None  # the pipeline a forked child inherits


def _run_batch(documents: list) -> list:
    return _PIPELINE._batch(documents)


def forked_batches(nlp, chunks: Iterator[list], n_process: int) -> Iterator[list]:
    """Each batch of ``(document, context)`` as ``[(result, (document, context)), ...]``
    (the contexts stay in this process: they need not pickle)."""
    global _PIPELINE
    if "fork" not in mp.get_all_start_methods():
        warnings.warn("n_process: no fork on this platform; the documents run in this process", stacklevel=3)
        for chunk in chunks:
            yield list(zip(nlp._batch([d for d, _ in chunk]), chunk))
        return
    _PIPELINE = nlp
    try:
        with mp.get_context("fork").Pool(n_process) as pool:
            kept: list[list] = []

            def documents():
                for chunk in chunks:
                    kept.append(chunk)
                    yield [d for d, _ in chunk]

            for results in pool.imap(_run_batch, documents()):  # in input order
                yield list(zip(results, kept.pop(0)))
    finally:
        _PIPELINE = None
