"""What the pictures show on a 1,000-document archive: the GEXF's claim edges, the report's month
columns and the HTML view's default (entities, claims, lines) and file sizes.

Builds the archive with throughput.py's corpus builder (real Kazakh sentences from ../shared),
dated over 24 months, runs the default pipeline, then the exports; the view's default is counted by
running the page's own filter in node.

    python benchmarks/pictures_scale.py [--n 1000] [--graph out/graph.jsonld]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]  # this checkout


def build(folder: Path, n: int) -> Path:
    import pipeline
    from pipeline.run import run
    from throughput import build_corpus

    corpus = folder / "corpus"
    corpus.mkdir()
    build_corpus(corpus, n)
    for i, path in enumerate(sorted(corpus.rglob("*.txt"))):  # spread over 24 months
        date = f"{2024 + (i % 24) // 12}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        path.write_text(re.sub(r"^date \S+", f"date {date}", path.read_text(encoding="utf-8")), encoding="utf-8")
    run([corpus], folder / "out", pipeline.load())
    return folder / "out" / "graph.jsonld"


def view_default(page: Path) -> dict:
    from pipeline.view import FILTER_JS

    text = page.read_text(encoding="utf-8")
    data = re.search(r"const data = (\{.*?\});\n", text, re.S).group(1)
    top = int(re.search(r'id="top" type="number" min="1" value="(\d+)"', text).group(1))
    script = FILTER_JS + (f"\nconst data = {data};\nconst v = visibleGraph(data, {{top: {top}}});\n"
                          "console.log(JSON.stringify({entities: v.nodes.length, claims: v.edges.length, "
                          "lines: bundleEdges(data, v.edges).length, all_entities: data.nodes.length, "
                          "all_claims: data.edges.length}));")
    js = page.with_suffix(".count.js")
    js.write_text(script, encoding="utf-8")  # too long for a command line
    return json.loads(subprocess.run(["node", str(js)], capture_output=True, text=True, check=True).stdout)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--graph", type=Path, help="measure this graph.jsonld instead of building an archive")
    args = ap.parse_args()
    import networkx as nx

    from pipeline.export import export
    from pipeline.report import write_report
    from pipeline.view import write_html

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        graph = args.graph or build(folder, args.n)
        gexf = export(graph, "gexf", folder / "g.gexf")
        report = write_report(graph, folder / "report.html")
        page = write_html(graph, folder / "graph.html")
        back = nx.read_gexf(gexf)
        columns = re.search(r'class="all" data-months="(\d+)"', report.read_text(encoding="utf-8")).group(1)
        print(json.dumps({"gexf": {"nodes": back.number_of_nodes(), "claim_edges": back.number_of_edges(),
                                   "dated_edges": sum(1 for *_, d in back.edges(data=True) if "start" in d),
                                   "bytes": gexf.stat().st_size},
                          "report": {"month_columns": int(columns), "bytes": report.stat().st_size},
                          "view_default": view_default(page), "view_bytes": page.stat().st_size}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
