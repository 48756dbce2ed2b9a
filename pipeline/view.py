"""A self-contained HTML view of a claims graph: entities as nodes coloured by
type; the claims between two entities are one line, labelled by its predicates (``meet ×3``),
as thick as it has claims, dashed when all are negated; clicking a line or a node shows the
claims' evidence. The most connected N entities are drawn first (a button shows N more);
filters by entity type and predicate, two month sliders and a search box choose others (also
from the address: ``graph.html?search=...&top=...&type=...&from=2024-03&to=2024-05``). The vis-network library is inlined from the pyvis
package, so the page needs no network."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .graph import ClaimsGraph, entity_node_type
from .graph_export import claim_ends
from .textfiles import write_whole_text, xml_text

COLOURS = {"Person": "#e15759", "Country": "#4e79a7", "Organization": "#f28e2b", "Place": "#59a14f",
           "City": "#59a14f", "AdministrativeArea": "#59a14f", "Event": "#b07aa1", "cg:Group": "#9c755f"}


def _vis_assets() -> tuple[str, str]:
    try:
        import pyvis
    except ImportError:
        raise ValueError("the HTML view needs the vis-network library from pyvis: pip install 'claimgraph[view]'") from None
    lib = Path(pyvis.__file__).parent / "lib"
    folder = sorted(lib.glob("vis-*"))[-1]
    return ((folder / "vis-network.min.js").read_text(encoding="utf-8"),
            (folder / "vis-network.css").read_text(encoding="utf-8"))


DEFAULT_TOP = 50  # the most connected entities drawn at first
MONTH = re.compile(r"\d{4}-\d{2}")

# The filter, kept free of the drawing library so that it can be tested on its own: which nodes
# and edges a state (types, predicates, date range, search words, top N) shows.
FILTER_JS = r"""
function visibleGraph(data, state) {
  const types = state.types, preds = state.predicates;
  const q = (state.search || "").trim().toLowerCase();
  const edges = data.edges.filter(e => (!preds || preds.includes(e.label))
    && (!state.from || (e.date && e.date >= state.from)) && (!state.to || (e.date && e.date.slice(0, state.to.length) <= state.to)));
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const typeOk = id => { const n = byId.get(id); return n && (!types || types.includes(n.group)); };
  const kept = edges.filter(e => typeOk(e.from) && typeOk(e.to));
  const degree = new Map();
  for (const e of kept) { for (const id of new Set([e.from, e.to])) degree.set(id, (degree.get(id) || 0) + 1); }
  let ids, found = new Set();
  if (q) {
    const hits = data.nodes.filter(n => typeOk(n.id) && n.label.toLowerCase().includes(q)).map(n => n.id);
    found = new Set(hits); const set = new Set(hits);
    for (const e of kept) { if (found.has(e.from) || found.has(e.to)) { set.add(e.from); set.add(e.to); } }
    ids = [...set];
  } else {
    const filtered = !!(types || preds || state.from || state.to);
    ids = data.nodes.filter(n => typeOk(n.id) && (!filtered || degree.get(n.id))).map(n => n.id);
  }
  ids.sort((a, b) => (degree.get(b) || 0) - (degree.get(a) || 0) || byId.get(a).label.localeCompare(byId.get(b).label));
  ids = ids.slice(0, state.top || ids.length);
  const shown = new Set(ids);
  const joins = e => !q || found.has(e.from) || found.has(e.to);
  return {nodes: ids, edges: kept.filter(e => shown.has(e.from) && shown.has(e.to) && joins(e)).map(e => e.id)};
}

