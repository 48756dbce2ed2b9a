"""The predicates of a relation lexicon: their triggers, case frames and CAMEO coding
(validated with pydantic; :mod:`pipeline.lexicon` reads the whole file)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .records import CASES, ENTITY_TYPES, ROLES


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# A trigger word: one stem or a list of alternative stems.
TriggerWord = Union[str, list[str]]


def _norm_trigger(trigger: list[TriggerWord]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(s.lower() for s in ([w] if isinstance(w, str) else w)) for w in trigger)


def _check_frame(frame: dict[str, str | None]) -> dict[str, str | None]:
    for case, role in frame.items():
        if case not in CASES:
            raise ValueError(f"unknown case {case!r} (use {', '.join(sorted(CASES))})")
        if role is not None and role not in ROLES:
            raise ValueError(f"unknown role {role!r} (use {', '.join(sorted(ROLES))})")
    return frame


# CAMEO root codes -> GDELT quad class (1 verbal cooperation 01-05, 2 material cooperation
# 06-08, 3 verbal conflict 09-13, 4 material conflict 14-20)
QUAD_CLASSES = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
QUAD_CLASS_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict",
                    4: "material_conflict"}


class Cameo(Strict):
    """A CAMEO event code with its GDELT quad class and Goldstein weight."""

    code: str = Field(pattern=r"^[0-2][0-9]{2,3}$")
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10.0, le=10.0)

    @model_validator(mode="after")
    def _quad_matches_root(self):
        root = int(self.code[:2])
        if root not in QUAD_CLASSES[self.quad_class]:
            want = next(q for q, r in QUAD_CLASSES.items() if root in r)
            raise ValueError(f"CAMEO {self.code}: quad class {self.quad_class} does not fit root {root:02d} "
                             f"(use {want})")
        return self


# UD features a lemma trigger's verb must have (or must not): {Voice: Pass}, {VerbForm: [Fin, Part]}
Features = dict[str, Union[str, list[str]]]


def _norm_feats(feats: Features) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((name, (v,) if isinstance(v, str) else tuple(v)) for name, v in sorted(feats.items()))


class TriggerSpec(Strict):
    """A trigger with settings of its own (the short form is just the list of words).

    ``verb`` names the trigger's last word by lemma (the bare stem: кездес, бар): every
    inflection of it is the trigger, read by the language's verb analyser; ``words`` are
    then the words right before it (a light verb's noun: пікір алмас-, алғыс айт-)."""

    words: list[TriggerWord] = []
    verb: list[str] = []  # lemmas of the trigger's last word
    feats: Features = {}  # the verb's UD features, each one of the values given
    not_feats: Features = {}  # ... and none of these
    frame: dict[str, Optional[str]] = {}  # over the predicate's frame
    cameo: Optional[Cameo] = None  # where this trigger codes another event than its predicate
    requires: list[str] = []  # roles without which the trigger gives no claim
    role_types: dict[str, list[str]] = {}  # role -> entity types allowed to fill it
    inherit_agent: Optional[bool] = None  # take the sentence subject / speaker as agent (default: yes)
    # words closing the words that name a theme (the post: "... депутаты болып тағайындалды")
    theme_markers: list[str] = []
    # the word right before the trigger in this case names the theme (Жарлыққа қол қойды -> Жарлық)
    theme_before: Optional[str] = None
    exclude: list[str] = []  # stems that are other words (қолдан- "use" beside қолда- "support")
    # stems of the word right before the trigger that make it another phrase (шешім қабылдады: adopted a decision)
    not_after: list[str] = []
    # stems of a head noun through which a name would fill a role (Швейцария билігіне келді: came to power)
    excluded_heads: list[str] = []
    # roles only a name in the case itself fills, never its possessor (Путиннің шақыруын қабылдады)
    direct_roles: list[str] = []
    # an adverb (бірге "together") that is the event only when no other trigger follows in its clause:
    # "X Y-пен бірге құжатқа қол қойды" is a signing with Y
    yields: bool = False

    _check = field_validator("frame")(classmethod(lambda cls, v: _check_frame(v)))

    @model_validator(mode="after")
    def _has_words(self):
        if not self.words and not self.verb:
            raise ValueError("a trigger needs words or a verb")
        return self

    def stems(self) -> tuple[tuple[str, ...], ...]:
        """The trigger as stem words (a verb's lemma as the stem of its last word)."""
        return _norm_trigger(self.words + ([self.verb] if self.verb else []))

    @field_validator("theme_before")
    @classmethod
    def _case(cls, v):
        if v is not None and v not in CASES:
            raise ValueError(f"unknown case {v!r} (use {', '.join(sorted(CASES))})")
        return v

    _roles = field_validator("requires", "direct_roles")(classmethod(lambda cls, v: _check_roles(v)))

    @field_validator("role_types")
    @classmethod
    def _types(cls, v):
        return _check_role_types(v)


def _check_roles(v: list[str]) -> list[str]:
    bad = [r for r in v if r not in ROLES]
    if bad:
        raise ValueError(f"unknown role {bad[0]!r} (use {', '.join(sorted(ROLES))})")
    return v


def _check_role_types(v: dict[str, list[str]]) -> dict[str, list[str]]:
    for role, types in v.items():
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (use {', '.join(sorted(ROLES))})")
        bad = [t for t in types if t not in ENTITY_TYPES]
        if bad:
            raise ValueError(f"unknown entity type {bad[0]!r} (use {', '.join(sorted(ENTITY_TYPES))})")
    return v


Trigger = Union[list[TriggerWord], TriggerSpec]


@dataclass(frozen=True)
class TriggerRule:
    """One trigger of one predicate, as the case-frame stage uses it."""

    predicate: str
    pattern: tuple[tuple[str, ...], ...]
    frame: dict  # case -> role, defaults merged in
    receive: bool = False  # names the event from its recipient's side (read with receive_frame)
    cameo: Optional[Cameo] = None
    requires: tuple[str, ...] = ()
    role_types: tuple[tuple[str, tuple[str, ...]], ...] = ()
    inherit_agent: bool = True
    theme_markers: tuple[str, ...] = ()
    theme_before: Optional[str] = None
    exclude: tuple[str, ...] = ()
    symmetric: bool = False
    postposition_roles: tuple[tuple[str, str], ...] = ()
    lemmas: tuple[str, ...] = ()  # the last word by lemma (then ``pattern`` is the words before it)
    feats: tuple[tuple[str, tuple[str, ...]], ...] = ()
    not_feats: tuple[tuple[str, tuple[str, ...]], ...] = ()
    not_after: tuple[str, ...] = ()
    excluded_heads: tuple[str, ...] = ()
    direct_roles: tuple[str, ...] = ()
    yields: bool = False

    def reading_fits(self, feats: dict[str, str]) -> bool:
        """Does a reading of the verb with these UD features fit the trigger's constraints?"""
        return (all(feats.get(name) in values for name, values in self.feats)
                and not any(feats.get(name) in values for name, values in self.not_feats))

    def allowed_types(self, role: str) -> Optional[tuple[str, ...]]:
        return dict(self.role_types).get(role)


def _spec(trigger: Trigger) -> TriggerSpec:
    return trigger if isinstance(trigger, TriggerSpec) else TriggerSpec(words=trigger)


class Predicate(Strict):
    triggers: list[Trigger] = Field(min_length=1)
    frame: dict[str, Optional[str]] = {}  # null removes a default role
    # the same event seen from its recipient: "Украина АҚШ-тан кепілдік алды" (read with receive_frame)
    receive_triggers: list[Trigger] = []
    # "A мен B кездесті": A is the agent, B the recipient (an instrumental partner is the recipient)
    symmetric: bool = False
    cameo: Optional[Cameo] = None  # null: no CAMEO event (a state, not an interaction)
    # a name before one of these postpositions fills a role (Омбы үшін ... серіктес: for Omsk)
    postposition_roles: dict[str, str] = {}
    role_types: dict[str, list[str]] = {}  # for every trigger (a trigger's own role_types win)

    _types = field_validator("role_types")(classmethod(lambda cls, v: _check_role_types(v)))

    @field_validator("postposition_roles")
    @classmethod
    def _post_roles(cls, v):
        bad = [r for r in v.values() if r not in ROLES]
        if bad:
            raise ValueError(f"unknown role {bad[0]!r} (use {', '.join(sorted(ROLES))})")
        return v

    _check = field_validator("frame")(classmethod(lambda cls, v: _check_frame(v)))

    def trigger_stems(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_spec(t).stems() for t in self.triggers]

    def receive_stems(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_spec(t).stems() for t in self.receive_triggers]
