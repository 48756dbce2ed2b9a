"""The speech stage keeps nothing of a document on itself: what one document needs (its
quotations, who it named so far) travels with that document, so one stage object can read
documents one after another, or on several threads, and each reads as if alone."""
import copy

from conftest import hand_pipeline


def _speech_parts(stage):
    """The stage and the objects of the speech modules it holds, attribute by attribute."""
    seen, todo = [], [stage]
    while todo:
        obj = todo.pop()
        if any(obj is s for s in seen):
            continue
        seen.append(obj)
        todo += [v for v in vars(obj).values() if type(v).__module__.startswith("pipeline.stages.speech")]
    return seen


def test_speech_reading_a_document_leaves_the_stage_as_it_was():
    pipe = hand_pipeline(persons=["Айгүл Серікова"])
    stage = next(s for s in pipe.stages if s.factory == "speech.v1")
    before = [(obj, copy.copy(vars(obj))) for obj in _speech_parts(stage)]
    r = pipe.process("«Жоспар орындалды», — деді Айгүл Серікова. «Бәрі дайын», — деді ол.", doc_id="t")
    assert [c.text for c in r.claims if c.predicate == "say"] == ["Жоспар орындалды", "Бәрі дайын"]
    for obj, attributes in before:
        changed = [k for k, v in vars(obj).items() if attributes.get(k, object()) is not v]
        assert changed == [], f"{type(obj).__name__} keeps {changed} from the document"
