"""``claimgraph run``: inputs -> the run's output folder (:func:`pipeline.run.run`)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .common import fail, load_pipeline
from .progress import DocumentProgress


def run(
    inputs: List[str] = typer.Argument(..., help="Files, folders, .zip/.tar(.gz|.bz2|.xz), .jsonl(.gz), .warc(.gz); "
                                                 "or fsspec URLs (file://, s3://, ... with the filesystem's package)."),
    out: Path = typer.Option(..., "-o", "--out", help="Output folder (created if missing)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Pipeline YAML (default: configs/default.yaml)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes on this machine."),
    executor: str = typer.Option("local", "--executor", help="local or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="dask scheduler address (tcp://host:8786); without it --executor dask starts a local cluster (--workers processes, default one a core)."),
    layout: str = typer.Option("graph", "--layout", help="graph (one graph.jsonld) or partitioned (Parquet, N-Quads and JSON Lines part files; for large runs)."),
    shard_size: int = typer.Option(1000, "--shard-size", min=1, help="Documents a shard of the partitioned layout."),
    resume: bool = typer.Option(False, "--resume", help="Skip documents already in OUT (by content hash); refused if OUT holds a run of another config or other inputs."),
    force: bool = typer.Option(False, "--force", help="With --resume: where OUT holds a run of another config or other inputs, start over instead of refusing."),
    retry_errors: bool = typer.Option(False, "--retry-errors", help="With --resume: try again what errors.jsonl lists (documents that failed, e.g. past --doc-timeout; inputs that could not be read). Those that now succeed join the outputs and leave errors.jsonl; those that fail again stay there, once."),
    doc_timeout: Optional[float] = typer.Option(None, "--doc-timeout", min=0, help="Seconds one document may take; past them it goes to errors.jsonl and the run goes on (default: the config's budget, 300; 0: no limit)."),
    doc_memory: Optional[str] = typer.Option(None, "--doc-memory", help="Memory one document may take beyond the loaded pipeline, e.g. 4GiB, 512MB (default: the config's budget, 4GiB; 0: no limit)."),
    glob: str = typer.Option("**/*", "--glob", help="Which files of a folder to read."),
    jsonl_text: str = typer.Option("text", "--jsonl-text-field", help="JSON Lines: the text field."),
    jsonl_date: str = typer.Option("date", "--jsonl-date-field", help="JSON Lines: the date field."),
    jsonl_id: str = typer.Option("id", "--jsonl-id-field", help="JSON Lines: the id field."),
    jsonl_language: str = typer.Option("language", "--jsonl-language-field", help="JSON Lines: the language field (kk, ru ...)."),
    language: Optional[str] = typer.Option(None, "--language", help="Every document's language (kk, ru); default: the JSON Lines field, else detected."),
    store: Optional[Path] = typer.Option(None, "--store", help="Also load the graph into a SPARQL store (pyoxigraph) in DIR."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress (on stderr: a bar on a terminal, else a line now and then), only the summary line (stdout)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if any input or document failed (errors.jsonl not empty)."),
) -> None:
    """Run the pipeline over INPUTS and write graph.jsonld, documents.jsonl, errors.jsonl, run.json.

    Exit status: 0 done (failed documents are in errors.jsonl); 1 nothing could be
    processed, or with --strict any error; 2 a usage, config or output-folder problem.

    With --layout partitioned: Parquet, N-Quads and JSON Lines part files and run.json (docs/archives-and-scale.md#large-runs-the-partitioned-layout).

    Example: claimgraph run corpora/sample -o out/ --workers 2

    After a run whose failed documents deserve another try (a loaded machine, a longer time limit):

    Example: claimgraph run corpora/sample -o out/ --resume --retry-errors --doc-timeout 600
    """
    from pipeline.io.locations import is_url, known_suffix, url_fs
    from pipeline.io.reading import ReaderOptions
    from pipeline.io.runstate import unique_inputs
    from pipeline.run import run as run_pipeline

    if executor not in ("local", "dask"):
        fail(f"--executor: {executor!r} is not one of local, dask")
    if layout not in ("graph", "partitioned"):
        fail(f"--layout: {layout!r} is not one of graph, partitioned")
    if retry_errors and not resume:
        fail("--retry-errors goes with --resume (without it the run starts over and does every document)")
    if layout == "partitioned" and store:
        fail("--store loads graph.jsonld: use it with --layout graph (bulk-load graph/*.nq instead)")
    if language is not None:
        from pipeline.lang import known_languages

        if language not in known_languages():
            fail(f"--language: unknown language {language!r} (known: {', '.join(known_languages())})")
    nlp = load_pipeline(config)
    urls = [i for i in inputs if is_url(i)]
    inputs = [i if is_url(i) else Path(i) for i in inputs]
    def absent(i) -> bool:
        """A local path, or a file:// URL (as cheap to check), that is not there."""
        if not is_url(i):
            return not i.exists()
        if not str(i).startswith("file://"):
            return False
        try:
            fs, p = url_fs(str(i))
        except ValueError:
            return False  # no fsspec: the reader's error row says so
        return not fs.exists(p)

    # a missing one stops the run before it starts
    missing = [str(i) for i in inputs if absent(i)]
    if missing:
        fail(f"{missing[0]}: no such file or folder")
    options = ReaderOptions(glob=glob, jsonl_text_field=jsonl_text, jsonl_date_field=jsonl_date,
                            jsonl_id_field=jsonl_id, jsonl_language_field=jsonl_language, language=language)
    # a known total only for plain text files; archives and JSON Lines count as they go
    files = [p for i in unique_inputs(inputs, glob)[0] if not is_url(i) for p in (i.glob(glob) if i.is_dir() else [i])
             if p.is_file() and known_suffix(p) and out.resolve() not in p.resolve().parents]
    total = len(files) if all(known_suffix(p) == ".txt" for p in files) and not urls else None
    show = not quiet and (total is None or total > 1)
    # progress on stderr only, finished (the bar cleared) before the summary goes to stdout
    with DocumentProgress(total, show) as progress:
        if store:
            try:
                import pyoxigraph  # noqa: F401
            except ImportError:
                fail("--store needs pyoxigraph: pip install 'claimgraph[export]'")
        try:
            summary = run_pipeline(inputs, out, nlp, on_document=progress.advance, workers=workers, executor=executor,
                                   scheduler=scheduler, resume=resume, reader_options=options,
                                   layout=layout, shard_size=shard_size, doc_timeout=doc_timeout,
                                   doc_memory=doc_memory, force=force, retry_errors=retry_errors)
        except RuntimeError as err:
            fail(str(err))
    typer.echo(summary.line())
    if store:
        from pipeline.export import load_store

        typer.echo(f"store {store}: {load_store(out / 'graph.jsonld', store)} triples")
    if summary.errors:
        typer.echo(f"{summary.errors} error row(s), inputs or documents that could not be read or processed: "
                   f"see {out / 'errors.jsonl'}", err=True)
    if not summary.documents:
        typer.echo("claimgraph: error: no document could be processed", err=True)
        raise typer.Exit(1)
    if strict and summary.errors:
        typer.echo("claimgraph: error: --strict: the run had errors", err=True)
        raise typer.Exit(1)

