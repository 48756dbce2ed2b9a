"""Plain-text documents: a ``.txt`` file (the sample format: a first line ``date
YYYY-MM-DD``, then the text; or plain text) or an archive member of that form,
decoded by :mod:`pipeline.io.decoding` (which refuses a doubtful encoding or binary
data) -> :class:`~pipeline.records.Document`."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator, Union

from ..ids import slugify
from ..records import Document
from .decoding import clean_text, decode
from .locations import file_name, open_binary
from .reading import ReaderOptions, ReadError

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*\r?\n?")


def read_date_line(text: str) -> tuple[dt.date | None, int]:
    """The date of a first line ``date YYYY-MM-DD`` and where the text after it starts
    ((None, 0) without one); a date that is no date is a ValueError naming it."""
    m = _DATE_LINE.match(text)
    if m is None:
        return None, 0
    try:
        return dt.date.fromisoformat(m.group(1)), m.end()
    except ValueError:
        raise ValueError(f"bad date {m.group(1)!r} in the first line") from None


def parse_text(text: str, source: str, doc_id: str, url: str | None = None) -> Document:
    """A document from file contents: an optional ``date YYYY-MM-DD`` head, then the text.

    ``text_offset`` is where the text starts in the decoded contents (after the head);
    CR LF and CR line ends are read as one LF.

    >>> d = parse_text("date 2024-03-01\\nҚытай келді.", "a.txt", "a")
    >>> d.date.isoformat(), d.text, d.text_offset
    ('2024-03-01', 'Қытай келді.', 16)
    """
    text = clean_text(text)
    date, offset = read_date_line(text)
    text = text[offset:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("empty document")
    return Document(id=doc_id, source=source, text=text, date=date, url=url, text_offset=offset)


def document_from_bytes(raw: bytes, source: str, doc_id: str) -> Union[Document, ReadError]:
    try:
        return parse_text(decode(raw), source, doc_id)
    except ValueError as err:
        return ReadError(source, str(err))


def doc_id_from_name(name: str) -> str:
    """A document's short id from its file's name or path, suffixes dropped
    (``2024/a.txt`` -> ``2024-a``)."""
    return slugify(re.sub(r"(\.[A-Za-z0-9]+)+$", "", name))


def read_file(path, doc_id: str | None = None) -> Union[Document, ReadError]:
    try:
        with open_binary(path) as fh:
            raw = fh.read()
    except (OSError, ValueError) as err:
        return ReadError(str(path), getattr(err, "strerror", None) or str(err))
    return document_from_bytes(raw, str(path), doc_id or doc_id_from_name(file_name(path)))


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
