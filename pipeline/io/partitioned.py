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

At the end the entity nodes of all shards are merged by id in an on-disk
sqlite table (the driver holds one shard at a time, never every entity), the
run's person identity pass (:func:`pipeline.identity.plan_person_merges`) folds
partial names into their full-name person, and ``entities/merged.parquet`` and
``graph/entities.nq`` are written. Claim shards keep the document-level person
ids; ``graph/entities.nq`` links a merged partial id to its person with
``owl:sameAs`` and ``run.json``'s ``identity`` section lists the merges.

With ``resume=True`` a shard with its ``_shards`` marker and readable parts is
kept and its documents are skipped; part files of a shard without a marker (a
run killed mid-shard) are removed and the shard's documents are done again.
"""
from __future__ import annotations

import gzip
import json
import os
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from ..graph import jsonld_context, merge_entity_nodes, record_nodes, run_node
from ..identity import merged_entity, plan_person_merges, redirect_refs
from ..records import ROLES
from .writers import ERRORS, _complete_lines, doc_key, write_manifest

TABLES = ("documents", "claims", "mentions", "entities")
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


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


def _schemas() -> dict:
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


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def _entity_id(value):
    return value.get("@id") if isinstance(value, dict) else value


def table_rows(record: dict) -> dict[str, list[dict]]:
    """The Parquet rows of one documents.jsonl record, table by table."""
    doc_id = record["id"]
    claims = []
    for c in record.get("claims", []):
        ev = c.get("evidence") or {}
        claims.append({"id": c.get("id"), "document_id": doc_id, "predicate": c.get("predicate"),
                       **{role: _entity_id(c.get(role)) for role in ROLES},
                       "polarity": c.get("polarity"), "modality": c.get("modality"),
                       "confidence": c.get("confidence"), "evidence_start": ev.get("start"),
                       "evidence_end": ev.get("end"), "claim": _dumps(c)})
    mentions = [{"document_id": doc_id, "id": m.get("id"), "start": m.get("start"), "end": m.get("end"),
                 "text": m.get("text"), "label": m.get("label"), "entity_id": m.get("entity_id"),
                 "mention": _dumps(m)} for m in record.get("mentions", [])]
    document = {"id": doc_id, "source": record.get("source"), "date": record.get("date"),
                "language": record.get("language"), "url": record.get("url"),
                "text_offset": record.get("text_offset"), "content_hash": record.get("content_hash"),
                "sentences": len(record.get("sentences", [])), "mentions": len(mentions),
                "entities": len(record.get("entities", [])), "claims": len(claims)}
    return {"documents": [document], "claims": claims, "mentions": mentions}


def nquads(nodes: list[dict]) -> str:
    """N-Quads (default graph) of JSON-LD nodes under the contract's context."""
    from rdflib import Dataset

    ds = Dataset()
    if nodes:
        ds.parse(data=json.dumps({"@context": jsonld_context(), "@graph": nodes}, ensure_ascii=False),
                 format="json-ld")
    return ds.serialize(format="nquads")


