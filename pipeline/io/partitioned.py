"""The partitioned layout of a run (``claimgraph run --layout partitioned``), for
archives too large for one ``graph.jsonld``.

Finished documents are collected into shards of ``shard_size`` documents; each
shard is written as part files, every one atomically (a temporary name, then
:func:`os.replace`)::

    documents/part-NNNNN.jsonl.gz   the documents.jsonl records of the shard
    documents/part-NNNNN.parquet    one row a document (id, source, date, ...)
    claims/part-NNNNN.parquet       one row a claim (roles flattened, full claim as JSON)
    mentions/part-NNNNN.parquet     one row a mention
    entities/part-NNNNN.parquet     the shard's entity nodes (JSON-LD), before merging
    graph/part-NNNNN.nq             N-Quads of the shard's document and claim nodes
    _shards/part-NNNNN.json         written last: the shard is complete

At the end (:mod:`pipeline.io.partitioned_merge`) the entity nodes of all
shards are merged by id in an on-disk sqlite table (the driver holds one shard
at a time, never every entity), the run's person identity pass
(:func:`pipeline.identity.plan_person_merges`) folds partial names into their
full-name person, and ``entities/merged.parquet`` and ``graph/entities.nq``
are written; the claims and mentions tables then name each merged person by its
one id (made again from each row's own record, which keeps the document's ids). The
per-document records (``documents/*.jsonl.gz``, the rows' JSON columns) and
``graph/part-*.nq`` keep the ids their document gave; ``graph/entities.nq`` links a
merged partial id to its person with ``owl:sameAs`` and ``run.json``'s ``identity``
section lists the merges.

With ``resume=True`` a shard with its ``_shards`` marker and readable parts is
kept and its documents are skipped; part files of a shard without a marker (a
run killed mid-shard) are removed and the shard's documents are done again.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from ..graph import record_nodes, run_node
from ..records import DocumentRecord
from .part_files import (TABLES, clear_parts, dumps, nquads, part_name, require_pyarrow, schemas, table_rows,
                         write_gz_lines, write_parquet, write_text)
from .partitioned_merge import merge_entities, redirect_tables
from .writers import ERRORS, doc_key, previous_errors, with_document_iri, write_manifest


class PartitionedWriter:
    """The run writer of the partitioned layout (same calls as
    :class:`pipeline.io.writers.RunWriter`)."""

    def __init__(self, outdir: Path, resume: bool = False, shard_size: int = 1000, retry_errors: bool = False):
        require_pyarrow()
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.shard_size = max(1, shard_size)
        self.schemas = schemas()
        self.done: set[str] = set()
        self.failed_sources: set[str] = set()
        self.counts = {"documents": 0, "sentences": 0, "claims": 0, "errors": 0}
        self.shards: list[dict] = []  # the manifest entries of complete shards
        self.entity_count = 0
        self._buffer: list[dict] = []
        self.retried = 0  # error rows of the earlier run tried again (--retry-errors)
        if resume:
            self._load_shards()
            self.failed_sources, self.counts["errors"], self.retried = previous_errors(self.outdir, retry_errors)
        else:
            self._clear_parts(keep=set())
        self.resumed = self.counts["documents"] + self.counts["errors"]
        self._next = max((s["shard"] for s in self.shards), default=-1) + 1
        self._errors = open(self.outdir / ERRORS, "w" if self.retried or not resume else "a", encoding="utf-8")

    # -- resume ---------------------------------------------------------------
    def _shard_ok(self, marker: dict) -> list[dict] | None:
        """The records of a complete shard, or None when a part is missing or torn."""
        for info in marker["files"].values():
            p = self.outdir / info["path"]
            if not p.is_file() or p.stat().st_size != info["bytes"]:
                return None
        try:
            with gzip.open(self.outdir / marker["files"]["documents.jsonl"]["path"], "rt", encoding="utf-8") as fh:
                records = [json.loads(line) for line in fh]
        except (OSError, EOFError, ValueError):
            return None
        return records if len(records) == marker["documents"] else None

    def _load_shards(self) -> None:
        keep = set()
        for path in sorted((self.outdir / "_shards").glob("part-*.json")):
            try:
                marker = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            records = self._shard_ok(marker)
            if records is None:
                path.unlink(missing_ok=True)
                continue
            keep.add(part_name(marker["shard"]))
            self.shards.append(marker)
            for r in records:
                self.done.add(doc_key(r["id"], r.get("content_hash")))
                self._count(r)
        self._clear_parts(keep)

    def _clear_parts(self, keep: set[str]) -> None:
        clear_parts(self.outdir, keep)

    # -- writing ----------------------------------------------------------------
    def seen(self, key: str | None, source: str) -> bool:
        return (key in self.done or key in self.failed_sources) if key else source in self.failed_sources

    def write_error(self, error: dict) -> None:
        error = with_document_iri(error)
        self._errors.write(json.dumps(error, ensure_ascii=False) + "\n")
        self._errors.flush()
        self.counts["errors"] += 1

    def write_document(self, record: dict) -> None:
        record = with_document_iri(record)
        self._buffer.append(record)
        self._count(record)
        if len(self._buffer) >= self.shard_size:
            self._flush()

    def _count(self, record: dict) -> None:
        self.counts["documents"] += 1
        self.counts["sentences"] += len(record.get("sentences", []))
        self.counts["claims"] += len(record.get("claims", []))

    def _flush(self) -> None:
        if not self._buffer:
            return
        n, records, self._buffer = self._next, self._buffer, []
        self._next += 1
        name = part_name(n)
        rows: dict[str, list[dict]] = {t: [] for t in TABLES}
        graph_nodes: list[dict] = []
        for record in records:
            typed = DocumentRecord.model_validate(record)  # the tables and the graph read the typed record
            for table, table_rows_ in table_rows(typed).items():
                rows[table].extend(table_rows_)
            doc, entities, claims = record_nodes(typed)
            graph_nodes.append(doc)
            graph_nodes.extend(claims)
            rows["entities"].extend({"id": e["@id"], "type": e.get("@type"), "name": e.get("name"),
                                     "document_id": record["id"], "node": dumps(e)} for e in entities)
        files = {"documents.jsonl": (f"documents/{name}.jsonl.gz", len(records))}
        write_gz_lines(self.outdir / files["documents.jsonl"][0],
                       (json.dumps(r, ensure_ascii=False) for r in records))
        for table in TABLES:
            files[table] = (f"{table}/{name}.parquet", len(rows[table]))
            write_parquet(self.outdir / files[table][0], rows[table], self.schemas[table])
        text = nquads(graph_nodes)
        files["graph"] = (f"graph/{name}.nq", text.count("\n"))
        write_text(self.outdir / files["graph"][0], text)
        marker = {"shard": n, "documents": len(records),
                  "files": {k: {"path": p, "rows": rows_, "bytes": (self.outdir / p).stat().st_size}
                            for k, (p, rows_) in files.items()}}
        write_text(self.outdir / "_shards" / f"{name}.json", json.dumps(marker, ensure_ascii=False, indent=1))
        self.shards.append(marker)

    # -- the end: entities merged on disk, identity, manifest -------------------------
    def finish(self, manifest: dict) -> None:
        self._flush()
        self._errors.close()
        count, plan = merge_entities(self.outdir, self.shards, self.schemas["merged"])
        redirect_tables(self.outdir, self.shards, plan)  # the tables name a merged person by its one id
        write_text(self.outdir / "graph" / "run.nq", nquads([run_node()]))
        self.entity_count = count
        parts = [{"shard": m["shard"], "documents": m["documents"], "files": m["files"]}
                 for m in sorted(self.shards, key=lambda m: m["shard"])]
        merged_files = {"entities/merged.parquet": count,
                        "graph/entities.nq": (self.outdir / "graph" / "entities.nq").read_bytes().count(b"\n"),
                        "graph/run.nq": (self.outdir / "graph" / "run.nq").read_bytes().count(b"\n")}
        manifest = {**manifest, "layout": "partitioned",
                    "counts": {**self.counts, "entities": count},
                    "parts": parts,
                    "merged": {path: {"rows": rows} for path, rows in merged_files.items()},
                    "identity": plan.summary()}
        write_manifest(self.outdir, manifest)
