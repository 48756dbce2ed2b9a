"""A document in a language the config has no stages for is an error row, not a
Kazakh reading of it (issue 21): the letters detector tells Latin-script and other
Cyrillic languages from Kazakh and Russian, and ``fallback:`` keeps the old way."""
import json

import pytest

import pipeline
from conftest import SHARED, needs_shared
from pipeline.config import ConfigError
from pipeline.langid import detect_language
from pipeline.run import run

LIGHT = [{"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"}, {"factory": "entity_linker.v1"}]
ENGLISH = "Chancellor Olaf Scholz met the President of Kazakhstan in Berlin and thanked him for the visit."


def routing(tmp_path, **extra):
    (tmp_path / "ru.yaml").write_text("language: ru\nstages:\n  - factory: ru_sentences.v1\n", encoding="utf-8")
    return pipeline.load({"stages": LIGHT, "languages": {"ru": str(tmp_path / "ru.yaml")}, **extra})


@pytest.mark.parametrize("text,lang", [
    (ENGLISH, "en"),
    ("Bundeskanzler Olaf Scholz hat am Dienstag in Berlin den Präsidenten Kasachstans empfangen.", "de"),
    ("Le président du Kazakhstan a rencontré le chancelier allemand à Berlin.", "fr"),
    ("Президент України провів зустріч у Києві з прем'єр-міністром Польщі.", "uk"),
    ("Монгол Улсын Ерөнхийлөгч Улаанбаатар хотод элчинтэй уулзаж, хамтын ажиллагааны талаар ярилцсан байна.", "mn"),
    # Kazakh texts quoting English names and Latin abbreviations stay Kazakh
    ("Financial Times газеті жазды.", "kk"),
    ("Apple Inc. and Microsoft Corp. компаниялары келісті.", "kk"),
    ("BBC: Тоқаев Лондонда", "kk"),
    ("Президент Киевке (Київ) сапармен барды және келіссөз жүргізді.", "kk"),
    ("COVID-19 вирусына қарсы вакцина Pfizer компаниясынан келді.", "kk"),
])
def test_letters_detector_tells_other_languages(text, lang):
    assert detect_language(text) == lang


def test_an_english_document_is_an_error_row_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (src / "kk.txt").write_text("Франция Германияға алғыс айтты.", encoding="utf-8")
    summary = run([src], tmp_path / "out", routing(tmp_path))
    assert summary.documents == 1 and summary.errors == 1
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert error["source"] == str(src / "en.txt") and error["stage"] == "language"
    assert error["reason"].startswith("unsupported language: en ")  # the refusal as it is, no exception type
    graph = (tmp_path / "out" / "graph.jsonld").read_text(encoding="utf-8")
    assert "Scholz" not in graph


def test_fallback_reads_other_languages_with_that_languages_stages(tmp_path):
    nlp = routing(tmp_path, fallback="kk")
    result = nlp.process(ENGLISH)
    assert result.document.language == "en"  # read by the Kazakh stages, as before, and labelled en


def test_a_fallback_without_stages_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"fallback: no stages for 'de'"):
        routing(tmp_path, fallback="de")


def test_a_given_language_routes_by_its_primary_subtag(tmp_path):
    from pipeline.records import Document

    nlp = routing(tmp_path)
    doc = Document(id="x", source="x", text="Франция Германияға алғыс айтты.", language="kk-KZ")
    assert nlp(doc).document.language == "kk-KZ"
    with pytest.raises(Exception, match="unsupported language: en-GB"):
        nlp(doc.model_copy(update={"language": "en-GB"}))


@needs_shared(SHARED / "corpora" / "kaznerd" / "IOB2_valid.txt")
def test_no_kaznerd_validation_sentence_is_refused():
    sentences, words = [], []
    for line in (SHARED / "corpora" / "kaznerd" / "IOB2_valid.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.append(line.split()[0])
        elif words:
            sentences.append(" ".join(words))
            words = []
    refused = [s for s in sentences if detect_language(s) not in ("kk", "ru", None)]
    assert len(sentences) > 11000 and refused == []
