"""The Kazakh morphology layer (kazakh_morphology.v1): every token gets a lemma, a UD
part of speech and UD features. Sentences written for these tests."""
from __future__ import annotations

import pytest

import pipeline
from pipeline.layers import MORPHOLOGY, SENTENCES, TOKENS
from pipeline.records import AnnotatedDocument, Document, Token


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}, {"factory": "kazakh_morphology.v1"}]})


def read(nlp, text: str) -> dict[str, tuple]:
    """word -> (lemma, pos, morph) of a one-off text (each word once)."""
    return {t.text: (t.lemma, t.pos, t.morph) for t in nlp(text).tokens if not t.text.isspace()}


def test_nouns_in_every_case(nlp):
    got = read(nlp, "Үйдің иесі үйге кірді, үйді жинады, үйде отырды, үйден шықпады, досымен сөйлесті.")
    assert got["Үйдің"] == ("үй", "NOUN", "Case=Gen")
    assert got["иесі"] == ("ие", "NOUN", "Case=Nom|Number[psor]=Plur,Sing|Person[psor]=3")
    assert got["үйге"] == ("үй", "NOUN", "Case=Dat")
    assert got["үйді"] == ("үй", "NOUN", "Case=Acc")
    assert got["үйде"] == ("үй", "NOUN", "Case=Loc")
    assert got["үйден"] == ("үй", "NOUN", "Case=Abl")
    assert got["досымен"] == ("дос", "NOUN", "Case=Ins|Number[psor]=Plur,Sing|Person[psor]=3")
    assert got[","] == (",", "PUNCT", None)


def test_plural_and_possessive_nouns(nlp):
    got = read(nlp, "Достарымыздың балалары мектепте оқиды.")
    assert got["Достарымыздың"] == ("дос", "NOUN", "Case=Gen|Number=Plur|Number[psor]=Plur|Person[psor]=1")
    assert got["балалары"] == ("бала", "NOUN", "Case=Nom|Number=Plur|Number[psor]=Plur,Sing|Person[psor]=3")
    assert got["мектепте"] == ("мектеп", "NOUN", "Case=Loc")


def test_stem_alternations_are_undone_in_the_lemma(nlp):
    got = read(nlp, "Ол кітабын оқыды. Мектебіміз жаңа. Оның көмегін күтеміз. Облыс аймағында жаңбыр жауды.")
    assert got["кітабын"][:2] == ("кітап", "NOUN")  # б -> п
    assert got["Мектебіміз"][:2] == ("мектеп", "NOUN")
    assert got["көмегін"] == ("көмек", "NOUN", "Case=Acc|Number[psor]=Plur,Sing|Person[psor]=3")  # г -> к
    assert got["аймағында"] == ("аймақ", "NOUN", "Case=Loc|Number[psor]=Plur,Sing|Person[psor]=3")  # ғ -> қ


def test_a_name_in_the_dative_is_a_proper_noun_with_its_nominative_lemma(nlp):
    got = read(nlp, "Министр Украинаға барды.")
    assert got["Украинаға"] == ("украина", "PROPN", "Case=Dat")
    assert got["Министр"] == ("министр", "NOUN", "Case=Nom")


def test_finite_verbs_negation_and_passive(nlp):
    got = read(nlp, "Біз ауылдан қалаға келдік. Ол хат жазбады. Бұл кітап қалада сатылмайды.")
    assert got["келдік"] == ("кел", "VERB", "Mood=Ind|Number=Plur|Person=1|Tense=Past|VerbForm=Fin")
    assert got["қалаға"] == ("қала", "NOUN", "Case=Dat")  # no converb of қал-
    assert got["жазбады"] == ("жаз", "VERB", "Mood=Ind|Number=Sing|Person=3|Polarity=Neg|Tense=Past|VerbForm=Fin")
    assert got["сатылмайды"] == ("сат", "VERB", "Aspect=Hab|Mood=Ind|Number=Sing|Person=3|Polarity=Neg|"
                                               "Tense=Pres|VerbForm=Fin|Voice=Pass")
    assert got["Бұл"] == ("бұл", "DET", "PronType=Dem")


def test_intention_conditional_and_optative(nlp):
    got = read(nlp, "Ол кітап жазбақ. Жаңбыр жауса, біз үйде қаламыз. Ол ертең келсін.")
    lemma, pos, morph = got["жазбақ"]
    assert (lemma, pos) == ("жаз", "VERB") and "Mood=Des" in morph and "Tense=Fut" in morph
    assert got["жауса"] == ("жау", "VERB", "Mood=Cnd|Number=Sing|Person=3|VerbForm=Conv")
    assert got["қаламыз"][:2] == ("қал", "VERB")
    assert got["келсін"] == ("кел", "VERB", "Mood=Opt|Number=Sing|Person=3|VerbForm=Fin")
    assert got["Жаңбыр"][:2] == ("жаңбыр", "NOUN")


