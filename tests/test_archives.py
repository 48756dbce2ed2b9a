"""Real archives: every input format, encodings, bad members, limits."""
import gzip
import io
import json
import tarfile
import zipfile

import pytest

from conftest import needs_extra
from pipeline.io.inputs import iter_documents
from pipeline.io.decoding import decode
from pipeline.io.reading import ReaderOptions, ReadError

TEXT = "date 2024-03-01 Франция Германияға алғыс айтты."


def read(*paths, **opts):
    out = list(iter_documents(paths, ReaderOptions(**opts)))
    folder = str(paths[0].parent) + "/"
    return ([(d.id, d.date.isoformat() if d.date else None, d.text) for d in out if not isinstance(d, ReadError)],
            [(e.source.replace(folder, ""), e.reason) for e in out if isinstance(e, ReadError)])


def test_archives_zip_members_are_documents(tmp_path):
    path = tmp_path / "news.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2024/a.txt", TEXT)
        zf.writestr("2024/b.txt", "Қытай Ресейге барды.".encode("utf-16"))
        zf.writestr("notes.md", "not read")
    docs, errors = read(path)
    assert docs == [("2024-a", "2024-03-01", "Франция Германияға алғыс айтты."), ("2024-b", None, "Қытай Ресейге барды.")]
    assert errors == []


def test_archives_zip_unsafe_and_oversized_members_are_refused(tmp_path):
    path = tmp_path / "bad.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("../../escape.txt", TEXT)
        zf.writestr("/etc/abs.txt", TEXT)
        zf.writestr("bomb.txt", "а" * 200_000)  # compresses far beyond 200:1
        zf.writestr("ok.txt", TEXT)
    docs, errors = read(path, max_compression_ratio=100)
    assert [d[0] for d in docs] == ["ok"]
    reasons = dict(errors)
    assert "'..'" in reasons["bad.zip!../../escape.txt"]
    assert "absolute" in reasons["bad.zip!/etc/abs.txt"]
    assert "compression ratio" in reasons["bad.zip!bomb.txt"]


def test_archives_zip_member_count_limit(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(5):
            zf.writestr(f"{i}.txt", TEXT)
    docs, errors = read(path, max_members=3)
    assert docs == [] and "more than the limit of 3" in errors[0][1]


def test_archives_tar_gz_with_link_and_traversal(tmp_path):
    path = tmp_path / "news.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        for name, data in [("a.txt", TEXT.encode()), ("../x.txt", TEXT.encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("link.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tf.addfile(link)
    docs, errors = read(path)
    assert [d[0] for d in docs] == ["a"]
    assert dict(errors) == {"news.tar.gz!../x.txt": "member path with '..' refused",
                            "news.tar.gz!link.txt": "link member refused"}


def test_archives_jsonl_fields_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    lines = [json.dumps({"guid": "n1", "body": "Ресей Қытайға алғыс айтты.", "published": "2025-09-05T10:00:00"}),
             "{not json", json.dumps({"guid": "n2"}), json.dumps({"guid": "n3", "body": "Жапония келді."})]
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8")))
    docs, errors = read(path, jsonl_text_field="body", jsonl_date_field="published", jsonl_id_field="guid")
    assert docs == [("n1", "2025-09-05", "Ресей Қытайға алғыс айтты."), ("n3", None, "Жапония келді.")]
    assert [e[0] for e in errors] == ["feed.jsonl.gz:2", "feed.jsonl.gz:3"]
    assert "no text field 'body'" in errors[1][1]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251"])
def test_archives_encodings_are_detected(encoding):
    text = "Қазақстан Ресейге хат жазды." if encoding != "cp1251" else "Россия и Украина подписали договор."
    assert decode(text.encode(encoding)) == text


def test_archives_undecodable_input_is_an_error_record(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(128, 256)) * 3)
    docs, errors = read(path)
    assert docs == [] and errors[0][0] == "junk.txt" and "undecodable or doubtful encoding" in errors[0][1]


def test_archives_warc_html_pages(tmp_path):
    needs_extra("warcio", "warc")
    needs_extra("trafilatura", "warc")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    body = ("<html><head><title>Жаңалық</title><meta name='date' content='2025-09-05'></head><body>"
            "<article><h1>Кездесу</h1><p>" + "Ресей Қытайға алғыс айтты. " * 20 + "</p></article></body></html>")
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record("https://example.kz/news/1", "response",
                                                      payload=io.BytesIO(body.encode("utf-8")), http_headers=headers))
    docs, errors = read(path)
    assert errors == []
    assert len(docs) == 1 and docs[0][1] == "2025-09-05" and "Ресей Қытайға алғыс айтты." in docs[0][2]


