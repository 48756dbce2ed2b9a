"""A run's output folder and its documents stay sound: user stories from issue 21.

One document may not stall the run (a per-document time and memory budget), two
runs may not write one folder (a lock), a half-done folder says so (run.json's
status), --resume never mixes two configs or two input sets, and an input listed
twice is read once.
"""
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

import pipeline
from conftest import REPO, needs_extra
from pipeline.cli import app
from pipeline.io.reading import ReaderOptions
from pipeline.run import RunError, run
from pipeline.stage import Stage, register_stage

MARKER = "ҮЗІЛІС"  # a word of our own: the stage below never finishes a document holding it
TEXTS = {"a": "Франция Германияға алғыс айтты.\n",
         "b": f"Қытай Ресейге көмек жіберді. {MARKER}\n",
         "c": "Жапония Қазақстанға алғыс айтты.\n"}


@register_stage("test_stalls_on_marker.v1")
class StallsOnMarker(Stage):
    """A stage caught in a loop on one document (as a quadratic stage on a huge text)."""

    requires = ("sentences",)

    def __call__(self, doc):
        while MARKER in doc.text:
            pass
        return doc


@register_stage("test_hoards_on_marker.v1")
class HoardsOnMarker(Stage):
    """A stage that asks for far more memory on one document."""

    requires = ("sentences",)

    def __call__(self, doc):
        if MARKER in doc.text:
            hoard = bytearray(1024**3)  # a gigabyte (the machine has it; the budget below does not)
            del hoard
        return doc


def nlp_with(factory):
    return pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"},
                                     {"factory": factory}]})


@pytest.fixture(scope="module")
def stalling():
    return nlp_with("test_stalls_on_marker.v1")


@pytest.fixture(scope="module")
def light():
    return pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}, {"factory": "country_gazetteer.v1"}]})


def corpus(folder, texts=TEXTS):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def doc_ids(out, layout="graph"):
    if layout == "graph":
        return [d["id"] for d in lines(out / "documents.jsonl")]
    import pyarrow.parquet as pq

    return [r for p in sorted((out / "documents").glob("part-*.parquet")) for r in pq.read_table(p)["id"].to_pylist()]


def manifest(out):
    return json.loads((out / "run.json").read_text(encoding="utf-8"))


# -- 1. a per-document budget -----------------------------------------------------------
@pytest.mark.parametrize("layout,workers", [("graph", 1), ("graph", 2), ("partitioned", 1)])
def test_a_document_past_its_time_budget_is_an_error_row_and_the_run_goes_on(tmp_path, stalling, layout, workers):
    if layout == "partitioned":
        needs_extra("pyarrow", "export")
    out = tmp_path / "out"
    summary = run([corpus(tmp_path / "in")], out, stalling, workers=workers, layout=layout, doc_timeout=1.5)
    assert summary.documents == 2 and summary.errors == 1
    assert doc_ids(out, layout) == ["doc:a", "doc:c"]
    [error] = lines(out / "errors.jsonl")
    assert (error["id"], error["stage"], error["reason"]) == (
        "doc:b", "test_stalls_on_marker.v1", "time budget of 1.5 s exceeded")
    assert manifest(out)["status"] == "complete"
    assert manifest(out)["budget"]["doc_timeout"] == 1.5


def test_the_time_budget_holds_on_dask_workers(tmp_path, stalling):
    distributed = needs_extra("distributed", "dask")
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        summary = run([corpus(tmp_path / "in")], out, stalling, executor="dask", scheduler=cl.scheduler_address,
                      doc_timeout=1.5)
    assert summary.documents == 2 and doc_ids(out) == ["doc:a", "doc:c"]
    [error] = lines(out / "errors.jsonl")
    assert (error["id"], error["reason"]) == ("doc:b", "time budget of 1.5 s exceeded")


