"""The NER model's feature components (stem NORM, gazetteer TAG) and the entity-swap augmenter."""
import json
import random

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

import pipeline  # noqa: F401  (registers the Kazakh language)
from pipeline.lang.kk.ner_features import GAZETTEER_DIR, Gazetteer, load_gazetteers, stem_of
from pipeline.resources import read_yaml
from pipeline.lang.kk.training.augment import EntitySwapper, Inflector
from pipeline.lang.kk.training.ner import TrainingTimeUp, stop_after_minutes

LISTS = {
    "GIVEN": ["Сейтқали", "Жанболат"],
    "SURNAME": ["Омаров"],
    "PLACE": ["Тараз", "Лиссабон"],
    "COUNTRY": ["Кения", "Дания"],
    "ORG": ["Ұлттық ғарыш агенттігі"],
}


def _nlp(*components):
    nlp = spacy.blank("kk")
    for name in components:
        nlp.add_pipe(name)
    return nlp


@pytest.mark.parametrize("text, index, stem", [
    ("Сейтқали Омаровтың сөзі", 1, "омаров"),
    ("Омаровқа хат келді", 0, "омаров"),
    ("Ол Омаровпен кездесті", 1, "омаров"),
    ("Ол Лиссабонға барды", 1, "лиссабон"),
    ("Кенияда сайлау өтті", 0, "кения"),
    ("Қазақстанда жаңбыр жауды", 0, "қазақстан"),  # -стан is part of the name
    ("Омаров келді", 0, "омаров"),
])
def test_stem_norm_gives_inflected_names_their_stem(text, index, stem):
    doc = _nlp("kk_stem_norm")(text)
    assert doc[index].norm_ == stem
    # the case ending is not lost: SUFFIX still reads the written form
    assert doc[index].suffix_ == doc[index].text[-4:].lower()


def test_stem_norm_leaves_the_language_class_alone():
    # a pipeline without the component (such as the older shipped model) keeps NORM = lower form
    assert spacy.blank("kk")("Омаровтың")[0].norm_ == "омаровтың"
    assert stem_of("Омаровтың") == "омаров"


def test_gazetteer_matches_stems_capitalised_words_and_phrases():
    gaz = Gazetteer(lists=LISTS)
    nlp = spacy.blank("kk")
    tags = lambda text: [t.tag_ for t in gaz(nlp(text))]  # noqa: E731
    assert tags("Жанболат Омаровқа Таразда жолықты") == ["GIVEN", "SURNAME", "PLACE", ""]
    assert tags("Данияның елшісі Кенияға келді") == ["COUNTRY", "", "COUNTRY", ""]
    # a lower-case word is no name, even when its letters match an entry
    assert tags("тараз тастады") == ["", ""]
    # a phrase matches as a whole, its last word on the stem
    assert tags("Ұлттық ғарыш агенттігіне хат") == ["ORG", "ORG", "ORG", ""]
    assert tags("Ұлттық ғарыш саласы") == ["", "", ""]


def test_gazetteer_is_saved_with_the_model(tmp_path):
    gaz = Gazetteer(lists=LISTS)
    gaz.to_disk(tmp_path / "gaz")
    loaded = Gazetteer(lists={}).from_disk(tmp_path / "gaz")
    assert loaded.lists == gaz.lists
    assert Gazetteer(lists={}).from_bytes(gaz.to_bytes()).lists == gaz.lists
    (tmp_path / "gaz" / "gazetteers.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="gazetteers.json: cannot read"):
        Gazetteer(lists={}).from_disk(tmp_path / "gaz")


def test_shipped_gazetteer_lists_name_their_source_and_licence():
    labels = set()
    for path in sorted(GAZETTEER_DIR.glob("*.yaml")):
        data = read_yaml(path)
        labels.add(data["label"])
        assert data["entries"], path
        assert all(s.get("licence") for s in data["sources"]), path
    assert labels == {"GIVEN", "SURNAME", "COUNTRY", "PLACE", "ORG"}
    lists = load_gazetteers()
    assert "Тараз" in lists["PLACE"] and "Дания" in lists["COUNTRY"]


@pytest.mark.parametrize("stem, case, ending, attributive, expected", [
    ("Лиссабон", "dat", "ге", False, "Лиссабонға"),
    ("Әлиев", "gen", "тың", False, "Әлиевтің"),
    ("Кения", "gen", "тың", False, "Кенияның"),
    ("Омаров", "ins", "мен", False, "Омаровпен"),
    ("Дания", "loc", "дағы", True, "Даниядағы"),
    ("Берлин", "loc", "дағы", True, "Берлиндегі"),
    ("Тараз", "nom", "", False, "Тараз"),
])
def test_inflector_follows_harmony_and_assimilation(stem, case, ending, attributive, expected):
    assert Inflector().inflect(stem, case, ending, attributive) == expected


def test_entity_swap_keeps_labels_and_case():
    nlp = spacy.blank("kk")
    words = "Сейтқали Омаровтың айтуынша , Кенияға Жанболат барды .".split()
    ref = Doc(nlp.vocab, words=words, ents=["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "B-PERSON", "O", "O"])
    swapper = EntitySwapper({"GIVEN": ["Әсет", "Жанболат"], "SURNAME": ["Бекұлов"], "COUNTRY": ["Дания"], "PLACE": ["Тараз"]})
    random.seed(0)
    new = swapper(nlp, Example(Doc(nlp.vocab, words=words), ref), ("PERSON", "GPE"))
    ents = [(e.text, e.label_) for e in new.reference.ents]
    assert ents[0] == ("Әсет Бекұловтың", "PERSON")
    assert ents[1] in {("Данияға", "GPE"), ("Таразға", "GPE")}
    assert ents[2][1] == "PERSON" and ents[2][0] in {"Әсет", "Жанболат"}  # a given name stays a given name
    assert [t.text for t in new.predicted] == [t.text for t in new.reference]
    # nothing to swap: no copy
    plain = Doc(nlp.vocab, words=["ол", "келді"], ents=["O", "O"])
    assert swapper(nlp, Example(Doc(nlp.vocab, words=["ол", "келді"]), plain), ("PERSON",)) is None


def test_time_limit_callback_stops_after_its_minutes():
    callback = stop_after_minutes(0)
    callback(None, {"step": 0})  # the clock starts at the first update
    with pytest.raises(TrainingTimeUp, match="step 1"):
        callback(None, {"step": 1})
    stop_after_minutes(60)(None, {"step": 0})
