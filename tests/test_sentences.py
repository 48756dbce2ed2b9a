from conftest import annotate


def sentences(splitter, text):
    doc = annotate(splitter, text)
    return [(text[s.start:s.end], s.kind) for s in doc.sentences]


def test_sentences_plain_split(splitter):
    assert sentences(splitter, "Ол келді. Біз кеттік! Сен қайдасың?") == [
        ("Ол келді.", "sentence"), ("Біз кеттік!", "sentence"), ("Сен қайдасың?", "sentence")]


def test_sentences_quote_stays_with_its_speech_verb(splitter):
    text = "Министр: «Біз дайынбыз. Көмек береміз!» - деді. Содан кейін кетті."
    assert [s for s, _ in sentences(splitter, text)] == [
        "Министр: «Біз дайынбыз. Көмек береміз!» - деді.", "Содан кейін кетті."]


def test_sentences_question_inside_quote_does_not_split(splitter):
    text = "Ол: «Келесің бе? Әрине, жоқ,» – деді."
    assert len(sentences(splitter, text)) == 1


def test_sentences_quote_that_is_the_whole_sentence(splitter):
    text = "«Біз жеңеміз!» Бұл сөзді бәрі естіді."
    assert [s for s, _ in sentences(splitter, text)] == ["«Біз жеңеміз!»", "Бұл сөзді бәрі естіді."]


def test_sentences_heading_line_is_its_own_sentence(splitter):
    text = "Су тасқыны\nЖапония көмек жіберді. Корея да көмектесті."
    assert sentences(splitter, text) == [
        ("Су тасқыны", "heading"), ("Жапония көмек жіберді.", "sentence"), ("Корея да көмектесті.", "sentence")]


def test_sentences_hard_wrapped_line_is_joined(splitter):
    text = "Жапония премьер-министрі көмек\nжіберетінін айтты."
    assert [s for s, _ in sentences(splitter, text)] == [text]


def test_sentences_abbreviations_initials_decimals_dates_do_not_split(splitter):
    text = ("Зауыт 1998 ж. салынған, құны 3.5 млн. теңге. А. Байтұрсынұлы 05.09.2025 келді. "
            "Кітаптар, дәптерлер т.б. Бәрі сатылды.")
    assert [s for s, _ in sentences(splitter, text)] == [
        "Зауыт 1998 ж. салынған, құны 3.5 млн. теңге.", "А. Байтұрсынұлы 05.09.2025 келді.",
        "Кітаптар, дәптерлер т.б.", "Бәрі сатылды."]


def test_sentences_unbalanced_quote_does_not_swallow_the_text(splitter):
    text = "Ол «кітап деді. Біз келдік. Сен кеттің."
    assert len(sentences(splitter, text)) == 3


def test_sentences_dialogue_dash_starts_a_sentence(splitter):
    text = "Ол үйге кірді. — Қалайсың? — деді ол."
    assert [s for s, _ in sentences(splitter, text)] == ["Ол үйге кірді.", "— Қалайсың? — деді ол."]


def test_sentences_offsets_index_the_text(splitter):
    text = "  Бірінші сөйлем.\n\nЕкінші сөйлем.  "
    doc = annotate(splitter, text)
    assert [text[s.start:s.end] for s in doc.sentences] == ["Бірінші сөйлем.", "Екінші сөйлем."]
