"""Which lemma the Russian triggers should be matched against: pymorphy3's most likely
reading (context-free), pymorphy3's reading of slovnet's part of speech (what the parse
stores today, cached per word form and tag), or natasha's lemmatiser (pymorphy2 with
slovnet's part of speech and features). slovnet itself gives no lemma.

The sentences are written here (none from an evaluation set): every verb of the
relation lexicon (triggers, speech verbs, light verbs) in six forms — past, present or
future, infinitive, participle, gerund, passive participle where it has one — in a
short clause, plus words whose form is shared with another lemma (стали, вести, сорока,
мой, данные ...). The gold lemma of a generated form is the verb it was made from.

    python benchmarks/russian_lemmas.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# (sentence, word, its lemma): forms another lemma shares, read in their context
AMBIGUOUS = [
    ("Отношения стали лучше после встречи.", "стали", "стать"),
    ("Завод выпускает стали разных марок.", "стали", "сталь"),
    ("Стороны будут вести переговоры.", "вести", "вести"),
    ("Из Астаны пришли хорошие вести.", "вести", "весть"),
    ("В саммите участвовали лидеры сорока стран.", "сорока", "сорок"),
    ("На дереве сидела сорока.", "сорока", "сорока"),
    ("По данным министерства, войска отошли.", "данным", "данные"),
    ("Данные гарантии не выполнены.", "Данные", "данный"),
    ("Россия может помочь Сирии.", "может", "мочь"),
    ("Стороны провели переговоры в Астане.", "переговоры", "переговоры"),
    ("На переговорах обсудили торговлю.", "переговорах", "переговоры"),
    ("Удары по городу продолжались.", "Удары", "удар"),
    ("Встречи министров проходят ежегодно.", "Встречи", "встреча"),
    ("Стороны договорились о встрече.", "встрече", "встреча"),
    ("Китай дал гарантии Казахстану.", "гарантии", "гарантия"),
    ("Помощь пришла из Турции.", "Помощь", "помощь"),
    ("Участвовали двадцать шесть стран.", "шесть", "шесть"),
    ("Участвовали тридцать одна страна.", "одна", "один"),
    ("Погибли более двадцати человек.", "двадцати", "двадцать"),
    ("Прибыли около двух тысяч человек.", "тысяч", "тысяча"),
    ("Прибыли полторы тысячи военных.", "полторы", "полтора"),
    ("Пострадали сто двадцать пять человек.", "сто", "сто"),
    ("Помогли двумстам гражданам.", "двумстам", "двести"),
    ("Россия нанесла удар по складу.", "нанесла", "нанести"),
    ("Министр заявил о поддержке.", "поддержке", "поддержка"),
    ("Стороны выразили поддержку инициативе.", "поддержку", "поддержка"),
    ("Стороны заключили договор.", "договор", "договор"),
    ("Вложенные средства окупились.", "средства", "средство"),
    ("Армия вошла в город.", "Армия", "армия"),
    ("Войска стоят в Сирии.", "стоят", "стоять"),
    ("Мирные жители покинули город.", "жители", "житель"),
    ("Стороны обменялись мнениями.", "мнениями", "мнение"),
    ("По словам министра, войска отошли.", "словам", "слово"),
    ("Солдаты ушли домой.", "Солдаты", "солдат"),
    ("Министр заявил, что граждане в безопасности.", "граждане", "гражданин"),
    ("Государства подписали декларацию.", "Государства", "государство"),
]

# the forms of a verb, by pymorphy3 tag, and the clause each goes in
FORMS = [
    ({"past", "femn", "sing"}, "Страна {} на прошлой неделе."),
    ({"pres", "sing", "3per"}, "Страна {} сейчас."),
    ({"futr", "sing", "3per"}, "Страна {} завтра."),
    ({"INFN"}, "Страна решила {} в мае."),
    ({"PRTF", "actv", "past", "femn", "sing", "nomn"}, "Страна, {} в мае, довольна."),
    ({"GRND"}, "{} в мае, страна успокоилась."),
    ({"PRTS", "pssv", "neut", "sing"}, "Это было {} в мае."),
]


def sentences() -> list[tuple[str, str, str]]:
    """(sentence, word, gold lemma): the lexicon's verbs in each of their forms, and AMBIGUOUS."""
    from pipeline.lang.ru import models
    from pipeline.lang.ru.lexicon import load_russian_lexicon

    lex = load_russian_lexicon(REPO / "configs" / "relations_ru.yaml")
    verbs = {t.split()[0] for p in lex.predicates.values() for t in p.triggers}
    verbs |= set(lex.speech.verbs) | set(lex.light_verbs)
    out = list(AMBIGUOUS)
    for verb in sorted(verbs):
        infn = next((p for p in models.morph().parse(verb) if p.tag.POS == "INFN" and p.normal_form == verb), None)
        if infn is None:
            continue  # a noun trigger (переговоры)
        for grammemes, clause in FORMS:
            form = infn.inflect(grammemes - {"INFN"} if "INFN" in grammemes else grammemes)
            if form is None or (grammemes == {"INFN"}) != (form.tag.POS == "INFN"):
                continue
            word = form.word if not clause.startswith("{}") else form.word.capitalize()
            out.append((clause.format(word), word, verb))
    return out


def main() -> None:
    from natasha import MorphVocab

    from pipeline.lang.ru import models, parse

    items = sentences()
    docs = parse.parse([s for s, _, _ in items], {})
    vocab = MorphVocab()
    right = {"pymorphy3 most likely": 0, "pymorphy3 by slovnet POS (stored)": 0, "natasha (slovnet POS+feats)": 0}
    wrong: dict[str, list] = {k: [] for k in right}
    for (sentence, word, gold), sents in zip(items, docs):
        tok = next(t for s in sents for t in s.tokens if t.text == word)
        guesses = {
            "pymorphy3 most likely": models.morph().parse(tok.text)[0].normal_form.replace("ё", "е"),
            "pymorphy3 by slovnet POS (stored)": tok.lemma,
            "natasha (slovnet POS+feats)": vocab.lemmatize(tok.text, tok.pos, tok.feats).replace("ё", "е"),
        }
        for name, guess in guesses.items():
            if guess == gold:
                right[name] += 1
            else:
                wrong[name].append(f"{word}->{guess} (not {gold})")
    print(json.dumps({"sentences": len(items), "right": right,
                      "accuracy": {k: round(v / len(items), 3) for k, v in right.items()}}, ensure_ascii=False))
    for name, misses in wrong.items():
        print(name, "misses:", "; ".join(misses[:15]))


if __name__ == "__main__":
    main()
