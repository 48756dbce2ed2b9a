"""Which files the inputs are, and the documents (or work units) they give, with
ids that do not depend on the inputs' order (:mod:`pipeline.io.doc_ids`).

An input is a file, a folder (its files matching ``ReaderOptions.glob``, walked in
sorted order; a folder that cannot be listed, a dangling symbolic link or a link
loop in it is a read error naming it) or an fsspec URL of either. Before reading,
every document's short id is listed once (names of files and archive members,
JSON Lines ids, WARC URLs: no text is decoded) to find the ids two documents
share; those documents get ids qualified by their own source.
"""
from __future__ import annotations

import dataclasses
import errno
import json
import os
import zlib
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..ids import slugify
from ..records import Document
from .decoding import clean_text
from .doc_ids import Collisions, id_hash, qualified_id
from .archive_members import read_member
from .json_lines import jsonl_id, open_jsonl
from .locations import (ARCHIVE_SUFFIXES, JSONL_SUFFIXES, RUN_OUTPUT_FILES, TEXT_SUFFIXES, WARC_SUFFIXES, file_name,
                        is_url, known_suffix, open_binary, url_fs)
from .readers import Unit, read_path, settled
from .reading import ReaderOptions, ReadError
from .tar_archives import tar_walk
from .text_files import FileUnit, doc_id_from_name
from .zip_archives import open_zip_or_error, read_zip_member, zip_entries

Entry = Union[ReadError, "tuple[Path | str, str | None]"]  # a listed file: (path, its id when it is a text file)


def iter_documents(inputs: Iterable[Path | str], opts: ReaderOptions | None = None,
                   exclude: Iterable[Path | str] = (), units: bool = False,
                   block: int = 16) -> Iterator[Union[Document, ReadError, Unit]]:
    """Documents from files, folders and archives, in a stable (sorted) order.
    Inputs are local paths or fsspec URLs (``file://``, ``memory://``, ``s3://``
    where the filesystem package is installed). With ``units=True`` nothing is read
    here: the inputs' work units (a text file, a block of ``block`` zip members or
    JSON Lines lines, a block of tar members, a WARC file) are listed, in the same
    order, for :func:`~pipeline.io.readers.read_unit` to read where they are processed.

    A folder that cannot be listed is a :class:`ReadError`; files under a folder in
    ``exclude`` (a run's output folder) are never read from a folder input. Ids two
    documents would share are qualified by each one's source, whatever the order."""
    opts = opts or ReaderOptions()
    inputs = list(inputs)
    if opts.language and not units:  # units: read_unit applies the language
        for doc in iter_documents(inputs, opts.model_copy(update={"language": None}), exclude):
            yield doc if isinstance(doc, ReadError) else doc.model_copy(update={"language": opts.language})
        return
    excluded = [Path(e).resolve() for e in exclude]
    clashes = _clashes(inputs, opts, excluded)
    for entry in _listing(inputs, opts, excluded):
        if isinstance(entry, ReadError):
            yield entry
            continue
        path, doc_id = entry
        clash = clashes.get(id_hash(str(path)), frozenset())
        for item in read_path(path, opts, doc_id, units, block):
            if not clash or isinstance(item, ReadError):
                yield item
            elif isinstance(item, Document):
                yield settled(item, clash)
            elif isinstance(item, FileUnit):
                yield item if id_hash(item.doc_id) not in clash else dataclasses.replace(
                    item, doc_id=qualified_id(item.doc_id, item.path))
            else:
                yield dataclasses.replace(item, clash=clash)


# -- the ids, listed before reading ---------------------------------------------------
def _clashes(inputs: list, opts: ReaderOptions, excluded: list[Path]) -> dict[int, frozenset[int]]:
    """``{hash of a file's path: hashes of its short ids that another document has}``."""
    seen = Collisions()
    for entry in _listing(inputs, opts, excluded):
        if not isinstance(entry, ReadError):
            path, doc_id = entry
            key = id_hash(str(path))
            for short in _short_ids(path, doc_id, opts):
                seen.add(short, key)
    return seen.by_file()