def test_a_document_past_its_memory_budget_is_an_error_row(tmp_path):
    out = tmp_path / "out"
    summary = run([corpus(tmp_path / "in")], out, nlp_with("test_hoards_on_marker.v1"), doc_memory="256MiB")
    assert summary.documents == 2 and doc_ids(out) == ["doc:a", "doc:c"]
    [error] = lines(out / "errors.jsonl")
    assert (error["id"], error["stage"], error["reason"]) == (
        "doc:b", "test_hoards_on_marker.v1", "memory budget of 256.0MiB exceeded")


def test_the_budget_comes_from_the_config_and_the_cli_overrides_it(tmp_path):
    config = tmp_path / "budget.yaml"
    config.write_text("budget:\n  doc_timeout: 1.5\nstages:\n  - factory: kazakh_sentences.v1\n"
                      "  - factory: test_stalls_on_marker.v1\n", encoding="utf-8")
    src = corpus(tmp_path / "in")
    result = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "o1"), "-q", "-c", str(config)])
    assert result.exit_code == 0, result.output
    assert [e["id"] for e in lines(tmp_path / "o1" / "errors.jsonl")] == ["doc:b"]
    result = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "o2"), "-q", "-c", str(config),
                                      "--doc-timeout", "1", "--doc-memory", "1GiB"])
    assert result.exit_code == 0, result.output
    assert lines(tmp_path / "o2" / "errors.jsonl")[0]["reason"] == "time budget of 1 s exceeded"
    assert manifest(tmp_path / "o2")["budget"] == {"doc_timeout": 1.0, "doc_memory": 1024**3, "enforced": True}
    bad = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "o3"), "-c", str(config),
                                   "--doc-memory", "lots"])
    assert bad.exit_code == 2 and bad.output.strip().startswith("claimgraph: error: --doc-memory: 'lots'")


def test_with_the_budget_in_child_processes_the_output_is_the_same(tmp_path, light):
    src = corpus(tmp_path / "in", {**TEXTS, "b": "Қытай Ресейге көмек жіберді.\n"})
    run([src], tmp_path / "inprocess", light, doc_timeout=0, doc_memory=0)  # no budget: in this process
    run([src], tmp_path / "child", light)
    run([src], tmp_path / "two", light, workers=2, batch_size=1)
    for name in ("documents.jsonl", "graph.jsonld", "errors.jsonl"):
        expected = (tmp_path / "inprocess" / name).read_bytes()
        assert (tmp_path / "child" / name).read_bytes() == expected == (tmp_path / "two" / name).read_bytes()


# -- 2. --resume with another config or other inputs ----------------------------------------
def test_resume_with_another_config_is_refused_in_one_line_and_force_starts_over(tmp_path, light):
    src = corpus(tmp_path / "in")
    out = tmp_path / "out"
    other = pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}]})
    run([src], out, light)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(RunError) as info:
        run([src], out, other, resume=True)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(f"{out}: --resume: the folder holds a run of another config")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing touched
    run([src], out, other, resume=True, force=True)
    assert all(d["mentions"] == [] for d in lines(out / "documents.jsonl"))  # all of the second config
    assert len(lines(out / "documents.jsonl")) == 3
    assert manifest(out)["config_hash"] != json.loads(before["run.json"])["config_hash"]


def test_resume_with_other_inputs_is_refused_but_another_order_resumes(tmp_path, light):
    src = corpus(tmp_path / "in")
    a, b, c = (src / f"{n}.txt" for n in "abc")
    out = tmp_path / "out"
    run([a, b], out, light)
    with pytest.raises(RunError, match=r"--resume: the folder holds a run of other inputs \(new: .*c\.txt\)"):
        run([a, b, c], out, light, resume=True)
    summary = run([b, a], out, light, resume=True)
    assert summary.skipped == 2 and sorted(doc_ids(out)) == ["doc:a", "doc:b"]


