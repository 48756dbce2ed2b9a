"""What zip and tar archives share: which member names are refused, a member's bytes
-> documents (a text file, or JSON Lines), and members grouped into work units.
Members are read in memory, never extracted."""
from __future__ import annotations

import gzip
import io
import re
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from .json_lines import jsonl_documents
from .locations import JSONL_SUFFIXES, known_suffix
from .reading import ReaderOptions, ReadError
from .text_files import doc_id_from_name, document_from_bytes


def unsafe_member_reason(name: str) -> str | None:
    """Why a member name is refused (one that could escape: absolute, ``..``), or None
    when it is safe."""
    p = PurePosixPath(name.replace("\\", "/"))
    if p.is_absolute() or re.match(r"^[A-Za-z]:", name):
        return "absolute member path refused"
    if ".." in p.parts:
        return "member path with '..' refused"
    return None


def read_member(raw: bytes, name: str, source: str, opts: ReaderOptions):
    """The documents (and read errors) of one member's bytes."""
    if known_suffix(Path(name)) in JSONL_SUFFIXES:
        if name.lower().endswith(".gz"):
            try:
                raw = gzip.decompress(raw)
            except OSError as err:
                yield ReadError(source, f"bad gzip data: {err}")
                return
        yield from jsonl_documents(io.BytesIO(raw), source, opts)
    else:
        yield document_from_bytes(raw, source, doc_id_from_name(name))


def grouped_units(entries: Iterable, unit, path, block: int) -> Iterator:
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
