"""The NER stage's backends, without downloading anything."""
import pytest

import pipeline
from pipeline.config import ConfigError


def test_ner_spacy_backend_finds_persons_with_the_shipped_model():
    nlp = pipeline.load()
    r = nlp.process("Ресей президенті Владимир Путин Қытайға барды.")
    persons = [e.name for e in r.entities if e.type == "Person"]
    assert persons == ["Владимир Путин"]


def test_ner_missing_model_dir_is_a_config_error(tmp_path):
    cfg = {"stages": [{"factory": "kazakh_sentences.v1"},
                      {"factory": "ner.v1", "model_dir": str(tmp_path / "nope")}]}
    with pytest.raises(ConfigError, match=r"stages\[1\] \(ner.v1\): model_dir: .*nope does not exist"):
        pipeline.load(cfg)


stanza = pytest.importorskip("stanza", reason="the stanza extra is not installed (pip install 'claimgraph[stanza]')")


def stanza_doc(text, tokens):
    """A stanza Document built by hand: tokens as (text, start, end, BIOES tag)."""
    from stanza.models.common.doc import Document

    return Document([[{"id": i + 1, "text": t, "start_char": s, "end_char": e, "ner": tag}
                      for i, (t, s, e, tag) in enumerate(tokens)]], text=text)


def test_ner_stanza_conversion_shifts_offsets_into_the_document():
    from pipeline.stanza_backend import stanza_entities

    doc = stanza_doc("Дмитрий Песков келді", [("Дмитрий", 0, 7, "B-PERSON"), ("Песков", 8, 14, "E-PERSON"),
                                             ("келді", 15, 20, "O")])
    assert stanza_entities(doc, offset=100) == [(100, 114, "PERSON")]


def test_ner_stanza_backend_never_downloads(tmp_path):
    cfg = {"stages": [{"factory": "kazakh_sentences.v1"},
                      {"factory": "ner.v1", "backend": "stanza", "model_dir": str(tmp_path)}]}
    with pytest.raises(ConfigError, match="no stanza Kazakh NER model under"):
        pipeline.load(cfg)


def test_ner_stanza_backend_in_the_pipeline(tmp_path, monkeypatch):
    """The stage runs stanza per sentence and maps its labels; stanza's Pipeline is
    replaced by one that answers with hand-built Documents."""
    (tmp_path / "kk").mkdir()
    calls = []

    class FakePipeline:
        def __init__(self, **kwargs):
            assert kwargs["download_method"] is None and kwargs["lang"] == "kk"

        def __call__(self, text):
            calls.append(text)
            if text.startswith("Путин"):
                return stanza_doc(text, [("Путин", 0, 5, "S-PERSON"), ("Қытайға", 6, 13, "S-GPE")])
            return stanza_doc(text, [("Ол", 0, 2, "O")])

    monkeypatch.setattr(stanza, "Pipeline", FakePipeline)
    nlp = pipeline.load({"stages": [
        {"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"},
        {"factory": "ner.v1", "backend": "stanza", "model_dir": str(tmp_path)}, {"factory": "entity_linker.v1"}]})
    text = "Ол келді. Путин Қытайға барды."
    r = nlp.process(text)
    assert calls == ["Ол келді.", "Путин Қытайға барды."]
    assert [(m.text, m.label) for m in r.mentions] == [("Путин", "PERSON"), ("Қытайға", "COUNTRY")]
    assert {e.id for e in r.entities} == {"person:putin", "country:CN"}


def test_linker_name_before_a_place_head_noun_is_a_place(tmp_path, monkeypatch):
    """The model reads "Курск" as a person; "Курск облысына" / "Курск аймағынан" say place."""
    (tmp_path / "kk").mkdir()

    class FakePipeline:
        def __init__(self, **kwargs):
            pass

        def __call__(self, text):
            spans = [(w, i, i + len(w), "S-PERSON") for w in ("Курск", "Ахмет") for i in [text.find(w)] if i >= 0]
            return stanza_doc(text, spans)

    monkeypatch.setattr(stanza, "Pipeline", FakePipeline)
    nlp = pipeline.load({"stages": [
        {"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"},
        {"factory": "ner.v1", "backend": "stanza", "model_dir": str(tmp_path)}, {"factory": "entity_linker.v1"}]})
    r = nlp.process("Ахмет Курск аймағынан оралды. Ахмет қалады.")
    assert [(m.text, m.label, m.entity_id) for m in r.mentions] == [
        ("Ахмет", "PERSON", "person:akhmet"), ("Курск", "LOC", "place:kursk"), ("Ахмет", "PERSON", "person:akhmet")]
