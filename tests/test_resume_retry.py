"""``claimgraph run --resume --retry-errors``: a document that failed (past its time limit on a
loaded machine, a stage that tripped) is tried again instead of being skipped forever. Those
that now succeed join the outputs and leave errors.jsonl; those that fail again stay, once."""
import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline
from conftest import needs_extra
from pipeline.cli import app
from pipeline.run import RunError, run
from pipeline.stage import Stage, register_stage

MARKER = "ҚАЙТАЛАУ"  # a word of our own: the stages below trip on a document holding it
TEXTS = {"a": "Франция Германияға алғыс айтты.\n",
         "b": f"Қытай Ресейге көмек жіберді. {MARKER}\n",
         "c": "Жапония Қазақстанға алғыс айтты.\n"}
BUSY = {"flag": None}  # a file: while it exists, the machine is "busy" and the marked document fails


@register_stage("test_fails_while_busy.v1")
class FailsWhileBusy(Stage):
    requires = ("sentences",)

    def __call__(self, doc):
        if MARKER in doc.text and BUSY["flag"] is not None and Path(BUSY["flag"]).exists():
            raise RuntimeError("the machine was busy")
        return doc


@register_stage("test_slow_on_marker.v1")
class SlowOnMarker(Stage):
    requires = ("sentences",)

    def __call__(self, doc):
        if MARKER in doc.text:
            time.sleep(3)
        return doc


def stages(factory: str) -> list[dict]:
    return [{"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"}, {"factory": factory}]


def corpus(folder: Path, texts=TEXTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def document_ids(out: Path, layout: str) -> list[str]:
    if layout == "graph":
        return sorted(r["id"] for r in rows(out / "documents.jsonl"))
    import pyarrow.parquet as pq

    return sorted(i for p in (out / "documents").glob("part-*.parquet") for i in pq.read_table(p)["id"].to_pylist())


@pytest.fixture
def busy(tmp_path):
    BUSY["flag"] = str(tmp_path / "busy")
    Path(BUSY["flag"]).touch()
    yield Path(BUSY["flag"])
    BUSY["flag"] = None


@pytest.mark.parametrize("layout", ["graph", "partitioned"])
def test_a_failed_document_is_tried_again_and_joins_the_outputs(tmp_path, busy, layout):
    if layout == "partitioned":
        needs_extra("pyarrow", "export")
    nlp = pipeline.load({"stages": stages("test_fails_while_busy.v1")})
    src, out = corpus(tmp_path / "in"), tmp_path / "out"
    first = run([src], out, nlp, layout=layout, shard_size=1)
    assert (first.documents, first.errors) == (2, 1)
    [error] = rows(out / "errors.jsonl")
    assert (error["id"], error["reason"]) == ("doc:b", "RuntimeError: the machine was busy")

    busy.unlink()  # the machine is quiet now
    plain = run([src], out, nlp, layout=layout, shard_size=1, resume=True)  # --resume alone skips it, as before
    assert (plain.documents, plain.errors, plain.skipped) == (2, 1, 3)
    retried = run([src], out, nlp, layout=layout, shard_size=1, resume=True, retry_errors=True)
    assert (retried.documents, retried.errors, retried.skipped, retried.retried) == (3, 0, 2, 1)
    assert document_ids(out, layout) == ["doc:a", "doc:b", "doc:c"]
    assert rows(out / "errors.jsonl") == []
    if layout == "graph":
        graph = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
        assert "doc:b" in {node["@id"] for node in graph["@graph"]}
    assert "1 earlier error tried again" in retried.line()


def test_a_document_that_fails_again_stays_in_errors_once_and_an_unreadable_file_too(tmp_path, busy):
    nlp = pipeline.load({"stages": stages("test_fails_while_busy.v1")})
    src, out = corpus(tmp_path / "in"), tmp_path / "out"
    (src / "broken.txt").write_bytes(bytes(range(256)) * 8)  # mostly binary: refused by the reader
    run([src], out, nlp)
    before = rows(out / "errors.jsonl")
    assert sorted(r.get("id") or r["source"].rsplit("/", 1)[-1] for r in before) == ["broken.txt", "doc:b"]
    for _ in range(2):  # still busy: each retry finds the same two failures, each written once
        summary = run([src], out, nlp, resume=True, retry_errors=True)
        assert (summary.documents, summary.errors, summary.retried) == (2, 2, 2)
        assert sorted(json.dumps(r, sort_keys=True) for r in rows(out / "errors.jsonl")) == \
            sorted(json.dumps(r, sort_keys=True) for r in before)
    assert document_ids(out, "graph") == ["doc:a", "doc:c"]


def test_retry_errors_without_resume_is_refused(tmp_path):
    nlp = pipeline.load({"stages": stages("test_fails_while_busy.v1")})
    with pytest.raises(RunError, match="--retry-errors goes with --resume"):
        run([corpus(tmp_path / "in")], tmp_path / "out", nlp, retry_errors=True)
    result = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--retry-errors"])
    assert result.exit_code == 2
    assert result.output.strip() == ("claimgraph: error: --retry-errors goes with --resume "
                                     "(without it the run starts over and does every document)")


def test_cli_a_document_past_a_tight_time_limit_succeeds_when_retried_without_one(tmp_path):
    config = tmp_path / "slow.yaml"
    config.write_text("stages:\n" + "".join(f"  - factory: {s['factory']}\n"
                                             for s in stages("test_slow_on_marker.v1")), encoding="utf-8")
    src, out = corpus(tmp_path / "in"), tmp_path / "out"
    args = ["run", str(src), "-o", str(out), "-c", str(config), "-q"]
    first = CliRunner().invoke(app, [*args, "--doc-timeout", "1"])
    assert first.exit_code == 0, first.output
    assert [(r["id"], r["reason"]) for r in rows(out / "errors.jsonl")] == [("doc:b", "time budget of 1 s exceeded")]

    again = CliRunner().invoke(app, [*args, "--resume", "--retry-errors", "--doc-timeout", "0"])
    assert again.exit_code == 0, again.output
    assert "3 documents" in again.stdout and "0 errors, 2 from the earlier run, 1 earlier error tried again" in again.stdout
    assert rows(out / "errors.jsonl") == []
    assert document_ids(out, "graph") == ["doc:a", "doc:b", "doc:c"]
