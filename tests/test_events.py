"""Events of political news (issue 12): tiny Kazakh texts written for these tests."""
from pathlib import Path

import pytest
from conftest import REPO, claims_of, hand_pipeline

from pipeline.lexicon import LexiconError, load_lexicon


def run(text, **names):
    return hand_pipeline(**names).process(text, date="2024-05-02", doc_id="t")


def got(r, predicate, *roles):
    return {tuple(c.get(k) for k in ("agent", *roles)) for c in claims_of(r) if c["predicate"] == predicate}


# -- meet ------------------------------------------------------------------------------
def test_meet_partner_in_the_instrumental_is_the_recipient():
    r = run("Серік Ахметов Бауыржан Сейітовпен кездесті. Айгүл Нұрланова Дархан Омаровпен жүздесті.",
            persons=["Серік Ахметов", "Бауыржан Сейітов", "Айгүл Нұрланова", "Дархан Омаров"])
    assert got(r, "meet", "recipient") == {("Серік Ахметов", "Бауыржан Сейітов"),
                                           ("Айгүл Нұрланова", "Дархан Омаров")}
    r = run("Серік Ахметов алдымен Бауыржан Сейітовпен кездесті.", persons=["Серік Ахметов", "Бауыржан Сейітов"])
    assert got(r, "meet", "recipient") == {("Серік Ахметов", "Бауыржан Сейітов")}  # алдымен: an adverb


def test_meet_received_a_person_but_not_a_law():
    r = run("Ерлан Қасымов Мұрат Жанұзақовты қабылдады. Парламент жаңа заңды қабылдады. "
            "Ерлан Қасымов Жапонияның ұсынысын қабылдады.",
            persons=["Ерлан Қасымов", "Мұрат Жанұзақов"], orgs=["Парламент"])
    meets = [c for c in r.claims if c.predicate == "meet"]
    assert [(c.agent, c.recipient) for c in meets] == [("person:erlan-kasymov", "person:murat-zhanuzakov")]
    assert meets[0].cameo == "043"  # the host of a visit


def test_meet_a_pair_is_agent_and_recipient_and_a_verbal_noun_needs_no_recipient():
    r = run("Қазақстан мен Моңғолия басшылары кездесті. Ахметов пен Омаров кездесті. "
            "Ахметов бүгін студенттермен кездесуде сөйледі.", persons=["Ахметов", "Омаров"])
    assert ("Ахметов", "Омаров") in got(r, "meet", "recipient")
    assert ("Ахметов", None) in got(r, "meet", "recipient")
    # the leaders, by title only, stand for their countries (no person with that title named before)
    assert ("Қазақстан", "Моңғолия") in got(r, "meet", "recipient")
    r = run("Тоқаев пен Жапаров арасында келісімге қол қойылды.", persons=["Тоқаев", "Жапаров"])
    assert got(r, "sign", "recipient") == {("Тоқаев", "Жапаров")}


def test_meet_dative_partner_of_jolyq():
    r = run("Асан Үсенге жолыққаннан кейін үйге қайтты.", persons=["Асан", "Үсен"])
    assert got(r, "meet", "recipient") == {("Асан", "Үсен")}


# -- headlines without a finite verb --------------------------------------------------
def test_headline_without_agent_gives_the_partner_only():
    r = run("Мемлекет басшысының Ғалым Сейітовпен кездесу", persons=["Ғалым Сейітов"])
    assert got(r, "meet", "recipient") == {(None, "Ғалым Сейітов")}


def test_a_verbal_noun_closing_a_body_sentence_is_no_headline():
    r = run("Біздің басты мақсатымыз — Қытаймен ынтымақтасу.")
    assert not [c for c in r.claims if c.predicate == "cooperate"]


