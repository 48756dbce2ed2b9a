"""Events in the graph (cg:cameo, cg:quadClass, cg:goldstein) and the GDELT-like event table."""
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()
TEXT = ("date 2024-03-01 Қазақстан Қытаймен келісімге қол қойды. Жапония Ресейді айыптады. "
        "Моңғолия Түркияға ресми сапармен барды.\n")


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("events")
    src = tmp / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["run", str(src), "-o", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    return tmp / "out" / "graph.jsonld"


def test_claims_carry_cameo_in_jsonld_and_conform_to_the_shapes(graph):
    nodes = json.loads(graph.read_text(encoding="utf-8"))["@graph"]
    events = {n["cg:predicate"]: (n.get("cg:cameo"), n.get("cg:quadClass"), n.get("cg:goldstein"))
              for n in nodes if n.get("@type") == "Claim"}
    assert events["sign"] == ("057", 1, 8.0)
    assert events["condemn"] == ("111", 3, -2.0)
    assert events["visit"] == ("042", 1, 1.9)
    result = runner.invoke(app, ["validate", str(graph)])
    assert result.exit_code == 0, result.output


def test_a_bad_quad_class_breaks_the_shapes(graph, tmp_path):
    from pipeline.export import validate

    data = json.loads(graph.read_text(encoding="utf-8"))
    for n in data["@graph"]:
        if n.get("cg:quadClass"):
            n["cg:quadClass"] = 7
    bad = tmp_path / "bad.jsonld"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert validate(bad)[0] is False


@pytest.mark.parametrize("fmt, name", [("events", "e.csv"), ("events", "e.parquet"), ("events-parquet", "e.pq")])
def test_event_table_loads_with_pandas_and_has_the_known_rows(graph, tmp_path, fmt, name):
    out = tmp_path / name
    result = runner.invoke(app, ["export", str(graph), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out, dtype={"cameo": str}) if name.endswith(".csv") else pd.read_parquet(out)
    row = df[df.predicate == "sign"].iloc[0]
    assert (row.actor1_name, row.actor1_type, row.actor1_country) == ("Қазақстан", "Country", "KZ")
    assert (row.actor2_id, row.actor2_country) == ("country:CN", "CN")
    assert (row.cameo, int(row.quad_class), float(row.goldstein)) == ("057", 1, 8.0)
    assert (row.polarity, row.modality, row.date, row.document_id, row.theme) == (
        "affirmed", "asserted", "2024-03-01", "doc:a", "келісім")
    text = TEXT.split(" ", 2)[2]  # the document text, after its date line
    assert text[int(row.evidence_start):int(row.evidence_end)] == row.evidence
    assert "қол қойды" in row.evidence
    condemn = df[df.predicate == "condemn"].iloc[0]
    assert (condemn.actor1_country, condemn.actor2_country, int(condemn.quad_class)) == ("JP", "RU", 3)
    visit = df[df.predicate == "visit"].iloc[0]
    assert (visit.actor1_country, visit.location_id) == ("MN", "country:TR")
    assert (visit.actor2_id, visit.actor2_country) == ("country:TR", "TR")  # the visited country
