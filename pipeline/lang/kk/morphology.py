"""Analysing Kazakh nominal inflection by stripping endings (no generation).

:class:`SuffixAnalyser` lists every way a word can be split into a stem and a
chain of endings (plural, possessive, case, attributive) from the tables in
``pipeline/lang/kk/data/suffixes.yaml``. It does not decide which split is right:
callers accept a stem only with evidence (a gazetteer entry, the same stem
elsewhere in the document, the NER model), so a name's own ending is never
stripped (Ресей, Мәскеу, Қытай stay whole when they are known names).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .resources import kk_data

HYPHENS = "-‐‑–"


@dataclass(frozen=True)
class Analysis:
    stem: str
    ending: str  # the stripped letters, hyphen excluded
    case: str = "nom"
    possessive: str | None = None
    plural: bool = False
    attributive: bool = False
    adjective: bool = False

    @property
    def is_bare(self) -> bool:
        return not self.ending


def _chains(data: dict) -> list[tuple[str, dict]]:
    """Every ending chain as (letters, features), built from the table."""
    chains: list[tuple[str, dict]] = []
    plurals = [("", False)] + [(p, True) for p in data["plural"]]
    possessives = [("", None)] + [(f, name) for name, forms in data["possessive"].items() for f in forms]
    cases: list[tuple[str, str, bool]] = [("", "nom", False)]
    for name, spec in data["cases"].items():
        cases += [(f, name, False) for f in spec.get("forms", [])]
        cases += [(f, name, True) for f in spec.get("after_possessive", [])]
    for pl, is_pl in plurals:
        for po, po_name in possessives:
            for ca, case, needs_poss in cases:
                if needs_poss and po_name is None:
                    continue
                feats = {"case": case, "possessive": po_name, "plural": is_pl}
                chains.append((pl + po + ca, feats))
                if case == "loc":
                    for at in data["attributive"]:
                        chains.append((pl + po + ca + at, {**feats, "attributive": True}))
    return chains


class SuffixAnalyser:
    def __init__(self, table: str = "suffixes.yaml"):
        data = kk_data(table)
        self.voicing: dict[str, str] = dict(data.get("voicing", {}))  # аймақ -> аймағы
        by_ending: dict[str, list[dict]] = {}
        for letters, feats in _chains(data):
            by_ending.setdefault(letters, []).append(feats)
        self._endings = by_ending
        self._lengths = sorted({len(e) for e in by_ending}, reverse=True)
        self._adjective = tuple(data["adjective"])
        self.case_names = dict(data["case_names"])

    @lru_cache(maxsize=200_000)
    def analyses(self, word: str, min_stem: int = 2) -> tuple[Analysis, ...]:
        """All (stem, endings) splits of ``word``, longest ending first, the bare
        word last. A hyphen before the ending (НАТО-ға) is dropped from the stem."""
        out: list[Analysis] = []
        lower = word.lower()
        for n in self._lengths:
            if n == 0 or n > len(word) - min_stem:
                continue
            ending = lower[-n:]
            feats_list = self._endings.get(ending)
            if not feats_list:
                continue
            stem = word[:-n]
            if stem[-1] in HYPHENS:
                stem = stem[:-1]
            if len(stem) < min_stem or not stem[-1].isalpha():
                continue
            for feats in feats_list:
                out.append(Analysis(stem=stem, ending=ending, **feats))
        out.append(Analysis(stem=word.rstrip(HYPHENS), ending=""))
        return tuple(out)

    def is_possessed(self, word: str, case: str | None = None, min_stem: int = 2) -> bool:
        """Can ``word`` be a noun in the third-person possessive (министрлігі,
        агенттігінің), in ``case`` where one is given?"""
        return any(a.possessive == "p3" and (case is None or a.case == case) for a in self.analyses(word, min_stem))

    def stems(self, word: str) -> list[str]:
        """Distinct candidate stems, longest ending first."""
        seen: dict[str, None] = {}
        for a in self.analyses(word):
            seen.setdefault(a.stem, None)
        return list(seen)

    def adjective_base(self, word: str) -> list[tuple[str, Analysis]]:
        """Bases of a denominal adjective: ресейлік -> ресей, солтүстіккореялықтар -> солтүстіккорея."""
        out = []
        if not any(suffix in word for suffix in self._adjective):
            return out
        for a in self.analyses(word.lower()):
            for suffix in self._adjective:
                if a.stem.endswith(suffix) and len(a.stem) > len(suffix) + 1:
                    out.append((a.stem[: -len(suffix)], a))
        return out


@lru_cache(maxsize=None)
def default_analyser() -> SuffixAnalyser:
    return SuffixAnalyser()
