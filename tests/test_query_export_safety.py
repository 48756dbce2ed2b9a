"""The store and the exports are safe to reuse and to trust: a query reaches no other endpoint
unless asked, loading a run into the same store twice gives the same store, and an export
writes a file that reads back (control characters from a text cannot break the XML)."""
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from conftest import REPO, needs_extra
from pipeline.cli import app
from pipeline.graph import jsonld_context

runner = CliRunner()
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PREDICATES = "PREFIX cg: <https://w3id.org/claimgraph/ns#> SELECT DISTINCT ?p WHERE { ?c cg:predicate ?p } ORDER BY ?p"


# countries and case frames only (no NER model to load): enough for these texts, and quick
COUNTRIES_CONFIG = f"""language: kk
stages:
  - factory: kazakh_sentences.v1
  - factory: kazakh_morphology.v1
  - factory: country_gazetteer.v1
  - factory: entity_linker.v1
  - factory: speech.v1
    lexicon: {REPO / "configs" / "relations_kk.yaml"}
  - factory: case_frames.v1
    lexicon: {REPO / "configs" / "relations_kk.yaml"}
"""


def _run(src, out, store):
    config = src.parent / "countries.yaml"
    config.write_text(COUNTRIES_CONFIG, encoding="utf-8")
    result = runner.invoke(app, ["run", str(src), "-o", str(out), "--store", str(store), "-c", str(config), "-q"])
    assert result.exit_code == 0, result.output


def _query(store, sparql, *options):
    return runner.invoke(app, ["query", str(store), sparql, "--format", "json", *options])


@pytest.fixture
def store(tmp_path):
    needs_extra("pyoxigraph", "export")
    src = tmp_path / "news.txt"
    src.write_text("Жапония Қазақстанға көмектесті. Франция Германияға алғыс айтты.\n", encoding="utf-8")
    _run(src, tmp_path / "out", tmp_path / "store")
    return tmp_path / "store"


# -- the store -----------------------------------------------------------------------
def test_store_loading_the_same_run_twice_adds_nothing(store, tmp_path):
    evidence = "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?c ?e WHERE { ?c prov:wasDerivedFrom ?e } ORDER BY ?c"
    before = json.loads(_query(store, COUNT).output), json.loads(_query(store, evidence).output)
    _run(tmp_path / "news.txt", tmp_path / "out2", store)
    assert (json.loads(_query(store, COUNT).output), json.loads(_query(store, evidence).output)) == before
    # the evidence spans are named by stable IRIs (not blank nodes, new on every load)
    assert all(row["e"].startswith("https://w3id.org/claimgraph/.well-known/genid/") for row in before[1])
    # every claim keeps one evidence span
    spans = ("PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX oa: <http://www.w3.org/ns/oa#> "
             "SELECT ?c (COUNT(?start) AS ?n) WHERE { ?c prov:wasDerivedFrom/oa:start ?start } GROUP BY ?c")
    assert {row["n"] for row in json.loads(_query(store, spans).output)} == {"1"}


def test_store_a_rerun_with_another_text_replaces_that_documents_claims(store, tmp_path):
    assert [r["p"] for r in json.loads(_query(store, PREDICATES).output)] == ["help", "thank"]
    (tmp_path / "news.txt").write_text("Франция Германияға алғыс айтты.\n", encoding="utf-8")
    _run(tmp_path / "news.txt", tmp_path / "out2", store)
    assert [r["p"] for r in json.loads(_query(store, PREDICATES).output)] == ["thank"]


def test_store_another_document_is_added_beside_the_first(store, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Ресей Қытайға алғыс айтты.\n", encoding="utf-8")
    _run(other, tmp_path / "out2", store)
    docs = "PREFIX schema: <https://schema.org/> SELECT ?d WHERE { ?d a schema:NewsArticle } ORDER BY ?d"
    assert [r["d"].rsplit("/", 1)[-1] for r in json.loads(_query(store, docs).output)] == ["news", "other"]


# -- SERVICE clauses -----------------------------------------------------------------
def test_query_refuses_a_service_clause(store):
    federated = ("SELECT ?s WHERE { ?s ?p ?o . "
                 "OPTIONAL { SERVICE <http://sparql.example.org/endpoint> { ?s ?q ?r } } }")
    result = _query(store, federated)
    assert result.exit_code == 2
    assert "SERVICE" in result.output and "--allow-service" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_query_the_word_service_in_a_comment_or_a_string_is_no_clause(store):
    sparql = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p "SERVICE <http://x.example> { }" } # SERVICE <http://y.example> {}'
    result = _query(store, sparql)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"n": "0"}]


def test_query_allow_service_runs_it(store):
    # SILENT: an endpoint that cannot be reached (a closed local port) gives no rows, no error
    sparql = "SELECT ?s WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    result = _query(store, sparql, "--allow-service")
    assert result.exit_code == 0, result.output