def _short_ids(path, doc_id: str | None, opts: ReaderOptions) -> Iterator[str]:
    """The ids the readers give the documents of one file, reading as little as they
    can: names for text files and members, the lines of JSON Lines, URLs in WARC."""
    suffix = known_suffix(path)
    if suffix == ".zip":
        zf, error = open_zip_or_error(path)
        if error is None:
            with zf:
                for info in zip_entries(zf, path, opts):
                    if isinstance(info, ReadError):
                        continue
                    if known_suffix(info.filename) in JSONL_SUFFIXES:
                        yield from _ids(read_zip_member(zf, info, f"{path}!{info.filename}", opts))
                    else:
                        yield doc_id_from_name(info.filename)
    elif suffix in ARCHIVE_SUFFIXES:
        for _, entry in tar_walk(path, opts, read=lambda index, name: known_suffix(name) in JSONL_SUFFIXES):
            if isinstance(entry, ReadError):
                continue
            name, source, raw = entry
            yield from (_ids(read_member(raw, name, source, opts)) if raw is not None else [doc_id_from_name(name)])
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_ids(path, opts)
    elif suffix in WARC_SUFFIXES:
        yield from _warc_ids(path)
    elif suffix in TEXT_SUFFIXES or suffix == "":
        yield doc_id or doc_id_from_name(file_name(path))


def _jsonl_ids(path, opts: ReaderOptions) -> Iterator[str]:
    """The ids of a JSON Lines file's lines with a text (their id fields: no Document is
    made; a line without one: its cleaned text's hash, as the reader gives it)."""
    try:
        with open_jsonl(path) as fh:
            for raw in fh:
                try:
                    obj = json.loads(raw)
                    if isinstance(obj, dict) and isinstance(obj.get(opts.jsonl_text_field), str):
                        text = obj[opts.jsonl_text_field]
                        given = obj.get(opts.jsonl_id_field) not in (None, "")
                        yield jsonl_id(obj, text if given else clean_text(text), opts)
                except ValueError:
                    continue  # the reader makes it an error row
    except (OSError, EOFError, ValueError, zlib.error):
        return  # as above


def _ids(items) -> Iterator[str]:
    return (d.id for d in items if isinstance(d, Document))


def _warc_ids(path) -> Iterator[str]:
    """The URLs of a WARC file's HTML responses (a page without one is left out: its
    id is its extracted text's hash, which only reading the page gives)."""
    try:
        from warcio.archiveiterator import ArchiveIterator

        with open_binary(path) as fh:
            for record in ArchiveIterator(fh):
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if record.rec_type == "response" and "html" in ctype.lower() and slugify(url):
                    yield slugify(url)
    except Exception:  # noqa: BLE001 - the reader reports what is wrong with the file
        return


# -- which files ------------------------------------------------------------------------
def _listing(inputs: list, opts: ReaderOptions, excluded: list[Path]) -> Iterator[Entry]:
    """Every file to read, with the id of a text file in a folder (its path there),
    and the read errors of inputs, folders and links, in input order."""
    for item in inputs:
        if is_url(item):
            yield from _url_listing(item, opts)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _folder_listing(path, opts, excluded)
        elif path.is_file():
            yield path, None
        elif path.is_symlink():
            yield _broken_link(path)
        else:
            yield ReadError(str(path), "no such file or folder")


def _folder_listing(path: Path, opts: ReaderOptions, excluded: list[Path]) -> Iterator[Entry]:
    skip = []  # excluded folders inside this one, as relative parts
    for e in excluded:
        try:
            rel = e.relative_to(path.resolve()).parts
        except ValueError:
            continue
        # the output folder is the input folder itself: leave out only a run's own files
        skip.extend([(name,) for name in RUN_OUTPUT_FILES] if rel == () else [rel])
    problems = _unreadable_folders(path, "**" in opts.glob or "/" in opts.glob, skip)
    yield from problems
    found = False
    for f in _folder_files(path, opts.glob, skip):
        found = True
        yield f if isinstance(f, ReadError) else (f, doc_id_from_name(str(f.relative_to(path))))
    if not found and not any(e.source == str(path) for e in problems):
        yield ReadError(str(path), f"folder has no readable files matching {opts.glob!r}")


