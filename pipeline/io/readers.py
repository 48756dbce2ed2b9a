"""Readers: files, folders and archives of news texts -> :class:`~pipeline.records.Document`.

Inputs: ``.txt`` (the sample format: a first line ``date YYYY-MM-DD``, then the
text; or plain text), folders (recursive, by glob), ``.zip``, ``.tar``
(``.gz``/``.bz2``/``.xz``), JSON Lines (``.jsonl``, ``.jsonl.gz``: configurable
text / date / id fields) and WARC (``.warc``, ``.warc.gz``: HTML responses, text and
date extracted by trafilatura). Encodings: UTF-8, UTF-16, and the code pages of
Kazakh and Russian archives (cp1251, KZ-1048, PT154, KOI8-R, cp866), detected by
:mod:`pipeline.io.decoding`, which refuses a doubtful one; control characters are
blanked (or a binary file refused) before a Document is made.

Everything is streamed, one document at a time. A file, member or line that
cannot be read becomes a :class:`ReadError` (source + reason), never an
exception, so one bad input does not stop a run. Archive members are read in
memory, never extracted; members with unsafe names (absolute, ``..``), links,
and archives over the size, ratio or member-count limits are refused.

Inputs may be local paths or fsspec URLs (``file://``, ``memory://``, ``s3://``
... where the filesystem's package is installed).

Work units (``iter_documents(..., units=True)``, for ``--executor dask``): the
driver only lists what to read — a text file (:class:`FileUnit`), a block of zip
members (:class:`ZipUnit`: the central directory is checked in the driver, which
sends where each member lies, so the worker does not parse it again), a
block of tar members by position (:class:`TarUnit`: the driver streams the
headers; the worker streams the archive to its block and checks the compression
ratio), a byte range of JSON Lines split at line ends (:class:`JsonlUnit`; for a
gzip file a block of lines), a WARC file (:class:`WarcUnit`) — and the worker
reads it with :func:`read_unit`: the same documents, sources and read errors, in
the same order, as the local readers give.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import itertools
import json
import lzma
import re
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Union

from pydantic import BaseModel, ConfigDict

from ..ids import slugify
from ..records import Document
from .decoding import clean_text, decode  # noqa: F401 - decode: part of this module's API
from .doc_ids import id_hash, qualified_id

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*\r?\n?")
TEXT_SUFFIXES = (".txt",)
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
RUN_OUTPUT_FILES = ("documents.jsonl", "errors.jsonl")  # what a run writes that a reader could read
ALL_SUFFIXES = TEXT_SUFFIXES + ARCHIVE_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES


class ReaderOptions(BaseModel):
    """How inputs are read (``claimgraph run --help`` lists the CLI flags)."""

    model_config = ConfigDict(extra="forbid")
    glob: str = "**/*"  # which files of a folder to read (those with a known suffix)
    jsonl_text_field: str = "text"
    jsonl_date_field: str = "date"
    jsonl_id_field: str = "id"
    jsonl_language_field: str = "language"  # a document's language (BCP 47), where the line has one
    language: str | None = None  # every document's language (claimgraph run --language); else detected
    max_member_bytes: int = 50_000_000  # one archive member, uncompressed
    max_archive_bytes: int = 20_000_000_000  # all members of one archive, uncompressed
    max_members: int = 10_000_000
    max_compression_ratio: float = 200.0  # uncompressed / compressed, per archive member (zip and tar)


@dataclass
class ReadError:
    source: str
    reason: str


@dataclass(frozen=True)
class FileUnit:
    """A plain-text file listed by the driver and read where it is processed (a Dask worker)."""
    path: str
    doc_id: str
    language: str | None = None

    def read(self) -> "Union[Document, ReadError]":
        doc = read_file(self.path, self.doc_id)
        if self.language and isinstance(doc, Document):
            doc = doc.model_copy(update={"language": self.language})
        return doc

    def documents(self, opts: "ReaderOptions") -> Iterator["Union[Document, ReadError]"]:
        yield self.read()


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
                yield from _zip_member(members, item, f"{self.path}!{item.filename}", opts)


@dataclass(frozen=True)
class TarUnit:
    """Members of one tar archive by their position (1-based, every member counted),
    read by streaming the archive up to them; refused members as in :class:`ZipUnit`."""
    path: str
    items: tuple = ()
    clash: frozenset = frozenset()

    def documents(self, opts: "ReaderOptions") -> Iterator["Union[Document, ReadError]"]:
        wanted = {i for i in self.items if isinstance(i, int)}
        pending = list(self.items)
        if wanted:
            for index, entry in _tar_walk(self.path, opts, read=lambda i, name: i in wanted, stop=max(wanted)):
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
                    yield from _member(raw, name, source, opts)
        for item in pending:
            yield (ReadError(*item) if isinstance(item, tuple)
                   else ReadError(f"{self.path}", f"member {item} not found when read again"))


@dataclass(frozen=True)
class JsonlUnit:
    """A block of JSON Lines: bytes ``start`` to ``end`` of a plain file (split at line
    ends), or for a gzip file ``count`` lines from line ``first_line`` (the worker
    decompresses the file up to them). Line numbers in sources are the file's."""
    path: str
    first_line: int = 1
    start: int = 0
    end: int = -1
    count: int = -1
    clash: frozenset = frozenset()

    def documents(self, opts: "ReaderOptions") -> Iterator["Union[Document, ReadError]"]:
        try:
            if str(self.path).lower().endswith(".gz"):
                with gzip.open(open_binary(self.path), "rb") as fh:
                    lines = itertools.islice(fh, self.first_line - 1, self.first_line - 1 + self.count)
                    yield from _jsonl_lines(lines, str(self.path), opts, self.first_line)
                return
            with open_binary(self.path) as fh:
                fh.seek(self.start)
                data = fh.read(self.end - self.start)
        except (OSError, EOFError, ValueError, ImportError, zlib.error) as err:
            yield ReadError(str(self.path), getattr(err, "strerror", None) or str(err))
            return
        yield from _jsonl_lines(io.BytesIO(data), str(self.path), opts, self.first_line)


