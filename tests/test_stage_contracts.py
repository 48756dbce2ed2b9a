"""Each stage reads only the layers it declares (``requires`` and ``optional``).

The pipeline runs up to a stage; the stage then runs twice: on that document, and on
a copy holding only its declared layers (every other field emptied, and of the
mentions, entities and claims only what the stages providing its declared layers
made). What it adds must be the same: a stage that reads a layer it does not declare
gives something else on the copy, and fails here.
"""
from __future__ import annotations

import pytest

import pipeline
from conftest import REPO, needs_extra
from pipeline.layers import (CAPABILITIES, CLAIMS, ENTITIES, FIELDS, LINKED_MENTIONS, MENTIONS, MORPHOLOGY, RU_PARSE,
                             SENTENCES, TOKENS)
from pipeline.records import AnnotatedDocument, Document, Token

KAZAKH = ("Қазақстан Сыртқы істер министрі Дәулет Бекболатов Астанада БҰҰ өкілдерімен кездесті.\n"
          "Министрдің айтуынша, 26 ел Қазақстанға көмек береді.\n"
          "«Біз Жапонияға алғыс айтамыз», – деді Бекболатов.\n"
          "Жапонияның Қазақстанға инвестициясы өсті.\n")
RUSSIAN = ("Министр иностранных дел Казахстана Даулет Бекболатов встретился в Астане с представителями ООН. "
           "По его словам, 26 стран помогут Казахстану. «Мы благодарим Японию за помощь», — сказал Бекболатов.\n")

RECORDS = (MENTIONS, ENTITIES, CLAIMS)
# These stand for the whole field as their stage leaves it (every mention linked,
# every entity), not only for the records their stage made.
WHOLE_FIELD = {LINKED_MENTIONS: MENTIONS, ENTITIES: ENTITIES}


def test_every_layer_name_is_a_field_of_the_document_and_every_field_a_layer():
    assert set(FIELDS) == set(AnnotatedDocument.model_fields)
    assert not set(CAPABILITIES) - {ENTITIES} & set(AnnotatedDocument.model_fields)


def made(stage, before: AnnotatedDocument, after: AnnotatedDocument, field: str) -> list:
    """The records of ``field`` a stage made (or, for a whole-field layer, all it left)."""
    if any(WHOLE_FIELD.get(layer) == field for layer in stage.provides):
        return list(getattr(after, field))
    kept = {id(r) for r in getattr(before, field)}
    return [r for r in getattr(after, field) if id(r) not in kept]


def run_stages(stages, text: str):
    """The document before each stage, and each record's versions: (the layers of the
    stage that made it, the record), oldest first."""
    docs = [AnnotatedDocument(document=Document(id="t", source="t", text=text, date="2025-03-01",
                                                language=stages[0].context.language))]
    versions: dict[int, list] = {}
    for stage in stages:
        before, after = docs[-1], stage(docs[-1])
        for field in RECORDS:
            older = {r.id: r for r in reversed(getattr(before, field))}
            for r in made(stage, before, after, field):
                previous = r if id(r) in versions else older.get(r.id)
                versions[id(r)] = versions.get(id(previous), []) + [(set(stage.provides), r)]
        docs.append(after)
    return docs, versions


def declared_only(doc: AnnotatedDocument, reads: set[str], versions) -> AnnotatedDocument:
    """The document with only the layers a stage declares: each record as the newest
    stage among those providing them left it (dropped if none made it)."""
    tokens = doc.tokens if TOKENS in reads else ()
    if MORPHOLOGY not in reads:  # the morphology layer's lemma, pos and morph are not the tokenizer's
        tokens = tuple(Token(t.start, t.end, t.text) for t in tokens)
    layers = {TOKENS: tokens,
              SENTENCES: doc.sentences if SENTENCES in reads else (),
              RU_PARSE: doc.ru_parse if RU_PARSE in reads else None}
    for field in RECORDS:
        layers[field] = [next(r for made_for, r in reversed(versions[id(x)]) if made_for & reads)
                         for x in getattr(doc, field) if any(made_for & reads for made_for, _ in versions[id(x)])]
    return doc.with_layers(**layers)


def parse_of(doc: AnnotatedDocument):
    if doc.ru_parse is None:
        return None
    return [(s.start, s.end, s.kind, [(t.start, t.stop, t.pos, tuple(sorted(t.feats.items())), t.head, t.rel, t.lemma)
                                      for t in s.tokens]) for s in doc.ru_parse.sentences]


def output(stage, before: AnnotatedDocument, after: AnnotatedDocument) -> dict:
    out = {field: [r.model_dump() for r in made(stage, before, after, field)] for field in RECORDS}
    out.update(tokens=after.tokens if {TOKENS, MORPHOLOGY} & set(stage.provides) else None,
               sentences=after.sentences if SENTENCES in stage.provides else None,
               ru_parse=parse_of(after) if RU_PARSE in stage.provides else None)
    return out


def check_contracts(nlp, text: str) -> None:
    docs, versions = run_stages(nlp.stages, text)
    for stage, full in zip(nlp.stages, docs):
        reads = set(stage.requires) | set(stage.optional)
        only = declared_only(full, reads, versions)
        expected = output(stage, full, stage(full))
        assert any(expected[field] for field in expected), f"{stage.factory} makes nothing of the test text"
        assert output(stage, only, stage(only)) == expected, (
            f"{stage.factory} reads more than {sorted(reads)}")


@pytest.fixture(scope="module")
def kazakh():
    return pipeline.load(REPO / "configs" / "default.yaml")


def test_each_kazakh_stage_reads_only_the_layers_it_declares(kazakh):
    check_contracts(kazakh, KAZAKH)


def test_the_kazakh_text_has_what_each_stage_reads(kazakh):
    """The text above gives every stage something to read (else the check proves little)."""
    result = kazakh.process(KAZAKH, date="2025-03-01")
    person = next(e for e in result.entities if e.type == "Person")
    assert (person.name, person.job_title) == ("Дәулет Бекболатов", "Сыртқы істер министрі")
    says = [c for c in result.claims if c.predicate == "say"]
    assert [c.text for c in says] == ["26 ел Қазақстанға көмек береді", "Біз Жапонияға алғыс айтамыз"]
    assert {c.predicate for c in result.claims} == {"has_role", "say", "meet", "help", "invest"}


def russian_pipeline():
    needs_extra("natasha", "ru")
    from pipeline.lang.ru import models

    try:
        models.natasha_models()
    except models.MissingRussianModels as err:
        pytest.skip(f"the ru extra does not load: {err}")
    return pipeline.load(REPO / "configs" / "russian.yaml")


def test_each_russian_stage_reads_only_the_layers_it_declares():
    check_contracts(russian_pipeline(), RUSSIAN)
