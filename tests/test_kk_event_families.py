"""Event predicates by verb lemma (issue 23): every inflection of a listed verb is a trigger,
verbs of going make visits, first-person / continuous / reported forms, light verbs, lists of
parties, and the traps that must stay silent. Each table is tiny texts with the claims written
out as (predicate, agent, recipient or location, polarity, modality); say and has_role claims
are left out."""
from conftest import EventTable

PERSONS = ["Асқар Бекұлы", "Марат Сәрсенов", "Дина Омарова", "Ержан Тоқтаров"]
PLACES = ["Ташкент", "Париж", "Мәскеу", "Берлин", "Бішкек", "Астана", "Анкара", "Токио"]
_TABLE = EventTable(PERSONS, PLACES, orgs=["Қазақстан Халық Банкі"])
events, check = _TABLE.events, _TABLE.check


A, M, D, E = PERSONS
ASSERTED, AFF, NEG, HYPO = "asserted", "affirmed", "negated", "hypothetical"


def test_every_inflection_of_a_meeting_verb_is_a_trigger():
    check([
        (f"{A} {M}пен кездесті.", {("meet", A, M, AFF, ASSERTED)}),
        (f"{A} {M}пен кездескенде екі ел арасындағы байланыс талқыланды.", {("meet", A, M, AFF, ASSERTED)}),
        (f"{A} келесі аптада {M}пен кездеспек.", {("meet", A, M, AFF, "intended")}),
        (f"{A} қазір {M}пен кездесіп отыр.", {("meet", A, M, AFF, ASSERTED)}),
        (f"{A} {M}пен кездеседі.", {("meet", A, M, AFF, ASSERTED)}),
        (f"{A} {M}пен кездескен болатын.", {("meet", A, M, AFF, ASSERTED)}),
        (f"{A} {E}пен жүздесті.", {("meet", A, E, AFF, ASSERTED)}),
        (f"{M} {E}ке жолықты.", {("meet", M, E, AFF, ASSERTED)}),
        (f"{A} {E}ты қабылдады.", {("meet", A, E, AFF, ASSERTED)}),
        (f"{A} кеше {E}ты қабылдамады.", {("meet", A, E, NEG, ASSERTED)}),
    ])


def test_a_verb_of_going_with_a_destination_is_a_visit():
    check([
        (f"{A} ертең Ташкентке барады.", {("visit", A, "Ташкент", AFF, "intended")}),  # tomorrow: not yet
        (f"Парижге барған министр {A} баспасөзге сұхбат берді.", {("visit", A, "Париж", AFF, ASSERTED)}),
        (f"{A} Мәскеуге барғанда {M}пен кездесті.",
         {("visit", A, "Мәскеу", AFF, ASSERTED), ("meet", A, M, AFF, ASSERTED)}),
        (f"{A} Берлинге сапармен аттанды.", {("visit", A, "Берлин", AFF, ASSERTED)}),
        (f"{D} Бішкекке ресми сапармен келді.", {("visit", D, "Бішкек", AFF, ASSERTED)}),
        (f"{D} Токиоға ұшып кетті.", {("visit", D, "Токио", AFF, ASSERTED)}),
        ("Жапония делегациясы Астанаға келді.", {("visit", "Жапония", "Астана", AFF, ASSERTED)}),
        (f"{E} Анкараға баруды жоспарлап отыр.", {("visit", E, "Анкара", AFF, "intended")}),
        (f"{A} келесі айда Түркияға бармақ.", {("visit", A, "Түркия", AFF, "intended")}),
    ])


def test_participles_and_converbs_inside_longer_clauses():
    check([
        (f"{A} {M}пен кездесіп, екіжақты қарым-қатынасты талқылады.", {("meet", A, M, AFF, ASSERTED)}),
        (f"Анкараға барып, {D} {E}пен кездесті.",
         {("visit", D, "Анкара", AFF, ASSERTED), ("meet", D, E, AFF, ASSERTED)}),
        (f"{M}пен кездескен {A} баспасөзге мәлімдеме жасады.", {("meet", A, M, AFF, ASSERTED)}),
        (f"Жапония Қырғызстанға көмектескенін хабарлады.", {("help", "Жапония", "Қырғызстан", AFF, "reported")}),
        (f"Қазақстан Өзбекстанды қолдайтынын мәлімдеді.", {("support", "Қазақстан", "Өзбекстан", AFF, "reported")}),
    ])


