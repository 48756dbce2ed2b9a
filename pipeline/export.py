"""Exports of a claims graph: GraphML and GEXF (Gephi, via networkx), a flat
claims table (CSV, Parquet), N-Quads and Turtle (rdflib), and an embedded SPARQL
store on disk (pyoxigraph) with queries. All read ``graph.jsonld`` offline."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from .graph import ClaimsGraph

FORMATS = ("graphml", "gexf", "csv", "parquet", "nquads", "turtle", "events", "events-parquet")
SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "csv": ".csv", "parquet": ".parquet", "nquads": ".nq",
          "turtle": ".ttl", "events": ".events.csv", "events-parquet": ".events.parquet"}

# The event table (``--format events``): one row per claim between actors, in the spirit of a
# GDELT event record (actor 1 = the agent, actor 2 = the recipient, else the partner, else a
# country that is the claim's location, as in a visit).
EVENT_COLUMNS = (
    "event_id", "date", "date_published",
    "actor1_id", "actor1_name", "actor1_type", "actor1_country",
    "actor2_id", "actor2_name", "actor2_type", "actor2_country",
    "predicate", "cameo", "quad_class", "goldstein", "polarity", "modality",
    "location_id", "location_name", "theme",
    "author_id", "author_name", "document_id", "source", "url",
    "evidence_start", "evidence_end", "evidence", "text", "confidence",
)


def _flat_graph(graph: ClaimsGraph) -> nx.MultiDiGraph:
    """Entities as nodes, claims as labelled edges; attributes made scalar
    (GraphML and GEXF take no lists)."""
    eg = graph.entity_graph()
    out = nx.MultiDiGraph()
    for n, d in eg.nodes(data=True):
        out.add_node(n, **{k: ("" if v is None else str(v)) for k, v in d.items()}, label=d.get("name") or n)
    for u, v, k, d in eg.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, label=d["predicate"], **{a: str(b) for a, b in d.items()})
    return out


def export(graph_path: Path, fmt: str, out: Path) -> Path:
    if fmt not in FORMATS:
        raise ValueError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    graph_path = Path(graph_path)
    if fmt in ("nquads", "turtle"):
        import rdflib

        g = rdflib.Dataset() if fmt == "nquads" else rdflib.Graph()
        g.parse(graph_path, format="json-ld")
        g.serialize(destination=str(out), format="nquads" if fmt == "nquads" else "turtle", encoding="utf-8")
        return out
    graph = ClaimsGraph.from_jsonld(graph_path)
    if fmt in ("events", "events-parquet"):
        write_events(graph, out, parquet=fmt == "events-parquet" or Path(out).suffix == ".parquet")
        return out
    if fmt == "graphml":
        nx.write_graphml(_flat_graph(graph), out)
    elif fmt == "gexf":
        nx.write_gexf(_flat_graph(graph), out)
    elif fmt == "csv":
        rows = graph.claim_rows()
        with open(out, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["claim"])
            writer.writeheader()
            writer.writerows(rows)
    elif fmt == "parquet":
        graph.to_pandas().to_parquet(out, index=False)
    return out


def _id(value) -> str | None:
    return value.get("@id") if isinstance(value, dict) else None


def event_rows(graph: ClaimsGraph) -> list[dict]:
    """The event table's rows: claims with an actor (agent or recipient) and a CAMEO code, or
    any claim between two actors."""
    entities = dict(graph.nodes("entity"))
    documents = dict(graph.nodes("document"))

    def country(node: dict | None) -> str | None:
        if not node:
            return None
        if node.get("@type") == "Country":
            return node.get("identifier")
        aff = entities.get(_id(node.get("affiliation")) or "")
        return aff.get("identifier") if aff and aff.get("@type") == "Country" else None

    def actor(prefix: str, eid: str | None) -> dict:
        node = entities.get(eid) if eid else None
        return {f"{prefix}_id": eid, f"{prefix}_name": node.get("name") if node else None,
                f"{prefix}_type": node.get("@type") if node else None, f"{prefix}_country": country(node)}

    rows = []
    for nid, c in graph.nodes("claim"):
        a1 = _id(c.get("cg:agent"))
        loc = _id(c.get("cg:location"))
        a2 = _id(c.get("cg:recipient")) or _id(c.get("cg:partner"))
        if not a2 and c.get("cg:cameo") and entities.get(loc or "", {}).get("@type") == "Country":
            a2 = loc  # X visited a country: the country is the other actor (CAMEO 042 / GDELT Actor2)
        if not (a1 or a2) or not (c.get("cg:cameo") or (a1 and a2)):
            continue
        doc_id = _id(c.get("appearance"))
        doc = documents.get(doc_id, {})
        theme = c.get("cg:theme")
        author = _id(c.get("author"))
        ev = c.get("prov:wasDerivedFrom", {})
        rows.append({
            "event_id": nid, "date": c.get("dateCreated") or doc.get("datePublished"),
            "date_published": doc.get("datePublished"), **actor("actor1", a1), **actor("actor2", a2),
            "predicate": c.get("cg:predicate"), "cameo": c.get("cg:cameo"), "quad_class": c.get("cg:quadClass"),
            "goldstein": c.get("cg:goldstein"), "polarity": c.get("cg:polarity"), "modality": c.get("cg:modality"),
            "location_id": loc, "location_name": entities.get(loc, {}).get("name") if loc else None,
            "theme": entities.get(_id(theme), {}).get("name") if isinstance(theme, dict) else theme,
            "author_id": author, "author_name": entities.get(author, {}).get("name") if author else None,
            "document_id": doc_id.removeprefix("doc:") if doc_id else None, "source": doc.get("identifier"),
            "url": doc.get("url"), "evidence_start": ev.get("oa:start"), "evidence_end": ev.get("oa:end"),
            "evidence": ev.get("oa:exact"), "text": c.get("text"), "confidence": c.get("cg:confidence"),
        })
    rows.sort(key=lambda r: (r["date"] or "", r["document_id"] or "", r["evidence_start"] or 0))
    return rows


def write_events(graph: ClaimsGraph, out: Path, parquet: bool = False) -> int:
    """Write the event table as CSV or Parquet; returns the number of rows."""
    rows = event_rows(graph)
    if parquet:
        import pandas as pd

        frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
        frame["quad_class"] = frame["quad_class"].astype("Int64")
        frame["goldstein"] = frame["goldstein"].astype("Float64")
        frame.to_parquet(out, index=False)
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(EVENT_COLUMNS))
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)


# -- the SPARQL store -------------------------------------------------------------
def load_store(graph_path: Path, store_dir: Path) -> int:
    """Add a graph.jsonld to the on-disk store in ``store_dir``; returns its size."""
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(graph_path), format=ox.RdfFormat.JSON_LD)
    store.flush()
    return len(store)


def query_store(store_dir: Path, sparql: str) -> tuple[list[str], list[list[str]]]:
    """Run a SELECT query; (column names, rows of plain strings)."""
    import pyoxigraph as ox

    if not (Path(store_dir) / "CURRENT").exists() and not any(Path(store_dir).glob("*")):
        raise ValueError(f"{store_dir}: no store here (create one with claimgraph run ... --store DIR)")
    store = ox.Store.read_only(str(store_dir))
    try:
        result = store.query(sparql)
    except SyntaxError as err:
        raise ValueError(f"query: {str(err).splitlines()[0]}") from None
    if not isinstance(result, ox.QuerySolutions):
        raise ValueError("query: only SELECT queries print a table")
    columns = [v.value for v in result.variables]
    rows = [[_plain(sol[c]) for c in columns] for sol in result]
    return columns, rows


def _plain(term) -> str:
    if term is None:
        return ""
    return term.value


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
    node_id = ref.get("@id") if isinstance(ref, dict) else ref
    if not isinstance(node_id, str):
        return None
    for prefix in ("doc:", "https://w3id.org/claimgraph/id/doc/"):
        if node_id.startswith(prefix):
            return node_id[len(prefix):]
    return node_id


def _span_problem(where: str, span: dict, text: str, doc_id: str) -> str | None:
    start, end, exact = span.get("oa:start", span.get("start")), span.get("oa:end", span.get("end")), \
        span.get("oa:exact", span.get("exact", span.get("text")))
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(exact, str)):
        return f"{where}: span without integer start/end and exact text: {json.dumps(span, ensure_ascii=False)}"
    if not 0 <= start <= end <= len(text):
        return f"{where}: span {start}:{end} is outside the text of doc:{doc_id} ({len(text)} characters)"
    if text[start:end] != exact:
        return f"{where}: exact {exact!r} is not the text at {start}:{end} of doc:{doc_id}: {text[start:end]!r}"
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
                doc_id, text = record["id"], record["text"]
            except (json.JSONDecodeError, KeyError, TypeError):
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
        problems.extend(f"{graph_path}: {claim_id}: its document doc:{doc_id} is not in {documents_path}"
                        for claim_id, _ in spans)
    return problems
