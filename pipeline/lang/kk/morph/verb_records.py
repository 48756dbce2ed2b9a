"""What the verb analyser returns (``VerbAnalysis``) and carries along its walk."""
from __future__ import annotations

from dataclasses import dataclass

from .tables import Feats

# UD orders features by name, case-insensitively
_ORDER = str.lower


@dataclass(frozen=True)
class VerbAnalysis:
    lemma: str  # UD KTB lemma: the stem, passive/reciprocal stripped (сатылды -> сат)
    stem: str  # the listed (or guessed) stem the word was read from
    upos: str  # VERB, or AUX for the copula е-
    feats: Feats  # UD features, sorted by name
    morphs: tuple[str, ...]  # ending names, e.g. ("pass", "negation", "past", "person_poss")
    cost: float
    guessed: bool = False  # the stem is not listed, only shaped like a verb (ротацияла-)
    auxiliary: bool = False  # the lemma is a verb UD tags AUX after a converb (жатыр, бастады)

    @property
    def feats_dict(self) -> dict[str, str]:
        return dict(self.feats)

    @property
    def ud_feats(self) -> str:
        """Features as CoNLL-U writes them (``Mood=Ind|Tense=Past``), ``_`` when none."""
        return "|".join(f"{k}={v}" for k, v in self.feats) or "_"


def _apply(feats: dict[str, str], new: Feats) -> dict[str, str]:
    out = dict(feats)
    for k, v in new:
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


@dataclass(frozen=True)
class _Ctx:
    """What one reading of a word carries along the walk."""
    word: str
    stem: str
    lemma: str
    guessed: bool
    upos: str
    vowel_first: bool = False  # an elided stem (қорқ-) takes only a vowel-initial ending

    def after_first(self) -> "_Ctx":
        return _Ctx(self.word, self.stem, self.lemma, self.guessed, self.upos, False)
