"""A claim's date, resolved against the publication date, and its precision (day, week,
month, year) in both languages: the date is the first day of its period (a week's
Monday, a month's 1st, a year's 1 January); a claim whose sentence gives no date has
neither (the publication date is the fallback, not the claim's own)."""
import json

import pytest

import pipeline
from conftest import needs_extra
from pipeline.export import validate
from pipeline.graph import build_graph
from pipeline.graph_nodes import claim_record
from pipeline.records import Claim, Evidence

WEDNESDAY = "2024-03-20"  # the publication date of most cases: Wednesday 20 March 2024

KAZAKH = [
    ("Дүйсенбіде Ресей Қытайға алғыс айтты.", WEDNESDAY, "2024-03-18", "day"),
    ("Жұма күні Ресей Қытайға алғыс айтты.", WEDNESDAY, "2024-03-15", "day"),
    ("Сәрсенбі күні Ресей Қытайға алғыс айтты.", WEDNESDAY, "2024-03-20", "day"),  # the day itself
    ("Өткен сейсенбіде Ресей Қытайға алғыс айтты.", WEDNESDAY, "2024-03-19", "day"),  # "last Tuesday"
    ("Өткен сәрсенбі күні Ресей Қытайға алғыс айтты.", WEDNESDAY, "2024-03-13", "day"),  # before the day itself
    ("Келесі жұмада Ресей Қытайға көмектеседі.", WEDNESDAY, "2024-03-22", "day"),  # "next Friday"
    ("Кеше Ресей Қытайға алғыс айтты.", WEDNESDAY, "2024-03-19", "day"),
    ("Ертең Ресей Қытайға көмектеседі.", WEDNESDAY, "2024-03-21", "day"),
    ("Өткен аптада Ресей Қытайға алғыс айтты.", WEDNESDAY, "2024-03-11", "week"),
    ("Келесі аптада Ресей Қытайға көмектеседі.", WEDNESDAY, "2024-03-25", "week"),
    ("Өткен айда Ресей Қытайға алғыс айтты.", WEDNESDAY, "2024-02-01", "month"),
    ("15 наурызда Ресей Қытайға алғыс айтты.", WEDNESDAY, "2024-03-15", "day"),
    ("25 желтоқсанда Ресей Қытайға алғыс айтты.", "2024-01-10", "2023-12-25", "day"),
    ("2023 жылы Ресей Қытайға көмектесті.", WEDNESDAY, "2023-01-01", "year"),
    ("2022 жылғы ақпанда Ресей Украинаға шабуыл жасады.", WEDNESDAY, "2022-02-01", "month"),
    ("Ресей Қытайға алғыс айтты.", WEDNESDAY, None, None),
]

RUSSIAN = [
    ("В понедельник Россия помогла Сирии.", WEDNESDAY, "2024-03-18", "day"),
    ("Во вторник, 12 марта, Россия помогла Сирии.", WEDNESDAY, "2024-03-12", "day"),  # the day, not the weekday
    ("Вчера Россия поблагодарила Китай.", WEDNESDAY, "2024-03-19", "day"),
    ("Завтра Россия поможет Сирии.", WEDNESDAY, "2024-03-21", "day"),
    ("На прошлой неделе Россия помогла Сирии.", WEDNESDAY, "2024-03-11", "week"),
    ("На следующей неделе Россия поможет Сирии.", WEDNESDAY, "2024-03-25", "week"),
    ("В прошлом месяце Россия помогла Сирии.", WEDNESDAY, "2024-02-01", "month"),
    ("15 марта Россия поблагодарила Китай.", WEDNESDAY, "2024-03-15", "day"),
    ("25 декабря Россия поблагодарила Китай.", "2024-01-10", "2023-12-25", "day"),
    ("В 2023 году Россия помогла Сирии.", WEDNESDAY, "2023-01-01", "year"),
    ("В феврале 2022 года Россия напала на Украину.", WEDNESDAY, "2022-02-01", "month"),
    ("В марте прошлого года Россия помогла Сирии.", WEDNESDAY, "2023-03-01", "month"),
    ("Россия помогла Сирии.", WEDNESDAY, None, None),
]


