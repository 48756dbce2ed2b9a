"""The Russian pipeline (configs/russian.yaml): names, countries, relation families,
say, modality, CAMEO, offsets, routing in a run (needs the ru extra)."""
import json

import pytest

from conftest import needs_extra

needs_extra("natasha", "ru")
needs_extra("pymorphy3", "ru")


def claims(nlp, text):
    r = nlp.process(text, doc_id="t")
    names = {e.id: e.name for e in r.entities}
    out = set()
    for c in r.claims:
        roles = tuple(sorted((k, names.get(v, v)) for k in ("recipient", "theme", "location", "partner", "source",
                                                           "author") for v in [getattr(c, k)] if v))
        out.add((c.predicate, names.get(c.agent, c.agent), c.polarity) + roles)
    return r, out


def test_names_in_the_nominative(ru):
    r = ru.process("По словам Дмитрия Пескова, Марии Захаровой и Эммануэля Макрона, Китай помог Ким Чен Ыну.")
    persons = {e.name for e in r.entities if e.type == "Person"}
    assert {"Дмитрий Песков", "Мария Захарова", "Эммануэль Макрон", "Ким Чен Ын"} <= persons


def test_countries_inflections_and_demonyms(ru):
    r = ru.process("Соединенных Штатов Америки, России, КНДР, Северной Кореи; российские и казахстанские власти.")
    found = {(m.text, m.entity_id) for m in r.mentions}
    assert ("Соединенных Штатов Америки", "country:US") in found and ("России", "country:RU") in found
    assert ("Северной Кореи", "country:KP") in found and ("КНДР", "country:KP") in found
    assert ("российские", "country:RU") in found and ("казахстанские", "country:KZ") in found


def test_partial_names_link_to_the_full_name(ru):
    r = ru.process("Президент России Владимир Путин встретился с Ким Чен Ыном. Путин поблагодарил Кима.")
    ids = {m.text: m.entity_id for m in r.mentions if m.label == "PERSON"}
    assert ids["Путин"] == ids["Владимир Путин"] == "person:vladimir-putin"
    assert ids["Кима"] == "person:kim-chen-yn"


@pytest.mark.parametrize("text,expected", [
    ("Япония поблагодарила Казахстан за помощь.", ("thank", "Япония", "affirmed", ("recipient", "Казахстан"))),
    ("Турция оказала Сирии гуманитарную помощь.", ("help", "Турция", "affirmed", ("recipient", "Сирия"))),
    ("Китай пообещал Казахстану кредит.", ("pledge", "Китай", "affirmed", ("recipient", "Казахстан"))),
    ("Израиль атаковал Ливан.", ("attack", "Израиль", "affirmed", ("recipient", "Ливан"))),
    ("Россия нанесла удар по Украине.", ("attack", "Россия", "affirmed", ("recipient", "Украина"))),
    ("Германия провела переговоры с Францией.", ("negotiate", "Германия", "affirmed", ("recipient", "Франция"))),
    ("Франция не будет вести переговоры с Ираном.", ("negotiate", "Франция", "negated", ("recipient", "Иран"))),
    ("Узбекистан подписал соглашение с Казахстаном.", ("sign", "Узбекистан", "affirmed", ("partner", "Казахстан"))),
    ("Армения и Азербайджан провели переговоры.", ("negotiate", "Армения", "affirmed", ("recipient", "Азербайджан"))),
    ("Канада осудила Иран.", ("condemn", "Канада", "affirmed", ("theme", "Иран"))),
    ("Польша поддержала Украину.", ("support", "Польша", "affirmed", ("theme", "Украина"))),
    ("Индия посетила Японию.", ("visit", "Индия", "affirmed", ("location", "Япония"))),
    ("Турция встретилась с Грецией в Египте.", ("meet", "Турция", "affirmed", ("location", "Египет"), ("recipient", "Греция"))),
])
def test_relation_families(ru, text, expected):
    assert expected in claims(ru, text)[1]


def test_say_constructions(ru):
    _, c = claims(ru, "Министр иностранных дел Турции Хакан Фидан заявил, что Турция поможет Сирии.")
    assert ("say", "Хакан Фидан", "affirmed") in c
    assert ("help", "Турция", "affirmed", ("author", "Хакан Фидан"), ("recipient", "Сирия")) in c
    assert ("has_role", "Хакан Фидан", "affirmed", ("theme", "Турция")) in c
    _, c = claims(ru, "«Мы не будем помогать Ирану», — сказал Дональд Трамп.")
    assert ("say", "Дональд Трамп", "affirmed") in c
    _, c = claims(ru, "По словам Олафа Шольца, Германия поддержит Францию.")
    assert ("say", "Олаф Шольц", "affirmed") in c
    assert ("support", "Германия", "affirmed", ("author", "Олаф Шольц"), ("theme", "Франция")) in c


