"""The ``claimgraph`` command line: thin wrappers over library functions, one module
a group of commands (:mod:`.run_command`, :mod:`.graph_commands`,
:mod:`.model_commands`), registered here in the order ``--help`` lists them."""
from __future__ import annotations

import sys

import typer

from .graph_commands import export, query, report, validate, view
from .model_commands import evaluate_claims_cmd, evaluate_ner_cmd, pretrain_ner_cmd, train_ner_cmd
from .run_command import run

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Kazakh (and Russian) news text -> claims graph (JSON-LD). Example: claimgraph run corpora/ -o out/")


def _print_version(value: bool) -> None:
    if value:
        from pipeline.version import CONTRACT_VERSION, __version__

        typer.echo(f"claimgraph {__version__} (output contract {CONTRACT_VERSION})")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Kazakh (and Russian) news text -> claims graph (JSON-LD)."""


for command in (run, export, query, view, report, validate):
    app.command()(command)
app.command("pretrain-ner")(pretrain_ner_cmd)
app.command("train-ner")(train_ner_cmd)
app.command("evaluate-ner")(evaluate_ner_cmd)
app.command("evaluate-claims")(evaluate_claims_cmd)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("claimgraph: interrupted; finished documents are kept: run again with --resume", err=True)
        sys.exit(130)
