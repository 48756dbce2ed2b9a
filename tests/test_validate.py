"""`claimgraph validate` catches spans that do not match the text (issue 9)."""
import json

import pytest
from typer.testing import CliRunner

import pipeline
from conftest import REPO, needs_extra
from pipeline.cli import app
from pipeline.run import run

needs_extra("pyshacl", "export")
runner = CliRunner()


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    nlp = pipeline.load({"stages": [
        {"factory": "kazakh_sentences.v1"},
        {"factory": "kazakh_morphology.v1"},
        {"factory": "country_gazetteer.v1"},
        {"factory": "entity_linker.v1"},
        {"factory": "speech.v1", "lexicon": str(REPO / "configs" / "relations_kk.yaml")},
        {"factory": "case_frames.v1", "lexicon": str(REPO / "configs" / "relations_kk.yaml")},
    ]})
    tmp = tmp_path_factory.mktemp("validate")
    (tmp / "a.txt").write_text("date 2024-03-01\nФранция Германияға алғыс айтты. Жапония Қазақстанға көмектесті.\n",
                               encoding="utf-8")
    (tmp / "b.txt").write_text("Қытай Ресейге алғыс айтты.\n", encoding="utf-8")
    run([tmp / "a.txt", tmp / "b.txt"], tmp / "out", nlp)
    return tmp / "out"


def _broken_graph(out, tmp_path, change):
    data = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    claim = next(n for n in data["@graph"] if n["@type"] == "Claim")
    change(claim["prov:wasDerivedFrom"])
    path = tmp_path / "graph.jsonld"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, claim["@id"]


def test_validate_passes_a_run_and_its_documents(out):
    result = runner.invoke(app, ["validate", str(out / "graph.jsonld"), "--documents", str(out / "documents.jsonl")])
    assert result.exit_code == 0, result.output
    assert "every exact span matches" in result.output


def test_validate_refuses_a_span_whose_start_is_after_its_end(out, tmp_path):
    def swap(span):
        span["oa:start"], span["oa:end"] = span["oa:end"], span["oa:start"]

    path, _ = _broken_graph(out, tmp_path, swap)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1 and "Conforms: False" in result.output


def test_validate_refuses_an_exact_of_the_wrong_length(out, tmp_path):
    path, _ = _broken_graph(out, tmp_path, lambda span: span.update({"oa:exact": span["oa:exact"] + " артық"}))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1 and "characters long" in result.output


def test_validate_with_documents_finds_an_exact_that_is_not_the_text(out, tmp_path):
    # same length, other words: only the document text can tell
    def shift(span):
        span["oa:start"] += 1
        span["oa:end"] += 1

    path, claim_id = _broken_graph(out, tmp_path, shift)
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0  # the shapes alone cannot see it
    result = runner.invoke(app, ["validate", str(path), "--documents", str(out / "documents.jsonl")])
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if claim_id in line]
    assert len(problems) == 1 and "is not the text at" in problems[0]


def test_validate_with_documents_checks_the_records_own_spans(out, tmp_path):
    records = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    records[1]["mentions"][0] = {**records[1]["mentions"][0], "start": 10_000, "end": 10_005}
    docs = tmp_path / "documents.jsonl"
    docs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[1:]), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(out / "graph.jsonld"), "--documents", str(docs)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(f"{docs}:1: mention" in line and "outside the text" in line for line in lines)
    assert any("doc:a is not in" in line for line in lines)  # the graph's claims of a document left out
