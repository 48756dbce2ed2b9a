"""The event-noun lexicon (``configs/event_nouns_<language>.yaml``), validated with pydantic.

Each noun names the stems it is written with, the relation predicate it gives (a key of the
relation lexicon's ``predicates``, whose CAMEO coding and symmetry the claims take) and its
case frame. Words about predicates, polarity and modality stay in the relation lexicon this
file names; an unknown key, case, role or predicate is a one-line error naming the file.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator

from .lexicon import Lexicon, LexiconError, load_lexicon, read_lexicon
from .predicates import Strict, _check_frame, _check_role_types, _check_roles


class EventNoun(Strict):
    lemma: str
    stems: list[str] = Field(min_length=1)  # with the spelling alternations (серіктестік, серіктестіг)
    predicate: str  # a key of the relation lexicon's predicates
    frame: dict[str, str | None]  # the case of a name in the noun's phrase -> its role
    requires: list[str] = []  # roles without which the noun gives no claim (the agent always)
    role_types: dict[str, list[str]] = {}  # over the predicate's: role -> entity types allowed

    _frame = field_validator("frame")(classmethod(lambda cls, v: _check_frame(v)))
    _types = field_validator("role_types")(classmethod(lambda cls, v: _check_role_types(v)))

    _roles = field_validator("requires")(classmethod(lambda cls, v: _check_roles(v)))

    @field_validator("stems")
    @classmethod
    def _lower(cls, v):
        return [s.lower() for s in v]


class Conditional(Strict):
    words: list[str] = []  # "if" words before the clause
    phrases: list[str] = []  # "in case" words after a participle
    verb_endings: list[str] = []  # the conditional mood of the clause's verb


class EventNounLexicon(Strict):
    relations: Path  # the relation lexicon (relative to this file)
    confidence: dict[str, float]
    frame_words: list[str] = []
    object_verbs: list[str] = []
    conditional: Conditional = Conditional()
    intended_stems: list[str] = []  # words of planning beside the relation lexicon's (жоспарлануда)
    nouns: list[EventNoun] = Field(min_length=1)

    @field_validator("confidence")
    @classmethod
    def _confidence(cls, v):
        missing = {"possessor", "subject", "per_role", "max"} - set(v)
        if missing:
            raise ValueError(f"missing {', '.join(sorted(missing))}")
        bad = [k for k, x in v.items() if not 0.0 <= x <= 1.0]
        if bad:
            raise ValueError(f"confidence {bad[0]} = {v[bad[0]]} is not within 0..1")
        return v


def load_event_nouns(path: Path) -> tuple[EventNounLexicon, Lexicon]:
    """The event-noun lexicon and the relation lexicon it names; a noun whose predicate the
    relation lexicon lacks is a one-line error."""
    nouns = read_lexicon(EventNounLexicon, path)
    relations_path = nouns.relations if nouns.relations.is_absolute() else path.parent / nouns.relations
    relations = load_lexicon(relations_path.resolve())
    for k, noun in enumerate(nouns.nouns):
        if noun.predicate not in relations.predicates:
            raise LexiconError(f"{path}: nouns.{k}.predicate: {noun.predicate!r} is not a predicate of "
                               f"{relations_path.name} (known: {', '.join(sorted(relations.predicates))})")
    return nouns, relations
