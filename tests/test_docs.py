"""The documentation matches the code: doctests run, every command has an
example, every stage is documented, the README keeps CI's commands, the contract
page is the shared contract, and every relative link resolves."""
import doctest
import importlib
import re

import pytest
from typer.testing import CliRunner

from conftest import REPO, SHARED, needs_extra
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


def test_docs_every_stage_is_in_the_configuration_page():
    page = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in BUILTIN_STAGES:
        assert f"`{name}`" in page, name


PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def heading_anchors(page) -> set[str]:
    """GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces -> '-'."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    titles = re.findall(r"^#+\s+(.*?)\s*$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", t.lower()).replace(" ", "-") for t in titles}


def relative_links(page) -> list[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))  # code is not a link
    return [t for t in LINK.findall(text) if not re.match(r"[a-z][a-z0-9+.-]*:", t)]


def test_docs_readme_is_short():
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 160, f"README.md has {len(lines)} lines: move the detail to docs/"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_docs_every_relative_link_resolves(page):
    broken = []
    for target in relative_links(page):
        path, _, anchor = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        if not dest.exists():
            broken.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".md" and anchor not in heading_anchors(dest):
            broken.append(f"{target}: no heading with that anchor")
    assert not broken, f"{page.name}: " + "; ".join(broken)


def test_docs_contract_page_is_the_shared_contract():
    shared = SHARED / "design" / "claims-graph.md"
    if not shared.exists():
        pytest.skip(f"{shared} is absent (../shared beside the checkout): cannot compare docs/claims-graph.md")
    assert (REPO / "docs" / "claims-graph.md").read_bytes() == shared.read_bytes(), \
        "docs/claims-graph.md differs from ../shared/design/claims-graph.md: cp it again"


def test_docs_keep_the_commands_ci_runs_verbatim():
    # .ci/run installs, runs and tests with the documented commands, so they must stay what users read:
    # setting up, the first run and the tests in the README; the rest (the stanza extra) in docs/
    ci = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.startswith((".venv/bin/", "python3 -m venv"))]
    readme = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    docs = "\n".join(p.read_text(encoding="utf-8") for p in PAGES).splitlines()
    first_steps = ("python3 -m venv", ".venv/bin/claimgraph run", ".venv/bin/python -m pytest")
    assert sum(line.startswith(first_steps) for line in ci) == 3
    for line in ci:
        if line.startswith(first_steps):
            assert line in readme, f"README.md lacks CI's command: {line}"
        else:  # written for an activated environment in docs/
            assert line.replace(".venv/bin/", "") in docs, f"docs/ lack CI's command: {line}"
