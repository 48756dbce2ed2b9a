"""The Kazakh data folder (``pipeline/lang/kk/data``)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ...resources import read_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def kk_data(name: str) -> Any:
    """A YAML file of the Kazakh data folder (cached: read-only)."""
    return read_yaml(DATA_DIR / name)
