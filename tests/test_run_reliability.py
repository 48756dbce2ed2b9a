"""A run never loses, duplicates or merges a document: user stories from issue 9."""
import doctest
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline
from conftest import REPO, needs_extra
from pipeline.run import run

TEXTS = ["date 2024-03-01\nФранция Германияға алғыс айтты.\n", "Қытай Ресейге көмек жіберді.\n",
         "date 2025-01-02 Жапония Қазақстанға алғыс айтты.\n"]


@pytest.fixture(scope="module")
def light():
    """Sentences, countries, linker, speech and case frames: no NER model (fast)."""
    return pipeline.load({"stages": [
        {"factory": "kazakh_sentences.v1"},
        {"factory": "kazakh_morphology.v1"},
        {"factory": "country_gazetteer.v1"},
        {"factory": "entity_linker.v1"},
        {"factory": "speech.v1", "lexicon": str(REPO / "configs" / "relations_kk.yaml")},
        {"factory": "case_frames.v1", "lexicon": str(REPO / "configs" / "relations_kk.yaml")},
    ]})


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_resuming_with_the_output_inside_the_input_folder_never_reads_the_output(tmp_path):
    # a researcher keeps the output beside the texts and resumes twice: still the same documents
    corpus = tmp_path / "d"
    corpus.mkdir()
    for i, text in enumerate(TEXTS):
        (corpus / f"n{i}.txt").write_text(text, encoding="utf-8")
    out = corpus / "out"
    cmd = [sys.executable, "-m", "pipeline", "run", str(corpus), "-o", str(out), "-q",
           "-c", str(REPO / "configs" / "fast.yaml")]
    first = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stderr.count("is not read as input") == 1
    for _ in range(2):
        again = subprocess.run(cmd + ["--resume"], cwd=REPO, capture_output=True, text=True)
        assert again.returncode == 0, again.stderr
        assert again.stderr.count("is not read as input") == 1
    assert sorted(d["id"] for d in lines(out / "documents.jsonl")) == ["doc:n0", "doc:n1", "doc:n2"]
    assert lines(out / "errors.jsonl") == []


def test_output_folder_equal_to_the_input_folder_reads_the_texts_but_not_the_run_files(tmp_path, light):
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    run([tmp_path], tmp_path, light)
    summary = run([tmp_path], tmp_path, light, resume=True)
    assert summary.documents == 1 and summary.errors == 0
    assert [d["id"] for d in lines(tmp_path / "documents.jsonl")] == ["doc:a"]


def _colliding_inputs(tmp_path):
    f1, f2 = tmp_path / "f1", tmp_path / "f2"
    f1.mkdir()
    f2.mkdir()
    (f1 / "x.txt").write_text(TEXTS[0], encoding="utf-8")
    (f1 / "x-2.txt").write_text(TEXTS[1], encoding="utf-8")
    (f2 / "x.txt").write_text(TEXTS[2], encoding="utf-8")
    return [f1 / "x.txt", f1 / "x-2.txt", f2 / "x.txt"]


def _ids(out):
    docs = lines(out / "documents.jsonl")
    graph = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    claims = [n["@id"] for n in graph["@graph"] if n["@type"] == "Claim"]
    return [(d["id"], d["source"].rsplit("/", 2)[-2]) for d in docs], claims


