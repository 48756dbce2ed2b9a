"""GraphML and GEXF of a claims graph (Gephi, yEd, Cytoscape, via networkx): entities as nodes and
every claim as one edge, with its time, so that Gephi's timeline can play the graph.

Which two nodes a claim joins: its agent (else its first other party, else its author: the
speaker it is attributed to) and its other party: the recipient, the theme (an entity), the
partner, the location or the source, in that order. A claim of one party (a ``say`` with its
speaker only, ``sign`` with the words of a theme) is a loop on that party, so no claim is left
out; a claim that names no entity at all is a loop on its document, which is then a node too
(type ``NewsArticle``).

Each edge carries the claim's id, predicate (also its label), polarity, modality, confidence,
document, author, evidence words, text (the quote of a ``say``), the theme's words where the
theme is not an entity, the CAMEO code, quad class and Goldstein weight where coded, and its time: ``date`` (ISO 8601, the first day of
the claim's period; the document's publication date where the claim names none),
``date_precision`` (day, week, month or year), ``date_from`` (``claim`` or ``document``) and
``start`` / ``end``, the first and last day of the period, which GEXF writes as the edge's
dynamic interval (``mode="dynamic"``, ``timeformat="date"``). An undated claim has no time
attributes and shows at every time. Attributes that a claim lacks are left out, never None:
the networkx writers take only strings, numbers and booleans.
"""
from __future__ import annotations

import calendar
import datetime as dt

import networkx as nx

from .graph import ClaimsGraph, entity_node_type
from .graph_nodes import GraphClaim
from .textfiles import xml_text

# the claim's other party, in the order the first one filled is taken
OTHER_PARTIES = ("recipient", "theme", "partner", "location", "source")


def claim_ends(claim: GraphClaim) -> tuple[str | None, str | None]:
    """(from, to) entity ids of a claim's edge; a claim of one party is a loop (from == to);
    (None, None) where it names no entity."""
    others = [getattr(claim, role) for role in OTHER_PARTIES if getattr(claim, role)]
    first = claim.agent or (others[0] if others else None) or claim.author
    second = next((e for e in others if e != first), first)
    return first, second


def period_end(start: str, precision: str | None) -> str:
    """The last day of the period that begins on ``start`` (ISO date) at ``precision``."""
    day = dt.date.fromisoformat(start[:10])
    if precision == "week":
        day += dt.timedelta(days=6)
    elif precision == "month":
        day = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    elif precision == "year":
        day = day.replace(month=12, day=31)
    return day.isoformat()


def _time(claim: GraphClaim, published: str | None) -> dict:
    """The claim's time attributes: its own date, else its document's; none where neither is known."""
    date, precision, origin = claim.date, claim.date_precision, "claim"
    if not date:
        date, precision, origin = published, "day" if published else None, "document"
    if not date:
        return {}
    try:
        start, end = date[:10], period_end(date, precision)
    except ValueError:  # a date from elsewhere that is not ISO: kept as words, not on the timeline
        return {"date": xml_text(date), "date_from": origin}
    out = {"date": start, "date_from": origin, "start": start, "end": end}
    if precision:
        out["date_precision"] = precision
    return out


def _scalar_attributes(**values) -> dict:
    """The attributes that have a value, strings made XML-safe (a NUL from a text becomes U+FFFD)."""
    return {k: xml_text(v) if isinstance(v, str) else v for k, v in values.items() if v is not None and v != ""}


def claim_graph(graph: ClaimsGraph, dynamic: bool = False) -> nx.MultiDiGraph:
    """Entities as nodes, one edge per claim (keyed by the claim's id) with its time; with
    ``dynamic`` a graph with any dated claim is marked for GEXF's dynamic mode."""
    out = nx.MultiDiGraph()
    for nid, entity in graph.entity_records().items():
        out.add_node(xml_text(nid), **_scalar_attributes(label=entity.name or nid, type=entity_node_type(entity.type),
                                                         name=entity.name, identifier=entity.identifier))
    documents = graph.document_records()
    for c in graph.claim_records():
        source, target = claim_ends(c)
        if source is None:
            source = target = c.document or "doc:unknown"
        for end in {source, target} - set(out):  # a document, or an entity the graph names but does not describe
            doc = documents.get(end)
            out.add_node(xml_text(end), label=xml_text(end), type="NewsArticle" if doc else "Thing")
        doc = documents.get(c.document or "")
        out.add_edge(xml_text(source), xml_text(target), key=xml_text(c.id), **_scalar_attributes(
            label=c.predicate, claim=c.id, predicate=c.predicate, polarity=c.polarity, modality=c.modality,
            confidence=float(c.confidence), document=c.document, author=c.author, evidence=c.evidence.exact,
            text=c.text, theme=c.theme_text,
            cameo=c.cameo, quad_class=c.quad_class, goldstein=c.goldstein,
            **_time(c, doc.date_published if doc else None)))
    if dynamic and any("start" in d for _, _, d in out.edges(data=True)):
        out.graph["mode"] = "dynamic"
    return out


def write_graph_file(graph: ClaimsGraph, fmt: str, path) -> int:
    """Write ``graph`` as GraphML or GEXF (dynamic) to ``path``; the number of nodes and edges written."""
    flat = claim_graph(graph, dynamic=fmt == "gexf")
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(flat, path)
    return flat.number_of_nodes() + flat.number_of_edges()
