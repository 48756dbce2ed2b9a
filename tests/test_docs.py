"""The documentation matches the code: doctests run, every command has an
example, every stage is in the README."""
import doctest
import importlib

import pytest
from typer.testing import CliRunner

from conftest import REPO, needs_extra
from pipeline.cli import app
from pipeline.stage import BUILTIN_STAGES

MODULES = ["pipeline", "pipeline.core", "pipeline.graph", "pipeline.ids", "pipeline.identity", "pipeline.spans"]


@pytest.mark.parametrize("name", MODULES)
def test_docs_doctests_run(name, monkeypatch):
    if name == "pipeline.graph":
        needs_extra("pandas", "export")  # ClaimsGraph.to_pandas's example
    monkeypatch.chdir(REPO)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_docs_every_command_has_an_example():
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    for name in names:
        out = CliRunner().invoke(app, [name, "--help"], terminal_width=200)
        assert out.exit_code == 0 and "Example:" in out.output, name


def test_docs_every_stage_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in BUILTIN_STAGES:
        assert name in readme, name
