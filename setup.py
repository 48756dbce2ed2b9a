"""Everything else is in pyproject.toml. ``data_files`` is computed here because pyproject's
``data-files`` takes one flat folder per entry and cannot recurse: every file under configs/
and models/, at any depth, installs to <prefix>/share/claimgraph/<the same path>, where
pipeline.resources finds it, so a new model subfolder cannot be left out of a wheel."""
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
SHARED_FOLDERS = ("configs", "models")


def shipped_files(folder: str) -> list[Path]:
    """The files of ``folder`` a wheel carries, relative to the checkout: all of them but
    hidden files and folders and Python caches (``.DS_Store``, ``__pycache__``)."""
    files = []
    for path in sorted((ROOT / folder).rglob("*")):
        rel = path.relative_to(ROOT)
        if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
            files.append(rel)
    return files


def data_files() -> list[tuple[str, list[str]]]:
    by_folder: dict[str, list[str]] = {}
    for folder in SHARED_FOLDERS:
        for rel in shipped_files(folder):
            by_folder.setdefault(f"share/claimgraph/{rel.parent.as_posix()}", []).append(rel.as_posix())
    return sorted(by_folder.items())


setup(data_files=data_files())
