"""Events written as nouns (issue 23): "Түркия мен Әзірбайжан арасындағы ынтымақтастық",
"Жапонияның инвестициясы", "Германияға сапары барысында Тоқаев ...". The stage event_nouns.v1
gives them claims whose parties come from the genitive, "X мен Y (арасындағы)" or the subject.

Each case is a tiny text of our own and the event claims of the default pipeline, written out as
(predicate, agent, recipient or location, polarity, modality). A text where the noun gives no
claim of its own (a trap, or an event the verb stage already read) ends with CONTROL, whose
claim only this stage makes: so every case fails without the stage.
"""
import sys

import pytest

import pipeline
from conftest import REPO, load_error

EVENTS = {"cooperate", "visit", "meet", "negotiate", "support", "invest", "attack", "help"}
CONTROL = " Жапонияның инвестициясы өсті."
CONTROL_CLAIM = ("invest", "Жапония", None, "affirmed", "asserted")


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load(REPO / "configs" / "default.yaml")


def events(nlp, text: str) -> list[tuple]:
    result = nlp.process(text, date="2025-03-01")
    name = {e.id: e.name for e in result.entities}.get
    return sorted([(c.predicate, name(c.agent), name(c.recipient or c.location), c.polarity, c.modality)
                  for c in result.claims if c.predicate in EVENTS], key=str)


def cases(name: str, *rows):
    """(text, the claims of event nouns[, the verb stage's claims]) rows; a row whose nouns give
    no claim of their own gets the control sentence."""
    out = []
    for k, (text, own, *verbs) in enumerate(rows):
        claims = own + (verbs[0] if verbs else [])
        if not own:
            text, claims = text + CONTROL, claims + [CONTROL_CLAIM]
        out.append(pytest.param(text, sorted(claims, key=str), id=f"{name}-{k}"))
    return out


def A(predicate, agent, other=None, polarity="affirmed", modality="asserted"):
    return (predicate, agent, other, polarity, modality)


COOPERATE = cases(
    "cooperation",
    ("Түркия мен Әзірбайжан арасындағы ынтымақтастық жыл сайын нығайып келеді.",
     [A("cooperate", "Түркия", "Әзірбайжан")]),
    ("Франция мен Германия арасындағы экономикалық ынтымақтастық артып келеді.",
     [A("cooperate", "Франция", "Германия")]),
    ("Қазақстанның Ресеймен ынтымақтастығы тереңдей түседі.", [A("cooperate", "Қазақстан", "Ресей")]),
    ("Қазақстан мен Қытайдың ынтымақтастығы жаңа кезеңге өтті.", [A("cooperate", "Қазақстан", "Қытай")]),
    ("Ынтымақтастық аясында Қазақстан мен Түркия жаңа зауыт салды.", [A("cooperate", "Қазақстан", "Түркия")]),
    ("Ресей мен Қытай арасында ынтымақтастық жоқ.", [A("cooperate", "Ресей", "Қытай", "negated")]),
    ("Егер Жапония мен Корея арасындағы ынтымақтастық кеңейсе, аймақ тұрақты болады.",
     [A("cooperate", "Жапония", "Оңтүстік Корея", modality="hypothetical")]),
    ("Ынтымақтастық туралы жаңа кітап шықты.", []),  # no parties, no claim
)

PARTNERSHIP = cases(
    "partnership",
    ("Қазақстан мен Моңғолия арасындағы серіктестік нығайды.", [A("cooperate", "Қазақстан", "Моңғолия")]),
    ("Ресей мен Үндістан арасындағы стратегиялық серіктестік жалғасуда.", [A("cooperate", "Ресей", "Үндістан")]),
    ("Жапонияның Қазақстанмен серіктестігі он жылға созылды.", [A("cooperate", "Жапония", "Қазақстан")]),
    ("Германия мен Польшаның серіктестігі нығая түсті.", [A("cooperate", "Германия", "Польша")]),
    ("Серіктестік аясында Қытай мен Қазақстан ортақ жоба бастады.", [A("cooperate", "Қытай", "Қазақстан")]),
    # the noun is the object of a light verb: the subject is the agent
    ("Жапония Моңғолиямен серіктестік орнатуды жоспарлап отыр.",
     [A("cooperate", "Жапония", "Моңғолия", modality="intended")]),
    ("Грузия мен Армения арасында серіктестік жоқ.", [A("cooperate", "Грузия", "Армения", "negated")]),
    ("Егер Норвегия мен Дания арасындағы серіктестік үзілсе, нарық өзгереді.",
     [A("cooperate", "Норвегия", "Дания", modality="hypothetical")]),
    # a country inside a quoted company's name is no party
    ("«Қазақстан-Қытай» серіктестігі жаңа құбыр салды.", []),
)