def _url_listing(url: str, opts: ReaderOptions) -> Iterator[Entry]:
    """An fsspec URL input: a file, or a folder listed by ``opts.glob``."""
    try:
        fs, root = url_fs(url)
        is_dir = fs.isdir(root)
        if not is_dir and not fs.isfile(root):
            yield ReadError(url, "no such file or folder")
            return
        if not is_dir:
            yield url, None
            return
        base = root.rstrip("/")
        found = sorted(p for p in fs.glob(base + "/" + opts.glob) if known_suffix(p) and fs.isfile(p))
    except ValueError as err:
        yield ReadError(url, str(err))
        return
    except OSError as err:
        yield ReadError(url, f"cannot read: {getattr(err, 'strerror', None) or err}")
        return
    if not found:
        yield ReadError(url, f"folder has no readable files matching {opts.glob!r}")
    prefix = url.rstrip("/")
    for p in found:
        rel = p[len(base) + 1:] if p.startswith(base + "/") else file_name(p)
        yield f"{prefix}/{rel}", doc_id_from_name(rel)


def _unreadable_folders(folder: Path, recursive: bool, skip: list[tuple[str, ...]]) -> list[ReadError]:
    """Folders under ``folder`` that cannot be listed (a glob passes over them in silence)."""
    problems: list[ReadError] = []

    def note(err: OSError) -> None:
        problems.append(ReadError(str(err.filename or folder), f"cannot read folder: {err.strerror or err}"))

    if not recursive:
        try:
            with os.scandir(folder):
                pass
        except OSError as err:
            note(err)
        return problems
    for top, dirs, _files in os.walk(folder, onerror=note):
        rel = Path(top).relative_to(folder).parts
        dirs[:] = sorted(d for d in dirs if rel + (d,) not in skip)
    return problems


def _broken_link(path: Path) -> ReadError:
    """A symbolic link whose target cannot be opened: a loop, or a missing target."""
    try:
        os.stat(path)
        reason = "symbolic link that cannot be followed"
    except OSError as err:
        reason = ("symbolic link loop (it leads back to itself)" if err.errno == errno.ELOOP
                  else f"dangling symbolic link (its target {os.readlink(path)!r} does not exist)")
    return ReadError(str(path), reason)


def _folder_files(folder: Path, glob: str, skip: list[tuple[str, ...]]) -> Iterator[Union[Path, ReadError]]:
    """The readable files of a folder in sorted path order, and its broken symbolic
    links as read errors in their place. The default glob (``**/*``) is walked folder
    by folder, each sorted: the same order as ``sorted(folder.glob("**/*"))``
    (symbolic links to folders not followed, as ``**`` does), but holding one
    folder's listing at a time, not the archive's."""
    if glob != "**/*":
        for p in sorted(folder.glob(glob)):
            if _under(p.relative_to(folder).parts, skip):
                continue
            if p.is_file() and known_suffix(p):
                yield p
            elif p.is_symlink() and not p.exists():
                yield _broken_link(p)
        return

    def walk(top: Path, rel: tuple[str, ...]) -> Iterator[Union[Path, ReadError]]:
        try:
            with os.scandir(top) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            return  # reported by _unreadable_folders
        for e in entries:
            parts = rel + (e.name,)
            try:
                link = e.is_symlink()
                is_dir = e.is_dir() and not link
                is_file = not is_dir and e.is_file()
            except OSError:  # a link loop may say so here
                link, is_dir, is_file = True, False, False
            if is_dir:
                if parts not in skip:
                    yield from walk(top / e.name, parts)
            elif _under(parts, skip):
                continue
            elif is_file and known_suffix(e.name):
                yield top / e.name
            elif link and not is_file and not os.path.exists(top / e.name):
                yield _broken_link(top / e.name)

    yield from walk(folder, ())


def _under(parts: tuple[str, ...], folders: list[tuple[str, ...]]) -> bool:
    return any(f == parts[:len(f)] for f in folders)
