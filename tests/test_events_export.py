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
    """The events table in GDELT 2.0 names (docs/event-data.md): one row per happening."""
    out = tmp_path / name
    result = runner.invoke(app, ["export", str(graph), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    codes = {c: str for c in ("EventCode", "EventBaseCode", "EventRootCode")}
    df = pd.read_csv(out, dtype=codes, parse_dates=["SQLDATE"]) if name.endswith(".csv") else pd.read_parquet(out)
    row = df[df.Predicate == "sign"].iloc[0]
    assert (row.Actor1Name, row.Actor1Code, row.Actor1CountryCode) == ("Қазақстан", "KAZ", "KAZ")
    assert (row.Actor2ID, row.Actor2CountryCode) == ("country:CN", "CHN")
    assert (row.EventCode, row.EventBaseCode, row.EventRootCode) == ("057", "057", "05")
    assert (int(row.QuadClass), float(row.GoldsteinScale), row.PloverEventType) == (1, 8.0, "AGREE")
    assert pd.Timestamp(row.SQLDATE).date().isoformat() == "2024-03-01"
    assert (row.Polarity, row.Modality, row.DocumentID, int(row.NumMentions)) == ("affirmed", "asserted", "doc:a", 1)
    text = TEXT.split(" ", 2)[2]  # the document text, after its date line
    assert text[int(row.EvidenceStart):int(row.EvidenceEnd)] == row.Evidence
    assert "қол қойды" in row.Evidence
    condemn = df[df.Predicate == "condemn"].iloc[0]
    assert (condemn.Actor1CountryCode, condemn.Actor2CountryCode, int(condemn.QuadClass)) == ("JPN", "RUS", 3)
    assert (condemn.PloverEventType, condemn.PloverMode) == ("ACCUSE", "disapprove")
    visit = df[df.Predicate == "visit"].iloc[0]
    assert (visit.Actor1CountryCode, visit.ActionGeoID, int(visit.ActionGeo_Type)) == ("MNG", "country:TR", 1)
    assert (visit.Actor2ID, visit.Actor2CountryCode) == ("country:TR", "TUR")  # the visited country
    assert (visit.PloverEventType, visit.PloverMode) == ("CONSULT", "visit")
