"""The large word lists of ``data/`` (verb stems, word counts): YAML files holding one block
of text (a word a line), read by :func:`pipeline.resources.read_yaml` with libyaml.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ....resources import read_yaml
from ..resources import DATA_DIR


@lru_cache(maxsize=None)
def word_list_file(name: str) -> Any:
    return read_yaml(DATA_DIR / name, word_list=True)