VISIT = cases(
    "visit",
    ("Германияға сапары барысында Тоқаев Шольцпен кездесті.",
     [A("visit", "Тоқаев", "Германия")], [A("meet", "Тоқаев", "Шольц")]),
    ("Сапары аясында Макрон Жапонияда университетке барды.", [A("visit", "Макрон", "Жапония")]),
    # the noun gives the trip to the country; the going verb (case frames) the city within it
    ("Қытайға іссапары барысында Тоқаев Сиань қаласына барды.",
     [A("visit", "Тоқаев", "Сиань"), A("visit", "Тоқаев", "Қытай")]),
    ("Кеңес Одағына сапары кезінде Тоқаев жас дипломат болды.", []),
    ("Вьетнамға сапары барысында Тоқаев келісімге қол қоюы мүмкін.",
     [A("visit", "Тоқаев", "Вьетнам", modality="possible")]),
    # the verb stage reads the genitive and the dative itself: no repeat
    ("Тоқаевтың Германияға сапары үш күнге созылды.", [], [A("visit", "Тоқаев", "Германия")]),
    # a subject after another clause's verb is that clause's, not the visitor
    ("Қытайға сапары кезінде экономика мәселелері талқыланды, Жапония бұған қарсы болды.", []),
    ("Өнім сапасы жақсарды.", []),  # сапа (quality) is not сапар
    ("Германия өнімдерінің сапасы жоғары.", []),
)

MEET = cases(
    "meeting",
    ("Кездесу барысында Тоқаев пен Мирзиёев көлік жобаларын талқылады.", [A("meet", "Тоқаев", "Мирзиёев")]),
    ("Кездесу кезінде Тоқаев пен Мирзиёев су мәселесін қозғады.", [A("meet", "Тоқаев", "Мирзиёев")]),
    ("Қазақстан мен Қырғызстан арасындағы кездесу Бішкекте өтті.", [], [A("meet", "Қазақстан", "Қырғызстан")]),
    # the verb stage reads the pair of the shared genitive itself (no partner-less second claim)
    ("Қазақстан мен Өзбекстанның кездесуі сәтті өтті.", [], [A("meet", "Қазақстан", "Өзбекстан")]),
    ("Египет пен Иордания арасында кездесу болған жоқ.", [], [A("meet", "Мысыр", "Иордания", "negated")]),
    ("Тоқаевтың Мирзиёевпен кездесуі Самарқанда өтті.", [], [A("meet", "Тоқаев", "Мирзиёев")]),
    ("Ресей мен Украинаның кездесуі болған жоқ.", [], [A("meet", "Ресей", "Украина", "negated")]),
    ("Кездесу барысында Президент Тоқаев пен Мирзиёев сауда мәселесін талқылады.",
     [A("meet", "Тоқаев", "Мирзиёев")]),
    ("Ертең кездесу өтеді.", []),  # a meeting with no parties
    ("Кездесу сағат онда басталады.", []),
)

NEGOTIATE = cases(
    "talks",
    ("Келіссөздер барысында Ресей мен Украина тұтқын алмасуға келісті.", [A("negotiate", "Ресей", "Украина")]),
    ("Армения мен Әзірбайжанның келіссөздері тоқтап қалды.", [], [A("negotiate", "Армения", "Әзірбайжан")]),
    ("Келіссөз кезінде Сербия мен Косово шекара мәселесін талқылады.", [A("negotiate", "Сербия", "Косово")]),
    ("Егер Эфиопия мен Египеттің келіссөздері сәтсіз аяқталса, дау ұзаққа созылады.", [],
     [A("negotiate", "Эфиопия", "Мысыр", modality="hypothetical")]),  # the verb stage reads the conditional too
    ("Ресей мен Украина арасындағы келіссөздер Стамбулда өтті.", [], [A("negotiate", "Ресей", "Украина")]),
    ("Иран мен АҚШ арасында келіссөз болмады.", [],
     [A("negotiate", "Иран", "Америка Құрама Штаттары", "negated")]),
    ("Келіссөздер бүгін басталды.", []),
    ("Келіссөз туралы кітап шықты.", []),
)

SUPPORT = cases(
    "support",
    ("Жапонияның Украинаға қолдауы жалғасады.", [A("support", "Жапония", "Украина")]),
    ("Еуроодақтың Молдоваға қолдауы артты.", [A("support", "Еуропалық Одақ", "Молдова")]),
    ("Франция мен Германияның Украинаға қолдауы күшейді.",
     [A("support", "Франция", "Украина"), A("support", "Германия", "Украина")]),
    ("Қолдау аясында Жапония Украинаға генератор жіберді.", [A("support", "Жапония", "Украина")]),
    ("Қытайдың Ресейге қолдауы жоқ.", [A("support", "Қытай", "Ресей", "negated")]),
    ("Егер Түркияның Швецияға қолдауы болса, ол одаққа кіреді.",
     [A("support", "Түркия", "Швеция", modality="hypothetical")]),
    ("Үндістанның Бангладешке қолдауы жыл соңына дейін жалғаспақ.",
     [A("support", "Үндістан", "Бангладеш", modality="intended")]),
    ("Ата-аналардың қолдауымен мектеп жөнделді.", []),
    # a country that owns an embassy is no party of the embassy's support
    ("Жапония елшілігінің қолдауымен көрме ашылды.", []),
)

