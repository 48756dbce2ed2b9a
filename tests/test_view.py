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


# -- the most connected N, filters and search (issue 12) ---------------------------------------
NODE = shutil.which("node")


def _filter(data, state):
    """Run the page's own filter function in node."""
    from pipeline.view import FILTER_JS

    script = FILTER_JS + f"\nconsole.log(JSON.stringify(visibleGraph({json.dumps(data)}, {json.dumps(state)})));"
    run = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _star_data():
    nodes = [{"id": f"n{i}", "label": f"Entity {i}", "group": "Person" if i % 2 else "Country"} for i in range(30)]
    edges = [{"id": f"e{i}", "from": "n0", "to": f"n{i}", "label": "meet" if i < 10 else "say",
              "date": "2024-01-05" if i < 20 else "2024-06-01"} for i in range(1, 30)]
    edges += [{"id": "x1", "from": "n1", "to": "n2", "label": "call", "date": "2024-06-02"}]
    return {"nodes": nodes, "edges": edges}


@pytest.mark.skipif(NODE is None, reason="no node to run the page's filter")
def test_view_filter_top_n_types_predicates_dates_and_search():
    data = _star_data()
    top = _filter(data, {"top": 3})
    assert top["nodes"][:3] == ["n0", "n1", "n2"] and len(top["nodes"]) == 3  # the most connected first
    assert set(top["edges"]) == {"e1", "e2", "x1"}
    meets = _filter(data, {"top": 50, "predicates": ["meet"]})
    assert set(meets["edges"]) == {f"e{i}" for i in range(1, 10)} and len(meets["nodes"]) == 10
    countries = _filter(data, {"top": 50, "types": ["Country"]})
    assert countries["edges"] == [f"e{i}" for i in range(2, 30, 2)]
    june = _filter(data, {"top": 50, "from": "2024-06"})
    assert set(june["edges"]) == {f"e{i}" for i in range(20, 30)} | {"x1"}
    spring = _filter(data, {"top": 50, "to": "2024-03"})
    assert len(spring["edges"]) == 19
    found = _filter(data, {"top": 50, "search": "entity 25"})
    assert set(found["nodes"]) == {"n0", "n25"} and found["edges"] == ["e25"]


def test_view_page_has_the_controls(page):
    text = page.read_text(encoding="utf-8")
    for control in ('id="search"', 'id="top"', 'class="type"', 'class="pred"', 'id="from"', 'id="to"'):
        assert control in text
    assert 'value="50"' in text


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")
def test_view_of_a_large_run_shows_at_most_n_and_filters_change_it(tmp_path):
    pytest.importorskip("pyvis", reason="the view extra is not installed")
    from pipeline.graph import ClaimsGraph
    from pipeline.view import render_html

    nodes = [{"@id": f"country:X{i}", "@type": "Country", "name": f"Ел {i}", "identifier": "KZ"} for i in range(300)]
    docs = [{"@id": f"doc:d{i}", "@type": "NewsArticle", "inLanguage": "kk", "datePublished": "2024-01-01"}
            for i in range(1000)]
    claims = [{"@id": f"claim:d{i}-1", "@type": "Claim", "cg:predicate": "meet" if i % 3 else "say",
               "cg:agent": {"@id": f"country:X{i % 300}"}, "cg:recipient": {"@id": f"country:X{(i * 7) % 300}"},
               "cg:polarity": "affirmed", "cg:modality": "asserted", "appearance": {"@id": f"doc:d{i}"},
               "prov:wasDerivedFrom": {"oa:start": 0, "oa:end": 1, "oa:exact": "x"}} for i in range(1000)]
    graph = ClaimsGraph.from_jsonld({"@graph": docs + nodes + claims})
    html_path = tmp_path / "big.html"
    html_path.write_text(render_html(graph, top=40), encoding="utf-8")

    def visible(query):
        run = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'p3'}", "--dump-dom",
                              html_path.as_uri() + query], capture_output=True, text=True, timeout=120)
        return int(re.search(r'data-visible-nodes="(\d+)"', run.stdout).group(1))

    assert visible("") == 40
    assert visible("?search=Ел 17") < 40


