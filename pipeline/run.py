"""A run: inputs -> pipeline -> the four output files of the contract.

``OUTDIR/documents.jsonl`` and ``errors.jsonl`` are written as documents finish;
``graph.jsonld`` and ``run.json`` at the end. A document that fails goes to
``errors.jsonl`` and the run goes on.
"""
from __future__ import annotations

import json
import platform
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import CONTRACT_VERSION, __version__
from .core import Pipeline
from .graph import ClaimsGraph
from .io.readers import ReadError, iter_documents


@dataclass
class RunSummary:
    documents: int = 0
    sentences: int = 0
    entities: int = 0
    claims: int = 0
    errors: int = 0
    seconds: float = 0.0
    outdir: Path | None = None
    entity_ids: set = field(default_factory=set)

    def line(self) -> str:
        return (f"{self.documents} documents, {self.sentences} sentences, {len(self.entity_ids)} entities, "
                f"{self.claims} claims, {self.errors} errors in {self.seconds:.1f}s -> {self.outdir}")


def run(
    inputs: Iterable[Path | str],
    outdir: Path | str,
    nlp: Pipeline,
    on_document: Callable[[str], None] | None = None,
) -> RunSummary:
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    summary = RunSummary(outdir=outdir)
    graph = ClaimsGraph()
    started = time.perf_counter()
    seen_ids: dict[str, int] = {}
    with open(outdir / "documents.jsonl", "w", encoding="utf-8") as docs_out, \
            open(outdir / "errors.jsonl", "w", encoding="utf-8") as errors_out:
        for item in iter_documents(inputs):
            source = item.source
            if isinstance(item, ReadError):
                _write(errors_out, {"source": item.source, "reason": item.reason, "stage": "read"})
                summary.errors += 1
            else:
                if item.id in seen_ids:  # two inputs with the same name: keep both
                    seen_ids[item.id] += 1
                    item = item.model_copy(update={"id": f"{item.id}-{seen_ids[item.id]}"})
                seen_ids.setdefault(item.id, 1)
                try:
                    result = nlp(item)
                except Exception as err:  # noqa: BLE001 - any failure is the document's, recorded
                    _write(errors_out, {"source": source, "id": item.id, "reason": f"{type(err).__name__}: {err}",
                                        "stage": "pipeline"})
                    summary.errors += 1
                else:
                    _write(docs_out, result.to_record())
                    graph.add_document(result)
                    summary.documents += 1
                    summary.sentences += len(result.sentences)
                    summary.claims += len(result.claims)
                    summary.entity_ids.update(e.id for e in result.entities)
            if on_document:
                on_document(source)
    summary.seconds = time.perf_counter() - started
    graph.write_jsonld(outdir / "graph.jsonld")
    manifest = {
        "contract_version": CONTRACT_VERSION,
        "package": {"name": "claimgraph", "version": __version__},
        "python": platform.python_version(),
        "config": nlp.config,
        "config_path": str(nlp.config_path) if nlp.config_path else None,
        "stages": nlp.describe(),
        "counts": {"documents": summary.documents, "sentences": summary.sentences,
                   "entities": len(summary.entity_ids), "claims": summary.claims, "errors": summary.errors},
        "timings": {"seconds": round(summary.seconds, 3),
                    "documents_per_second": round(summary.documents / summary.seconds, 2) if summary.seconds else None},
    }
    (outdir / "run.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return summary


def _write(fh, record: dict) -> None:
    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    fh.flush()
