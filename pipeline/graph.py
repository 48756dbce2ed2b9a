"""The claims graph: entities, documents and claims in networkx, written and read
as JSON-LD per the output contract (``../shared/design/claims-graph.md``).

Each node keeps its JSON-LD form, built by the functions below, which the
streaming writer of a run (:mod:`pipeline.io.writers`) uses too, so a graph
written either way is the same. Claims are nodes (reified statements) with one
edge per role to the entity that fills it; ``entity_graph()`` gives the
projection agent -> recipient/theme/location labelled by predicate.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import networkx as nx

from .version import CONTRACT_VERSION, __version__
from .records import ENTITY_TYPES, ROLES, AnnotatedDocument, Claim, DocumentRecord, Entity
from .resources import DATA_DIR

if TYPE_CHECKING:
    from .identity import MergePlan

ROLE_PROPERTIES = {role: f"cg:{role}" for role in ROLES}
ENTITY_NODE_TYPES = tuple("cg:Group" if t == "Group" else t for t in ENTITY_TYPES)


@lru_cache(maxsize=None)
def jsonld_context() -> dict:
    """The inline JSON-LD context (a copy ships in ``pipeline/data/context.jsonld``)."""
    return json.loads((DATA_DIR / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def _ref(node_id: str) -> dict:
    return {"@id": node_id}


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], "")}


# -- JSON-LD nodes from the pipeline's typed records ------------------------------
def run_node(extra: dict | None = None) -> dict:
    return {"@id": "cg:run", "@type": "Dataset", "cg:contractVersion": CONTRACT_VERSION, "version": __version__,
            **(extra or {})}


def document_iri(doc_id: str) -> str:
    return f"doc:{doc_id}"


def document_node(doc: DocumentRecord) -> dict:
    return _drop_empty({"@id": document_iri(doc.id), "@type": "NewsArticle",
                        "datePublished": doc.date.isoformat() if doc.date else None,
                        "inLanguage": doc.language, "identifier": doc.source, "url": doc.url})


def entity_node(entity: Entity) -> dict:
    out = {"@id": entity.id, "@type": "cg:Group" if entity.type == "Group" else entity.type, "name": entity.name}
    if entity.identifier:
        out["identifier"] = entity.identifier
    alt = sorted(set(a for a in entity.alternate_names if a != entity.name))
    if alt:
        out["alternateName"] = alt
    if entity.job_title:
        out["jobTitle"] = entity.job_title
    if entity.affiliation:
        out["affiliation"] = _ref(entity.affiliation)
    if entity.type == "Group":
        out["cg:count"] = entity.count
        out["cg:memberType"] = entity.member_type
    return _drop_empty(out)


def claim_node(claim: Claim, doc_id: str) -> dict:
    """A claim's node; its ``@id`` is the claim's record id (the same in documents.jsonl)."""
    out: dict[str, Any] = {"@id": claim.id, "@type": "Claim", "cg:predicate": claim.predicate}
    for role, entity in claim.role_fillers().items():
        out[ROLE_PROPERTIES[role]] = _ref(entity)
    if not claim.theme and claim.theme_text:
        out["cg:theme"] = claim.theme_text
    out["cg:polarity"] = claim.polarity
    out["cg:modality"] = claim.modality
    if claim.author:
        out["author"] = _ref(claim.author)
    if claim.text:
        out["text"] = claim.text
    out["appearance"] = _ref(document_iri(doc_id))
    if claim.date:
        out["dateCreated"] = claim.date
    ev = claim.evidence
    out["prov:wasDerivedFrom"] = {"oa:start": ev.start, "oa:end": ev.end, "oa:exact": ev.exact}
    out["cg:confidence"] = round(float(claim.confidence), 3)
    if claim.cameo:  # the event in CAMEO, its GDELT quad class and Goldstein weight
        out.update({"cg:cameo": claim.cameo, "cg:quadClass": claim.quad_class, "cg:goldstein": claim.goldstein})
    return out


def merge_entity_nodes(old: dict, new: dict) -> dict:
    """The same entity seen again: union of surface forms; first title wins."""
    merged = dict(old)
    # another spelling of the name (Тоқаев in Kazakh, Токаев in Russian) is an alternate name
    other = {new["name"]} if new.get("name") and new.get("name") != old.get("name") else set()
    alt = sorted(set(old.get("alternateName", [])) | set(new.get("alternateName", [])) | other)
    if alt:
        merged["alternateName"] = alt
    for key in ("jobTitle", "affiliation"):
        if key in new and key not in merged:
            merged[key] = new[key]
    return merged


def record_nodes(record: dict | DocumentRecord) -> tuple[dict, list[dict], list[dict]]:
    """(document node, entity nodes, claim nodes) of one documents.jsonl record,
    read back into typed records first: the records are the single source of truth."""
    doc = record if isinstance(record, DocumentRecord) else DocumentRecord.model_validate(record)
    return (document_node(doc), [entity_node(e) for e in doc.entities], [claim_node(c, doc.id) for c in doc.claims])


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
        for nid, node in self.nodes("claim"):
            flat = {"id": nid, "predicate": node["cg:predicate"], "polarity": node["cg:polarity"],
                    "modality": node["cg:modality"], "text": node.get("text"), "date": node.get("dateCreated"),
                    "document": node["appearance"]["@id"], "evidence": node["prov:wasDerivedFrom"]}
            for role, prop in list(ROLE_PROPERTIES.items()) + [("author", "author")]:
                value = node.get(prop)
                flat[role] = value["@id"] if isinstance(value, dict) else value
            if predicate and flat["predicate"] != predicate:
                continue
            if agent and flat["agent"] != agent:
                continue
            out.append(flat)
        return out

    def entity_graph(self) -> nx.MultiDiGraph:
        """Entities only; one edge agent -> (recipient | theme | location) per claim."""
        eg = nx.MultiDiGraph()
        for nid, node in self.nodes("entity"):
            eg.add_node(nid, type=node["@type"], name=node.get("name"), identifier=node.get("identifier"))
        for c in self.claims():
            target = c.get("recipient") or c.get("theme") or c.get("location")
            if c["agent"] and target and target in eg:
                eg.add_edge(c["agent"], target, key=c["id"], predicate=c["predicate"], polarity=c["polarity"],
                            evidence=c["evidence"]["oa:exact"])
        return eg

    def to_networkx(self) -> nx.MultiDiGraph:
        return self.g

    def to_pandas(self):
        """One row per claim: predicate, roles (names and ids), polarity,
        modality, author, date, document, evidence.

        >>> import pipeline
        >>> from pipeline.graph import build_graph
        >>> g = build_graph([pipeline.load().process("Ресей Қытайға алғыс айтты.", doc_id="d")])
        >>> g.to_pandas()[["predicate", "agent_name", "recipient_name"]].values.tolist()
        [['thank', 'Ресей', 'Қытай']]
        """
        import pandas as pd

        return pd.DataFrame(self.claim_rows())

    def claim_rows(self) -> list[dict]:
        """Claims as flat rows (the CSV / Parquet table)."""
        names = {n: node.get("name") for n, node in self.nodes("entity")}
        rows = []
        for c in self.claims():
            row = {"claim": c["id"], "predicate": c["predicate"]}
            for role in ("agent", "recipient", "theme", "location", "partner", "source", "author"):
                value = c.get(role)
                is_id = isinstance(value, str) and ":" in value and value in names
                row[role] = value if is_id else None
                row[f"{role}_name"] = names.get(value) if is_id else value
            row.update(polarity=c["polarity"], modality=c["modality"], date=c["date"], document=c["document"],
                       evidence=c["evidence"]["oa:exact"], evidence_start=c["evidence"]["oa:start"],
                       evidence_end=c["evidence"]["oa:end"], text=c["text"])
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
