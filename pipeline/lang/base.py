"""What a language gives the generic stages.

A :class:`LanguagePack` is the seam between the pipeline and a language. Every
language gives a :class:`Tokenizer` (text -> typed tokens) and its orthographic data;
the rest is what the generic (case-marking) stages read: the sentence rules, a suffix
analyser, a name normaliser, a country index of word forms, a date reader and a frame
reader. A language that lacks one raises :class:`LanguageDataMissing` (a ValueError,
one line): a stage asks for what it reads in its ``__init__``, so a config that pairs
it with such a language fails at load, naming the stage and the language. Everything
a language knows comes from its own folder (``pipeline/lang/<code>/data/*.yaml``),
loaded lazily and once per process.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from ..resources import read_yaml

if TYPE_CHECKING:  # the interfaces the generic stages call (Kazakh's classes define them)
    from ..lexicon import Lexicon
    from ..records import Token
    from .kk.countries import CountryIndex
    from .kk.dates import DateReader
    from .kk.frames import FrameReader
    from .kk.morphology import SuffixAnalyser
    from .kk.normalise import NameNormaliser


@lru_cache(maxsize=None)
def _read_data(path: Path) -> Any:
    return read_yaml(path)


class LanguageDataMissing(ValueError):
    """A stage asked a language for data or a tool the language does not have."""


class Tokenizer(Protocol):
    """Text -> its tokens in order, with character offsets into the text."""

    def __call__(self, text: str) -> list[Token]: ...


class QuoteMarks(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    open: frozenset[str]
    close: frozenset[str]
    toggle: frozenset[str]  # a mark that both opens and closes (")


class SentenceRules(BaseModel):
    """What the rule-based sentence splitter reads from ``language.yaml``."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    quotes: QuoteMarks
    terminal: frozenset[str]
    abbreviations: frozenset[str]
    sentence_final_abbreviations: frozenset[str]
    dashes: frozenset[str]


class LanguagePack(ABC):
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

    @abstractmethod
    def tokenizer(self) -> Tokenizer:
        """The language's tokenizer (one per process)."""

    def missing(self, what: str) -> LanguageDataMissing:
        return LanguageDataMissing(f"language {self.code!r} has no {what}")

    @cached_property
    def sentence_rules(self) -> SentenceRules:
        """Quotes, sentence-final punctuation, abbreviations and dashes (``language.yaml``)."""
        try:
            return SentenceRules.model_validate(self.orthography)
        except ValidationError as err:
            keys = sorted({".".join(str(p) for p in e["loc"]) for e in err.errors()})
            raise self.missing(f"quotes/sentence data ({', '.join(keys)} in "
                               f"{self.data_dir / 'language.yaml'})") from None

    # What the case-marking stages read; a language without it says so in one line.
    @property
    def analyser(self) -> SuffixAnalyser:
        raise self.missing("suffix analyser")

    @property
    def normaliser(self) -> NameNormaliser:
        raise self.missing("name normaliser of word forms")

    @property
    def countries(self) -> CountryIndex:
        raise self.missing("country index of word forms")

    @property
    def dates(self) -> DateReader:
        raise self.missing("date reader")

    @property
    def frame_reader(self) -> Callable[[Lexicon], FrameReader]:
        """Makes the case-frame reader of a relation lexicon."""
        raise self.missing("case-frame reader")

    def __repr__(self) -> str:
        return f"<LanguagePack {self.code}>"
