"""Where inputs live and what kind each is: local paths or fsspec URLs (``file://``,
``memory://``, ``s3://`` ... where the filesystem's package is installed), told
apart by their suffix (:func:`known_suffix`)."""
from __future__ import annotations

import re

TEXT_SUFFIXES = (".txt",)
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
RUN_OUTPUT_FILES = ("documents.jsonl", "errors.jsonl")  # what a run writes that a reader could read
ALL_SUFFIXES = TEXT_SUFFIXES + ARCHIVE_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES


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


def file_name(path) -> str:
    """The last part of a path or URL (``a/b.tar.gz`` -> ``b.tar.gz``)."""
    return str(path).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def known_suffix(path) -> str:
    """Which of the suffixes above a file name ends with (``b.tar.gz`` -> ``.tar.gz``),
    or ``""`` for a file no reader reads by its name."""
    name = file_name(path).lower()
    for s in sorted(ALL_SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return ""
