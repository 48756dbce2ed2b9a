"""Russian: the language's data (``data/*.yaml``) and the classes that read it —
razdel + slovnet parse (:mod:`.parse`), the lemma-based country and organisation
gazetteer (:mod:`.gazetteer`), the name normaliser and the relation lexicon
(:mod:`.lexicon`, ``configs/relations_ru.yaml``). The models come from the ``ru``
extra (natasha, razdel, pymorphy3); they ship in their wheels, nothing downloads.
The stages are in :mod:`.stages` (``ru_*.v1`` in the stage registry)."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ...resources import CONFIGS_DIR
from ..base import LanguagePack

if TYPE_CHECKING:
    from ...records import Token
    from .dates import RussianDateReader
    from .gazetteer import RussianCountries, RussianOrganisations
    from .normalise import RussianNameNormaliser


class RussianTokenizer:
    """razdel's sentences and tokens as typed tokens (a :class:`~pipeline.lang.base.Tokenizer`)."""

    def __init__(self, orthography: dict):
        self.orthography = orthography

    def __call__(self, text: str) -> list[Token]:
        from ...records import Token
        from .parse import split

        return [Token(start=a, end=b, text=w) for _, _, _, toks in split(text, self.orthography) for a, b, w in toks]


class RussianLanguage(LanguagePack):
    """Russian reads names by their lemmas (from the parse), not by word forms: it gives
    the Russian stages their own gazetteer and normaliser, and none of the word-form
    tools of the case-marking stages."""

    code = "ru"
    name = "Russian"
    data_dir = Path(__file__).resolve().parent / "data"
    default_lexicon = CONFIGS_DIR / "relations_ru.yaml"

    def tokenizer(self) -> RussianTokenizer:
        return RussianTokenizer(self.orthography)

    @cached_property
    def name_normaliser(self) -> RussianNameNormaliser:
        from .normalise import RussianNameNormaliser

        return RussianNameNormaliser(self.orthography.get("unknown_name_endings"))

    @cached_property
    def lemma_countries(self) -> RussianCountries:
        from .gazetteer import RussianCountries

        return RussianCountries(self.data("countries.yaml"))

    @cached_property
    def dates(self) -> RussianDateReader:
        from .dates import RussianDateReader

        return RussianDateReader(self.data("dates.yaml"))

    @cached_property
    def lemma_organisations(self) -> RussianOrganisations:
        from .gazetteer import RussianOrganisations

        return RussianOrganisations(self.data("organisations.yaml"))


__all__ = ["RussianLanguage", "RussianTokenizer"]
