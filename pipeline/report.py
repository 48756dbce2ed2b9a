"""A one-page report on a claims graph for a researcher (``claimgraph report GRAPH -o report.html``):
all events and each pair of countries, cooperation against conflict by month (GDELT quad classes
of the CAMEO-coded claims) on one time axis of months that every panel shares, and the top
speakers. Plain HTML with inline SVG: no script, no network."""
from __future__ import annotations

import html
import math
import re
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
MONTH = re.compile(r"\d{4}-\d{2}")
AXIS_WIDTH = 1000  # pixels the months share, however many there are


def _month(row: dict) -> str:
    """The row's month (YYYY-MM: the claim's date, else its document's), or "undated"."""
    month = (row.get("date") or "")[:7]
    return month if MONTH.fullmatch(month) else "undated"


def _coded(row: dict) -> bool:
    """An event the report counts: with a quad class, not negated."""
    return bool(row.get("quad_class")) and row.get("polarity") != "negated"


def country_pairs(rows: list[dict]) -> dict[tuple[str, str], dict[str, Counter]]:
    """(country, country) -> month -> quad class counts, over events between two countries (either
    order; a country with itself is left out)."""
    pairs: dict[tuple[str, str], dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for r in rows:
        a, b = r.get("actor1_country"), r.get("actor2_country")
        if not (a and b) or a == b or not _coded(r):
            continue
        pairs[tuple(sorted((a, b)))][_month(r)][int(r["quad_class"])] += 1
    return pairs


def _month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), both included."""
    year, month = map(int, first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


class MonthAxis:
    """The report's one time axis, which every panel shares: every month of the archive's
    publication period (of the events' dates where no document has a date), a month with no event
    keeping its place; an event dated before or after it (a text recalling 1991) goes to a
    "before"/"after" column, one with no date to "undated", each only where some event needs it."""

    def __init__(self, rows: list[dict], published: list[str | None]):
        events = {_month(r) for r in rows if _coded(r)}
        span = sorted(m for m in {(d or "")[:7] for d in published} if MONTH.fullmatch(m)) or sorted(events - {"undated"})
        self.months = _month_range(span[0], span[-1]) if span else []
        self.before = f"before {self.months[0]}" if self.months else ""
        self.after = f"after {self.months[-1]}" if self.months else ""
        used = {self.bin(m) for m in events}
        self.columns = ([self.before] if self.before in used else []) + self.months + \
            [c for c in (self.after, "undated") if c in used]

    def bin(self, month: str) -> str:
        """The column an event of ``month`` (YYYY-MM or "undated") is drawn in."""
        if month == "undated" or not self.months:
            return "undated"
        return self.before if month < self.months[0] else self.after if month > self.months[-1] else month


def top_speakers(graph: ClaimsGraph, speech_predicate: str = "say") -> list[tuple[str, str, str, int]]:
    """(entity id, name, type, number of statements), most first."""
    entities = graph.entity_records()
    counts = Counter(c.agent for c in graph.claim_records(predicate=speech_predicate) if c.agent)
    out = []
    for eid, n in counts.most_common(MAX_SPEAKERS):
        entity = entities.get(eid)
        out.append((eid, (entity.name if entity else None) or eid, entity_node_type(entity.type) if entity else "", n))
    return out


def _months_svg(by_month: dict[str, Counter], months_axis: MonthAxis) -> str:
    """Bars per month of the shared axis: cooperation above the line, conflict below, coloured by
    quad class; every panel puts a month at the same place."""
    axis = months_axis.columns
    months: dict[str, Counter] = defaultdict(Counter)
    for month, counts in by_month.items():
        months[months_axis.bin(month)].update(counts)
    peak = max([max(sum(c[q] for q in COOPERATION), sum(c[q] for q in CONFLICT)) for c in months.values()] + [1])
    step = max(3, min(44, AXIS_WIDTH // max(len(axis), 1)))
    bar, half = max(2, step * 6 // 10), 60
    every = math.ceil(42 / step)  # a label (about 40 pixels) every few months where they are narrow
    width = max(160, len(axis) * step + 80)  # room for the last label
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{2 * half + 40}" role="img" '
             f'data-months="{html.escape(" ".join(axis))}">',
             f'<line x1="30" y1="{half + 10}" x2="{width}" y2="{half + 10}" stroke="#888"/>']
    for i, month in enumerate(axis):
        x = 34 + i * step
        up = down = 0.0  # cooperation stacks up from the axis, conflict down
        for q in (1, 2, 3, 4):
            count = months.get(month, Counter())[q]
            h = count / peak * half
            if not h:
                continue
            if q in COOPERATION:
                y, up = half + 10 - up - h, up + h
            else:
                y, down = half + 10 + down, down + h
            parts.append(f'<rect class="q{q}" x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" '
                         f'fill="{QUAD_COLOURS[q]}"><title>{month} {QUAD_CLASS_NAMES[q]}: {count}</title></rect>')
        if i % every == 0 or not MONTH.fullmatch(month):
            parts.append(f'<text x="{x}" y="{2 * half + 34}" font-size="9">{html.escape(month)}</text>')
    parts.append(f'<text x="0" y="14" font-size="9">{peak}</text></svg>')
    return "".join(parts)


def render_report(graph: ClaimsGraph, title: str = "claims report") -> str:
    rows = event_rows(graph)
    names = {r[f"{side}_country"]: r[f"{side}_name"] for r in rows for side in ("actor1", "actor2")
             if r.get(f"{side}_type") == "Country" and r.get(f"{side}_country")}
    pairs = country_pairs(rows)
    axis = MonthAxis(rows, [d.date_published for d in graph.document_records().values()])
    overall: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        if _coded(r):
            overall[_month(r)][int(r["quad_class"])] += 1
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
                        f'<h3>{html.escape(label)}: {coop} cooperation, {conf} conflict</h3>{_months_svg(months, axis)}</section>')
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
conflict below, by month of the claim (or of its document). Every panel has the same months: those of
the documents' publication; a claim dated before or after them is in the first or last column.</p>
<p>{legend}</p>
<section class="all" data-months="{len(axis.columns)}"><h2>All events by month</h2>{_months_svg(overall, axis)}</section>
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