@dataclass(frozen=True)
class WarcUnit:
    """A WARC file, read whole by the worker."""
    path: str
    clash: frozenset = frozenset()

    def documents(self, opts: "ReaderOptions") -> Iterator["Union[Document, ReadError]"]:
        yield from read_warc(self.path, opts)


UNIT_TYPES = (FileUnit, ZipUnit, TarUnit, JsonlUnit, WarcUnit)
Unit = Union[FileUnit, ZipUnit, TarUnit, JsonlUnit, WarcUnit]
STREAM_BLOCK = 1000  # members or lines of a unit that a worker reaches by streaming (tar, .jsonl.gz)


def read_unit(unit: "Unit", opts: "ReaderOptions | None" = None) -> Iterator["Union[Document, ReadError]"]:
    """The documents (and read errors) of a work unit, as the local readers give them."""
    opts = opts or ReaderOptions()
    base = opts.model_copy(update={"language": None}) if opts.language else opts
    clash = getattr(unit, "clash", frozenset())
    for doc in unit.documents(base):
        if clash and isinstance(doc, Document):
            doc = settled(doc, clash)
        if opts.language and isinstance(doc, Document):
            doc = doc.model_copy(update={"language": opts.language})
        yield doc


def settled(doc: Document, clash: frozenset) -> Document:
    """The document under its run-wide id: qualified by its source when another
    document of the run has its short id (``clash``: hashes of such ids; doc_ids.py)."""
    if id_hash(doc.id) not in clash:
        return doc
    return doc.model_copy(update={"id": qualified_id(doc.id, doc.source)})


# -- where inputs live: local paths or fsspec URLs ----------------------------------
def is_url(path) -> bool:
    return isinstance(path, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path) is not None


