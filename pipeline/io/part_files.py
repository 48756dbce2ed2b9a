"""The part files of the partitioned layout (:mod:`pipeline.io.partitioned`): their
folders and names, the Parquet tables' schemas and rows, N-Quads, and writes that
are atomic (a temporary name, then :func:`os.replace`)."""
from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path
from typing import Iterable

from ..graph import jsonld_context
from ..records import ROLES, DocumentRecord

TABLES = ("documents", "claims", "mentions", "entities")
PART_FOLDERS = (*TABLES, "graph", "_shards")


def clear_parts(outdir: Path, keep: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Remove this layout's part files (and temporary files) of shards not in ``keep``,
    and the merged entity files; returns what was removed (``folder/name``)."""
    removed = []
    for sub in PART_FOLDERS:
        folder = Path(outdir) / sub
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            stem = p.name.lstrip(".").split(".")[0]
            if p.is_file() and (p.name.startswith(".") or (stem.startswith("part-") and stem not in keep)
                                or (sub in ("entities", "graph") and stem in ("merged", "entities", "run"))):
                p.unlink()
                removed.append(f"{sub}/{p.name}")
    return removed


def require_pyarrow():
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise RuntimeError("--layout partitioned needs pyarrow: pip install 'claimgraph[export]'") from None
    return pyarrow


def schemas() -> dict:
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    return {
        "documents": pa.schema([("id", s), ("source", s), ("date", s), ("language", s), ("url", s),
                                ("text_offset", i), ("content_hash", s), ("sentences", i),
                                ("mentions", i), ("entities", i), ("claims", i)]),
        "claims": pa.schema([("id", s), ("document_id", s), ("predicate", s),
                             *[(role, s) for role in ROLES], ("polarity", s), ("modality", s),
                             ("confidence", f), ("evidence_start", i), ("evidence_end", i), ("claim", s)]),
        "mentions": pa.schema([("document_id", s), ("id", s), ("start", i), ("end", i), ("text", s),
                               ("label", s), ("entity_id", s), ("mention", s)]),
        "entities": pa.schema([("id", s), ("type", s), ("name", s), ("document_id", s), ("node", s)]),
        "merged": pa.schema([("id", s), ("type", s), ("name", s), ("alternate_names", pa.list_(s)),
                             ("node", s)]),
    }


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def table_rows(record: dict | DocumentRecord) -> dict[str, list[dict]]:
    """The Parquet rows of one documents.jsonl record, table by table, read from its
    typed record (the JSON columns hold each claim and mention as documents.jsonl does)."""
    doc = record if isinstance(record, DocumentRecord) else DocumentRecord.model_validate(record)
    claims = [{"id": c.id, "document_id": doc.id, "predicate": c.predicate,
               **{role: getattr(c, role) for role in ROLES}, "polarity": c.polarity, "modality": c.modality,
               "confidence": c.confidence, "evidence_start": c.evidence.start, "evidence_end": c.evidence.end,
               "claim": dumps(c.model_dump(exclude_none=True))} for c in doc.claims]
    mentions = [{"document_id": doc.id, "id": m.id, "start": m.start, "end": m.end, "text": m.text, "label": m.label,
                 "entity_id": m.entity_id, "mention": dumps(m.model_dump())} for m in doc.mentions]
    document = {"id": doc.id, "source": doc.source, "date": doc.date.isoformat() if doc.date else None,
                "language": doc.language, "url": doc.url, "text_offset": doc.text_offset,
                "content_hash": doc.content_hash, "sentences": len(doc.sentences), "mentions": len(mentions),
                "entities": len(doc.entities), "claims": len(claims)}
    return {"documents": [document], "claims": claims, "mentions": mentions}


def nquads(nodes: list[dict]) -> str:
    """N-Quads (default graph) of JSON-LD nodes under the contract's context, the same text
    for the same nodes in any process: blank nodes labelled stably, lines sorted."""
    from rdflib import Dataset

    from ..rdf_export import sorted_nquads

    ds = Dataset()
    if nodes:
        ds.parse(data=json.dumps({"@context": jsonld_context(), "@graph": nodes}, ensure_ascii=False),
                 format="json-ld")
    return sorted_nquads(ds)


def atomic_write(path: Path, write) -> None:
    """``write(tmp_path)``, then the temporary file replaces ``path`` at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name("." + path.name + ".tmp")
    write(tmp)
    os.replace(tmp, path)


def write_parquet(path: Path, rows: list[dict], schema) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    atomic_write(path, lambda tmp: pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp))


def write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_gz_lines(path: Path, lines: Iterable[str]) -> None:
    def write(tmp: Path) -> None:
        # no time or file name in the gzip header: the same records give the same bytes
        with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz, \
                io.TextIOWrapper(gz, encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")
    atomic_write(path, write)


def part_name(n: int) -> str:
    return f"part-{n:05d}"