def test_first_person_continuous_and_reported_forms():
    check([
        ("Қазақстан бұл бастаманы қолдаймыз деп мәлімдеді.", {("support", "Қазақстан", None, AFF, "reported")}),
        (f"{A} Жапонияның ұсынысын қолдаймыз деді.", {("support", A, "Жапония", AFF, "reported")}),
        ("Қазақстан Жапонияның ұсынысын қолдап жатыр.", {("support", "Қазақстан", "Жапония", AFF, ASSERTED)}),
        ("Қытайды Пәкістан қолдайды.", {("support", "Пәкістан", "Қытай", AFF, ASSERTED)}),
        ("Түркия Грузияны қолдады.", {("support", "Түркия", "Грузия", AFF, ASSERTED)}),
        ("Түркия Грузияны қолдамайды.", {("support", "Түркия", "Грузия", NEG, ASSERTED)}),
        ("Франция Германияның ұстанымын қолдайтынын айтты.", {("support", "Франция", "Германия", AFF, "reported")}),
        ("Біз Жапонияның бастамасын қолдаймыз.", set()),  # "we" names no party
        (f"{A} ертең Ташкентке барамыз деді.", {("visit", A, "Ташкент", AFF, "reported")}),
        (f"{M} қазір Берлинге барып жатыр.", {("visit", M, "Берлин", AFF, ASSERTED)}),
        (f"{E} Грузияның ұсынысын қолдап келеді.", {("support", E, "Грузия", AFF, ASSERTED)}),  # no visit
    ])


