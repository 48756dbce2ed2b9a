"""The Kazakh verb analyser: lemma, UPOS and UD features of inflected verbs.

Word families written for these tests (кездес- 'meet', қолда- 'support', бар- 'go',
шық- 'go out', тағайында- 'appoint', келіс- 'agree' ...), in the UD Kazakh-KTB
conventions: the lemma is the bare stem, passive and reciprocal voice are
features (Voice=Pass), causatives stay in the lemma.
"""
from __future__ import annotations

import pytest

from pipeline.lang.kk.morph import VerbAnalyser, analyse_verb, default_verb_analyser


def best(word: str):
    found = analyse_verb(word)
    assert found, f"{word}: no analysis"
    return found[0]


def feats(word: str) -> dict[str, str]:
    return best(word).feats_dict


# -- one verb through its forms: кездес- 'meet' ---------------------------------
@pytest.mark.parametrize("word,expected", [
    ("кездесті", {"VerbForm": "Fin", "Mood": "Ind", "Tense": "Past", "Person": "3"}),
    ("кездеседі", {"VerbForm": "Fin", "Tense": "Pres", "Aspect": "Hab", "Person": "3"}),
    ("кездескен", {"VerbForm": "Part", "Tense": "Past"}),
    ("кездескенде", {"VerbForm": "Ger", "Tense": "Past", "Case": "Loc"}),
    ("кездеспек", {"Tense": "Fut"}),
    ("кездесіп", {"VerbForm": "Conv", "Aspect": "Perf"}),
    ("кездеспеді", {"Polarity": "Neg", "Tense": "Past", "VerbForm": "Fin"}),
    ("кездесуге", {"VerbForm": "Ger", "Case": "Dat"}),
    ("кездесулерін", {"VerbForm": "Ger", "Number": "Plur", "Case": "Acc", "Person[psor]": "3"}),
])
def test_every_form_of_a_verb_has_its_stem_as_lemma(word, expected):
    a = best(word)
    assert (a.lemma, a.upos) == ("кездес", "VERB")
    assert {k: a.feats_dict.get(k) for k in expected} == expected


def test_the_negated_past_is_not_the_positive_one():
    assert "Polarity" not in feats("кездесті")
    assert feats("кездеспеді")["Polarity"] == "Neg"


# -- vowel-final stems take the glide -й- ----------------------------------------
def test_first_person_plural_present_of_a_vowel_stem():
    a = best("қолдаймыз")
    assert a.lemma == "қолда"
    assert (a.feats_dict["Person"], a.feats_dict["Number"], a.feats_dict["Tense"]) == ("1", "Plur", "Pres")


def test_converb_and_the_progressive_auxiliary():
    conv, aux = best("қолдап"), best("жатыр")
    assert (conv.lemma, conv.feats_dict["VerbForm"]) == ("қолда", "Conv")
    assert (aux.lemma, aux.feats_dict["Tense"], aux.auxiliary) == ("жат", "Pres", True)


def test_negated_present_of_a_vowel_stem():
    f = feats("қолдамайды")
    assert best("қолдамайды").lemma == "қолда"
    assert (f["Polarity"], f["Aspect"], f["Person"]) == ("Neg", "Hab", "3")


def test_relative_participle_keeps_the_glide_stem():
    a = best("тілейтін")
    assert (a.lemma, a.feats_dict["VerbForm"], a.feats_dict["Aspect"]) == ("тіле", "Part", "Imp")


# -- consonant assimilation and voicing ------------------------------------------
@pytest.mark.parametrize("word,lemma,form", [
    ("барады", "бар", "Fin"), ("барған", "бар", "Part"), ("барғанда", "бар", "Ger"),
    ("шығып", "шық", "Conv"), ("шыққан", "шық", "Part"), ("табады", "тап", "Fin"),
    ("тауып", "тап", "Conv"), ("кетеді", "кет", "Fin"),
])
def test_stem_final_consonants_alternate(word, lemma, form):
    a = best(word)
    assert (a.lemma, a.feats_dict["VerbForm"]) == (lemma, form)


def test_a_high_vowel_stem_contracts_before_the_glide_and_the_gerund():
    lemmas = [best(w).lemma for w in ("оқиды", "оқыды", "оқу", "дамиды")]
    assert lemmas == ["оқы", "оқы", "оқы", "дамы"]
    assert feats("оқиды")["Tense"] == "Pres" and feats("оқыды")["Tense"] == "Past"


def test_glide_stems_spell_the_gerund_with_yu():
    assert best("азаю").lemma == "азай"
    assert best("азаяды").lemma == "азай"


