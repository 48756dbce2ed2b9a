"""The progress of ``claimgraph run``, always on stderr, so that stdout holds only what the
command prints at the end (the summary line), whatever goes where.

On a terminal: a bar (rich) that redraws itself in place and is cleared when the run ends,
before anything is printed on stdout; lines printed meanwhile (notes, a one-line error) go
above it, never into it. Elsewhere (a log file, a pipe, a batch job's output, stderr and
stdout into one file): whole lines, each written at once and flushed, the first document's
and then at most one every ``PROGRESS_EVERY_S``; never a carriage return.
"""
from __future__ import annotations

import sys
import time
from typing import Optional, TextIO

PROGRESS_EVERY_S = 30.0  # a progress line at most this often where stderr is no terminal


class ProgressLines:
    """Progress as plain lines on ``stream``, where a bar would be lost."""

    def __init__(self, total: Optional[int], stream: Optional[TextIO] = None):
        self.total, self.done = total, 0
        self.stream = stream
        self.start = self.last = time.monotonic()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.done == 1 or now - self.last >= PROGRESS_EVERY_S:
            self.last = now
            of = f"/{self.total}" if self.total else ""
            rate = self.done / (now - self.start) if now > self.start else 0.0
            stream = self.stream or sys.stderr
            stream.write(f"progress: {self.done}{of} documents, {rate:.1f} docs/s, {now - self.start:.0f}s\n")
            stream.flush()  # one whole line, now: another writer on the same file cannot split it


class DocumentProgress:
    """``with DocumentProgress(total, show) as progress: ... progress.advance()``: a bar on a
    terminal's stderr, plain lines on any other stderr, nothing unless ``show``. The bar is
    gone when the ``with`` block ends (also on an error), so stdout starts on a clean line."""

    def __init__(self, total: Optional[int], show: bool):
        self.lines: Optional[ProgressLines] = None
        self.bar = None
        if not show:
            return
        if not sys.stderr.isatty():
            self.lines = ProgressLines(total)
            return
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task("documents", total=total, rate="")

    def __enter__(self) -> "DocumentProgress":
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()  # transient: the bar's lines are cleared, the cursor at the start of a line
            sys.stderr.flush()

    def advance(self, _source: str = "") -> None:
        if self.lines is not None:
            self.lines.advance()
        elif self.bar is not None:
            self.bar.advance(self.task)
            speed = self.bar.tasks[0].speed
            if speed:
                self.bar.update(self.task, rate=f"{speed:.1f} docs/s")
