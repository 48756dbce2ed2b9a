"""Who did what to whom: tiny Kazakh texts with the claims written out."""
from conftest import claims_of, hand_pipeline


def run(text, date="2024-03-06", **names):
    return hand_pipeline(**names).process(text, date=date, doc_id="t")


def test_relations_thank_with_title_and_role():
    r = run("Франция президенті Эмманюэль Макрон Германияға алғыс айтты.", persons=["Эмманюэль Макрон"])
    assert claims_of(r) == [
        {"predicate": "has_role", "agent": "Эмманюэль Макрон", "theme": "Франция", "polarity": "affirmed",
         "modality": "asserted", "text": "президенті"},
        {"predicate": "thank", "agent": "Эмманюэль Макрон", "recipient": "Германия", "polarity": "affirmed",
         "modality": "asserted", "text": "Эмманюэль Макрон Германияға алғыс айтты"},
    ]
    person = next(e for e in r.entities if e.type == "Person")
    assert person.job_title == "президенті" and person.affiliation == "country:FR"


def test_relations_coordinated_agents_and_nested_trigger():
    r = run("Жапония мен Оңтүстік Корея Қазақстанға көмек жіберуге уәде етті.")
    got = {(c["predicate"], c["agent"], c.get("recipient"), c["modality"]) for c in claims_of(r)}
    assert got == {
        ("pledge", "Жапония", "Қазақстан", "asserted"), ("pledge", "Оңтүстік Корея", "Қазақстан", "asserted"),
        ("help", "Жапония", "Қазақстан", "intended"), ("help", "Оңтүстік Корея", "Қазақстан", "intended"),
    }


def test_relations_group_inflection_gives_both_recipients():
    r = run("Өзбекстан Қазақстан мен Қытайға алғыс айтты.")
    assert {(c["agent"], c["recipient"]) for c in claims_of(r)} == {("Өзбекстан", "Қазақстан"), ("Өзбекстан", "Қытай")}


def test_relations_quantified_group_as_agent():
    r = run("Украинаға көмек көрсетуге 26 елдің уәде етуі маңызды болды.")
    group = next(e for e in r.entities if e.type == "Group")
    assert (group.name, group.count, group.member_type) == ("26 ел", 26, "Country")
    pledge = next(c for c in r.claims if c.predicate == "pledge")
    assert pledge.agent == group.id and pledge.recipient == "country:UA"


def test_relations_group_of_persons_with_approximator():
    r = run("100-ден астам адам митингке қатысты.")
    group = next(e for e in r.entities if e.type == "Group")
    assert (group.count, group.member_type) == (100, "Person")


def test_relations_quote_speech_and_reported_relation_with_author():
    r = run("Макрон: «Франция Ресеймен келіссөз жүргізбейді», - деді.", persons=["Макрон"])
    assert claims_of(r, keep=("predicate", "agent", "recipient", "polarity", "modality", "author", "text")) == [
        {"predicate": "say", "agent": "Макрон", "polarity": "affirmed", "modality": "asserted",
         "text": "Франция Ресеймен келіссөз жүргізбейді"},
        {"predicate": "negotiate", "agent": "Франция", "recipient": "Ресей", "polarity": "negated",
         "modality": "reported", "author": "Макрон", "text": "Франция Ресеймен келіссөз жүргізбейді"},
    ]


def test_relations_according_to_and_pronoun_speaker():
    text = ("Шольцтің айтуынша, Германия Украинаға көмек беруі тиіс. "
            "Оның сөзінше: «Біз дайынбыз», – деді.")
    r = run(text, persons=["Шольц"])
    says = [c for c in claims_of(r) if c["predicate"] == "say"]
    assert [(c["agent"], c["text"]) for c in says] == [
        ("Шольц", "Германия Украинаға көмек беруі тиіс"), ("Шольц", "Біз дайынбыз")]
    help_ = next(c for c in claims_of(r) if c["predicate"] == "help")
    assert (help_["agent"], help_["recipient"], help_["modality"], help_["author"]) == (
        "Германия", "Украина", "obligation", "Шольц")


