import spacy


def test_language_blank_kk_is_the_package_class():
    import pipeline  # noqa: F401  (registers kk)
    from pipeline.lang.kk import Kazakh

    assert isinstance(spacy.blank("kk"), Kazakh)


def words(text):
    import pipeline  # noqa: F401

    return [t.text for t in spacy.blank("kk")(text)]


def test_language_keeps_hyphenated_case_endings_on_the_word():
    assert words("Украина НАТО-ға АҚШ-тың аясында-ақ") == ["Украина", "НАТО-ға", "АҚШ-тың", "аясында-ақ"]


def test_language_splits_final_period_after_kazakh_letters():
    # spaCy's own Cyrillic class lacks қ, so "жоқ." would keep its period
    assert words("Әрине, жоқ.") == ["Әрине", ",", "жоқ", "."]


def test_language_keeps_abbreviations_decimals_dates_and_initials():
    assert words("2022 ж. 3,5 млн. т.б. 05.09.2025 А.Байтұрсынұлы") == [
        "2022", "ж.", "3,5", "млн.", "т.б.", "05.09.2025", "А.Байтұрсынұлы"]


def test_language_separates_guillemets():
    assert words("«Иә», - деді.") == ["«", "Иә", "»", ",", "-", "деді", "."]
