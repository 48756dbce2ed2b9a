"""Documents processed in child processes under a per-document budget.

One document must never stall a run (a 1.2M-character text once ran for 15
minutes in 5 GB). :class:`BudgetWorkers` forks child processes that hold the
loaded pipeline and sends them batches of documents; the parent keeps the clock:

* time: a batch still running after ``seconds`` has its child killed (SIGKILL)
  and replaced; its documents are done again one at a time, each with the same
  budget, and the one that runs out again becomes an error row (``time budget
  of 300 s exceeded``, with the stage it was in);
* memory: each child's address space is capped (``RLIMIT_AS``) at what it held
  after loading plus ``memory``, so a document past it raises ``MemoryError``
  in the child (an error row) instead of swapping the machine; a child that dies
  anyway (the kernel's OOM killer, a crash in C) is handled as a time-out is.

Results come back batch by batch in input order. Documents and results travel
as JSON over a socket pair (no pickle: :mod:`pipeline.child_process`). The same
class serves ``--workers 1`` (one child), ``--workers N`` and each Dask worker
(one child of its own).
Where ``os.fork`` is missing (Windows) the run processes in-process, unbudgeted.
"""
from __future__ import annotations

import atexit
import gc
import mmap
import os
import selectors
import signal
import socket
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from . import stage_events
from .child_process import cap_memory, die_with_parent, recv, send
from .records import Document

Result = tuple[str, dict]  # ("ok", record) or ("error", error row), as pipeline.executors.work.process_batch gives


def can_fork() -> bool:
    return hasattr(os, "fork")


@dataclass(frozen=True)
class Budget:
    """``seconds`` and ``memory`` (bytes) a document may take; 0: no limit."""

    seconds: float = 300.0
    memory: int = 4 * 1024**3

    @property
    def enforced(self) -> bool:
        return bool(self.seconds or self.memory)

    def time_reason(self) -> str:
        return f"time budget of {self.seconds:g} s exceeded"

    def memory_reason(self) -> str:
        from pydantic import ByteSize

        return f"memory budget of {ByteSize(self.memory).human_readable()} exceeded"

    def describe(self) -> dict:
        return {"doc_timeout": self.seconds or None, "doc_memory": self.memory or None,
                "enforced": self.enforced and can_fork()}


# -- the child ----------------------------------------------------------------------
def _child(sock: socket.socket, process: Callable[[list[Document]], list[Result]], budget: Budget,
           stage_board: mmap.mmap, siblings: list[socket.socket]) -> None:
    for other in siblings:  # the parent's ends of the other children: theirs, not ours to keep open
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    die_with_parent()

    def note_stage(name: str) -> None:
        stage_board[:128] = name.encode("utf-8")[:127].ljust(128, b"\0")

    stage_events.listen(note_stage)
    if budget.memory:
        cap_memory(budget.memory)
    while (message := recv(sock)) is not None:
        try:
            results = process([Document.model_validate(d) for d in message])
            send(sock, {"results": [[kind, payload] for kind, payload in results]})
        except MemoryError:  # beyond the budget outside a stage (reading, writing the reply)
            send(sock, {"failed": budget.memory_reason()})
        except Exception as err:  # noqa: BLE001 - the batch's, said to the parent
            send(sock, {"failed": f"{type(err).__name__}: {err}"})


# -- the parent -----------------------------------------------------------------------
@dataclass
class _Worker:
    pid: int
    sock: socket.socket
    stage_board: mmap.mmap
    task: tuple | None = None  # (slot, indices)
    deadline: float | None = None


@dataclass
class _Slot:
    """One batch of the input, its results filled in as its documents finish."""

    docs: list[Document]
    results: list = field(default_factory=list)
    left: int = 0

    def __post_init__(self) -> None:
        self.results = [None] * len(self.docs)
        self.left = len(self.docs)