def test_relations_reported_clause_with_negated_location():
    text = "Песков солтүстіккореялық әскерлердің Украинада емес, тек Ресей аумағында орналасқанын мәлімдеді."
    r = run(text, persons=["Песков"])
    located = {(c["agent"], c["location"], c["polarity"], c["author"])
               for c in claims_of(r) if c["predicate"] == "located_in"}
    assert located == {("Солтүстік Корея", "Украина", "negated", "Песков"),
                       ("Солтүстік Корея", "Ресей", "affirmed", "Песков")}


def test_relations_dative_under_a_postposition_is_no_recipient():
    r = run("Трамптың талпыныстарына қарамастан, Ресей Украинаға шабуыл жасады.", persons=["Трамп"])
    attack = next(c for c in claims_of(r) if c["predicate"] == "attack")
    assert (attack["agent"], attack["recipient"]) == ("Ресей", "Украина")


def test_relations_negative_verb_form():
    r = run("Ресей бұл жолы көмек бере алмайтынын айтты.")
    help_ = next(c for c in r.claims if c.predicate == "help")
    assert help_.polarity == "negated" and help_.agent == "country:RU"


def test_relations_relative_and_explicit_dates():
    r = run("Путин сәрсенбі күні Қытайға алғыс айтты. Ресей 2022 жылдың ақпан айында Украинаға шабуыл жасады.",
            date="2025-09-05", persons=["Путин"])
    assert {c.predicate: c.date for c in r.claims} == {"thank": "2025-09-03", "attack": "2022-02-01"}


def test_relations_year_relative_to_the_document_with_a_month():
    r = run("Өткен жылдың қараша айында Жапония Моңғолияға көмек берді. Биыл 5 наурызда Франция Германияға "
            "алғыс айтты. Былтыр Италия Грекияға көмектесті.", date="2025-06-10")
    assert [(c.predicate, c.date) for c in r.claims] == [("help", "2024-11-01"), ("thank", "2025-03-05"),
                                                         ("help", "2024-01-01")]


def test_relations_partial_name_links_to_full_name():
    r = run("Дмитрий Песков Қытайға барды. Песковтың айтуынша, Ресей Қытайға алғыс айтты.",
            persons=["Дмитрий Песков", "Песков"])
    persons = [e for e in r.entities if e.type == "Person"]
    assert [(p.id, p.name) for p in persons] == [("person:dmitrii-peskov", "Дмитрий Песков")]
    assert set(persons[0].alternate_names) == {"Песковтың"}
    say = next(c for c in r.claims if c.predicate == "say")
    assert say.agent == "person:dmitrii-peskov"


def test_relations_inflected_person_names_are_normalised():
    r = run("Путин Ким Чен Ынға алғыс айтты. Ол Кимге хат жазды.", persons=["Путин", "Ким Чен Ын", "Ким"])
    persons = {e.name: e for e in r.entities if e.type == "Person"}
    assert set(persons) == {"Путин", "Ким Чен Ын"}
    assert set(persons["Ким Чен Ын"].alternate_names) == {"Ким Чен Ынға", "Кимге"}
    thank = next(c for c in r.claims if c.predicate == "thank")
    assert thank.recipient == persons["Ким Чен Ын"].id


def test_relations_every_claim_points_into_the_text():
    text = "Жапония Қазақстанға көмектесті. Макрон: «Франция Ресеймен келіссөз жүргізбейді», - деді."
    r = run(text, persons=["Макрон"])
    assert r.claims
    for c in r.claims:
        assert text[c.evidence.start:c.evidence.end] == c.evidence.exact


def test_relations_title_without_organisation_sets_job_title_only():
    r = run("Форумда сөйлеген баспасөз хатшысы Дмитрий Песков келді.", persons=["Дмитрий Песков"])
    person = next(e for e in r.entities if e.type == "Person")
    assert (person.job_title, person.affiliation) == ("баспасөз хатшысы", None)
    assert [c.predicate for c in r.claims] == []


