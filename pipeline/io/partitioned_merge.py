"""The end of a partitioned run: the entity nodes of all shards merged by id in an
on-disk sqlite table (the driver holds one shard at a time, never every entity),
then the run's person identity pass (:func:`pipeline.identity.plan_person_merges`)
folds partial names into their full-name person; ``entities/merged.parquet`` and
``graph/entities.nq`` are written, the latter linking each merged partial id to
its person with ``owl:sameAs``; and the claims and mentions tables name each
merged person by its one id (:func:`redirect_tables`)."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Iterator

from ..graph import jsonld_context, merge_entity_nodes
from ..identity import MergePlan, merged_entity, plan_person_merges, redirect_refs
from ..records import ROLES
from .part_files import atomic_write, dumps, nquads, part_name, write_text

SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


def _entity_nodes(outdir: Path, shards: list[dict]) -> Iterator[dict]:
    """Every shard's entity nodes, shard by shard (one batch of rows in memory at a time)."""
    import pyarrow.parquet as pq

    for marker in sorted(shards, key=lambda m: m["shard"]):
        table = pq.read_table(outdir / marker["files"]["entities"]["path"], columns=["node"])
        for batch in table.to_batches(max_chunksize=10000):
            for node in batch.column(0).to_pylist():
                yield json.loads(node)


def merge_entities(outdir: Path, shards: list[dict], merged_schema) -> tuple[int, MergePlan]:
    """Write ``entities/merged.parquet`` and ``graph/entities.nq`` from the shards'
    entity parts; returns the number of merged entities and the identity plan."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    db_path = outdir / ".entities.sqlite"
    db_path.unlink(missing_ok=True)
    db = sqlite3.connect(db_path)
    try:
        db.execute("CREATE TABLE seen (id TEXT, seq INTEGER, node TEXT)")  # seq: input order
        db.executemany("INSERT INTO seen VALUES (?, ?, ?)",
                       ((n["@id"], i, dumps(n)) for i, n in enumerate(_entity_nodes(outdir, shards))))
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
                    yield current["@id"], current.get("@type"), dumps(current)
                current = node
            if current is not None:
                yield current["@id"], current.get("@type"), dumps(current)
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

        writer = pq.ParquetWriter(outdir / "entities" / ".merged.parquet.tmp", merged_schema)
        nq_tmp = outdir / "graph" / ".entities.nq.tmp"
        count, batch = 0, []
        with open(nq_tmp, "w", encoding="utf-8") as nq:
            def flush_batch() -> None:
                if batch:
                    writer.write_table(pa.Table.from_pylist(
                        [{"id": b["@id"], "type": b.get("@type"), "name": b.get("name"),
                          "alternate_names": b.get("alternateName", []), "node": dumps(b)} for b in batch],
                        schema=merged_schema))
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
    os.replace(outdir / "entities" / ".merged.parquet.tmp", outdir / "entities" / "merged.parquet")
    os.replace(nq_tmp, outdir / "graph" / "entities.nq")
    return count, plan


# the entity columns of a table's rows, and the column holding the row's own record (which
# keeps the ids its document gave, so that the columns can be made again under another plan)
_ENTITY_COLUMNS = {"claims": (ROLES, "claim"), "mentions": (("entity_id",), "mention")}


def redirect_tables(outdir: Path, shards: list[dict], plan: MergePlan) -> None:
    """The claims' role columns and the mentions' ``entity_id`` of every shard, with each
    merged partial person id replaced by its person's: the ids ``graph.jsonld`` and
    ``entities/merged.parquet`` give. Each value is made from the row's own record under
    this plan (a resumed run's plan may differ), and a part is rewritten, with its
    shard's marker, only where a value changes; one shard in memory at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for marker in sorted(shards, key=lambda m: m["shard"]):
        changed = False
        for table, (columns, record_column) in _ENTITY_COLUMNS.items():
            info = marker["files"][table]
            path = outdir / info["path"]
            data = pq.read_table(path)
            rows = data.to_pylist()
            moved = 0
            for row in rows:
                own = json.loads(row[record_column])
                for column in columns:
                    value = own.get(column)
                    value = value.get("@id") if isinstance(value, dict) else value
                    target = plan.target(value) if isinstance(value, str) else value
                    if row[column] != target:
                        row[column] = target
                        moved += 1
            if moved:
                atomic_write(path, lambda tmp: pq.write_table(pa.Table.from_pylist(rows, schema=data.schema), tmp))
                info["bytes"] = path.stat().st_size
                changed = True
        if changed:  # after the parts: a kill between the two leaves a shard that is done again
            write_text(outdir / "_shards" / f"{part_name(marker['shard'])}.json",
                       json.dumps(marker, ensure_ascii=False, indent=1))
