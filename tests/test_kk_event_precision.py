"""Event claims that must not be made (precision): phrases that look like a visit, a meeting or an
appointment but are not one, and agents taken from the wrong name. Each family is tiny texts of
our own with the claims written out as (predicate, agent, recipient or location, polarity,
modality), say and has_role left out; each family ends with a control that keeps its claim."""
from conftest import EventTable

PERSONS = ["Асқар Бекұлы", "Марат Сәрсенов", "Дина Омарова", "Ержан Тоқтаров", "Абай"]
PLACES = ["Ташкент", "Париж", "Токио", "Бішкек", "Женева", "Ақорда"]
_TABLE = EventTable(PERSONS, PLACES, orgs=["Атлас"])
events, check = _TABLE.events, _TABLE.check


A, M, D, E = PERSONS[:4]
AFF, ASSERTED = "affirmed", "asserted"


def test_a_countrys_power_office_market_or_border_is_no_destination():
    check([
        (f"{A} Франция билігіне 2017 жылы келді.", set()),  # came to power in France
        (f"{D} Жапония тағына келді.", set()),  # came to the throne
        (f"{M} Германия нарығына келді.", set()),  # entered the German market
        ("Ресей әскерлері Украина шекарасына келді.", set()),  # came up to the border
        (f"{A} Франция астанасына келді.", {("visit", A, "Франция", AFF, ASSERTED)}),  # control
        (f"{M} Ташкентке келді.", {("visit", M, "Ташкент", AFF, ASSERTED)}),
    ])


def test_bar_there_is_is_no_verb_of_going():
    check([
        ("Жапонияның Қытайға деген қызығушылығы бар.", set()),  # Japan has an interest in China
        (f"{A}ның Парижге апаратын жолы бар.", set()),
        ("Германияның Түркияға инвестиция салуға ниеті бар.", {("invest", "Германия", "Түркия", AFF, ASSERTED)}),
        (f"{A} Парижге барды.", {("visit", A, "Париж", AFF, ASSERTED)}),  # control
        (f"{M} Токиоға бармақ.", {("visit", M, "Токио", AFF, "intended")}),
    ])


def test_a_travelogue_is_no_trip():
    check([
        (f"{A}ның Жапонияға сапарнамасы жарық көрді.", set()),
        (f"{M}тің Қытайға сапарнамасы оқырмандарға ұнады.", set()),
        (f"{D} Үндістанға сапарнамалық очерк арнады.", set()),
        (f"{A}ның Жапонияға сапары аяқталды.", {("visit", A, "Жапония", AFF, ASSERTED)}),  # control
    ])


def test_being_congratulated_on_an_appointment_is_no_appointment_by_the_congratulator():
    check([
        (f"{A} {M}ті министр болып тағайындалуымен құттықтады.", set()),
        (f"{D} {E}ты елші болып тағайындалуына байланысты құттықтады.", set()),
        (f"{A} {D}ны жаңа қызметке тағайындалуымен құттықтады.", set()),
        (f"{M} министр болып тағайындалды.", {("appoint", M, None, AFF, ASSERTED)}),  # control
    ])


def test_a_name_something_is_named_after_is_no_party():
    check([
        (f"{D} атындағы стипендия тағайындалды.", set()),  # a scholarship named after her was set up
        (f"{E} атындағы қордың директоры {M}пен кездесті.", set()),
        (f"Абай атындағы университеттің ректоры {A} Парижге барды.", {("visit", A, "Париж", AFF, ASSERTED)}),
        (f"{D} {E}пен кездесті.", {("meet", D, E, AFF, ASSERTED)}),  # control
    ])


def test_accepting_a_decision_an_invitation_or_a_hire_is_no_reception_of_a_person():
    check([
        (f"{A} {M}тің шақыруын қабылдады.", set()),  # accepted M's invitation
        (f"{A} {D}ның ұсынысын қабылдады.", set()),  # accepted D's proposal
        (f"{A} {E}ты жұмысқа қабылдады.", set()),  # hired E
        (f"{A} {E}ты елден шығару туралы шешім қабылдады.", set()),  # decided to expel E
        (f"{A} {M}ті Ақордада қабылдады.", {("meet", A, M, AFF, ASSERTED)}),  # control
    ])


def test_a_quoted_name_after_a_referring_title_is_no_agent():
    # "Мемлекет басшысы" names the subject; the quoted company is only the partner's employer
    check([
        (f"Мемлекет басшысы «Атлас» холдингі басқарма төрағасы {M}пен кездесті.", set()),
        (f"Мемлекет басшысы «Атлас» корпорациясы президенті {D}ны қабылдады.", set()),
        (f"Мемлекет басшысы «Атлас» холдингі өкілі {E}пен телефон арқылы сөйлесті.", set()),
        (f"Мемлекет басшысы {A} «Атлас» холдингі басқарма төрағасы {M}пен кездесті.",  # control
         {("meet", A, M, AFF, ASSERTED)}),
    ])


