"""Work units: with --executor dask the driver lists zip/tar members, JSON Lines blocks
and files; the workers read them. Same documents, ids, errors as the local readers."""
import gzip
import io
import json
import re
import tarfile
import zipfile

import pytest

from conftest import has_module, needs_extra
from pipeline.io.inputs import iter_documents
from pipeline.io.json_lines import JsonlUnit
from pipeline.io.readers import read_unit
from pipeline.io.reading import ReaderOptions, ReadError
from pipeline.io.tar_archives import TarUnit
from pipeline.io.zip_archives import ZipUnit
from pipeline.records import Document
from pipeline.run import run

TEXTS = [
    "Франция Германияға алғыс айтты.", "Жапония мен Оңтүстік Корея Қазақстанға көмек жіберуге уәде етті.",
    "Ресей президенті Владимир Путин сәрсенбі күні Қытайға барды.", "Путин Түркияға алғыс айтты.",
    "Өзбекстан Қазақстан мен Қытайға алғыс айтты.", "Түркия бұл келісімге кепілдік бермейді.",
]


def _jsonl(rows):
    return ("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n").encode()


def mixed_corpus(src):
    """txt files, a zip (text + JSON Lines members, refused ones), a tar.gz, JSON Lines
    (plain and gzip, with bad lines), and ids that collide across inputs."""
    src.mkdir(parents=True, exist_ok=True)
    (src / "a.txt").write_text(f"date 2024-05-01\n{TEXTS[0]}\n", encoding="utf-8")
    (src / "empty.txt").write_text("date 2024-05-02\n  \n", encoding="utf-8")
    with zipfile.ZipFile(src / "b.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", f"date 2024-05-03\n{TEXTS[1]}\n")  # id "a" again: both qualified
        zf.writestr("../escape.txt", TEXTS[2])
        zf.writestr("n/c.txt", TEXTS[2].encode("cp1251", errors="ignore") or b"x")
        zf.writestr("bad.txt", b"\xff\xfe\x00\xd8broken" * 3)
        zf.writestr("feed.jsonl", _jsonl([{"id": "z1", "text": TEXTS[3]}, "{not json", {"id": "a", "text": TEXTS[4]}]))
        zf.writestr("n/d.txt", TEXTS[5])
    with tarfile.open(src / "c.tar.gz", "w:gz") as tf:
        for name, text in (("t1.txt", TEXTS[2]), ("../x.txt", TEXTS[0]), ("t2.txt", TEXTS[3])):
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    rows = [{"id": f"j{i}", "text": TEXTS[i % len(TEXTS)], "date": "2024-06-01"} for i in range(11)]
    rows[3] = "{broken"
    rows[6] = {"id": "j6", "text": "  "}
    rows[8] = {"id": "a", "text": TEXTS[1]}  # collides with a.txt
    (src / "d.jsonl").write_bytes(_jsonl(rows))
    (src / "e.jsonl.gz").write_bytes(gzip.compress(_jsonl(rows[:5]).rstrip(b"\n")))  # no newline at the end
    return src


def _flat(items):
    out = []
    for item in items:
        stream = [item] if isinstance(item, (ReadError, Document)) else read_unit(item)
        for d in stream:
            out.append(("error", d.source, d.reason) if isinstance(d, ReadError)
                       else ("doc", d.source, d.id, d.text, str(d.date), d.text_offset))
    return out


@pytest.mark.parametrize("block", [1, 2, 4, 16])
def test_units_read_like_the_local_readers(tmp_path, block, monkeypatch):
    from pipeline.io import reading

    src = mixed_corpus(tmp_path / "in")
    local = _flat(iter_documents([src]))
    monkeypatch.setattr(reading, "STREAM_BLOCK", block)  # tar and .jsonl.gz blocks too
    units = list(iter_documents([src], units=True, block=block))
    if block == 1:
        assert sum(isinstance(u, TarUnit) for u in units) == 3 and sum(
            isinstance(u, JsonlUnit) and u.path.endswith(".gz") for u in units) == 5
    assert not any(isinstance(u, Document) for u in units)
    assert _flat(units) == local
    assert sum(1 for x in local if x[0] == "doc") >= 15 and sum(1 for x in local if x[0] == "error") >= 5
    kinds = {type(u).__name__ for u in units}
    assert {"FileUnit", "ZipUnit", "TarUnit", "JsonlUnit"} <= kinds