INVEST = cases(
    "investment",
    ("Жапонияның инвестициясы биыл екі есе өсті.", [A("invest", "Жапония")]),
    ("Оңтүстік Кореяның Өзбекстанға инвестициясы артты.", [A("invest", "Оңтүстік Корея", "Өзбекстан")]),
    ("Жапонияның Қазақстан мен Қырғызстанға инвестициясы өсті.",
     [A("invest", "Жапония", "Қазақстан"), A("invest", "Жапония", "Қырғызстан")]),
    ("Қытайдың Қырғызстанға инвестициясы болған жоқ.", [A("invest", "Қытай", "Қырғызстан", "negated")]),
    ("Егер Сауд Арабиясының Қазақстанға инвестициясы артса, жаңа зауыттар ашылады.",
     [A("invest", "Сауд Арабиясы", "Қазақстан", modality="hypothetical")]),
    # "between" names no investor
    ("Германия мен Қазақстан арасындағы инвестиция жыл сайын артып келеді.", []),
    ("Жапонияның Моңғолияға инвестициясы келесі жылы артпақ.",
     [A("invest", "Жапония", "Моңғолия", modality="intended")]),
    ("Кореяның Вьетнамға инвестициясын арттыру жоспарлануда.",
     [A("invest", "Оңтүстік Корея", "Вьетнам", modality="intended")]),
    ("Инвестиция көлемі өсті.", []),
    ("«Қазақстан-Жапония» бірлескен кәсіпорнының инвестициясы өсті.", []),
    # a capitalised noun inside a sentence is part of a name (a ministry's)
    ("Мысырдың Инвестициялар және сыртқы сауда министрі Каирде сөз сөйледі.", []),
)

ATTACK = cases(
    "attack",
    ("Шабуыл кезінде Ресей Украинаға зымыран атты.", [A("attack", "Ресей", "Украина")]),
    ("Ресейдің Украинаға шабуылы жалғасуда.", [], [A("attack", "Ресей", "Украина")]),
    ("Израильдің Ливанға шабуылы тоқтады.", [], [A("attack", "Израиль", "Ливан")]),
    ("Қытайдың Тайваньға шабуылы болған жоқ.", [], [A("attack", "Қытай", "Тайвань", "negated")]),
    # "between" says nothing of who attacked (the verb stage reads the first name as the agent)
    ("Ресей мен Украина арасындағы шабуыл жалғасып жатыр.", [], [A("attack", "Ресей")]),
    ("Шабуыл кезінде ешкім зардап шеккен жоқ.", []),
    ("Шабуылшы ойыншы гол соқты.", []),
    ("Иранның Израильге шабуылын Франция айыптады.", [], [A("attack", "Иран", "Израиль")]),
)

HELP = cases(
    "help",
    ("Жапонияның Филиппинге көмегі артты.", [A("help", "Жапония", "Филиппин аралдары")]),
    ("Қытай мен Ресейдің Иранға көмегі күшейді.", [A("help", "Қытай", "Иран"), A("help", "Ресей", "Иран")]),
    ("Канаданың Украинаға гуманитарлық көмегі жеткізілді.", [A("help", "Канада", "Украина")]),
    ("Көмек аясында Жапония Непалға дәрі жіберді.", [A("help", "Жапония", "Непал")]),
    ("Германияның Сирияға көмегі жоқ.", [A("help", "Германия", "Сирия", "negated")]),
    ("Егер Жапонияның Непалға көмегі тоқтаса, жобалар тоқтайды.",
     [A("help", "Жапония", "Непал", modality="hypothetical")]),
    ("Көмекші құрылыс жұмыстары басталды.", []),
    ("Көмек көлемі артты.", []),
)


@pytest.mark.parametrize("text, expected", COOPERATE + PARTNERSHIP + VISIT + MEET + NEGOTIATE + SUPPORT + INVEST
                         + ATTACK + HELP)
def test_an_event_noun_gives_a_claim_of_its_parties(nlp, text, expected):
    assert events(nlp, text) == expected


