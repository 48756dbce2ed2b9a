"""The claims graph: entities, documents and claims in networkx, written and read
as JSON-LD per the output contract (``../shared/design/claims-graph.md``).

Claims are nodes (reified statements) with one edge per role to the entity that
fills it, so a claim keeps all its roles and its provenance; ``entity_graph()``
gives the projection agent -> recipient/theme labelled by predicate.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import networkx as nx

from . import CONTRACT_VERSION, __version__
from .records import AnnotatedDocument, Claim, Entity
from .resources import DATA_DIR

ROLE_PROPERTIES = {
    "agent": "cg:agent",
    "recipient": "cg:recipient",
    "theme": "cg:theme",
    "location": "cg:location",
    "partner": "cg:partner",
    "source": "cg:source",
}
ENTITY_TYPES = ("Person", "Country", "Organization", "Place", "City", "AdministrativeArea", "Event", "Group")


@lru_cache(maxsize=None)
def jsonld_context() -> dict:
    """The inline JSON-LD context (a copy ships in ``pipeline/data/context.jsonld``)."""
    return json.loads((DATA_DIR / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def doc_node_id(doc_id: str) -> str:
    return f"doc:{doc_id}"


def claim_node_id(doc_id: str, index: int) -> str:
    return f"claim:{doc_id}-{index}"


def _ref(node_id: str) -> dict:
    return {"@id": node_id}


class ClaimsGraph:
    """A merged claims graph over any number of documents.

    >>> from pipeline.graph import ClaimsGraph
    >>> g = ClaimsGraph()
    >>> len(g), g.to_jsonld()["@graph"][0]["@type"]
    (0, 'Dataset')
    """

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()

    def __len__(self) -> int:
        return sum(1 for _, d in self.g.nodes(data=True) if d.get("kind") == "claim")

    # -- building -----------------------------------------------------------
    def add_document(self, doc: AnnotatedDocument) -> None:
        d = doc.document
        self.g.add_node(
            doc_node_id(d.id), kind="document", type="NewsArticle", identifier=d.source,
            datePublished=d.date.isoformat() if d.date else None, inLanguage=d.language, url=d.url,
        )
        for ent in doc.entities:
            self.add_entity(ent)
        for i, claim in enumerate(doc.claims, start=1):
            self.add_claim(claim, doc_node_id(d.id), claim_node_id(d.id, i))

    def add_entity(self, ent: Entity) -> None:
        if ent.id in self.g:
            node = self.g.nodes[ent.id]
            node["alternateName"].update(ent.alternate_names)
            for key, value in (("jobTitle", ent.job_title), ("affiliation", ent.affiliation)):
                if value and not node.get(key):
                    node[key] = value
            return
        self.g.add_node(
            ent.id, kind="entity", type=ent.type, name=ent.name, identifier=ent.identifier,
            alternateName=set(ent.alternate_names), jobTitle=ent.job_title, affiliation=ent.affiliation,
            count=ent.count, memberType=ent.member_type,
        )

    def add_claim(self, claim: Claim, doc_node: str, node_id: str) -> None:
        self.g.add_node(
            node_id, kind="claim", type="Claim", predicate=claim.predicate, polarity=claim.polarity,
            modality=claim.modality, author=claim.author, text=claim.text, date=claim.date,
            theme_text=claim.theme_text, confidence=claim.confidence, document=doc_node,
            evidence=claim.evidence.model_dump(),
        )
        self.g.add_edge(node_id, doc_node, key="appearance", role="appearance")
        for role in ROLE_PROPERTIES:
            target = getattr(claim, role)
            if target:
                if target not in self.g:  # a role filler no entity record describes
                    self.g.add_node(target, kind="entity", type=None, name=None, alternateName=set())
                self.g.add_edge(node_id, target, key=role, role=role)
        if claim.author:
            self.g.add_edge(node_id, claim.author, key="author", role="author")

    # -- reading ------------------------------------------------------------
    def nodes(self, kind: str) -> Iterator[tuple[str, dict]]:
        return ((n, d) for n, d in self.g.nodes(data=True) if d.get("kind") == kind)

    def roles(self, claim_id: str) -> dict[str, str]:
        return {d["role"]: v for _, v, d in self.g.out_edges(claim_id, data=True) if d["role"] != "appearance"}

    def claims(self, predicate: str | None = None, agent: str | None = None) -> list[dict]:
        """Claims as flat dicts, optionally filtered by predicate and agent id."""
        out = []
        for node, data in self.nodes("claim"):
            roles = self.roles(node)
            if predicate and data["predicate"] != predicate:
                continue
            if agent and roles.get("agent") != agent:
                continue
            out.append({"id": node, **{k: v for k, v in data.items() if k != "kind"}, **roles})
        return out

    def entity_graph(self) -> nx.MultiDiGraph:
        """Entities only; one edge agent -> (recipient | theme | location) per claim."""
        eg = nx.MultiDiGraph()
        for node, data in self.nodes("entity"):
            eg.add_node(node, **{k: (sorted(v) if isinstance(v, set) else v) for k, v in data.items()})
        for claim in self.claims():
            agent = claim.get("agent")
            target = claim.get("recipient") or claim.get("theme") or claim.get("location")
            if agent and target:
                eg.add_edge(agent, target, key=claim["id"], predicate=claim["predicate"],
                            polarity=claim["polarity"], evidence=claim["evidence"]["exact"])
        return eg

    def to_networkx(self) -> nx.MultiDiGraph:
        return self.g

    # -- JSON-LD ------------------------------------------------------------
    def to_jsonld(self, run_info: dict | None = None) -> dict:
        graph: list[dict] = [{
            "@id": "cg:run", "@type": "Dataset", "cg:contractVersion": CONTRACT_VERSION,
            "version": __version__, **({"description": json.dumps(run_info, ensure_ascii=False)} if run_info else {}),
        }]
        for node, data in sorted(self.nodes("document")):
            graph.append(_drop_empty({
                "@id": node, "@type": "NewsArticle", "datePublished": data.get("datePublished"),
                "inLanguage": data.get("inLanguage"), "identifier": data.get("identifier"), "url": data.get("url"),
            }))
        for node, data in sorted(self.nodes("entity")):
            if not data.get("type"):
                continue
            graph.append(_entity_jsonld(node, data))
        for node, data in sorted(self.nodes("claim"), key=lambda x: _claim_sort_key(x[0])):
            graph.append(self._claim_jsonld(node, data))
        return {"@context": jsonld_context(), "@graph": graph}

    def _claim_jsonld(self, node: str, data: dict) -> dict:
        out: dict[str, Any] = {"@id": node, "@type": "Claim", "cg:predicate": data["predicate"]}
        roles = self.roles(node)
        for role, prop in ROLE_PROPERTIES.items():
            if role in roles:
                out[prop] = _ref(roles[role])
        if "theme" not in roles and data.get("theme_text"):
            out["cg:theme"] = data["theme_text"]
        out["cg:polarity"] = data["polarity"]
        out["cg:modality"] = data["modality"]
        if data.get("author"):
            out["author"] = _ref(data["author"])
        if data.get("text"):
            out["text"] = data["text"]
        out["appearance"] = _ref(data["document"])
        if data.get("date"):
            out["dateCreated"] = data["date"]
        ev = data["evidence"]
        out["prov:wasDerivedFrom"] = {"oa:start": ev["start"], "oa:end": ev["end"], "oa:exact": ev["exact"]}
        out["cg:confidence"] = round(float(data["confidence"]), 3)
        return out

    def write_jsonld(self, path: Path, run_info: dict | None = None) -> None:
        path = Path(path)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(self.to_jsonld(run_info), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def from_jsonld(cls, path_or_data: Path | str | dict) -> "ClaimsGraph":
        """Read a graph written by :meth:`write_jsonld` back into networkx."""
        data = path_or_data if isinstance(path_or_data, dict) else json.loads(Path(path_or_data).read_text(encoding="utf-8"))
        graph = cls()
        g = graph.g
        for node in data.get("@graph", []):
            typ = node.get("@type")
            nid = node["@id"]
            if typ == "NewsArticle":
                g.add_node(nid, kind="document", type=typ, identifier=node.get("identifier"),
                           datePublished=node.get("datePublished"), inLanguage=node.get("inLanguage"), url=node.get("url"))
            elif typ in ENTITY_TYPES or typ == "cg:Group":
                alt = node.get("alternateName", [])
                g.add_node(nid, kind="entity", type="Group" if typ == "cg:Group" else typ, name=node.get("name"),
                           identifier=node.get("identifier"), alternateName=set([alt] if isinstance(alt, str) else alt),
                           jobTitle=node.get("jobTitle"), affiliation=(node.get("affiliation") or {}).get("@id"),
                           count=node.get("cg:count"), memberType=node.get("cg:memberType"))
        for node in data.get("@graph", []):
            if node.get("@type") != "Claim":
                continue
            ev = node.get("prov:wasDerivedFrom", {})
            theme = node.get("cg:theme")
            g.add_node(node["@id"], kind="claim", type="Claim", predicate=node["cg:predicate"],
                       polarity=node.get("cg:polarity", "affirmed"), modality=node.get("cg:modality", "asserted"),
                       author=(node.get("author") or {}).get("@id"), text=node.get("text"), date=node.get("dateCreated"),
                       theme_text=theme if isinstance(theme, str) else None, confidence=node.get("cg:confidence", 0.5),
                       document=node["appearance"]["@id"],
                       evidence={"start": ev.get("oa:start"), "end": ev.get("oa:end"), "exact": ev.get("oa:exact")})
            g.add_edge(node["@id"], node["appearance"]["@id"], key="appearance", role="appearance")
            for role, prop in ROLE_PROPERTIES.items():
                value = node.get(prop)
                if isinstance(value, dict):
                    g.add_edge(node["@id"], value["@id"], key=role, role=role)
            if node.get("author"):
                g.add_edge(node["@id"], node["author"]["@id"], key="author", role="author")
        return graph


def _claim_sort_key(node: str) -> tuple:
    head, _, num = node.rpartition("-")
    return (head, int(num) if num.isdigit() else 0)


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], "", set())}


def _entity_jsonld(node: str, data: dict) -> dict:
    typ = data["type"]
    out = {"@id": node, "@type": "cg:Group" if typ == "Group" else typ, "name": data.get("name")}
    if data.get("identifier"):
        out["identifier"] = data["identifier"]
    alt = sorted(a for a in data.get("alternateName", ()) if a != data.get("name"))
    if alt:
        out["alternateName"] = alt
    if data.get("jobTitle"):
        out["jobTitle"] = data["jobTitle"]
    if data.get("affiliation"):
        out["affiliation"] = _ref(data["affiliation"])
    if typ == "Group":
        out["cg:count"] = data.get("count")
        out["cg:memberType"] = data.get("memberType")
    return _drop_empty(out)


def build_graph(docs: Iterable[AnnotatedDocument]) -> ClaimsGraph:
    graph = ClaimsGraph()
    for doc in docs:
        graph.add_document(doc)
    return graph
