"""What a child process of :class:`pipeline.budget.BudgetWorkers` stands on: the
wire to its parent (a length, then JSON: no pickle) and its own limits (it dies
with its parent; its address space is capped)."""
from __future__ import annotations

import ctypes
import json
import os
import signal
import socket
import struct

_HEADER = struct.Struct("!Q")


# -- the wire: a length, then JSON -------------------------------------------------
def send(sock: socket.socket, obj) -> None:
    data = json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")
    sock.sendall(_HEADER.pack(len(data)) + data)


def recv_exact(sock: socket.socket, n: int) -> bytes | None:
    chunks, left = [], n
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def recv(sock: socket.socket):
    """The next message, or None when the other side has gone."""
    head = recv_exact(sock, _HEADER.size)
    if head is None:
        return None
    data = recv_exact(sock, _HEADER.unpack(head)[0])
    return None if data is None else json.loads(data.decode("utf-8", "surrogatepass"))


# -- the child's limits -------------------------------------------------------------
def die_with_parent() -> None:
    """Linux: the kernel kills this child when the thread that forked it ends, so a
    stalled child never outlives a killed run."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def cap_memory(extra: int) -> None:
    """Address space: what this process holds now (the pipeline) plus ``extra``."""
    import resource  # POSIX only, as fork is

    try:
        with open("/proc/self/statm") as fh:
            now = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # no /proc (macOS): no memory budget
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = now + extra if hard == resource.RLIM_INFINITY else min(now + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