def test_cli_resume_with_another_config_is_exit_2(tmp_path):
    src = corpus(tmp_path / "in")
    out = tmp_path / "out"
    one = tmp_path / "one.yaml"
    one.write_text("stages:\n  - factory: kazakh_sentences.v1\n", encoding="utf-8")
    two = tmp_path / "two.yaml"
    two.write_text("stages:\n  - factory: kazakh_sentences.v1\n  - factory: country_gazetteer.v1\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["run", str(src), "-o", str(out), "-q", "-c", str(one)]).exit_code == 0
    result = CliRunner().invoke(app, ["run", str(src), "-o", str(out), "-q", "-c", str(two), "--resume"])
    assert result.exit_code == 2
    assert result.output.strip() == (f"claimgraph: error: {out}: --resume: the folder holds a run of another config "
                                     f"({one}; now {two}); run with the same config and inputs, or add --force "
                                     "to start over")


# -- 3. one run a folder; a half-done folder says so ------------------------------------------
SLOW_RUN = """
import sys, time
import pipeline
from pipeline.run import run
from pipeline.stage import Stage, register_stage

@register_stage("test_sleeps_on_marker.v1")
class SleepsOnMarker(Stage):
    requires = ("sentences",)
    def __call__(self, doc):
        while "%s" in doc.text:
            time.sleep(0.05)
        return doc

nlp = pipeline.load({"stages": [{"factory": "kazakh_sentences.v1"}, {"factory": "test_sleeps_on_marker.v1"}]})
run([sys.argv[1]], sys.argv[2], nlp)
""" % MARKER


def test_a_second_run_into_a_busy_folder_is_refused_and_a_killed_run_leaves_no_lock(tmp_path, light):
    src = corpus(tmp_path / "in")
    out = tmp_path / "out"
    run([tmp_path / "in" / "a.txt"], out, light)  # an old, complete run in the folder
    assert (out / "graph.jsonld").exists()
    slow = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(src), str(out)], cwd=REPO)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and manifest(out).get("status") != "running":
            time.sleep(0.05)  # the rerun has started; it gets stuck on b
        assert manifest(out).get("status") == "running"
        assert not (out / "graph.jsonld").exists()  # the old graph is not left beside new records
        second = CliRunner().invoke(app, ["run", str(src), "-o", str(out), "-q"])
        assert second.exit_code == 2
        [line] = second.output.strip().splitlines()
        assert line.startswith(f"claimgraph: error: {out}: another claimgraph run is writing this folder "
                               f"(pid {slow.pid} on ")
    finally:
        os.kill(slow.pid, signal.SIGKILL)  # no goodbye: the OS lock goes with the process
        slow.wait()
    assert manifest(out)["status"] == "running"
    summary = run([src], out, light)
    assert summary.documents == 3 and manifest(out)["status"] == "complete"
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "errors.jsonl", "graph.jsonld", "run.json"]


# -- 6. inputs listed twice; -c a folder ---------------------------------------------------------
def test_an_input_listed_twice_or_inside_a_listed_folder_is_read_once(tmp_path, light, capsys):
    src = corpus(tmp_path / "in")
    one = run([src / "a.txt", src / "a.txt", tmp_path / "in" / ".." / "in" / "a.txt"], tmp_path / "o1", light)
    assert one.documents == 1 and doc_ids(tmp_path / "o1") == ["doc:a"]
    both = run([src / "c.txt", src, src], tmp_path / "o2", light)
    assert both.documents == 3 and doc_ids(tmp_path / "o2") == ["doc:a", "doc:b", "doc:c"]
    notes = [x for x in capsys.readouterr().err.splitlines() if "read once" in x]
    assert len(notes) == 2 and "listed twice" in notes[0] and f"inside {src}" in notes[1]
    only_txt = run([src / "c.txt", src], tmp_path / "o3", light, reader_options=ReaderOptions(glob="*.md"))  # the folder's glob does not read c.txt: it stays an input of its own
    assert doc_ids(tmp_path / "o3") == ["doc:c"] and only_txt.errors == 1


def test_cli_config_naming_a_folder_is_one_line_with_exit_code_2(tmp_path):
    src = corpus(tmp_path / "in")
    result = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "o"), "-c", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == (f"claimgraph: error: {tmp_path}: cannot read the config: Is a directory "
                                     "(-c names a YAML file, not a folder)")
