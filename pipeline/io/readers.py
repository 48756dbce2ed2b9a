"""Readers: files and folders of news texts -> :class:`~pipeline.records.Document`.

Formats: the sample format (first line begins ``date YYYY-MM-DD``, the text follows,
on the same line or the next) and plain ``.txt``; a folder is read recursively.
A file that cannot be read becomes a :class:`ReadError`, never an exception, so
one bad file does not stop a run.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..ids import slugify
from ..records import Document

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*\n?")
TEXT_SUFFIXES = (".txt",)


@dataclass
class ReadError:
    source: str
    reason: str


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; ValueError otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"not valid UTF-8 (byte {err.start}); re-encode the file as UTF-8") from None


def parse_text(text: str, source: str, doc_id: str) -> Document:
    """A document from file contents: an optional ``date YYYY-MM-DD`` head, then the text."""
    date = None
    m = _DATE_LINE.match(text)
    if m:
        try:
            date = dt.date.fromisoformat(m.group(1))
        except ValueError:
            raise ValueError(f"bad date {m.group(1)!r} in the first line") from None
        text = text[m.end():]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(id=doc_id, source=source, text=text, date=date)


def read_file(path: Path, doc_id: str | None = None) -> Union[Document, ReadError]:
    source = str(path)
    try:
        raw = path.read_bytes()
        doc = parse_text(decode(raw), source, doc_id or slugify(path.stem))
    except (OSError, ValueError) as err:
        return ReadError(source, str(err) if not isinstance(err, OSError) else (err.strerror or str(err)))
    if not doc.text.strip():
        return ReadError(source, "empty document")
    return doc


def iter_documents(inputs: Iterable[Path | str]) -> Iterator[Union[Document, ReadError]]:
    """Documents from files and folders, in a stable (sorted) order."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                yield ReadError(str(path), "folder has no .txt files")
            for f in files:
                yield read_file(f, slugify(str(f.relative_to(path).with_suffix(""))))
        elif path.is_file():
            yield read_file(path)
        else:
            yield ReadError(str(path), "no such file or folder")