def test_light_verbs_and_multi_word_predicates():
    check([
        (f"{A} {M}пен телефонмен тілдесті.", {("call", A, M, AFF, ASSERTED)}),
        (f"{A} {M}пен телефон арқылы сөйлесті.", {("call", A, M, AFF, ASSERTED)}),
        (f"{D} {E}ке телефон соқты.", {("call", D, E, AFF, ASSERTED)}),
        (f"{A} {M}пен пікір алмасты.", {("meet", A, M, AFF, ASSERTED)}),
        (f"{A} {M}пен бас қосты.", {("meet", A, M, AFF, ASSERTED)}),
        ("Қазақстан мен Түркия бірлесіп жұмыс істеуге келісті.", {("cooperate", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        ("Қазақстан Түркиямен келісім жасасты.", {("cooperate", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        (f"{A} Жапонияға ризашылығын білдірді.", {("thank", A, "Жапония", AFF, ASSERTED)}),
        (f"{A} Жапонияға алғысын жолдады.", {("thank", A, "Жапония", AFF, ASSERTED)}),
        ("Жапония Қырғызстанға қаржы бөлді.", {("help", "Жапония", "Қырғызстан", AFF, ASSERTED)}),
        ("Германия Украинаға гуманитарлық көмек жіберді.", {("help", "Германия", "Украина", AFF, ASSERTED)}),
        ("Франция Мароккоға инвестиция салды.", {("invest", "Франция", "Марокко", AFF, ASSERTED)}),
        ("Қытай Вьетнамның әрекетін сынға алды.", {("condemn", "Қытай", "Вьетнам", AFF, ASSERTED)}),
        ("Қазақстан Иранға көмек беруге уәде берді.",
         {("pledge", "Қазақстан", "Иран", AFF, ASSERTED), ("help", "Қазақстан", "Иран", AFF, "intended")}),
    ])


def test_lists_of_parties_give_a_claim_per_agent():
    check([
        ("Қазақстан, Қырғызстан және Тәжікстан Өзбекстанмен ынтымақтасуға келісті.",
         {("cooperate", c, "Өзбекстан", AFF, ASSERTED) for c in ("Қазақстан", "Қырғызстан", "Тәжікстан")}),
        ("Жапония мен Оңтүстік Корея Моңғолияға көмектесті.",
         {("help", c, "Моңғолия", AFF, ASSERTED) for c in ("Жапония", "Оңтүстік Корея")}),
        ("Франция, Германия және Италия Украинаны қолдады.",
         {("support", c, "Украина", AFF, ASSERTED) for c in ("Франция", "Германия", "Италия")}),
        (f"{A} пен {D} Бішкекке барды.", {("visit", p, "Бішкек", AFF, ASSERTED) for p in (A, D)}),
    ])


def test_traps_stay_silent_or_say_what_they_are():
    check([
        ("Мұндай құбылыс табиғатта сирек кездеседі.", set()),  # "occurs": no partner, no meeting
        ("Бұл өнімнің сапасы Түркияда жоғары.", set()),  # сапа (quality) is no сапар (trip)
        ("Астанаға сәлемдеме келді.", set()),  # a parcel that arrives is no visit
        ("Қазақстанға көктем келді.", set()),
        ("Жапония Қазақстанға көмектесіп келеді.", {("help", "Жапония", "Қазақстан", AFF, ASSERTED)}),  # no visit
        ("Қазақстан Халық Банкі Қырғызстанға қаржы бөлді.",
         {("help", "Қазақстан Халық Банкі", "Қырғызстан", AFF, ASSERTED)}),  # the country inside the name
        (f"{A} Түркияға барса, {M}пен кездесуі мүмкін.",
         {("visit", A, "Түркия", AFF, HYPO), ("meet", A, M, AFF, "possible")}),
        (f"{A} Түркияға баруы мүмкін.", {("visit", A, "Түркия", AFF, "possible")}),
        (f"{A} {M}пен кездеспеді.", {("meet", A, M, NEG, ASSERTED)}),
        (f"{A} Бішкекке бармайды.", {("visit", A, "Бішкек", NEG, ASSERTED)}),
        ("Бұл әдісті көптеген елдер қолданады.", set()),  # қолдан- (use) is not қолда- (support)
        ("Ол Түркияда айыпталды.", set()),  # charged, not condemned
    ])


def test_a_pair_named_by_a_phrase_is_the_last_two_persons_named():
    check([
        (f"{A} мен {M} Астанада бас қосты. Екі ел басшысы телефон арқылы сөйлесті.",
         {("meet", A, M, AFF, ASSERTED), ("call", A, M, AFF, ASSERTED)}),
        (f"{A} Түркияға барды. {M}тің айтуынша, қос елдің басшысы телефон арқылы келісімге келген.",
         {("visit", A, "Түркия", AFF, ASSERTED), ("call", A, M, AFF, "reported")}),
        ("Екі ел басшылары кездесті.", set()),  # no persons named before: no claim
        (f"{A} Жапонияға барды. Екі ел басшысы кездесті.", {("visit", A, "Жапония", AFF, ASSERTED)}),  # one person
    ])


def test_every_predicate_reads_its_verb_in_any_form():
    check([
        # call
        (f"{A} {M}пен телефон арқылы сөйлеспеді.", {("call", A, M, NEG, ASSERTED)}),
        (f"{A} {M}пен телефон арқылы сөйлеспек.", {("call", A, M, AFF, "intended")}),
        (f"{A} {M}ке телефон шалды.", {("call", A, M, AFF, ASSERTED)}),
        (f"{A} {M}пен телефонмен хабарласып, жағдайды талқылады.", {("call", A, M, AFF, ASSERTED)}),
        # thank
        (f"{A} Қытайға алғыс айтпады.", {("thank", A, "Қытай", NEG, ASSERTED)}),
        (f"{A} Қытайға алғыс білдірді.", {("thank", A, "Қытай", AFF, ASSERTED)}),
        (f"{A} Қытайға алғыс айтып, ынтымақтастықты жалғастыруға шақырды.", {("thank", A, "Қытай", AFF, ASSERTED)}),
        (f"{A} Қытайға ризашылығын білдірмеді.", {("thank", A, "Қытай", NEG, ASSERTED)}),
        # help
        ("Жапония Моңғолияға көмектеспеді.", {("help", "Жапония", "Моңғолия", NEG, ASSERTED)}),
        ("Жапония Моңғолияға көмектеседі.", {("help", "Жапония", "Моңғолия", AFF, ASSERTED)}),
        ("Жапония Моңғолияға көмек көрсетпек.", {("help", "Жапония", "Моңғолия", AFF, "intended")}),
        ("Жапония Моңғолияға қаржы бөлмеді.", {("help", "Жапония", "Моңғолия", NEG, ASSERTED)}),
        # cooperate
        ("Қазақстан Түркиямен ынтымақтасады.", {("cooperate", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        ("Қазақстан Түркиямен ынтымақтастықты нығайтты.", {("cooperate", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        ("Қазақстан Түркиямен келісім жасаспады.", {("cooperate", "Қазақстан", "Түркия", NEG, ASSERTED)}),
        ("Қазақстан Түркиямен бірлесіп жұмыс істейді.", {("cooperate", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        # support
        ("Қытай Пәкістанды қолдаса, Үндістан наразы болады.", {("support", "Қытай", "Пәкістан", AFF, HYPO)}),
        ("Қытай Пәкістанды қолдамақ.", {("support", "Қытай", "Пәкістан", AFF, "intended")}),
        # condemn
        ("Франция Иранды айыптады.", {("condemn", "Франция", "Иран", AFF, ASSERTED)}),
        ("Франция Иранның әрекетін айыптамады.", {("condemn", "Франция", "Иран", NEG, ASSERTED)}),
        ("Франция Иранды сынады.", {("condemn", "Франция", "Иран", AFF, ASSERTED)}),
        ("Франция Иранға наразылығын білдірді.", {("condemn", "Франция", None, AFF, ASSERTED)}),
        # invest
        ("Қытай Қазақстанға инвестиция салмақ.", {("invest", "Қытай", "Қазақстан", AFF, "intended")}),
        ("Қытай Қазақстанға инвестиция салмады.", {("invest", "Қытай", "Қазақстан", NEG, ASSERTED)}),
        ("Қытай Қазақстанға инвестиция құйып келеді.", {("invest", "Қытай", "Қазақстан", AFF, ASSERTED)}),
        ("Қытай Қазақстанды инвестицияламайды.", {("invest", "Қытай", None, NEG, ASSERTED)}),
        # pledge
        ("Жапония Моңғолияға көмектесуге уәде етті.",
         {("pledge", "Жапония", "Моңғолия", AFF, ASSERTED), ("help", "Жапония", "Моңғолия", AFF, "intended")}),
        ("Жапония Моңғолияға уәде бермеді.", {("pledge", "Жапония", "Моңғолия", NEG, ASSERTED)}),
        # sign
        (f"{A} {M}пен келісімге қол қойды.", {("sign", A, M, AFF, ASSERTED)}),
        (f"{A} {M}пен келісімге қол қоймады.", {("sign", A, M, NEG, ASSERTED)}),
        (f"{A} {M}пен келісімге қол қоймақ.", {("sign", A, M, AFF, "intended")}),
        # attack
        ("Ресей Украинаға соққы берді.", {("attack", "Ресей", "Украина", AFF, ASSERTED)}),
        ("Ресей Украинаға соққы бермеді.", {("attack", "Ресей", "Украина", NEG, ASSERTED)}),
        ("Ресей Украинаға басып кірді.", {("attack", "Ресей", "Украина", AFF, ASSERTED)}),
        # located_in
        ("Жапония әскерлері Кореяда орналасқан.", {("located_in", "Жапония", "Оңтүстік Корея", AFF, ASSERTED)}),
        ("Жапония әскерлері Кореяда орналаспаған.", {("located_in", "Жапония", "Оңтүстік Корея", NEG, ASSERTED)}),
    ])


def test_every_predicate_has_eight_sentences_more_forms():
    check([
        # thank
        (f"{A} Қытайға алғысын жолдамақ.", {("thank", A, "Қытай", AFF, "intended")}),
        (f"Қытайға алғыс айтқан {A} баспасөзге сұхбат берді.", {("thank", A, "Қытай", AFF, ASSERTED)}),
        # condemn
        ("Франция Иранды айыптап отыр.", {("condemn", "Франция", "Иран", AFF, ASSERTED)}),
        ("Иранды айыптаған Франция жаңа шешім қабылдады.", {("condemn", "Франция", "Иран", AFF, ASSERTED)}),
        # invest
        ("Қытай Қазақстанға инвестиция салды.", {("invest", "Қытай", "Қазақстан", AFF, ASSERTED)}),
        ("Қытай Қазақстанға инвестиция салса, жаңа зауыт ашылады.", {("invest", "Қытай", "Қазақстан", AFF, HYPO)}),
        ("Қытай Қазақстанға инвестиция салып жатыр.", {("invest", "Қытай", "Қазақстан", AFF, ASSERTED)}),
        # pledge
        ("Жапония Моңғолияға уәде берді.", {("pledge", "Жапония", "Моңғолия", AFF, ASSERTED)}),
        ("Жапония Моңғолияға уәде етпеді.", {("pledge", "Жапония", "Моңғолия", NEG, ASSERTED)}),
        ("Жапония Моңғолияға уәде беріп отыр.", {("pledge", "Жапония", "Моңғолия", AFF, ASSERTED)}),
        ("Жапония Моңғолияға міндеттеме алды.", {("pledge", "Жапония", "Моңғолия", AFF, ASSERTED)}),
        # sign
        (f"{A} {M}пен келісімге қол қойып, Астанаға оралды.", {("sign", A, M, AFF, ASSERTED)}),
        (f"{A} {M}пен келісімге қол қоятын болды.", {("sign", A, M, AFF, ASSERTED)}),
        (f"{M}пен келісімге қол қойған {A} Астанаға оралды.", {("sign", A, M, AFF, ASSERTED)}),
        (f"{A} {M}пен келісімге қол қойса, екі ел арасындағы сауда артады.", {("sign", A, M, AFF, HYPO)}),
        (f"{A} {M}пен келісімге қол қойған жоқ.", {("sign", A, M, NEG, ASSERTED)}),
        # attack
        ("Ресей Украинаға шабуыл жасады.", {("attack", "Ресей", "Украина", AFF, ASSERTED)}),
        ("Ресей Украинаға шабуыл жасамады.", {("attack", "Ресей", "Украина", NEG, ASSERTED)}),
        ("Ресей Украинаға соққы жасамақ.", {("attack", "Ресей", "Украина", AFF, "intended")}),
        ("Ресей Украинаға басып кірмеді.", {("attack", "Ресей", "Украина", NEG, ASSERTED)}),
        ("Ресей Украинаға соққы беруі мүмкін.", {("attack", "Ресей", "Украина", AFF, "possible")}),
        # located_in
        ("Жапония әскерлері Кореяда орналасады.", {("located_in", "Жапония", "Оңтүстік Корея", AFF, ASSERTED)}),
        ("Жапония әскерлері Кореяда орналаспайды.", {("located_in", "Жапония", "Оңтүстік Корея", NEG, ASSERTED)}),
        ("Жапония әскерлері Кореяда орналасуы мүмкін.",
         {("located_in", "Жапония", "Оңтүстік Корея", AFF, "possible")}),
        ("Жапония әскерлері Кореяда орналаспақ.", {("located_in", "Жапония", "Оңтүстік Корея", AFF, "intended")}),
        ("Жапония әскерлері Кореяда орналасып жатыр.", {("located_in", "Жапония", "Оңтүстік Корея", AFF, ASSERTED)}),
        ("Жапония әскерлері Кореяда орналасты.", {("located_in", "Жапония", "Оңтүстік Корея", AFF, ASSERTED)}),
        # appoint: the appointee is the passive verb's subject, or the active verb's accusative
        (f"{A} Сенат депутаты болып тағайындалды.", {("appoint", A, None, AFF, ASSERTED)}),
        (f"{A} Сенат депутаты болып тағайындалмады.", {("appoint", A, None, NEG, ASSERTED)}),
        (f"{A} Сенат депутаты болып тағайындалмақ.", {("appoint", A, None, AFF, "intended")}),
        (f"{A} Сенат депутаты болып тағайындалуы мүмкін.", {("appoint", A, None, AFF, "possible")}),
        (f"Президент {A}ды министр етіп тағайындады.", {("appoint", A, None, AFF, ASSERTED)}),
        (f"Президент {A}ды министр етіп тағайындамады.", {("appoint", A, None, NEG, ASSERTED)}),
        (f"Президент {A}ды министр етіп тағайындамақ.", {("appoint", A, None, AFF, "intended")}),
        (f"Президент {A}ды министр етіп тағайындап, жаңа міндеттер жүктеді.", {("appoint", A, None, AFF, ASSERTED)}),
        # negotiate, guarantee
        ("Түркия Ресеймен келіссөз жүргізді.", {("negotiate", "Түркия", "Ресей", AFF, ASSERTED)}),
        ("Түркия Ресеймен келіссөз жүргізбеді.", {("negotiate", "Түркия", "Ресей", NEG, ASSERTED)}),
        ("Түркия Ресеймен келіссөздер жүргізіп жатыр.", {("negotiate", "Түркия", "Ресей", AFF, ASSERTED)}),
        ("Түркия Ресеймен келіссөз жүргізбек.", {("negotiate", "Түркия", "Ресей", AFF, "intended")}),
        ("Түркия Ресеймен келіссөз жүргізуі мүмкін.", {("negotiate", "Түркия", "Ресей", AFF, "possible")}),
        ("Түркия мен Ресей келіссөз жүргізді.", {("negotiate", "Түркия", "Ресей", AFF, ASSERTED)}),
        ("Түркия Ресеймен келіссөз жүргізуден бас тартты.", {("negotiate", "Түркия", "Ресей", NEG, ASSERTED)}),
        ("Түркия Ресеймен келіссөз жүргізген жоқ.", {("negotiate", "Түркия", "Ресей", NEG, ASSERTED)}),
        ("Франция Украинаға кепілдік берді.", {("guarantee", "Франция", "Украина", AFF, ASSERTED)}),
        ("Франция Украинаға кепілдік бермеді.", {("guarantee", "Франция", "Украина", NEG, ASSERTED)}),
        ("Франция Украинаға кепілдік бермек.", {("guarantee", "Франция", "Украина", AFF, "intended")}),
        ("Франция Украинаға кепілдік ұсынды.", {("guarantee", "Франция", "Украина", AFF, ASSERTED)}),
        ("Франция Украинаға кепілдік беріп отыр.", {("guarantee", "Франция", "Украина", AFF, ASSERTED)}),
        ("Франция Украинаға кепілдік беруі мүмкін.", {("guarantee", "Франция", "Украина", AFF, "possible")}),
        ("Украина Франциядан кепілдік алды.", {("guarantee", "Франция", "Украина", AFF, ASSERTED)}),
        ("Франция Украинаға кепілдік беруге уәде берді.",
         {("guarantee", "Франция", "Украина", AFF, "intended"), ("pledge", "Франция", "Украина", AFF, ASSERTED)}),
    ])


def test_a_noun_trigger_negated_once_by_the_word_after_it():
    # the partner's head is the trigger itself: its емес / жоқ negates the claim once, not twice
    check([
        ("Түркия мен Әзірбайжан серіктестігі жоқ.", {("cooperate", "Түркия", "Әзірбайжан", NEG, ASSERTED)}),
        ("Қазақстан мен Түркия серіктес емес.", {("cooperate", "Қазақстан", "Түркия", NEG, ASSERTED)}),
        ("Қазақстан мен Түркия серіктес.", {("cooperate", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        # a name negated on its own still is: not to Turkey, but to Russia
        ("Қазақстан Түркияға емес, Ресейге көмек көрсетті.",
         {("help", "Қазақстан", "Түркия", NEG, ASSERTED), ("help", "Қазақстан", "Ресей", AFF, ASSERTED)}),
    ])


def test_a_conditional_clause_is_hypothetical_and_a_plan_at_its_end_intended():
    check([
        ("Егер Қытай Тайваньға шабуыл жасаса, соғыс басталады.", {("attack", "Қытай", "Тайвань", AFF, HYPO)}),
        ("Қытай Тайваньға шабуыл жасаған жағдайда соғыс басталады.", {("attack", "Қытай", "Тайвань", AFF, HYPO)}),
        ("Егер Жапония Моңғолияға көмек көрсетсе, сауда артады.", {("help", "Жапония", "Моңғолия", AFF, HYPO)}),
        (f"Егер {A} {M}пен кездессе, келісім жасалады.", {("meet", A, M, AFF, HYPO)}),
        # "although they met": a concessive is no condition
        (f"{A} {M}пен кездескен болса да, ештеңе өзгермеді.", {("meet", A, M, AFF, ASSERTED)}),
        # "мүмкін" stays a possibility
        ("Қытай Тайваньға шабуыл жасауы мүмкін.", {("attack", "Қытай", "Тайвань", AFF, "possible")}),
        # a plan at the end of the clause, past the words right after the trigger
        ("Қазақстан Түркияға көмек көрсетуді келесі жылдың басында жоспарлап отыр.",
         {("help", "Қазақстан", "Түркия", AFF, "intended")}),
        (f"{A} {M}пен келесі аптада Парижде кездесуді жоспарлап отыр.", {("meet", A, M, AFF, "intended")}),
        ("Жапония Моңғолияға көмек көрсетіп, келесі жылы Қытаймен келіссөз жүргізбек.",
         {("help", "Жапония", "Моңғолия", AFF, ASSERTED), ("negotiate", "Жапония", "Қытай", AFF, "intended")}),
        # the plan of another clause is not this one's
        ("Жапония Моңғолияға көмек көрсетті, ал Қытай Ресеймен келіссөз жүргізбек.",
         {("help", "Жапония", "Моңғолия", AFF, ASSERTED), ("negotiate", "Қытай", "Ресей", AFF, "intended")}),
    ])


def test_a_title_with_no_name_stands_for_its_holder():
    # the country (or organisation) before the title is the agent; a person the document named
    # before with that title of that country is, when there is one
    check([
        ("Қазақстан Президенті Түркияға алғыс айтты.", {("thank", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        ("Қазақстан Президенті бүгін Түркияны қолдады.", {("support", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        ("Жапония Сыртқы істер министрі Қытаймен кездесті.", {("meet", "Жапония", "Қытай", AFF, ASSERTED)}),
        ("Қазақстан мен Түркия Президенттері Анкарада кездесті.",
         {("meet", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        (f"Қазақстан Президенті {A} Анкараға барды. Қазақстан Президенті Түркияға алғыс айтты.",
         {("visit", A, "Анкара", AFF, ASSERTED), ("thank", A, "Түркия", AFF, ASSERTED)}),
        # another country's president named before is not this one
        (f"Франция Президенті {M} Анкараға барды. Қазақстан Президенті Түркияға алғыс айтты.",
         {("visit", M, "Анкара", AFF, ASSERTED), ("thank", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        # a title before a name is the name's; a title that possesses a noun is no subject
        (f"Қазақстан Президенті {A} Түркияға алғыс айтты.", {("thank", A, "Түркия", AFF, ASSERTED)}),
        ("Болгария, Польша және Румыния өкілдері Түркияны қолдады.",
         {("support", c, "Түркия", AFF, ASSERTED) for c in ("Болгария", "Польша", "Румыния")}),
        ("Қазақстан Президенті жанындағы кеңес Түркияны қолдады.", set()),
        ("Қазақстан Президенті сайлауы Түркияда талқыланды.", set()),
    ])


def test_doing_something_jointly_with_a_named_partner_is_cooperation():
    check([
        ("Қазақстан Түркиямен бірлесіп, жаңа зауыт салды.", {("cooperate", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        ("Қазақстан Түркиямен бірлесе отырып, жаңа зауыт салады.",
         {("cooperate", "Қазақстан", "Түркия", AFF, ASSERTED)}),
        ("Қазақстан Түркиямен бірлеспеді.", {("cooperate", "Қазақстан", "Түркия", NEG, ASSERTED)}),
        # an adjective (joint), or two persons writing a book, is no such claim
        ("Қазақстан мен Қытай бірлескен жобаны іске асырады.", set()),
        (f"{A} {M}пен бірлесіп кітап жазды.", set()),
    ])


def test_a_referring_title_is_the_subject_not_the_company_after_it():
    # "the head of state met company X's director Y": X is no agent; with no person named, no claim
    check([
        (f"Сондай-ақ Мемлекет басшысы Bloomberg Media Group компаниясының бас атқарушы директоры {A}мен де кездесті.",
         set()),
        (f"Мемлекет басшысы {A} {M}пен кездесті.", {("meet", A, M, AFF, ASSERTED)}),
        ("Елбасы мәлімдегендей, Қазақстан Түркияны қолдайды.", {("support", "Қазақстан", "Түркия", AFF, ASSERTED)}),
    ])