def test_relations_complement_takes_the_subject_of_the_later_verb():
    r = run("Қазақстанға кепілдік беруді 12 елдің уәде етуі маңызды.")
    got = {(c["predicate"], c["agent"], c.get("recipient"), c["modality"]) for c in claims_of(r)}
    assert got == {("pledge", "12 ел", "Қазақстан", "asserted"), ("guarantee", "12 ел", "Қазақстан", "intended")}


def test_relations_organisations_by_any_name_and_inflection():
    r = run("НАТО-ға мүше болу туралы Солтүстік Атлант шарты ұйымының мәлімдемесі шықты. "
            "Біріккен Ұлттар Ұйымына БҰҰ-ның өкілі келді. Ақ үйдің жанында ақ үй тұр.")
    orgs = [(m.text, m.entity_id) for m in r.mentions if m.label == "ORG"]
    assert orgs == [("НАТО-ға", "org:nato"), ("Солтүстік Атлант шарты ұйымының", "org:nato"),
                    ("Біріккен Ұлттар Ұйымына", "org:birikken-ulttar-uiymy"),
                    ("БҰҰ-ның", "org:birikken-ulttar-uiymy"), ("Ақ үйдің", "org:ak-ui")]
    assert {e.name for e in r.entities if e.type == "Organization"} == {"НАТО", "Біріккен Ұлттар Ұйымы", "Ақ үй"}


def test_relations_statement_of_an_organisation_and_passive_speech():
    r = run("Сәрсенбі күні Ақорда тарапынан жасалған мәлімдемеде, Қазақстан Қырғызстанға көмек жіберетіні айтылды. "
            "БҰҰ-ның хабарламасында Моңғолия Жапонияға алғыс білдірмеді делінген. "
            "Ресей Грузияға шабуыл жасады делінген.")
    got = claims_of(r, keep=("predicate", "agent", "recipient", "polarity", "author", "text"))
    assert got == [
        {"predicate": "say", "agent": "Ақорда", "polarity": "affirmed",
         "text": "Қазақстан Қырғызстанға көмек жіберетіні"},
        {"predicate": "say", "agent": "Біріккен Ұлттар Ұйымы", "polarity": "affirmed",
         "text": "Моңғолия Жапонияға алғыс білдірмеді"},
        {"predicate": "help", "agent": "Қазақстан", "recipient": "Қырғызстан", "polarity": "affirmed",
         "author": "Ақорда", "text": "Қазақстан Қырғызстанға көмек жіберетіні айтылды"},
        {"predicate": "thank", "agent": "Моңғолия", "recipient": "Жапония", "polarity": "negated",
         "author": "Біріккен Ұлттар Ұйымы", "text": "Моңғолия Жапонияға алғыс білдірмеді делінген"},
        # a passive speech verb with no "X тарапынан": nobody is the speaker
        {"predicate": "attack", "agent": "Ресей", "recipient": "Грузия", "polarity": "affirmed",
         "text": "Ресей Грузияға шабуыл жасады делінген"},
    ]


def test_relations_negation_after_a_passive_suffix():
    r = run("Ресей тарапынан Украинаға көмек берілмейтіні айтылды.")
    help_ = next(c for c in claims_of(r) if c["predicate"] == "help")
    assert (help_["agent"], help_["recipient"], help_["polarity"]) == ("Ресей", "Украина", "negated")
    say = next(c for c in claims_of(r) if c["predicate"] == "say")
    assert (say["agent"], say["text"]) == ("Ресей", "Украинаға көмек берілмейтіні")


