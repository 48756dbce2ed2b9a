import pytest

from conftest import annotate


@pytest.fixture(scope="module")
def index():
    from pipeline.lang.kk.countries import default_country_index

    return default_country_index()


def found(index, text):
    words = text.split()
    return [(" ".join(words[m.first:m.last + 1]), m.code, m.label, m.analysis.case) for m in index.find(words)]


@pytest.mark.parametrize("word, code, case", [
    ("Украина", "UA", "nom"),
    ("Египетке", "EG", "dat"),  # a news spelling CLDR lacks (CLDR: Мысыр)
    ("Палестинаның", "PS", "gen"),
    ("Украинаға", "UA", "dat"),
    ("Украинаның", "UA", "gen"),
    ("Украинада", "UA", "loc"),
    ("Ресейдің", "RU", "gen"),
    ("Ресейге", "RU", "dat"),
    ("Франциядан", "FR", "abl"),
    ("Қытайдағы", "CN", "loc"),
    ("Германиямен", "DE", "ins"),
    ("Жапонияны", "JP", "acc"),
    ("Қазақстаннан", "KZ", "abl"),
    ("АҚШ-тың", "US", "gen"),
    ("АҚШ-қа", "US", "dat"),
    ("ҚХР-мен", "CN", "ins"),
    ("БАӘ-де", "AE", "loc"),
])
def test_countries_inflected_forms_give_iso_codes(index, word, code, case):
    assert found(index, f"Бұл {word} туралы") == [(word, code, "COUNTRY", case)]


def test_countries_multiword_name_inflects_on_its_last_word(index):
    assert found(index, "Солтүстік Кореяның әскері") == [("Солтүстік Кореяның", "KP", "COUNTRY", "gen")]
    assert found(index, "Біріккен Араб Әмірліктеріне барды") == [("Біріккен Араб Әмірліктеріне", "AE", "COUNTRY", "dat")]


def test_countries_demonyms_point_at_their_country(index):
    assert found(index, "америкалық және солтүстіккореялық әскерлер") == [
        ("америкалық", "US", "NORP", "nom"), ("солтүстіккореялық", "KP", "NORP", "nom")]
    assert found(index, "ресейліктер мен француздар") == [
        ("ресейліктер", "RU", "NORP", "nom"), ("француздар", "FR", "NORP", "nom")]


def test_countries_not_found_in_other_words(index):
    # a city, an alliance, a continent-adjective and lower-case common words are not countries
    assert found(index, "Мәскеу НАТО-ға еуропалық мемлекеттер ресей") == []


def test_countries_canonical_names_come_from_cldr(index):
    assert index.canonical("US") == "Америка Құрама Штаттары"
    assert index.canonical("KP") == "Солтүстік Корея"


def test_countries_stage_links_mentions_to_one_entity(gazetteer_only):
    result = gazetteer_only.process("Украина Ресейге хат жазды. Ресейдің жауабы Украинаға жетті.")
    countries = {e.identifier: e for e in result.entities}
    assert set(countries) == {"UA", "RU"}
    assert countries["UA"].name == "Украина"
    assert sorted(countries["UA"].alternate_names) == ["Украинаға"]
    assert sorted(countries["RU"].alternate_names) == ["Ресейге", "Ресейдің"]
    assert [m.text for m in result.mentions] == ["Украина", "Ресейге", "Ресейдің", "Украинаға"]
    for m in result.mentions:
        assert result.text[m.start:m.end] == m.text
