"""What a language gives the generic stages.

A :class:`LanguagePack` is the seam between the pipeline and a language: the
stages ask it for a tokenizer, the orthographic data, a name normaliser, a
country index, a date reader and, for case-marking languages, a suffix analyser
and a frame reader. Everything it knows comes from its own folder
(``pipeline/lang/<code>/data/*.yaml``), loaded lazily and once per process.
"""
from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, ClassVar

from ..resources import read_yaml


@lru_cache(maxsize=None)
def _read_data(path: Path) -> Any:
    return read_yaml(path)


class LanguagePack:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    data_dir: ClassVar[Path]
    #: the relation lexicon the relation stages read when a config names none
    default_lexicon: ClassVar[Path | None] = None

    def data(self, name: str) -> Any:
        """A YAML file of this language's data folder (cached: read-only)."""
        return _read_data(self.data_dir / name)

    @cached_property
    def orthography(self) -> dict:
        """Abbreviations, quotes, dashes, sentence-final punctuation, name particles ..."""
        return self.data("language.yaml")

    # Subclasses provide what their grammar needs; a stage that asks for what a
    # language lacks gets a clear error at load time.
    def tokenizer(self):
        raise NotImplementedError(f"language {self.code!r} has no tokenizer")

    @property
    def analyser(self):
        raise NotImplementedError(f"language {self.code!r} has no suffix analyser")

    @property
    def normaliser(self):
        raise NotImplementedError(f"language {self.code!r} has no name normaliser")

    @property
    def countries(self):
        raise NotImplementedError(f"language {self.code!r} has no country index")

    @property
    def dates(self):
        raise NotImplementedError(f"language {self.code!r} has no date reader")

    def frame_reader(self, lexicon):
        raise NotImplementedError(f"language {self.code!r} reads no case frames")

    def __repr__(self) -> str:
        return f"<LanguagePack {self.code}>"
