"""Reading the large word lists of ``data/`` (verb stems, word counts) quickly.

They are YAML files holding one block of text (a word a line), read with libyaml's
safe loader where it is installed: the pure-Python parser takes seconds on them, and
the repeated-key check of :func:`pipeline.resources.read_yaml` has nothing to check
in a single block. Errors name the file, as ``read_yaml``'s do.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from ....resources import DataFileError
from ..resources import DATA_DIR

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def word_list_file(name: str) -> Any:
    path = DATA_DIR / name
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader
    except FileNotFoundError:
        raise DataFileError(f"{path}: file not found") from None
    except yaml.YAMLError as err:
        raise DataFileError(f"{path}: not valid YAML: {getattr(err, 'problem', err)}") from None
