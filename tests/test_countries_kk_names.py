"""Kazakh country names CLDR lacks (older, alternative and full official names) and
hyphenated pairs of demonyms (қазақ-түрік), each a mention with its ISO code and offsets."""
import pytest


def mentions(nlp, text):
    result = nlp.process(text)
    return [(m.text, m.start, m.end, m.entity_id, m.case) for m in result.mentions]


@pytest.mark.parametrize("text, expected", [
    # an official name's last word inflects as a possessed noun: one mention, not two
    ("Америка Құрама Штаттарының елшісі келді.", [("Америка Құрама Штаттарының", 0, 26, "country:US", "gen")]),
    ("Франция Республикасының өкілі сөйледі.", [("Франция Республикасының", 0, 23, "country:FR", "gen")]),
    ("Делегация Иордания Хашимит Корольдігіне барды.",
     [("Иордания Хашимит Корольдігіне", 10, 39, "country:JO", "dat")]),
    ("Ұлыбритания және Солтүстік Ирландия Құрама Корольдігінің үкіметі",
     [("Ұлыбритания және Солтүстік Ирландия Құрама Корольдігінің", 0, 56, "country:GB", "gen")]),
    ("Мысыр Араб Республикасы мен Конго Республикасы", [
        ("Мысыр Араб Республикасы", 0, 23, "country:EG", "nom"), ("Конго Республикасы", 28, 46, "country:CG", "nom")]),
    # the Republic of China is Taiwan; the People's Republic is China
    ("Қытай Республикасы мен Қытай Халық Республикасы", [
        ("Қытай Республикасы", 0, 18, "country:TW", "nom"), ("Қытай Халық Республикасы", 23, 47, "country:CN", "nom")]),
])
def test_official_names_are_one_mention(gazetteer_only, text, expected):
    assert mentions(gazetteer_only, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Мысырға, Голландияға және Бұрмаға барды.", [
        ("Мысырға", 0, 7, "country:EG", "dat"), ("Голландияға", 9, 20, "country:NL", "dat"),
        ("Бұрмаға", 26, 33, "country:MM", "dat")]),
    ("Мажарстанның елшісі Пакистанда", [
        ("Мажарстанның", 0, 12, "country:HU", "gen"), ("Пакистанда", 20, 30, "country:PK", "loc")]),
    ("Индиядан Монголияға", [("Индиядан", 0, 8, "country:IN", "abl"), ("Монголияға", 9, 19, "country:MN", "dat")]),
])
def test_older_and_alternative_names(gazetteer_only, text, expected):
    assert mentions(gazetteer_only, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Қазақ-түрік достығы нығайды.", [("Қазақ", 0, 5, "country:KZ", "nom"), ("түрік", 6, 11, "country:TR", "nom")]),
    ("Ол қазақ-қытай шекарасында тұрады.", [
        ("қазақ", 3, 8, "country:KZ", "nom"), ("қытай", 9, 14, "country:CN", "nom")]),
    ("ресей-украин соғысы", [("ресей", 0, 5, "country:RU", "nom"), ("украин", 6, 12, "country:UA", "nom")]),
    ("орыс-жапон соғысы", [("орыс", 0, 4, "country:RU", "nom"), ("жапон", 5, 10, "country:JP", "nom")]),
    # only the last half inflects
    ("Қазақстан-Қытайдың шекарасы", [
        ("Қазақстан", 0, 9, "country:KZ", "nom"), ("Қытайдың", 10, 18, "country:CN", "gen")]),
])
def test_hyphenated_pairs_give_a_country_per_half(gazetteer_only, text, expected):
    found = mentions(gazetteer_only, text)
    assert found == expected
    assert {m.label for m in gazetteer_only.process(text).mentions} == {"NORP"}  # the pair qualifies a noun


@pytest.mark.parametrize("text", [
    "Индира Ганди келді.",  # a person's name that begins like Индия
    "Мысырбай Әлиев сөйледі.",  # a Kazakh name that begins like Мысыр
    "ана-бала денсаулығы",  # a hyphenated pair of common nouns
    "қазақ-қазақ болып",  # no pair of one country twice
    "Алматы-Астана жолы",  # cities, not countries
    "Нұр-Сұлтан қаласы",
])
def test_lookalikes_name_no_country(gazetteer_only, text):
    assert [m for m in mentions(gazetteer_only, text) if m[3].startswith("country:")] == []


def test_hyphenated_country_name_stays_whole(gazetteer_only):
    assert mentions(gazetteer_only, "Гвинея-Бисауға барды") == [("Гвинея-Бисауға", 0, 14, "country:GW", "dat")]


@pytest.mark.parametrize("text", [
    "Дания Ахметова Ресейді сынады.",  # Дания is a woman's name before her surname
    "Мажар Ахметовтың сөзі",  # a man's name that is a demonym (мажар), the surname inflected
])
def test_given_name_before_a_surname_is_no_country(gazetteer_only, text):
    countries = [m[3] for m in mentions(gazetteer_only, text) if m[3].startswith("country:")]
    assert countries in ([], ["country:RU"])


def test_country_before_a_title_stays_a_country(gazetteer_only):
    found = mentions(gazetteer_only, "Дания Үкіметі мен Ресей Сыртқы істер министрлігі")
    assert [m for m in found if m[3].startswith("country:")] == [
        ("Дания", 0, 5, "country:DK", "nom"), ("Ресей", 18, 23, "country:RU", "nom")]
