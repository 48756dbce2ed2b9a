"""Tar archives (``.tar``, ``.tar.gz``/``.tgz``, ``.tar.bz2``/``.tbz2``,
``.tar.xz``/``.txz``), streamed: their text and JSON Lines members, read in memory.
Members with unsafe names, links, and members or archives over the size, ratio or
member-count limits are refused. A work unit (:class:`TarUnit`) names members by
position; the worker streams the archive again up to them."""
from __future__ import annotations

import tarfile
import zlib
from dataclasses import dataclass
from typing import Iterator, Union

from ..records import Document
from . import reading
from .archive_members import grouped_units, read_member, unsafe_member_reason
from .locations import JSONL_SUFFIXES, TEXT_SUFFIXES, known_suffix, open_binary
from .reading import ReaderOptions, ReadError


@dataclass(frozen=True)
class TarUnit:
    """Members of one tar archive by their position (1-based, every member counted),
    read by streaming the archive up to them; refused members as in
    :class:`~pipeline.io.zip_archives.ZipUnit`."""
    path: str
    items: tuple = ()
    clash: frozenset = frozenset()

    def documents(self, opts: "ReaderOptions") -> Iterator["Union[Document, ReadError]"]:
        wanted = {i for i in self.items if isinstance(i, int)}
        pending = list(self.items)
        if wanted:
            for index, entry in tar_walk(self.path, opts, read=lambda i, name: i in wanted, stop=max(wanted)):
                if index not in wanted:
                    continue  # a member of another unit (its errors are that unit's)
                wanted.discard(index)
                while pending and pending[0] != index:
                    item = pending.pop(0)
                    yield (ReadError(*item) if isinstance(item, tuple)
                           else ReadError(f"{self.path}", f"member {item} not found when read again"))
                pending.pop(0)
                if isinstance(entry, ReadError):
                    yield entry
                else:
                    name, source, raw = entry
                    yield from read_member(raw, name, source, opts)
        for item in pending:
            yield (ReadError(*item) if isinstance(item, tuple)
                   else ReadError(f"{self.path}", f"member {item} not found when read again"))


class _CountingReader:
    """A binary file that counts the (compressed) bytes read from it."""

    def __init__(self, fh):
        self.fh = fh
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.count += len(data)
        return data

    def close(self) -> None:
        self.fh.close()


def tar_walk(path, opts: ReaderOptions, read=lambda index, name: True, stop: int | None = None) -> Iterator[tuple]:
    """The members of a tar archive, streamed: ``(position, entry)`` with entry a
    ReadError (a refused member, or the archive's own problem) or ``(name, source,
    raw)``, where raw is the member's data if ``read(position, name)`` else None.
    Positions count every member from 1; ``stop``: the last position wanted.

    A compressed tar has no per-member compressed size, so the compression ratio of
    a member is measured while it is read: its size over the compressed bytes read
    meanwhile (at least one read block of ``tarfile.RECORDSIZE``, so that small
    members are never judged on buffering noise)."""
    try:
        raw_fh = open_binary(path)
    except (OSError, ValueError) as err:
        yield 0, ReadError(str(path), f"not a readable tar file: {getattr(err, 'strerror', None) or err}")
        return
    counter = _CountingReader(raw_fh)
    try:
        tf = tarfile.open(fileobj=counter, mode="r|*")  # streaming: no random access, flat memory
    except (tarfile.TarError, OSError) as err:
        raw_fh.close()
        yield 0, ReadError(str(path), f"not a readable tar file: {err}")
        return
    count = total = 0
    try:
        with raw_fh, tf:
            for member in tf:
                count += 1
                if stop is not None and count > stop:
                    return
                if count > opts.max_members:
                    yield count, ReadError(str(path), f"more than {opts.max_members} members; stopped")
                    return
                source = f"{path}!{member.name}"
                if member.isdir():
                    continue
                problem = unsafe_member_reason(member.name)
                if problem is None and (member.issym() or member.islnk()):
                    problem = "link member refused"
                if problem is None and not member.isfile():
                    problem = "not a regular file"
                if problem is None and member.size > opts.max_member_bytes:
                    problem = f"member of {member.size} bytes, over the limit of {opts.max_member_bytes}"
                total += max(member.size, 0)
                if total > opts.max_archive_bytes:
                    yield count, ReadError(str(path), f"archive over {opts.max_archive_bytes} bytes uncompressed; stopped")
                    return
                if problem:
                    yield count, ReadError(source, problem)
                    continue
                if known_suffix(member.name) not in TEXT_SUFFIXES + JSONL_SUFFIXES:
                    continue
                if not read(count, member.name):
                    yield count, (member.name, source, None)
                    continue
                mark = counter.count
                fh = tf.extractfile(member)
                raw = fh.read() if fh else b""
                compressed = max(counter.count - mark, tarfile.RECORDSIZE)
                if len(raw) / compressed > opts.max_compression_ratio:
                    yield count, ReadError(source, f"compression ratio {len(raw) / compressed:.0f}:1, over the limit")
                    continue
                yield count, (member.name, source, raw)
            if _data_after_end(tf):
                yield count, ReadError(str(path), f"archive broken off after member {count}: "
                                                  "data that is not a tar header follows")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as err:
        yield count, ReadError(str(path), f"archive broken off: {err}")


def _data_after_end(tf: tarfile.TarFile) -> bool:
    """Whether anything but zero padding follows where a streamed tar's members ended:
    tarfile ends the iteration quietly on a block that is not a valid header (a
    corrupt archive), which would otherwise lose the rest of the archive unseen."""
    while chunk := tf.fileobj.read(1 << 16):
        if chunk.strip(b"\0"):
            return True
    return False


def read_tar(path, opts: ReaderOptions) -> Iterator[Union[Document, ReadError]]:
    """Members of a tar archive, streamed (:func:`tar_walk`)."""
    for _, entry in tar_walk(path, opts):
        if isinstance(entry, ReadError):
            yield entry
        else:
            name, source, raw = entry
            yield from read_member(raw, name, source, opts)


def list_tar(path, opts: ReaderOptions, block: int = 0) -> Iterator[Union[TarUnit, ReadError]]:
    """The work units of a tar archive: blocks of ``block`` members by position. The
    driver streams the headers (checks that need no member data); the worker streams
    the archive again up to its block and reads it (and checks the compression ratio)."""
    yield from grouped_units((e if isinstance(e, ReadError) else i
                              for i, e in tar_walk(path, opts, read=lambda index, name: False)),
                             TarUnit, path, block or reading.STREAM_BLOCK)
