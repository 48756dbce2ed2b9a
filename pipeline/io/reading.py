"""What every reader shares: how inputs are read (:class:`ReaderOptions`), what a
reader gives for an input it cannot read (:class:`ReadError`: source + reason, never
an exception, so one bad input does not stop a run), and a text's content hash."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

# members or lines of a work unit that a worker reaches by streaming (tar, .jsonl.gz);
# read as ``reading.STREAM_BLOCK`` where used, so that one setting (a test's) reaches all
STREAM_BLOCK = 1000


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


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
