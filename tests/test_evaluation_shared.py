"""evaluate-claims on the shared gold format: our scorer agrees with the reference one."""
import json
import subprocess
import sys

from conftest import SHARED, hand_pipeline, needs_shared

REFERENCE = SHARED / "eval" / "score_claims.py"

GOLD = {
    "documents": [
        {"id": "g1", "text": "«Жол салынады», — деді Айгүл Серікова. Жапония Қазақстанға көмек берді."},
        {"id": "g2", "text": "Астанада жаңа мектеп ашылды. Бұл туралы Марат Оспанов хабарлады."},
        {"id": "g3", "text": "Моңғолия мен Қырғызстан келісім жасалғанын мәлімдеді."},
        {"id": "g4", "text": "Ержан Қали Ресейге барды."},
    ],
    "entities": {"Person": ["Айгүл Серікова", "Марат Оспанов|Оспанов", "Дана Әлиева"],
                 "Country": ["JP", "KZ", "MN", "KG", "FR"], "Organization": []},
    "claims": [
        {"id": "g1-say-1", "doc": "g1", "core": True, "predicate": "say", "agent": "Айгүл Серікова",
         "polarity": "affirmed", "evidence": "Жол салынады"},
        {"id": "g1-help-1", "doc": "g1", "core": False, "ext": True, "predicate": "help", "agent": "JP",
         "recipient": "KZ", "polarity": "affirmed", "evidence": "көмек берді"},
        {"id": "g2-say-1", "doc": "g2", "core": True, "predicate": "say", "agent": "Оспанов",
         "polarity": "affirmed", "evidence": "жаңа мектеп ашылды"},
        {"id": "g3-say-1", "doc": "g3", "core": True, "predicate": "say", "agent": ["MN", "KG"],
         "polarity": "affirmed", "evidence": "келісім жасалғанын"},
        {"id": "g4-say-1", "doc": "g4", "core": True, "predicate": "say", "agent": "Дана Әлиева",
         "polarity": "negated", "evidence": "Ресейге барды"},
    ],
}


def _docs():
    nlp = hand_pipeline(persons=["Айгүл Серікова", "Марат Оспанов", "Ержан Қали"])
    return [nlp.process(d["text"], doc_id=d["id"]) for d in GOLD["documents"]]


def test_evaluation_shared_scores_a_small_gold():
    from pipeline.evaluation_shared import SharedGold, score

    s = score(SharedGold.model_validate(GOLD), _docs())["summary"]
    # two of four core claims: nobody said g4's, and a one-word gold name (Оспанов) never
    # matches inside a longer predicted one (Марат Оспанов)
    assert s["claims_core_recall"] == 0.5
    assert s["country_recall"] == 0.8 and s["person_recall"] == round(2 / 3, 3)
    assert 0 < s["claims_precision"] <= 1


@needs_shared(REFERENCE)
def test_evaluation_shared_agrees_with_the_reference_scorer(tmp_path):
    from pipeline.evaluation_shared import SharedGold, score
    from pipeline.graph import build_graph

    docs = _docs()
    ours = score(SharedGold.model_validate(GOLD), docs)["summary"]
    graph, gold = tmp_path / "graph.jsonld", tmp_path / "gold.json"
    build_graph(docs).write_jsonld(graph)
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([sys.executable, str(REFERENCE), str(graph), str(gold)], capture_output=True, text=True,
                         check=True)
    reference = json.loads(out.stdout.strip().splitlines()[-1])
    for key, value in reference.items():
        if value is None:
            assert ours[key] is None, key
        else:
            assert abs(ours[key] - value) <= 0.01, (key, ours[key], value)


def test_evaluation_shared_bad_gold_is_one_line(tmp_path):
    import pytest
    from pipeline.evaluation_shared import load_shared

    bad = tmp_path / "bad.json"
    bad.write_text('{"documents": [{"id": "x"}], "claims": []}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.json: documents.0.text"):
        load_shared(bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read gold JSON"):
        load_shared(bad)


def test_evaluation_shared_finds_a_speaker_by_the_surname_the_text_used():
    """The reference reads a run's graph, where a person keeps every form the text wrote (name
    and alternate names): a gold speaker given by surname alone is found when the text named
    the full name first and the surname after."""
    from pipeline.evaluation_shared import SharedGold, score

    gold = SharedGold.model_validate({
        "documents": [{"id": "s1", "text": "Марат Оспанов Астанаға келді. «Көпір салынады», — деді Оспанов."}],
        "entities": {"Person": ["Оспанов"], "Country": []},
        "claims": [{"id": "s1-say-1", "doc": "s1", "core": True, "predicate": "say", "agent": "Оспанов",
                    "evidence": "Көпір салынады"}],
    })
    nlp = hand_pipeline(persons=["Марат Оспанов", "Оспанов"])
    s = score(gold, [nlp.process(d.text, doc_id=d.id) for d in gold.documents])["summary"]
    assert s["claims_core_recall"] == 1.0 and s["person_recall"] == 1.0 and s["person_precision"] == 1.0