// The lines drawn: the shown claims between the same two entities (in the same direction) are one
// line, labelled by its most frequent predicates and as thick as it has claims; dashed when all
// of them are negated.
function bundleEdges(data, edgeIds) {
  const want = new Set(edgeIds), groups = new Map();
  for (const e of data.edges) {
    if (!want.has(e.id)) continue;
    const key = e.from + " -> " + e.to;
    if (!groups.has(key)) groups.set(key, {id: key, from: e.from, to: e.to, claims: [], counts: new Map(), negated: 0});
    const g = groups.get(key);
    g.claims.push(e.id); g.counts.set(e.label, (g.counts.get(e.label) || 0) + 1);
    if (e.dashes) g.negated += 1;
  }
  return [...groups.values()].map(g => {
    const top = [...g.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const label = top.slice(0, 2).map(([p, n]) => n > 1 ? p + " \u00d7" + n : p).join(", ") + (top.length > 2 ? ", \u2026" : "");
    return {id: g.id, from: g.from, to: g.to, label, claims: g.claims, arrows: "to", width: 1 + Math.log2(g.claims.length),
            dashes: g.negated === g.claims.length, title: g.claims.length + (g.claims.length > 1 ? " claims" : " claim")};
  });
}
"""


def render_html(graph: ClaimsGraph, title: str = "claims graph", top: int = DEFAULT_TOP) -> str:
    js, css = _vis_assets()
    nodes, edges = [], []
    for nid, entity in graph.entity_records().items():
        typ = entity_node_type(entity.type)
        nodes.append({"id": nid, "label": entity.name or nid, "group": typ,
                      "color": COLOURS.get(typ, "#bab0ac"), "title": f"{typ}: {entity.name or None}"})
    known = {n["id"] for n in nodes}
    for c in graph.claim_records():
        source, target = claim_ends(c)  # as in GraphML and GEXF: a claim of one party is a loop on it
        if source not in known or target not in known:
            continue
        edges.append({"id": c.id, "from": source, "to": target, "label": c.predicate,
                      "arrows": "to", "dashes": c.polarity == "negated", "date": c.date or "",
                      "evidence": c.evidence.exact, "text": c.text or "",
                      "polarity": c.polarity, "modality": c.modality, "document": c.document})
    documents = {nid: doc.date_published for nid, doc in graph.document_records().items()}
    for e in edges:
        e["date"] = e["date"] or documents.get(e["document"]) or ""
    months = sorted({e["date"][:7] for e in edges if MONTH.fullmatch(e["date"][:7])})  # the slider's stops
    # JSON escapes control characters; a lone surrogate (which UTF-8 cannot hold) becomes U+FFFD
    data = xml_text(json.dumps({"nodes": nodes, "edges": edges, "months": months},
                               ensure_ascii=False).replace("</", "<\\/"))
    types = sorted({xml_text(n["group"]) for n in nodes})
    predicates = sorted({xml_text(e["label"]) for e in edges})
    title = xml_text(title)  # a file name may hold what UTF-8 cannot
    type_boxes = "".join(f'<label><input type="checkbox" class="type" value="{html.escape(t)}" checked> '
                         f'{html.escape(t)}</label> ' for t in types)
    pred_boxes = "".join(f'<label><input type="checkbox" class="pred" value="{html.escape(p)}" checked> '
                         f'{html.escape(p)}</label> ' for p in predicates)
    return f"""<!DOCTYPE html>
<html lang="kk"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{css}
body {{ margin: 0; font-family: sans-serif; display: flex; height: 100vh; }}
#graph {{ flex: 3; border-right: 1px solid #ccc; }}
#side {{ flex: 1; padding: 1em; overflow: auto; font-size: 14px; }}
#side fieldset {{ margin: .4em 0; font-size: 12px; }}
.evidence {{ margin: .5em 0; padding: .5em; background: #f4f4f4; border-left: 3px solid #4e79a7; }}
</style></head>
<body><div id="graph"></div>
<div id="side"><h3>{html.escape(title)}</h3><p id="stats"></p>
<input id="search" type="search" placeholder="search an entity" style="width: 95%">
<fieldset><legend>most connected</legend><input id="top" type="number" min="1" value="{top}"> entities
<button id="more" type="button">show {top} more</button></fieldset>
<fieldset><legend>entity types</legend>{type_boxes}</fieldset>
<fieldset><legend>predicates</legend>{pred_boxes}</fieldset>
<fieldset><legend>months</legend>
<label>from <input id="from" type="range" min="0" max="{max(len(months) - 1, 0)}" value="0"> <output id="from-month"></output></label><br>
<label>to <input id="to" type="range" min="0" max="{max(len(months) - 1, 0)}" value="{max(len(months) - 1, 0)}">
<output id="to-month"></output></label></fieldset>
<div id="details">Click a claim (edge) or an entity.</div></div>
<script>{js}</script>
<script id="filter">{FILTER_JS}</script>
<script>
const data = {data};
const nodes = new vis.DataSet([]), edges = new vis.DataSet([]);
const network = new vis.Network(document.getElementById("graph"), {{nodes, edges}},
  {{physics: {{stabilization: {{iterations: 150}}}}, edges: {{font: {{align: "middle"}}}}}});
const stats = document.getElementById("stats");
const checked = cls => {{
  const boxes = [...document.querySelectorAll("input." + cls)];
  return boxes.every(b => b.checked) ? null : boxes.filter(b => b.checked).map(b => b.value);
}};
const months = data.months, fromBox = document.getElementById("from"), toBox = document.getElementById("to");
// a slider at its end leaves that side open, so that undated claims show until a month is chosen
const monthAt = (box, open) => months.length && +box.value !== open ? months[+box.value] : "";
function state() {{
  return {{types: checked("type"), predicates: checked("pred"), search: document.getElementById("search").value,
          from: monthAt(fromBox, 0), to: monthAt(toBox, months.length - 1),
          top: parseInt(document.getElementById("top").value, 10) || {top}}};
}}
const claimsById = new Map(data.edges.map(e => [e.id, e]));
function redraw() {{
  const v = visibleGraph(data, state()), lines = bundleEdges(data, v.edges);
  const nodeIds = new Set(v.nodes);
  nodes.clear(); edges.clear();
  nodes.add(data.nodes.filter(n => nodeIds.has(n.id)));
  edges.add(lines);
  document.getElementById("from-month").textContent = months[+fromBox.value] || "";
  document.getElementById("to-month").textContent = months[+toBox.value] || "";
  stats.textContent = v.nodes.length + " of " + data.nodes.length + " entities, " + v.edges.length + " of "
    + data.edges.length + " claims in " + lines.length + " lines";
  stats.dataset.nodes = data.nodes.length; stats.dataset.edges = data.edges.length;
  document.body.dataset.visibleNodes = v.nodes.length; document.body.dataset.visibleEdges = v.edges.length;
  document.body.dataset.visibleLines = lines.length;
  network.once("afterDrawing", () => {{ document.body.dataset.rendered = network.body.nodeIndices.length; }});
}}
for (const el of document.querySelectorAll("#side input")) el.addEventListener("input", redraw);
document.getElementById("more").addEventListener("click", () => {{
  const box = document.getElementById("top"); box.value = (parseInt(box.value, 10) || {top}) + {top}; redraw();
}});
function show(claims) {{
  const box = document.getElementById("details"); box.innerHTML = "";
  for (const e of claims) {{
    const div = document.createElement("div"); div.className = "evidence";
    div.textContent = e.label + " (" + e.polarity + ", " + e.modality + (e.date ? ", " + e.date : "") + "): " + e.evidence;
    box.appendChild(div);
  }}
}}
const claimsOf = lines => lines.flatMap(line => line.claims.map(id => claimsById.get(id)));
network.on("click", p => {{
  if (p.edges.length && !p.nodes.length) show(claimsOf(p.edges.map(id => edges.get(id))));
  else if (p.nodes.length) show(claimsOf(edges.get({{filter: e => e.from === p.nodes[0] || e.to === p.nodes[0]}})));
}});
const params = new URLSearchParams(location.search);
if (params.get("search")) document.getElementById("search").value = params.get("search");
if (params.get("top")) document.getElementById("top").value = params.get("top");
if (params.get("type")) for (const b of document.querySelectorAll("input.type")) b.checked = b.value === params.get("type");
// ?from=2024-03&to=2024-05: the first month from, the last month up to
if (params.get("from")) fromBox.value = Math.max(0, months.findIndex(m => m >= params.get("from")));
if (params.get("to")) toBox.value = months.filter(m => m <= params.get("to")).length - 1;
redraw();
</script></body></html>
"""


def write_html(graph_path: Path, out: Path, top: int = DEFAULT_TOP) -> Path:
    """The page, written whole or not at all."""
    graph = ClaimsGraph.from_jsonld(graph_path)
    return write_whole_text(Path(out), render_html(graph, title=f"claims graph: {Path(graph_path).name}", top=top))
