"""The library in a notebook: process() and pipe() read texts as a run does, results and
graphs show themselves, the graphs go into graph files as they are, the claims table has
typed columns; and the command line's small comforts (version, progress in a log,
--format in any case, query on a graph.jsonld, no heavy import for --help)."""
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from conftest import needs_extra
from pipeline.cli import app
from pipeline.graph import ClaimsGraph, build_graph

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
THANKS = "Ресей Қытайға алғыс айтты."
HELP = "Жапония Алматыда Қазақстанға көмектесті."  # a place: an entity with no identifier


def test_process_reads_a_leading_date_line_as_the_reader_does(nlp):
    result = nlp.process(f"date 2024-03-01\n{THANKS}")
    assert result.document.date == dt.date(2024, 3, 1)
    assert result.document.text == THANKS
    assert [(c.predicate, c.agent, c.recipient) for c in result.claims] == [("thank", "country:RU", "country:CN")]
    assert all("date" not in c.evidence.exact and "2024" not in c.evidence.exact for c in result.claims)


def test_pipe_takes_text_context_pairs_and_gives_result_context_pairs(nlp):
    pairs = list(nlp.pipe([(THANKS, {"row": 1}), (f"date 2024-05-02\n{HELP}", {"row": 2})]))
    assert [(r.claims[0].predicate, r.document.date, context["row"]) for r, context in pairs] == [
        ("thank", None, 1), ("help", dt.date(2024, 5, 2), 2)]


def test_pipe_in_two_processes_gives_the_same_results_in_order(nlp):
    texts = [THANKS, HELP, THANKS]
    forked = [r.claims[0].predicate for r in nlp.pipe(texts, batch_size=1, n_process=2)]
    assert forked == [r.claims[0].predicate for r in nlp.pipe(texts)] == ["thank", "help", "thank"]


def test_disable_leaves_a_stage_out_and_refuses_one_another_needs(nlp):
    import pipeline
    from pipeline.config import ConfigError

    assert "event_nouns.v1" in nlp.pipe_names
    lighter = pipeline.load(disable=["event_nouns.v1"])
    assert "event_nouns.v1" not in lighter.pipe_names
    assert "event_nouns.v1" not in [s["factory"] for s in lighter.config["stages"]]  # workers rebuild without it
    with pytest.raises(ConfigError, match=r"cannot leave out kazakh_morphology\.v1: .* needs morphology"):
        pipeline.load(disable=["kazakh_morphology.v1"])
    with pytest.raises(ConfigError, match="no stage 'spellcheck'"):
        pipeline.load(disable=["spellcheck"])


@pytest.fixture(scope="module")
def graph(nlp):
    return build_graph([nlp.process(THANKS, doc_id="a", date="2024-03-01"), nlp.process(HELP, doc_id="b")])


@pytest.mark.parametrize("which", ["to_networkx", "entity_graph"])
def test_both_graphs_go_into_graphml_gexf_and_node_link_as_they_are(graph, which, tmp_path):
    g = getattr(graph, which)()
    nx.write_graphml(g, tmp_path / "g.graphml")
    nx.write_gexf(g, tmp_path / "g.gexf")
    data = json.loads(json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False))
    names = {n.get("name") for n in data["nodes"]}
    assert {"Ресей", "Қытай", "Жапония", "Қазақстан", "Алматы"} <= names
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.nodes["country:RU"]["name"] == "Ресей"
    assert "identifier" not in back.nodes["place:almaty"]  # unknown: left out, not None


def test_the_full_graph_keeps_a_claims_nested_values_as_json_text(graph):
    g = graph.to_networkx()
    claim = next(d for _, d in g.nodes(data=True) if d.get("cg:predicate") == "thank")
    assert claim["kind"] == "claim" and claim["type"] == "Claim"
    assert json.loads(claim["prov:wasDerivedFrom"])["oa:exact"] == THANKS
    assert all(v is not None for _, d in g.nodes(data=True) for v in d.values())


def test_results_and_graphs_show_their_entities_in_jupyter(nlp, graph):
    shown = nlp.process(THANKS)._repr_html_()
    assert "Ресей" in shown and "Қытай" in shown and "thank" in shown
    shown = graph._repr_html_()
    assert all(name in shown for name in ("Ресей", "Қытай", "Жапония", "Қазақстан"))


def test_the_claims_table_has_typed_columns(graph):
    needs_extra("pandas", "export")
    frame = graph.to_pandas()
    assert sorted(frame["predicate"].astype(str)) == ["help", "thank"]
    assert str(frame["predicate"].dtype) == "category"
    assert str(frame["evidence_start"].dtype) == "Int64"
    assert str(frame["partner"].dtype) == "string"  # no claim has a partner: still text, not object
    empty = ClaimsGraph().to_pandas()
    assert list(empty.columns) == list(frame.columns) and list(map(str, empty.dtypes)) == list(map(str, frame.dtypes))


def _imported_modules(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-500:]
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}


def test_import_and_help_load_neither_spacy_nor_torch():
    assert not {"spacy", "torch", "thinc"} & _imported_modules("-c", "import pipeline")
    assert not {"spacy", "torch", "thinc"} & _imported_modules("-m", "pipeline", "--help")


def test_version():
    from pipeline import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and f"claimgraph {__version__}" in result.output


@pytest.fixture(scope="module")
def run_out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("texts")
    for k, text in enumerate([THANKS, HELP, THANKS]):
        (folder / f"d{k}.txt").write_text(f"date 2024-03-0{k + 1}\n{text}\n", encoding="utf-8")
    out = folder.parent / "out"
    result = runner.invoke(app, ["run", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_a_run_not_on_a_terminal_logs_progress_lines_on_stderr(run_out):
    _, result = run_out
    assert "progress: 1/3 documents" in result.stderr
    assert "progress:" not in result.stdout


def test_export_format_in_any_case(run_out):
    out, _ = run_out
    result = runner.invoke(app, ["export", str(out / "graph.jsonld"), "--format", "GraphML"])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out / "graph.graphml").nodes["country:CN"]["name"] == "Қытай"


def test_query_reads_a_graph_jsonld_and_still_refuses_service(run_out):
    needs_extra("pyoxigraph", "export")
    graph = str(out_graph := run_out[0] / "graph.jsonld")
    select = ("PREFIX cg: <https://w3id.org/claimgraph/ns#> "
              "SELECT ?p (COUNT(*) AS ?n) WHERE { ?c cg:predicate ?p } GROUP BY ?p ORDER BY ?p")
    result = runner.invoke(app, ["query", graph, select, "--format", "CSV"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["p,n", "help,1", "thank,2"]
    service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    result = runner.invoke(app, ["query", graph, service])
    assert result.exit_code == 2 and "SERVICE" in result.output
    assert out_graph.exists()