def test_files_of_one_name_from_two_folders_get_distinct_stable_ids(tmp_path, light):
    # f1/x.txt, f1/x-2.txt and f2/x.txt: the two x get x and a hash of their own path
    # (never x-2, which a file already has, nor a number that depends on the order)
    inputs = _colliding_inputs(tmp_path)
    run(inputs, tmp_path / "one", light)
    docs, claims = _ids(tmp_path / "one")
    assert [d[1] for d in docs] == ["f1", "f1", "f2"] and docs[1][0] == "doc:x-2"
    assert all(re.fullmatch(r"doc:x-[0-9a-f]{8}", d[0]) for d in (docs[0], docs[2])) and docs[0][0] != docs[2][0]
    assert len(claims) == len(set(claims)) >= 3
    run(inputs, tmp_path / "again", light)
    run(inputs, tmp_path / "workers", light, workers=2, batch_size=1)
    assert _ids(tmp_path / "again") == _ids(tmp_path / "workers") == (docs, claims)
    run(inputs[::-1], tmp_path / "reversed", light)
    assert sorted(_ids(tmp_path / "reversed")[0]) == sorted(docs)
    # resume after the first document only (a run killed there): the others get the same ids as in a clean run
    run(inputs, tmp_path / "resumed", light)
    records = tmp_path / "resumed" / "documents.jsonl"
    records.write_text(records.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    run(inputs, tmp_path / "resumed", light, resume=True)
    assert _ids(tmp_path / "resumed") == (docs, claims)


def test_colliding_ids_give_a_graph_that_validates(tmp_path, light):
    needs_extra("pyshacl", "export")
    from pipeline.export import validate

    run(_colliding_inputs(tmp_path), tmp_path / "out", light)
    conforms, report = validate(tmp_path / "out" / "graph.jsonld")
    assert conforms, report


def test_colliding_ids_are_the_same_on_dask(tmp_path, light):
    distributed = needs_extra("distributed", "dask")
    inputs = _colliding_inputs(tmp_path)
    run(inputs, tmp_path / "local", light)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        run(inputs, tmp_path / "dask", light, executor="dask", scheduler=cl.scheduler_address, batch_size=1)
    assert _ids(tmp_path / "dask") == _ids(tmp_path / "local")


def test_a_failing_stage_names_itself_in_errors_jsonl(tmp_path):
    from pipeline.stage import Stage, register_stage

    @register_stage("test_fails_on_marker.v1")
    class FailsOnMarker(Stage):
        requires = ("sentences",)

        def __call__(self, doc):
            if "Жапония" in doc.text:
                raise TypeError("'NoneType' object is not subscriptable")
            return doc

    nlp = pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}, {"factory": "test_fails_on_marker.v1"}]})
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i, text in enumerate(TEXTS):
        (corpus / f"n{i}.txt").write_text(text, encoding="utf-8")
    summary = run([corpus], tmp_path / "out", nlp)
    assert summary.documents == 2 and summary.errors == 1
    [error] = lines(tmp_path / "out" / "errors.jsonl")
    assert error["id"] == "doc:n2" and error["stage"] == "test_fails_on_marker.v1"
    assert error["reason"] == "TypeError: 'NoneType' object is not subscriptable"
    # the library call says which stage failed too, the original error chained
    from pipeline.core import StageError

    with pytest.raises(StageError) as info:
        nlp.process("Жапония келді.")
    assert info.value.stage == "test_fails_on_marker.v1" and isinstance(info.value.__cause__, TypeError)


def test_documents_jsonl_says_where_the_text_starts_in_its_source(tmp_path, light):
    # offsets count from the text after the 'date' line; text_offset maps them back to the file
    files = {"head.txt": "date 2024-03-01\nФранция Германияға алғыс айтты.\n",
             "inline.txt": "date 2024-03-01 Франция Германияға алғыс айтты.\n",
             "crlf.txt": "date 2024-03-01\r\nФранция Германияға алғыс айтты.\r\n",
             "plain.txt": "Франция Германияға алғыс айтты.\n"}
    for name, text in files.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    run(sorted(tmp_path.glob("*.txt")), tmp_path / "out", light)
    for doc in lines(tmp_path / "out" / "documents.jsonl"):
        raw = Path(doc["source"]).read_bytes().decode("utf-8")
        assert doc["text_offset"] == {"doc:head": 16, "doc:inline": 16, "doc:crlf": 17, "doc:plain": 0}[doc["id"]]
        for m in doc["mentions"]:  # (all on the text's first line: no CR LF before them)
            start = doc["text_offset"] + m["start"]
            assert raw[start:start + len(m["text"])] == m["text"]
        assert doc["mentions"], doc["id"]


def test_run_and_core_do_not_import_each_other():
    # run.py never imports pipeline.core (core.Pipeline.run imports run): no circle
    code = ("import sys, pipeline.run; assert 'pipeline.core' not in sys.modules, 'run imported core'; "
            "import pipeline; nlp = pipeline.load({'stages': [{'factory': 'kazakh_sentences.v1'}]}); "
            "print(type(nlp).run.__module__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "pipeline.core"


@pytest.mark.parametrize("name", ["pipeline.document_ids", "pipeline.io.text_files", "pipeline.io.decoding", "pipeline.io.doc_ids"])
def test_doctests_of_the_run_and_the_readers(name):
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


def test_a_run_in_a_folder_of_the_other_layout_removes_that_output(tmp_path, capsys):
    import pipeline
    from pipeline.run import run

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Ресей Қытайға алғыс айтты.", encoding="utf-8")
    out = tmp_path / "out"
    nlp = pipeline.load()
    run([src], out, nlp, layout="partitioned")
    assert (out / "claims").is_dir()
    run([src], out, nlp)
    assert (out / "graph.jsonld").exists() and not (out / "claims").exists() and not (out / "_shards").exists()
    assert "other layout" in capsys.readouterr().err
    run([src], out, nlp, layout="partitioned")
    assert not (out / "graph.jsonld").exists() and (out / "claims").is_dir()


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path):
    import pytest
    import pipeline
    from pipeline.run import RunError, run

    pytest.importorskip("dask.distributed")
    with pytest.raises(RunError, match="cannot reach the Dask scheduler"):
        run([tmp_path], tmp_path / "out", pipeline.load(), executor="dask", scheduler="tcp://127.0.0.1:1")
    assert not (tmp_path / "out").exists()
