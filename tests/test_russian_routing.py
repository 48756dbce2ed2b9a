"""Language per document and one graph across languages, without the Russian models:
detection, ids across the two Cyrillic alphabets, routing config errors, a missing ru extra."""
import json

import pytest

from pipeline.ids import entity_id
from pipeline.langid import detect_language


@pytest.mark.parametrize("text,lang", [
    ("Ресей Қытайға алғыс айтты.", "kk"),
    ("Жапония мен Корея келісім жасады.", "kk"),  # no Kazakh letter: function words
    ("Өзбекстан президенті Астанаға келді.", "kk"),
    ("Россия поблагодарила Китай за помощь.", "ru"),
    ("Президент Казахстана Касым-Жомарт Токаев посетил Ақорду и встретился с министром.", "ru"),
    ("Токаев и Путин провели переговоры в Астане.", "ru"),
    ("Japan pledged aid to Kazakhstan.", "en"),
    # neither Kazakh letters nor function words: word endings vote
    ("Пак Мин Су кеше Алматыда болды.", "kk"),
    ("Токаев посетил Москву.", "ru"),
])
def test_letters_detector(text, lang):
    assert detect_language(text) == lang


def test_lingua_detector_agrees_on_clear_texts():
    from conftest import needs_extra

    needs_extra("lingua", "lingua")
    for text, lang in [("Ресей Қытайға алғыс айтты және көмек көрсетуге уәде етті.", "kk"),
                       ("Россия поблагодарила Китай и пообещала оказать помощь.", "ru"),
                       ("Japan pledged aid to Kazakhstan after the floods.", "en")]:
        assert detect_language(text, "lingua") == lang


def test_unknown_detector_is_a_config_error(tmp_path):
    from pipeline.config import ConfigError, load_config

    path = tmp_path / "c.yaml"
    path.write_text("stages:\n  - factory: kazakh_sentences.v1\ndetector: magic\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"detector"):
        load_config(path)


def test_detector_without_letters():
    assert detect_language("2024 — 15 %") is None


def test_undecided_cyrillic_text_takes_the_configs_language():
    import pipeline

    assert detect_language("Лондон, Вена") is None
    result = pipeline.load()("Лондон, Вена")  # nlp(text) as in spaCy
    assert result.document.language == "kk"
    assert [r.document.language for r in pipeline.load().pipe(["Лондон, Вена", "Токаев посетил Москву."])] == ["kk", "ru"]


def test_kazakh_and_russian_spellings_share_an_id():
    assert entity_id("Person", "Қасым-Жомарт Тоқаев") == entity_id("Person", "Касым-Жомарт Токаев")
    assert entity_id("Person", "Ильхам Әлиев") == entity_id("Person", "Ильхам Алиев")
    assert entity_id("Person", "Ильхам Әлиев") != entity_id("Person", "Ильхам Иванов")


def test_merged_node_keeps_both_spellings():
    from pipeline.graph import merge_entity_nodes

    kk = {"@id": "person:x", "@type": "Person", "name": "Қасым-Жомарт Тоқаев", "alternateName": ["Тоқаевтың"]}
    ru = {"@id": "person:x", "@type": "Person", "name": "Касым-Жомарт Токаев", "alternateName": ["Токаева"]}
    merged = merge_entity_nodes(kk, ru)
    assert merged["name"] == "Қасым-Жомарт Тоқаев"
    assert {"Касым-Жомарт Токаев", "Токаева", "Тоқаевтың"} <= set(merged["alternateName"])


def test_russian_predicates_are_the_kazakh_ones_with_the_same_cameo_codes():
    from conftest import REPO
    from pipeline.lang.ru.lexicon import load_russian_lexicon
    from pipeline.lexicon import load_lexicon

    kk = load_lexicon(REPO / "configs" / "relations_kk.yaml")
    ru = load_russian_lexicon(REPO / "configs" / "relations_ru.yaml")
    assert set(ru.predicates) == set(kk.predicates)
    for predicate in list(kk.predicates) + [kk.speech.predicate, kk.roles.predicate]:
        assert ru.cameo_fields(predicate) == kk.cameo_fields(predicate), predicate


def test_unknown_route_language_is_one_line(tmp_path):
    from pipeline.config import ConfigError, load_config

    path = tmp_path / "c.yaml"
    path.write_text("stages:\n  - factory: kazakh_sentences.v1\nlanguages: {xx: other.yaml}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"languages.xx: unknown language 'xx'"):
        load_config(path)


def test_route_to_a_pipeline_of_another_language_is_refused(tmp_path):
    import pipeline
    from pipeline.config import ConfigError

    (tmp_path / "ru.yaml").write_text("language: kk\nstages:\n  - factory: kazakh_sentences.v1\n", encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text("stages:\n  - factory: kazakh_sentences.v1\nlanguages: {ru: ru.yaml}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"languages.ru: .* is a pipeline for 'kk'"):
        pipeline.load(path)


def test_workers_rebuild_the_routing_pipeline_from_its_class():
    """Spawned or dask workers call type(nlp).from_config(config): routing again."""
    import pipeline
    from pipeline.multilingual import MultilingualPipeline

    nlp = pipeline.load()
    assert isinstance(nlp, MultilingualPipeline)
    again = type(nlp).from_config(nlp.config_path)
    assert isinstance(again, MultilingualPipeline) and again.routes == nlp.routes
    assert again.process("Жапония Қазақстанға көмектесті.").document.language == "kk"


def test_missing_russian_packages_fail_the_russian_documents_only(tmp_path, monkeypatch):
    """Without the ru extra a mixed run goes on: Russian documents are errors with the hint."""
    import pipeline
    from pipeline.lang.ru import models

    def missing():
        raise models.MissingRussianModels(models.INSTALL_HINT)

    monkeypatch.setattr(models, "require", missing)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Жапония Қазақстанға көмектесті.", encoding="utf-8")
    (src / "b.txt").write_text("Япония помогла Казахстану и поблагодарила Китай.", encoding="utf-8")
    summary = pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"},
                                        {"factory": "entity_linker.v1"}],
                             "languages": {"ru": str(pipeline.resources.CONFIGS_DIR / "russian.yaml")}}
                            ).run([src], tmp_path / "out")
    assert summary.documents == 1 and summary.errors == 1
    err = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert "claimgraph[ru]" in err["reason"] and err["source"].endswith("b.txt")