def test_say_content_is_the_quote_not_a_name_in_quotes(ru):
    r = ru.process("Песков в интервью агентству «РИА Новости» сказал: «Мы не видим никаких гарантий для Киева».")
    say = next(c for c in r.claims if c.predicate == "say")
    assert say.text == "Мы не видим никаких гарантий для Киева" and say.construction == "quote"
    assert r.text[say.content.start:say.content.end] == say.text


def test_negated_argument_only(ru):
    _, c = claims(ru, "Песков заявил, что войска находятся не в Сирии, а только на территории Ирана.")
    assert not any(x[0] == "located_in" and ("location", "Иран") in x and x[2] == "negated" for x in c)


def test_modality(ru):
    r = ru.process("Китай может помочь Казахстану. Япония должна помочь Монголии. Индия готова помочь Непалу.")
    assert [c.modality for c in r.claims if c.predicate == "help"] == ["possible", "obligation", "intended"]


def test_claims_carry_cameo_codes(ru):
    r = ru.process("Израиль атаковал Ливан. Канада осудила Иран. Министр Хакан Фидан заявил, что Турция поможет Сирии.")
    codes = {c.predicate: (c.cameo, c.quad_class) for c in r.claims}
    assert codes["attack"] == ("190", 4) and codes["condemn"] == ("111", 3)
    assert codes["say"] == ("010", 1) and codes["help"] == ("070", 2)


def test_offsets_and_records(ru):
    r = ru.process("Президент Казахстана Касым-Жомарт Токаев поблагодарил Китай за помощь.")
    for m in r.mentions:
        assert r.text[m.start:m.end] == m.text
    for c in r.claims:
        assert r.text[c.evidence.start:c.evidence.end] == c.evidence.exact
    assert r.document.language == "ru"
    assert "person:kasym-zhomart-tokaev" in {e.id for e in r.entities}


def test_default_config_routes_by_language(tmp_path):
    import pipeline

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Президент Қасым-Жомарт Тоқаев Қытайға алғыс айтты.", encoding="utf-8")
    (src / "b.txt").write_text("Президент Касым-Жомарт Токаев поблагодарил Китай.", encoding="utf-8")
    (src / "c.jsonl").write_text(json.dumps({"id": "x", "text": "Қасым-Жомарт Тоқаев Қытайға алғыс айтты.", "language": "ru"},
                                            ensure_ascii=False) + "\n", encoding="utf-8")
    nlp = pipeline.load()
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        nlp.run([src], out, workers=workers)
        graph = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))["@graph"]
        langs = {n["@id"]: n["inLanguage"] for n in graph if n["@type"] == "NewsArticle"}
        assert langs == {"doc:a": "kk", "doc:b": "ru", "doc:x": "ru"}  # the JSON Lines field wins
        tokaev = [n for n in graph if n["@type"] == "Person" and "tokaev" in n["@id"]]
        assert len(tokaev) == 1
        assert {"Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев"} <= {tokaev[0]["name"], *tokaev[0]["alternateName"]}
        thanks = [n for n in graph if n["@type"] == "Claim" and n["cg:predicate"] == "thank"]
        assert {t["appearance"]["@id"] for t in thanks} >= {"doc:a", "doc:b"}


def test_cli_language_option(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    src = tmp_path / "a.txt"
    src.write_text("Президент Токаев поблагодарил Китай.", encoding="utf-8")
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "o"), "--language", "kk", "-q"])
    assert res.exit_code == 0, res.output
    doc = json.loads((tmp_path / "o" / "documents.jsonl").read_text(encoding="utf-8"))
    assert doc["language"] == "kk"
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "o2"), "--language", "xx"])
    assert res.exit_code == 2 and "unknown language 'xx'" in res.output


def test_offsets_hold_for_any_mix_of_sentences(ru):
    """Property: whatever Russian sentences a text joins (and however), every mention,
    evidence and quoted content span reads back its own text."""
    needs_extra("hypothesis", "test")
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = ["Пресс-секретарь Кремля Дмитрий Песков заявил, что Москва не будет помогать Киеву.",
              "«Мы поддержим Казахстан», — сказал Дональд Трамп.", "По словам Марии Захаровой, Китай помог Ирану.",
              "Соединенные Штаты атаковали Йемен", "26 стран пообещали Украине помощь.", "Заголовок"]

    @settings(max_examples=15, deadline=None)
    @given(st.lists(st.sampled_from(pieces), min_size=1, max_size=4), st.sampled_from([" ", "\n", "\n\n", "  "]))
    def check(parts, glue):
        r = ru.process(glue.join(parts))
        for m in r.mentions:
            assert r.text[m.start:m.end] == m.text
        for c in r.claims:
            assert r.text[c.evidence.start:c.evidence.end] == c.evidence.exact
            if c.content:
                assert r.text[c.content.start:c.content.end] == c.content.exact
        for s in r.sentences:
            assert 0 <= s.start < s.end <= len(r.text)

    check()
