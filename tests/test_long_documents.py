"""A document over spaCy's max_length (1,000,000 characters) is processed in pieces,
offsets intact, and refused only past the configurable ``max_chars`` (issue 9)."""
import json

import pytest

import pipeline
from conftest import REPO
from pipeline.records import AnnotatedDocument, Document
from pipeline.run import run

PARAGRAPH = ("Франция Германияға алғыс айтты. Жапония Қазақстанға көмек жіберді. "
             "Ресей президенті Владимир Путин Қытайға барды.\n")


def splitter_and_countries(**settings):
    return pipeline.load({"stages": [{"factory": "kazakh_sentences.v1", **settings},
                                     {"factory": "country_gazetteer.v1"}]})


def check_offsets(result):
    text = result.text
    assert all(text[m.start:m.end] == m.text for m in result.mentions)
    assert all(text[s.start:s.end].endswith(".") and not text[s.start].isspace() for s in result.sentences)


def test_a_text_longer_than_spacys_max_length_is_split_into_sentences_to_its_end():
    from pipeline.lang.kk import shared_nlp
    from pipeline.stage import LoadContext
    from pipeline.lang.kk.stages.sentences import KazakhSentenceSplitter, Settings

    assert shared_nlp().max_length == 1_000_000
    # one paragraph with no line break: the pieces are cut after sentence ends
    text = PARAGRAPH.replace("\n", " ") * (1_050_000 // len(PARAGRAPH) + 1)
    splitter = KazakhSentenceSplitter(Settings(), LoadContext(language="kk"))
    result = splitter(AnnotatedDocument(document=Document(id="long", source="long", text=text)))
    assert len(text) > 1_000_000 and len(result.sentences) == 3 * text.count("Франция")
    assert result.sentences[-1].end == len(text.rstrip())
    tokens = result.tokens  # of the whole text, offsets intact across the pieces
    assert all(text[t.start:t.end] == t.text for t in tokens) and tokens[-1].end == len(text.rstrip())
    assert all(text[a.end:b.start] in ("", " ") for a, b in zip(tokens, tokens[1:]))


def test_pieces_give_the_tokens_of_the_whole_text(monkeypatch):
    from pipeline.lang.kk import shared_nlp

    nlp = splitter_and_countries()
    text = PARAGRAPH * 40 + (PARAGRAPH.replace("\n", " ") * 40)  # line breaks, then one long paragraph
    whole = nlp(Document(id="a", source="a", text=text))
    monkeypatch.setattr(shared_nlp(), "max_length", 700)  # so that this text is cut in pieces
    pieces = nlp(Document(id="a", source="a", text=text))
    assert pieces.tokens == whole.tokens
    assert pieces.sentences == whole.sentences and pieces.mentions == whole.mentions
    check_offsets(pieces)


def test_a_long_document_is_written_not_dropped(tmp_path, monkeypatch):
    from pipeline.lang.kk import shared_nlp

    monkeypatch.setattr(shared_nlp(), "max_length", 2_000)  # a run over a 'long' document, quickly
    (tmp_path / "long.txt").write_text("date 2024-03-01\n" + PARAGRAPH * 60, encoding="utf-8")
    summary = run([tmp_path / "long.txt"], tmp_path / "out", splitter_and_countries())
    assert summary.documents == 1 and summary.errors == 0
    [doc] = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(doc["sentences"]) == 180 and len(doc["mentions"]) == 360
    assert all(doc["text"][m["start"]:m["end"]] == m["text"] for m in doc["mentions"])


def test_a_document_past_max_chars_is_refused_with_a_clear_error_row(tmp_path):
    (tmp_path / "long.txt").write_text(PARAGRAPH * 20, encoding="utf-8")
    (tmp_path / "short.txt").write_text(PARAGRAPH, encoding="utf-8")
    summary = run([tmp_path], tmp_path / "out", splitter_and_countries(max_chars=1_000))
    assert summary.documents == 1 and summary.errors == 1
    [error] = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["id"] == "doc:long" and error["stage"] == "kazakh_sentences.v1"
    assert error["reason"] == (f"ValueError: document of {len(PARAGRAPH) * 20:,} characters, over the limit of 1,000 "
                               "(kazakh_sentences.v1 setting max_chars)")


def test_ner_runs_a_long_document_in_pieces_of_whole_sentences(nlp):
    ner = next(s for s in nlp.stages if s.factory == "ner.v1")
    text = PARAGRAPH * 12
    doc = AnnotatedDocument(document=Document(id="n", source="n", text=text))
    for stage in nlp.stages[:nlp.stages.index(ner)]:
        doc = stage(doc)
    whole = ner(doc)
    assert len(ner.backend._pieces(doc)) == 1
    original = ner.backend.piece_chars
    try:
        ner.backend.piece_chars = 250  # about two sentences a piece
        pieces = ner.backend._pieces(doc)
        assert len(pieces) >= 5
        sentence_starts = {s.start for s in doc.sentences}
        assert all(offset in sentence_starts for _, offset in pieces[1:])
        result = ner(doc)
    finally:
        ner.backend.piece_chars = original
    found = [m for m in result.mentions if m.source == "ner.v1"]
    assert all(text[m.start:m.end] == m.text for m in found)
    persons = [m for m in found if m.label == "PERSON"]
    assert len(persons) == 12 and persons[-1].start > len(text) - len(PARAGRAPH)  # the last piece too
    assert {(m.start, m.end) for m in persons} == {(m.start, m.end) for m in whole.mentions if m.label == "PERSON"}
