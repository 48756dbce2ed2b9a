"""Russian triggers are lemmas: every inflection of a listed verb is a trigger without
being listed (past, present, future, both aspects, participles, gerunds, the passive),
with negation (не), the conditional (бы: hypothetical) and the future (intended) read
from the verb; an event noun alone (встреча, поддержка) makes no claim (needs the ru extra)."""
from pathlib import Path

import pytest

from conftest import REPO, needs_extra

needs_extra("natasha", "ru")
needs_extra("pymorphy3", "ru")

A, N = "affirmed", "negated"

# (text, predicate, agent, polarity, modality, the other roles)
FORMS = [
    ("Казахстан встретился с Китаем в Пекине.", "meet", "Казахстан", A, "asserted", {"recipient": "Китай", "location": "Пекин"}),
    ("Казахстан регулярно встречается с Китаем.", "meet", "Казахстан", A, "asserted", {"recipient": "Китай"}),
    ("Казахстан встретится с Китаем в Пекине.", "meet", "Казахстан", A, "intended", {"recipient": "Китай", "location": "Пекин"}),
    ("Казахстан будет встречаться с Китаем.", "meet", "Казахстан", A, "intended", {"recipient": "Китай"}),
    ("Встретившись с Китаем, Казахстан вернулся домой.", "meet", "Казахстан", A, "asserted", {"recipient": "Китай"}),
    ("Казахстан не встречался с Китаем.", "meet", "Казахстан", N, "asserted", {"recipient": "Китай"}),
    ("Казахстан встретился бы с Китаем.", "meet", "Казахстан", A, "hypothetical", {"recipient": "Китай"}),
    ("Казахстан собирается встретиться с Китаем.", "meet", "Казахстан", A, "intended", {"recipient": "Китай"}),
    ("Казахстан и Китай встретились в Астане.", "meet", "Казахстан", A, "asserted", {"recipient": "Китай", "location": "Астана"}),
    ("Индия посетила Японию.", "visit", "Индия", A, "asserted", {"location": "Япония"}),
    ("Индия ежегодно посещает Японию.", "visit", "Индия", A, "asserted", {"location": "Япония"}),
    ("Индия посетит Японию.", "visit", "Индия", A, "intended", {"location": "Япония"}),
    ("Посетив Японию, Индия вернулась домой.", "visit", "Индия", A, "asserted", {"location": "Япония"}),
    ("Индия не посещала Японию.", "visit", "Индия", N, "asserted", {"location": "Япония"}),
    ("Индия планирует посетить Японию.", "visit", "Индия", A, "intended", {"location": "Япония"}),
    ("Индия посетила бы Японию.", "visit", "Индия", A, "hypothetical", {"location": "Япония"}),
    ("Индия прибыла в Японию.", "visit", "Индия", A, "asserted", {"location": "Япония"}),
    # a two-word trigger before its head's one-word one: a visit, not located_in
    ("Индия находится с визитом в Японии.", "visit", "Индия", A, "asserted", {"location": "Япония"}),
    ("Польша поддержала Украину.", "support", "Польша", A, "asserted", {"theme": "Украина"}),
    ("Польша поддерживает Украину.", "support", "Польша", A, "asserted", {"theme": "Украина"}),
    ("Польша поддержит Украину.", "support", "Польша", A, "intended", {"theme": "Украина"}),
    ("Польша не поддержала Украину.", "support", "Польша", N, "asserted", {"theme": "Украина"}),
    ("Польша поддержала бы Украину.", "support", "Польша", A, "hypothetical", {"theme": "Украина"}),
    ("Украина была поддержана Польшей.", "support", "Польша", A, "asserted", {"theme": "Украина"}),
    ("Польша, поддержавшая Украину, усилила армию.", "support", "Польша", A, "asserted", {"theme": "Украина"}),
    ("Польша выразила поддержку Украине.", "support", "Польша", A, "asserted", {"theme": "Украина"}),
    ("Поддержав Украину, Польша усилила армию.", "support", "Польша", A, "asserted", {"theme": "Украина"}),
    ("Узбекистан подписал соглашение с Казахстаном.", "sign", "Узбекистан", A, "asserted", {"partner": "Казахстан"}),
    ("Узбекистан подписывает соглашение с Казахстаном.", "sign", "Узбекистан", A, "asserted", {"partner": "Казахстан"}),
    ("Узбекистан подпишет соглашение с Казахстаном.", "sign", "Узбекистан", A, "intended", {"partner": "Казахстан"}),
    ("Узбекистан не подписал соглашение.", "sign", "Узбекистан", N, "asserted", {}),
    ("Узбекистан подписал бы соглашение.", "sign", "Узбекистан", A, "hypothetical", {}),
    ("Соглашение было подписано Узбекистаном.", "sign", "Узбекистан", A, "asserted", {}),
    ("Соглашение подписывается Узбекистаном.", "sign", "Узбекистан", A, "asserted", {}),
    ("Подписанное Узбекистаном соглашение вступило в силу.", "sign", "Узбекистан", A, "asserted", {}),
    ("Узбекистан, подписавший соглашение, доволен.", "sign", "Узбекистан", A, "asserted", {}),
    ("Узбекистан заключил договор с Казахстаном.", "sign", "Узбекистан", A, "asserted", {"partner": "Казахстан"}),
    ("Канада осудила Иран.", "condemn", "Канада", A, "asserted", {"theme": "Иран"}),
    ("Канада осуждает Иран.", "condemn", "Канада", A, "asserted", {"theme": "Иран"}),
    ("Канада осудит Иран.", "condemn", "Канада", A, "intended", {"theme": "Иран"}),
    ("Канада не осудила Иран.", "condemn", "Канада", N, "asserted", {"theme": "Иран"}),
    ("Канада осудила бы Иран.", "condemn", "Канада", A, "hypothetical", {"theme": "Иран"}),
    ("Иран был осужден Канадой.", "condemn", "Канада", A, "asserted", {"theme": "Иран"}),
    ("Канада, осудившая Иран, отозвала посла.", "condemn", "Канада", A, "asserted", {"theme": "Иран"}),
    ("Осудив Иран, Канада отозвала посла.", "condemn", "Канада", A, "asserted", {"theme": "Иран"}),
    ("Канада выступила с осуждением Ирана.", "condemn", "Канада", A, "asserted", {}),
    ("Турция заявила, что Сирия готова к диалогу.", "say", "Турция", A, "asserted", {}),
    ("Турция заявляет, что Сирия готова к диалогу.", "say", "Турция", A, "asserted", {}),
    ("Турция сообщила, что Сирия готова к диалогу.", "say", "Турция", A, "asserted", {}),
    ("Турция сообщает, что Сирия готова к диалогу.", "say", "Турция", A, "asserted", {}),
    ("Турция добавляет, что Сирия готова к диалогу.", "say", "Турция", A, "asserted", {}),
    ("Турция напоминает, что Сирия готова к диалогу.", "say", "Турция", A, "asserted", {}),
    ("Турция указывает, что Сирия готова к диалогу.", "say", "Турция", A, "asserted", {}),
    ("Турция объявляет, что Сирия готова к диалогу.", "say", "Турция", A, "asserted", {}),
    ("Турция заверяет, что Сирия готова к диалогу.", "say", "Турция", A, "asserted", {}),
    ("Турция помогла Сирии.", "help", "Турция", A, "asserted", {"recipient": "Сирия"}),
    ("Турция помогает Сирии.", "help", "Турция", A, "asserted", {"recipient": "Сирия"}),
    ("Турция поможет Сирии.", "help", "Турция", A, "intended", {"recipient": "Сирия"}),
    ("Турция не помогла Сирии.", "help", "Турция", N, "asserted", {"recipient": "Сирия"}),
    ("Турция помогла бы Сирии.", "help", "Турция", A, "hypothetical", {"recipient": "Сирия"}),
    ("Турция оказывает Сирии помощь.", "help", "Турция", A, "asserted", {"recipient": "Сирия"}),
    ("Турция оказала поддержку Сирии.", "help", "Турция", A, "asserted", {"recipient": "Сирия"}),
    ("Турция предоставляет Сирии помощь.", "help", "Турция", A, "asserted", {"recipient": "Сирия"}),
    ("Помогая Сирии, Турция рискует.", "help", "Турция", A, "asserted", {"recipient": "Сирия"}),
    ("Израиль атаковал Ливан.", "attack", "Израиль", A, "asserted", {"recipient": "Ливан"}),
    ("Израиль атакует Ливан.", "attack", "Израиль", A, "asserted", {"recipient": "Ливан"}),
    ("Израиль напал на Ливан.", "attack", "Израиль", A, "asserted", {"recipient": "Ливан"}),
    ("Израиль нападает на Ливан.", "attack", "Израиль", A, "asserted", {"recipient": "Ливан"}),
    ("Израиль не нападал на Ливан.", "attack", "Израиль", N, "asserted", {"recipient": "Ливан"}),
    ("Израиль наносит удары по Ливану.", "attack", "Израиль", A, "asserted", {"recipient": "Ливан"}),
    ("Израиль обстреливает Ливан.", "attack", "Израиль", A, "asserted", {"recipient": "Ливан"}),
    ("Израиль вторгся в Ливан.", "attack", "Израиль", A, "asserted", {}),
    ("Франция позвонила Германии.", "call", "Франция", A, "asserted", {"recipient": "Германия"}),
    ("Франция звонит Германии.", "call", "Франция", A, "asserted", {"recipient": "Германия"}),
    ("Франция позвонит Германии.", "call", "Франция", A, "intended", {"recipient": "Германия"}),
    ("Франция не звонила Германии.", "call", "Франция", N, "asserted", {"recipient": "Германия"}),
    ("Франция позвонила бы Германии.", "call", "Франция", A, "hypothetical", {"recipient": "Германия"}),
    ("Франция созвонилась с Германией.", "call", "Франция", A, "asserted", {"recipient": "Германия"}),
    ("Франция созванивается с Германией.", "call", "Франция", A, "asserted", {"recipient": "Германия"}),
    ("Созвонившись с Германией, Франция успокоилась.", "call", "Франция", A, "asserted", {"recipient": "Германия"}),
    ("Япония поблагодарила Казахстан.", "thank", "Япония", A, "asserted", {"recipient": "Казахстан"}),
    ("Япония благодарит Казахстан.", "thank", "Япония", A, "asserted", {"recipient": "Казахстан"}),
    ("Япония поблагодарит Казахстан.", "thank", "Япония", A, "intended", {"recipient": "Казахстан"}),
    ("Япония не поблагодарила Казахстан.", "thank", "Япония", N, "asserted", {"recipient": "Казахстан"}),
    ("Япония поблагодарила бы Казахстан.", "thank", "Япония", A, "hypothetical", {"recipient": "Казахстан"}),
    ("Поблагодарив Казахстан, Япония уехала.", "thank", "Япония", A, "asserted", {"recipient": "Казахстан"}),
    ("Япония, поблагодарившая Казахстан, уехала.", "thank", "Япония", A, "asserted", {"recipient": "Казахстан"}),
    ("Казахстан был поблагодарен Японией.", "thank", "Япония", A, "asserted", {"recipient": "Казахстан"}),
    ("Китай пообещал Казахстану кредит.", "pledge", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Китай обещает Казахстану кредит.", "pledge", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Китай пообещает Казахстану кредит.", "pledge", "Китай", A, "intended", {"recipient": "Казахстан"}),
    ("Китай не обещал Казахстану кредит.", "pledge", "Китай", N, "asserted", {"recipient": "Казахстан"}),
    ("Китай пообещал бы Казахстану кредит.", "pledge", "Китай", A, "hypothetical", {"recipient": "Казахстан"}),
    ("Китай дал Казахстану обещание.", "pledge", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Китай обязался помочь Казахстану.", "pledge", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Пообещав Казахстану кредит, Китай уехал.", "pledge", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Германия провела переговоры с Францией.", "negotiate", "Германия", A, "asserted", {"recipient": "Франция"}),
    ("Германия проводит переговоры с Францией.", "negotiate", "Германия", A, "asserted", {"recipient": "Франция"}),
    ("Германия проведет переговоры с Францией.", "negotiate", "Германия", A, "intended", {"recipient": "Франция"}),
    ("Германия ведет переговоры с Францией.", "negotiate", "Германия", A, "asserted", {"recipient": "Франция"}),
    ("Германия не вела переговоры с Францией.", "negotiate", "Германия", N, "asserted", {"recipient": "Франция"}),
    ("Германия начинает переговоры с Францией.", "negotiate", "Германия", A, "asserted", {"recipient": "Франция"}),
    ("Германия договаривается с Францией.", "negotiate", "Германия", A, "asserted", {"recipient": "Франция"}),
    ("Германия провела бы переговоры с Францией.", "negotiate", "Германия", A, "hypothetical", {"recipient": "Франция"}),
    ("Китай гарантировал Казахстану поставки.", "guarantee", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Китай гарантирует Казахстану поставки.", "guarantee", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Китай не гарантировал Казахстану поставки.", "guarantee", "Китай", N, "asserted", {"recipient": "Казахстан"}),
    ("Китай гарантировал бы Казахстану поставки.", "guarantee", "Китай", A, "hypothetical", {"recipient": "Казахстан"}),
    ("Китай дал Казахстану гарантии.", "guarantee", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Китай дает Казахстану гарантии.", "guarantee", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Китай предоставляет Казахстану гарантии.", "guarantee", "Китай", A, "asserted", {"recipient": "Казахстан"}),
    ("Китай будет гарантировать Казахстану поставки.", "guarantee", "Китай", A, "intended", {"recipient": "Казахстан"}),
    ("Войска Турции находятся в Сирии.", "located_in", "Турция", A, "asserted", {"location": "Сирия"}),
    ("Войска Турции находились в Сирии.", "located_in", "Турция", A, "asserted", {"location": "Сирия"}),
    ("Войска Турции будут находиться в Сирии.", "located_in", "Турция", A, "intended", {"location": "Сирия"}),
    ("Войска Турции не находятся в Сирии.", "located_in", "Турция", N, "asserted", {"location": "Сирия"}),
    ("Войска Турции располагаются в Сирии.", "located_in", "Турция", A, "asserted", {"location": "Сирия"}),
    ("Войска Турции расположились в Сирии.", "located_in", "Турция", A, "asserted", {"location": "Сирия"}),
    ("Войска Турции разместились в Сирии.", "located_in", "Турция", A, "asserted", {"location": "Сирия"}),
    ("Войска Турции размещаются в Сирии.", "located_in", "Турция", A, "asserted", {"location": "Сирия"}),
    ("Япония инвестировала в Казахстан.", "invest", "Япония", A, "asserted", {"recipient": "Казахстан"}),
    ("Япония инвестирует в Казахстан.", "invest", "Япония", A, "asserted", {"recipient": "Казахстан"}),
    ("Япония вложила средства в Казахстан.", "invest", "Япония", A, "asserted", {"recipient": "Казахстан"}),
    ("Япония вкладывает средства в Казахстан.", "invest", "Япония", A, "asserted", {"recipient": "Казахстан"}),
    ("Япония вложит средства в Казахстан.", "invest", "Япония", A, "intended", {"recipient": "Казахстан"}),
    ("Япония не инвестировала в Казахстан.", "invest", "Япония", N, "asserted", {"recipient": "Казахстан"}),
    ("Япония инвестировала бы в Казахстан.", "invest", "Япония", A, "hypothetical", {"recipient": "Казахстан"}),
    ("Япония будет инвестировать в Казахстан.", "invest", "Япония", A, "intended", {"recipient": "Казахстан"}),
    ("Казахстан сотрудничает с Китаем.", "cooperate", "Казахстан", A, "asserted", {"recipient": "Китай"}),
    ("Казахстан сотрудничал с Китаем.", "cooperate", "Казахстан", A, "asserted", {"recipient": "Китай"}),
    ("Казахстан будет сотрудничать с Китаем.", "cooperate", "Казахстан", A, "intended", {"recipient": "Китай"}),
    ("Казахстан не сотрудничает с Китаем.", "cooperate", "Казахстан", N, "asserted", {"recipient": "Китай"}),
    ("Казахстан сотрудничал бы с Китаем.", "cooperate", "Казахстан", A, "hypothetical", {"recipient": "Китай"}),
    ("Казахстан развивает сотрудничество с Китаем.", "cooperate", "Казахстан", A, "asserted", {"recipient": "Китай"}),
    ("Казахстан укрепил сотрудничество с Китаем.", "cooperate", "Казахстан", A, "asserted", {"recipient": "Китай"}),
    ("Казахстан расширит сотрудничество с Китаем.", "cooperate", "Казахстан", A, "intended", {"recipient": "Китай"}),
    ("Казахстан назначил Ерлана Сапарова послом.", "appoint", "Казахстан", A, "asserted", {"theme": "Ерлан Сапаров"}),
    ("Казахстан назначает Ерлана Сапарова послом.", "appoint", "Казахстан", A, "asserted", {"theme": "Ерлан Сапаров"}),
    ("Казахстан назначит Ерлана Сапарова послом.", "appoint", "Казахстан", A, "intended", {"theme": "Ерлан Сапаров"}),
    ("Казахстан не назначил Ерлана Сапарова послом.", "appoint", "Казахстан", N, "asserted", {"theme": "Ерлан Сапаров"}),
    ("Казахстан назначил бы Ерлана Сапарова послом.", "appoint", "Казахстан", A, "hypothetical", {"theme": "Ерлан Сапаров"}),
    ("Ерлан Сапаров был назначен Казахстаном на пост посла.", "appoint", "Казахстан", A, "asserted", {"theme": "Ерлан Сапаров"}),
    ("Казахстан будет назначать Ерлана Сапарова послом.", "appoint", "Казахстан", A, "intended", {"theme": "Ерлан Сапаров"}),
    ("Назначив Ерлана Сапарова послом, Казахстан укрепил связи.", "appoint", "Казахстан", A, "asserted", {"theme": "Ерлан Сапаров"}),
]


def claims(nlp, text, predicate=None):
    r = nlp.process(text, doc_id="t")
    names = {e.id: e.name for e in r.entities}
    return [(c.predicate, names.get(c.agent, c.agent), c.polarity, c.modality,
             {k: names.get(getattr(c, k), getattr(c, k)) for k in ("recipient", "theme", "location", "partner")
              if getattr(c, k)})
            for c in r.claims if predicate is None or c.predicate == predicate]


@pytest.mark.parametrize("text,predicate,agent,polarity,modality,roles", FORMS)
def test_every_form_of_a_listed_verb_triggers(ru, text, predicate, agent, polarity, modality, roles):
    assert (predicate, agent, polarity, modality, roles) in claims(ru, text, predicate)


def test_each_predicate_has_eight_forms_here():
    from collections import Counter

    from pipeline.lang.ru.lexicon import load_russian_lexicon

    counts = Counter(f[1] for f in FORMS)
    lexicon = load_russian_lexicon(REPO / "configs" / "relations_ru.yaml")
    assert all(counts[p] >= 8 for p in [*lexicon.predicates, "say"]), counts


@pytest.mark.parametrize("text", [
    "Встреча прошла в теплой атмосфере.",
    "Поддержка фермеров обошлась Казахстану дорого.",
    "Встреча выпускников состоялась в Алматы.",
    "Подписание затянулось.",
])
def test_an_event_noun_alone_is_no_claim(ru, text):
    assert [c for c in claims(ru, text) if c[0] != "has_role"] == []


def test_a_conditional_clause_is_hypothetical(ru):
    found = claims(ru, "Казахстан подписал бы соглашение с Китаем, если бы Китай согласился.", "sign")
    assert found == [("sign", "Казахстан", A, "hypothetical", {"partner": "Китай"})]


def test_every_word_of_the_lexicon_is_a_lemma():
    """A trigger written in an inflected form (оказать поддержку) would never match."""
    from pipeline.lang.ru import models
    from pipeline.lang.ru.lexicon import load_russian_lexicon

    lexicon = load_russian_lexicon(Path(REPO / "configs" / "relations_ru.yaml"))
    words = [w for p in lexicon.predicates.values() for t in p.triggers for w in t.lower().replace("ё", "е").split()]
    words += lexicon.speech.verbs + lexicon.light_verbs
    assert [w for w in words if w not in models.lemmas(w)] == []