# -- voice -----------------------------------------------------------------------
def test_passive_is_a_feature_of_the_base_verb():
    a = best("тағайындалды")
    assert (a.lemma, a.feats_dict["Voice"], a.feats_dict["Tense"]) == ("тағайында", "Pass", "Past")
    b = best("табылды")  # тап- + -ыл-: voiced before the vowel
    assert (b.lemma, b.feats_dict["Voice"]) == ("тап", "Pass")
    c = best("алынды")  # after л the passive is -ын-
    assert (c.lemma, c.feats_dict["Voice"]) == ("ал", "Pass")


def test_a_listed_reciprocal_verb_wins_over_its_base():
    found = analyse_verb("келісті")
    assert found[0].lemma == "келіс" and "Voice" not in found[0].feats_dict
    # the reading кел- + reciprocal is still offered, ranked after
    assert any(a.lemma == "кел" and a.feats_dict.get("Voice") == "Rcp" for a in found[1:])


def test_causatives_stay_in_the_lemma():
    assert best("өткізді").lemma == "өткіз"


# -- moods -----------------------------------------------------------------------
@pytest.mark.parametrize("word,mood,person,number", [
    ("барсақ", "Cnd", "1", "Plur"),
    ("барайық", "Opt", "1", "Plur"),
    ("барсын", "Opt", "3", "Sing"),
    ("барыңыз", "Imp", "2", "Sing"),
])
def test_moods_and_persons(word, mood, person, number):
    f = feats(word)
    assert (f["Mood"], f["Person"], f["Number"]) == (mood, person, number)


def test_negative_imperative():
    f = feats("барма")
    assert (f["Mood"], f["Polarity"]) == ("Imp", "Neg")


# -- the copula and unknown words ------------------------------------------------
def test_copula_forms_are_aux():
    assert [(best(w).lemma, best(w).upos) for w in ("еді", "емес", "екен")] == [("е", "AUX")] * 3
    assert feats("емес")["Polarity"] == "Neg"


def test_a_noun_is_no_verb():
    assert analyse_verb("кітап") == ()


def test_only_listed_stems_are_read():
    only_go = VerbAnalyser(stems=["бар"])
    assert only_go.analyse("кетті") == ()
    assert only_go.analyse("барды")[0].lemma == "бар"


def test_an_unlisted_denominal_verb_is_guessed_and_says_so():
    a = best("мониторлады")
    assert (a.lemma, a.guessed, a.feats_dict["Tense"]) == ("мониторла", True, "Past")
    assert not best("барды").guessed


def test_features_print_in_conllu_order():
    assert best("барғанын").ud_feats == (
        "Case=Acc|Number[psor]=Plur,Sing|Person[psor]=3|Tense=Past|VerbForm=Ger")


def test_the_shipped_stem_list_names_its_source_and_licence():
    t = default_verb_analyser().t
    assert t.source["package"] == "hunspell-kk"
    assert "GPL-2+" in t.source["licence"]
    assert len(t.stems) > 6000


def test_a_listed_passive_stem_yields_to_its_base_verb():
    # аяқтал- is listed itself; UD KTB lemmatises аяқталды as аяқта- + Voice=Pass
    a = best("аяқталды")
    assert (a.lemma, a.feats_dict["Voice"]) == ("аяқта", "Pass")


# -- readings that depend on the next word ----------------------------------------
def test_a_converb_before_an_auxiliary_is_an_infinitive_and_the_auxiliary_aux():
    from pipeline.lang.kk.morph.context import SentenceVerbs
    ol, hat, jazyp, jatyr, dot = SentenceVerbs().analyse(["Ол", "хат", "жазып", "жатыр", "."])
    assert (jazyp.lemma, jazyp.feats_dict["VerbForm"]) == ("жаз", "Inf")
    assert (jatyr.lemma, jatyr.upos) == ("жат", "AUX")
    assert dot is None
    # alone, or before a noun, the converb stays a converb and the verb a verb
    alone = SentenceVerbs().analyse(["жазып", "кітап"])[0]
    assert alone.feats_dict["VerbForm"] == "Conv"


def test_a_participle_closing_the_sentence_is_its_predicate():
    from pipeline.lang.kk.morph.context import SentenceVerbs
    final = SentenceVerbs().analyse(["Ол", "кеше", "келген", "."])[2]
    assert (final.feats_dict["VerbForm"], final.feats_dict["Person"]) == ("Fin", "3")
    attributive = SentenceVerbs().analyse(["кеше", "келген", "адам"])[1]
    assert attributive.feats_dict["VerbForm"] == "Part"