def url_fs(url: str):
    """The fsspec filesystem and path of a URL; ValueError (one line) when fsspec, the
    protocol or its package is missing."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise ValueError("reading URLs needs fsspec: pip install 'claimgraph[dask]'") from None
    try:
        return url_to_fs(url)
    except ImportError as err:
        raise ValueError(f"no filesystem package for this URL: {err}") from None
    except ValueError as err:
        raise ValueError(f"unknown URL protocol: {err}") from None


def open_binary(path):
    """A binary, seekable file: a local path or an fsspec URL."""
    if is_url(path):
        fs, p = url_fs(path)
        try:
            return fs.open(p, "rb")
        except FileNotFoundError as err:
            raise OSError(2, "No such file or directory", str(path)) from err
    return open(path, "rb")


def _name(path) -> str:
    return str(path).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# -- decoding (pipeline/io/decoding.py) and parsing -----------------------------
def parse_text(text: str, source: str, doc_id: str, url: str | None = None) -> Document:
    """A document from file contents: an optional ``date YYYY-MM-DD`` head, then the text.

    ``text_offset`` is where the text starts in the decoded contents (after the head);
    CR LF and CR line ends are read as one LF.

    >>> d = parse_text("date 2024-03-01\\nҚытай келді.", "a.txt", "a")
    >>> d.date.isoformat(), d.text, d.text_offset
    ('2024-03-01', 'Қытай келді.', 16)
    """
    text = clean_text(text)
    date = None
    offset = 0
    m = _DATE_LINE.match(text)
    if m:
        try:
            date = dt.date.fromisoformat(m.group(1))
        except ValueError:
            raise ValueError(f"bad date {m.group(1)!r} in the first line") from None
        text = text[m.end():]
        offset = m.end()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("empty document")
    return Document(id=doc_id, source=source, text=text, date=date, url=url, text_offset=offset)


def _from_bytes(raw: bytes, source: str, doc_id: str) -> Union[Document, ReadError]:
    try:
        return parse_text(decode(raw), source, doc_id)
    except ValueError as err:
        return ReadError(source, str(err))


def _doc_id(name: str) -> str:
    return slugify(re.sub(r"(\.[A-Za-z0-9]+)+$", "", name))


# -- formats --------------------------------------------------------------------
def read_file(path, doc_id: str | None = None) -> Union[Document, ReadError]:
    try:
        with open_binary(path) as fh:
            raw = fh.read()
    except (OSError, ValueError) as err:
        return ReadError(str(path), getattr(err, "strerror", None) or str(err))
    return _from_bytes(raw, str(path), doc_id or _doc_id(_name(path)))


def _suffix(path) -> str:
    name = _name(path).lower()
    for s in sorted(ALL_SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return ""


def _safe_member(name: str) -> str | None:
    """Why a member name is refused, or None when it is safe."""
    p = PurePosixPath(name.replace("\\", "/"))
    if p.is_absolute() or re.match(r"^[A-Za-z]:", name):
        return "absolute member path refused"
    if ".." in p.parts:
        return "member path with '..' refused"
    return None


def _open_zip(path) -> zipfile.ZipFile:
    return zipfile.ZipFile(open_binary(path) if is_url(path) else path)


def _zip_entries(zf: zipfile.ZipFile, path, opts: ReaderOptions) -> Iterator[Union[zipfile.ZipInfo, ReadError]]:
    """A zip's members to read, in archive order, and the refused ones as read errors
    (the checks need only the central directory, not the members' data)."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > opts.max_members:
        yield ReadError(str(path), f"{len(infos)} members, more than the limit of {opts.max_members}")
        return
    total = 0
    for info in infos:
        source = f"{path}!{info.filename}"
        problem = _safe_member(info.filename)
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
        if _suffix(info.filename) not in TEXT_SUFFIXES + JSONL_SUFFIXES:
            continue
        yield info


def _zip_member(zf: "zipfile.ZipFile | _ZipAt", info: "zipfile.ZipInfo | ZipMember", source: str,
                opts: ReaderOptions):
    try:
        with zf.open(info) as fh:
            raw = fh.read(opts.max_member_bytes + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError, zlib.error, lzma.LZMAError) as err:
        yield ReadError(source, f"cannot read member: {err}")
        return
    yield from _member(raw, info.filename, source, opts)


def _zip_or_error(path):
    """The open zip archive, or the one-line error of one that cannot be read."""
    try:
        return _open_zip(path), None
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        return None, ReadError(str(path), f"not a readable zip file: {err}")


def read_zip(path, opts: ReaderOptions) -> Iterator[Union[Document, ReadError]]:
    zf, error = _zip_or_error(path)
    if error is not None:
        yield error
        return
    with zf:
        for entry in _zip_entries(zf, path, opts):
            if isinstance(entry, ReadError):
                yield entry
            else:
                yield from _zip_member(zf, entry, f"{path}!{entry.filename}", opts)


def _grouped(entries: Iterable, unit, path, block: int) -> Iterator:
    """Work units of up to ``block`` entries: names/positions, or refused members as
    ``(source, reason)`` in their place."""
    items: list = []
    for entry in entries:
        items.append((entry.source, entry.reason) if isinstance(entry, ReadError) else entry)
        if len(items) >= block:
            yield unit(str(path), tuple(items))
            items = []
    if items:
        yield unit(str(path), tuple(items))


def list_zip(path, opts: ReaderOptions, block: int) -> Iterator[Union[ZipUnit, ReadError]]:
    """The work units of a zip archive (blocks of ``block`` members), read by a worker."""
    zf, error = _zip_or_error(path)
    if error is not None:
        yield error
        return
    with zf:
        yield from _grouped((e if isinstance(e, ReadError) else ZipMember.of(e) for e in _zip_entries(zf, path, opts)),
                            ZipUnit, path, block)


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


def _tar_walk(path, opts: ReaderOptions, read=lambda index, name: True, stop: int | None = None) -> Iterator[tuple]:
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
                problem = _safe_member(member.name)
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
                if _suffix(member.name) not in TEXT_SUFFIXES + JSONL_SUFFIXES:
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
    """Members of a tar archive, streamed (:func:`_tar_walk`)."""
    for _, entry in _tar_walk(path, opts):
        if isinstance(entry, ReadError):
            yield entry
        else:
            name, source, raw = entry
            yield from _member(raw, name, source, opts)


def list_tar(path, opts: ReaderOptions, block: int = 0) -> Iterator[Union[TarUnit, ReadError]]:
    """The work units of a tar archive: blocks of ``block`` members by position. The
    driver streams the headers (checks that need no member data); the worker streams
    the archive again up to its block and reads it (and checks the compression ratio)."""
    yield from _grouped((e if isinstance(e, ReadError) else i
                         for i, e in _tar_walk(path, opts, read=lambda index, name: False)),
                        TarUnit, path, block or STREAM_BLOCK)


def _member(raw: bytes, name: str, source: str, opts: ReaderOptions):
    if _suffix(Path(name)) in JSONL_SUFFIXES:
        if name.lower().endswith(".gz"):
            try:
                raw = gzip.decompress(raw)
            except OSError as err:
                yield ReadError(source, f"bad gzip data: {err}")
                return
        yield from _jsonl_lines(io.BytesIO(raw), source, opts)
    else:
        yield _from_bytes(raw, source, _doc_id(name))


def _open_jsonl(path):
    if str(path).lower().endswith(".gz"):
        return gzip.open(open_binary(path) if is_url(path) else path, "rb")
    return open_binary(path)


def read_jsonl(path, opts: ReaderOptions) -> Iterator[Union[Document, ReadError]]:
    try:
        fh = _open_jsonl(path)
    except (OSError, ValueError) as err:
        yield ReadError(str(path), getattr(err, "strerror", None) or str(err))
        return
    with fh:
        try:
            yield from _jsonl_lines(fh, str(path), opts)
        except (OSError, EOFError, zlib.error) as err:  # a corrupt or cut-off .jsonl.gz: its lines so far are read
            yield ReadError(str(path), getattr(err, "strerror", None) or str(err))


def list_jsonl(path, opts: ReaderOptions, block: int) -> Iterator[Union[JsonlUnit, ReadError]]:
    """The work units of a JSON Lines file: byte ranges of ``block`` lines, split at
    line ends (a plain file: the driver only counts newlines), or for a gzip file
    blocks of ``STREAM_BLOCK`` lines (the driver decompresses to count them)."""
    gz = str(path).lower().endswith(".gz")
    block = max(block, STREAM_BLOCK) if gz else block
    pos = start = n = 0
    first = 1
    try:
        with _open_jsonl(path) as fh:
            last = b"\n"
            # gz: read1 returns what one read decompressed, so a corrupt or cut-off end loses
            # only that read, not the whole chunk that read() was filling
            read = (lambda: fh.read1(1 << 16)) if gz else (lambda: fh.read(1 << 20))
            while chunk := read():
                last = chunk[-1:]
                i = 0
                while n + chunk.count(b"\n", i) >= block:  # a block ends in this chunk
                    for _ in range(block - n):
                        i = chunk.index(b"\n", i) + 1
                    end = pos + i
                    yield JsonlUnit(str(path), first, start, end, block) if not gz else JsonlUnit(
                        str(path), first, count=block)
                    start, first, n = end, first + block, 0
                n += chunk.count(b"\n", i)
                pos += len(chunk)
            if n or (pos > start and last != b"\n"):
                yield JsonlUnit(str(path), first, start, pos, n + 1) if not gz else JsonlUnit(
                    str(path), first, count=n + 1)
    except (OSError, EOFError, ValueError, zlib.error) as err:
        if gz and n:  # a corrupt or cut-off .jsonl.gz: the lines counted before it are read
            yield JsonlUnit(str(path), first, count=n)
        yield ReadError(str(path), getattr(err, "strerror", None) or str(err))


def _jsonl_lines(fh, source: str, opts: ReaderOptions, first_line: int = 1):
    for lineno, raw in enumerate(fh, start=first_line):
        where = f"{source}:{lineno}"
        if not raw.strip():
            continue
        try:
            obj = json.loads(decode(raw))
        except (ValueError, json.JSONDecodeError) as err:
            yield ReadError(where, f"not a JSON object: {err}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get(opts.jsonl_text_field), str):
            yield ReadError(where, f"no text field {opts.jsonl_text_field!r}")
            continue
        date_value = obj.get(opts.jsonl_date_field)
        try:
            text = clean_text(obj[opts.jsonl_text_field])
            date = dt.date.fromisoformat(str(date_value)[:10]) if date_value else None
            if not text.strip():
                raise ValueError("empty document")
            language = obj.get(opts.jsonl_language_field)
            yield Document(id=_jsonl_id(obj, text, opts), source=where, text=text.replace("\r\n", "\n"), date=date,
                           url=obj.get("url"), text_offset=0,
                           language=language.strip().lower() or None if isinstance(language, str) else None)
        except ValueError as err:
            yield ReadError(where, str(err))


def _jsonl_id(obj: dict, text: str, opts: ReaderOptions) -> str:
    """A line's id: its id field as a slug, else a hash of its (cleaned) text."""
    raw_id = obj.get(opts.jsonl_id_field)
    return slugify(str(raw_id)) if raw_id not in (None, "") else content_hash(text)[:16]


def read_warc(path, opts: ReaderOptions) -> Iterator[Union[Document, ReadError]]:
    try:
        from warcio.archiveiterator import ArchiveIterator
        import trafilatura
    except ImportError as err:  # name the module that is really missing (warcio, trafilatura or one of theirs)
        missing = f"module {err.name!r}" if err.name else str(err).splitlines()[0]
        yield ReadError(str(path), f"reading WARC needs {missing}, which is not installed "
                                   f"(pip install 'claimgraph[warc]' brings it)")
        return
    try:
        with open_binary(path) as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = f"{path}!{url}"
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                html = record.content_stream().read(opts.max_member_bytes + 1)
                try:
                    extracted = trafilatura.extract(decode(html) if isinstance(html, bytes) else html,
                                                    output_format="json", with_metadata=True, url=url)
                except ValueError as err:
                    yield ReadError(source, str(err))
                    continue
                if not extracted:
                    yield ReadError(source, "no article text found in the page")
                    continue
                meta = json.loads(extracted)
                text = meta.get("text") or ""
                date = meta.get("date")
                try:
                    text = clean_text(text)
                    yield Document(id=slugify(url) or content_hash(text)[:16], source=source, text=text,
                                   date=dt.date.fromisoformat(date[:10]) if date else None, url=url or None)
                except ValueError as err:
                    yield ReadError(source, str(err))
    except Exception as err:  # noqa: BLE001 - warcio raises many kinds; the file is what failed
        yield ReadError(str(path), f"not a readable WARC file: {type(err).__name__}: {err}")


# -- dispatch -------------------------------------------------------------------
def read_path(path, opts: ReaderOptions, doc_id: str | None = None,
              units: bool = False, block: int = 16) -> Iterator[Union[Document, ReadError, "Unit"]]:
    """The documents of one file; with ``units=True`` its work units instead (the
    driver of a Dask run lists them, the workers read them: :func:`read_unit`)."""
    suffix = _suffix(path)
    if units:
        if suffix == ".zip":
            yield from list_zip(path, opts, block)
        elif suffix in ARCHIVE_SUFFIXES:
            yield from list_tar(path, opts)
        elif suffix in JSONL_SUFFIXES:
            yield from list_jsonl(path, opts, block)
        elif suffix in WARC_SUFFIXES:
            yield WarcUnit(str(path))
        else:
            yield FileUnit(str(path), doc_id or _doc_id(_name(path)))
    elif suffix in TEXT_SUFFIXES:
        yield read_file(path, doc_id)
    elif suffix == ".zip":
        yield from read_zip(path, opts)
    elif suffix in ARCHIVE_SUFFIXES:
        yield from read_tar(path, opts)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, opts)
    elif suffix in WARC_SUFFIXES:
        yield from read_warc(path, opts)
    else:
        yield read_file(path, doc_id)  # an explicitly named file of another name: plain text
