"""Zip archives: their text and JSON Lines members, read in memory. Members with unsafe
names, links, encrypted ones, and members or archives over the size, ratio or
member-count limits are refused, checked on the central directory alone. A work unit
(:class:`ZipUnit`) carries where each member lies, so a worker reads its members
without parsing the central directory again."""
from __future__ import annotations

import lzma
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterator, Union

from ..records import Document
from .archive_members import grouped_units, read_member, unsafe_member_reason
from .locations import JSONL_SUFFIXES, TEXT_SUFFIXES, is_url, known_suffix, open_binary
from .reading import ReaderOptions, ReadError


@dataclass(frozen=True)
class ZipMember:
    """Where a zip member's data lies, from the central directory the driver read."""
    filename: str
    header_offset: int
    compress_type: int
    compress_size: int
    file_size: int
    crc: int
    flag_bits: int

    @classmethod
    def of(cls, info: zipfile.ZipInfo) -> "ZipMember":
        return cls(info.filename, info.header_offset, info.compress_type, info.compress_size, info.file_size,
                   info.CRC, info.flag_bits)


class _ZipAt:
    """Opens zip members at their local headers, as ``ZipFile.open`` does once it has
    the central directory: a worker reads its members without parsing that directory
    again (for an archive of a million members, a second or more a unit)."""

    def __init__(self, fh) -> None:
        self.fh = fh

    def open(self, member: ZipMember):
        if member.flag_bits & 0x1:
            raise RuntimeError(f"File {member.filename!r} is encrypted, password required for extraction")
        self.fh.seek(member.header_offset)
        header = self.fh.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile("Bad magic number for file header")
        name_len, extra_len = int.from_bytes(header[26:28], "little"), int.from_bytes(header[28:30], "little")
        self.fh.seek(member.header_offset + 30 + name_len + extra_len)
        info = zipfile.ZipInfo(member.filename)
        info.compress_type, info.compress_size, info.file_size = (member.compress_type, member.compress_size,
                                                                   member.file_size)
        info.CRC, info.flag_bits = member.crc, member.flag_bits
        return zipfile.ZipExtFile(self.fh, "r", info)  # decompresses, checks the CRC


@dataclass(frozen=True)
class ZipUnit:
    """Members of one zip archive (:class:`ZipMember`), in archive order; a refused
    member is kept in its place as ``(source, reason)`` so that errors come out in the
    local order."""
    path: str
    items: tuple = ()
    clash: frozenset = frozenset()  # hashes of its short ids that other documents have (doc_ids.py)

    def documents(self, opts: "ReaderOptions") -> Iterator["Union[Document, ReadError]"]:
        try:
            fh = open_binary(self.path)
        except (OSError, ValueError, ImportError) as err:
            yield ReadError(str(self.path), f"not a readable zip file: {getattr(err, 'strerror', None) or err}")
            return
        with fh:
            members = _ZipAt(fh)
            for item in self.items:
                if isinstance(item, tuple):
                    yield ReadError(*item)
                    continue
                yield from read_zip_member(members, item, f"{self.path}!{item.filename}", opts)


def zip_entries(zf: zipfile.ZipFile, path, opts: ReaderOptions) -> Iterator[Union[zipfile.ZipInfo, ReadError]]:
    """A zip's members to read, in archive order, and the refused ones as read errors
    (the checks need only the central directory, not the members' data)."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > opts.max_members:
        yield ReadError(str(path), f"{len(infos)} members, more than the limit of {opts.max_members}")
        return
    total = 0
    for info in infos:
        source = f"{path}!{info.filename}"
        problem = unsafe_member_reason(info.filename)
        if problem is None and (info.external_attr >> 16) & 0o170000 == 0o120000:
            problem = "symbolic link member refused"
        if problem is None and info.flag_bits & 0x1:
            problem = "encrypted member refused (no password)"
        if problem is None and info.file_size > opts.max_member_bytes:
            problem = f"member of {info.file_size} bytes, over the limit of {opts.max_member_bytes}"
        if problem is None and info.compress_size and info.file_size / info.compress_size > opts.max_compression_ratio:
            problem = f"compression ratio {info.file_size / info.compress_size:.0f}:1, over the limit"
        total += info.file_size
        if problem is None and total > opts.max_archive_bytes:
            yield ReadError(str(path), f"archive over {opts.max_archive_bytes} bytes uncompressed; stopped")
            return
        if problem:
            yield ReadError(source, problem)
            continue
        if known_suffix(info.filename) not in TEXT_SUFFIXES + JSONL_SUFFIXES:
            continue
        yield info


def read_zip_member(zf: "zipfile.ZipFile | _ZipAt", info: "zipfile.ZipInfo | ZipMember", source: str,
                    opts: ReaderOptions):
    try:
        with zf.open(info) as fh:
            raw = fh.read(opts.max_member_bytes + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError, zlib.error, lzma.LZMAError) as err:
        yield ReadError(source, f"cannot read member: {err}")
        return
    yield from read_member(raw, info.filename, source, opts)


def open_zip_or_error(path):
    """The open zip archive, or the one-line error of one that cannot be read."""
    try:
        return zipfile.ZipFile(open_binary(path) if is_url(path) else path), None
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        return None, ReadError(str(path), f"not a readable zip file: {err}")


def read_zip(path, opts: ReaderOptions) -> Iterator[Union[Document, ReadError]]:
    zf, error = open_zip_or_error(path)
    if error is not None:
        yield error
        return
    with zf:
        for entry in zip_entries(zf, path, opts):
            if isinstance(entry, ReadError):
                yield entry
            else:
                yield from read_zip_member(zf, entry, f"{path}!{entry.filename}", opts)


def list_zip(path, opts: ReaderOptions, block: int) -> Iterator[Union[ZipUnit, ReadError]]:
    """The work units of a zip archive (blocks of ``block`` members), read by a worker."""
    zf, error = open_zip_or_error(path)
    if error is not None:
        yield error
        return
    with zf:
        yield from grouped_units((e if isinstance(e, ReadError) else ZipMember.of(e)
                                  for e in zip_entries(zf, path, opts)), ZipUnit, path, block)