def test_a_pair_with_one_genitive_meets_each_other():
    # "A мен B-нің кездесуі": one claim with its partner, never a partner-less one for A
    check([
        (f"{A} мен {M}тің кездесуі Ақордада өтті.", {("meet", A, M, AFF, ASSERTED)}),
        (f"{D} мен {E}тың кездесуі кейінге қалдырылды.", {("meet", D, E, AFF, ASSERTED)}),
        ("Қазақстан мен Түркияның кездесуі Анкарада өтті.", {("meet", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        (f"{A} {M}пен кездесті.", {("meet", A, M, AFF, ASSERTED)}),  # control
    ])


def test_the_possessor_of_a_post_is_not_its_holder():
    check([
        (f"{A}ның өкілі {M} Женеваға барды.", {("visit", M, "Женева", AFF, ASSERTED)}),
        (f"{D}ның хатшысы {E} Бішкекке келді.", {("visit", E, "Бішкек", AFF, ASSERTED)}),
        (f"{A}ның елшісі {D} Токиоға келді.", {("visit", D, "Токио", AFF, ASSERTED)}),
        (f"{A}ның Парижге сапары аяқталды.", {("visit", A, "Париж", AFF, ASSERTED)}),  # control
    ])


def test_the_reason_one_is_thanked_for_is_done_by_the_one_thanked():
    # "X Y-ке ... -ғаны үшін алғыс айтты": Y did it; the thanks keep Y as their recipient
    check([
        (f"{A} {M}ке Қазақстанды қолдағаны үшін алғыс айтты.",
         {("support", M, "Қазақстан", AFF, ASSERTED), ("thank", A, M, AFF, ASSERTED)}),
        (f"{A} {M}ке Парижге келгені үшін алғыс айтты.",
         {("visit", M, "Париж", AFF, ASSERTED), ("thank", A, M, AFF, ASSERTED)}),
        (f"{A} Қазақстанды қолдағаны үшін сынға ұшырады.", set()),  # no one thanked: no doer named
        (f"{A} Қазақстанды қолдау үшін Парижге барды.", {("visit", A, "Париж", AFF, ASSERTED)}),  # purpose: control
        (f"{A} {M}ке алғыс айтты.", {("thank", A, M, AFF, ASSERTED)}),  # control
    ])


def test_a_participle_of_going_belongs_to_the_one_it_qualifies():
    check([
        (f"{A} Парижге ресми сапармен келген {M}ті қабылдады.",
         {("meet", A, M, AFF, ASSERTED), ("visit", M, "Париж", AFF, ASSERTED)}),
        (f"{A} Ташкентке келген делегацияны қабылдады.", set()),  # the delegation came
        (f"{D} Бішкекке барған делегациямен кездесті.", {("meet", D, None, AFF, ASSERTED)}),  # she went nowhere
        (f"{A} Парижге келген кезде {M}пен кездесті.",  # control: a time, not a mover
         {("meet", A, M, AFF, ASSERTED), ("visit", A, "Париж", AFF, ASSERTED)}),
        (f"Ташкентке келген {A} {M}пен кездесті.",  # control
         {("meet", A, M, AFF, ASSERTED), ("visit", A, "Ташкент", AFF, ASSERTED)}),
        # control: a signed thing after its participle is the object, the signer stays the subject
        (f"{A} қол қойған Жарлыққа сәйкес {M} министр болды.", {("sign", A, None, AFF, ASSERTED)}),
        ("Мыңдаған адам қол қойған Атлас петициясы жарияланды.", set()),  # the petition, not Atlas
    ])


def test_together_with_gives_its_partner_to_the_event_that_follows():
    check([
        (f"{A} {M}пен бірге құжатқа қол қойды.", {("sign", A, M, AFF, ASSERTED)}),
        (f"{D} {E}пен бірге Ташкентке барды.", {("visit", D, "Ташкент", AFF, ASSERTED)}),
        ("Қазақстан Түркиямен бірге Жапонияны қолдады.", {("support", "Қазақстан", "Жапония", AFF, ASSERTED)}),
        ("Ресей Қазақстанмен бірге жаңа жоба іске асырады.",  # control: no other event, a cooperation
         {("cooperate", "Ресей", "Қазақстан", AFF, ASSERTED)}),
    ])
