"""The claims graph: entities, documents and claims in networkx, written and read
as JSON-LD per the output contract (``../shared/design/claims-graph.md``).

Each node keeps its JSON-LD form, built from the typed records by
:mod:`pipeline.graph_nodes`, which the streaming writer of a run
(:mod:`pipeline.io.writers`) uses too, so a graph written either way is the same;
the exports read the nodes back as typed records (``claim_records()``, ...). Claims are nodes (reified statements) with one
edge per role to the entity that fills it; ``entity_graph()`` gives the
projection agent -> recipient/theme/location labelled by predicate.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import networkx as nx

from .document_ids import document_iri  # noqa: F401 - importable from here too
from .graph_nodes import (ENTITY_NODE_TYPES, ROLE_PROPERTIES, GraphClaim, GraphDocument,  # noqa: F401 - API
                          claim_node, claim_record, document_node, document_record, entity_node,
                          entity_node_type, entity_record, jsonld_context, merge_entity_nodes, record_nodes,
                          run_node)
from .records import ROLES, AnnotatedDocument, Claim, Entity

if TYPE_CHECKING:
    from .identity import MergePlan

# the claims table's columns (claim_rows, to_pandas), in order
CLAIM_COLUMNS = ("claim", "predicate", *(f"{role}{part}" for role in ("agent", "recipient", "theme", "location",
                                                                     "partner", "source", "author")
                                         for part in ("", "_name")),
                 "polarity", "modality", "date", "date_precision", "document", "evidence", "evidence_start",
                 "evidence_end", "text")

class ClaimsGraph:
    """A merged claims graph over any number of documents, in networkx.

    >>> from pipeline.graph import ClaimsGraph
    >>> g = ClaimsGraph()
    >>> len(g), g.to_jsonld()["@graph"][0]["@type"]
    (0, 'Dataset')
    """

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()

    def __len__(self) -> int:
        return sum(1 for _ in self.nodes("claim"))

    # -- building -----------------------------------------------------------
    def add_document(self, doc: AnnotatedDocument) -> None:
        self.add_record(doc.to_record())

    def add_record(self, record: dict) -> None:
        doc, entities, claims = record_nodes(record)
        self._add("document", doc)
        for node in entities:
            self._add("entity", node)
        for node in claims:
            self._add("claim", node)

    def _add(self, kind: str, node: dict) -> None:
        nid = node["@id"]
        if kind == "entity" and nid in self.g and self.g.nodes[nid].get("jsonld"):
            self.g.nodes[nid]["jsonld"] = merge_entity_nodes(self.g.nodes[nid]["jsonld"], node)
            return
        self.g.add_node(nid, kind=kind, jsonld=node)
        if kind == "claim":
            self.g.add_edge(nid, node["appearance"]["@id"], key="appearance", role="appearance")
            for role, prop in list(ROLE_PROPERTIES.items()) + [("author", "author")]:
                value = node.get(prop)
                if isinstance(value, dict):
                    if value["@id"] not in self.g:
                        self.g.add_node(value["@id"], kind="entity", jsonld=None)
                    self.g.add_edge(nid, value["@id"], key=role, role=role)

    def merge_partial_persons(self) -> "MergePlan":
        """One identity per person across the graph's documents: a surname alone (or
        initials and a surname) becomes the one full-name person it can only mean
        (:mod:`pipeline.identity`); ambiguous ones stay apart and are in the plan.

        >>> from pipeline.records import Entity
        >>> g = ClaimsGraph()
        >>> for e in (Entity(id="person:dmitrii-peskov", type="Person", name="Дмитрий Песков"),
        ...           Entity(id="person:peskov", type="Person", name="Песков")):
        ...     g._add("entity", entity_node(e))
        >>> g.merge_partial_persons().redirect
        {'person:peskov': 'person:dmitrii-peskov'}
        >>> [n["alternateName"] for _, n in g.nodes("entity")]
        [['Песков']]
        """
        from .identity import merge_persons, redirect_refs

        nodes = {kind: [node for _, node in self.nodes(kind)] for kind in ("document", "entity", "claim")}
        entities = {n["@id"]: n for n in nodes["entity"]}
        plan = merge_persons(entities)
        if not plan.redirect:
            return plan
        self.g = nx.MultiDiGraph()
        for node in nodes["document"]:
            self._add("document", node)
        for node in entities.values():
            self._add("entity", redirect_refs(node, plan))
        for node in nodes["claim"]:
            self._add("claim", redirect_refs(node, plan))
        return plan

    # -- reading ------------------------------------------------------------
    def nodes(self, kind: str):
        return ((n, d["jsonld"]) for n, d in self.g.nodes(data=True) if d.get("kind") == kind and d.get("jsonld"))

    # typed records of the graph's nodes: what the exports read (pipeline.graph_records)
    def claim_records(self, predicate: str | None = None, agent: str | None = None) -> list[GraphClaim]:
        """The claims as typed records (with the ``@id`` of their document), optionally filtered."""
        claims = (claim_record(node) for _, node in self.nodes("claim"))
        return [c for c in claims if (not predicate or c.predicate == predicate) and (not agent or c.agent == agent)]

    def entity_records(self) -> dict[str, Entity]:
        """Entity id -> its typed record (merged across documents)."""
        return {nid: entity_record(node) for nid, node in self.nodes("entity")}

    def document_records(self) -> dict[str, GraphDocument]:
        """Document ``@id`` -> what the graph says of it (date, language, source, url)."""
        return {nid: document_record(node) for nid, node in self.nodes("document")}

    def claims(self, predicate: str | None = None, agent: str | None = None) -> list[dict]:
        """Claims as flat dicts (role -> entity id), optionally filtered.

        >>> import pipeline
        >>> from pipeline.graph import build_graph
        >>> nlp = pipeline.load()
        >>> g = build_graph([nlp.process("Жапония Қазақстанға көмектесті.", doc_id="d1")])
        >>> [(c["predicate"], c["agent"], c["recipient"]) for c in g.claims(predicate="help")]
        [('help', 'country:JP', 'country:KZ')]
        """
        out = []
        for c in self.claim_records(predicate, agent):
            ev = c.evidence
            flat = {"id": c.id, "predicate": c.predicate, "polarity": c.polarity, "modality": c.modality,
                    "text": c.text, "date": c.date, "date_precision": c.date_precision, "document": c.document,
                    "evidence": {"oa:start": ev.start, "oa:end": ev.end, "oa:exact": ev.exact}}
            flat.update({role: getattr(c, role) for role in ROLES}, theme=_theme(c), author=c.author)
            out.append(flat)
        return out

    def entity_graph(self) -> nx.MultiDiGraph:
        """Entities only; one edge agent -> (recipient | theme | location) per claim. Attributes
        are plain strings (one that is unknown is left out), as graph file formats take them."""
        eg = nx.MultiDiGraph()
        for nid, e in self.entity_records().items():
            attrs = {"type": entity_node_type(e.type), "name": e.name or None, "identifier": e.identifier}
            eg.add_node(nid, **{k: v for k, v in attrs.items() if v is not None})
        for c in self.claim_records():
            target = c.recipient or _theme(c) or c.location
            if c.agent and target and target in eg:
                eg.add_edge(c.agent, target, key=c.id, predicate=c.predicate, polarity=c.polarity,
                            evidence=c.evidence.exact)
        return eg

    def to_networkx(self) -> nx.MultiDiGraph:
        """Documents, entities and claims, claims linked to their role fillers and document: a
        copy whose attributes are a node's JSON-LD properties as plain values (a nested one as
        its JSON text, ``@type`` as ``type``), so ``nx.write_graphml`` and ``write_gexf`` take it."""
        from .notebook import plain_graph

        return plain_graph(self.g)

    def _repr_html_(self) -> str:  # Jupyter shows a graph as its tables
        from .notebook import graph_html

        return graph_html(self)

    def to_pandas(self):
        """One row per claim (columns: ``CLAIM_COLUMNS``): predicate, roles (names and ids),
        polarity, modality, author, date, document, evidence; text columns are strings,
        predicate, polarity, modality and date precision categories, offsets integers.

        >>> import pipeline
        >>> from pipeline.graph import build_graph
        >>> g = build_graph([pipeline.load().process("Ресей Қытайға алғыс айтты.", doc_id="d")])
        >>> g.to_pandas()[["predicate", "agent_name", "recipient_name"]].values.tolist()
        [['thank', 'Ресей', 'Қытай']]
        """
        from .notebook import claims_frame

        return claims_frame(self.claim_rows(), CLAIM_COLUMNS)

    def claim_rows(self) -> list[dict]:
        """Claims as flat rows (the CSV / Parquet table)."""
        names = {eid: e.name or None for eid, e in self.entity_records().items()}
        rows = []
        for c in self.claim_records():
            row = {"claim": c.id, "predicate": c.predicate}
            for role in ("agent", "recipient", "theme", "location", "partner", "source", "author"):
                value = _theme(c) if role == "theme" else getattr(c, role)
                is_id = isinstance(value, str) and ":" in value and value in names
                row[role] = value if is_id else None
                row[f"{role}_name"] = names.get(value) if is_id else value
            row.update(polarity=c.polarity, modality=c.modality, date=c.date, date_precision=c.date_precision,
                       document=c.document,
                       evidence=c.evidence.exact, evidence_start=c.evidence.start, evidence_end=c.evidence.end,
                       text=c.text)
            rows.append(row)
        return rows

    # -- JSON-LD ------------------------------------------------------------
    def to_jsonld(self) -> dict:
        graph = [run_node()]
        graph += [node for _, node in sorted(self.nodes("document"))]
        graph += [node for _, node in sorted(self.nodes("entity"))]
        graph += [node for _, node in sorted(self.nodes("claim"), key=lambda x: _claim_sort_key(x[0]))]
        return {"@context": jsonld_context(), "@graph": graph}

    def write_jsonld(self, path: Path) -> None:
        path = Path(path)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(self.to_jsonld(), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def from_jsonld(cls, path_or_data: Path | str | dict) -> "ClaimsGraph":
        """Read a graph written by a run or :meth:`write_jsonld` back into networkx."""
        data = path_or_data if isinstance(path_or_data, dict) else json.loads(
            Path(path_or_data).read_text(encoding="utf-8"))
        graph = cls()
        nodes = data.get("@graph", [])
        kinds = {"NewsArticle": "document", "Claim": "claim"}
        for kind in ("document", "entity", "claim"):
            for node in nodes:
                t = node.get("@type")
                k = kinds.get(t, "entity" if t in ENTITY_NODE_TYPES else None)
                if k == kind:
                    graph._add(kind, node)
        return graph


def _theme(claim: Claim) -> str | None:
    """A claim's theme: the entity's id, or its words."""
    return claim.theme or claim.theme_text


def _claim_sort_key(node: str) -> tuple:
    """Natural order: claim:d-say-9 before claim:d-say-10."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", node) if p)


def build_graph(docs: Iterable[AnnotatedDocument], merge_persons: bool = True) -> ClaimsGraph:
    """The claims graph of several results; with ``merge_persons`` a surname seen in
    one document joins the full name seen in another (as a run does)."""
    graph = ClaimsGraph()
    for doc in docs:
        graph.add_document(doc)
    if merge_persons:
        graph.merge_partial_persons()
    return graph
