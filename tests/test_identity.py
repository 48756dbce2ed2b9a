"""One person, one node across documents: a surname alone joins the full name."""
from pipeline.graph import build_graph
from pipeline.identity import plan_person_merges


def person(pid, name, alt=()):
    node = {"@id": pid, "@type": "Person", "name": name}
    if alt:
        node["alternateName"] = list(alt)
    return node


def test_identity_surname_and_initials_join_the_one_full_name():
    plan = plan_person_merges([
        person("person:dmitrii-peskov", "Дмитрий Песков"), person("person:peskov", "Песков", ["Песковтың"]),
        person("person:d-peskov", "Д. Песков"), person("person:a-peskov", "А. Песков"),
    ])
    assert plan.redirect == {"person:peskov": "person:dmitrii-peskov", "person:d-peskov": "person:dmitrii-peskov"}
    assert plan.ambiguous == {}  # "А. Песков" has the surname but not the initial: left alone


def test_identity_shared_surname_stays_apart_and_is_listed():
    plan = plan_person_merges([person("person:ilkham-aliev", "Ильхам Алиев"),
                               person("person:gaidar-aliev", "Гейдар Алиев"), person("person:aliev", "Алиев")])
    assert plan.redirect == {}
    assert plan.ambiguous == {"person:aliev": ["person:gaidar-aliev", "person:ilkham-aliev"]}


def test_identity_a_name_without_its_patronymic_joins_the_full_name():
    plan = plan_person_merges([person("person:asqar-erlanuly-ospanov", "Асқар Ерланұлы Оспанов"),
                               person("person:asqar-ospanov", "Асқар Оспанов"), person("person:ospanov", "Оспанов"),
                               person("person:bolat-ospanov", "Болат Оспанов")])
    # the surname alone could still be Болат: listed, not merged; the two-word Асқар is the three-word one
    assert plan.redirect == {"person:asqar-ospanov": "person:asqar-erlanuly-ospanov"}
    assert plan.ambiguous == {"person:ospanov": ["person:asqar-erlanuly-ospanov", "person:bolat-ospanov"]}
    plan = plan_person_merges([person("person:asqar-erlanuly-ospanov", "Асқар Ерланұлы Оспанов"),
                               person("person:asqar-ospanov", "Асқар Оспанов"), person("person:ospanov", "Оспанов")])
    assert plan.redirect == {"person:asqar-ospanov": "person:asqar-erlanuly-ospanov",
                             "person:ospanov": "person:asqar-erlanuly-ospanov"}
    # two patronymics: the short name could be either
    plan = plan_person_merges([person("person:a1", "Асқар Ерланұлы Оспанов"), person("person:a2", "Асқар Серікұлы Оспанов"),
                               person("person:asqar-ospanov", "Асқар Оспанов")])
    assert plan.redirect == {} and plan.ambiguous == {"person:asqar-ospanov": ["person:a1", "person:a2"]}


def test_identity_kazakh_and_russian_spellings_are_one_surname():
    plan = plan_person_merges([person("person:kasym-zhomart-tokaev", "Қасым-Жомарт Тоқаев"),
                               person("person:tokaev", "Токаев")])
    assert plan.redirect == {"person:tokaev": "person:kasym-zhomart-tokaev"}


def test_identity_a_graph_of_two_articles_has_one_node_per_person(nlp):
    a = nlp.process("Ресей президенті Владимир Путин Қытайға алғыс айтты.", date="2024-03-01", doc_id="a")
    b = nlp.process("Путин Жапонияға алғыс айтты.", date="2024-03-02", doc_id="b")
    graph = build_graph([a, b])
    persons = [n for _, n in graph.nodes("entity") if n["@type"] == "Person"]
    assert [p["name"] for p in persons] == ["Владимир Путин"]
    assert {c["agent"] for c in graph.claims(predicate="thank")} == {persons[0]["@id"]}
    assert "Путин" in persons[0]["alternateName"]


def test_identity_a_run_merges_a_surname_across_articles(nlp, tmp_path):
    import json

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2024-03-01\nРесей президенті Владимир Путин Қытайға алғыс айтты.\n", "utf-8")
    (src / "b.txt").write_text("date 2024-03-02\nПутин Жапонияға алғыс айтты.\n", "utf-8")
    nlp.run([src], tmp_path / "out")
    graph = json.loads((tmp_path / "out" / "graph.jsonld").read_text("utf-8"))["@graph"]
    putins = [n for n in graph if n["@type"] == "Person" and "Путин" in n["name"]]
    assert [p["name"] for p in putins] == ["Владимир Путин"]
    thank_agents = {n["cg:agent"]["@id"] for n in graph if n.get("cg:predicate") == "thank"}
    assert putins[0]["@id"] in thank_agents and "person:putin" not in thank_agents
    identity = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))["identity"]
    assert identity["merged"]["person:putin"] == putins[0]["@id"]
