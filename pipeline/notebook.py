"""What a notebook user sees and hands on: results and graphs as HTML tables in Jupyter
(``_repr_html_``), networkx graphs whose attributes are plain values (strings, numbers,
booleans; a nested JSON-LD value as its JSON text; no ``None``), so that ``write_graphml``,
``write_gexf`` and ``node_link_data`` take them as they are, and the claims table with
typed columns."""
from __future__ import annotations

import html
import json

import networkx as nx

_SHOWN = 30  # rows a table shows; the caption says how many there are

# to_pandas's columns by dtype; any other column of the rows is text
_CATEGORIES = ("predicate", "polarity", "modality", "date_precision")
_INTEGERS = ("evidence_start", "evidence_end")


def plain_attributes(values: dict | None) -> dict:
    """Attributes a graph file format can hold: ``@id`` left out (it is the node), ``@type``
    as ``type``, a list or dict as its JSON text, ``None`` left out."""
    out = {}
    for key, value in (values or {}).items():
        if value is None or key == "@id":
            continue
        key = "type" if key == "@type" else key
        out[key] = value if isinstance(value, (str, int, float, bool)) else json.dumps(value, ensure_ascii=False)
    return out


def plain_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with plain attributes (a node's JSON-LD form spread out as its own)."""
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k != "jsonld"}
        out.add_node(node, **plain_attributes({**(data.get("jsonld") or {}), **attrs}))
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **plain_attributes(data))
    return out


def claims_frame(rows: list[dict], columns: tuple[str, ...]):
    """The claim rows as a DataFrame: categories, nullable integers and text columns, the
    same columns (and dtypes) when there are no claims."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype({c: "category" if c in _CATEGORIES else "Int64" if c in _INTEGERS else "string"
                         for c in frame.columns})


def _table(caption: str, header: list[str], rows: list[list], total: int) -> str:
    more = f" (the first {_SHOWN})" if total > _SHOWN else ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
                   for row in rows[:_SHOWN])
    return (f"<table><caption>{html.escape(caption)}: {total}{more}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _claim_row(claim, names: dict) -> list:
    target = claim.recipient or claim.theme or claim.location
    return [claim.predicate, names.get(claim.agent, claim.agent), names.get(target, target or claim.theme_text),
            claim.polarity, claim.modality, claim.evidence.exact if claim.evidence else None]


_CLAIM_HEADER = ["predicate", "agent", "recipient / theme / location", "polarity", "modality", "evidence"]
_ENTITY_HEADER = ["name", "type", "identifier", "id"]


def document_html(result) -> str:
    """A result (an AnnotatedDocument): its document, entities and claims."""
    d = result.document
    names = {e.id: e.name for e in result.entities}
    head = (f"<p><b>{html.escape(d.id)}</b> date {d.date.isoformat() if d.date else '-'}, "
            f"language {html.escape(d.language or '-')}, {len(d.text)} characters</p>")
    entities = [[e.name, e.type, e.identifier, e.id] for e in result.entities]
    claims = [_claim_row(c, names) for c in result.claims]
    return (f"<div>{head}{_table('entities', _ENTITY_HEADER, entities, len(entities))}"
            f"{_table('claims', _CLAIM_HEADER, claims, len(claims))}</div>")


def graph_html(graph) -> str:
    """A ClaimsGraph: its counts, entities (the most connected first) and claims."""
    records = graph.entity_records()
    names = {eid: e.name for eid, e in records.items()}
    degree = dict(graph.g.degree(list(records)))
    entities = [[e.name, e.type, e.identifier, eid] for eid, e in
                sorted(records.items(), key=lambda item: (-degree.get(item[0], 0), item[0]))]
    claims = [_claim_row(c, names) for c in graph.claim_records()]
    documents = sum(1 for _ in graph.nodes("document"))
    head = f"<p><b>ClaimsGraph</b>: {documents} document(s), {len(entities)} entities, {len(claims)} claims</p>"
    return (f"<div>{head}{_table('entities', _ENTITY_HEADER, entities, len(entities))}"
            f"{_table('claims', _CLAIM_HEADER, claims, len(claims))}</div>")
