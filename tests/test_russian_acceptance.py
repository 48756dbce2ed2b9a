"""The sample article and its Russian translation in one run give one graph
(needs ../shared and the ru extra)."""
import json
import shutil

from conftest import REPO, SAMPLE_ARTICLE, needs_extra, needs_shared

pytestmark = needs_shared(SAMPLE_ARTICLE)
needs_extra("natasha", "ru")

TRANSLATION = REPO / "corpora" / "sample_ru" / "000_f722416dd5b1ba88_ru.txt"
PERSONS = {"person:dmitrii-peskov", "person:vladimir-putin", "person:donald-tramp", "person:kim-chen-yn"}
COUNTRIES = {"UA", "RU", "US", "CN", "GB", "FR", "KP"}


def test_kazakh_and_russian_article_one_graph(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE_ARTICLE, src / SAMPLE_ARTICLE.name)
    shutil.copy(TRANSLATION, src / TRANSLATION.name)
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    graph = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))["@graph"]
    docs = {n["@id"]: n["inLanguage"] for n in graph if n["@type"] == "NewsArticle"}
    assert sorted(docs.values()) == ["kk", "ru"]
    persons = [n for n in graph if n["@type"] == "Person"]
    for pid in PERSONS:
        assert sum(1 for n in persons if n["@id"] == pid) == 1, pid
    # no second node for any of them under another id (Путин alone, Кима ...)
    for n in persons:
        if n["@id"] not in PERSONS:
            assert not any(w in n["name"] for w in ("Песков", "Путин", "Трамп", "Ким")), n
    countries = [n for n in graph if n["@type"] == "Country"]
    assert sorted(n["identifier"] for n in countries) == sorted(COUNTRIES)
    ru_forms = {"UA": "Украины", "RU": "России", "KP": "Северной Кореи", "US": "США"}
    for n in countries:
        if n["identifier"] in ru_forms:
            assert ru_forms[n["identifier"]] in n.get("alternateName", []), n
    # a city named differently in the two languages is one node too (Мәскеу / Москва)
    moscow = [n for n in graph if n["@type"] in ("Place", "City") and n["@id"] == "place:maskeu"]
    assert len(moscow) == 1 and "Москва" in {moscow[0]["name"], *moscow[0].get("alternateName", [])}
    by_doc = {}
    for n in graph:
        if n["@type"] == "Claim":
            by_doc.setdefault(n["appearance"]["@id"], set()).add(n["cg:predicate"])
    assert len(by_doc) == 2
    for predicates in by_doc.values():
        assert {"say", "has_role", "thank"} <= predicates
    ru_doc = next(d for d, lang in docs.items() if lang == "ru")
    thank = [n for n in graph if n["@type"] == "Claim" and n["appearance"]["@id"] == ru_doc
             and n["cg:predicate"] == "thank"]
    assert any(t["cg:agent"]["@id"] == "person:vladimir-putin" and t.get("cg:recipient", {}).get("@id")
               == "person:kim-chen-yn" for t in thank)
    from pipeline.export import validate

    assert validate(out / "graph.jsonld")[0]
