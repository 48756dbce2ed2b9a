"""Places get a GeoNames id and coordinates, offline (issue 24): a city through its Kazakh
case endings, a country at its centroid, nothing for a place GeoNames does not know, and
of two cities of one name the one in a country the document names."""
from __future__ import annotations

import json
import re

import pytest

import pipeline
from conftest import needs_extra
from pipeline.records import AnnotatedDocument, Document, Entity, Mention
from pipeline.stage import LoadContext, Stage, register_stage


def geo(entity):
    """(GeoNames id, latitude, longitude), rounded to two places."""
    lat = None if entity.latitude is None else round(entity.latitude, 2)
    lon = None if entity.longitude is None else round(entity.longitude, 2)
    return entity.geonames_id, lat, lon


def entity_named(result, name):
    return next(e for e in result.entities if e.name == name)


@pytest.fixture(scope="module")
def places_pipeline():
    """Countries, a hand-written 'NER' that tags the place names below, the linker and
    the place resolver (no model: the names are given, the resolution is tested)."""

    @register_stage("places_hand_ner.v1", replace=True)
    class PlaceNames(Stage):
        requires = ("tokens",)
        provides = ("ner_mentions",)

        def __call__(self, doc):
            found = list(doc.mentions)
            for name in ("Париж", "Құмтөбешік", "Хиуа", "Азия"):
                for m in re.finditer(name + r"[\w-]*", doc.text):
                    found.append(Mention(id=f"m{m.start()}-{m.end()}", start=m.start(), end=m.end(), text=m.group(),
                                         label="LOC", source=self.factory))
            return doc.with_layers(mentions=found)

    return pipeline.load({"language": "kk", "stages": [
        {"factory": "kazakh_sentences.v1"},
        {"factory": "country_gazetteer.v1"},
        {"factory": "places_hand_ner.v1"},
        {"factory": "entity_linker.v1"},
        {"factory": "place_resolver.v1"},
    ]})


@pytest.fixture(scope="module")
def resolver():
    from pipeline.stages.places import PlaceResolver, Settings

    return PlaceResolver(Settings(), LoadContext(language="kk"))


def resolve(resolver, *entities):
    doc = AnnotatedDocument(document=Document(id="t", source="t", text="."), entities=entities)
    return resolver(doc)


def test_a_city_in_the_locative_gets_its_geonames_id_and_coordinates(nlp):
    result = nlp.process("Президент Ташкентте өткен саммитке қатысты.", doc_id="d")
    assert geo(entity_named(result, "Ташкент")) == (1512569, 41.26, 69.22)


def test_a_city_in_the_dative_gets_its_geonames_id_and_coordinates(nlp):
    result = nlp.process("Министр Парижге барды.", doc_id="d")
    assert geo(entity_named(result, "Париж")) == (2988507, 48.85, 2.35)


def test_a_country_gets_its_centroid(places_pipeline):
    result = places_pipeline.process("Жапония Моңғолияға көмек берді.", doc_id="d")
    assert geo(entity_named(result, "Жапония")) == (1861060, 36.2, 138.25)
    assert geo(entity_named(result, "Моңғолия")) == (2029969, 46.86, 103.85)


def test_a_place_geonames_does_not_know_gets_no_coordinates(places_pipeline):
    result = places_pipeline.process("Құмтөбешік ауылында жиын өтті.", doc_id="d")
    assert geo(entity_named(result, "Құмтөбешік")) == (None, None, None)


def test_a_continent_is_not_the_town_of_its_name(places_pipeline):
    result = places_pipeline.process("Азияда жиын өтті.", doc_id="d")
    assert geo(entity_named(result, "Азия")) == (None, None, None)


def test_of_two_cities_of_one_name_the_one_in_a_country_the_document_names(places_pipeline):
    in_america = places_pipeline.process("АҚШ-тағы Париж қаласында жиын өтті.", doc_id="d")
    assert geo(entity_named(in_america, "Париж")) == (4717560, 33.66, -95.56)  # Paris, Texas
    in_france = places_pipeline.process("Франциядағы Париж қаласында жиын өтті.", doc_id="d")
    assert geo(entity_named(in_france, "Париж")) == (2988507, 48.85, 2.35)