@pytest.mark.skipif(NODE is None, reason="no node to check the page's scripts")
def test_view_page_scripts_parse(page, tmp_path):
    text = page.read_text(encoding="utf-8")
    scripts = re.findall(r"<script(?: id=\"filter\")?>(.*?)</script>", text, flags=re.S)
    own = [s for s in scripts if "visibleGraph" in s]  # the filter and the page's code (not the library)
    assert len(own) == 2
    for n, script in enumerate(own):
        path = tmp_path / f"s{n}.js"
        path.write_text(script, encoding="utf-8")
        run = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr


# -- readable at 1,000 documents: parallel claims are one line, a month slider (issue 24) ---------
def _lines(data, state):
    """The lines the page draws for a state: its filter, then its bundling, run in node."""
    from pipeline.view import FILTER_JS

    script = FILTER_JS + (f"\nconst data = {json.dumps(data)};\n"
                          f"console.log(JSON.stringify(bundleEdges(data, visibleGraph(data, {json.dumps(state)}).edges)));")
    run = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return {line["id"]: line for line in json.loads(run.stdout)}


@pytest.mark.skipif(NODE is None, reason="no node to run the page's filter")
def test_view_draws_the_claims_between_two_entities_as_one_line():
    data = _star_data()
    data["edges"] += [{"id": "x2", "from": "n1", "to": "n2", "label": "call", "date": "2024-06-03"},
                      {"id": "x3", "from": "n1", "to": "n2", "label": "meet", "date": "2024-06-04", "dashes": True},
                      {"id": "x4", "from": "n2", "to": "n1", "label": "call", "date": "2024-06-05"}]
    lines = _lines(data, {"top": 3})
    assert set(lines) == {"n0 -> n1", "n0 -> n2", "n1 -> n2", "n2 -> n1"}
    both = lines["n1 -> n2"]
    assert (both["label"], both["claims"], both["dashes"]) == ("call ×2, meet", ["x1", "x2", "x3"], False)
    assert lines["n2 -> n1"]["label"] == "call" and lines["n2 -> n1"]["width"] == 1
    june = _lines(data, {"top": 3, "from": "2024-06", "to": "2024-06"})
    assert set(june) == {"n1 -> n2", "n2 -> n1"}  # the star's claims are of January


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")
def test_view_of_a_year_of_1000_documents_draws_few_lines_and_slides_by_month(tmp_path):
    """1,000 documents over twelve months, 1,000 claims among 300 countries, most with the same
    few: the page draws the 40 most connected, their claims bundled into lines, and a month."""
    pytest.importorskip("pyvis", reason="the view extra is not installed")
    from pipeline.graph import ClaimsGraph
    from pipeline.view import render_html

    nodes = [{"@id": f"country:X{i}", "@type": "Country", "name": f"Ел {i}", "identifier": "KZ"} for i in range(300)]
    docs = [{"@id": f"doc:d{i}", "@type": "NewsArticle", "inLanguage": "kk",
             "datePublished": f"2024-{1 + i % 12:02d}-15"} for i in range(1000)]
    claims = [{"@id": f"claim:d{i}-1", "@type": "Claim", "cg:predicate": "meet" if i % 3 else "say",
               "cg:agent": {"@id": f"country:X{i % 10 if i % 2 else i % 300}"},
               "cg:recipient": {"@id": f"country:X{(i * 7) % 10}"}, "cg:polarity": "affirmed",
               "cg:modality": "asserted", "appearance": {"@id": f"doc:d{i}"},
               "prov:wasDerivedFrom": {"oa:start": 0, "oa:end": 1, "oa:exact": "x"}} for i in range(1000)]
    html_path = tmp_path / "big.html"
    html_path.write_text(render_html(ClaimsGraph.from_jsonld({"@graph": docs + nodes + claims}), top=40),
                         encoding="utf-8")

    def shown(query):
        run = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'p4'}", "--dump-dom",
                              html_path.as_uri() + query], capture_output=True, text=True, timeout=120)
        body = re.search(r"<body[^>]*>", run.stdout).group(0)
        return {k: int(v) for k, v in re.findall(r'data-visible-(\w+)="(\d+)"', body)}

    everything = shown("")
    assert everything["nodes"] == 40 and everything["edges"] > 500
    assert everything["lines"] <= 100  # the claims between the same two countries are one line
    march = shown("?from=2024-03&to=2024-03")
    assert 0 < march["edges"] <= 84 and march["lines"] < everything["lines"]  # 84 documents are of March
