"""``claimgraph run``'s progress never mixes with what it prints on stdout: the progress is on
stderr only (a bar on a terminal, cleared before the summary; whole lines elsewhere), and
stdout holds the summary line alone, wherever each stream goes."""
from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from pipeline.cli import app

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

TEXTS = {"a": "Франция Германияға алғыс айтты.\n", "b": "Қытай Ресейге көмек жіберді.\n",
         "c": "Жапония Қазақстанға алғыс айтты.\n"}
SUMMARY = re.compile(r"^3 documents, \d+ sentences, \d+ entities, \d+ claims, 0 errors in [\d.]+s -> \S+$")
ESCAPE = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])")


@pytest.fixture
def command(tmp_path) -> list[str]:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in TEXTS.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    config = tmp_path / "light.yaml"
    config.write_text("stages:\n  - factory: kazakh_sentences.v1\n  - factory: country_gazetteer.v1\n", "utf-8")
    return ["run", str(src), "-o", str(tmp_path / "out"), "-c", str(config)]


def terminal_screen(raw: str) -> list[str]:
    """The lines a terminal shows after ``raw``: carriage returns, newlines, line clears and
    cursor-up moves applied; colours and cursor visibility ignored."""
    rows, row, col = [[]], 0, 0
    pos = 0
    while pos < len(raw):
        if (m := ESCAPE.match(raw, pos)):
            arg, code = m.groups()
            if code == "K":
                rows[row] = [] if arg == "2" else rows[row][:col]
            elif code == "A":
                row = max(0, row - int(arg or 1))
            pos = m.end()
            continue
        ch = raw[pos]
        pos += 1
        if ch == "\r":
            col = 0
        elif ch == "\n":
            row, col = row + 1, 0
            rows.extend([] for _ in range(row + 1 - len(rows)))
        else:
            line = rows[row]
            line.extend(" " for _ in range(col + 1 - len(line)))
            line[col] = ch
            col += 1
    return [("".join(r)).rstrip() for r in rows]


def _run_on_a_terminal(args: list[str], stdout_too: bool) -> tuple[str, str]:
    """``claimgraph`` with stderr (and with ``stdout_too`` stdout) on a pseudo-terminal;
    (what the terminal received, what stdout's pipe received)."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "400"}  # wide: no long path wrapped
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                            stdout=slave if stdout_too else subprocess.PIPE, stderr=slave)
    os.close(slave)
    received, deadline = b"", time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's last writer is gone
                break
            if not chunk:
                break
            received += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    out = proc.stdout.read().decode("utf-8") if proc.stdout else ""
    assert proc.wait(timeout=60) == 0, received.decode("utf-8", "replace")
    return received.decode("utf-8").replace("\r\n", "\n"), out


def test_stdout_redirected_holds_the_summary_alone_and_the_bar_is_on_the_terminal(command):
    """``claimgraph run ... > summary.txt`` on a terminal: no stray line in the file, the bar on screen."""
    terminal, out = _run_on_a_terminal(command, stdout_too=False)
    assert len(out.splitlines()) == 1 and SUMMARY.match(out.splitlines()[0]) and out.endswith("\n"), repr(out)
    assert "documents" in terminal  # the bar was drawn on stderr ...
    assert [line for line in terminal_screen(terminal) if line] == []  # ... and cleared at the end


def test_one_terminal_for_both_shows_each_line_whole_and_the_summary_on_its_own(command):
    """A note printed while the bar is up goes above it; the bar is gone before the summary."""
    terminal, _ = _run_on_a_terminal([*command, command[1]], stdout_too=True)  # the input twice: a note
    screen = [line for line in terminal_screen(terminal) if line]
    assert len(screen) == 2 and SUMMARY.match(screen[1]), screen
    assert screen[0] == f"claimgraph: note: each input is read once; left out: {command[1]} (listed twice)"


def test_stderr_into_stdout_gives_whole_lines(command):
    """``claimgraph run ... 2>&1 | tee log``: progress lines and the summary, each a whole line."""
    done = subprocess.run([sys.executable, "-m", "pipeline", *command], cwd=REPO, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=True)
    text = done.stdout.decode("utf-8")
    assert "\r" not in text and "\x1b" not in text and text.endswith("\n")
    lines = text.splitlines()
    assert SUMMARY.match(lines[-1]), lines
    assert lines[:-1] and all(re.fullmatch(r"progress: \d/3 documents, [\d.]+ docs/s, \d+s", x) for x in lines[:-1])


def test_cli_runner_streams_apart(command):
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    assert SUMMARY.match(result.stdout.rstrip("\n")) and result.stdout.count("\n") == 1
    assert all(line.startswith("progress: ") for line in result.stderr.splitlines())
