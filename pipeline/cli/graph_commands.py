"""The commands over a run's graph: ``export``, ``query`` (its SPARQL store),
``view``, ``report`` and ``validate``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import fail, write_from_graph


def export(
    graph: Path = typer.Argument(..., help="A graph.jsonld written by claimgraph run."),
    fmt: str = typer.Option(..., "--format", "-f", help="(any case) graphml, gexf, csv, parquet, nquads, turtle, events (GDELT-style, one row per happening; Parquet with -o X.parquet), events-parquet, mentions (the events' mentions), mentions-parquet, polecat (POLECAT-style JSON Lines) or quotations (one per quote and speaker, with its occurrences; JSON Lines)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default: beside GRAPH)."),
    all_modes: bool = typer.Option(False, "--all-modes", help="Event tables: keep negated, hypothetical and intended events (PLOVER's auxiliary modes), left out by default."),
) -> None:
    """Export a claims graph for Gephi, tables or triple stores, or as event data (docs/event-data.md).

    Example: claimgraph export out/graph.jsonld --format gexf
    """
    from pipeline.export import FORMATS, SUFFIX, export as do_export

    if not graph.exists():
        fail(f"{graph}: file not found")
    fmt = fmt.lower()  # GraphML, GEXF, CSV as users write them
    if fmt not in FORMATS:
        fail(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    target = out or graph.with_suffix(SUFFIX[fmt])
    write_from_graph(graph, target, lambda: do_export(graph, fmt, target, all_modes=all_modes))


def query(
    store: Path = typer.Argument(..., help="A store folder made by claimgraph run --store DIR, or a graph.jsonld (read into memory)."),
    sparql: str = typer.Argument(..., help="A SPARQL SELECT query."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Run a query with SERVICE clauses (network requests to other endpoints)."),
) -> None:
    """Run a SPARQL query on the claims store (or a graph.jsonld) and print the result. A federated query
    (SERVICE, a network request) is refused unless --allow-service is given.

    Example: claimgraph query store/ 'PREFIX cg: <https://w3id.org/claimgraph/ns#> SELECT ?p (COUNT(*) AS ?n) WHERE { ?c cg:predicate ?p } GROUP BY ?p'
    """
    from pipeline.export import print_table
    from pipeline.store import query_store

    if not store.exists():
        fail(f"{store}: no such store folder or graph file")
    fmt = fmt.lower()
    try:
        columns, rows = query_store(store, sparql, allow_service=allow_service)
    except (ValueError, OSError) as err:
        fail(str(err).splitlines()[0])
    if fmt in ("csv", "json"):
        typer.echo(print_table(columns, rows, fmt), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns)
    for r in rows:
        table.add_row(*r)
    Console().print(table)


def view(
    graph: Path = typer.Argument(..., help="A graph.jsonld written by claimgraph run."),
    out: Path = typer.Option(Path("graph.html"), "--out", "-o", help="The HTML file to write."),
    top: int = typer.Option(50, "--top", min=1, help="The most connected entities drawn at first."),
) -> None:
    """Write a self-contained HTML picture of the graph (no network needed to open it).

    Example: claimgraph view out/graph.jsonld -o graph.html
    """
    from pipeline.view import write_html

    write_from_graph(graph, out, lambda: write_html(graph, out, top=top))


def report(
    graph: Path = typer.Argument(..., help="A graph.jsonld written by claimgraph run."),
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="The HTML file to write."),
) -> None:
    """Write a one-page report: cooperation vs conflict per country pair by month, top speakers (offline).

    Example: claimgraph report out/graph.jsonld -o report.html
    """
    from pipeline.report import write_report

    write_from_graph(graph, out, lambda: write_report(graph, out))


def validate(
    graph: Path = typer.Argument(..., help="A graph.jsonld to check."),
    documents: Optional[Path] = typer.Option(None, "--documents", "-d",
                                             help="The run's documents.jsonl: also check every exact span against its text."),
) -> None:
    """Check a graph against the output contract's SHACL shapes (exit 1 if it does not conform);
    with --documents, also every exact span against its document's text (one line per problem).

    Example: claimgraph validate out/graph.jsonld --documents out/documents.jsonl
    """
    from pipeline.export import check_spans, validate as shacl_validate

    for path in (graph, documents):
        if path is not None and not path.exists():
            fail(f"{path}: file not found")
    try:
        conforms, report = shacl_validate(graph)
    except ImportError as err:
        fail(f"validate needs the module {err.name or err}, which is not installed (pip install 'claimgraph[export]')")
    except Exception as err:  # noqa: BLE001 - a broken file: one line, not a traceback
        fail(f"{graph}: cannot read as JSON-LD: {str(err).splitlines()[0]}")
    typer.echo(report.strip())
    problems = []
    if documents is not None:
        try:
            problems = check_spans(graph, documents)
        except (OSError, ValueError) as err:
            fail(f"{documents}: {str(err).splitlines()[0]}")
        for line in problems:
            typer.echo(line)
        typer.echo(f"spans: {len(problems)} problem(s)" if problems else "spans: every exact span matches its text")
    if not conforms or problems:
        raise typer.Exit(1)

