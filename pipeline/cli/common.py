"""What the commands share: one-line errors (exit 2), loading the pipeline, and
writing a file made from a run's graph."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"claimgraph: error: {message}", err=True)
    raise typer.Exit(code)


def write_from_graph(graph: Path, target: Path, write) -> None:
    """Run ``write()`` (reads ``graph``, writes ``target``); a missing or unreadable
    graph is one line, exit 2."""
    if not graph.exists():
        fail(f"{graph}: file not found")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # as `run -o` does
        write()
    except ImportError as err:
        fail(f"{target}: needs the module {err.name or err}, which is not installed (pip install 'claimgraph[export]')")
    except (ValueError, json.JSONDecodeError) as err:
        fail(f"{graph}: {str(err).splitlines()[0]}")
    except OSError as err:
        fail(f"{target}: cannot write: {err.strerror or err}")
    typer.echo(f"wrote {target}")


def load_pipeline(config: Optional[Path]):
    import pipeline
    from pipeline.config import ConfigError

    try:
        return pipeline.load(config)
    except ConfigError as err:
        fail(str(err))

