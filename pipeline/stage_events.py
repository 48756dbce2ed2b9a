"""Which stage a document is in, told to whoever listens: a run's worker process records
it, so that a document stopped for its time budget names the stage it was in
(:mod:`pipeline.budget`). A bottom module, so that the run never imports the pipeline."""
from __future__ import annotations

from typing import Callable

_listener: Callable[[str], None] | None = None


def listen(callback: Callable[[str], None] | None) -> None:
    """Call ``callback(stage name)`` before each stage from now on (None: stop)."""
    global _listener
    _listener = callback


def entering(name: str) -> None:
    if _listener is not None:
        _listener(name)