def test_jsonl_blocks_split_at_line_ends(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_bytes(_jsonl([{"id": f"x{i}", "text": "Қытай " * (i + 1)} for i in range(10)]))
    units = list(iter_documents([path], units=True, block=3))
    assert [(u.first_line, u.start) for u in units][:2] == [(1, 0), (4, units[0].end)]
    assert len(units) == 4 and units[-1].end == path.stat().st_size
    data = path.read_bytes()
    assert all(data[u.end - 1:u.end] == b"\n" for u in units)
    assert [d.source for u in units for d in read_unit(u)] == [f"{path}:{i}" for i in range(1, 11)]


def test_short_json_lines_go_to_dask_in_fewer_larger_tasks(tmp_path, monkeypatch):
    """A task costs Dask a few ms: one-line documents are not sent 16 at a time. The
    driver joins a JSON Lines file's adjacent ranges until a task holds enough bytes;
    the joined range reads as the separate ones did (same documents, same line numbers)."""
    from pipeline.executors import dask as dask_executor

    path = tmp_path / "short.jsonl"
    rows = [{"id": f"s{i}", "text": TEXTS[i % len(TEXTS)]} for i in range(40)]
    rows[7] = "{broken"
    path.write_bytes(_jsonl(rows))
    units = list(iter_documents([path], units=True, block=4))
    assert len(units) == 10
    monkeypatch.setattr(dask_executor, "MIN_TASK_BYTES", path.stat().st_size // 3)
    tasks = list(dask_executor._tasks(units, 4))
    assert 2 <= len(tasks) <= 4 and all(len(t) == 1 for t in tasks)
    assert [(t[0].start, t[0].end) for t in tasks][0][0] == 0 and tasks[-1][0].end == path.stat().st_size
    assert all(a[0].end == b[0].start for a, b in zip(tasks, tasks[1:]))
    assert _flat(t[0] for t in tasks) == _flat(units) == _flat(iter_documents([path]))
    # zip members' sizes are known too: short members share a task, several units to it
    zpath = tmp_path / "short.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for i in range(40):
            zf.writestr(f"m{i:02d}.txt", TEXTS[i % len(TEXTS)])
    zunits = list(iter_documents([zpath], units=True, block=4))
    ztasks = list(dask_executor._tasks(zunits, 4))
    assert len(zunits) == 10 and 2 <= len(ztasks) <= 4 and all(len(t) >= 2 for t in ztasks[:-1])
    assert _flat(u for t in ztasks for u in t) == _flat(iter_documents([zpath]))
    # other units (a text file each) still go 4 to a task
    (tmp_path / "txt").mkdir()
    for i in range(8):
        (tmp_path / "txt" / f"t{i}.txt").write_text(TEXTS[i % len(TEXTS)], encoding="utf-8")
    assert [len(t) for t in dask_executor._tasks(iter_documents([tmp_path / "txt"], units=True), 4)] == [4, 4]


def test_zip_units_read_members_where_the_driver_found_them(tmp_path, monkeypatch):
    """The worker reads a zip unit's members at the offsets the driver took from the
    central directory, without parsing that directory again (a big archive's costs a
    second or more each time); stored and deflated members, a corrupt and an encrypted
    one give the same documents and errors as the local reader."""
    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", f"date 2024-05-01\n{TEXTS[0]}\n", compress_type=zipfile.ZIP_STORED)
        zf.writestr("b.txt", TEXTS[1] * 3, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("c.txt", TEXTS[2] * 3, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("feed.jsonl", _jsonl([{"id": "z", "text": TEXTS[3]}]), compress_type=zipfile.ZIP_BZIP2)
        zf.writestr("d.txt", TEXTS[4], compress_type=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        c, d = zf.getinfo("c.txt"), zf.getinfo("d.txt")
    start = data.index(b"c.txt", c.header_offset) + len("c.txt")
    data[start + 5] ^= 0xFF  # c.txt's deflated data corrupted
    data[d.header_offset + 6] |= 0x1  # d.txt marked encrypted in its local header ...
    data[data.rindex(b"PK\x01\x02") + 8] |= 0x1  # ... and in the central directory (its last entry)
    path.write_bytes(bytes(data))
    local = _flat(iter_documents([path]))
    units = list(iter_documents([path], units=True, block=2))
    assert all(isinstance(u, ZipUnit) for u in units)

    def no_central_directory(*a, **k):
        raise AssertionError("the worker parsed the central directory")
    monkeypatch.setattr(zipfile, "ZipFile", no_central_directory)
    worker = _flat(units)
    assert worker == local
    docs = [x for x in local if x[0] == "doc"]
    errors = [x for x in local if x[0] == "error"]
    assert [x[1].rsplit("!", 1)[1] for x in docs] == ["a.txt", "b.txt", "feed.jsonl:1"]
    assert [x[1].rsplit("!", 1)[1] for x in errors] == ["c.txt", "d.txt"]
    assert errors[1][2] == "encrypted member refused (no password)" and errors[0][2].startswith("cannot read member")


def test_a_cut_off_jsonl_gz_gives_the_workers_every_line_the_local_reader_reads(tmp_path):
    rows = [{"id": f"c{i}", "text": f"{TEXTS[i % len(TEXTS)]} {i}"} for i in range(3000)]
    data = gzip.compress(_jsonl(rows))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 7 // 10])
    local = _flat(iter_documents([path]))
    workers = _flat(iter_documents([path], units=True))
    assert workers == local
    assert sum(x[0] == "doc" for x in local) > 1000 and local[-1][0] == "error"


def test_units_keep_the_archive_limits(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(5):
            zf.writestr(f"m{i}.txt", TEXTS[0])
    opts = ReaderOptions(max_members=3)
    units = list(iter_documents([path], opts, units=True))
    assert [type(u) for u in units] == [ZipUnit] and "more than the limit of 3" in units[0].items[0][1]
    bomb = tmp_path / "bomb.tar.gz"
    with tarfile.open(bomb, "w:gz") as tf:
        for name, data in (("a.txt", TEXTS[0].encode()), ("bomb.txt", ("а" * 1_000_000).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    opts = ReaderOptions(max_compression_ratio=100)
    (unit,) = iter_documents([bomb], opts, units=True)
    assert isinstance(unit, TarUnit) and unit.items == (1, 2)
    doc, err = read_unit(unit, opts)  # the ratio is measured where the member is read: on the worker
    assert isinstance(err, ReadError) and "compression ratio" in err.reason


def test_language_option_reaches_the_worker(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_bytes(_jsonl([{"id": "x", "text": TEXTS[0], "language": "ru"}]))
    opts = ReaderOptions(language="kk")
    (unit,) = iter_documents([path], opts, units=True)
    assert isinstance(unit, JsonlUnit) and [d.language for d in read_unit(unit, opts)] == ["kk"]


def _records(out):
    return [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]


def _lines(out, name):
    return (out / name).read_text("utf-8").splitlines()


def test_dask_mixed_inputs_same_output_as_one_worker_and_resume(tmp_path, nlp):
    distributed = needs_extra("distributed", "dask")
    src = mixed_corpus(tmp_path / "in")
    one = run([src], tmp_path / "one", nlp)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        dask = run([src], tmp_path / "dask", nlp, executor="dask", scheduler=cl.scheduler_address, batch_size=3)
        # resume: the output of a run cut short (its first documents), then the rest
        (tmp_path / "resumed").mkdir()
        (tmp_path / "resumed" / "documents.jsonl").write_text(
            "\n".join(_lines(tmp_path / "one", "documents.jsonl")[:5]) + "\n", encoding="utf-8")
        (tmp_path / "resumed" / "errors.jsonl").write_text(
            "\n".join(_lines(tmp_path / "one", "errors.jsonl")[:2]) + "\n", encoding="utf-8")
        resumed = run([src], tmp_path / "resumed", nlp, executor="dask", scheduler=cl.scheduler_address,
                      batch_size=2, resume=True)
        parts = run([src], tmp_path / "parts", nlp, executor="dask", scheduler=cl.scheduler_address, batch_size=3,
                    layout="partitioned", shard_size=4) if has_module("pyarrow") else None
    assert one.documents == dask.documents >= 15
    ids = [r["id"] for r in _records(tmp_path / "one")]
    # the four documents named "a" (a.txt, b.zip!a.txt, the id a in b.zip!feed.jsonl and in d.jsonl):
    # each qualified by its own source
    assert "doc:a" not in ids and len({i for i in ids if re.fullmatch(r"doc:a-[0-9a-f]{8}", i)}) == 4
    assert _lines(tmp_path / "dask", "documents.jsonl") == _lines(tmp_path / "one", "documents.jsonl")
    assert _lines(tmp_path / "dask", "errors.jsonl") == _lines(tmp_path / "one", "errors.jsonl")
    assert (tmp_path / "dask" / "graph.jsonld").read_text("utf-8") == (tmp_path / "one" / "graph.jsonld").read_text("utf-8")
    assert resumed.skipped == 7
    assert sorted(_lines(tmp_path / "resumed", "documents.jsonl")) == sorted(_lines(tmp_path / "one", "documents.jsonl"))
    assert sorted(_lines(tmp_path / "resumed", "errors.jsonl")) == sorted(_lines(tmp_path / "one", "errors.jsonl"))
    if parts is not None:  # the partitioned layout keeps the used ids on disk: the same ids
        records = []
        for p in sorted((tmp_path / "parts" / "documents").glob("part-*.jsonl.gz")):
            records.extend(gzip.decompress(p.read_bytes()).decode("utf-8").splitlines())
        assert records == _lines(tmp_path / "one", "documents.jsonl")
        assert not (tmp_path / "parts" / ".ids.sqlite").exists()


# -- fsspec URLs --------------------------------------------------------------------
def _no_source(records):
    """Records without their source, and without the source's hash in the ids of
    documents that share a name (a-1f0c2b9e -> a-#)."""
    return [json.loads(re.sub(r"-[0-9a-f]{8}\b", "-#", json.dumps({k: v for k, v in r.items() if k != "source"})))
            for r in records]


def test_memory_url_inputs_local_executor(tmp_path, nlp):
    fsspec = needs_extra("fsspec", "dask")
    src = mixed_corpus(tmp_path / "in")
    fs = fsspec.filesystem("memory")
    for p in sorted(src.iterdir()):
        fs.pipe(f"/cgtest/corpus/{p.name}", p.read_bytes())
    try:
        run([src], tmp_path / "disk", nlp)
        run(["memory://cgtest/corpus"], tmp_path / "mem", nlp)
        run(["memory://cgtest/corpus/d.jsonl", "memory://cgtest/missing.txt", "nope://x/y.txt"],
            tmp_path / "single", nlp)
    finally:
        fs.rm("/cgtest", recursive=True)
    disk, mem = _records(tmp_path / "disk"), _records(tmp_path / "mem")
    assert _no_source(mem) == _no_source(disk)
    assert mem[0]["source"] == "memory://cgtest/corpus/a.txt"
    assert any(r["source"] == "memory://cgtest/corpus/b.zip!n/d.txt" for r in mem)
    assert len(_records(tmp_path / "single")) == 9  # 11 lines, 2 bad
    errors = {e["source"]: e["reason"] for e in map(json.loads, _lines(tmp_path / "single", "errors.jsonl"))}
    assert errors["memory://cgtest/missing.txt"] == "no such file or folder"
    assert errors["nope://x/y.txt"].startswith("unknown URL protocol")


def test_url_without_its_filesystem_package_is_one_error_line(tmp_path):
    needs_extra("fsspec", "dask")
    import importlib.util

    if importlib.util.find_spec("s3fs"):
        pytest.skip("s3fs is installed")
    (err,) = iter_documents(["s3://bucket/news.jsonl"])
    assert isinstance(err, ReadError) and err.source == "s3://bucket/news.jsonl"
    assert "no filesystem package" in err.reason and "s3fs" in err.reason and "\n" not in err.reason


def test_file_url_inputs_dask_executor(tmp_path, nlp):
    distributed = needs_extra("distributed", "dask")
    src = mixed_corpus(tmp_path / "in")
    run([src], tmp_path / "disk", nlp)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        run([f"file://{src}"], tmp_path / "url", nlp, executor="dask", scheduler=cl.scheduler_address)
    disk, url = _records(tmp_path / "disk"), _records(tmp_path / "url")
    assert _no_source(url) == _no_source(disk)
    assert [r["source"] for r in url] == [f"file://{r['source']}" for r in disk]


def test_folder_walk_gives_the_sorted_glob_order(tmp_path):
    from pipeline.io.inputs import _folder_files
    from pipeline.io.locations import known_suffix

    root = tmp_path / "r"
    for rel in ("a/x.txt", "a.txt", "a-b.txt", "b/c/d.jsonl", "B.txt", "b/c.zip", "b/skip.bin", ".h/e.txt", "z.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    (root / "link").symlink_to(root / "b", target_is_directory=True)  # ** does not follow it
    (root / "flink.txt").symlink_to(root / "z.txt")
    expected = sorted(p for p in root.glob("**/*") if p.is_file() and known_suffix(p))
    assert list(_folder_files(root, "**/*", [])) == expected and len(expected) == 9
    assert list(_folder_files(root, "**/*", [("b",), ("z.txt",)])) == [
        p for p in expected if not p.relative_to(root).parts[0] in ("b", "z.txt")]


def test_cli_run_accepts_url_inputs(tmp_path):
    needs_extra("fsspec", "dask")
    from typer.testing import CliRunner

    from pipeline.cli import app

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(f"date 2024-05-01\n{TEXTS[0]}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", f"file://{src}", "nope://x.txt", "-o", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert [r["source"] for r in _records(tmp_path / "o")] == [f"file://{src}/a.txt"]
    assert json.loads(_lines(tmp_path / "o", "errors.jsonl")[0])["source"] == "nope://x.txt"
    # a file:// URL is as cheap to check as a path: a missing one stops the run, as a path does
    result = CliRunner().invoke(app, ["run", f"file://{tmp_path}/missing.jsonl", "-o", str(tmp_path / "o2")])
    assert result.exit_code == 2 and "no such file or folder" in result.output and not (tmp_path / "o2").exists()


def test_warc_file_is_one_unit(tmp_path):
    needs_extra("warcio", "warc")
    needs_extra("trafilatura", "warc")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from pipeline.io.warc_files import WarcUnit

    path = tmp_path / "crawl.warc.gz"
    html = ("<html><head><title>Жаңалық</title></head><body><article><h1>Жаңалық</h1>"
            f"<p>{TEXTS[2]} {TEXTS[3]} {TEXTS[4]}</p><p>{TEXTS[5]} {TEXTS[0]}</p></article></body></html>")
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record("https://example.kz/news/1", "response",
                                                      payload=io.BytesIO(html.encode()), http_headers=headers))
    (unit,) = iter_documents([path], units=True)
    assert isinstance(unit, WarcUnit)
    assert _flat([unit]) == _flat(iter_documents([path])) and len(_flat([unit])) == 1


def test_unique_ids_on_disk_equal_the_in_memory_ones(tmp_path):
    from pipeline.document_ids import UniqueIds

    seq = ["x", "x-2", "x", "y", "x", "y", "y-2", "x-3", "z"]
    mem, disk = UniqueIds(), UniqueIds(tmp_path / ".ids.sqlite")
    assert [disk(i) for i in seq] == [mem(i) for i in seq] == ["x", "x-2", "x-3", "y", "x-4", "y-2", "y-2-2",
                                                              "x-3-2", "z"]
    assert not disk.used and (tmp_path / ".ids.sqlite").exists()  # nothing per document in memory
    disk.close()
    assert not (tmp_path / ".ids.sqlite").exists()