def test_headline_takes_the_agent_the_document_gives():
    r = run("Ресей президентімен телефон арқылы сөйлесу\n\nТоқаев Ресей президентімен телефон арқылы сөйлесті. "
            "Кейін Тоқаев Қытаймен телефон арқылы сөйлесті.", persons=["Тоқаев"])
    calls = {(c.agent, c.recipient) for c in r.claims if c.predicate == "call"}
    # a partner known by an inflected title and no name stands for the title's country
    assert calls == {("person:tokaev", "country:RU"), ("person:tokaev", "country:CN")}
    r = run("Әлиевпен телефон арқылы сөйлесу\n\nТоқаев Әлиевпен телефон арқылы сөйлесті.",
            persons=["Тоқаев", "Әлиев"])
    calls = [(c.agent, c.recipient) for c in r.claims if c.predicate == "call"]
    assert calls == [("person:tokaev", "person:aliev")] * 2


# -- visit ------------------------------------------------------------------------------
def test_visit_to_a_country_in_the_dative_and_locative():
    r = run("Нұрлан Ахметов Түркияға ресми сапармен барды. Ахметовтың Жапонияға сапары аяқталды. "
            "Ахметов Францияда іссапарда жүр.", persons=["Нұрлан Ахметов"])
    assert got(r, "visit", "location") == {("Нұрлан Ахметов", "Түркия"), ("Нұрлан Ахметов", "Жапония"),
                                           ("Нұрлан Ахметов", "Франция")}
    visit = next(c for c in r.claims if c.predicate == "visit")
    assert (visit.polarity, visit.cameo, visit.quad_class, visit.goldstein) == ("affirmed", "042", 1, 1.9)


def test_visit_needs_a_place_and_a_name_is_no_trigger():
    r = run("Ахметовтың сапары ұзаққа созылды. Сапар Ахметовке алғыс айтты.", persons=["Ахметов", "Сапар"])
    assert not [c for c in r.claims if c.predicate == "visit"]
    assert got(r, "thank", "recipient") == {("Сапар", "Ахметов")}


# -- call --------------------------------------------------------------------------------
def test_call_by_telephone_with_the_partner():
    r = run("Тоқаев Эрдоғанмен телефон арқылы сөйлесті. Қырғызстан президенті Өзбекстан басшысына телефон соқты.",
            persons=["Тоқаев", "Эрдоған"])
    assert ("Тоқаев", "Эрдоған") in got(r, "call", "recipient")
    call = next(c for c in r.claims if c.predicate == "call")
    assert call.cameo == "041" and call.quad_class == 1


def test_call_negated():
    r = run("Франция Ресеймен телефон арқылы сөйлескен жоқ.")
    assert {(c.predicate, c.agent, c.recipient, c.polarity) for c in r.claims} == {
        ("call", "country:FR", "country:RU", "negated")}


# -- sign ---------------------------------------------------------------------------------
def test_sign_a_decree_and_an_agreement():
    r = run("Тоқаев Жарлыққа қол қойды. Қазақстан Қытаймен келісімге қол қойды.", persons=["Тоқаев"])
    signs = {(c.agent, c.recipient, c.theme_text) for c in r.claims if c.predicate == "sign"}
    assert signs == {("person:tokaev", None, "Жарлық"), ("country:KZ", "country:CN", "келісім")}


def test_sign_the_object_of_a_relative_clause_is_no_signer():
    r = run("Әкім Асан Бекұлы мен жүргізушіні марапаттау туралы шешімге қол қойды.",
            persons=["Асан Бекұлы"])
    assert not [c for c in r.claims if c.predicate == "sign" and c.agent == "person:asan-bekuly"]


# -- support, condemn ------------------------------------------------------------------------
def test_support_with_and_without_recipient():
    r = run("Германия Украинаның ұстанымын қолдады. Моңғолия бейбітшілікті қолдайды. "
            "Жапония Қытайға қолдау білдірді. Ресей бұл технологияны қолданды. "
            "Франция өкілдері қолдарындағы құжатты көрсетті.")
    assert got(r, "support", "recipient") == {("Германия", "Украина"), ("Моңғолия", None), ("Жапония", "Қытай")}