class BudgetWorkers:
    """``n`` child processes running ``process`` (a batch of documents -> results)
    under ``budget``. ``failed(doc, stage, reason)`` makes the error row of a
    document stopped by the budget."""

    def __init__(self, process: Callable[[list[Document]], list[Result]], n: int, budget: Budget,
                 failed: Callable[[Document, str, str], Result], window: int | None = None):
        self.process, self.n, self.budget, self.failed = process, max(1, n), budget, failed
        # batches read ahead; one child: none, so errors.jsonl keeps the in-process order
        self.window = window or (1 if self.n == 1 else 4 * self.n)
        self.idle: list[_Worker] = []
        self.busy: dict[int, _Worker] = {}  # by socket fd
        self.selector = selectors.DefaultSelector()
        atexit.register(self.close)

    def _spawn(self) -> _Worker:
        parent_sock, child_sock = socket.socketpair()
        board = mmap.mmap(-1, 128)
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        siblings = [w.sock for w in [*self.idle, *self.busy.values()]]
        # the loaded pipeline's objects out of the child's garbage collector: its scans would
        # write to every page of them, copying the parent's memory page by page
        frozen_before = gc.get_freeze_count()
        gc.freeze()
        pid = os.fork()
        if pid != 0 and not frozen_before:
            gc.unfreeze()
        if pid == 0:  # the child: never returns into the caller's code
            code = 0
            try:
                parent_sock.close()
                _child(child_sock, self.process, self.budget, board, siblings)
            except BaseException:  # noqa: BLE001 - the parent sees the closed socket
                code = 1
            finally:
                os._exit(code)
        child_sock.close()
        return _Worker(pid, parent_sock, board)

    def _end(self, w: _Worker) -> str:
        """Stop a child (if it still runs) and say how it ended."""
        try:
            os.kill(w.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, status = os.waitpid(w.pid, 0)
        w.sock.close()
        if os.WIFEXITED(status):
            return f"the worker process ended (exit status {os.WEXITSTATUS(status)})"
        sig = os.WTERMSIG(status)
        return f"the worker process died ({signal.Signals(sig).name}{'; out of memory?' if sig == 9 else ''})"

    def _stage(self, w: _Worker) -> str:
        return w.stage_board[:128].split(b"\0", 1)[0].decode("utf-8", "replace") or "pipeline"

    def _start(self, slot: _Slot, indices: list[int]) -> None:
        w = self.idle.pop() if self.idle else self._spawn()
        w.stage_board[:128] = bytes(128)
        try:
            send(w.sock, [slot.docs[i].model_dump(mode="json") for i in indices])
        except OSError:  # the idle child had died: a new one
            self._end(w)
            w = self._spawn()
            send(w.sock, [slot.docs[i].model_dump(mode="json") for i in indices])
        w.task = (slot, indices)
        w.deadline = time.monotonic() + self.budget.seconds if self.budget.seconds else None
        self.busy[w.sock.fileno()] = w
        self.selector.register(w.sock, selectors.EVENT_READ)

    def _release(self, w: _Worker) -> tuple:
        self.selector.unregister(w.sock)
        del self.busy[w.sock.fileno()]
        task, w.task, w.deadline = w.task, None, None
        return task

    def _fail(self, task: tuple, stage: str, reason: str, queue: deque) -> None:
        """A batch that ran out: its documents again one at a time, first in line;
        a single document: its error row."""
        slot, indices = task
        if len(indices) > 1:
            queue.extendleft([(slot, [i]) for i in reversed(indices)])
            return
        (i,) = indices
        slot.results[i] = self.failed(slot.docs[i], stage, reason)
        slot.left -= 1

    def _collect(self, queue: deque) -> None:
        """Wait for a child to answer or a deadline to pass; settle what happened."""
        deadlines = [w.deadline for w in self.busy.values() if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        for key, _ in self.selector.select(timeout):
            w = self.busy[key.fileobj.fileno()]
            reply = recv(w.sock)
            task = self._release(w)
            if reply is None:  # the child died mid-batch
                stage = self._stage(w)
                self._fail(task, stage, self._end(w), queue)
            elif "failed" in reply:
                self._fail(task, self._stage(w), reply["failed"], queue)
                self.idle.append(w)
            else:
                slot, indices = task
                for i, (kind, payload) in zip(indices, reply["results"]):
                    if kind == "error" and payload.get("reason", "").startswith("MemoryError") and self.budget.memory:
                        payload["reason"] = self.budget.memory_reason()
                    slot.results[i] = (kind, payload)
                slot.left -= len(indices)
                self.idle.append(w)
        now = time.monotonic()
        for w in [w for w in self.busy.values() if w.deadline is not None and w.deadline <= now]:
            stage = self._stage(w)
            task = self._release(w)
            self._end(w)
            self._fail(task, stage, self.budget.time_reason(), queue)

    def run(self, batches: Iterable[list[Document]]) -> Iterator[list[Result]]:
        """Each batch's results, in input order."""
        source = iter(batches)
        slots: deque[_Slot] = deque()
        queue: deque = deque()  # (slot, indices) waiting for a child
        more = True
        while True:
            while more and len(slots) < self.window:
                batch = next(source, None)
                if batch is None:
                    more = False
                    break
                if batch:
                    slots.append(_Slot(batch))
                    queue.append((slots[-1], list(range(len(batch)))))
            while queue and len(self.busy) < self.n:
                self._start(*queue.popleft())
            while slots and slots[0].left == 0:
                yield slots.popleft().results
            if not slots and not more:
                return
            if slots and slots[0].left == 0 or (more and len(slots) < self.window):
                continue
            self._collect(queue)

    def close(self) -> None:
        """End every child (idle ones exit on the closed socket; busy ones are killed)."""
        for w in list(self.busy.values()):
            self._release(w)
            self._end(w)
        for w in self.idle:
            w.sock.close()
        for w in self.idle:
            try:
                os.waitpid(w.pid, 0)
            except ChildProcessError:
                pass
        self.idle = []
        atexit.unregister(self.close)
