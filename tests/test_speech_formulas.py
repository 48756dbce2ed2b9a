"""The reporting formulas of Kazakh news (issue 10): tiny texts written for the tests,
each family with person, organisation and country speakers, with and without titles."""
import pytest
from conftest import claims_of, hand_pipeline


def says(text, keep=("agent", "text"), **names):
    r = hand_pipeline(**names).process(text, date="2024-05-02", doc_id="t")
    return [tuple(c.get(k) for k in keep) for c in claims_of(r, keep=("predicate",) + keep) if c["predicate"] == "say"]


@pytest.mark.parametrize("text, names, speaker", [
    ("«Жоспар орындалды», — дейді Айгүл Серікова.", {"persons": ["Айгүл Серікова"]}, "Айгүл Серікова"),
    ("«Жоспар орындалды», — деді саяси ғылымдар кандидаты Айгүл Серікова.", {"persons": ["Айгүл Серікова"]},
     "Айгүл Серікова"),
    ("«Жоспар орындалды», — деді Парламенттің депутаты Нұрлан Бекұлы бүгін журналистерге.",
     {"persons": ["Нұрлан Бекұлы"], "orgs": ["Парламент"]}, "Нұрлан Бекұлы"),
    ("Жоспар орындалды, - деді Қаржы министрі Ерлан Тоқтаров.", {"persons": ["Ерлан Тоқтаров"]}, "Ерлан Тоқтаров"),
    ("«Жоспар орындалды», — деп атап өтті Астана банкі.", {"orgs": ["Астана банкі"]}, "Астана банкі"),
    ("«Жоспар орындалды», — деп мәлімдеді Жапония.", {}, "Жапония"),
])
def test_speech_quote_then_verb_then_speaker_with_title(text, names, speaker):
    assert says(text, **names) == [(speaker, "Жоспар орындалды")]


def test_speech_two_speakers_joined_give_one_claim_each():
    got = says("Режиссер Анна Ли және Марат Оспанов жаңа фильм түсіретінін хабарлады.",
               persons=["Анна Ли", "Марат Оспанов"])
    assert got == [("Анна Ли", "жаңа фильм түсіретінін"), ("Марат Оспанов", "жаңа фильм түсіретінін")]
    got = says("Моңғолия мен Қырғызстан келісім жасалғанын мәлімдеді.")
    assert [a for a, _ in got] == ["Моңғолия", "Қырғызстан"]


@pytest.mark.parametrize("opener", ["Бұл туралы", "Бұл жөнінде", "Осы жайында", "Бүгін бұл туралы"])
def test_speech_about_this_points_at_the_sentence_before(opener):
    text = f"Өңірде үш жаңа мектеп ашылды. {opener} облыс әкімі Болат Нұров брифингте айтты."
    r = hand_pipeline(persons=["Болат Нұров"]).process(text, date="2024-05-02", doc_id="t")
    say = next(c for c in r.claims if c.predicate == "say")
    assert say.agent == "person:bolat-nurov" and say.text == "Өңірде үш жаңа мектеп ашылды"
    assert (say.evidence.start, say.evidence.end) == (0, len(text))  # the evidence spans both sentences


def test_speech_about_this_opening_the_document_is_the_sentence_itself():
    text = "Бұл туралы Ауыл шаруашылығы министрлігінің баспасөз қызметі хабарлады. Егін жиналды."
    got = says(text)
    assert got == [("Ауыл шаруашылығы министрлігінің баспасөз қызметі",
                    "Бұл туралы Ауыл шаруашылығы министрлігінің баспасөз қызметі хабарлады")]


def test_speech_about_this_with_a_country_and_its_body():
    got = says("Шекарада кезек азайды. Бұл туралы Өзбекстанның кеден комитеті хабарлайды.")
    assert got == [("кеден комитеті", "Шекарада кезек азайды")]


