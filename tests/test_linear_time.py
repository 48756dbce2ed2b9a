"""Every stage is linear in its document (issue 21): twice the text is twice the work, with
sentence ends or without, however many mentions and persons it holds. Work is counted as the
lines of the package's own code that run (a trace), not as time: the count is the same on any
machine, and an all-pairs loop over mentions shows as a count that grows fourfold."""
import random
import sys
from pathlib import Path

import pytest

from conftest import hand_pipeline, needs_extra
from pipeline.spans import SpanIndex

PACKAGE = str(Path(__file__).resolve().parents[1] / "pipeline")

# our own news paragraph: countries, persons with titles, an organisation, a quotation, "according
# to", a group, a date and the relation verbs
PARAGRAPH = ("Жапония Сыртқы істер министрі Айдар Бекұлы сәрсенбі күні Астанада Франция президенті "
             "Марсель Дюбуамен келіссөз жүргізді. Бекұлы Францияға көмегі үшін алғыс айтты. Дюбуаның "
             "айтуынша, екі ел келесі айда бірлескен комиссия құрады. «Біз Қазақстанға көмек беруге "
             "дайынбыз», - деді Дюбуа. 12 ел Жапонияға құтқарушылар жіберді. Бұл туралы «Жаңа таң» "
             "компаниясы хабарлады. ")
GIVEN = ["Асқар", "Ерлан", "Нұрлан", "Болат", "Серік", "Дамир", "Ержан", "Мақсат"]
ROOTS = ["Тоқ", "Сар", "Бек", "Жан", "Қар", "Ал", "Мұр", "Сейіт", "Ораз", "Төле", "Бай", "Қасым"]


def lines_run(call) -> int:
    """How many lines of the package's code ``call()`` runs (loop turns included)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def enter(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(enter)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def persons(n: int) -> list[str]:
    """``n`` different persons' names (a given name and a surname)."""
    return [f"{GIVEN[k % len(GIVEN)]} {ROOTS[k // len(GIVEN) % len(ROOTS)]}{'ов' if k < 96 else 'ев'}"
            for k in range(n)]


def text_of(n: int, punctuation: bool) -> str:
    """``n`` paragraphs, each with a person of its own named in full and then by surname."""
    parts = []
    for name in persons(n):
        surname = name.split()[1]
        parts.append(PARAGRAPH + f"{name} Түркияға алғыс айтты. {surname}тың айтуынша, ел көмек жібереді. ")
    text = "".join(parts)
    return text if punctuation else text.replace(". ", " ")


NLP = hand_pipeline(persons=["Айдар Бекұлы", "Бекұлы", "Марсель Дюбуа", "Дюбуа", *persons(96)],
                    orgs=["«Жаңа таң» компаниясы"])


@pytest.mark.parametrize("punctuation", [True, False], ids=["sentences", "no sentence ends"])
def test_twice_the_text_is_twice_the_work(punctuation):
    small, large = text_of(24, punctuation), text_of(48, punctuation)
    result = NLP.process(large, date="2024-03-06")
    assert len({e.id for e in result.entities if e.type == "Person"}) >= 48  # the persons grow with the text
    assert len(result.claims) >= 4 * 48
    ratio = lines_run(lambda: NLP.process(large, date="2024-03-06")) / lines_run(
        lambda: NLP.process(small, date="2024-03-06"))
    assert ratio < 2.3, f"twice the text ran {ratio:.2f} times the lines"


def test_a_text_without_sentence_ends_is_cut_into_sentences_of_bounded_length():
    text = "Қазақстан Түркияға алғыс айтты " * 150  # 600 words, no punctuation
    result = NLP.process(text)
    assert len(result.sentences) == 3
    assert all(len(text[s.start:s.end].split()) == 200 for s in result.sentences)
    assert len(result.claims) == 150  # every claim is still read, and its evidence is its own sentence
    assert max(len(c.evidence.exact) for c in result.claims) < 1_600


def test_an_overlong_sentence_is_cut_after_a_comma():
    text = "Қазақстан, Ресей, Қытай " * 50 + "алғыс айтты."  # 253 tokens, a comma every other word
    result = NLP.process(text)
    first, second = (text[s.start:s.end] for s in result.sentences)
    # 200 tokens reach into the 40th "Қазақстан, Ресей, Қытай": cut after its last comma there
    assert first == "Қазақстан, Ресей, Қытай " * 39 + "Қазақстан, Ресей,"
    assert second == "Қытай " + "Қазақстан, Ресей, Қытай " * 10 + "алғыс айтты."


def test_the_span_index_finds_what_a_scan_over_every_span_finds():
    rnd = random.Random(7)
    spans = [(a, a + rnd.randint(0, 30)) for a in (rnd.randint(0, 500) for _ in range(300))]
    index = SpanIndex(spans, span=lambda s: s)
    keys = list(range(len(spans)))
    alive = dict(zip(keys, spans))
    for step in range(400):
        if step % 3 == 0 and alive:
            key = rnd.choice(sorted(alive))
            index.remove(key)
            del alive[key]
        elif step % 3 == 1:
            a = rnd.randint(0, 500)
            span = (a, a + rnd.randint(0, 60))
            alive[index.add(span)] = span
        a = rnd.randint(-10, 520)
        b = a + rnd.randint(0, 40)
        assert index.keyed(a, b) == [(k, s) for k, s in alive.items() if s[0] < b and a < s[1]]
    assert index.items() == list(alive.values())


def test_a_russian_text_without_sentence_ends_is_cut_into_sentences_of_bounded_length():
    needs_extra("razdel", "ru")
    from pipeline.lang import get_language
    from pipeline.lang.ru.parse import split

    text = "Москва поблагодарила Анкару " * 150  # 450 words, no punctuation
    sentences = split(text, get_language("ru").orthography)
    assert [len(tokens) for _, _, _, tokens in sentences] == [200, 200, 50]
    assert [text[a:b] for a, b, _, _ in sentences] == ["Москва поблагодарила Анкару " * 66 + "Москва поблагодарила",
                                                       "Анкару " + "Москва поблагодарила Анкару " * 66 + "Москва",
                                                       ("поблагодарила Анкару " + "Москва поблагодарила Анкару " * 16).strip()]
