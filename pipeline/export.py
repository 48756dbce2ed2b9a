"""Exports of a claims graph: GraphML and GEXF (Gephi, via networkx), a flat
claims table (CSV, Parquet), N-Quads and Turtle (rdflib), and an embedded SPARQL
store on disk (pyoxigraph, :mod:`pipeline.store`) with queries. All read ``graph.jsonld`` offline."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import networkx as nx

from .document_ids import document_iri
from .events.tables import (EVENT_COLUMNS, MENTION_COLUMNS, coded_claim_rows, event_table,  # noqa: F401 - API
                            polecat_records, write_jsonl, write_table)
from .events.quotations import quotation_records
from .graph import ClaimsGraph, entity_node_type
from .graph_export import claim_graph, write_graph_file  # noqa: F401 - API
from .rdf_export import write_rdf
from .records import Entity
from .store import load_store, query_store  # noqa: F401 - the store's API, importable from here too
from .textfiles import part_path, xml_text

FORMATS = ("graphml", "gexf", "csv", "parquet", "nquads", "turtle", "events", "events-parquet", "mentions",
           "mentions-parquet", "polecat", "quotations")
SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "csv": ".csv", "parquet": ".parquet", "nquads": ".nq",
          "turtle": ".ttl", "events": ".events.csv", "events-parquet": ".events.parquet", "mentions": ".mentions.csv",
          "mentions-parquet": ".mentions.parquet", "polecat": ".polecat.jsonl",
          "quotations": ".quotations.jsonl"}


class ExportError(ValueError):
    """An export wrote a file that does not read back as what was written."""


def export(graph_path: Path, fmt: str, out: Path, all_modes: bool = False) -> Path:
    """Write ``graph_path`` as ``fmt`` to ``out``, then read the file back: ``out`` appears only
    when it parses and holds every node, edge, row or triple (never a truncated file). With
    ``all_modes`` the event tables keep negated, hypothetical and intended events."""
    if fmt not in FORMATS:
        raise ValueError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    out = Path(out)
    part = part_path(out)
    try:
        written = _write(Path(graph_path), fmt, out, part, all_modes)
        _check_written(part, fmt, written, out)
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return out


def _write(graph_path: Path, fmt: str, out: Path, part: Path, all_modes: bool = False) -> tuple[str, int]:
    """Write the export to ``part``; (how to read it back, how many items it must hold)."""
    if fmt in ("nquads", "turtle"):  # stable blank-node labels, sorted lines: the same file every time
        return fmt, write_rdf(graph_path, fmt, part)
    graph = ClaimsGraph.from_jsonld(graph_path)
    if fmt in ("events", "events-parquet", "mentions", "mentions-parquet", "polecat", "quotations"):
        return _write_event_data(graph, fmt, out, part, all_modes)
    if fmt in ("graphml", "gexf"):
        return fmt, write_graph_file(graph, fmt, part)  # every claim an edge, with its time
    if fmt == "csv":
        rows = coded_claim_rows(graph)
        with open(part, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["claim"])
            writer.writeheader()
            writer.writerows(rows)
        return "csv", len(rows)
    import pandas as pd

    frame = pd.DataFrame(coded_claim_rows(graph))
    frame.to_parquet(part, index=False)
    return "parquet", len(frame)


def _write_event_data(graph: ClaimsGraph, fmt: str, out: Path, part: Path, all_modes: bool) -> tuple[str, int]:
    """The event-data tables (:mod:`pipeline.events`): events, mentions (CSV or Parquet), POLECAT and
    quotations JSON Lines."""
    if fmt in ("polecat", "quotations"):
        records = polecat_records(graph, all_modes) if fmt == "polecat" else quotation_records(graph)
        return "jsonl", write_jsonl(records, part)
    parquet = fmt.endswith("-parquet") or out.suffix == ".parquet"
    events, mentions = event_table(graph, all_modes)
    rows, columns = (mentions, MENTION_COLUMNS) if fmt.startswith("mentions") else (events, EVENT_COLUMNS)
    return ("parquet" if parquet else "csv"), write_table(rows, columns, part, parquet=parquet)


def _check_written(part: Path, fmt: str, written: tuple[str, int], out: Path) -> None:
    """Read the written file back with a reader of its format; ExportError unless it parses
    and holds as many items as were written."""
    how, expected = written
    try:
        if how in ("graphml", "gexf"):
            back = (nx.read_graphml if how == "graphml" else nx.read_gexf)(part)
            found = back.number_of_nodes() + back.number_of_edges()
        elif how in ("nquads", "turtle"):
            import rdflib

            back = rdflib.Dataset() if how == "nquads" else rdflib.Graph()
            back.parse(part, format=how)
            found = len(back)
        elif how == "csv":
            with open(part, encoding="utf-8", newline="") as fh:
                found = sum(1 for _ in csv.DictReader(fh))
        elif how == "jsonl":
            with open(part, encoding="utf-8") as fh:
                found = sum(1 for line in fh if json.loads(line) is not None)
        else:
            import pyarrow.parquet as pq

            found = pq.read_metadata(part).num_rows
    except ImportError:
        raise
    except Exception as err:  # noqa: BLE001 - any reader's complaint means a broken file
        reason = next(iter(str(err).splitlines()), "")
        raise ExportError(f"{out}: the {fmt} file written does not read back ({type(err).__name__}: {reason}); "
                          f"not written") from None
    if found != expected:
        raise ExportError(f"{out}: the {fmt} file written reads back {found} items, not {expected}; not written")


def event_rows(graph: ClaimsGraph) -> list[dict]:
    """One row per claim between actors (the report's dyads; the events table, one row per
    happening, is :func:`pipeline.events.tables.event_table`): claims with an actor (agent or
    recipient) and a CAMEO code, or any claim between two actors. Read from the graph's typed records."""
    entities = graph.entity_records()
    documents = graph.document_records()

    def country(entity: Entity | None) -> str | None:
        if entity is None:
            return None
        if entity.type == "Country":
            return entity.identifier
        aff = entities.get(entity.affiliation or "")
        return aff.identifier if aff is not None and aff.type == "Country" else None

    def name(eid: str | None) -> str | None:
        entity = entities.get(eid or "")
        return entity.name or None if entity is not None else None

    def actor(prefix: str, eid: str | None) -> dict:
        entity = entities.get(eid) if eid else None
        return {f"{prefix}_id": eid, f"{prefix}_name": name(eid),
                f"{prefix}_type": entity_node_type(entity.type) if entity else None,
                f"{prefix}_country": country(entity)}

    rows = []
    for c in graph.claim_records():
        a1, loc = c.agent, c.location
        a2 = c.recipient or c.partner
        located = entities.get(loc or "")
        if not a2 and c.cameo and located is not None and located.type == "Country":
            a2 = loc  # X visited a country: the country is the other actor (CAMEO 042 / GDELT Actor2)
        if not (a1 or a2) or not (c.cameo or (a1 and a2)):
            continue
        doc = documents.get(c.document or "")
        published = doc.date_published if doc else None
        ev = c.evidence
        rows.append({
            "event_id": c.id, "date": c.date or published, "date_published": published,
            **actor("actor1", a1), **actor("actor2", a2),
            "predicate": c.predicate, "cameo": c.cameo, "quad_class": c.quad_class, "goldstein": c.goldstein,
            "polarity": c.polarity, "modality": c.modality, "location_id": loc, "location_name": name(loc),
            "theme": name(c.theme) if c.theme else c.theme_text,
            "author_id": c.author, "author_name": name(c.author), "document_id": c.document,
            "source": doc.source if doc else None, "url": doc.url if doc else None,
            "evidence_start": ev.start, "evidence_end": ev.end, "evidence": ev.exact, "text": c.text,
            "confidence": c.confidence,
        })
    rows.sort(key=lambda r: (r["date"] or "", r["document_id"] or "", r["evidence_start"] or 0))
    return rows