@pytest.mark.parametrize("text, names, speaker, content", [
    ("Министр Дана Әлиева жаңа заң қабылданғанын айтты.", {"persons": ["Дана Әлиева"]}, "Дана Әлиева",
     "жаңа заң қабылданғанын"),
    ("Сарапшы Ержан Қали бағаның өсетінін хабарлады.", {"persons": ["Ержан Қали"]}, "Ержан Қали",
     "бағаның өсетінін"),
    ("Түркия аймақтағы тұрақтылықты сақтау керектігін атап өтті.", {}, "Түркия",
     "аймақтағы тұрақтылықты сақтау керектігін"),
    ("Ұлттық банк пайыздық мөлшерлемені өзгертпейтінін мәлімдеді.", {"orgs": ["Ұлттық банк"]}, "Ұлттық банк",
     "пайыздық мөлшерлемені өзгертпейтінін"),
])
def test_speech_reported_content_before_the_verb(text, names, speaker, content):
    assert says(text, **names) == [(speaker, content)]


def test_speech_so_said_with_a_colon_and_the_quote_after():
    assert says("Ержан Қали былай деді: «Баға өседі».", persons=["Ержан Қали"]) == [("Ержан Қали", "Баға өседі")]
    got = says("Ержан Қали былай деді: — Баға өседі.", persons=["Ержан Қали"])
    assert got == [("Ержан Қали", "Баға өседі")]


def test_speech_dwelt_on_and_negated_comment_of_a_company():
    assert says("Министр Дана Әлиева жиында су тапшылығына тоқталды.", persons=["Дана Әлиева"]) == [
        ("Дана Әлиева", "жиында су тапшылығына")]
    got = says("Ал «Жарық-Сервис» компаниясы өрт жөнінде әлі ешқандай түсініктеме бермей отыр.",
               keep=("agent", "polarity"))
    assert got == [("Жарық-Сервис", "negated")]
    got = says("«Жарық-Сервис» компаниясы апат туралы түсініктеме берді.", keep=("agent", "polarity"))
    assert got == [("Жарық-Сервис", "affirmed")]


@pytest.mark.parametrize("subject", ["Елбасы", "Мемлекет басшысы", "Ол"])
def test_speech_referring_subject_is_the_person_named_before(subject):
    text = (f"Қазақстан Президенті Серік Ахметов Ресей премьер-министрімен кездесті. "
            f"{subject} Қазақстан мен Моңғолия арасындағы сауданың өсіп келе жатқанын атап өтті.")
    got = says(text, persons=["Серік Ахметов"])
    assert got == [("Серік Ахметов", "Қазақстан мен Моңғолия арасындағы сауданың өсіп келе жатқанын")]


def test_speech_referring_subject_with_nobody_named_before_is_no_claim():
    assert says("Елбасы Қазақстан мен Моңғолия арасындағы сауданың өсіп келе жатқанын атап өтті.") == []
    assert says("Мемлекет басшысы жаңа жолдың ашылғанын айтты.") == []


def test_speech_title_then_name_is_the_name():
    got = says("Бүгін Елбасы Серік Ахметов министрді қабылдап, осы мәселеге тоқталды.", persons=["Серік Ахметов"])
    assert [a for a, _ in got] == ["Серік Ахметов"]
    got = says("Бас прокурордың орынбасары Марат Әбенов тексеру басталғанын айтты.", persons=["Марат Әбенов"])
    assert got == [("Марат Әбенов", "тексеру басталғанын")]


def test_speech_according_to_a_pronoun_is_the_person_named_before():
    text = "Бұл пікірді сарапшы Ержан Қалиден естідік. Оның айтуынша, баға өседі."
    assert says(text, persons=["Ержан Қали"]) == [("Ержан Қали", "баға өседі")]
    text = "Ержан Қалиді тыңдадық. Оның сөзінше, нарық тұрақты."
    assert says(text, persons=["Ержан Қали"]) == [("Ержан Қали", "нарық тұрақты")]


def test_speech_an_address_set_off_by_commas_is_no_speaker():
    text = "Иә, Асель, тұрғындармен кеңесе келе, аудан әкімі Ерлан Тоқтаров осындай ұсыныс айтты."
    got = says(text, persons=["Асель", "Ерлан Тоқтаров"])
    assert [a for a, _ in got] == ["Ерлан Тоқтаров"]


