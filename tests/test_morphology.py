import pytest


@pytest.fixture(scope="module")
def analyser():
    from pipeline.lang.kk.morphology import default_analyser

    return default_analyser()


@pytest.mark.parametrize("word, stem", [
    ("Песковтың", "Песков"), ("Украинаға", "Украина"), ("НАТО-ға", "НАТО"), ("Ынға", "Ын"),
    ("Қытайдағы", "Қытай"), ("Киевпен", "Киев"), ("Владивостокта", "Владивосток"),
    ("батысындағы", "батыс"), ("аумағында", "аумақ"[:-1] + "ғ"),
])
def test_morphology_candidate_stems_include_the_true_stem(analyser, word, stem):
    assert stem in analyser.stems(word)


def test_morphology_bare_word_is_always_a_candidate(analyser):
    # Ресей ends in -ей, Мәскеу in -у: the whole word stays a candidate
    assert analyser.stems("Ресей")[-1] == "Ресей"
    assert analyser.stems("Мәскеу") == ["Мәскеу"]


def test_morphology_case_of_an_ending(analyser):
    cases = {a.stem: a.case for a in analyser.analyses("Ресейдің")}
    assert cases["Ресей"] == "gen"
    cases = {a.stem: a.case for a in analyser.analyses("АҚШ-тан")}
    assert cases["АҚШ"] == "abl"


def test_normaliser_keeps_an_ending_that_the_document_shows_is_part_of_the_name():
    from pipeline.lang.kk.normalise import default_normaliser

    n = default_normaliser()
    # alone, "Рютте" reads as Рют + locative -те ...
    assert n.lemma("Марк Рютте").name == "Марк Рют"
    # ... but the same document writes "Рюттенің": Рютте is the name
    lemma = n.lemma("Марк Рютте", document_words={"Рюттенің", "сөзінше"})
    assert (lemma.name, lemma.case, lemma.evidence) == ("Марк Рютте", "nom", "document")
    # the stem standing bare elsewhere still wins: Украинада -> Украина
    assert n.lemma("Украинада", document_words={"Украина", "Украинадағы"}).name == "Украина"


@pytest.mark.parametrize("word, name, case", [
    ("Ақанұлына", "Ақанұлы", "dat"),
    ("Сұлтанқызынан", "Сұлтанқызы", "abl"),
    ("Болатұлын", "Болатұлы", "acc"),
    ("Марат Серікұлының", "Марат Серікұлы", "gen"),
])
def test_a_patronymic_takes_the_endings_that_follow_a_possessive(word, name, case):
    from pipeline.lang.kk.normalise import default_normaliser

    lemma = default_normaliser().lemma(word)
    assert (lemma.name, lemma.case) == (name, case)