def test_relations_title_inside_a_person_span_and_two_surnames_in_one():
    r = run("Қазақстан Президенті Қасым-Жомарт Тоқаев Әзербайжан Президенті Ильхам Әлиевпен келіссөз жүргізді. "
            "Тоқаев Әлиевке алғыс айтты.",
            persons=["Президенті Қасым-Жомарт Тоқаев", "Ильхам Әлиев", "Тоқаев Әлиев"])
    assert [(m.text, m.entity_id) for m in r.mentions if m.label == "PERSON"] == [
        ("Қасым-Жомарт Тоқаев", "person:kasym-zhomart-tokaev"), ("Ильхам Әлиевпен", "person:ilkham-aliev"),
        ("Тоқаев", "person:kasym-zhomart-tokaev"), ("Әлиевке", "person:ilkham-aliev")]
    got = {(c["predicate"], c["agent"], c.get("recipient"), c.get("theme"), c.get("partner")) for c in claims_of(r)}
    assert got == {
        ("has_role", "Қасым-Жомарт Тоқаев", None, "Қазақстан", None),
        ("has_role", "Ильхам Әлиев", None, "Әзірбайжан", None),
        ("negotiate", "Қасым-Жомарт Тоқаев", "Ильхам Әлиев", None, None),  # symmetric: the partner receives
        ("thank", "Қасым-Жомарт Тоқаев", "Ильхам Әлиев", None, None),
    }


def test_relations_country_that_opens_an_organisation_name_and_possessor_before_speaker():
    r = run("Ресей Қорғаныс министрлігінің хабарлауынша, Украина Белгородқа шабуыл жасады. "
            "АҚШ Мемлекеттік департаменті Қазақстанға көмек беретінін хабарлады.",
            orgs=["Ресей Қорғаныс министрлігі"], places=["Белгород"])
    got = {(c["predicate"], c["agent"], c.get("recipient"), c.get("author")) for c in claims_of(r)}
    assert got == {
        ("say", "Ресей Қорғаныс министрлігі", None, None),
        ("attack", "Украина", "Белгород", "Ресей Қорғаныс министрлігі"),
        ("say", "Мемлекеттік департамент", None, None),
        ("help", "Мемлекеттік департамент", "Қазақстан", "Мемлекеттік департамент"),
    }


def test_relations_event_noun_as_object_takes_its_possessor_not_the_subject():
    r = run("Қазақстан Ресейдің Украинаға шабуылын айыптады. Жапония бейбіт келіссөздерді қолдайды. "
            "Израиль Ливанға шабуылдады.")
    got = {(c["predicate"], c["agent"], c.get("recipient")) for c in claims_of(r)}
    assert got == {("attack", "Ресей", "Украина"), ("attack", "Израиль", "Ливан"),
                   # the condemned is the attack's possessor; supporting talks needs no recipient
                   ("condemn", "Қазақстан", "Ресей"), ("support", "Жапония", None)}


def test_relations_two_surnames_in_one_span_and_he_is_the_last_subject():
    r = run("Шавкат Мирзиёев: «Біз дайынбыз», - деді. Садыр Жапаров Тоқаевқа алғыс айтты. "
            "Ол Қазақстанның Қырғызстанға көмектескенін атап өтті.",
            persons=["Шавкат Мирзиёев", "Садыр Жапаров Тоқаев"])
    got = {(c["predicate"], c["agent"], c.get("recipient"), c.get("author")) for c in claims_of(r)}
    assert got == {
        ("say", "Шавкат Мирзиёев", None, None),
        ("thank", "Садыр Жапаров", "Тоқаев", None),
        # "Ол" is Жапаров, the last subject, not Мирзиёев, the last speaker
        ("say", "Садыр Жапаров", None, None),
        ("help", "Қазақстан", "Қырғызстан", "Садыр Жапаров"),
    }


def test_relations_organisation_inside_a_position_and_speaker_after_the_verb():
    r = run("Ресей Сыртқы істер министрлігінің ресми өкілі Мария Захарова Қазақстанға алғыс айтты. "
            "«Біз Қытаймен келісімге қол қойдық», - деп мәлімдеді Захарова.",
            persons=["Мария Захарова"], positions=["Ресей Сыртқы істер министрлігінің ресми өкілі"])
    got = {(c["predicate"], c["agent"], c.get("recipient"), c.get("theme")) for c in claims_of(r)}
    assert got == {
        ("has_role", "Мария Захарова", None, "Ресей Сыртқы істер министрлігі"),
        ("thank", "Мария Захарова", "Қазақстан", None),
        ("say", "Мария Захарова", None, None),
    }