def test_with_no_country_named_the_most_populous_city(places_pipeline):
    result = places_pipeline.process("Париж қаласында жиын өтті.", doc_id="d")
    assert geo(entity_named(result, "Париж")) == (2988507, 48.85, 2.35)


def test_a_kazakh_exonym_geonames_lacks_comes_from_the_language_data(places_pipeline):
    result = places_pipeline.process("Делегация Хиуаға барды.", doc_id="d")
    assert geo(entity_named(result, "Хиуа")) == (1513604, 41.39, 60.36)


def test_a_place_named_as_a_country_stays_the_country(resolver):
    (singapore,) = resolve(resolver, Entity(id="place:singapur", type="Place", name="Сингапур")).entities
    assert geo(singapore) == (1880251, 1.35, 103.82)  # the country's feature and centroid, not the city's


def test_a_name_cut_too_short_is_found_in_its_surface_form(resolver):
    (city,) = resolve(resolver, Entity(id="place:karagan", type="Place", name="Қараған",
                                       alternate_names=["Қарағандыда"])).entities
    assert geo(city) == (609655, 49.8, 73.1)


def test_the_graph_carries_geo_and_same_as_both_ways(nlp):
    from pipeline.graph_nodes import entity_node, entity_record

    city = entity_named(nlp.process("Президент Ташкентте өткен саммитке қатысты.", doc_id="d"), "Ташкент")
    node = entity_node(city)
    assert node["geo"] == {"@type": "GeoCoordinates", "latitude": city.latitude, "longitude": city.longitude}
    assert node["sameAs"] == {"@id": "https://sws.geonames.org/1512569/"}
    assert geo(entity_record(node)) == (1512569, 41.26, 69.22)


def test_a_graph_with_coordinates_conforms_to_the_shapes(places_pipeline, tmp_path):
    needs_extra("pyshacl", "export")
    from pipeline.export import validate
    from pipeline.graph import build_graph

    graph = build_graph([places_pipeline.process("Франциядағы Париж қаласында жиын өтті.", doc_id="d")])
    path = tmp_path / "graph.jsonld"
    graph.write_jsonld(path)
    assert validate(path)[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    paris = next(n for n in data["@graph"] if n.get("name") == "Париж")
    paris["geo"]["latitude"] = 148.85  # no such latitude
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert not validate(path)[0]


def test_russian_places_are_resolved_too():
    needs_extra("natasha", "ru")
    from conftest import REPO

    nlp_ru = pipeline.load(REPO / "configs" / "russian.yaml")
    result = nlp_ru.process("Президент прибыл в Ташкент на саммит.", doc_id="d")
    city = next(e for e in result.entities if e.type in ("Place", "City"))
    assert geo(city) == (1512569, 41.26, 69.22)


def test_a_resolved_city_names_its_country_for_the_event_table(nlp):
    from pipeline.geonames import geonames_index

    city = entity_named(nlp.process("Министр Берлинде сөз сөйледі.", doc_id="d"), "Берлин")
    feature = geonames_index().feature(city.geonames_id)
    assert (feature.name, feature.country_code, feature.fips) == ("Berlin", "DE", "GM")  # GDELT's codes are FIPS


def test_a_bad_exonym_file_is_one_line_naming_it(tmp_path):
    bad = tmp_path / "places.yaml"
    bad.write_text("cities:\n  Хиуа: 12\n", encoding="utf-8")  # no city of GeoNames has id 12
    with pytest.raises(ValueError) as err:
        pipeline.load({"language": "kk", "stages": [
            {"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"}, {"factory": "entity_linker.v1"},
            {"factory": "place_resolver.v1", "exonyms": str(bad)}]})
    assert str(bad) in str(err.value) and "\n" not in str(err.value)
