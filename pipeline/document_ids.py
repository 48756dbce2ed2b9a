"""Document ids: unique within a run (:class:`UniqueIds`), settled by the driver in
input order whatever the executor; and the one form every output file gives them
(:func:`document_iri`)."""
from __future__ import annotations

from pathlib import Path

DOCUMENT_PREFIX = "doc:"  # a document's IRI in graph.jsonld, and its id in every other output file


def document_iri(doc_id: str) -> str:
    """A document's id as every output file writes it: its ``@id`` in graph.jsonld
    (``doc:`` and the id the reader gave it). Given an IRI, the same IRI: reader ids
    are slugs (no ``:``), so ``doc:x`` can only be the IRI of ``x``.

    >>> document_iri("001-astana-talks"), document_iri("doc:001-astana-talks")
    ('doc:001-astana-talks', 'doc:001-astana-talks')
    """
    return doc_id if doc_id.startswith(DOCUMENT_PREFIX) else DOCUMENT_PREFIX + doc_id


def is_document_iri(doc_id: object) -> bool:
    return isinstance(doc_id, str) and doc_id.startswith(DOCUMENT_PREFIX)


class UniqueIds:
    """Document ids unique within a run, given in input order: the first use of an id
    keeps it, a repeat gets the first free ``-2``, ``-3``, ... suffix (checked against
    every id used so far, so ``x``, ``x-2``, ``x`` give ``x``, ``x-2``, ``x-3``). The
    same inputs in the same order give the same ids, whatever the executor.

    With ``path`` (the partitioned layout) the ids used so far are kept in an on-disk
    sqlite table there, not in memory: the driver's memory stays flat in the number
    of documents (only repeated ids are remembered in memory, with their next suffix).

    >>> ids = UniqueIds()
    >>> [ids(i) for i in ["x", "x-2", "x", "x"]]
    ['x', 'x-2', 'x-3', 'x-4']
    """

    def __init__(self, path: Path | None = None) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}
        self.path = path
        self._db = None
        if path is not None:
            import sqlite3

            path.unlink(missing_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=OFF")
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute("CREATE TABLE used (id TEXT PRIMARY KEY) WITHOUT ROWID")
            self._db.execute("BEGIN")

    def _add(self, doc_id: str) -> bool:
        """Mark ``doc_id`` used; False when it already was."""
        if self._db is None:
            if doc_id in self.used:
                return False
            self.used.add(doc_id)
            return True
        return self._db.execute("INSERT OR IGNORE INTO used VALUES (?)", (doc_id,)).rowcount == 1

    def __call__(self, doc_id: str) -> str:
        if self._add(doc_id):
            return doc_id
        n = self.next.get(doc_id, 2)
        while not self._add(f"{doc_id}-{n}"):
            n += 1
        self.next[doc_id] = n + 1
        return f"{doc_id}-{n}"

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            self.path.unlink(missing_ok=True)