def test_relations_event_noun_before_a_postposition_is_no_event_of_the_subject():
    r = run("Марк Рютте одақтастар Украинаға әуе шабуылына қарсы жүйелер беруі тиіс екенін айтты. "
            "Ресей шабуылдан кейін Украинаға көмектесті.", persons=["Марк Рютте"])
    got = {(c["predicate"], c["agent"], c.get("recipient")) for c in claims_of(r)}
    assert got == {("say", "Марк Рютте", None), ("help", "Ресей", "Украина")}


def test_relations_person_span_with_a_trailing_city_and_a_particle_name():
    r = run("Сирия президенті Башар әл-Асад Мәскеуге келді. Египет президенті Абдул-Фаттах әс-Сиси Ресейге алғыс айтты.",
            persons=["Башар әл-Асад Мәскеу", "Абдул-Фаттах әс-Сиси"])
    assert [(m.text, m.label, m.entity_id) for m in r.mentions if m.label in ("PERSON", "GPE")] == [
        ("Башар әл-Асад", "PERSON", "person:bashar-al-asad"), ("Мәскеуге", "GPE", "place:maskeu"),
        ("Абдул-Фаттах әс-Сиси", "PERSON", "person:abdul-fattakh-as-sisi")]
    got = {(c["predicate"], c["agent"], c.get("recipient"), c.get("theme"), c.get("location")) for c in claims_of(r)}
    assert got == {("has_role", "Башар әл-Асад", None, "Сирия", None),
                   ("has_role", "Абдул-Фаттах әс-Сиси", None, "Мысыр", None),
                   ("visit", "Башар әл-Асад", None, None, "Мәскеу"),  # came to Moscow: a visit
                   ("thank", "Абдул-Фаттах әс-Сиси", "Ресей", None, None)}


def test_relations_name_particles_a_trailing_capital_and_a_partial_name_run():
    r = run("Еурокомиссия төрайымы Урсула фон дер Ляйен Астанаға келді. "
            "Фон дер Ляйеннің айтуынша, Еуропалық Одақ Қазақстанға көмектеседі.",
            persons=["Ляйен Астана", "Фон дер Ляйен"])
    persons = {e.name for e in r.entities if e.type == "Person"}
    assert persons == {"Урсула фон дер Ляйен"}
    assert "place:astana" in {e.id for e in r.entities}
    got = {(c["predicate"], c["agent"], c.get("recipient"), c.get("theme"), c.get("author")) for c in claims_of(r)}
    assert got == {
        ("has_role", "Урсула фон дер Ляйен", None, "Еуропалық комиссия", None),
        ("visit", "Урсула фон дер Ляйен", None, None, None),  # Астанаға келді
        ("say", "Урсула фон дер Ляйен", None, None, None),
        ("help", "Еуропалық Одақ", "Қазақстан", None, "Урсула фон дер Ляйен"),
    }


def test_relations_received_from_the_ablative_giver():
    r = run("Грузия Түркиядан көмек алды. Моңғолия Жапония мен Қытайдан қолдау алмады. "
            "Келісім бойынша Армения Франция және Италиядан қауіпсіздік кепілдіктері есебінде бейтарап қалуы тиіс. "
            "Бұл кепілдік туралы Испания ештеңе айтпады.")
    got = {(c["predicate"], c["agent"], c.get("recipient"), c["polarity"]) for c in claims_of(r)}
    assert got == {
        ("help", "Түркия", "Грузия", "affirmed"),
        ("help", "Жапония", "Моңғолия", "negated"), ("help", "Қытай", "Моңғолия", "negated"),
        ("guarantee", "Франция", "Армения", "affirmed"), ("guarantee", "Италия", "Армения", "affirmed"),
    }


