import json

from typer.testing import CliRunner

from conftest import needs_extra
from pipeline.cli import app

runner = CliRunner()


def test_cli_run_writes_the_four_files_and_records_bad_documents(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2024-03-01 Франция Германияға алғыс айтты.\n", encoding="utf-8")
    (src / "b.txt").write_text("Қытай Ресейге барды.", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x80\x81 not text \xc3")  # not UTF-8
    (src / "empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(src), "-o", str(out), "--config", "configs/default.yaml"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "errors.jsonl", "graph.jsonld", "run.json"]
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["doc:a", "doc:b"]
    assert docs[0]["date"] == "2024-03-01" and docs[0]["text"] == "Франция Германияға алғыс айтты.\n"
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["source"].rsplit("/", 1)[-1] for e in errors} == {"bad.txt", "empty.txt"}
    assert all(e["reason"] for e in errors)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["documents"] == 2 and manifest["counts"]["errors"] == 2
    assert manifest["contract_version"] == "1.0"
    assert "2 documents" in result.output and "2 errors" in result.output
    needs_extra("pyshacl", "export")
    from pipeline.export import validate

    assert validate(out / "graph.jsonld")[0]


def test_cli_config_error_is_one_line_with_exit_code_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("stages:\n  - factory: nope.v1\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "x.txt", "-o", str(tmp_path / "o"), "--config", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{bad}: stages[0].factory: unknown stage 'nope.v1'" in result.output


def test_cli_python_dash_m_entry_point():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "run" in out.stdout


def test_cli_missing_input_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in result.output


def test_cli_output_naming_a_file_is_one_line_with_exit_code_2(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Франция Германияға алғыс айтты.", encoding="utf-8")
    a_file = tmp_path / "taken.txt"
    a_file.write_text("x", encoding="utf-8")
    for out in (a_file, a_file / "sub"):  # a file, and a folder under a file
        result = runner.invoke(app, ["run", str(src), "-o", str(out), "-q"])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        [line] = [x for x in result.output.splitlines() if x.strip()]
        assert line.startswith(f"claimgraph: error: {out}: ")


def test_cli_output_in_an_unwritable_folder_is_one_line_with_exit_code_2(tmp_path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text("Франция Германияға алғыс айтты.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    import builtins

    real_open = builtins.open

    def refuse_under_locked(file, *args, **kwargs):  # as chmod 0o500 would (it does not stop root)
        if str(file).startswith(str(locked)) and any(m in (args[0] if args else kwargs.get("mode", "r")) for m in "wa"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse_under_locked)
    result = runner.invoke(app, ["run", str(src), "-o", str(locked), "-q"])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"claimgraph: error: {locked}: cannot write the output folder: Permission denied"


def test_cli_a_run_where_every_input_failed_exits_1(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_text("  \n", encoding="utf-8")
    (src / "junk.txt").write_bytes(bytes(range(128, 256)) * 3)
    result = runner.invoke(app, ["run", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1, result.output
    assert "no document could be processed" in result.output
    assert len((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_cli_strict_exits_1_on_any_error_and_0_on_a_clean_run(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Франция Германияға алғыс айтты.", encoding="utf-8")
    clean = runner.invoke(app, ["run", str(src), "-o", str(tmp_path / "o1"), "-q", "--strict"])
    assert clean.exit_code == 0, clean.output
    (src / "empty.txt").write_text("\n", encoding="utf-8")
    lenient = runner.invoke(app, ["run", str(src), "-o", str(tmp_path / "o2"), "-q"])
    assert lenient.exit_code == 0, lenient.output
    strict = runner.invoke(app, ["run", str(src), "-o", str(tmp_path / "o3"), "-q", "--strict"])
    assert strict.exit_code == 1 and "--strict" in strict.output
    assert "1 documents" in strict.output  # the good document is still written


def test_cli_export_makes_the_output_folder_and_a_missing_module_is_one_line(tmp_path, monkeypatch):
    import builtins

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Франция Германияға алғыс айтты.", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(src), "-o", str(out), "-q"]).exit_code == 0
    target = tmp_path / "new" / "folder" / "g.gexf"
    result = runner.invoke(app, ["export", str(out / "graph.jsonld"), "--format", "gexf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.exists()
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'", name="pandas")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    result = runner.invoke(app, ["export", str(out / "graph.jsonld"), "--format", "parquet",
                                 "-o", str(tmp_path / "p" / "x.parquet")])
    assert result.exit_code == 2 and "pip install" in result.output and "Traceback" not in result.output
