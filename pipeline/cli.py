"""The ``claimgraph`` command line: thin wrappers over library functions."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Kazakh (and Russian) news text -> claims graph (JSON-LD). Example: claimgraph run corpora/ -o out/")


@app.callback()
def _root() -> None:
    """Kazakh (and Russian) news text -> claims graph (JSON-LD)."""


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"claimgraph: error: {message}", err=True)
    raise typer.Exit(code)


def _write_from_graph(graph: Path, target: Path, write) -> None:
    """Run ``write()`` (reads ``graph``, writes ``target``); a missing or unreadable
    graph is one line, exit 2."""
    if not graph.exists():
        _fail(f"{graph}: file not found")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # as `run -o` does
        write()
    except ImportError as err:
        _fail(f"{target}: needs the module {err.name or err}, which is not installed (pip install 'claimgraph[export]')")
    except (ValueError, json.JSONDecodeError) as err:
        _fail(f"{graph}: {str(err).splitlines()[0]}")
    except OSError as err:
        _fail(f"{target}: cannot write: {err.strerror or err}")
    typer.echo(f"wrote {target}")


def _load(config: Optional[Path]):
    import pipeline
    from pipeline.config import ConfigError

    try:
        return pipeline.load(config)
    except ConfigError as err:
        _fail(str(err))


@app.command()
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
    doc_timeout: Optional[float] = typer.Option(None, "--doc-timeout", min=0, help="Seconds one document may take; past them it goes to errors.jsonl and the run goes on (default: the config's budget, 300; 0: no limit)."),
    doc_memory: Optional[str] = typer.Option(None, "--doc-memory", help="Memory one document may take beyond the loaded pipeline, e.g. 4GiB, 512MB (default: the config's budget, 4GiB; 0: no limit)."),
    glob: str = typer.Option("**/*", "--glob", help="Which files of a folder to read."),
    jsonl_text: str = typer.Option("text", "--jsonl-text-field", help="JSON Lines: the text field."),
    jsonl_date: str = typer.Option("date", "--jsonl-date-field", help="JSON Lines: the date field."),
    jsonl_id: str = typer.Option("id", "--jsonl-id-field", help="JSON Lines: the id field."),
    jsonl_language: str = typer.Option("language", "--jsonl-language-field", help="JSON Lines: the language field (kk, ru ...)."),
    language: Optional[str] = typer.Option(None, "--language", help="Every document's language (kk, ru); default: the JSON Lines field, else detected."),
    store: Optional[Path] = typer.Option(None, "--store", help="Also load the graph into a SPARQL store (pyoxigraph) in DIR."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, only the summary line."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if any input or document failed (errors.jsonl not empty)."),
) -> None:
    """Run the pipeline over INPUTS and write graph.jsonld, documents.jsonl, errors.jsonl, run.json.

    Exit status: 0 done (failed documents are in errors.jsonl); 1 nothing could be
    processed, or with --strict any error; 2 a usage, config or output-folder problem.

    With --layout partitioned: Parquet, N-Quads and JSON Lines part files and run.json (README: Large runs).

    Example: claimgraph run corpora/sample -o out/ --workers 2
    """
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    from pipeline.io.readers import ReaderOptions, _suffix, is_url, url_fs
    from pipeline.io.runstate import unique_inputs
    from pipeline.run import run as run_pipeline

    if executor not in ("local", "dask"):
        _fail(f"--executor: {executor!r} is not one of local, dask")
    if layout not in ("graph", "partitioned"):
        _fail(f"--layout: {layout!r} is not one of graph, partitioned")
    if layout == "partitioned" and store:
        _fail("--store loads graph.jsonld: use it with --layout graph (bulk-load graph/*.nq instead)")
    if language is not None:
        from pipeline.lang import known_languages

        if language not in known_languages():
            _fail(f"--language: unknown language {language!r} (known: {', '.join(known_languages())})")
    nlp = _load(config)
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
        _fail(f"{missing[0]}: no such file or folder")
    options = ReaderOptions(glob=glob, jsonl_text_field=jsonl_text, jsonl_date_field=jsonl_date,
                            jsonl_id_field=jsonl_id, jsonl_language_field=jsonl_language, language=language)
    # a known total only for plain text files; archives and JSON Lines count as they go
    files = [p for i in unique_inputs(inputs, glob)[0] if not is_url(i) for p in (i.glob(glob) if i.is_dir() else [i])
             if p.is_file() and _suffix(p) and out.resolve() not in p.resolve().parents]
    total = len(files) if all(_suffix(p) == ".txt" for p in files) and not urls else None
    show = not quiet and (total is None or total > 1)
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, disable=not show, transient=True) as progress:
        task = progress.add_task("documents", total=total, rate="")

        def advance(_source: str) -> None:
            progress.advance(task)
            t = progress.tasks[0]
            if t.speed:
                progress.update(task, rate=f"{t.speed:.1f} docs/s")

        if store:
            try:
                import pyoxigraph  # noqa: F401
            except ImportError:
                _fail("--store needs pyoxigraph: pip install 'claimgraph[export]'")
        try:
            summary = run_pipeline(inputs, out, nlp, on_document=advance, workers=workers, executor=executor,
                                   scheduler=scheduler, resume=resume, reader_options=options,
                                   layout=layout, shard_size=shard_size, doc_timeout=doc_timeout,
                                   doc_memory=doc_memory, force=force)
        except RuntimeError as err:
            _fail(str(err))
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


@app.command()
def export(
    graph: Path = typer.Argument(..., help="A graph.jsonld written by claimgraph run."),
    fmt: str = typer.Option(..., "--format", "-f", help="graphml, gexf, csv, parquet, nquads, turtle, events (CSV; Parquet with -o X.parquet) or events-parquet."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default: beside GRAPH)."),
) -> None:
    """Export a claims graph for Gephi, tables or triple stores.

    Example: claimgraph export out/graph.jsonld --format gexf
    """
    from pipeline.export import FORMATS, SUFFIX, export as do_export

    if not graph.exists():
        _fail(f"{graph}: file not found")
    if fmt not in FORMATS:
        _fail(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    target = out or graph.with_suffix(SUFFIX[fmt])
    _write_from_graph(graph, target, lambda: do_export(graph, fmt, target))


@app.command()
def query(
    store: Path = typer.Argument(..., help="A store folder made by claimgraph run --store DIR."),
    sparql: str = typer.Argument(..., help="A SPARQL SELECT query."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Run a query with SERVICE clauses (network requests to other endpoints)."),
) -> None:
    """Run a SPARQL query on the claims store and print the result. A federated query
    (SERVICE, a network request) is refused unless --allow-service is given.

    Example: claimgraph query store/ 'PREFIX cg: <https://w3id.org/claimgraph/ns#> SELECT ?p (COUNT(*) AS ?n) WHERE { ?c cg:predicate ?p } GROUP BY ?p'
    """
    from pipeline.export import print_table
    from pipeline.store import query_store

    if not store.is_dir():
        _fail(f"{store}: no such store folder")
    try:
        columns, rows = query_store(store, sparql, allow_service=allow_service)
    except (ValueError, OSError) as err:
        _fail(str(err).splitlines()[0])
    if fmt in ("csv", "json"):
        typer.echo(print_table(columns, rows, fmt), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns)
    for r in rows:
        table.add_row(*r)
    Console().print(table)


@app.command()
def view(
    graph: Path = typer.Argument(..., help="A graph.jsonld written by claimgraph run."),
    out: Path = typer.Option(Path("graph.html"), "--out", "-o", help="The HTML file to write."),
    top: int = typer.Option(50, "--top", min=1, help="The most connected entities drawn at first."),
) -> None:
    """Write a self-contained HTML picture of the graph (no network needed to open it).

    Example: claimgraph view out/graph.jsonld -o graph.html
    """
    from pipeline.view import write_html

    _write_from_graph(graph, out, lambda: write_html(graph, out, top=top))


@app.command()
def report(
    graph: Path = typer.Argument(..., help="A graph.jsonld written by claimgraph run."),
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="The HTML file to write."),
) -> None:
    """Write a one-page report: cooperation vs conflict per country pair by month, top speakers (offline).

    Example: claimgraph report out/graph.jsonld -o report.html
    """
    from pipeline.report import write_report

    _write_from_graph(graph, out, lambda: write_report(graph, out))


@app.command()
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
            _fail(f"{path}: file not found")
    try:
        conforms, report = shacl_validate(graph)
    except ImportError as err:
        _fail(f"validate needs the module {err.name or err}, which is not installed (pip install 'claimgraph[export]')")
    except Exception as err:  # noqa: BLE001 - a broken file: one line, not a traceback
        _fail(f"{graph}: cannot read as JSON-LD: {str(err).splitlines()[0]}")
    typer.echo(report.strip())
    problems = []
    if documents is not None:
        try:
            problems = check_spans(graph, documents)
        except (OSError, ValueError) as err:
            _fail(f"{documents}: {str(err).splitlines()[0]}")
        for line in problems:
            typer.echo(line)
        typer.echo(f"spans: {len(problems)} problem(s)" if problems else "spans: every exact span matches its text")
    if not conforms or problems:
        raise typer.Exit(1)


def _parse_settings(settings: List[str]) -> dict:
    """``--set SECTION.KEY=VALUE`` options as config overrides (VALUE as JSON, else text)."""
    overrides = {}
    for item in settings:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            _fail(f"--set {item!r}: expected SECTION.KEY=VALUE")
        try:
            overrides[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key.strip()] = value
    return overrides


def _ner_training():
    """The Kazakh NER training tools, from the language pack (the CLI names no language folder)."""
    from pipeline.lang import get_language

    return get_language("kk").ner_training


@app.command("pretrain-ner")
def pretrain_ner_cmd(
    conll: List[Path] = typer.Option([], "--conll", help="IOB2 files the NER model trains on: only their training part is used (same split as train-ner); repeatable."),
    texts: List[Path] = typer.Option([], "--text", help="Unlabelled text: a file (one document a line), .conllu, Apertium .tagged.txt, or a folder; repeatable."),
    exclude: List[Path] = typer.Option([], "--exclude", help="IOB2 files (the test set) whose text must not be used; repeatable."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for raw.jsonl, model<N>.bin per epoch, model-last.bin, log.jsonl."),
    config: Path = typer.Option(None, "--config", "-c", help="The NER config the weights will initialise (default: configs/ner_kk_features.cfg, the default model's recipe)."),
    pretrain_config: Path = typer.Option(None, "--pretrain-config", help="Pretraining settings merged into --config (default: configs/pretrain_kk.cfg)."),
    dev_fraction: float = typer.Option(0.1, help="As train-ner's: the dev part of --conll is left out."),
    epochs: Optional[int] = typer.Option(None, help="Override pretraining.max_epochs."),
    settings: List[str] = typer.Option([], "--set", help="Override any config value, as train-ner's --set (use the same ones); repeatable."),
    build_only: bool = typer.Option(False, "--build-only", help="Only write OUT/raw.jsonl."),
) -> None:
    """Pretrain the NER tok2vec on raw Kazakh text (spacy pretrain, characters objective).

    Example: claimgraph pretrain-ner --conll ../shared/corpora/kaznerd/with_sentID/IOB2_valid2.txt
    --exclude ../shared/corpora/kaznerd/IOB2_test.txt --text ../shared/corpora/kazqad/passages_val.txt
    --config configs/ner_kk_features.cfg --out /tmp/pretrain; then train-ner ... --init-tok2vec /tmp/pretrain/model-last.bin
    """
    training = _ner_training()
    ConllFormatError, DEFAULT_TRAIN_CONFIG = training.ConllFormatError, training.DEFAULT_TRAIN_CONFIG
    DEFAULT_PRETRAIN_CONFIG, build_pretraining_text = training.DEFAULT_PRETRAIN_CONFIG, training.build_pretraining_text
    pretrain_tok2vec = training.pretrain_tok2vec

    overrides = _parse_settings(settings)
    cfg = config or DEFAULT_TRAIN_CONFIG
    pre_cfg = pretrain_config or DEFAULT_PRETRAIN_CONFIG
    for path in (cfg, pre_cfg, *conll, *texts, *exclude):
        if not path.exists():
            _fail(f"{path}: file not found")
    try:
        counts = build_pretraining_text(out / "raw.jsonl", texts, conll, exclude, dev_fraction)
    except (ConllFormatError, ValueError) as err:
        _fail(str(err))
    typer.echo(f"wrote {out / 'raw.jsonl'}: {json.dumps(counts)}")
    if not counts["records"]:
        _fail(f"{out / 'raw.jsonl'}: no text to pretrain on")
    if build_only:
        return
    weights = pretrain_tok2vec(out / "raw.jsonl", out, cfg, pre_cfg, overrides, epochs)
    typer.echo(f"pretrained weights: {weights}")


@app.command("train-ner")
def train_ner_cmd(
    conll: List[Path] = typer.Argument(..., help="IOB2 / CoNLL files (KazNERD format; with_sentID ids are used for the dev split)."),
    out: Path = typer.Option(Path("models/kk_ner"), "--out", "-o", help="Where to write the trained model."),
    config: Path = typer.Option(None, "--config", "-c", help="spaCy training config (default: configs/ner_kk_features.cfg, the default model's recipe)."),
    dev_fraction: float = typer.Option(0.1, help="Share of sentence numbers held out for development."),
    max_steps: Optional[int] = typer.Option(None, help="Override training.max_steps."),
    max_epochs: Optional[int] = typer.Option(None, help="Override training.max_epochs."),
    settings: List[str] = typer.Option([], "--set", help="Override any config value: SECTION.KEY=VALUE (VALUE as JSON, else text); repeatable."),
    init_tok2vec: Optional[Path] = typer.Option(None, "--init-tok2vec", help="Pretrained tok2vec weights from pretrain-ner (model-last.bin)."),
) -> None:
    """Train the Kazakh NER model with spaCy's training loop (CPU).

    Example: claimgraph train-ner ../shared/corpora/kaznerd/with_sentID/IOB2_valid2.txt --out models/kk_ner
    """
    training = _ner_training()
    ConllFormatError, DEFAULT_TRAIN_CONFIG, train_ner = training.ConllFormatError, training.DEFAULT_TRAIN_CONFIG, training.train_ner

    overrides = _parse_settings(settings)
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    cfg = config or DEFAULT_TRAIN_CONFIG
    if not cfg.exists():
        _fail(f"{cfg}: file not found")
    try:
        scores = train_ner(conll, out, cfg, dev_fraction=dev_fraction, overrides=overrides, init_tok2vec=init_tok2vec)
    except (ConllFormatError, ValueError) as err:
        _fail(str(err))
    typer.echo(f"model written to {out}; dev scores: {json.dumps(scores)}")


@app.command("evaluate-ner")
def evaluate_ner_cmd(
    conll: Path = typer.Argument(..., help="IOB2 / CoNLL file to score on."),
    model: Path = typer.Option(None, "--model", "-m", help="Model folder (default: models/kk_ner)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Exact-span precision / recall / F1 per label and overall, and words per second.

    Example: claimgraph evaluate-ner ../shared/corpora/kaznerd/IOB2_test.txt --json
    """
    from pipeline.resources import MODELS_DIR

    training = _ner_training()
    ConllFormatError, evaluate_ner = training.ConllFormatError, training.evaluate_ner

    model = model or MODELS_DIR / "kk_ner"
    if not (model / "meta.json").exists():
        _fail(f"{model}: not a spaCy model folder (no meta.json)")
    try:
        scores = evaluate_ner(conll, model)
    except ConllFormatError as err:
        _fail(str(err))
    if as_json:
        keep = {"overall": {k: scores["overall"][k] for k in ("p", "r", "f")},
                "per_label": {l: {k: v[k] for k in ("p", "r", "f")} for l, v in scores["per_label"].items()},
                "words_per_second": scores["words_per_second"]}
        typer.echo(json.dumps(keep, ensure_ascii=False))
        return
    o = scores["overall"]
    typer.echo(f"{conll}: {scores['sentences']} sentences, {scores['words']} words, {scores['words_per_second']:.0f} words/s")
    typer.echo(f"{'label':16} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for label, v in sorted(scores["per_label"].items(), key=lambda x: -x[1]["support"]):
        typer.echo(f"{label:16} {v['p']:6.3f} {v['r']:6.3f} {v['f']:6.3f} {v['support']:8d}")
    typer.echo(f"{'overall (micro)':16} {o['p']:6.3f} {o['r']:6.3f} {o['f']:6.3f} {o['support']:8d}")


@app.command("evaluate-claims")
def evaluate_claims_cmd(
    gold: Optional[Path] = typer.Argument(None, help="Gold claims (our YAML, or shared JSON with texts); "
                                                     "default: the checkout's corpora/gold/claims_kk.yaml."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Pipeline YAML."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    show_errors: bool = typer.Option(False, "--errors", help="List missed and extra claims."),
) -> None:
    """Precision and recall of the claims against a gold file.

    Example: claimgraph evaluate-claims corpora/gold/claims_kk.yaml --errors
    """
    from pipeline.evaluation import evaluate_claims
    from pipeline.resources import PROJECT_DIR

    gold = gold or PROJECT_DIR / "corpora" / "gold" / "claims_kk.yaml"
    if not gold.exists():
        _fail(f"{gold}: file not found")
    nlp = _load(config)
    try:
        scores = evaluate_claims(gold, nlp)
    except ValueError as err:
        _fail(str(err).splitlines()[0])
    if as_json:
        typer.echo(json.dumps(scores if show_errors else {k: v for k, v in scores.items() if k != "errors"},
                              ensure_ascii=False))
        return
    o = scores["overall"]
    typer.echo(f"overall: P {o['p']:.3f}  R {o['r']:.3f}  F1 {o['f']:.3f}  (gold {o['gold']}, predicted {o['predicted']})")
    if scores.get("summary"):  # shared JSON gold: the reference scorer's figures
        typer.echo(json.dumps(scores["summary"], ensure_ascii=False))
    for name, s in scores["per_predicate"].items():
        typer.echo(f"  {name:12} P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f']:.3f}  (gold {s['gold']}, predicted {s['predicted']})")
    if show_errors:
        for e in scores["errors"]:
            kind = "missed" if "missed" in e else "extra "
            typer.echo(f"  {kind} {e['doc']}: {e.get('missed') or e.get('extra')}")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("claimgraph: interrupted; finished documents are kept: run again with --resume", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