def test_support_negated_and_condemn():
    r = run("Франция бұл шешімді қолдамады. Қазақстан Израильдің Ливанға шабуылын айыптады. "
            "Жапония Солтүстік Кореяны айыптады.")
    assert got(r, "support", "polarity") == {("Франция", "negated")}
    assert got(r, "condemn", "recipient") == {("Қазақстан", "Израиль"), ("Жапония", "Солтүстік Корея")}
    condemn = next(c for c in r.claims if c.predicate == "condemn")
    assert (condemn.cameo, condemn.quad_class, condemn.goldstein) == ("111", 3, -2.0)


def test_meet_an_attributive_locative_before_the_event_noun_is_its_place():
    r = run("Тоқаев Астанадағы келіссөзде Ресеймен кездесті. Қытайдың Қазақстандағы елшісі Жапонияға алғыс айтты.",
            persons=["Тоқаев"], places=["Астана"])
    assert got(r, "meet", "recipient", "location") == {("Тоқаев", "Ресей", "Астана")}
    assert got(r, "thank", "recipient", "location") == {("Қытай", "Жапония", None)}  # the embassy's place: no role


def test_condemn_by_criticising_but_a_test_is_no_criticism():
    r = run("Франция Израильдің Ливанға шабуылын сынға алды. Германия Ресейдің әрекетін сынады. "
            "Бұл сынақ Қазақстанда өтті.")
    assert got(r, "condemn", "recipient") == {("Франция", "Израиль"), ("Германия", "Ресей")}


# -- invest, appoint, cooperate ---------------------------------------------------------------
def test_invest_in_a_country_and_an_invitation_to_invest_is_none():
    r = run("Оңтүстік Корея Өзбекстанға 2 млрд доллар инвестиция салды. "
            "Президент неміс компанияларын Қазақстанға инвестиция салуға шақырды.")
    assert got(r, "invest", "recipient") == {("Оңтүстік Корея", "Өзбекстан")}


def test_appoint_passive_and_active():
    r = run("Болат Серікұлы Сенат депутаты болып тағайындалды. "
            "Президент Дәурен Асқаровты денсаулық сақтау министрі етіп тағайындады.",
            persons=["Болат Серікұлы", "Дәурен Асқаров"])
    appoints = {(c.agent, c.theme_text) for c in r.claims if c.predicate == "appoint"}
    assert appoints == {("person:bolat-serikuly", "Сенат депутаты"),
                        ("person:dauren-askarov", "денсаулық сақтау министрі")}
    assert all(c.cameo is None for c in r.claims if c.predicate == "appoint")


def test_cooperate_partner_of_a_genitive_a_pair_and_with():
    r = run("Түркия — Әзербайжанның басты сауда серіктесі. Қазақстан мен Түркия бұрыннан серіктес. "
            "Моңғолия Жапониямен ынтымақтасады. Бұл компания — сенімді серіктес. "
            "Ресей мен Қытай әскери ынтымақтастықты арттырады.")
    assert got(r, "cooperate", "recipient") == {("Түркия", "Әзірбайжан"), ("Қазақстан", "Түркия"),
                                                ("Моңғолия", "Жапония"), ("Ресей", "Қытай")}


def test_cooperate_together_needs_a_partner():
    r = run("Асан Нұрбек Алматы университетімен бірге кітап шығарды. Асан Нұрбек бірге жұмыс істеді.",
            persons=["Асан Нұрбек"], orgs=["Алматы университеті"])
    assert got(r, "cooperate", "recipient") == {("Асан Нұрбек", "Алматы университеті")}


# -- negotiate (symmetric) -----------------------------------------------------------------------
def test_negotiate_between_a_pair_is_agent_and_recipient():
    r = run("Әзірбайжан мен Армения арасындағы келіссөз жалғасты.")
    assert got(r, "negotiate", "recipient") == {("Әзірбайжан", "Армения")}


