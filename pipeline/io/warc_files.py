"""WARC web archives (``.warc``, ``.warc.gz``): each HTML response is a document, its
text and date extracted by trafilatura (the ``warc`` extra). A WARC file is one work
unit (:class:`WarcUnit`), read whole by the worker."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Iterator, Union

from ..ids import slugify
from ..records import Document
from .decoding import clean_text, decode
from .locations import open_binary
from .reading import ReaderOptions, ReadError, content_hash


@dataclass(frozen=True)
class WarcUnit:
    """A WARC file, read whole by the worker."""
    path: str
    clash: frozenset = frozenset()

    def documents(self, opts: "ReaderOptions") -> Iterator["Union[Document, ReadError]"]:
        yield from read_warc(self.path, opts)


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
