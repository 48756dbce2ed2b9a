"""The relation lexicon (``configs/relations_kk.yaml``), validated with pydantic.

Every word the relation stages look for comes from this file; an unknown key or
a malformed trigger is a one-line error naming the file and key.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .records import ROLES
from .resources import read_yaml

CASES = {"nom", "gen", "dat", "acc", "loc", "abl", "ins"}

# A trigger word: one stem or a list of alternative stems.
TriggerWord = Union[str, list[str]]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _norm_trigger(trigger: list[TriggerWord]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(s.lower() for s in ([w] if isinstance(w, str) else w)) for w in trigger)


def _check_frame(frame: dict[str, str | None]) -> dict[str, str | None]:
    for case, role in frame.items():
        if case not in CASES:
            raise ValueError(f"unknown case {case!r} (use {', '.join(sorted(CASES))})")
        if role is not None and role not in ROLES:
            raise ValueError(f"unknown role {role!r} (use {', '.join(sorted(ROLES))})")
    return frame


class Predicate(Strict):
    triggers: list[list[TriggerWord]] = Field(min_length=1)
    frame: dict[str, Optional[str]] = {}  # null removes a default role
    # the same event seen from its recipient: "Украина АҚШ-тан кепілдік алды" (read with receive_frame)
    receive_triggers: list[list[TriggerWord]] = []

    _check = field_validator("frame")(classmethod(lambda cls, v: _check_frame(v)))

    def trigger_stems(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_norm_trigger(t) for t in self.triggers]

    def receive_stems(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_norm_trigger(t) for t in self.receive_triggers]


class Speech(Strict):
    predicate: str = "say"
    verbs: list[list[TriggerWord]]
    according_to: list[str]
    pronouns: list[str]
    agent_markers: list[str] = []
    statement_nouns: list[str] = []
    subject_pronouns: list[str] = []
    passive_verbs: list[str] = []
    quote_verbs: list[str] = []
    referring_titles: list[str] = []
    about_this: list[list[TriggerWord]] = []
    about_this_sentences: int = 2
    speaker_coordinators: list[str] = []
    quote_joiners: list[str] = [",", "-", "–", "—"]
    colon: list[str] = [":"]
    confidence: dict[str, float] = {}

    def verb_patterns(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_norm_trigger(v) for v in self.verbs]

    def about_patterns(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_norm_trigger(v) for v in self.about_this]

    def sure(self, reading: str) -> float:
        """The confidence of a reading (``confidence`` table; 0.5 when it names none)."""
        return self.confidence.get(reading, 0.5)


class Roles(Strict):
    predicate: str = "has_role"
    title_heads: list[str]
    max_title_words: int = 4
    participle_endings: list[str] = []


class Groups(Strict):
    member_nouns: dict[str, list[str]]
    number_words: dict[str, int]
    approximators: list[str] = []


class Polarity(Strict):
    negators: list[str]
    negative_infixes: list[str]
    auxiliaries: list[str]
    negative_endings: list[str] = []
    passive_infixes: list[str] = []


class Modality(Strict):
    obligation: list[str] = []
    possible: list[str] = []
    intended: list[str] = []
    intended_suffixes: list[str] = []


class Lexicon(Strict):
    default_frame: dict[str, str]
    receive_frame: dict[str, str] = {}
    receive_reach: int = 3
    predicates: dict[str, Predicate]
    postpositions: dict[str, list[str]] = {}
    clause_conjunctions: list[str] = []
    coordinators: list[str] = []
    between_words: list[str] = []
    complement_endings: list[str] = []
    event_nouns: list[str] = []
    event_verbs: list[str] = []
    speech: Speech
    roles: Roles
    groups: Groups
    polarity: Polarity
    modality: Modality

    _check = field_validator("default_frame")(classmethod(lambda cls, v: _check_frame(v)))

    def frame(self, predicate: str) -> dict[str, str]:
        merged = {**self.default_frame, **self.predicates[predicate].frame}
        return {case: role for case, role in merged.items() if role}

    def trigger_patterns(self) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
        return [(name, pattern) for name, p in self.predicates.items() for pattern in p.trigger_stems()]

    def receive_patterns(self) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
        return [(name, pattern) for name, p in self.predicates.items() for pattern in p.receive_stems()]


class LexiconError(ValueError):
    pass


@lru_cache(maxsize=8)
def load_lexicon(path: Path) -> Lexicon:
    try:
        raw = read_yaml(path)
    except ValueError as err:
        raise LexiconError(str(err)) from None
    try:
        return Lexicon.model_validate(raw)
    except ValidationError as err:
        e = err.errors()[0]
        where = ".".join(str(p) for p in e["loc"])
        msg = "unknown key" if e["type"] == "extra_forbidden" else e["msg"]
        raise LexiconError(f"{path}: {where}: {msg}") from None
