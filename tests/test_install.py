"""A non-editable install works: the wheel carries every file the pipeline reads (models,
configs, the package's data folders), at any depth, so that a new model subfolder cannot be
left out again. (.ci/run also installs the wheel into a fresh venv and runs it.)"""
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, has_module

# the folders a wheel installs under <prefix>/share/claimgraph (see setup.py)
SHARED_FOLDERS = ("configs", "models")


def _files(folder: Path) -> list[Path]:
    """Every file under ``folder``, relative to the checkout, but for caches and hidden files."""
    return [p.relative_to(REPO) for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                       for part in p.relative_to(REPO).parts)]


def _expected_wheel_members() -> set[str]:
    members = {f"share/claimgraph/{rel.as_posix()}" for folder in SHARED_FOLDERS for rel in _files(REPO / folder)}
    for data_dir in [REPO / "pipeline" / "data", *(REPO / "pipeline" / "lang").glob("*/data")]:
        members |= {rel.as_posix() for rel in _files(data_dir)}
    return members


@pytest.fixture(scope="module")
def wheel_members(tmp_path_factory) -> set[str]:
    """Build the wheel from a copy of the checkout (no build/ left behind, none reused), with the
    setuptools installed here (no network); member paths with the data prefix cut off."""
    if not has_module("setuptools"):
        pytest.skip("setuptools is not installed here: cannot build the wheel without network")
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", ".*", "*.egg-info", "build", "dist")
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, src / name)
    for folder in ("pipeline", *SHARED_FOLDERS):
        shutil.copytree(REPO / folder, src / folder, ignore=ignore)
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(tmp / "dist"), str(src)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = (tmp / "dist").glob("claimgraph-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return {name.split(".data/data/", 1)[-1] for name in zf.namelist()}


def test_install_wheel_carries_every_model_config_and_data_file(wheel_members):
    missing = sorted(_expected_wheel_members() - wheel_members)
    assert missing == []


def test_install_wheel_carries_the_ner_gazetteer(wheel_members):
    # the default model's gazetteer component reads this file when the model loads
    assert "share/claimgraph/models/kk_ner/kk_gazetteer/gazetteers.json" in wheel_members
