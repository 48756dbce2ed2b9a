import pytest

import pipeline
from pipeline.config import ConfigError


def write(tmp_path, text):
    path = tmp_path / "pipe.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(source):
    with pytest.raises(ConfigError) as info:
        pipeline.load(source)
    return str(info.value)


def test_config_unknown_stage_names_file_key_and_known_stages(tmp_path):
    path = write(tmp_path, "stages:\n  - factory: kazakh_sentences.v1\n  - factory: no_such_stage.v1\n")
    msg = error_of(path)
    assert msg.startswith(f"{path}: stages[1].factory: unknown stage 'no_such_stage.v1'")
    assert "country_gazetteer.v1" in msg and "\n" not in msg


def test_config_unknown_setting_is_an_error(tmp_path):
    path = write(tmp_path, "stages:\n  - factory: kazakh_sentences.v1\n    max_quote_sentence: 3\n")
    assert error_of(path) == f"{path}: stages[0] (kazakh_sentences.v1).max_quote_sentence: unknown key"


def test_config_wrong_type_is_an_error(tmp_path):
    path = write(tmp_path, "stages:\n  - factory: kazakh_sentences.v1\n    max_quote_sentences: many\n")
    msg = error_of(path)
    assert msg.startswith(f"{path}: stages[0] (kazakh_sentences.v1).max_quote_sentences:")
    assert "integer" in msg


def test_config_missing_file(tmp_path):
    assert error_of(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: file not found"


def test_config_bad_yaml(tmp_path):
    path = write(tmp_path, "stages: [\n")
    assert error_of(path).startswith(f"{path} (line ")


def test_config_unknown_top_level_key(tmp_path):
    path = write(tmp_path, "stages:\n  - factory: kazakh_sentences.v1\nstagse: []\n")
    assert error_of(path) == f"{path}: stagse: unknown key"


def test_config_requirements_are_checked_at_load_all_at_once(tmp_path):
    path = write(tmp_path, "stages:\n  - factory: country_gazetteer.v1\n  - factory: entity_linker.v1\n")
    msg = error_of(path)
    assert "stages[0] (country_gazetteer.v1) needs tokens" in msg
    # the linker's need (country mentions) is met by the gazetteer, so only one problem
    assert msg.count("needs") == 1


def test_config_registered_user_stage_runs(tmp_path):
    from pipeline.records import AnnotatedDocument, Sentence
    from pipeline.stage import Stage, register_stage

    @register_stage("shout.v1")
    class Shout(Stage):
        provides = ("shout",)

        def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
            return doc.with_layers(sentences=[Sentence(start=0, end=len(doc.text), kind="heading")])

    nlp = pipeline.load({"stages": [{"factory": "shout.v1"}]})
    assert nlp.process("СӘЛЕМ").sentences == (Sentence(start=0, end=5, kind="heading"),)


def test_config_default_file_loads():
    nlp = pipeline.load()
    assert [s.factory for s in nlp.stages][0] == "kazakh_sentences.v1"


def test_config_fast_file_is_the_default_chain_with_the_small_model():
    from pipeline.resources import CONFIGS_DIR

    default, fast = pipeline.load(), pipeline.load(CONFIGS_DIR / "fast.yaml")
    assert [s.factory for s in fast.stages] == [s.factory for s in default.stages]
    result = fast.process("Ресей президенті Владимир Путин Қытайға алғыс айтты.", date="2025-09-03")
    assert {(e.type, e.name) for e in result.entities} >= {("Person", "Владимир Путин"), ("Country", "Қытай")}


def test_config_bad_organisation_lexicon_names_the_stage_and_file(tmp_path):
    lexicon = tmp_path / "orgs.yaml"
    lexicon.write_text("organisations: [БҰҰ, НАТО]\n", encoding="utf-8")
    path = write(tmp_path, "stages:\n  - factory: kazakh_sentences.v1\n  - factory: org_gazetteer.v1\n"
                           "    lexicon: orgs.yaml\n")
    assert error_of(path) == (f"{path}: stages[1] (org_gazetteer.v1): lexicon: {lexicon}: "
                              "expected a mapping 'organisations: {name: [aliases]}'")
    assert error_of(write(tmp_path, "stages:\n  - factory: org_gazetteer.v1\n    lexicon: none.yaml\n")) == (
        f"{path}: stages[0] (org_gazetteer.v1): {tmp_path / 'none.yaml'}: file not found")


def test_config_installed_from_a_wheel_finds_configs_and_models_under_share(tmp_path, monkeypatch):
    """A non-editable install has no checkout around the package: configs/ and models/
    come from <prefix>/share/claimgraph (pyproject's data-files)."""
    import sys

    from pipeline import resources

    shared = tmp_path / "prefix" / "share" / "claimgraph"
    (shared / "configs").mkdir(parents=True)
    (shared / "configs" / "default.yaml").write_text("stages: []\n", encoding="utf-8")
    monkeypatch.setattr(resources, "PACKAGE_DIR", tmp_path / "site-packages" / "pipeline")
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    assert resources._project_dir() == shared
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "elsewhere"))
    assert resources._project_dir() == tmp_path / "site-packages"  # nothing found: the checkout layout


def test_config_register_stage_refuses_a_taken_name():
    from pipeline.stage import Stage, StageRegistryError, register_stage

    with pytest.raises(StageRegistryError, match="speech.v1"):
        register_stage("speech.v1")(type("MySpeech", (Stage,), {}))

    @register_stage("taken_once.v1")
    class First(Stage):
        pass

    with pytest.raises(StageRegistryError, match="taken_once.v1"):
        register_stage("taken_once.v1")(type("Second", (Stage,), {}))
    register_stage("taken_once.v1", replace=True)(type("Third", (Stage,), {}))  # on purpose: allowed


def test_config_case_frames_before_speech_fails_at_load(tmp_path):
    # case frames read the speech stage's reported words: swapping them must not load
    path = write(tmp_path, "stages:\n  - factory: kazakh_sentences.v1\n  - factory: country_gazetteer.v1\n"
                           "  - factory: entity_linker.v1\n  - factory: case_frames.v1\n  - factory: speech.v1\n")
    msg = error_of(path)
    assert "stages[3] (case_frames.v1) needs speech_claims" in msg


def test_config_unknown_language_is_one_line(tmp_path):
    path = write(tmp_path, "language: xx\nstages:\n  - factory: kazakh_sentences.v1\n")
    assert error_of(path) == f"{path}: language: unknown language 'xx' (known: kk, ru)"


def test_config_stages_get_their_language_from_the_load_context():
    from pipeline.lang import get_language
    from pipeline.stage import LoadContext

    context = LoadContext(language="kk")
    kk = context.language_pack
    assert kk is get_language("kk") and kk.code == "kk"
    # the language's own data and grammar: a stage asks, never imports lang/kk
    assert "т.б." in kk.orthography["abbreviations"]
    assert kk.normaliser.lemma("Песковтың").name == "Песков"
    assert kk.default_lexicon.name == "relations_kk.yaml"
    assert context.lexicon(None) == kk.default_lexicon


def test_config_a_repeated_key_in_a_yaml_file_is_an_error_not_a_silent_override(tmp_path):
    from pipeline.resources import DataFileError, read_yaml

    path = tmp_path / "lexicon.yaml"
    path.write_text("confidence:\n  say: {quote: 0.8}\nroles: {}\nconfidence:\n  has_role: {title: 0.9}\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        read_yaml(path)
    assert str(err.value) == f"{path} (line 4): not valid YAML: key 'confidence' is repeated in one mapping"
