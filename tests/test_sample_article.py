"""The user's real sample article, end to end (needs ../shared)."""
import json

import rdflib
from typer.testing import CliRunner

from conftest import SAMPLE_ARTICLE, needs_extra, needs_shared
from pipeline.cli import app

pytestmark = needs_shared(SAMPLE_ARTICLE)

EXPECTED_COUNTRIES = {
    "UA": ("Украина", {"Украинаға", "Украинаның", "Украинада"}),
    "RU": ("Ресей", {"Ресейдің"}),
    "US": ("Америка Құрама Штаттары", {"АҚШ", "америкалық"}),
    "CN": ("Қытай", {"Қытайдағы"}),
    "GB": ("Ұлыбритания", set()),
    "FR": ("Франция", {"Франциядан"}),
    "KP": ("Солтүстік Корея", {"Солтүстік Кореяның", "солтүстіккореялық"}),
}


def test_sample_article_end_to_end(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(SAMPLE_ARTICLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    countries = {n["identifier"]: n for n in data["@graph"] if n["@type"] == "Country"}
    assert set(countries) == set(EXPECTED_COUNTRIES)
    for code, (name, forms) in EXPECTED_COUNTRIES.items():
        assert countries[code]["name"] == name
        assert forms <= set(countries[code].get("alternateName", []))
    doc = json.loads((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert doc["date"] == "2025-09-05" and doc["text"].startswith("Жұма күні Кремль")
    for m in doc["mentions"]:
        assert doc["text"][m["start"]:m["end"]] == m["text"]
    assert len(rdflib.Graph().parse(out / "graph.jsonld", format="json-ld")) > 0
    needs_extra("pyshacl", "export")
    from pipeline.export import validate

    assert validate(out / "graph.jsonld")[0]