def test_a_claim_carries_its_sentence_cameo_and_less_confidence_than_a_verbs(nlp):
    text = "Жапония Қазақстанға көмек көрсетті. Жапонияның Қазақстанға инвестициясы өсті."
    result = nlp.process(text, date="2025-03-01")
    verb = next(c for c in result.claims if c.predicate == "help")
    noun = next(c for c in result.claims if c.predicate == "invest")
    assert noun.evidence.exact == "Жапонияның Қазақстанға инвестициясы өсті."
    assert text[noun.evidence.start:noun.evidence.end] == noun.evidence.exact
    assert noun.text == "Жапонияның Қазақстанға инвестициясы"
    assert (noun.cameo, noun.quad_class, noun.goldstein) == ("061", 2, 6.4)  # relations_kk.yaml's invest
    assert noun.confidence < verb.confidence


def test_inside_reported_words_the_event_is_reported_by_the_speaker(nlp):
    result = nlp.process("«Қазақстан мен Қытай арасындағы ынтымақтастық нығая береді», – деді Тоқаев.",
                         date="2025-03-01")
    name = {e.id: e.name for e in result.entities}.get
    [claim] = [c for c in result.claims if c.predicate == "cooperate"]
    assert (name(claim.agent), name(claim.recipient), claim.modality, name(claim.author)) == (
        "Қазақстан", "Қытай", "reported", "Тоқаев")


def test_a_language_without_an_event_noun_lexicon_fails_at_load(tmp_path):
    msg = load_error(tmp_path, "language: ru\nstages:\n  - factory: event_nouns.v1\n")
    assert msg == (f"stages[0] (event_nouns.v1): language 'ru' has no event-noun lexicon "
                   f"({REPO / 'configs' / 'event_nouns_ru.yaml'})")


def test_a_noun_of_a_predicate_the_relation_lexicon_lacks_fails_at_load(tmp_path):
    lexicon = tmp_path / "nouns.yaml"
    lexicon.write_text(f"relations: {REPO / 'configs' / 'relations_kk.yaml'}\n"
                       "confidence: {possessor: 0.45, subject: 0.4, per_role: 0.05, max: 0.6}\n"
                       "nouns:\n  - {lemma: құшақ, stems: [құшақ], predicate: hug, frame: {gen: agent}}\n",
                       encoding="utf-8")
    msg = load_error(tmp_path, "language: kk\nstages:\n  - factory: event_nouns.v1\n    lexicon: nouns.yaml\n")
    assert msg.startswith(f"stages[0] (event_nouns.v1): {lexicon}: nouns.0.predicate: 'hug' is not a predicate "
                          "of relations_kk.yaml (known: ")


def lines_run(call) -> int:
    """How many lines of the package's code ``call()`` runs (as tests/test_linear_time.py counts)."""
    package, count = str(REPO / "pipeline"), 0

    def local(frame, event, arg):
        nonlocal count
        count += event == "line"
        return local

    sys.settrace(lambda frame, event, arg: local if frame.f_code.co_filename.startswith(package) else None)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def test_twice_the_nouns_in_a_text_without_sentence_ends_is_twice_the_work(nlp):
    stage = next(s for s in nlp.stages if s.factory == "event_nouns.v1")
    part = ("Қазақстан мен Қытай арасындағы ынтымақтастық Жапонияның Қазақстанға инвестициясы "
            "Ресейдің Украинаға шабуылы кездесу барысында Тоқаев пен Мирзиёев ")
    docs = {}
    for n in (20, 40):
        doc = nlp.stages[0](pipeline.records.AnnotatedDocument(document=pipeline.records.Document(
            id="t", source="t", text=part * n, date="2025-03-01", language="kk")))
        for earlier in nlp.stages[1:nlp.stages.index(stage)]:
            doc = earlier(doc)
        docs[n] = doc
    made = {n: len(stage(doc).claims) - len(doc.claims) for n, doc in docs.items()}
    assert made[40] > made[20] > 0  # the claims grow with the text (one each a sentence of 200 words)
    ratio = lines_run(lambda: stage(docs[40])) / lines_run(lambda: stage(docs[20]))
    assert ratio < 2.3, f"twice the text ran {ratio:.2f} times the lines"


@pytest.mark.parametrize("text, expected", [
    # the verb's clause names its own agent; the quoting speaker is no second agent of the talks
    ("Ерлан Сейітов: «Жапония Қытаймен келіссөз жүргізбейді», - деді.",
     [A("negotiate", "Жапония", "Қытай", polarity="negated", modality="reported")]),
    # the ministry gives the help; the country before its name is no second giver
    ("Германия Сыртқы істер министрлігі Моңғолияға көмек беретінін хабарлады.",
     [A("help", "Сыртқы істер министрлігі", "Моңғолия", modality="reported")]),
])
def test_a_noun_the_verb_stage_read_with_its_partner_gives_no_second_agent(nlp, text, expected):
    assert events(nlp, text) == expected
