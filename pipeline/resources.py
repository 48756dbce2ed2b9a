"""Access to the data files that ship inside the package (``pipeline/data``)
and to the repository folders ``configs/`` and ``models/``."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def _project_dir() -> Path:
    """The folder holding configs/ and models/: the checkout (editable install), else
    <prefix>/share/claimgraph where a wheel puts them."""
    checkout = PACKAGE_DIR.parent
    if (checkout / "configs" / "default.yaml").exists():
        return checkout
    import site
    import sys

    for base in (sys.prefix, site.getuserbase()):
        shared = Path(base) / "share" / "claimgraph"
        if (shared / "configs" / "default.yaml").exists():
            return shared
    return checkout


PROJECT_DIR = _project_dir()
CONFIGS_DIR = PROJECT_DIR / "configs"
MODELS_DIR = PROJECT_DIR / "models"
DEFAULT_CONFIG = CONFIGS_DIR / "default.yaml"


class DataFileError(ValueError):
    """A data or lexicon file is missing or malformed."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """yaml.safe_load, except that a key repeated in one mapping is an error (plain
    YAML keeps the last one in silence: a lexicon entry would vanish)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is repeated in one mapping", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# libyaml's safe loader where it is installed: the pure-Python parser takes seconds on a word list
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, word_list: bool = False) -> Any:
    """Read a YAML file safely (no object construction, no repeated keys); errors name the file.
    ``word_list``: a large file holding one block of text (a word a line), read with libyaml's
    safe loader: the repeated-key check has nothing to check there, and would cost seconds."""
    loader = _FAST_LOADER if word_list else _UniqueKeyLoader
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)  # noqa: S506 - safe loaders only
    except FileNotFoundError:
        raise DataFileError(f"{path}: file not found") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise DataFileError(f"{path}{where}: not valid YAML: {getattr(err, 'problem', err)}") from None


@lru_cache(maxsize=None)
def package_data(name: str) -> Any:
    """A YAML file from ``pipeline/data`` (cached: these files are read-only)."""
    return read_yaml(DATA_DIR / name)