def dates_of(nlp, text, published):
    return [(c.date, c.date_precision) for c in nlp.process(text, date=published, doc_id="t").claims]


@pytest.fixture(scope="module")
def kazakh():
    return pipeline.load()


@pytest.mark.parametrize("text, published, date, precision", KAZAKH)
def test_a_kazakh_claim_is_dated_against_the_publication_date(kazakh, text, published, date, precision):
    assert dates_of(kazakh, text, published) == [(date, precision)]


@pytest.mark.parametrize("text, published, date, precision", RUSSIAN)
def test_a_russian_claim_is_dated_against_the_publication_date(ru, text, published, date, precision):
    assert dates_of(ru, text, published) == [(date, precision)]


def test_a_russian_statement_is_dated_by_the_words_outside_the_quote(ru):
    r = ru.process("Вчера министр Лавров заявил: «Россия поможет Сирии в 2025 году».", date=WEDNESDAY,
                        doc_id="t")
    assert {c.predicate: (c.date, c.date_precision) for c in r.claims} == {
        "say": ("2024-03-19", "day"), "help": ("2025-01-01", "year")}


def test_a_claim_given_a_date_at_its_precision_stores_the_first_day():
    ev = Evidence(start=0, end=1, exact="x")
    made = [Claim(id="c", predicate="help", evidence=ev, date=value) for value in ("2022", "2022-02", "2024-W11",
                                                                                    "2024-03-15")]
    assert [(c.date, c.date_precision) for c in made] == [
        ("2022-01-01", "year"), ("2022-02-01", "month"), ("2024-03-11", "week"), ("2024-03-15", "day")]


def test_the_precision_is_a_property_of_the_claim_in_the_graph_and_reads_back(kazakh, tmp_path):
    needs_extra("pyshacl", "export")
    result = kazakh.process("Өткен аптада Ресей Қытайға алғыс айтты.", date=WEDNESDAY, doc_id="t")
    graph = build_graph([result])
    node = next(n for n in graph.to_jsonld()["@graph"] if n["@type"] == "Claim")
    assert (node["dateCreated"], node["cg:datePrecision"]) == ("2024-03-11", "week")
    assert (claim_record(node).date, claim_record(node).date_precision) == ("2024-03-11", "week")
    assert [(row["date"], row["date_precision"]) for row in graph.claim_rows()] == [("2024-03-11", "week")]
    path = tmp_path / "graph.jsonld"
    path.write_text(json.dumps(graph.to_jsonld(), ensure_ascii=False), encoding="utf-8")
    assert validate(path)[0]
    node["cg:datePrecision"] = "fortnight"  # the shapes take only day, week, month, year
    path.write_text(json.dumps({**graph.to_jsonld(), "@graph": [node]}, ensure_ascii=False), encoding="utf-8")
    conforms, text = validate(path)
    assert not conforms and "datePrecision" in text


@pytest.mark.parametrize("text,modality", [
    ("Ертең Ресей Қытайға барады.", "intended"),  # tomorrow: not yet happened
    ("Келесі аптада Ресей мен Қытай арасындағы кездесу өтеді.", "intended"),  # an event noun, next week
    ("Келесі жұмада Ресей Қытаймен кездеседі.", "intended"),
    ("Кеше Ресей Қытайға барды.", "asserted"),  # the past stays a fact
    ("Ресей Қытайға барады.", "asserted"),  # no date: the text says no more
])
def test_a_kazakh_claim_dated_after_publication_has_not_happened(kazakh, text, modality):
    claims = kazakh.process(text, date=WEDNESDAY, doc_id="t").claims
    assert claims and {c.modality for c in claims} == {modality}
