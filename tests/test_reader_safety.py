"""What the readers cannot read, they say (issue 21): Kazakh code pages decoded as
Kazakh, a doubtful encoding refused, control characters blanked or refused, broken
symbolic links named; and document ids that do not depend on the inputs' order."""
import json
import os
import re
import zipfile

import pytest
from typer.testing import CliRunner

import pipeline
from conftest import needs_extra
from pipeline.io.inputs import iter_documents
from pipeline.io.decoding import decode
from pipeline.io.reading import ReadError
from pipeline.run import run

KAZAKH = ("Қазақстан Үкіметі өңірлердегі су тасқынына қарсы шұғыл шаралар қабылдады. "
          "Әкімдер тұрғындарды көшіруге кірісті, деп хабарлады ведомство.")
RUSSIAN = "Правительство Казахстана приняло срочные меры против паводков в регионах."


def read(*paths):
    items = list(iter_documents(paths))
    docs = [d for d in items if not isinstance(d, ReadError)]
    return docs, [(e.source, e.reason) for e in items if isinstance(e, ReadError)]


@pytest.mark.parametrize("encoding", ["kz1048", "ptcp154"])
def test_a_kazakh_code_page_file_reads_as_kazakh(tmp_path, encoding):
    # cp1251 would read it as "Ќазаќстан Їкіметі ґѕірлердегі"
    path = tmp_path / "news.txt"
    path.write_bytes(f"date 2024-04-02\n{KAZAKH}\n".encode(encoding))
    docs, errors = read(path)
    assert errors == [] and docs[0].text == KAZAKH + "\n"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866"])
def test_a_russian_code_page_file_reads_as_russian(encoding):
    assert decode(RUSSIAN.encode(encoding)) == RUSSIAN


def test_utf16_without_a_byte_order_mark_of_russian_letters_reads(tmp_path):
    # every byte of it is ASCII, so it is valid UTF-8 too: NULs and control characters
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("utf-16-le"))
    docs, errors = read(path)
    assert errors == [] and docs[0].text == RUSSIAN


def test_a_doubtful_encoding_is_an_error_row_naming_the_file(tmp_path):
    # in PT154 the byte of ә is ғ in KZ-1048: "Иә" and "Иғ" are both Kazakh-looking
    path = tmp_path / "short.txt"
    path.write_bytes("Иә, ол келеді.".encode("ptcp154"))
    docs, errors = read(path)
    assert docs == [] and errors[0][0] == str(path)
    assert errors[0][1].startswith("undecodable or doubtful encoding: ") and "kz1048" in errors[0][1]


def test_control_characters_are_blanked_one_for_one(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes("Қазақстан\x00 Ресейге\x0cалғыс айтты.\x1b\x7f\n\x00\x00".encode())
    docs, errors = read(path)
    assert errors == [] and docs[0].text == "Қазақстан  Ресейге\nалғыс айтты.  \n"


def test_a_json_lines_text_with_control_characters_and_a_lone_surrogate_is_cleaned(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "n1", "text": "Жапония\u0000 келді.\ud800"}) + "\n", encoding="utf-8")
    docs, errors = read(path)
    assert errors == [] and docs[0].text == "Жапония  келді.\ufffd"


def test_a_file_of_mostly_control_characters_is_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(("Қазақстан" + "\x00\x01\x02\x03" * 20 + "келді").encode())
    docs, errors = read(path)
    assert docs == [] and errors[0][0] == str(path) and "control characters" in errors[0][1]


def test_a_run_over_control_characters_exports_gexf_and_graphml(tmp_path):
    needs_extra("networkx", "export")
    from conftest import REPO
    from pipeline.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(
        "date 2024-03-01\nФранция Германияға алғыс айтты.\x00 Жапония Қазақстанға\x01 көмектесті.\n".encode())
    lexicon = str(REPO / "configs" / "relations_kk.yaml")
    nlp = pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}, {"factory": "kazakh_morphology.v1"},
                                    {"factory": "country_gazetteer.v1"},
                                    {"factory": "entity_linker.v1"}, {"factory": "speech.v1", "lexicon": lexicon},
                                    {"factory": "case_frames.v1", "lexicon": lexicon}]})
    assert run([tmp_path / "in"], tmp_path / "out", nlp).claims == 2
    for fmt in ("gexf", "graphml"):
        result = CliRunner().invoke(app, ["export", str(tmp_path / "out" / "graph.jsonld"), "--format", fmt,
                                          "-o", str(tmp_path / f"g.{fmt}")])
        assert result.exit_code == 0, result.output
        text = (tmp_path / f"g.{fmt}").read_text(encoding="utf-8")
        assert "claim:" in text and not re.search("[\x00-\x08]", text)


def test_broken_symbolic_links_in_a_folder_are_error_rows(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(KAZAKH, encoding="utf-8")
    os.symlink("self.txt", corpus / "self.txt")  # a link to itself
    os.symlink("missing.txt", corpus / "gone.txt")
    docs, errors = read(corpus)
    assert [d.id for d in docs] == ["a"]
    assert errors == [(str(corpus / "gone.txt"), "dangling symbolic link (its target 'missing.txt' does not exist)"),
                      (str(corpus / "self.txt"), "symbolic link loop (it leads back to itself)")]


# -- ids ------------------------------------------------------------------------------
def _two_archives(tmp_path):
    for name, text in (("A", "Франция Германияға алғыс айтты."), ("B", "Жапония Қазақстанға көмектесті.")):
        with zipfile.ZipFile(tmp_path / f"{name}.zip", "w") as zf:
            zf.writestr("a.txt", f"date 2024-03-01\n{text}\n")
            zf.writestr(f"only-{name.lower()}.txt", text)
    return tmp_path / "A.zip", tmp_path / "B.zip"


def test_ids_do_not_depend_on_the_order_of_the_inputs(tmp_path):
    a, b = _two_archives(tmp_path)
    forward = {d.source: d.id for d in read(a, b)[0]}
    backward = {d.source: d.id for d in read(b, a)[0]}
    assert forward == backward
    # a name only one archive has keeps its short id; the shared one is qualified by its own source
    assert forward[f"{a}!only-a.txt"] == "only-a" and forward[f"{b}!only-b.txt"] == "only-b"
    assert re.fullmatch(r"a-[0-9a-f]{8}", forward[f"{a}!a.txt"]) and forward[f"{a}!a.txt"] != forward[f"{b}!a.txt"]


def test_a_run_resumed_with_its_inputs_in_another_order_validates(tmp_path):
    needs_extra("pyshacl", "export")
    from pipeline.cli import app

    a, b = _two_archives(tmp_path)
    nlp = pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"},
                                    {"factory": "entity_linker.v1"}]})
    out = tmp_path / "out"
    first = run([a, b], out, nlp)
    again = run([b, a], out, nlp, resume=True)
    assert first.documents == 4 and again.skipped == 4 and again.documents == 4
    ids = [json.loads(line)["id"] for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(ids) == len(set(ids)) == 4
    result = CliRunner().invoke(app, ["validate", str(out / "graph.jsonld"), "--documents",
                                      str(out / "documents.jsonl")])
    assert result.exit_code == 0, result.output


def test_duplicate_json_lines_ids_are_qualified_by_their_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": "n1", "text": t}) + "\n" for t in ("Жапония келді.", "Қытай келді.")),
                    encoding="utf-8")
    ids = [d.id for d in read(path)[0]]
    assert len(set(ids)) == 2 and all(re.fullmatch(r"n1-[0-9a-f]{8}", i) for i in ids)
