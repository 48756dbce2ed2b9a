"""Where a run's documents are processed, below :mod:`pipeline.run` (which picks one)
and above the pipeline and its records:

* :mod:`.work`: the work of a batch, the same in every process;
* :mod:`.local`: this process, forked children under the budget, or spawned processes;
* :mod:`.dask`: ``dask.distributed`` workers that read and process work units.

Every executor yields ``(kind, payload, meta)`` in input order.
"""
