"""The partitioned layout: part files, a manifest, entities merged on disk, the
run's identity pass, shard-level --resume."""
import gzip
import json
import sys

import pytest

from conftest import needs_extra
from pipeline.run import RunError, run

pa = needs_extra("pyarrow", "export")
import pyarrow.parquet as pq  # noqa: E402

TEXTS = {  # (file, text): a full name in one article, the surname alone in others
    "a.txt": "date 2024-03-01\nРесей президенті Владимир Путин Қытайға алғыс айтты.\n",
    "b.txt": "date 2024-03-02\nПутин Жапонияға алғыс айтты.\n",
    "c.txt": "date 2024-03-03\nФранция Германияға алғыс айтты. Түркия бұл келісімге кепілдік бермейді.\n",
    "d.txt": "date 2024-03-04\nЖапония мен Оңтүстік Корея Қазақстанға көмек жіберуге уәде етті.\n",
    "e.txt": "date 2024-03-05\nӨзбекстан Қазақстан мен Қытайға алғыс айтты. Путин Түркияға барды.\n",
}


def corpus(folder, texts=TEXTS):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def records(out):
    rows = []
    for p in sorted((out / "documents").glob("part-*.jsonl.gz")):
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh)
    return rows


def table(out, name):
    return pq.read_table(out / name).to_pylist()


@pytest.fixture(scope="module")
def runs(tmp_path_factory, nlp):
    tmp = tmp_path_factory.mktemp("partitioned")
    src = corpus(tmp / "in")
    run([src], tmp / "graph", nlp)
    summary = run([src], tmp / "parts", nlp, layout="partitioned", shard_size=2)
    return tmp, summary


def test_partitioned_holds_the_same_documents_and_claims_as_graph_layout(runs):
    tmp, summary = runs
    default = [json.loads(line) for line in (tmp / "graph" / "documents.jsonl").read_text("utf-8").splitlines()]
    parts = records(tmp / "parts")
    assert sorted(r["id"] for r in parts) == sorted(r["id"] for r in default) and len(parts) == 5
    assert {r["id"]: r for r in parts} == {r["id"]: r for r in default}
    claim_rows = [row for p in sorted((tmp / "parts" / "claims").glob("part-*.parquet")) for row in table(tmp / "parts", p.relative_to(tmp / "parts"))]
    assert sorted(r["id"] for r in claim_rows) == sorted(c["id"] for r in default for c in r["claims"])
    assert summary.documents == 5 and summary.claims == len(claim_rows)


def test_partitioned_merged_entities_equal_graph_jsonld_entities_with_identity(runs):
    tmp, summary = runs
    graph = json.loads((tmp / "graph" / "graph.jsonld").read_text("utf-8"))["@graph"]
    entity_types = {"Person", "Country", "Organization", "Place", "Event", "cg:Group"}
    expected = {n["@id"]: n for n in graph if n.get("@type") in entity_types}
    merged = {row["id"]: json.loads(row["node"]) for row in table(tmp / "parts", "entities/merged.parquet")}
    assert merged == expected
    assert summary.entities == len(merged)
    putins = [n for n in merged.values() if n["@type"] == "Person" and "Путин" in n["name"]]
    assert [p["name"] for p in putins] == ["Владимир Путин"] and "Путин" in putins[0]["alternateName"]
    manifest = json.loads((tmp / "parts" / "run.json").read_text("utf-8"))
    graph_manifest = json.loads((tmp / "graph" / "run.json").read_text("utf-8"))
    assert manifest["identity"] == graph_manifest["identity"]
    assert manifest["identity"]["merged"]["person:putin"] == putins[0]["@id"]
    same_as = (tmp / "parts" / "graph" / "entities.nq").read_text("utf-8")
    assert "id/person/putin> <http://www.w3.org/2002/07/owl#sameAs>" in same_as


