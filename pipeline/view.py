"""A self-contained HTML view of a claims graph: entities as nodes coloured by
type, claims as labelled edges (dashed when negated); clicking an edge or a node
shows the evidence sentences. The vis-network library is inlined from the pyvis
package, so the page needs no network."""
from __future__ import annotations

import html
import json
from pathlib import Path

from .graph import ClaimsGraph

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


def render_html(graph: ClaimsGraph, title: str = "claims graph") -> str:
    js, css = _vis_assets()
    nodes, edges = [], []
    for nid, node in graph.nodes("entity"):
        typ = node["@type"]
        nodes.append({"id": nid, "label": node.get("name") or nid, "group": typ,
                      "color": COLOURS.get(typ, "#bab0ac"), "title": f"{typ}: {node.get('name')}"})
    known = {n["id"] for n in nodes}
    for c in graph.claims():
        target = c.get("recipient") or c.get("theme") or c.get("location") or c.get("partner")
        if not c["agent"] or c["agent"] not in known:
            continue
        if not (isinstance(target, str) and target in known):
            target = c["agent"]  # a claim with no second entity: a loop on the agent
        edges.append({"id": c["id"], "from": c["agent"], "to": target, "label": c["predicate"],
                      "arrows": "to", "dashes": c["polarity"] == "negated",
                      "evidence": c["evidence"]["oa:exact"], "text": c.get("text") or "",
                      "polarity": c["polarity"], "modality": c["modality"], "document": c["document"]})
    data = json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="kk"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{css}
body {{ margin: 0; font-family: sans-serif; display: flex; height: 100vh; }}
#graph {{ flex: 3; border-right: 1px solid #ccc; }}
#side {{ flex: 1; padding: 1em; overflow: auto; font-size: 14px; }}
.evidence {{ margin: .5em 0; padding: .5em; background: #f4f4f4; border-left: 3px solid #4e79a7; }}
</style></head>
<body><div id="graph"></div>
<div id="side"><h3>{html.escape(title)}</h3><p id="stats"></p><div id="details">Click a claim (edge) or an entity.</div></div>
<script>{js}</script>
<script>
const data = {data};
const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
const network = new vis.Network(document.getElementById("graph"), {{nodes, edges}},
  {{physics: {{stabilization: {{iterations: 150}}}}, edges: {{font: {{align: "middle"}}}}}});
const stats = document.getElementById("stats");
stats.textContent = data.nodes.length + " entities, " + data.edges.length + " claims";
stats.dataset.nodes = data.nodes.length; stats.dataset.edges = data.edges.length;
function show(items) {{
  const box = document.getElementById("details"); box.innerHTML = "";
  for (const e of items) {{
    const div = document.createElement("div"); div.className = "evidence";
    div.textContent = e.label + " (" + e.polarity + ", " + e.modality + "): " + e.evidence;
    box.appendChild(div);
  }}
}}
network.on("click", p => {{
  if (p.edges.length && !p.nodes.length) show(p.edges.map(id => edges.get(id)));
  else if (p.nodes.length) show(edges.get({{filter: e => e.from === p.nodes[0] || e.to === p.nodes[0]}}));
}});
network.once("afterDrawing", () => {{ document.body.dataset.rendered = network.body.nodeIndices.length; }});
</script></body></html>
"""


def write_html(graph_path: Path, out: Path) -> Path:
    graph = ClaimsGraph.from_jsonld(graph_path)
    Path(out).write_text(render_html(graph, title=f"claims graph: {Path(graph_path).name}"), encoding="utf-8")
    return Path(out)
