"""Kazakh (Cyrillic script): the language's data (``data/*.yaml``) and the classes
that know its grammar — the spaCy language class, the suffix analyser, the name
normaliser, the country index, the date reader and the case-frame reader."""
from __future__ import annotations

from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ...resources import CONFIGS_DIR
from ..base import LanguagePack
from . import ner_features  # noqa: F401 - registers the NER models' feature components (kk_stem_norm, kk_gazetteer)
from .spacy_lang import Kazakh, KazakhTokenizer, register, shared_nlp

if TYPE_CHECKING:
    from ...lexicon import Lexicon
    from .countries import CountryIndex
    from .dates import DateReader
    from .frames import FrameReader
    from .morphology import SuffixAnalyser
    from .normalise import NameNormaliser

register()  # spacy.blank("kk") and spacy.load of a "kk" model, even without the entry point


class KazakhLanguage(LanguagePack):
    code = "kk"
    name = "Kazakh"
    data_dir = Path(__file__).resolve().parent / "data"
    default_lexicon = CONFIGS_DIR / "relations_kk.yaml"

    def tokenizer(self) -> KazakhTokenizer:
        return self._tokenizer

    @cached_property
    def _tokenizer(self) -> KazakhTokenizer:
        return KazakhTokenizer(shared_nlp())

    @cached_property
    def analyser(self) -> SuffixAnalyser:
        from .morphology import default_analyser

        return default_analyser()

    @cached_property
    def normaliser(self) -> NameNormaliser:
        from .normalise import default_normaliser

        return default_normaliser()

    @cached_property
    def countries(self) -> CountryIndex:
        from .countries import default_country_index

        return default_country_index()

    @cached_property
    def dates(self) -> DateReader:
        from .dates import default_date_reader

        return default_date_reader()

    @cached_property
    def ner_training(self):
        """Training, pretraining and evaluation of the NER model (spaCy's loop)."""
        from . import training

        return training

    @property
    def frame_reader(self) -> Callable[[Lexicon], FrameReader]:
        from .frames import FrameReader

        return partial(FrameReader, analyser=self.analyser, place_heads=self.orthography.get("place_head_nouns", ()))


__all__ = ["Kazakh", "KazakhLanguage", "KazakhTokenizer", "register", "shared_nlp"]
