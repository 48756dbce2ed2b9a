"""Russian quantified groups: a compound number is one count, read from the lemmas of
its words (двадцать шесть стран is 26 countries, not 6), digits too (needs the ru extra)."""
import pytest

from conftest import needs_extra

needs_extra("natasha", "ru")
needs_extra("pymorphy3", "ru")


def groups(nlp, text):
    r = nlp.process(text, doc_id="t")
    by_id = {e.id: e for e in r.entities}
    return [(m.text, by_id[m.entity_id].count, by_id[m.entity_id].member_type)
            for m in r.mentions if m.label == "GROUP"]


@pytest.mark.parametrize("text,expected", [
    ("Двадцать шесть стран поддержали резолюцию.", ("Двадцать шесть стран", 26, "Country")),
    ("Погибли сто двадцать пять человек.", ("сто двадцать пять человек", 125, "Person")),
    ("Тридцать одна страна подписала декларацию.", ("Тридцать одна страна", 31, "Country")),
    ("В акции участвовали около двух тысяч человек.", ("около двух тысяч человек", 2000, "Person")),
    ("Более двадцати стран выступили против.", ("Более двадцати стран", 20, "Country")),
    ("Резолюцию поддержали 26 стран.", ("26 стран", 26, "Country")),
    ("На улицы вышли 2,5 тыс. человек.", ("2,5 тыс. человек", 2500, "Person")),
    ("Помощь получили двумстам тридцати трём гражданам.", ("двумстам тридцати трём гражданам", 233, "Person")),
    ("Полторы тысячи военнослужащих вернулись домой.", ("Полторы тысячи военнослужащих", 1500, "Person")),
    ("В саммите участвовали лидеры сорока семи европейских государств.",
     ("сорока семи европейских государств", 47, "Country")),
])
def test_a_compound_number_is_one_count(ru, text, expected):
    assert groups(ru, text) == [expected]


def test_thousands_without_a_number_are_no_count(ru):
    assert groups(ru, "Тысячи человек вышли на улицы.") == []


def test_a_group_of_words_does_the_act(ru):
    r = ru.process("Двадцать шесть стран осудили Иран.", doc_id="t")
    group = next(e for e in r.entities if e.type == "Group")
    assert (group.count, group.name) == (26, "26 страна")
    assert [(c.predicate, c.agent) for c in r.claims] == [("condemn", group.id)]
