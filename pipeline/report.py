"""A one-page report on a claims graph for a researcher (``claimgraph report GRAPH -o report.html``):
for each pair of countries, cooperation against conflict by month (GDELT quad classes of the
CAMEO-coded claims), and the top speakers. Plain HTML with inline SVG: no script, no network."""
from __future__ import annotations

import html
from collections import Counter, defaultdict
from pathlib import Path

from .export import event_rows
from .graph import ClaimsGraph, entity_node_type
from .lexicon import QUAD_CLASS_NAMES
from .textfiles import write_whole_text, xml_text

COOPERATION = {1, 2}
CONFLICT = {3, 4}
QUAD_COLOURS = {1: "#76b7b2", 2: "#59a14f", 3: "#f28e2b", 4: "#e15759"}
MAX_PAIRS = 20
MAX_SPEAKERS = 20


def country_pairs(rows: list[dict]) -> dict[tuple[str, str], dict[str, Counter]]:
    """(country, country) -> month -> quad class counts, over events between two countries (either
    order; a country with itself is left out)."""
    pairs: dict[tuple[str, str], dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for r in rows:
        a, b = r.get("actor1_country"), r.get("actor2_country")
        if not (a and b) or a == b or not r.get("quad_class") or r.get("polarity") == "negated":
            continue
        month = (r.get("date") or "")[:7] or "undated"
        pairs[tuple(sorted((a, b)))][month][int(r["quad_class"])] += 1
    return pairs


def top_speakers(graph: ClaimsGraph, speech_predicate: str = "say") -> list[tuple[str, str, str, int]]:
    """(entity id, name, type, number of statements), most first."""
    entities = graph.entity_records()
    counts = Counter(c.agent for c in graph.claim_records(predicate=speech_predicate) if c.agent)
    out = []
    for eid, n in counts.most_common(MAX_SPEAKERS):
        entity = entities.get(eid)
        out.append((eid, (entity.name if entity else None) or eid, entity_node_type(entity.type) if entity else "", n))
    return out


def _pair_svg(months: dict[str, Counter]) -> str:
    """Bars per month: cooperation above the axis, conflict below, coloured by quad class."""
    keys = sorted(months)
    peak = max(max(sum(c[q] for q in COOPERATION), sum(c[q] for q in CONFLICT)) for c in months.values()) or 1
    bar, gap, half = 22, 10, 60
    width = max(160, len(keys) * (bar + gap) + 40)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{2 * half + 40}" role="img">',
             f'<line x1="30" y1="{half + 10}" x2="{width}" y2="{half + 10}" stroke="#888"/>']
    for i, month in enumerate(keys):
        x = 34 + i * (bar + gap)
        up = down = 0.0  # cooperation stacks up from the axis, conflict down
        for q in (1, 2, 3, 4):
            h = months[month][q] / peak * half
            if not h:
                continue
            if q in COOPERATION:
                y, up = half + 10 - up - h, up + h
            else:
                y, down = half + 10 + down, down + h
            parts.append(f'<rect class="q{q}" x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" '
                         f'fill="{QUAD_COLOURS[q]}"><title>{month} {QUAD_CLASS_NAMES[q]}: {months[month][q]}</title></rect>')
        parts.append(f'<text x="{x}" y="{2 * half + 34}" font-size="9">{html.escape(month)}</text>')
    parts.append(f'<text x="0" y="14" font-size="9">{peak}</text></svg>')
    return "".join(parts)


def render_report(graph: ClaimsGraph, title: str = "claims report") -> str:
    rows = event_rows(graph)
    names = {r[f"{side}_country"]: r[f"{side}_name"] for r in rows for side in ("actor1", "actor2")
             if r.get(f"{side}_type") == "Country" and r.get(f"{side}_country")}
    pairs = country_pairs(rows)
    ranked = sorted(pairs.items(), key=lambda kv: (-sum(sum(c.values()) for c in kv[1].values()), kv[0]))[:MAX_PAIRS]
    quads = Counter(int(r["quad_class"]) for r in rows if r.get("quad_class"))
    legend = " ".join(f'<span class="key" style="background:{QUAD_COLOURS[q]}"></span>{QUAD_CLASS_NAMES[q]} '
                      f'({quads[q]})' for q in (1, 2, 3, 4))
    sections = []
    for (a, b), months in ranked:
        total = Counter()
        for c in months.values():
            total.update(c)
        coop, conf = sum(total[q] for q in COOPERATION), sum(total[q] for q in CONFLICT)
        label = f"{names.get(a, a)} ({a}) – {names.get(b, b)} ({b})"
        sections.append(f'<section class="pair" data-pair="{a}-{b}" data-cooperation="{coop}" data-conflict="{conf}">'
                        f'<h3>{html.escape(label)}: {coop} cooperation, {conf} conflict</h3>{_pair_svg(months)}</section>')
    speakers = top_speakers(graph)
    speaker_rows = "".join(f"<tr><td>{html.escape(name)}</td><td>{html.escape(typ)}</td><td>{n}</td></tr>"
                           for _, name, typ, n in speakers)
    n_docs = len(graph.document_records())
    return f"""<!DOCTYPE html>
<html lang="kk"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; max-width: 1100px; }}
.pair {{ border-top: 1px solid #ddd; margin-top: 1em; }}
.pair h3 {{ font-size: 15px; }}
.key {{ display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; }}
table {{ border-collapse: collapse; }} td, th {{ padding: 2px 10px; border-bottom: 1px solid #eee; text-align: left; }}
</style></head>
<body data-pairs="{len(ranked)}" data-speakers="{len(speakers)}" data-events="{len(rows)}">
<h1>{html.escape(title)}</h1>
<p>{n_docs} documents, {len(rows)} events between actors (CAMEO-coded claims). Cooperation above the line,
conflict below, by month of the claim (or of its document).</p>
<p>{legend}</p>
<h2>Country pairs</h2>
{''.join(sections) or '<p>No events between two countries.</p>'}
<h2>Top speakers</h2>
<table id="speakers"><tr><th>speaker</th><th>type</th><th>statements</th></tr>{speaker_rows}</table>
</body></html>
"""


def write_report(graph_path: Path, out: Path) -> Path:
    """The report of ``graph_path`` in ``out``; characters no HTML page may hold (a NUL from a text)
    become U+FFFD, and the file is written whole or not at all."""
    graph = ClaimsGraph.from_jsonld(graph_path)
    return write_whole_text(Path(out), xml_text(render_report(graph, title=f"claims report: {Path(graph_path).name}")))
