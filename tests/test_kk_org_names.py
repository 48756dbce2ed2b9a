"""A country inside an organisation's name is no party: "Ресей елшілігі", "Түркия Ұлттық
банкі", "қытай бірлескен кәсіпорны" are organisations affiliated with the country, and
a claim's agent is the organisation, never the country alone. Tiny texts written for the tests."""
import pytest
from conftest import claims_of, hand_pipeline


def read(text, orgs=()):
    r = hand_pipeline(orgs=orgs).process(text, date="2024-05-02", doc_id="t")
    names = {e.id: e.name for e in r.entities}
    entities = {(e.type, e.name, names.get(e.affiliation)) for e in r.entities}
    return entities, claims_of(r, keep=("predicate", "agent", "recipient"))


@pytest.mark.parametrize("text, org, country, claims", [
    ("Ресей елшілігі Жапонияны айыптады.", "Ресей елшілігі", "Ресей",
     [{"predicate": "condemn", "agent": "Ресей елшілігі", "recipient": "Жапония"}]),
    ("Түркия Ұлттық банкі Ресейді сынады.", "Түркия Ұлттық банкі", "Түркия",
     [{"predicate": "condemn", "agent": "Түркия Ұлттық банкі", "recipient": "Ресей"}]),
    # the head with no name stands for the company (a title's holder); China is no party
    ("Қытай бірлескен кәсіпорнының басшысы Жапонияға келді.", "Қытай бірлескен кәсіпорны", "Қытай",
     [{"predicate": "visit", "agent": "Қытай бірлескен кәсіпорны"}]),
    # an agreement made (келісім жаса-) is cooperation; its party is the company, never China
    ("Қытай компаниясы Қазақстанмен келісім жасады.", "Қытай компаниясы", "Қытай",
     [{"predicate": "cooperate", "agent": "Қытай компаниясы", "recipient": "Қазақстан"}]),
])
def test_a_country_before_an_organisation_head_names_an_organisation(text, org, country, claims):
    entities, got = read(text)
    # the country stays in the graph, as the organisation's affiliation, and is no claim's party
    assert ("Organization", org, country) in entities
    assert ("Country", country, None) in entities
    assert got == claims


def test_two_demonyms_before_a_head_make_a_joint_organisation_of_no_one_country():
    entities, got = read("Қазақ-түрік университеті Түркиямен келісімге қол қойды.")
    assert ("Organization", "Қазақ-түрік университеті", None) in entities
    assert ("Country", "Қазақстан", None) not in entities
    assert [c["agent"] for c in got] == ["Қазақ-түрік университеті"]


def test_the_models_organisation_keeps_the_country_it_opens_with():
    # the NER model found the whole name; the country inside it is its affiliation, not the agent
    entities, got = read("Қырғызстан халқы Ассамблеясы Ресейді сынады.", orgs=["Қырғызстан халқы Ассамблеясы"])
    assert ("Organization", "Қырғызстан халқы Ассамблеясы", "Қырғызстан") in entities
    assert got == [{"predicate": "condemn", "agent": "Қырғызстан халқы Ассамблеясы", "recipient": "Ресей"}]


@pytest.mark.parametrize("text, orgs, claims", [
    ("Ресей Украинаға шабуыл жасады.", (), [{"predicate": "attack", "agent": "Ресей", "recipient": "Украина"}]),
    ("Қытай мен Ресей келісімге қол қойды.", (), [{"predicate": "sign", "agent": "Қытай"},
                                                  {"predicate": "sign", "agent": "Ресей"}]),
    # the model called two countries an organisation: no head noun, the countries stand
    ("Ресей мен Қытай Жапонияны айыптады.", ["Ресей мен Қытай"],
     [{"predicate": "condemn", "agent": "Ресей", "recipient": "Жапония"},
      {"predicate": "condemn", "agent": "Қытай", "recipient": "Жапония"}]),
])
def test_countries_without_an_organisation_head_stay_parties(text, orgs, claims):
    entities, got = read(text, orgs)
    assert not any(t == "Organization" for t, _, _ in entities)
    assert got == claims


def test_a_genitive_country_or_a_country_and_a_clause_makes_no_organisation():
    entities, _ = read("Ресей бүгін компаниясын сатты.")
    assert not any(t == "Organization" for t, _, _ in entities)
    entities, _ = read("Беларусь басшылары Кеңес Одағын таратты.")
    assert ("Country", "Беларусь", None) in entities
    assert not any(t == "Organization" and n.startswith("Беларусь") for t, n, _ in entities)


def test_a_listed_organisation_holding_a_country_is_the_organisation(tmp_path):
    import pipeline

    lexicon = tmp_path / "organisations.yaml"
    lexicon.write_text("organisations:\n  Қытай жібек жолы: [ҚЖЖ]\n", encoding="utf-8")
    nlp = pipeline.load({"language": "kk", "stages": [
        {"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"},
        {"factory": "org_gazetteer.v1", "lexicon": str(lexicon)}, {"factory": "entity_linker.v1"}]})
    r = nlp.process("Қытай жібек жолына Жапония несие берді.", doc_id="t")
    assert {(e.type, e.name) for e in r.entities} == {("Organization", "Қытай жібек жолы"), ("Country", "Жапония")}
    assert [m.text for m in r.mentions] == ["Қытай жібек жолына", "Жапония"]
