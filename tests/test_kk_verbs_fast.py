"""The verb analyser's memoised walk gives exactly what the plain walk gives.

``VerbAnalyser()`` spells voices, negation and endings once per phonological class
of what precedes them and replays them for every stem of the class;
``VerbAnalyser(reference=True)`` walks each stem afresh. Word forms: a spread of
listed stems (every vowel harmony, every stem end that a junction rewrites)
with endings written here, plus guessed (unlisted) verbs and non-verbs.
"""
from __future__ import annotations

from pipeline.lang.kk.morph import VerbAnalyser

ENDINGS = [
    "", "ды", "ді", "ты", "ті", "ған", "ген", "қан", "кен", "ып", "іп", "п", "ады", "еді", "йды",
    "иды", "ар", "ер", "р", "майды", "мейді", "мады", "меді", "бады", "ылды", "ілді", "лды",
    "нды", "ынды", "ысты", "сты", "тты", "ғызды", "дырды", "ғанда", "генде", "атын", "етін",
    "са", "се", "сақ", "маған", "у", "уы", "уға", "уге", "уін", "ғаны", "гені", "мақ", "мағы",
    "йық", "айық", "ейік", "дым", "дық", "ыңыз", "ғандықтан", "ылған", "ылмаған", "тырылды",
]
# stems end in a vowel, қ/к/п (voiced before a vowel), й, ы/і (оқы- -> оқи-), л/р
STEMS = ["бар", "кел", "ал", "сал", "жаса", "қолда", "шық", "ек", "тап", "оқы", "тоқта", "кездес",
         "қой", "азай", "ти", "жүр", "бер", "өт", "сез", "тұр", "жат", "отыр", "е", "қорық",
         "ойна", "біл", "көр", "түсін"]
OTHERS = ["ротацияланды", "модернизацияланған", "инвестициялады", "кітаптарымызда", "және",
          "алматыда", "президенті", "мемлекеттік", "цифрландыру", "қабылданды"]


def forms() -> list[str]:
    return [stem + ending for stem in STEMS for ending in ENDINGS] + OTHERS


def test_the_memoised_walk_reads_every_form_as_the_plain_walk_does():
    fast, reference = VerbAnalyser(), VerbAnalyser(reference=True)
    words = forms()
    assert len(words) > 1000
    differ = [w for w in words if fast.analyse(w) != reference.analyse(w)]
    assert differ == []
    # not vacuous: a third of the forms are verbs, with several readings
    assert sum(bool(reference.analyse(w)) for w in words) > len(words) // 4
    assert sum(len(reference.analyse(w)) > 1 for w in words) > 30


def test_the_replayed_walk_keeps_the_stem_and_lemma_of_each_word():
    fast = VerbAnalyser()
    # the same endings after different stems of one class come from one memo
    assert fast.best("салды").lemma == "сал"
    assert fast.best("алды").lemma == "ал"
    assert fast.best("шығады").lemma == "шық"
    assert fast.best("табылды").lemma == "тап"
