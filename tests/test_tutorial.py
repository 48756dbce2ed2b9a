"""docs/tutorial.md is a notebook written out: its ```python cells run in order, in one
namespace, from a folder beside the sample, and each ```text block after a cell is what that
cell prints. The page and the code cannot drift apart."""
from __future__ import annotations

import contextlib
import io
import re
import sys

from conftest import REPO, needs_extra

PAGE = REPO / "docs" / "tutorial.md"
CELL = re.compile(r"^```(python|text)\n(.*?)^```", re.S | re.M)


def cells(page=PAGE) -> list[tuple[str, str | None]]:
    """(code, what it prints or None) for each python cell, in page order."""
    out: list[tuple[str, str | None]] = []
    for kind, body in CELL.findall(page.read_text(encoding="utf-8")):
        if kind == "python":
            out.append((body, None))
        elif out and out[-1][1] is None:
            out[-1] = (out[-1][0], body)
    return out


def run_cells(folder) -> list[tuple[str, str | None, str]]:
    """Run every cell in ``folder`` (which holds ``corpora``): (code, expected, printed)."""
    namespace: dict = {"__name__": "__tutorial__"}
    results = []
    for code, expected in cells():
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.chdir(folder):
            exec(compile(code, str(PAGE), "exec"), namespace)
        results.append((code, expected, printed.getvalue()))
    return results


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


def test_the_tutorial_runs_and_prints_what_the_page_shows(tmp_path):
    needs_extra("pandas", "export")
    (tmp_path / "corpora").symlink_to(REPO / "corpora", target_is_directory=True)
    results = run_cells(tmp_path)
    assert len(results) >= 6 and sum(expected is not None for _, expected, _ in results) >= 6
    for code, expected, printed in results:
        if expected is not None:
            assert _lines(printed) == _lines(expected), f"the cell\n{code}\nprinted\n{printed}"
    assert (tmp_path / "entities.html").stat().st_size > 1000 and (tmp_path / "sample.graphml").exists()


if __name__ == "__main__":  # print each cell's output, to write the page's text blocks
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "corpora").symlink_to(REPO / "corpora", target_is_directory=True)
        for code, _, printed in run_cells(folder):
            sys.stdout.write(f"--- {code.splitlines()[0]}\n{printed}")
