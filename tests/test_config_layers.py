"""A config whose stages read layers in the wrong order, or a language that lacks what
a stage reads, fails at load with one line naming the file, the stage and the layer or
language: never a KeyError mid-run (issue 22)."""
import pytest

import pipeline
from conftest import REPO, load_error, needs_extra

NER = f"    model_dir: {REPO / 'models' / 'kk_ner_fast'}\n"
LEXICON = f"    lexicon: {REPO / 'configs' / 'relations_kk.yaml'}\n"


def test_the_linker_before_the_ner_model_fails_at_load(tmp_path):
    msg = load_error(tmp_path, "language: kk\nstages:\n  - factory: kazakh_sentences.v1\n"
                               "  - factory: country_gazetteer.v1\n  - factory: entity_linker.v1\n"
                               "  - factory: ner.v1\n" + NER)
    assert msg == ("stages: stages[2] (entity_linker.v1) reads ner_mentions, which stages[3] (ner.v1) "
                   "provides only after it")


def test_speech_before_the_roles_it_reads_fails_at_load(tmp_path):
    msg = load_error(tmp_path, "language: kk\nstages:\n  - factory: kazakh_sentences.v1\n"
                               "  - factory: country_gazetteer.v1\n  - factory: entity_linker.v1\n"
                               "  - factory: speech.v1\n" + LEXICON + "  - factory: roles.v1\n" + LEXICON)
    assert msg == "stages: stages[3] (speech.v1) reads job_titles, which stages[4] (roles.v1) provides only after it"


def test_the_organisations_before_the_countries_they_yield_to_fail_at_load(tmp_path):
    msg = load_error(tmp_path, "stages:\n  - factory: kazakh_sentences.v1\n  - factory: org_gazetteer.v1\n"
                               "  - factory: country_gazetteer.v1\n")
    assert msg == ("stages: stages[1] (org_gazetteer.v1) reads country_mentions, which stages[2] "
                   "(country_gazetteer.v1) provides only after it")


def test_the_russian_splitter_before_the_kazakh_country_gazetteer_fails_at_load(tmp_path):
    needs_extra("natasha", "ru")
    msg = load_error(tmp_path, "language: ru\nstages:\n  - factory: ru_sentences.v1\n"
                               "  - factory: country_gazetteer.v1\n")
    assert msg == "stages[1] (country_gazetteer.v1): language 'ru' has no country index of word forms"


def test_a_russian_stage_in_a_kazakh_config_fails_at_load(tmp_path):
    msg = load_error(tmp_path, "language: kk\nstages:\n  - factory: ru_sentences.v1\n"
                               "  - factory: country_gazetteer.v1\n")
    assert msg == ("stages[0] (ru_sentences.v1): language 'kk' has no Russian parse "
                   "(the ru_* stages read Russian: language: ru)")


def test_the_kazakh_splitter_on_russian_names_what_the_language_lacks(tmp_path):
    msg = load_error(tmp_path, "language: ru\nstages:\n  - factory: kazakh_sentences.v1\n")
    data = REPO / "pipeline" / "lang" / "ru" / "data" / "language.yaml"
    assert msg == ("stages[0] (kazakh_sentences.v1): language 'ru' has no quotes/sentence data (abbreviations, "
                   f"quotes, sentence_final_abbreviations, terminal in {data})")


@pytest.mark.parametrize("factory", ["quantified_groups.v1", "roles.v1", "speech.v1", "case_frames.v1"])
def test_the_kazakh_relation_stages_on_russian_fail_at_load(tmp_path, factory):
    msg = load_error(tmp_path, f"language: ru\nstages:\n  - factory: {factory}\n")
    assert msg.startswith(f"stages[0] ({factory}): language 'ru' has no ")


def test_a_config_without_a_language_reads_the_default_one():
    from pipeline.lang import DEFAULT_LANGUAGE

    nlp = pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}]})
    assert nlp.config["language"] == DEFAULT_LANGUAGE == "kk"
    assert nlp.stages[0].context.language == "kk"