def print_table(columns: list[str], rows: list[list[str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=1)
    import io

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


# -- SHACL --------------------------------------------------------------------------
def validate(graph_path: Path) -> tuple[bool, str]:
    """Check a graph.jsonld against the contract's SHACL shapes (offline)."""
    import pyshacl
    import rdflib

    from .resources import DATA_DIR

    data = rdflib.Graph().parse(graph_path, format="json-ld")
    shapes = rdflib.Graph().parse(DATA_DIR / "shapes.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return bool(conforms), text


def _doc_key(ref) -> str | None:
    """A document's id as the output files write it (``doc:...``), from a compact or full IRI."""
    node_id = ref.get("@id") if isinstance(ref, dict) else ref
    if not isinstance(node_id, str):
        return None
    return document_iri(node_id.removeprefix("https://w3id.org/claimgraph/id/doc/"))


def _span_problem(where: str, span: dict, text: str, doc_id: str) -> str | None:
    start, end, exact = span.get("oa:start", span.get("start")), span.get("oa:end", span.get("end")), \
        span.get("oa:exact", span.get("exact", span.get("text")))
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(exact, str)):
        return f"{where}: span without integer start/end and exact text: {json.dumps(span, ensure_ascii=False)}"
    if not 0 <= start <= end <= len(text):
        return f"{where}: span {start}:{end} is outside the text of {doc_id} ({len(text)} characters)"
    if text[start:end] != exact:
        return f"{where}: exact {exact!r} is not the text at {start}:{end} of {doc_id}: {text[start:end]!r}"
    return None


def check_spans(graph_path: Path, documents_path: Path) -> list[str]:
    """Every exact span against its document's text: the claims' evidence in the
    graph, and the mentions and claims of each ``documents.jsonl`` record. One line
    per problem (empty: all spans match). Reads the documents one at a time."""
    data = json.loads(Path(graph_path).read_text(encoding="utf-8"))
    wanted: dict[str, list[tuple[str, dict]]] = {}  # doc id -> (claim id, span) from the graph
    for node in data.get("@graph", []):
        types = node.get("@type")
        if "Claim" not in (types if isinstance(types, list) else [types]):
            continue
        span = node.get("prov:wasDerivedFrom")
        doc_id = _doc_key(node.get("appearance"))
        if isinstance(span, dict) and doc_id:
            wanted.setdefault(doc_id, []).append((node.get("@id", "?"), span))
    problems: list[str] = []
    with open(documents_path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                doc_id, text = document_iri(record["id"]), record["text"]
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
                problems.append(f"{documents_path}:{lineno}: not a document record")
                continue
            for claim_id, span in wanted.pop(doc_id, []):
                if (p := _span_problem(f"{graph_path}: {claim_id}", span, text, doc_id)):
                    problems.append(p)
            where = f"{documents_path}:{lineno}"
            for m in record.get("mentions", []):
                if (p := _span_problem(f"{where}: mention {m.get('id')}", m, text, doc_id)):
                    problems.append(p)
            for i, c in enumerate(record.get("claims", []), start=1):
                for part in ("evidence", "content"):
                    if isinstance(c.get(part), dict) and (
                            p := _span_problem(f"{where}: claim {i} {part}", c[part], text, doc_id)):
                        problems.append(p)
    for doc_id, spans in sorted(wanted.items()):
        problems.extend(f"{graph_path}: {claim_id}: its document {doc_id} is not in {documents_path}"
                        for claim_id, _ in spans)
    return problems