def test_speech_quote_verb_said_only_after_a_quotation():
    assert says("Ұлы ақын «Білім — бақыт», деген екен.", persons=["Абай"]) == []  # no named speaker
    assert says("Ақын Абай «Білім — бақыт», деген екен.", persons=["Абай"]) == [("Абай", "Білім — бақыт")]
    assert says("— Бәрі дұрыс, — деп Асқар күлді.", persons=["Асқар"]) == [("Асқар", "Бәрі дұрыс")]
    # "деген" with no quotation before it names something (Алтын деген компания): no speech
    assert says("Алтын деген компания ашылды.", orgs=["Алтын"]) == []


def test_speech_name_colon_quote_without_a_verb():
    assert says("Ахметов: «Реформа жалғасады».", persons=["Ахметов"]) == [("Ахметов", "Реформа жалғасады")]
    assert says("Ахметов: реформа жалғасады.", persons=["Ахметов"]) == []  # no quotation, no claim


@pytest.mark.parametrize("verb", ["растады", "түсіндірді", "ескертті", "атап көрсетті", "мәлім етті"])
def test_speech_more_reporting_verbs(verb):
    got = says(f"Депутат Айдос Сәрсен бюджеттің орындалғанын {verb}.", persons=["Айдос Сәрсен"])
    assert got == [("Айдос Сәрсен", "бюджеттің орындалғанын")]


def test_speech_a_bare_title_is_the_person_the_document_gave_it():
    text = ("Қаржы министрі Ерлан Тоқтаров бюджеттің орындалғанын айтты. Министрдің айтуынша, жол жөнделеді. "
            "Министр тапшылықтың азайғанын атап өтті.")
    got = says(text, persons=["Ерлан Тоқтаров"])
    assert got == [("Ерлан Тоқтаров", "бюджеттің орындалғанын"), ("Ерлан Тоқтаров", "жол жөнделеді"),
                   ("Ерлан Тоқтаров", "тапшылықтың азайғанын")]
    # nobody named with that title: no speaker (not the last speaker either)
    got = says("Дана Әлиева жиын өткенін айтты. Министр тапшылықтың азайғанын атап өтті.", persons=["Дана Әлиева"])
    assert got == [("Дана Әлиева", "жиын өткенін")]


def test_speech_false_speakers():
    # "қол жеткізді" (achieved) is no speech
    assert says("Қазақстан көптеген елдермен келісімге қол жеткізді.") == []
    # "X тарапынан жасалған ..." (done by X) names no speaker of an active verb
    assert says("Жапония тарапынан жасалған көмек жайлы айтты.") == []
    assert says("Жапония тарапынан мәлімдеме жасалғаны айтылды.") == [("Жапония", "мәлімдеме жасалғаны")]
    # a name inside the quotation is what was said; "ол" has no antecedent outside it
    assert says("«Алтын Орданың тарихы бай», — деді ол.", persons=["Алтын Орда"]) == []
    # a bare title before a genitive name is the subject: no named person, no speaker
    assert says("Онда Президент Қазақстанның реформаны жалғастыратынын айтты.") == []


def test_speech_referring_forms_in_the_genitive_and_after_the_verb():
    text = "Серік Ахметов форумға келді. Елбасының айтуынша, реформа жалғасады."
    assert says(text, persons=["Серік Ахметов"]) == [("Серік Ахметов", "реформа жалғасады")]
    text = "Қаржы министрі Ерлан Тоқтаров форумға келді. «Бюджет орындалды», — деді министр."
    assert says(text, persons=["Ерлан Тоқтаров"]) == [("Ерлан Тоқтаров", "Бюджет орындалды")]


def test_speech_so_said_points_back_like_about_this():
    text = "Жол жөндеу аяқталды. Әкім Болат Нұров осылай деп мәлімдеді."
    assert says(text, persons=["Болат Нұров"]) == [("Болат Нұров", "Жол жөндеу аяқталды")]


def test_speech_quotation_opened_in_an_earlier_sentence():
    got = says("«Баға өседі! Жалақы да өседі», — деді Ерлан Тоқтаров.", persons=["Ерлан Тоқтаров"])
    assert got and got[-1][0] == "Ерлан Тоқтаров" and got[-1][1].endswith("Жалақы да өседі")