def test_partitioned_manifest_lists_every_part_with_its_rows(runs):
    tmp, _ = runs
    out = tmp / "parts"
    manifest = json.loads((out / "run.json").read_text("utf-8"))
    assert manifest["layout"] == "partitioned" and [p["shard"] for p in manifest["parts"]] == [0, 1, 2]
    assert [p["documents"] for p in manifest["parts"]] == [2, 2, 1]
    listed = set()
    for part in manifest["parts"]:
        for kind, info in part["files"].items():
            listed.add(info["path"])
            if info["path"].endswith(".parquet"):
                assert pq.read_metadata(out / info["path"]).num_rows == info["rows"]
            elif info["path"].endswith(".nq"):
                assert (out / info["path"]).read_text("utf-8").count("\n") == info["rows"]
            else:
                with gzip.open(out / info["path"], "rt", encoding="utf-8") as fh:
                    assert sum(1 for _ in fh) == info["rows"] == part["documents"]
    on_disk = {str(p.relative_to(out)) for p in out.glob("*/part-*") if p.parent.name != "_shards"}
    assert on_disk == listed
    assert not list(out.rglob(".*.tmp")) and not (out / "graph.jsonld").exists()
    assert manifest["merged"]["entities/merged.parquet"]["rows"] == len(table(out, "entities/merged.parquet"))
    assert manifest["counts"]["documents"] == 5


def test_partitioned_nquads_load_as_rdf(runs):
    rdflib = pytest.importorskip("rdflib")
    tmp, _ = runs
    ds = rdflib.Dataset()
    ds.parse(data="".join(p.read_text("utf-8") for p in sorted((tmp / "parts" / "graph").glob("*.nq"))),
             format="nquads")
    claim = rdflib.URIRef("https://schema.org/Claim")
    claims = {q[0] for q in ds.quads((None, rdflib.RDF.type, claim, None))}
    default = [json.loads(line) for line in (tmp / "graph" / "documents.jsonl").read_text("utf-8").splitlines()]
    assert len(claims) == sum(len(r["claims"]) for r in default) > 0
    persons = {q[0] for q in ds.quads((None, rdflib.RDF.type, rdflib.URIRef("https://schema.org/Person"), None))}
    assert rdflib.URIRef("https://w3id.org/claimgraph/id/person/vladimir-putin") in persons
    assert rdflib.URIRef("https://w3id.org/claimgraph/id/person/putin") not in persons


def _processed(src, out, nlp, **kw):
    seen = []
    summary = run([src], out, nlp, layout="partitioned", shard_size=2, on_document=seen.append, **kw)
    return summary


def test_partitioned_resume_keeps_complete_shards_and_redoes_torn_ones(tmp_path, nlp):
    src = corpus(tmp_path / "in")
    out = tmp_path / "out"
    run([src], out, nlp, layout="partitioned", shard_size=2)
    fresh = {r["id"]: r for r in records(out)}
    kept = (out / "documents" / "part-00000.jsonl.gz").stat().st_mtime_ns
    # shard 1: a torn part file (a run killed while the disk was writing); shard 2: no marker
    torn = out / "documents" / "part-00001.jsonl.gz"
    torn.write_bytes(torn.read_bytes()[:20])
    (out / "_shards" / "part-00002.json").unlink()
    (out / "claims" / ".part-00003.parquet.tmp").write_bytes(b"half")
    summary = run([src], out, nlp, layout="partitioned", shard_size=2, resume=True)
    assert summary.skipped == 2 and summary.documents == 5
    assert (out / "documents" / "part-00000.jsonl.gz").stat().st_mtime_ns == kept
    assert {r["id"]: r for r in records(out)} == fresh  # every document exactly once
    assert len(records(out)) == 5
    assert not (out / "claims" / ".part-00003.parquet.tmp").exists()
    manifest = json.loads((out / "run.json").read_text("utf-8"))
    assert sum(p["documents"] for p in manifest["parts"]) == 5
    assert {str(p.relative_to(out)) for p in out.glob("documents/part-*")} == {
        info["path"] for p in manifest["parts"] for k, info in p["files"].items() if k.startswith("documents")}
    again = run([src], out, nlp, layout="partitioned", shard_size=2, resume=True)
    assert again.skipped == 5 and again.documents == 5


def test_partitioned_without_pyarrow_is_one_clear_error(tmp_path, nlp, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(RunError, match=r"needs pyarrow: pip install 'claimgraph\[export\]'"):
        run([corpus(tmp_path / "in")], tmp_path / "out", nlp, layout="partitioned")


def test_cli_layout_partitioned_and_bad_layout(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    src = corpus(tmp_path / "in", {"a.txt": TEXTS["c.txt"]})
    result = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "out"), "-q", "--layout", "partitioned"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "claims" / "part-00000.parquet").exists()
    bad = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "o2"), "--layout", "tables"])
    assert bad.exit_code == 2 and "--layout" in bad.output
