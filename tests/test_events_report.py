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


def test_report_panels_share_one_month_axis(tmp_path):
    """Japan blames Russia in March, China helps Kazakhstan in May: both pairs' panels and the
    all-events panel have March, April (empty) and May, each month at the same place."""
    (tmp_path / "a.txt").write_text("date 2024-03-01 Жапония Ресейді айыптады.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2024-05-10 Қытай Қазақстанға көмектесті.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "report.html"
    assert runner.invoke(app, ["report", str(tmp_path / "out" / "graph.jsonld"), "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    panels = re.findall(r'<section class="(?:pair|all)"[^>]*>.*?</section>', text, flags=re.S)
    assert len(panels) == 3
    for panel in panels:
        labels = re.findall(r'font-size="9">(\d{4}-\d{2})</text>', panel)
        assert labels == ["2024-03", "2024-04", "2024-05"], panel[:200]

    def bar_x(panel_start, month):
        panel = text[text.index(panel_start):]
        return re.search(rf'<rect class="q\d" x="(\d+)"[^>]*><title>{month} ', panel).group(1)

    assert bar_x('data-pair="CN-KZ"', "2024-05") == bar_x('class="all"', "2024-05")
    assert bar_x('data-pair="JP-RU"', "2024-03") == bar_x('class="all"', "2024-03")
    assert bar_x('data-pair="CN-KZ"', "2024-05") != bar_x('data-pair="JP-RU"', "2024-03")
