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