def test_participles_converbs_and_auxiliaries(nlp):
    got = read(nlp, "Кеше келген адам хат жазып жатыр. Құс ағашқа қонып, ән салды.")
    assert got["келген"] == ("кел", "VERB", "Tense=Past|VerbForm=Part")
    assert got["Кеше"] == ("кеше", "ADV", None)  # no converb of кеш-, so келген is no auxiliary
    assert got["жазып"] == ("жаз", "VERB", "Aspect=Perf|VerbForm=Inf")  # before an auxiliary
    assert got["жатыр"] == ("жат", "AUX", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin")
    assert got["қонып"] == ("қон", "VERB", "Aspect=Perf|VerbForm=Conv")
    assert got["ағашқа"] == ("ағаш", "NOUN", "Case=Dat")


def test_pronouns_conjunctions_and_postpositions(nlp):
    got = read(nlp, "Ол бізге және сізге кітап үшін келді.")
    assert got["Ол"] == ("ол", "PRON", "Case=Nom|Number=Sing|Person=3|PronType=Prs")
    assert got["бізге"] == ("біз", "PRON", "Case=Dat|Number=Plur|Person=1|PronType=Prs")
    assert got["және"] == ("және", "CCONJ", None)
    assert got["үшін"] == ("үшін", "ADP", None)


def test_whitespace_tokens_keep_no_reading_and_numbers_are_num(nlp):
    doc = nlp("Ол 2025 жылы келді.\n\nБіз күттік.")
    spaces = [t for t in doc.tokens if t.text.isspace()]
    assert spaces and all((t.lemma, t.pos, t.morph) == (None, None, None) for t in spaces)
    assert {t.text: t.pos for t in doc.tokens}["2025"] == "NUM"


def test_token_feature_reads_one_feature():
    token = Token(0, 7, "үйлерге", lemma="үй", pos="NOUN", morph="Case=Dat|Number=Plur")
    assert (token.feature("Case"), token.feature("Number"), token.feature("Tense")) == ("Dat", "Plur", None)
    assert Token(0, 1, ",").feature("Case") is None


def test_the_stage_runs_on_a_document_holding_only_tokens_and_sentences(nlp):
    splitter, morphology = nlp.stages
    assert set(morphology.requires) == {TOKENS, SENTENCES} and morphology.provides == (MORPHOLOGY,)
    doc = splitter(AnnotatedDocument(document=Document(id="t", source="t", text="Біз қалаға бардық.")))
    only = AnnotatedDocument(document=doc.document, tokens=doc.tokens, sentences=doc.sentences)
    out = morphology(only)
    assert [(t.text, t.lemma, t.pos) for t in out.tokens] == [
        ("Біз", "біз", "PRON"), ("қалаға", "қала", "NOUN"), ("бардық", "бар", "VERB"), (".", ".", "PUNCT")]
    assert [(t.start, t.end) for t in out.tokens] == [(t.start, t.end) for t in doc.tokens]


def test_a_dropped_vowel_returns_to_the_lemma(nlp):
    got = read(nlp, "Ол әкесінің орнына келді. Халқы көп.")
    assert got["орнына"] == ("орын", "NOUN", "Case=Dat|Number[psor]=Plur,Sing|Person[psor]=3")
    assert got["Халқы"] == ("халық", "NOUN", "Case=Nom|Number[psor]=Plur,Sing|Person[psor]=3")


def test_a_locative_attribute_keeps_its_noun_lemma(nlp):
    assert read(nlp, "Қаладағы мектептер жабылды.")["Қаладағы"] == ("қала", "NOUN", "Case=Loc")


def test_men_is_i_at_the_start_and_and_inside_a_sentence(nlp):
    got = [(t.text, t.pos) for t in nlp("Мен інім мен сіңлімді күттім.").tokens if t.text.lower() == "мен"]
    assert got == [("Мен", "PRON"), ("мен", "CCONJ")]


def test_a_year_is_ordinal_and_bol_after_a_noun_is_aux(nlp):
    got = read(nlp, "Ол 1998 жылы мұғалім болды.")
    assert got["1998"] == ("1998", "NUM", "NumType=Ord")
    assert got["жылы"] == ("жыл", "NOUN", "Case=Nom|Number[psor]=Plur,Sing|Person[psor]=3")
    assert got["болды"] == ("бол", "AUX", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin")


def test_an_overlong_token_is_no_word_to_analyse(nlp):
    doc = nlp("Ол " + "ала" * 3000 + " деді.")
    assert [(t.pos, t.morph) for t in doc.tokens if len(t.text) > 100] == [("X", None)]