# -- the lexicon ----------------------------------------------------------------------------------
def test_every_predicate_declares_its_cameo_coding():
    lex = load_lexicon(REPO / "configs" / "relations_kk.yaml")
    for name, p in lex.predicates.items():
        assert "cameo" in p.model_fields_set, name
    assert lex.cameo_fields("say") == {"cameo": "010", "quad_class": 1, "goldstein": 0.0}
    assert lex.cameo_fields("has_role") == {}
    assert lex.confidence_of("case_frames", "own_agent") == 0.7


@pytest.mark.parametrize("bad, message", [
    ('{code: "190", quad_class: 1, goldstein: -10}', "quad class 1 does not fit root 19"),
    ('{code: "19", quad_class: 4, goldstein: -10}', "should match pattern"),
    ('{code: "190", quad_class: 4, goldstein: -12}', "less than or equal to -10"[:0] + "greater than or equal"),
])
def test_a_bad_cameo_coding_is_a_one_line_error(tmp_path: Path, bad, message):
    text = (REPO / "configs" / "relations_kk.yaml").read_text(encoding="utf-8")
    text = text.replace('cameo: {code: "190", quad_class: 4, goldstein: -10.0}', f"cameo: {bad}")
    path = tmp_path / "rel.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert str(path) in str(err.value) and message in str(err.value) and "\n" not in str(err.value)


def test_a_confidence_outside_zero_one_is_an_error(tmp_path: Path):
    text = (REPO / "configs" / "relations_kk.yaml").read_text(encoding="utf-8").replace(
        "own_agent: 0.7", "own_agent: 7")
    path = tmp_path / "rel.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match="confidence case_frames.own_agent"):
        load_lexicon(path)


# -- what is no event ----------------------------------------------------------------------------
def test_occur_found_support_and_an_imposed_sentence_are_no_events():
    r = run("Бұл өсімдік Моңғолияның солтүстігі мен Алтайда ғана кездеседі. Жапония ұсынысы қолдау тапты. "
            "Асан Бекұлы тағайындалған жаза туралы айтты.", persons=["Асан Бекұлы"], places=["Алтай"])
    assert not [c for c in r.claims if c.predicate in ("meet", "support", "appoint")]


def test_a_currency_is_no_recipient_and_a_demonym_before_a_name_is_no_agent():
    r = run("Оңтүстік Корея Моңғолия экономикасына 5 млн АҚШ долларына инвестиция салды. "
            "Германиялық «Сименс» компаниясы Өзбекстанға инвестиция салды.", orgs=["Сименс"])
    assert got(r, "invest", "recipient") == {("Оңтүстік Корея", "Моңғолия"), ("Сименс", "Өзбекстан")}


def test_a_meeting_before_a_postposition_is_no_meeting_of_the_subject():
    r = run("Франция Германиямен кездесуден кейін мәлімдеме жасады. Тоқаев Путинмен кездесу барысында сөйледі.",
            persons=["Тоқаев", "Путин"])
    assert got(r, "meet", "recipient") == {("Тоқаев", "Путин")}


def test_coordinated_partners_across_a_title_and_a_partner_for_whom():
    r = run("Жапония басшысы Асан Бекұлы және Президент Дәурен Сейітовпен кездесті. "
            "Алматы үшін Қытай — маңызды серіктес.", persons=["Асан Бекұлы", "Дәурен Сейітов"], places=["Алматы"])
    assert ("Асан Бекұлы", "Дәурен Сейітов") not in got(r, "meet", "recipient")
    assert got(r, "cooperate", "recipient") == {("Қытай", "Алматы")}


def test_two_speakers_of_a_reported_clause_are_both_agents():
    r = run("Асан Бекұлы және Дәурен Сейітов Жапониямен бірге кітап шығаратынын хабарлады.",
            persons=["Асан Бекұлы", "Дәурен Сейітов"])
    assert {(c["agent"], c.get("recipient"), c.get("author")) for c in claims_of(r) if c["predicate"] == "cooperate"} == {
        ("Асан Бекұлы", "Жапония", "Асан Бекұлы"), ("Дәурен Сейітов", "Жапония", "Дәурен Сейітов")}


