"""The Russian relation lexicon (``configs/relations_ru.yaml``), validated with pydantic.

Russian marks roles with word order, case and prepositions, and slovnet gives the
dependency tree, so a frame maps *slots* to roles: a dependency relation
(``nsubj``, ``obj``), a bare case (``dat``, ``ins``) or a preposition with its
case (``с+ins``, ``в+loc``, ``по+dat``). Triggers are lemmas: one word (a verb or
an event noun) or a light verb and its object (``оказать помощь``). Predicate keys
are those of the Kazakh lexicon.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ...lexicon import Cameo, read_lexicon
from ...records import CASES as ALL_CASES

ROLES = {"agent", "recipient", "theme", "location", "source", "partner"}
CASES = set(ALL_CASES) - {"abl"}  # Russian has no ablative
RELATIONS = {"nsubj", "obj", "iobj"}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def check_slot(slot: str) -> str:
    if slot in RELATIONS or slot in CASES:
        return slot
    prep, plus, case = slot.partition("+")
    if plus and prep and case in CASES:
        return slot
    raise ValueError(f"unknown slot {slot!r} (a relation {sorted(RELATIONS)}, a case {sorted(CASES)} "
                     "or preposition+case such as с+ins)")


def _check_frame(frame: dict) -> dict:
    for slot, role in frame.items():
        check_slot(slot)
        if role is not None and role not in ROLES:
            raise ValueError(f"unknown role {role!r} (use {', '.join(sorted(ROLES))})")
    return frame


class Predicate(Strict):
    triggers: list[str] = Field(min_length=1)  # lemma, or "light-verb noun"
    frame: dict[str, Optional[str]] = {}  # null removes a default slot
    cameo: Optional[Cameo] = None  # the same coding as the Kazakh lexicon's predicate
    # both sides do it (meet, negotiate): the other side is the recipient, as in Kazakh, and
    # "A и B встретились" gives agent A, recipient B
    symmetric: bool = False
    _check = field_validator("frame")(classmethod(lambda cls, v: _check_frame(v)))


class Speech(Strict):
    predicate: str = "say"
    verbs: list[str]
    according_to_prepositions: list[str] = ["по"]
    according_to: list[str]  # по словам / мнению / данным X
    pronouns: list[str] = []  # он, она: the last person who spoke or was a subject
    possessive_pronouns: list[str] = []  # по его словам
    passive_verbs: list[str] = []  # в заявлении X говорится: the speaker is the statement's genitive
    statement_nouns: list[str] = []


class Roles(Strict):
    predicate: str = "has_role"
    title_heads: list[str]
    max_title_words: int = 6


class Polarity(Strict):
    negators: list[str]


class Modality(Strict):
    possible: list[str] = []
    obligation: list[str] = []
    intended: list[str] = []
    hypothetical: list[str] = []  # the conditional particle on the verb (подписал бы)
    # an infinitive trigger under one of these is future (будет помогать), as is a
    # perfective non-past (поможет): intended
    future_auxiliaries: list[str] = []


class RussianLexicon(Strict):
    default_frame: dict[str, str]
    predicates: dict[str, Predicate]
    cameo: dict[str, Optional[Cameo]] = {}  # predicates of no trigger (say, has_role)
    speech: Speech
    roles: Roles
    polarity: Polarity
    modality: Modality
    # verbs that carry out an event noun (провести переговоры, начать атаку): their
    # subject does it; under any other verb (осудила удары Ирана) the noun's genitive does
    light_verbs: list[str] = []
    # words after which an argument is not the verb's (несмотря на X, вместо X)
    blocking_prepositions: list[str] = []
    # a passive in -ся (подписывается Россией) is its verb's trigger (подписывать)
    reflexive_endings: list[str] = []

    _check = field_validator("default_frame")(classmethod(lambda cls, v: _check_frame(v)))

    def frame(self, predicate: str) -> dict[str, str]:
        p = self.predicates[predicate]
        merged = {**self.default_frame, **p.frame}
        if p.symmetric:
            merged = {slot: ("recipient" if role == "partner" else role) for slot, role in merged.items()}
        return {slot: role for slot, role in merged.items() if role}

    def cameo_fields(self, predicate: str) -> dict:
        """Claim fields for a predicate's CAMEO coding (empty when it has none)."""
        p = self.predicates.get(predicate)
        c = p.cameo if p else self.cameo.get(predicate)
        return dict(cameo=c.code, quad_class=c.quad_class, goldstein=c.goldstein) if c else {}

    def triggers(self) -> dict[str, list[tuple[str, str | None]]]:
        """head lemma -> [(predicate, noun lemma or None)], the two-word ones first
        (находиться с визитом is a visit before находиться is located_in)."""
        out: dict[str, list[tuple[str, str | None]]] = {}
        for name, p in self.predicates.items():
            for t in p.triggers:
                words = t.lower().replace("ё", "е").split()
                out.setdefault(words[0], []).append((name, words[-1] if len(words) > 1 else None))
        return {head: sorted(found, key=lambda f: f[1] is None) for head, found in out.items()}


@lru_cache(maxsize=8)
def load_russian_lexicon(path: Path) -> RussianLexicon:
    return read_lexicon(RussianLexicon, path)