def test_relations_event_noun_object_of_a_verb_that_carries_it_out_and_a_merged_city_span():
    r = run("Путиннің айтуынша, Мәскеу Вашингтонмен келіссөздерді жалғастыруға дайын. "
            "Жапония бейбіт келіссөздерді қолдайды.", persons=["Путин"], orgs=["Мәскеу Вашингтон"])
    assert [(m.text, m.label) for m in r.mentions if m.label != "PERSON"] == [
        ("Мәскеу", "GPE"), ("Вашингтонмен", "GPE"), ("Жапония", "COUNTRY")]
    got = {(c["predicate"], c["agent"], c.get("recipient"), c.get("author")) for c in claims_of(r)}
    assert got == {("say", "Путин", None, None), ("negotiate", "Мәскеу", "Вашингтон", "Путин"),
                   ("support", "Жапония", None, None)}


def test_relations_news_agencies_as_speakers_and_a_between_pair_as_agent():
    r = run("Reuters агенттігінің хабарлауынша, Қытай Ресейге көмектескен. "
            "«Біз дайынбыз», - деп жазды Еуропалық комиссия өз парақшасында. "
            "Kazinform агенттігі Қазақстан Өзбекстанға көмек жібергенін хабарлады. "
            "Түркия Ресей мен Украина арасында келіссөз жүргізді.")
    got = {(c["predicate"], c["agent"], c.get("recipient"), c.get("partner"), c.get("author")) for c in claims_of(r)}
    assert got == {
        ("say", "Reuters", None, None, None), ("help", "Қытай", "Ресей", None, "Reuters"),
        ("say", "Еуропалық комиссия", None, None, None),
        ("say", "Kazinform", None, None, None), ("help", "Қазақстан", "Өзбекстан", None, "Kazinform"),
        ("negotiate", "Ресей", "Украина", None, None),  # symmetric: A мен B арасында -> A agent, B recipient
    }
    kazinform = next(c for c in r.claims if c.predicate == "say" and c.agent == "org:kazinform")
    assert kazinform.text == "Қазақстан Өзбекстанға көмек жібергенін"


def test_relations_according_to_a_service_of_an_organisation():
    r = run("Ақорданың баспасөз қызметінің хабарлауынша, Қазақстан Қырғызстанға көмектеседі.")
    got = {(c["predicate"], c["agent"], c.get("recipient"), c.get("author")) for c in claims_of(r)}
    assert got == {("say", "Ақорда", None, None), ("help", "Қазақстан", "Қырғызстан", "Ақорда")}


def test_speech_according_to_with_nothing_after_it_is_no_claim_and_no_crash(nlp):
    # an "according to" phrase that closes its sentence reports nothing: no say claim, no error
    r = nlp.process("Форум өтті. АҚШ-тағы институттың мамандарының мәліметінше.", date="2024-03-01")
    assert [c for c in r.claims if c.predicate == "say"] == []
    r = nlp.process("Жиын болды. Ресейдің айтуынша.", date="2024-03-01")
    assert [c for c in r.claims if c.predicate == "say"] == []


def test_a_genitive_owns_the_noun_that_names_the_next_person():
    """"X-тың ұлы Y ...": Y is the subject; X only says whose son he is."""
    got = claims_of(hand_pipeline(persons=["Асан Әлиев", "Марат Әлиев"]).process(
        "Асан Әлиевтің ұлы Марат Әлиев Жапонияға алғыс айтты.", doc_id="t"), keep=("predicate", "agent", "recipient"))
    assert got == [{"predicate": "thank", "agent": "Марат Әлиев", "recipient": "Жапония"}]


def _polar(text):
    return {(c["predicate"], c["agent"], c.get("recipient"), c["polarity"]) for c in claims_of(run(text))
            if c["predicate"] != "say"}


def test_relations_refusing_or_denying_the_act_negates_it():
    assert _polar("Үндістан Пәкістанмен келіссөз жүргізуден бас тартты.") == {
        ("negotiate", "Үндістан", "Пәкістан", "negated")}
    assert _polar("Ресей Украинаға көмек беруден бас тартты.") == {("help", "Ресей", "Украина", "negated")}
    assert _polar("Ресей Украинаға шабуыл жасағанын жоққа шығарды.") == {("attack", "Ресей", "Украина", "negated")}
    # a refusal that is itself negated: the act stands
    assert _polar("Германия Польшаға көмек көрсетуден бас тартпады.") == {("help", "Германия", "Польша", "affirmed")}


