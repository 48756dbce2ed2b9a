"""Exports, the SPARQL store, SHACL validation, and no network anywhere."""
import csv
import json
import socket

import pytest
from typer.testing import CliRunner

from conftest import has_module, needs_extra
from pipeline.cli import app

runner = CliRunner()
TEXT = "date 2024-03-01 Франция президенті Эмманюэль Макрон Германияға алғыс айтты. Жапония Қазақстанға көмектесті.\n"


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network connection attempted: {args[1:] if len(args) > 1 else args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def graph(tmp_path, no_network):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    store = ["--store", str(tmp_path / "store")] if has_module("pyoxigraph") else []
    result = runner.invoke(app, ["run", str(src), "-o", str(out), *store])
    assert result.exit_code == 0, result.output
    return out / "graph.jsonld"


def test_exports_every_format(graph, tmp_path):
    parquet = [("parquet", "g.parquet")] if has_module("pandas") and has_module("pyarrow") else []
    for fmt, name in [("graphml", "g.graphml"), ("gexf", "g.gexf"), ("csv", "g.csv"), *parquet,
                      ("nquads", "g.nq"), ("turtle", "g.ttl")]:
        result = runner.invoke(app, ["export", str(graph), "--format", fmt, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, (fmt, result.output)
        assert (tmp_path / name).stat().st_size > 0
    rows = list(csv.DictReader(open(tmp_path / "g.csv", encoding="utf-8")))
    thank = next(r for r in rows if r["predicate"] == "thank")
    assert (thank["agent_name"], thank["recipient_name"], thank["polarity"]) == ("Эмманюэль Макрон", "Германия", "affirmed")
    import networkx as nx

    g = nx.read_gexf(tmp_path / "g.gexf")
    assert g.nodes["country:DE"]["label"] == "Германия"
    assert any(d["label"] == "help" for _, _, d in g.edges(data=True))
    pd = needs_extra("pandas", "export")
    needs_extra("pyarrow", "export")

    assert set(pd.read_parquet(tmp_path / "g.parquet")["predicate"]) == {"has_role", "thank", "help"}


def test_exports_sparql_store_query(graph, tmp_path):
    needs_extra("pyoxigraph", "export")
    q = ("PREFIX cg: <https://w3id.org/claimgraph/ns#> PREFIX schema: <https://schema.org/> "
         "SELECT ?who ?whom WHERE { ?c cg:predicate \"help\" ; cg:agent/schema:name ?who ; "
         "cg:recipient/schema:name ?whom }")
    result = runner.invoke(app, ["query", str(tmp_path / "store"), q, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"who": "Жапония", "whom": "Қазақстан"}]
    bad = runner.invoke(app, ["query", str(tmp_path / "store"), "SELEC nonsense"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_exports_validate_accepts_our_graph_and_rejects_a_broken_one(graph, tmp_path):
    needs_extra("pyshacl", "export")
    assert runner.invoke(app, ["validate", str(graph)]).exit_code == 0
    data = json.loads(graph.read_text(encoding="utf-8"))
    for node in data["@graph"]:
        if node["@type"] == "Claim":
            node["cg:polarity"] = "maybe"
        if node["@type"] == "Country":
            node["identifier"] = "deu"
    broken = tmp_path / "broken.jsonld"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "Conforms: False" in result.output


def test_exports_library_api_round_trip(graph):
    from pipeline.graph import ClaimsGraph

    g = ClaimsGraph.from_jsonld(graph)
    assert [c["recipient"] for c in g.claims(predicate="thank", agent="person:emmanuel-maktron")] == []
    assert [c["recipient"] for c in g.claims(predicate="thank")] == ["country:DE"]
    assert g.to_networkx().number_of_nodes() > 0
    needs_extra("pandas", "export")
    df = g.to_pandas()
    assert list(df.sort_values("predicate")["predicate"]) == ["has_role", "help", "thank"]


# -- every claim an edge, with its time (issue 24) ---------------------------------------------
TWO_DOCUMENTS = {"a.txt": "date 2024-03-01 «Біз келіссөзге дайынбыз», - деді Жапония. Жапония Қазақстанға көмектесті.\n",
                 "b.txt": "date 2024-04-10 2024 жылғы 5 наурызда Ресей Қытаймен келісімге қол қойды. "
                          "Франция қолдау білдірді.\n"}


@pytest.fixture
def two_documents(tmp_path, no_network):
    for name, text in TWO_DOCUMENTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "graph.jsonld"


def _edges(path):
    import networkx as nx

    back = (nx.read_gexf if path.suffix == ".gexf" else nx.read_graphml)(path)
    return back, {d["claim"]: (u, v, d) for u, v, d in back.edges(data=True)}


def test_gexf_holds_every_claim_with_its_date_for_gephis_timeline(two_documents, tmp_path):
    out = tmp_path / "g.gexf"
    result = runner.invoke(app, ["export", str(two_documents), "--format", "gexf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    back, edges = _edges(out)
    assert back.graph["mode"] == "dynamic" and 'timeformat="date"' in out.read_text(encoding="utf-8")
    when = {claim: (u, v, d["predicate"], d["date"], d["date_from"], d["start"], d["end"], d["document"])
            for claim, (u, v, d) in edges.items()}
    assert when == {
        "claim:a-say-0": ("country:JP", "country:JP", "say", "2024-03-01", "document", "2024-03-01", "2024-03-01", "doc:a"),
        "claim:a-help-63-0": ("country:JP", "country:KZ", "help", "2024-03-01", "document", "2024-03-01", "2024-03-01",
                              "doc:a"),
        "claim:b-sign-47-0": ("country:RU", "country:CN", "sign", "2024-03-05", "claim", "2024-03-05", "2024-03-05",
                              "doc:b"),
        "claim:b-support-66-0": ("country:FR", "country:FR", "support", "2024-04-10", "document", "2024-04-10",
                                 "2024-04-10", "doc:b")}
    sign = edges["claim:b-sign-47-0"][2]
    assert (sign["date_precision"], sign["theme"], sign["polarity"], sign["modality"]) == ("day", "келісім", "affirmed",
                                                                                           "asserted")
    assert sign["confidence"] > 0 and edges["claim:a-help-63-0"][2]["cameo"]


def test_graphml_keeps_a_claim_of_one_party_as_a_loop_on_it(two_documents, tmp_path):
    out = tmp_path / "g.graphml"
    assert runner.invoke(app, ["export", str(two_documents), "--format", "graphml", "-o", str(out)]).exit_code == 0
    back, edges = _edges(out)
    assert len(edges) == 4  # every claim, the two of one party too
    u, v, say = edges["claim:a-say-0"]
    assert (u, v, say["label"], say["text"], say["date"]) == ("country:JP", "country:JP", "say", "Біз келіссөзге дайынбыз",
                                                              "2024-03-01")
    assert back.nodes["country:JP"]["label"] == "Жапония"
    for _, _, d in back.edges(data=True):  # no None or nested values written out
        assert all(isinstance(value, (str, int, float)) and value != "None" for value in d.values())


def test_a_claim_period_spans_its_days_and_a_claim_of_no_entity_joins_its_document():
    from pipeline.graph import ClaimsGraph
    from pipeline.graph_export import claim_graph

    doc = {"@id": "doc:d", "@type": "NewsArticle", "inLanguage": "kk"}
    claims = [{"@id": f"claim:d-{i}", "@type": "Claim", "cg:predicate": "sign", "cg:theme": "келісім",
               "dateCreated": date, "cg:datePrecision": precision, "appearance": {"@id": "doc:d"},
               "prov:wasDerivedFrom": {"oa:start": 0, "oa:end": 1, "oa:exact": "x"}}
              for i, (date, precision) in enumerate([("2024-03-01", "month"), ("2024-03-04", "week"),
                                                     ("2023-01-01", "year")])]
    flat = claim_graph(ClaimsGraph.from_jsonld({"@graph": [doc, *claims]}), dynamic=True)
    spans = {d["claim"]: (u, v, d["start"], d["end"], d["date_precision"]) for u, v, d in flat.edges(data=True)}
    assert spans == {"claim:d-0": ("doc:d", "doc:d", "2024-03-01", "2024-03-31", "month"),
                     "claim:d-1": ("doc:d", "doc:d", "2024-03-04", "2024-03-10", "week"),
                     "claim:d-2": ("doc:d", "doc:d", "2023-01-01", "2023-12-31", "year")}
    assert flat.nodes["doc:d"]["type"] == "NewsArticle"