def test_speech_a_statement_issued():
    got = says("Сыртқы істер министрлігі шекарадағы жағдай туралы мәлімдеме таратты.", orgs=["Сыртқы істер министрлігі"])
    assert got == [("Сыртқы істер министрлігі", "шекарадағы жағдай туралы")]
    got = says("Жапония сайлау нәтижесі жөнінде хабарлама жариялады.")
    assert got == [("Жапония", "сайлау нәтижесі жөнінде")]


@pytest.mark.parametrize("text, position, person", [
    ("Бұл туралы Бас прокурордың орынбасары Марат Оспанов айтты.", "Бас прокурордың орынбасары", "Марат Оспанов"),
    ("Бұл жөнінде Премьер-министрдің кеңесшісі Айгүл Серікова мәлімдеді.", "Премьер-министрдің кеңесшісі",
     "Айгүл Серікова"),
])
def test_speech_speaker_under_a_title_of_a_title_is_the_person(text, position, person):
    """The model's position span holds another title in the genitive (the deputy of the
    Prosecutor General): no organisation comes of it, and the person speaks."""
    r = hand_pipeline(persons=[person], positions=[position]).process(text, date="2024-05-02", doc_id="t")
    assert [(c["agent"]) for c in claims_of(r, keep=("predicate", "agent")) if c["predicate"] == "say"] == [person]
    assert not any(e.type == "Organization" for e in r.entities)


@pytest.mark.parametrize("text, speaker", [
    ("Ердоғанның айтуынша, екі ел келісімге келген.", "Ердоған"),
    ("Гутерриштің сөзінше, соғыс тоқтауы керек.", "Гутерриш"),
    ("Ал биыл, Мақсұтовтың пікірінше, баға өседі.", "Мақсұтов"),
])
def test_speech_a_lone_genitive_name_before_according_to_is_a_person(text, speaker):
    """No model span there at all (a bare surname opening a sentence): the formula makes it a person."""
    r = hand_pipeline().process(text, date="2024-05-02", doc_id="t")
    assert [c["agent"] for c in claims_of(r, keep=("predicate", "agent")) if c["predicate"] == "say"] == [speaker]
    assert ("Person", speaker) in {(e.type, e.name) for e in r.entities}


@pytest.mark.parametrize("text", [
    "Мамандардың айтуынша, баға өседі.",
    "Зерттеушінің сөзінше, баға өседі.",
    "Елбасының айтуынша, баға өседі.",
    "Президенттің айтуынша, баға өседі.",
    "Министрдің пікірінше, баға өседі.",
])
def test_speech_a_common_noun_or_title_before_according_to_is_no_person(text):
    r = hand_pipeline().process(text, date="2024-05-02", doc_id="t")
    assert not any(e.type == "Person" for e in r.entities)


def test_speech_reporters_signing_off_are_no_antecedent():
    text = ("Ардақ Асылханұлы, Асылан Демесбаев, «Қорытынды жаңалықтар» Қарағанды облысынан. "
            "Оның айтуынша, жұмыс жалғасады.")
    assert says(text, persons=["Ардақ Асылханұлы", "Асылан Демесбаев"]) == []
    text = "Асылан Демесбаев Астанаға келді. Оның айтуынша, жұмыс жалғасады."
    assert says(text, keep=("agent",), persons=["Асылан Демесбаев"]) == [("Асылан Демесбаев",)]


def test_speech_tarapynan_inside_the_reported_words_is_no_speaker():
    text = "Министр Ұлттық банк тарапынан бақылау жүргізілуі қажет екенін айтты."
    assert says(text, orgs=["Ұлттық банк"]) == []
    assert says("Бұл туралы Ұлттық банк тарапынан айтылды.", keep=("agent",), orgs=["Ұлттық банк"]) == [("Ұлттық банк",)]


def test_speech_an_appeal_published_is_a_statement():
    assert says("Асан Бекұлы халыққа үндеу жариялады.", keep=("agent",), persons=["Асан Бекұлы"]) == [("Асан Бекұлы",)]