def _atomic_write(path: Path, write) -> None:
    """``write(tmp_path)``, then the temporary file replaces ``path`` at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name("." + path.name + ".tmp")
    write(tmp)
    os.replace(tmp, path)


def _write_parquet(path: Path, rows: list[dict], schema) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    _atomic_write(path, lambda tmp: pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp))


def _write_text(path: Path, text: str) -> None:
    _atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _write_gz_lines(path: Path, lines: Iterable[str]) -> None:
    def write(tmp: Path) -> None:
        with gzip.open(tmp, "wt", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")
    _atomic_write(path, write)


def _part(n: int) -> str:
    return f"part-{n:05d}"


class PartitionedWriter:
    """The run writer of the partitioned layout (same calls as
    :class:`pipeline.io.writers.RunWriter`)."""

    def __init__(self, outdir: Path, resume: bool = False, shard_size: int = 1000):
        require_pyarrow()
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.shard_size = max(1, shard_size)
        self.schemas = _schemas()
        self.done: set[str] = set()
        self.failed_sources: set[str] = set()
        self.counts = {"documents": 0, "sentences": 0, "claims": 0, "errors": 0}
        self.shards: list[dict] = []  # the manifest entries of complete shards
        self.entity_count = 0
        self._buffer: list[dict] = []
        if resume:
            self._load_shards()
            for line in _complete_lines(self.outdir / ERRORS):
                err = json.loads(line)
                self.counts["errors"] += 1
                self.failed_sources.add(doc_key(err["id"], err["content_hash"]) if err.get("content_hash")
                                        else err.get("source"))
        else:
            self._clear_parts(keep=set())
        self.resumed = self.counts["documents"] + self.counts["errors"]
        self._next = max((s["shard"] for s in self.shards), default=-1) + 1
        self._errors = open(self.outdir / ERRORS, "a" if resume else "w", encoding="utf-8")

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
            keep.add(_part(marker["shard"]))
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
        self._errors.write(json.dumps(error, ensure_ascii=False) + "\n")
        self._errors.flush()
        self.counts["errors"] += 1

    def write_document(self, record: dict) -> None:
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
        name = _part(n)
        rows: dict[str, list[dict]] = {t: [] for t in TABLES}
        graph_nodes: list[dict] = []
        for record in records:
            for table, table_rows_ in table_rows(record).items():
                rows[table].extend(table_rows_)
            doc, entities, claims = record_nodes(record)
            graph_nodes.append(doc)
            graph_nodes.extend(claims)
            rows["entities"].extend({"id": e["@id"], "type": e.get("@type"), "name": e.get("name"),
                                     "document_id": record["id"], "node": _dumps(e)} for e in entities)
        files = {"documents.jsonl": (f"documents/{name}.jsonl.gz", len(records))}
        _write_gz_lines(self.outdir / files["documents.jsonl"][0],
                        (json.dumps(r, ensure_ascii=False) for r in records))
        for table in TABLES:
            files[table] = (f"{table}/{name}.parquet", len(rows[table]))
            _write_parquet(self.outdir / files[table][0], rows[table], self.schemas[table])
        text = nquads(graph_nodes)
        files["graph"] = (f"graph/{name}.nq", text.count("\n"))
        _write_text(self.outdir / files["graph"][0], text)
        marker = {"shard": n, "documents": len(records),
                  "files": {k: {"path": p, "rows": rows_, "bytes": (self.outdir / p).stat().st_size}
                            for k, (p, rows_) in files.items()}}
        _write_text(self.outdir / "_shards" / f"{name}.json", json.dumps(marker, ensure_ascii=False, indent=1))
        self.shards.append(marker)

    # -- the end: entities merged on disk, identity, manifest -------------------------
    def _entity_nodes(self) -> Iterator[dict]:
        import pyarrow.parquet as pq

        for marker in sorted(self.shards, key=lambda m: m["shard"]):
            table = pq.read_table(self.outdir / marker["files"]["entities"]["path"], columns=["node"])
            for batch in table.to_batches(max_chunksize=10000):
                for node in batch.column(0).to_pylist():
                    yield json.loads(node)

    def finish(self, manifest: dict) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._flush()
        self._errors.close()
        db_path = self.outdir / ".entities.sqlite"
        db_path.unlink(missing_ok=True)
        db = sqlite3.connect(db_path)
        try:
            db.execute("CREATE TABLE seen (id TEXT, seq INTEGER, node TEXT)")  # seq: input order
            db.executemany("INSERT INTO seen VALUES (?, ?, ?)",
                           ((n["@id"], i, _dumps(n)) for i, n in enumerate(self._entity_nodes())))
            db.execute("CREATE INDEX seen_id ON seen (id, seq)")
            db.execute("CREATE TABLE merged (id TEXT PRIMARY KEY, type TEXT, node TEXT)")

            def merged_nodes() -> Iterator[tuple]:
                current = None
                for eid, node in db.execute("SELECT id, node FROM seen ORDER BY id, seq"):
                    node = json.loads(node)
                    if current is not None and current["@id"] == eid:
                        current = merge_entity_nodes(current, node)
                        continue
                    if current is not None:
                        yield current["@id"], current.get("@type"), _dumps(current)
                    current = node
                if current is not None:
                    yield current["@id"], current.get("@type"), _dumps(current)
            db.executemany("INSERT INTO merged VALUES (?, ?, ?)", merged_nodes())
            db.commit()
            persons = (json.loads(n) for (n,) in db.execute("SELECT node FROM merged WHERE type = 'Person'"))
            plan = plan_person_merges(persons)
            folded: dict[str, list[str]] = {}
            for old, new in plan.redirect.items():
                folded.setdefault(new, []).append(old)

            def node_of(eid: str) -> dict:
                (node,) = db.execute("SELECT node FROM merged WHERE id = ?", (eid,)).fetchone()
                return json.loads(node)

            writer = pq.ParquetWriter(self.outdir / "entities" / ".merged.parquet.tmp", self.schemas["merged"])
            nq_tmp = self.outdir / "graph" / ".entities.nq.tmp"
            count, batch = 0, []
            with open(nq_tmp, "w", encoding="utf-8") as nq:
                def flush_batch() -> None:
                    if batch:
                        writer.write_table(pa.Table.from_pylist(
                            [{"id": b["@id"], "type": b.get("@type"), "name": b.get("name"),
                              "alternate_names": b.get("alternateName", []), "node": _dumps(b)} for b in batch],
                            schema=self.schemas["merged"]))
                        nq.write(nquads(batch))
                        batch.clear()

                for eid, node in db.execute("SELECT id, node FROM merged ORDER BY id"):
                    if eid in plan.redirect:
                        continue
                    node = json.loads(node)
                    for old in folded.get(eid, []):
                        node = merged_entity(node, node_of(old))
                    batch.append(redirect_refs(node, plan))
                    count += 1
                    if len(batch) >= 5000:
                        flush_batch()
                flush_batch()
                expand = {k: v for k, v in jsonld_context().items() if isinstance(v, str)}
                for old, new in sorted(plan.redirect.items()):
                    a, b = (expand[x.split(":", 1)[0]] + x.split(":", 1)[1] for x in (old, new))
                    nq.write(f"<{a}> <{SAME_AS}> <{b}> .\n")
            writer.close()
        finally:
            db.close()
            db_path.unlink(missing_ok=True)
        os.replace(self.outdir / "entities" / ".merged.parquet.tmp", self.outdir / "entities" / "merged.parquet")
        os.replace(nq_tmp, self.outdir / "graph" / "entities.nq")
        _write_text(self.outdir / "graph" / "run.nq", nquads([run_node()]))
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
