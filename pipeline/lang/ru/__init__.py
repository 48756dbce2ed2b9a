"""Russian: the language's data (``data/*.yaml``) and the classes that read it —
razdel + slovnet parse (:mod:`.parse`), the lemma-based country and organisation
gazetteer (:mod:`.gazetteer`), the name normaliser and the relation lexicon
(:mod:`.lexicon`, ``configs/relations_ru.yaml``). The models come from the ``ru``
extra (natasha, razdel, pymorphy3); they ship in their wheels, nothing downloads.
The stages are in :mod:`.stages` (``ru_*.v1`` in the stage registry)."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ...resources import CONFIGS_DIR
from ..base import LanguagePack


class RussianLanguage(LanguagePack):
    code = "ru"
    name = "Russian"
    data_dir = Path(__file__).resolve().parent / "data"
    default_lexicon = CONFIGS_DIR / "relations_ru.yaml"

    def tokenizer(self):
        """A callable text -> parsed sentences (razdel + slovnet)."""
        from .parse import parse

        return lambda text: parse([text], self.orthography)[0]

    @cached_property
    def normaliser(self):
        from .normalise import RussianNameNormaliser

        return RussianNameNormaliser(self.orthography.get("unknown_name_endings"))

    @cached_property
    def countries(self):
        from .gazetteer import RussianCountries

        return RussianCountries(self.data("countries.yaml"))

    @cached_property
    def organisations(self):
        from .gazetteer import RussianOrganisations

        return RussianOrganisations(self.data("organisations.yaml"))


__all__ = ["RussianLanguage"]