def test_first_person_verbs_attributive_places_and_plural_investments():
    r = run("Біз Жапонияның ұсынысын қолдаймыз. Асан Бекұлы Қытаймен келісімге қол қойдық деді. "
            "Асан Бекұлы Қытайдың Моңғолиядағы елшісімен кездесті. "
            "Асан Бекұлы Инвестициялар министрі болды.", persons=["Асан Бекұлы"])
    assert got(r, "support", "recipient") == set()  # "we" support: no agent is named
    # "X ... қол қойдық деді": the speaker's "we" signed; the speaker is the agent and the author
    assert got(r, "sign", "recipient", "author") == {("Асан Бекұлы", "Қытай", "Асан Бекұлы")}
    assert got(r, "meet", "location") == {("Асан Бекұлы", None)}
    assert got(r, "invest") == set()


def test_a_relative_participle_takes_arguments_from_its_own_stretch_and_no_self_partner():
    r = run("Ол Моңғолияны, Қытайды жеңді, бірақ Жапония қолдаған Кореяға қарсы тұра алмады. "
            "Асан Асанның ұсынысын қабылдады.", persons=["Асан"])
    assert got(r, "support", "recipient") == {("Жапония", "Оңтүстік Корея")}  # Korea, which Japan supported
    assert got(r, "meet", "recipient") == set()
    r = run("Ол Моңғолияны, Қытайды жеңді, бірақ Жапония қолдаған елге қарсы тұра алмады.")
    assert got(r, "support", "recipient") == {("Жапония", None)}


def test_an_inflected_title_without_a_name_stands_for_its_country():
    r = run("Қазақстан Ресей өкілдерімен кездесті. Тоқаев Қытай делегациясымен кездесті. "
            "Тоқаев Жапония Премьер-министрі Фумио Кисидамен кездесті.", persons=["Тоқаев", "Фумио Кисида"])
    assert got(r, "meet", "recipient") == {("Қазақстан", "Ресей"), ("Тоқаев", "Қытай"), ("Тоқаев", "Фумио Кисида")}



def test_a_passive_names_its_agent_only_with_tarapynan():
    r = run("Ирактағы америкалық нысанға шабуыл жасалды. Қазақстанға Жапония тарапынан көмек көрсетілді.")
    assert got(r, "attack", "recipient") == set()  # who attacked is not said
    assert got(r, "help", "recipient") == {("Жапония", "Қазақстан")}


def test_an_act_agreed_or_talked_about_is_intended():
    r = run("Ресей Украинаға көмек беру туралы келісті. Жапония Қазақстанға көмек көрсетті.")
    assert {(c["agent"], c["modality"]) for c in claims_of(r) if c["predicate"] == "help"} == {
        ("Ресей", "intended"), ("Жапония", "asserted")}


def test_one_meets_no_region():
    r = run("Премьер-министр Асқар Мамин Түркістан облысына жұмыс сапарында тұрғындармен кездесті.",
            persons=["Асқар Мамин"])
    assert got(r, "meet", "recipient") == {("Асқар Мамин", None)}


def test_a_passive_in_reported_words_takes_no_speaker_as_agent():
    r = run("Министр Дәурен Абаев кімдерге көмек берілетініне тоқталды. Песков Украинаға көмек беретінін айтты.",
            persons=["Дәурен Абаев", "Песков"])
    assert got(r, "help", "recipient") == {("Песков", "Украина")}


def test_number_words_make_one_number_and_an_adjective_is_no_group():
    r = run("Отыз екі ел келісімге қол қойды. Елімізде он сегіз әскери қойма бар.")
    assert sorted((e.name, e.count) for e in r.entities if e.type == "Group") == [("32 ел", 32)]


def test_a_chain_of_possessed_nouns_takes_the_last_ones_case():
    r = run("Тоқаев Парламент Мәжілісінің фракциясы жетекшілерімен кездесті.", persons=["Тоқаев"],
            orgs=["Парламент Мәжілісінің"])
    assert got(r, "meet", "recipient") == {("Тоқаев", "Парламент Мәжілісі")}
