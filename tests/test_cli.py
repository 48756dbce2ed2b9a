import json

from typer.testing import CliRunner

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
    assert [d["id"] for d in docs] == ["a", "b"]
    assert docs[0]["date"] == "2024-03-01" and docs[0]["text"] == "Франция Германияға алғыс айтты.\n"
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["source"].rsplit("/", 1)[-1] for e in errors} == {"bad.txt", "empty.txt"}
    assert all(e["reason"] for e in errors)
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["documents"] == 2 and manifest["counts"]["errors"] == 2
    assert manifest["contract_version"] == "1.0"
    assert "2 documents" in result.output and "2 errors" in result.output
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
