"""graph.jsonld's nodes, made from the pipeline's typed records (``entity_node``,
``claim_node``, ...) and read back into typed records (``entity_record``,
``claim_record``, ...), so that the exports read a claim's and an entity's
attributes (``claim.agent``, ``entity.identifier``), never JSON-LD keys
(``"cg:agent"``): those are known here and nowhere else.

>>> node = {"@id": "claim:d-help-0", "@type": "Claim", "cg:predicate": "help",
...         "cg:agent": {"@id": "country:JP"}, "cg:theme": "көмек", "cg:polarity": "affirmed",
...         "cg:modality": "asserted", "appearance": {"@id": "doc:d"},
...         "prov:wasDerivedFrom": {"oa:start": 0, "oa:end": 7, "oa:exact": "Жапония"}, "cg:confidence": 0.8}
>>> c = claim_record(node)
>>> (c.agent, c.theme, c.theme_text, c.document, c.evidence.exact)
('country:JP', None, 'көмек', 'doc:d', 'Жапония')
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Optional

from pydantic import field_validator

from .document_ids import document_iri
from .geonames import geonames_id_of, geonames_iri
from .records import ENTITY_TYPES, ROLES, Claim, DocumentRecord, Entity, Evidence, Record
from .resources import DATA_DIR
from .version import CONTRACT_VERSION, __version__

ROLE_PROPERTIES = {role: f"cg:{role}" for role in ROLES}


def entity_node_type(entity_type: str) -> str:
    """An entity type as graph.jsonld's ``@type`` names it (``Group`` is the contract's ``cg:Group``)."""
    return "cg:Group" if entity_type == "Group" else entity_type


ENTITY_NODE_TYPES = tuple(entity_node_type(t) for t in ENTITY_TYPES)


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


def document_node(doc: DocumentRecord) -> dict:
    return _drop_empty({"@id": document_iri(doc.id), "@type": "NewsArticle",
                        "datePublished": doc.date.isoformat() if doc.date else None,
                        "inLanguage": doc.language, "identifier": doc.source, "url": doc.url})


def entity_node(entity: Entity) -> dict:
    out = {"@id": entity.id, "@type": entity_node_type(entity.type), "name": entity.name}
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
    if entity.latitude is not None and entity.longitude is not None:
        out["geo"] = {"@type": "GeoCoordinates", "latitude": entity.latitude, "longitude": entity.longitude}
    if entity.geonames_id is not None:
        out["sameAs"] = _ref(geonames_iri(entity.geonames_id))
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
    if claim.date_precision:  # day, week, month or year: dateCreated is the period's first day
        out["cg:datePrecision"] = claim.date_precision
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
    for key in ("jobTitle", "affiliation", "geo", "sameAs"):
        if key in new and key not in merged:
            merged[key] = new[key]
    return merged


def record_nodes(record: dict | DocumentRecord) -> tuple[dict, list[dict], list[dict]]:
    """(document node, entity nodes, claim nodes) of one documents.jsonl record,
    read back into typed records first: the records are the single source of truth."""
    doc = record if isinstance(record, DocumentRecord) else DocumentRecord.model_validate(record)
    return (document_node(doc), [entity_node(e) for e in doc.entities], [claim_node(c, doc.id) for c in doc.claims])



# -- typed records from JSON-LD nodes ------------------------------------------------
def _ref_id(value) -> Optional[str]:
    """The ``@id`` of a node reference (``{"@id": ...}``), else None."""
    return value.get("@id") if isinstance(value, dict) else None


class GraphDocument(Record):
    """A document node: what graph.jsonld says of a document (its text is in documents.jsonl)."""

    id: str  # doc:...
    date_published: Optional[str] = None
    language: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None


class GraphClaim(Claim):
    """A claim node: the claim's record and the document it appears in."""

    document: Optional[str] = None  # the document's @id (doc:...)

    @field_validator("id")
    @classmethod
    def _iri(cls, value: str) -> str:
        return value  # the graph's @id as it is (a graph from elsewhere may use other ids)


def document_record(node: dict) -> GraphDocument:
    return GraphDocument(id=node["@id"], date_published=node.get("datePublished"), language=node.get("inLanguage"),
                         source=node.get("identifier"), url=node.get("url"))


def entity_record(node: dict) -> Entity:
    alt = node.get("alternateName") or []
    geo = node.get("geo") if isinstance(node.get("geo"), dict) else {}
    same_as = node.get("sameAs")
    return Entity(id=node["@id"], type="Group" if node.get("@type") == "cg:Group" else node.get("@type"),
                  name=node.get("name") or "", identifier=node.get("identifier"),
                  alternate_names=[alt] if isinstance(alt, str) else list(alt), job_title=node.get("jobTitle"),
                  affiliation=_ref_id(node.get("affiliation")), count=node.get("cg:count"),
                  member_type=node.get("cg:memberType"), latitude=geo.get("latitude"),
                  longitude=geo.get("longitude"),
                  geonames_id=geonames_id_of(_ref_id(same_as) or (same_as if isinstance(same_as, str) else "")))


def claim_record(node: dict) -> GraphClaim:
    theme = node.get("cg:theme")
    span = node.get("prov:wasDerivedFrom") or {}
    extra = {"confidence": node["cg:confidence"]} if "cg:confidence" in node else {}
    return GraphClaim(
        id=node["@id"], predicate=node.get("cg:predicate"), **{role: _ref_id(node.get(f"cg:{role}")) for role in ROLES},
        theme_text=theme if isinstance(theme, str) else None,
        polarity=node.get("cg:polarity", "affirmed"), modality=node.get("cg:modality", "asserted"),
        author=_ref_id(node.get("author")), text=node.get("text"), date=node.get("dateCreated"),
        date_precision=node.get("cg:datePrecision"),
        evidence=Evidence(start=span.get("oa:start"), end=span.get("oa:end"), exact=span.get("oa:exact")),
        cameo=node.get("cg:cameo"), quad_class=node.get("cg:quadClass"), goldstein=node.get("cg:goldstein"),
        document=_ref_id(node.get("appearance")), **extra)
