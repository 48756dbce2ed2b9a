"""JSON Lines (``.jsonl``, ``.ndjson``, ``.jsonl.gz``): one document a line, its text,
date, id and language in configurable fields (:class:`~pipeline.io.reading.ReaderOptions`).
A line that cannot be read is a :class:`~pipeline.io.reading.ReadError` at
``file:line``; the other lines are read on."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import itertools
import json
import zlib
from dataclasses import dataclass
from typing import Iterator, Union

from ..ids import slugify
from ..records import Document
from . import reading
from .decoding import clean_text, decode
from .locations import is_url, open_binary
from .reading import ReaderOptions, ReadError, content_hash


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
                    yield from jsonl_documents(lines, str(self.path), opts, self.first_line)
                return
            with open_binary(self.path) as fh:
                fh.seek(self.start)
                data = fh.read(self.end - self.start)
        except (OSError, EOFError, ValueError, ImportError, zlib.error) as err:
            yield ReadError(str(self.path), getattr(err, "strerror", None) or str(err))
            return
        yield from jsonl_documents(io.BytesIO(data), str(self.path), opts, self.first_line)


def open_jsonl(path):
    if str(path).lower().endswith(".gz"):
        return gzip.open(open_binary(path) if is_url(path) else path, "rb")
    return open_binary(path)


def read_jsonl(path, opts: ReaderOptions) -> Iterator[Union[Document, ReadError]]:
    try:
        fh = open_jsonl(path)
    except (OSError, ValueError) as err:
        yield ReadError(str(path), getattr(err, "strerror", None) or str(err))
        return
    with fh:
        try:
            yield from jsonl_documents(fh, str(path), opts)
        except (OSError, EOFError, zlib.error) as err:  # a corrupt or cut-off .jsonl.gz: its lines so far are read
            yield ReadError(str(path), getattr(err, "strerror", None) or str(err))


def list_jsonl(path, opts: ReaderOptions, block: int) -> Iterator[Union[JsonlUnit, ReadError]]:
    """The work units of a JSON Lines file: byte ranges of ``block`` lines, split at
    line ends (a plain file: the driver only counts newlines), or for a gzip file
    blocks of ``STREAM_BLOCK`` lines (the driver decompresses to count them)."""
    gz = str(path).lower().endswith(".gz")
    block = max(block, reading.STREAM_BLOCK) if gz else block
    pos = start = n = 0
    first = 1
    try:
        with open_jsonl(path) as fh:
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


def jsonl_documents(fh, source: str, opts: ReaderOptions, first_line: int = 1):
    """The documents (and read errors) of the lines of ``fh``, numbered from ``first_line``."""
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
            yield Document(id=jsonl_id(obj, text, opts), source=where, text=text.replace("\r\n", "\n"), date=date,
                           url=obj.get("url"), text_offset=0,
                           language=language.strip().lower() or None if isinstance(language, str) else None)
        except ValueError as err:
            yield ReadError(where, str(err))


def jsonl_id(obj: dict, text: str, opts: ReaderOptions) -> str:
    """A line's id: its id field as a slug, else a hash of its (cleaned) text."""
    raw_id = obj.get(opts.jsonl_id_field)
    return slugify(str(raw_id)) if raw_id not in (None, "") else content_hash(text)[:16]