# -- exports -----------------------------------------------------------------------
@pytest.fixture
def graph_with_control_characters(tmp_path):
    """A graph whose document text held a NUL and a vertical tab: they are in a name and in
    the evidence spans (a reader that lets them through, or a graph from elsewhere)."""
    text = "Франция президенті Эмманюэль\x0bМакрон Германияға\x00 алғыс айтты."
    nodes = [
        {"@id": "doc:d1", "@type": "NewsArticle", "inLanguage": "kk"},
        {"@id": "country:FR", "@type": "Country", "name": "Франция", "identifier": "FR"},
        {"@id": "country:DE", "@type": "Country", "name": "Германия", "identifier": "DE"},
        {"@id": "person:macron", "@type": "Person", "name": "Эмманюэль\x0bМакрон"},
        {"@id": "claim:d1-1", "@type": "Claim", "cg:predicate": "thank", "cg:agent": {"@id": "person:macron"},
         "cg:recipient": {"@id": "country:DE"}, "cg:polarity": "affirmed", "cg:modality": "asserted",
         "appearance": {"@id": "doc:d1"},
         "prov:wasDerivedFrom": {"oa:start": 0, "oa:end": len(text), "oa:exact": text}},
        {"@id": "claim:d1-2", "@type": "Claim", "cg:predicate": "has_role", "cg:agent": {"@id": "person:macron"},
         "cg:theme": {"@id": "country:FR"}, "text": "президенті", "cg:polarity": "affirmed",
         "cg:modality": "asserted", "appearance": {"@id": "doc:d1"},
         "prov:wasDerivedFrom": {"oa:start": 0, "oa:end": 35, "oa:exact": text[:35]}},
        {"@id": "claim:d1-3", "@type": "Claim", "cg:predicate": "say", "cg:agent": {"@id": "person:macron"},
         "text": "алғыс айтты", "cg:polarity": "affirmed", "cg:modality": "asserted", "appearance": {"@id": "doc:d1"},
         "prov:wasDerivedFrom": {"oa:start": 0, "oa:end": len(text), "oa:exact": text}},
    ]
    path = tmp_path / "graph.jsonld"
    path.write_text(json.dumps({"@context": jsonld_context(), "@graph": nodes}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_xml_with_control_characters_parses(graph_with_control_characters, tmp_path, fmt):
    import networkx as nx

    target = tmp_path / f"g.{fmt}"
    result = runner.invoke(app, ["export", str(graph_with_control_characters), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    ET.parse(target)  # well-formed XML
    g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(target)
    assert g.nodes["person:macron"]["label"] == "Эмманюэль\ufffdМакрон"
    evidence = sorted(d["evidence"] for _, _, d in g.edges(data=True))
    assert evidence == ["Франция президенті Эмманюэль\ufffdМакрон",  # has_role, thank and say (a loop on Macron)
                        *["Франция президенті Эмманюэль\ufffdМакрон Германияға\ufffd алғыс айтты."] * 2]


@pytest.mark.parametrize("fmt", ["csv", "nquads", "turtle", "events"])
def test_export_other_formats_with_control_characters_read_back(graph_with_control_characters, tmp_path, fmt):
    target = tmp_path / f"g.{fmt}"
    result = runner.invoke(app, ["export", str(graph_with_control_characters), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0


def test_export_a_file_that_does_not_read_back_is_one_line_and_no_file(graph_with_control_characters, tmp_path,
                                                                      monkeypatch):
    import networkx as nx

    def truncated_gexf(graph, path):  # a writer that stops half-way (as a NUL used to make it)
        open(path, "w", encoding="utf-8").write('<?xml version="1.0"?>\n<gexf><graph><nodes><node id="a"')

    monkeypatch.setattr(nx, "write_gexf", truncated_gexf)
    target = tmp_path / "g.gexf"
    result = runner.invoke(app, ["export", str(graph_with_control_characters), "--format", "gexf", "-o", str(target)])
    assert result.exit_code == 2
    assert "g.gexf" in result.output and "does not read back" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not target.exists() and list(tmp_path.glob("*.part")) == [] and list(tmp_path.glob(".*")) == []


@pytest.mark.parametrize("command", ["report", "view"])
def test_html_pages_hold_no_control_character_and_no_lone_surrogate(graph_with_control_characters, tmp_path,
                                                                     command):
    if command == "view":
        needs_extra("pyvis", "view")
    data = json.loads(graph_with_control_characters.read_text(encoding="utf-8"))
    for node in data["@graph"]:
        if node["@id"] == "person:macron":
            node["name"] = "Эмманюэль\ud800Макрон"  # a lone surrogate, as a JSON escape can carry
    surrogate = tmp_path / "surrogate.jsonld"
    surrogate.write_text(json.dumps(data), encoding="utf-8")  # ASCII JSON: the surrogate stays an escape
    for graph in (graph_with_control_characters, surrogate):
        target = tmp_path / f"{graph.stem}.html"
        result = runner.invoke(app, [command, str(graph), "-o", str(target)])
        assert result.exit_code == 0, result.output
        page = target.read_text(encoding="utf-8")
        assert not any(ch in page for ch in "\x00\x0b")
        # the speaker's name: U+FFFD in the report; the view's JSON escapes a control character
        escaped = "Эмманюэль\ufffdМакрон" if command == "report" or graph == surrogate else "Эмманюэль\\u000bМакрон"
        assert escaped in page
