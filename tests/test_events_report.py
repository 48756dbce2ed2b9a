"""The report: cooperation vs conflict per country pair by month, top speakers; offline."""
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TEXT = ("date 2024-03-01 Қазақстан Қытаймен келісімге қол қойды. Жапония Ресейді айыптады. "
        "Қытай Қазақстанға көмектесті. «Біз дайынбыз», - деді Жапония. «Бәрі жақсы», - деді Жапония.\n")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    (tmp / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp / "b.txt").write_text("date 2024-04-10 Ресей Жапонияны айыптады. Қытай Қазақстанмен ынтымақтасады.\n",
                               encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(tmp / "a.txt"), str(tmp / "b.txt"), "-o", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    out = tmp / "report.html"
    result = runner.invoke(app, ["report", str(tmp / "out" / "graph.jsonld"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_report_pairs_by_month_and_speakers(report):
    text = report.read_text(encoding="utf-8")
    cn_kz = re.search(r'data-pair="CN-KZ" data-cooperation="(\d+)" data-conflict="(\d+)"', text)
    assert cn_kz and (int(cn_kz.group(1)), int(cn_kz.group(2))) == (3, 0)
    jp_ru = re.search(r'data-pair="JP-RU" data-cooperation="(\d+)" data-conflict="(\d+)"', text)
    assert jp_ru and (int(jp_ru.group(1)), int(jp_ru.group(2))) == (0, 2)
    section = text[jp_ru.start():text.index("</section>", jp_ru.start())]
    assert "2024-03" in section and "2024-04" in section  # one bar per month
    speakers = text[text.index('id="speakers"'):]
    assert re.search(r"<td>Жапония</td><td>Country</td><td>2</td>", speakers)


def test_report_is_offline(report):
    text = report.read_text(encoding="utf-8")
    assert "<script" not in text
    assert re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=", text) == []
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in text


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")
def test_report_renders_in_chromium(report, tmp_path):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             f"--user-data-dir={tmp_path / 'p'}"]
    run = subprocess.run([CHROMIUM, *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120)
    assert 'data-pairs="2"' in run.stdout and "<svg" in run.stdout
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *flags, "--window-size=1000,800", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
