"""Document ids that do not depend on the order of the inputs.

A document's short id comes from its own name: a file's path within the folder
given (``2024/a.txt`` -> ``2024-a``), an archive member's path within its archive,
a JSON Lines line's id field (or its text's hash), a WARC page's URL. When two
documents of a run would get the same short id (``a.txt`` in ``A.zip`` and in
``B.zip``), both get it followed by a hash of their own source
(``a-1f0c2b9e``: the first 8 hex digits of the SHA-1 of ``A.zip!a.txt``), never a
counter in the order they were read: the same inputs in any order, and a resumed
run, give each document the same id.

The readers list every short id once before reading (:class:`Collisions`, 16
bytes a document: a hash of the id and of its file), so that the first of two
documents already knows it has a twin.
"""
from __future__ import annotations

import hashlib
from array import array


def id_hash(text: str) -> int:
    """A 64-bit hash of a string (an id, or the path of the file it came from)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def qualified_id(doc_id: str, source: str) -> str:
    """The id of a document whose short id another document of the run has too.

    >>> qualified_id("a", "A.zip!a.txt"), qualified_id("a", "B.zip!a.txt")
    ('a-eb02929d', 'a-7a5abef2')
    """
    return f"{doc_id}-{hashlib.sha1(source.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


class Collisions:
    """Short ids seen more than once in a run, per file that holds them."""

    def __init__(self) -> None:
        self._ids = array("Q")
        self._files = array("Q")

    def add(self, doc_id: str, file_key: int) -> None:
        self._ids.append(id_hash(doc_id))
        self._files.append(file_key)

    def by_file(self) -> dict[int, frozenset[int]]:
        """``{file key: hashes of its ids that another document has too}`` (usually empty)."""
        import numpy as np

        if len(self._ids) < 2:
            return {}
        ids = np.frombuffer(self._ids, dtype=np.uint64)
        files = np.frombuffer(self._files, dtype=np.uint64)
        order = np.argsort(ids, kind="stable")
        ids, files = ids[order], files[order]
        repeated = np.zeros(len(ids), dtype=bool)
        same = ids[1:] == ids[:-1]
        repeated[1:] |= same
        repeated[:-1] |= same
        out: dict[int, set[int]] = {}
        for doc, file in zip(ids[repeated].tolist(), files[repeated].tolist()):
            out.setdefault(file, set()).add(doc)
        return {file: frozenset(docs) for file, docs in out.items()}