def test_relations_negated_light_verb_in_a_reported_clause():
    assert _polar("Ресей Украинаға шабуыл жасамағанын мәлімдеді.") == {("attack", "Ресей", "Украина", "negated")}
    assert _polar("Ресей Украинаға шабуыл жасағанын мәлімдеді.") == {("attack", "Ресей", "Украина", "affirmed")}


def test_relations_event_noun_carried_out_by_the_subject():
    # "шабуылын жасады": the subject carried out its attack (not an attack it talks about)
    assert _polar("Израиль Ливанға әуе шабуылын жасады.") == {("attack", "Израиль", "Ливан", "affirmed")}
    # "келіссөз жүргізетінін": talks it holds, in a reported clause
    assert _polar("Түркия Сириямен келіссөз жүргізетінін мәлімдеді.") == {
        ("negotiate", "Түркия", "Сирия", "affirmed")}
    # the event as the object of another verb keeps its own agent
    assert ("attack", "Ресей", "Украина", "affirmed") in _polar("Қазақстан Ресейдің Украинаға шабуылын айыптады.")


def _speakers(text):
    return [(c["predicate"], c["agent"]) for c in claims_of(run(text, persons=["Асқар Мамин"])) if c["predicate"] == "say"]


def test_relations_more_ways_of_attributing_words():
    for text in ("Асқар Маминнің ойынша, экономика өсіп келеді.",
                 "Асқар Маминнің сөзіне қарағанда, экономика өсіп келеді.",
                 "Асқар Маминнің мәліметіне сүйенсек, экономика өсіп келеді.",
                 "Асқар Мамин экономика өсіп келеді деп түйіндеді.",
                 "Асқар Мамин экономика өсіп келеді деп жауап берді.",
                 "Асқар Мамин атап өткендей, экономика өсіп келеді.",
                 "Асқар Мамин айтқандай, экономика өсіп келеді.",
                 "Асқар Маминнің сөзі бойынша, экономика өсіп келеді."):
        assert _speakers(text) == [("say", "Асқар Мамин")], text
    # a word of the phrase alone reports nothing
    assert _speakers("Асқар Маминнің сөзіне көп адам назар аударды.") == []


def test_relations_a_referring_title_speaks_for_the_person_named_before():
    r = run("Денсаулық сақтау министрі Асқар Мамин брифинг өткізді. "
            "Ведомство басшысы жаңа ережелер енгізілетінін атап өтті.", persons=["Асқар Мамин"])
    assert [(c["predicate"], c["agent"]) for c in claims_of(r) if c["predicate"] == "say"] == [("say", "Асқар Мамин")]
    # with nobody named, a bare title names no speaker
    r = run("Ведомство басшысы жаңа ережелер енгізілетінін атап өтті.")
    assert [c for c in claims_of(r) if c["predicate"] == "say"] == []


def test_relations_unmarked_quotation_before_the_verb_and_its_speaker_after():
    # "Ол ..., – атап өтті X": the opening pronoun is in the quoted words; X speaks
    r = run("Ол біздің стратегиялық ұстанымымыз, – атап өтті Асқар Мамин.", persons=["Асқар Мамин"])
    assert [(c["predicate"], c["agent"], c["text"]) for c in claims_of(r) if c["predicate"] == "say"] == [
        ("say", "Асқар Мамин", "Ол біздің стратегиялық ұстанымымыз")]
    # a pronoun subject with no dash is still the last person named
    r = run("Асқар Мамин брифинг өткізді. Ол реформалар жалғасатынын айтты.", persons=["Асқар Мамин"])
    assert [(c["predicate"], c["agent"]) for c in claims_of(r) if c["predicate"] == "say"] == [("say", "Асқар Мамин")]