def test_archives_tar_gz_member_over_the_compression_ratio_is_refused(tmp_path):
    path = tmp_path / "news.tar.gz"
    members = [("a.txt", TEXT.encode()), ("bomb.txt", ("а" * 1_000_000).encode())]  # gzip packs it ~1000:1
    members += [(f"small{i}.txt", (TEXT + f" {i}").encode()) for i in range(30)]  # many small, alike members
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    docs, errors = read(path, max_compression_ratio=100)
    assert [d[0] for d in docs] == ["a"] + [f"small{i}" for i in range(30)]
    assert len(errors) == 1 and errors[0][0] == "news.tar.gz!bomb.txt" and "compression ratio" in errors[0][1]
    docs, errors = read(path, max_compression_ratio=10_000)
    assert len(docs) == 32 and errors == []


def test_archives_an_unreadable_subfolder_is_an_error_row(tmp_path, monkeypatch):
    import os

    corpus = tmp_path / "corpus"
    (corpus / "open").mkdir(parents=True)
    (corpus / "locked").mkdir()
    (corpus / "open" / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "locked" / "b.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # as chmod 000 would (it does not stop root)
        if str(path) == str(corpus / "locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = list(iter_documents([corpus]))
    errors = [e for e in out if isinstance(e, ReadError)]
    assert [(e.source, e.reason) for e in errors] == [(str(corpus / "locked"), "cannot read folder: Permission denied")]


def test_archives_an_unreadable_folder_given_as_input_is_one_error_row(tmp_path, monkeypatch):
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path) == str(corpus):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    errors = list(iter_documents([corpus]))
    assert [(e.source, e.reason) for e in errors] == [(str(corpus), "cannot read folder: Permission denied")]


def test_archives_warc_without_its_libraries_names_the_missing_module(tmp_path, monkeypatch):
    import sys

    needs_extra("warcio", "warc")  # present: so the message must name the other, missing, module
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"")
    for name in [m for m in sys.modules if m == "trafilatura" or m.startswith("trafilatura.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed
    docs, errors = read(path)
    assert docs == [] and "'trafilatura'" in errors[0][1] and "not installed" in errors[0][1]


def test_archives_warc_reader_works_with_the_declared_extra():
    # trafilatura needs lxml's HTML cleaner, a separate package with current lxml: the warc extra declares it
    tomllib = pytest.importorskip("tomllib", reason="Python 3.10 has no tomllib")
    from conftest import REPO

    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(req.startswith("lxml_html_clean") or "html_clean" in req for req in extras["warc"])
    needs_extra("trafilatura", "warc")
    import lxml_html_clean  # noqa: F401


def _corrupt(data: bytes, at: float) -> bytes:
    out = bytearray(data)
    mid = int(len(out) * at)
    for k in range(mid, min(mid + 40, len(out))):
        out[k] ^= 0x55
    return bytes(out)


def test_archives_a_cut_off_jsonl_gz_keeps_its_lines_and_is_one_error_row(tmp_path):
    rows = "\n".join(json.dumps({"id": f"j{i}", "text": f"Қытай {i} Ресейге барды. " * 20}, ensure_ascii=False)
                     for i in range(400))
    data = gzip.compress(rows.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    docs, errors = read(path)
    assert 100 < len(docs) < 400 and docs[0][0] == "j0"
    assert errors == [("cut.jsonl.gz", "Compressed file ended before the end-of-stream marker was reached")]


def test_archives_a_tar_gz_broken_in_the_middle_says_so(tmp_path):
    """tarfile ends its walk quietly at a block that is not a header: the members after
    it would be lost unseen; the reader reports the archive broken off there."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for i in range(40):
            data = (f"Қытай {i} Ресейге барды. " * 40).encode()
            info = tarfile.TarInfo(f"m{i}.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    path = tmp_path / "broken.tar.gz"
    path.write_bytes(_corrupt(buf.getvalue(), 0.5))
    docs, errors = read(path)
    assert 0 < len(docs) < 40
    assert any(src == "broken.tar.gz" and reason.startswith("archive broken off") for src, reason in errors)
    clean = tmp_path / "clean.tar.gz"
    clean.write_bytes(buf.getvalue())
    clean_docs, clean_errors = read(clean)
    assert len(clean_docs) == 40 and clean_errors == []  # a whole archive: no such row


def test_archives_a_zip_member_with_corrupt_data_is_an_error_row(tmp_path):
    path = tmp_path / "bad.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", "Қытай Ресейге барды. " * 30)
        zf.writestr("b.txt", TEXT)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        offset = zf.getinfo("a.txt").header_offset + 30 + len("a.txt")
    data[offset + 4] ^= 0xFF
    path.write_bytes(bytes(data))
    docs, errors = read(path)
    assert [d[0] for d in docs] == ["b"]
    assert [e[0] for e in errors] == ["bad.zip!a.txt"] and errors[0][1].startswith("cannot read member")
