"""RDF files that are byte-identical for the same graph: N-Quads and Turtle (rdflib) with
stable blank-node labels.

A parser gives every blank node of a graph.jsonld (a claim's evidence span under
``prov:wasDerivedFrom``, a place's ``geo`` coordinates) a fresh random label, so two exports
of one graph differed, and researchers diff and checksum their outputs. Here each blank node
is labelled ``_:b`` + a hash of where it hangs (the IRIs or labels of the nodes that point to
it, with the property) and of what it holds (its own properties and values, nested blank
nodes by their own hash): the same graph gives the same labels in any process, and two
equal spans of one claim stay two nodes (an ordinal tells them apart). The triples are the
same; they stay blank nodes, as graph.jsonld has them. N-Quads lines are sorted (code-point
order, as ``LC_ALL=C sort``); rdflib's Turtle writer sorts subjects and properties itself.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Iterable

_LABEL_HEX = 32  # 128 bits of sha256: no two nodes of one graph share a label by chance


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False).encode("utf-8")).hexdigest()[:_LABEL_HEX]


def stable_blank_labels(quads: Iterable[tuple]) -> dict:
    """A label for every blank node of the (subject, predicate, object, graph) quads: a
    function of the graph's content, never of the order nodes were read in or of the
    process's string hashes."""
    from rdflib import BNode

    holders: dict = defaultdict(list)  # blank node -> [(subject, predicate)] pointing to it
    values: dict = defaultdict(list)  # blank node -> [(predicate, object)] it holds
    blanks: set = set()
    for s, p, o, g in quads:
        for term in (s, o, g):
            if isinstance(term, BNode):
                blanks.add(term)
        if isinstance(o, BNode):
            holders[o].append((s, p))
        if isinstance(s, BNode):
            values[s].append((p, o))

    content: dict = {}

    def content_of(node, inside: frozenset = frozenset()) -> str:
        """A hash of what the node holds, nested blank nodes by their own content (a tree
        from JSON-LD; a cycle, which JSON-LD trees never make, is cut where it closes)."""
        if node not in content:
            parts = sorted((p.n3(), "" if o in inside else content_of(o, inside | {node}))
                           if isinstance(o, BNode) else (p.n3(), o.n3()) for p, o in values.get(node, ()))
            content[node] = _digest(parts)
        return content[node]

    keys: dict = {}

    def key_of(node, inside: frozenset = frozenset()) -> str:
        """A hash of the node's holders (by IRI, a blank holder by its own key) and content."""
        if node not in keys:
            where = sorted((s.n3() if not isinstance(s, BNode) else "" if s in inside else
                            "_:" + key_of(s, inside | {node}), p.n3()) for s, p in holders.get(node, ()))
            keys[node] = _digest([where, content_of(node)])
        return keys[node]

    by_key: dict = defaultdict(list)
    for node in blanks:
        by_key[key_of(node)].append(node)
    labels = {}
    for key, nodes in by_key.items():
        # nodes with one key hang from the same holders and hold the same values: which gets which
        # ordinal does not change the file
        for n, node in enumerate(nodes):
            labels[node] = f"b{key}" + (f"_{n}" if n else "")
    return labels


def _quads(source) -> list[tuple]:
    """(s, p, o, graph name) of an rdflib Dataset or Graph; None: the default graph."""
    from rdflib import Dataset, Graph

    if not isinstance(source, Dataset):
        return [(*t, None) for t in source]
    return [(s, p, o, g.identifier if isinstance(g, Graph) else g) for s, p, o, g in source.quads((None,) * 4)]


def relabelled_graph(source):
    """A copy of an rdflib Graph (parsed from JSON-LD) whose blank nodes carry the stable
    labels of :func:`stable_blank_labels` (for the Turtle writer, which sorts the rest)."""
    from rdflib import BNode, Graph

    quads = _quads(source)
    labels = stable_blank_labels(quads)
    out = Graph()
    for prefix, namespace in source.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, _ in quads:
        out.add((BNode(labels[s]) if isinstance(s, BNode) else s, p, BNode(labels[o]) if isinstance(o, BNode) else o))
    return out


def _nquads_term(t) -> str:
    from rdflib import Literal

    if not isinstance(t, Literal):
        return t.n3()
    text = str(t).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    suffix = f"@{t.language}" if t.language else f"^^<{t.datatype}>" if t.datatype else ""
    return f'"{text}"{suffix}'


def _nquads_row(triple, context) -> str:
    """One N-Quads line (rdflib's row writer where this rdflib has none)."""
    return " ".join(_nquads_term(t) for t in (*triple, context)) + " .\n"


def sorted_nquads(dataset) -> str:
    """An rdflib Dataset as N-Quads, blank nodes labelled stably and lines sorted; each line
    as rdflib's N-Quads writer makes it (its own row function, without copying the dataset)."""
    from rdflib import BNode

    try:  # rdflib's own row writer (private: a later rdflib may move it)
        from rdflib.plugins.serializers.nquads import _nq_row
    except ImportError:  # pragma: no cover - the same row, written here
        _nq_row = _nquads_row

    quads = _quads(dataset)
    labels = stable_blank_labels(quads)

    def term(t):
        return BNode(labels[t]) if isinstance(t, BNode) else t

    # a row ends with its one "\n" (the writer escapes line breaks inside literals)
    return "".join(sorted(_nq_row((term(s), p, term(o)), term(g)) for s, p, o, g in quads))


def write_rdf(graph_path: Path, fmt: str, part: Path) -> int:
    """Write the graph.jsonld at ``graph_path`` as N-Quads or Turtle to ``part``; the number
    of triples (quads) written."""
    import rdflib

    g = rdflib.Dataset() if fmt == "nquads" else rdflib.Graph()
    g.parse(graph_path, format="json-ld")
    if fmt == "nquads":  # "replace": a lone surrogate becomes "?", as rdflib's writer has it
        Path(part).write_bytes(sorted_nquads(g).encode("utf-8", "replace"))
    else:
        relabelled_graph(g).serialize(destination=str(part), format="turtle", encoding="utf-8")
    return len(g)
