"""Readers: files, folders and archives of news texts -> :class:`~pipeline.records.Document`.

One module per input kind, and this one sends each file to its reader by suffix
(:func:`read_path`):

- :mod:`~pipeline.io.text_files`: ``.txt`` (the sample format: a first line
  ``date YYYY-MM-DD``, then the text; or plain text), and any file named explicitly;
- :mod:`~pipeline.io.zip_archives`, :mod:`~pipeline.io.tar_archives`: ``.zip``,
  ``.tar`` (``.gz``/``.bz2``/``.xz``), their members read in memory, never extracted;
  unsafe names (absolute, ``..``), links, and archives over the size, ratio or
  member-count limits refused (:mod:`~pipeline.io.archive_members`);
- :mod:`~pipeline.io.json_lines`: ``.jsonl``, ``.jsonl.gz``, ``.ndjson``
  (configurable text / date / id fields);
- :mod:`~pipeline.io.warc_files`: ``.warc``, ``.warc.gz`` (HTML responses, text and
  date extracted by trafilatura).

Encodings: UTF-8, UTF-16, and the code pages of Kazakh and Russian archives
(cp1251, KZ-1048, PT154, KOI8-R, cp866), detected by :mod:`pipeline.io.decoding`,
which refuses a doubtful one; control characters are blanked (or a binary file
refused) before a Document is made. Everything is streamed, one document at a time;
what cannot be read is a :class:`~pipeline.io.reading.ReadError`, never an
exception. Inputs may be local paths or fsspec URLs (:mod:`pipeline.io.locations`).

Work units (``iter_documents(..., units=True)``, for ``--executor dask``): the
driver only lists what to read — a text file (``FileUnit``), a block of zip
members (``ZipUnit``: the central directory is checked in the driver, which sends
where each member lies, so the worker does not parse it again), a block of tar
members by position (``TarUnit``: the driver streams the headers; the worker
streams the archive to its block and checks the compression ratio), a byte range
of JSON Lines split at line ends (``JsonlUnit``; for a gzip file a block of lines),
a WARC file (``WarcUnit``) — and the worker reads it with :func:`read_unit`: the
same documents, sources and read errors, in the same order, as the local readers give.
"""
from __future__ import annotations

from typing import Iterator, Union

from ..records import Document
from .doc_ids import id_hash, qualified_id
from .json_lines import JsonlUnit, list_jsonl, read_jsonl
from .locations import ARCHIVE_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, WARC_SUFFIXES, file_name, known_suffix
from .reading import ReaderOptions, ReadError  # ReaderOptions: documented here too (docs/api.md)
from .tar_archives import TarUnit, list_tar, read_tar
from .text_files import FileUnit, doc_id_from_name, read_file
from .warc_files import WarcUnit, read_warc
from .zip_archives import ZipUnit, list_zip, read_zip

UNIT_TYPES = (FileUnit, ZipUnit, TarUnit, JsonlUnit, WarcUnit)
Unit = Union[FileUnit, ZipUnit, TarUnit, JsonlUnit, WarcUnit]


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


def read_path(path, opts: ReaderOptions, doc_id: str | None = None,
              units: bool = False, block: int = 16) -> Iterator[Union[Document, ReadError, "Unit"]]:
    """The documents of one file; with ``units=True`` its work units instead (the
    driver of a Dask run lists them, the workers read them: :func:`read_unit`)."""
    suffix = known_suffix(path)
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
            yield FileUnit(str(path), doc_id or doc_id_from_name(file_name(path)))
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
