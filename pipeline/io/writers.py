"""Writing a run's four files as documents finish, with memory independent of
the number of documents: records go straight to ``documents.jsonl``; the graph's
document and claim nodes go to part files and only entities stay in memory;
``graph.jsonld`` is assembled from the parts at the end.

With ``resume=True`` an existing output folder is read first: a torn last line
(a run killed mid-write) is cut off, finished documents are remembered by
content hash and skipped, and the graph is rebuilt from their records.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..document_ids import document_iri
from ..graph import jsonld_context, merge_entity_nodes, record_nodes, run_node
from ..identity import merge_persons, redirect_refs

DOCS = "documents.jsonl"
ERRORS = "errors.jsonl"
GRAPH = "graph.jsonld"
MANIFEST = "run.json"


def _complete_lines(path: Path) -> list[str]:
    """The complete JSON lines of a file; a torn tail is cut off the file."""
    if not path.exists():
        return []
    data = path.read_bytes()
    keep = data.rfind(b"\n") + 1
    lines = []
    for line in data[:keep].decode("utf-8").splitlines():
        try:
            json.loads(line)
            lines.append(line)
        except json.JSONDecodeError:
            break
    good = sum(len(line.encode("utf-8")) + 1 for line in lines)
    if good != len(data):
        with open(path, "r+b") as fh:
            fh.truncate(good)
    return lines


def previous_errors(outdir: Path, retry: bool = False) -> tuple[set[str], int, int]:
    """What a resumed run takes over from ``errors.jsonl``: (the failed documents' resume
    keys and the unreadable sources, not to be done again; how many rows are kept; how many
    are dropped to be tried again). With ``retry`` every row is tried again: a failed
    document is processed again, and an unreadable input is read again anyway as the run
    reads its inputs, so errors.jsonl is started afresh and holds, once, what fails now."""
    rows = [json.loads(line) for line in _complete_lines(Path(outdir) / ERRORS)]
    if retry:
        return set(), 0, len(rows)
    failed = {doc_key(err["id"], err["content_hash"]) if err.get("content_hash") else err.get("source")
              for err in rows}
    return failed, len(rows), 0


def write_manifest(outdir: Path, manifest: dict) -> None:
    """run.json, at once (a temporary file, then a rename): never half a manifest."""
    tmp = Path(outdir) / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, Path(outdir) / MANIFEST)


def doc_key(doc_id: str, content_hash: str | None) -> str:
    """A document's identity for resuming: its id (from its path, in its output form
    ``doc:...`` whichever form is given) and its text."""
    return f"{document_iri(doc_id)}:{content_hash}"


def with_document_iri(row: dict) -> dict:
    """A documents.jsonl record or an errors.jsonl row with its document's id in the
    one form every output file gives it (the graph's ``@id``, ``doc:...``); a read
    error (no document yet) has no id."""
    return {**row, "id": document_iri(row["id"])} if row.get("id") else row


class RunWriter:
    def __init__(self, outdir: Path, resume: bool = False, retry_errors: bool = False):
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.done: set[str] = set()  # "id:content hash" of documents in the output before this run
        self.failed_sources: set[str] = set()
        self.entities: dict[str, dict] = {}
        self.counts = {"documents": 0, "sentences": 0, "claims": 0, "errors": 0}
        self._doc_part = open(self.outdir / ".graph-documents.part", "w", encoding="utf-8")
        self._claim_part = open(self.outdir / ".graph-claims.part", "w", encoding="utf-8")
        self.retried = 0  # error rows of the earlier run tried again (--retry-errors)
        mode = "a" if resume else "w"
        if resume:
            for line in _complete_lines(self.outdir / DOCS):
                record = json.loads(line)
                self._add_to_graph(record)
                self.done.add(doc_key(record["id"], record.get("content_hash")))
            self.failed_sources, self.counts["errors"], self.retried = previous_errors(self.outdir, retry_errors)
        self.resumed = self.counts["documents"] + self.counts["errors"]
        self._docs = open(self.outdir / DOCS, mode, encoding="utf-8")
        self._errors = open(self.outdir / ERRORS, "w" if self.retried or not resume else "a", encoding="utf-8")

    def seen(self, key: str | None, source: str) -> bool:
        """Was this document (key from :func:`doc_key`) or this unreadable source
        already written before this run?"""
        return (key in self.done or key in self.failed_sources) if key else source in self.failed_sources

    def write_document(self, record: dict) -> None:
        record = with_document_iri(record)
        self._docs.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._docs.flush()
        self._add_to_graph(record)

    def write_error(self, error: dict) -> None:
        error = with_document_iri(error)
        self._errors.write(json.dumps(error, ensure_ascii=False) + "\n")
        self._errors.flush()
        self.counts["errors"] += 1

    def _add_to_graph(self, record: dict) -> None:
        doc, entities, claims = record_nodes(record)
        self._doc_part.write(json.dumps(doc, ensure_ascii=False) + "\n")
        for node in claims:
            self._claim_part.write(json.dumps(node, ensure_ascii=False) + "\n")
        for node in entities:
            old = self.entities.get(node["@id"])
            self.entities[node["@id"]] = merge_entity_nodes(old, node) if old else node
        self.counts["documents"] += 1
        self.counts["sentences"] += len(record.get("sentences", []))
        self.counts["claims"] += len(record.get("claims", []))

    def finish(self, manifest: dict) -> None:
        for fh in (self._docs, self._errors, self._doc_part, self._claim_part):
            fh.close()
        # one identity per person across the run: a surname alone joins the one full name
        plan = merge_persons(self.entities)
        tmp = self.outdir / (GRAPH + ".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            out.write('{"@context": ' + json.dumps(jsonld_context(), ensure_ascii=False) + ',\n "@graph": [\n')
            out.write(json.dumps(run_node(), ensure_ascii=False))
            for part in (".graph-documents.part", None, ".graph-claims.part"):
                if part is None:
                    for eid in sorted(self.entities):
                        node = redirect_refs(self.entities[eid], plan)
                        out.write(",\n" + json.dumps(node, ensure_ascii=False))
                    continue
                with open(self.outdir / part, encoding="utf-8") as fh:
                    for line in fh:
                        if plan.redirect and part == ".graph-claims.part":
                            line = json.dumps(redirect_refs(json.loads(line), plan), ensure_ascii=False)
                        out.write(",\n" + line.rstrip("\n"))
            out.write("\n]}\n")
        os.replace(tmp, self.outdir / GRAPH)
        for part in (".graph-documents.part", ".graph-claims.part"):
            (self.outdir / part).unlink(missing_ok=True)
        manifest = {**manifest, "counts": {**self.counts, "entities": len(self.entities)},
                    "identity": plan.summary()}
        write_manifest(self.outdir, manifest)
