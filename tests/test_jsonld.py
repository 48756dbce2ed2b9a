import json

import pytest

from pipeline.graph import ClaimsGraph, build_graph
from pipeline.records import Claim, Evidence


def offline_loader(url, options=None):
    raise AssertionError(f"pyld tried to fetch {url}: the context must be inline")


@pytest.fixture
def toy_graph(gazetteer_only):
    text = "Франция Германияға алғыс айтты."
    result = gazetteer_only.process(text, date="2024-03-01", doc_id="toy-1")
    # a claim as the relation stage will write it, so the round trip covers claims too
    claim = Claim(id="toy-1-thank-0", predicate="thank", agent="country:FR", recipient="country:DE",
                  text=text, evidence=Evidence(start=0, end=len(text), exact=text), confidence=0.8)
    return build_graph([result.with_layers(claims=[claim])])


def test_jsonld_follows_the_contract(toy_graph):
    data = toy_graph.to_jsonld()
    nodes = {n["@id"]: n for n in data["@graph"]}
    assert nodes["doc:toy-1"] == {"@id": "doc:toy-1", "@type": "NewsArticle", "datePublished": "2024-03-01",
                                  "inLanguage": "kk", "identifier": "<text>"}
    assert nodes["country:DE"] == {"@id": "country:DE", "@type": "Country", "name": "Германия",
                                   "identifier": "DE", "alternateName": ["Германияға"]}
    claim = nodes["claim:toy-1-thank-0"]
    assert claim["@type"] == "Claim" and claim["cg:predicate"] == "thank"
    assert claim["cg:agent"] == {"@id": "country:FR"} and claim["cg:recipient"] == {"@id": "country:DE"}
    assert claim["cg:polarity"] == "affirmed" and claim["appearance"] == {"@id": "doc:toy-1"}
    assert claim["prov:wasDerivedFrom"] == {"oa:start": 0, "oa:end": 31, "oa:exact": "Франция Германияға алғыс айтты."}
    assert nodes["cg:run"]["cg:contractVersion"] == "1.0"


def test_jsonld_loads_in_rdflib_offline(toy_graph, tmp_path):
    import rdflib

    path = tmp_path / "graph.jsonld"
    toy_graph.write_jsonld(path)
    g = rdflib.Graph().parse(path, format="json-ld")
    SDO = rdflib.Namespace("https://schema.org/")
    CG = rdflib.Namespace("https://w3id.org/claimgraph/ns#")
    de = rdflib.URIRef("https://w3id.org/claimgraph/id/country/DE")
    assert (de, rdflib.RDF.type, SDO.Country) in g
    assert str(g.value(de, SDO.identifier)) == "DE"
    claims = list(g.subjects(rdflib.RDF.type, SDO.Claim))
    assert len(claims) == 1
    assert g.value(claims[0], CG.recipient) == de


def test_jsonld_expands_in_pyld_without_network(toy_graph):
    from pyld import jsonld

    expanded = jsonld.expand(toy_graph.to_jsonld(), {"documentLoader": offline_loader})
    types = {t for node in expanded for t in node.get("@type", [])}
    assert {"https://schema.org/Country", "https://schema.org/Claim", "https://schema.org/NewsArticle"} <= types


def test_jsonld_round_trip_through_claims_graph(toy_graph, tmp_path):
    path = tmp_path / "graph.jsonld"
    toy_graph.write_jsonld(path)
    again = ClaimsGraph.from_jsonld(path)
    assert again.to_jsonld() == toy_graph.to_jsonld()
    assert again.claims(predicate="thank")[0]["recipient"] == "country:DE"


def test_jsonld_ids_are_stable_across_documents(gazetteer_only):
    a = gazetteer_only.process("Украинаға көмек келді.", doc_id="a")
    b = gazetteer_only.process("Украинаның астанасы.", doc_id="b")
    graph = build_graph([a, b])
    countries = [n for n in graph.to_jsonld()["@graph"] if n["@type"] == "Country"]
    assert countries == [{"@id": "country:UA", "@type": "Country", "name": "Украина", "identifier": "UA",
                          "alternateName": sorted(["Украинаға", "Украинаның"])}]
    json.dumps(graph.to_jsonld())  # serialisable


def test_jsonld_claim_ids_are_the_same_in_documents_jsonl_and_the_graph(nlp, tmp_path):
    # one identifier per claim all the way out: documents.jsonl and graph.jsonld can be joined
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "date 2024-03-01\nФранция Германияға алғыс айтты. Жапония Қазақстанға көмектесті.\n"
        "«Біз көмектесеміз», - деді Ресей.\n", encoding="utf-8")
    nlp.run([tmp_path / "in"], tmp_path / "out")
    records = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    record_ids = [c["id"] for r in records for c in r["claims"]]
    graph = json.loads((tmp_path / "out" / "graph.jsonld").read_text())
    graph_ids = [n["@id"] for n in graph["@graph"] if n["@type"] == "Claim"]
    assert len(record_ids) >= 3 and sorted(record_ids) == sorted(graph_ids)
    assert all(i.startswith("claim:a-") for i in record_ids)


def test_jsonld_repeated_claim_ids_are_refused():
    from pipeline.records import AnnotatedDocument, Document

    text = "Франция Германияға алғыс айтты."
    claim = Claim(id="d-thank-0", predicate="thank", agent="country:FR", evidence=Evidence(start=0, end=5, exact="Франц"))
    doc = AnnotatedDocument(document=Document(id="d", source="d", text=text)).with_layers(claims=[claim, claim])
    with pytest.raises(ValueError, match="claim ids repeat in document d: claim:d-thank-0"):
        doc.to_record()
