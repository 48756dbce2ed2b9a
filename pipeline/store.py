"""The embedded SPARQL store on disk (pyoxigraph): ``claimgraph run --store DIR`` loads a
graph.jsonld into it, ``claimgraph query`` reads it.

Loading the same documents again gives the same store, not a second copy: the blank nodes of
a graph.jsonld (a claim's evidence span, ``prov:wasDerivedFrom``) get stable IRIs derived from
the node that holds them and their own values (they would be fresh nodes on every load), and
what the store held about a document being loaded (the document, its claims, their evidence)
is replaced, so a re-run that finds other claims leaves no stale ones behind. graph.jsonld
itself is unchanged. Queries never reach the network unless asked: SERVICE clauses are refused.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterator

GENID = "https://w3id.org/claimgraph/.well-known/genid/"  # RDF 1.1 skolem IRIs (section 3.5)
APPEARANCE = "https://schema.org/appearance"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DOCUMENT_TYPE = "https://schema.org/NewsArticle"
_FORGET_BATCH = 500  # documents per DELETE (a VALUES list)


def load_store(graph_path: Path, store_dir: Path) -> int:
    """Add a graph.jsonld to the on-disk store in ``store_dir``, replacing what it held about
    the same documents; returns the store's size (triples)."""
    import pyoxigraph as ox

    data = ox.Dataset(ox.parse(path=str(graph_path), format=ox.RdfFormat.JSON_LD))  # compact, in Rust
    store = ox.Store(str(store_dir))
    documents = [q.subject.value for q in data.quads_for_predicate(ox.NamedNode(RDF_TYPE))
                 if q.object.value == DOCUMENT_TYPE and isinstance(q.subject, ox.NamedNode)]
    for i in range(0, len(documents), _FORGET_BATCH):
        store.update(_forget_documents(documents[i:i + _FORGET_BATCH]))
    store.bulk_extend(_skolemised(data))
    store.flush()
    return len(store)


def _forget_documents(iris: list[str]) -> str:
    """A SPARQL update deleting these documents, their claims and the claims' evidence nodes."""
    values = " ".join(f"<{iri}>" for iri in iris)
    return f"""DELETE {{ ?doc ?dp ?do . ?claim ?p ?o . ?part ?pp ?po }}
WHERE {{ VALUES ?doc {{ {values} }}
  {{ ?doc ?dp ?do }}
  UNION {{ ?claim <{APPEARANCE}> ?doc ; ?p ?o }}
  UNION {{ ?claim <{APPEARANCE}> ?doc ; ?link ?part . ?part ?pp ?po
          FILTER(isBlank(?part) || STRSTARTS(STR(?part), "{GENID}")) }} }}"""


def _skolemised(data) -> Iterator:
    """The dataset's quads with every blank node replaced by a stable IRI: a hash of the node's
    holder (the subject and property pointing to it; a blank holder is named first) and of its
    own values, so that equal spans of two claims stay two nodes."""
    import pyoxigraph as ox

    names: dict = {}

    def named(node, inside: tuple = ()):
        if not isinstance(node, ox.BlankNode):
            return node
        if node not in names:
            holder = min(((str(q.subject), q.subject, q.predicate.value) for q in data.quads_for_object(node)),
                         default=("", None, ""))
            # a holder already being named (blank nodes in a cycle, which JSON-LD trees never make) is left out
            holder_iri = "" if holder[1] is None or holder[1] in inside else str(named(holder[1], (*inside, node)))
            values = sorted((q.predicate.value, str(q.object)) for q in data.quads_for_subject(node)
                            if not isinstance(q.object, ox.BlankNode))
            key = json.dumps([holder_iri, holder[2], values], ensure_ascii=False)
            names[node] = ox.NamedNode(GENID + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32])
        return names[node]

    for q in data:
        yield ox.Quad(named(q.subject), q.predicate, named(q.object), q.graph_name)


def service_clause_problem(sparql: str) -> str | None:
    """Why the query may reach the network (a SERVICE clause, found by parsing it, so that a
    comment or a string literal cannot fool the check), or None."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(sparql)
    except Exception as err:  # noqa: BLE001 - whatever the parser's complaint, the query is unchecked
        return (f"the query does not parse as SPARQL 1.1 ({str(err).splitlines()[0]}), so it cannot be "
                f"checked for SERVICE clauses (network requests)")

    def has_service(node) -> bool:
        if isinstance(node, CompValue):
            return node.name == "ServiceGraphPattern" or any(has_service(v) for v in node.values())
        if isinstance(node, (list, tuple, ParseResults)):
            return any(has_service(v) for v in node)
        return False

    if has_service(tree):
        return "the query has a SERVICE clause, which sends requests over the network"
    return None


def query_store(store_dir: Path, sparql: str, allow_service: bool = False) -> tuple[list[str], list[list[str]]]:
    """Run a SELECT query on a store folder or a graph.jsonld (read into memory); (column
    names, rows of plain strings). A query with a SERVICE
    clause (a federated query over the network) is refused unless ``allow_service``."""
    import pyoxigraph as ox

    is_graph_file = Path(store_dir).is_file()  # a graph.jsonld: read into a store in memory
    if not is_graph_file and not (Path(store_dir) / "CURRENT").exists() and not any(Path(store_dir).glob("*")):
        raise ValueError(f"{store_dir}: no store here (create one with claimgraph run ... --store DIR)")
    if not allow_service and (problem := service_clause_problem(sparql)):
        raise ValueError(f"query: {problem}; --allow-service runs it as it is")
    if is_graph_file:
        store = ox.Store()
        try:
            store.bulk_extend(_skolemised(ox.Dataset(ox.parse(path=str(store_dir), format=ox.RdfFormat.JSON_LD))))
        except SyntaxError as err:
            raise ValueError(f"{store_dir}: not JSON-LD: {str(err).splitlines()[0]}") from None
    else:
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
    return "" if term is None else term.value
