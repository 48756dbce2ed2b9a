"""One id per thing in every output file: a document's id in documents.jsonl and
errors.jsonl is its ``@id`` in graph.jsonld (``doc:...``); a claim's and an entity's
ids are the graph's; a person merged across documents has one id in the graph and in
the claims tables."""
import csv
import json

import pytest
from typer.testing import CliRunner

from conftest import needs_extra
from pipeline.cli import app
from pipeline.run import run
from pipeline.io.runstate import RunError

SAYS = "«Жаңа жол салынады», — деді Ерлан Сәрсенов. Жапония Қазақстанға көмектесті."
SAYS_AGAIN = "«Мектеп ашылады», — деді Сәрсенов."
ENGLISH = "Chancellor Olaf Scholz met the President of Kazakhstan in Berlin."


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def graph_nodes(out):
    return json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))["@graph"]


def corpus(folder, texts):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_document_has_the_same_id_in_documents_errors_graph_and_tables(tmp_path, nlp):
    out = tmp_path / "out"
    run([corpus(tmp_path / "in", {"talks": SAYS, "english": ENGLISH})], out, nlp)
    [record] = lines(out / "documents.jsonl")
    [error] = lines(out / "errors.jsonl")  # English: no stages read it
    assert record["id"] == "doc:talks" and error["id"] == "doc:english"
    nodes = graph_nodes(out)
    assert [n["@id"] for n in nodes if n["@type"] == "NewsArticle"] == ["doc:talks"]
    claims = {n["@id"]: n for n in nodes if n["@type"] == "Claim"}
    assert sorted(claims) == sorted(c["id"] for c in record["claims"]) == [
        "claim:talks-help-64-0", "claim:talks-say-0"]
    assert {n["appearance"]["@id"] for n in claims.values()} == {"doc:talks"}
    entities = {n["@id"] for n in nodes if n["@type"] in ("Person", "Country")}
    assert entities == {e["id"] for e in record["entities"]} == {
        "person:erlan-sarsenov", "country:JP", "country:KZ"}
    # the exported tables name the document as the graph does
    result = CliRunner().invoke(app, ["export", str(out / "graph.jsonld"), "--format", "events",
                                      "-o", str(tmp_path / "events.csv")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "events.csv", encoding="utf-8") as fh:
        assert {row["DocumentID"] for row in csv.DictReader(fh)} == {"doc:talks"}
    result = CliRunner().invoke(app, ["export", str(out / "graph.jsonld"), "--format", "csv",
                                      "-o", str(tmp_path / "claims.csv")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "claims.csv", encoding="utf-8") as fh:
        assert {row["document"] for row in csv.DictReader(fh)} == {"doc:talks"}


def test_the_partitioned_tables_name_a_document_as_the_graph_does(tmp_path, nlp):
    pq = needs_extra("pyarrow.parquet", "export")
    out = tmp_path / "parts"
    run([corpus(tmp_path / "in", {"talks": SAYS, "english": ENGLISH})], out, nlp, layout="partitioned")
    [error] = lines(out / "errors.jsonl")
    assert error["id"] == "doc:english"

    def column(table, name):
        return sorted(set(pq.read_table(next((out / table).glob("part-*.parquet")))[name].to_pylist()))

    assert column("documents", "id") == column("claims", "document_id") == column("mentions", "document_id") == [
        "doc:talks"]


def test_resume_refuses_a_folder_whose_ids_lack_the_prefix_in_one_line(tmp_path, nlp):
    src = corpus(tmp_path / "in", {"talks": SAYS})
    out = tmp_path / "out"
    run([src], out, nlp)
    # the folder as an earlier version wrote it: bare document ids
    docs = out / "documents.jsonl"
    docs.write_text(docs.read_text(encoding="utf-8").replace('"id": "doc:talks"', '"id": "talks"'), encoding="utf-8")
    with pytest.raises(RunError) as refused:
        run([src], out, nlp, resume=True)
    assert str(refused.value) == (
        f"{out}: --resume: {docs} was written by an earlier claimgraph, whose document ids lack the doc: "
        "prefix they have now; run without --resume, or add --force, to start over")
    assert lines(docs)[0]["id"] == "talks"  # the folder is left as it was
    summary = run([src], out, nlp, resume=True, force=True)  # --force: start over
    assert summary.documents == 1 and [r["id"] for r in lines(docs)] == ["doc:talks"]
    summary = run([src], out, nlp, resume=True)  # a folder of this version resumes
    assert summary.skipped == 1 and [r["id"] for r in lines(docs)] == ["doc:talks"]


def says(nodes):
    """Claim id -> agent of the graph's say claims."""
    return {n["@id"]: n["cg:agent"]["@id"] for n in nodes if n["@type"] == "Claim" and n["cg:predicate"] == "say"}


def partitioned_tables(out):
    """Reads the partitioned layout's tables: (say claims' agents, the entity of each
    mention 'Сәрсенов' of the school text, the persons of entities/merged.parquet)."""
    pq = needs_extra("pyarrow.parquet", "export")

    def table(name):
        return [r for p in sorted((out / name).glob("part-*.parquet")) for r in pq.read_table(p).to_pylist()]

    agents = {r["id"]: r["agent"] for r in table("claims") if r["predicate"] == "say"}
    mentions = {r["entity_id"] for r in table("mentions") if r["document_id"] == "doc:school"
                and r["text"].startswith("Сәрсенов")}
    persons = [r["id"] for r in pq.read_table(out / "entities" / "merged.parquet").to_pylist() if r["type"] == "Person"]
    own = {r["id"]: json.loads(r["claim"])["agent"] for r in table("claims") if r["predicate"] == "say"}
    return agents, mentions, persons, own


ONE_PERSON = {"claim:talks-say-0": "person:erlan-sarsenov", "claim:school-say-0": "person:erlan-sarsenov"}


def test_a_person_merged_across_two_documents_has_one_id_in_the_graph_and_every_claims_table(tmp_path, nlp):
    src = corpus(tmp_path / "in", {"talks": SAYS, "school": SAYS_AGAIN})  # "Сәрсенов" alone is the full name
    out = tmp_path / "out"
    run([src], out, nlp)
    nodes = graph_nodes(out)
    assert says(nodes) == ONE_PERSON
    assert [n["@id"] for n in nodes if n["@type"] == "Person"] == ["person:erlan-sarsenov"]
    result = CliRunner().invoke(app, ["export", str(out / "graph.jsonld"), "--format", "csv",
                                      "-o", str(tmp_path / "claims.csv")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "claims.csv", encoding="utf-8") as fh:
        assert {r["claim"]: r["agent"] for r in csv.DictReader(fh) if r["predicate"] == "say"} == ONE_PERSON
    # documents.jsonl is written as each document finishes: it keeps the document's own id, and
    # run.json's identity.merged, written once, maps it to the graph's
    merged = json.loads((out / "run.json").read_text(encoding="utf-8"))["identity"]["merged"]
    assert merged == {"person:sarsenov": "person:erlan-sarsenov"}
    own = {c["id"]: c["agent"] for r in lines(out / "documents.jsonl") for c in r["claims"] if c["predicate"] == "say"}
    assert own == {"claim:talks-say-0": "person:erlan-sarsenov", "claim:school-say-0": "person:sarsenov"}
    assert {k: merged.get(v, v) for k, v in own.items()} == ONE_PERSON
    # the partitioned layout: the claims and mentions tables name the person as the graph does;
    # each row's own record (the JSON column) keeps its document's id
    parts = tmp_path / "parts"
    run([src], parts, nlp, layout="partitioned", shard_size=1)
    assert partitioned_tables(parts) == (ONE_PERSON, {"person:erlan-sarsenov"}, ["person:erlan-sarsenov"], own)


def test_a_resumed_partitioned_run_names_persons_by_its_own_identity_pass(tmp_path, nlp):
    src = corpus(tmp_path / "in", {"talks": SAYS, "school": SAYS_AGAIN})
    out = tmp_path / "parts"
    run([src], out, nlp, layout="partitioned", shard_size=1)
    assert partitioned_tables(out)[:2] == (ONE_PERSON, {"person:erlan-sarsenov"})
    # a second full name with that surname comes: the surname alone could be either, nothing
    # merges, and the tables of the shards written before say so
    corpus(src, {"sport": "«Жарыс басталды», — деді Айдар Сәрсенов."})
    summary = run([src], out, nlp, layout="partitioned", shard_size=1, resume=True)
    assert summary.skipped == 2 and summary.documents == 3
    agents, mentions, persons, _ = partitioned_tables(out)
    assert agents == {"claim:talks-say-0": "person:erlan-sarsenov", "claim:school-say-0": "person:sarsenov",
                      "claim:sport-say-0": "person:aidar-sarsenov"}
    assert mentions == {"person:sarsenov"}
    assert persons == ["person:aidar-sarsenov", "person:erlan-sarsenov", "person:sarsenov"]
    summary = run([src], out, nlp, layout="partitioned", shard_size=1, resume=True)  # rewritten shards resume
    assert summary.skipped == 3 and summary.documents == 3
