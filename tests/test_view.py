"""The HTML view opens in a real headless browser with no network."""
import json
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from conftest import needs_extra
from pipeline.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=8000"]


@pytest.fixture
def page(tmp_path):
    needs_extra("pyvis", "view")
    src = tmp_path / "a.txt"
    src.write_text("Франция Германияға алғыс айтты. Жапония Қазақстанға көмектесті. "
                   "Ресей Украинада орналаспаған.", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["run", str(src), "-o", str(tmp_path / "out")]).exit_code == 0
    html = tmp_path / "graph.html"
    result = runner.invoke(app, ["view", str(tmp_path / "out" / "graph.jsonld"), "-o", str(html)])
    assert result.exit_code == 0, result.output
    return html


def test_view_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    assert "vis.Network" in text
    # nothing is fetched: no script, stylesheet or image comes from elsewhere
    assert re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=", text) == []


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")
def test_view_renders_all_nodes_without_console_errors(page, tmp_path):
    run = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'p1'}", "--enable-logging=stderr",
                          "--v=0", "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    graph = json.loads((page.parent / "out" / "graph.jsonld").read_text(encoding="utf-8"))
    entities = [n for n in graph["@graph"] if n["@type"] not in ("Claim", "NewsArticle", "Dataset")]
    claims = [n for n in graph["@graph"] if n["@type"] == "Claim"]
    assert len(entities) >= 6 and len(claims) == 3
    rendered = re.search(r'data-rendered="(\d+)"', run.stdout)
    assert rendered and int(rendered.group(1)) == len(entities), run.stdout[-300:]
    assert f'data-nodes="{len(entities)}" data-edges="{len(claims)}"' in run.stdout
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not [line for line in console if "rror" in line or "Uncaught" in line], console


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")
def test_view_screenshot(page, tmp_path):
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'p2'}", "--window-size=1000,700",
                    f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 15_000  # a drawn graph, not a blank page
