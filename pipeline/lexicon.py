"""The relation lexicon (``configs/relations_kk.yaml``), validated with pydantic.

Every word the relation stages look for comes from this file; an unknown key or
a malformed trigger is a one-line error naming the file and key.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .records import CASES, ENTITY_TYPES, ROLES
from .resources import read_yaml


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


class TriggerSpec(Strict):
    """A trigger with settings of its own (the short form is just the list of words)."""

    words: list[TriggerWord] = Field(min_length=1)
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

    _check = field_validator("frame")(classmethod(lambda cls, v: _check_frame(v)))

    @field_validator("theme_before")
    @classmethod
    def _case(cls, v):
        if v is not None and v not in CASES:
            raise ValueError(f"unknown case {v!r} (use {', '.join(sorted(CASES))})")
        return v

    @field_validator("requires")
    @classmethod
    def _roles(cls, v):
        bad = [r for r in v if r not in ROLES]
        if bad:
            raise ValueError(f"unknown role {bad[0]!r} (use {', '.join(sorted(ROLES))})")
        return v

    @field_validator("role_types")
    @classmethod
    def _types(cls, v):
        return _check_role_types(v)


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
        return [_norm_trigger(_spec(t).words) for t in self.triggers]

    def receive_stems(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_norm_trigger(_spec(t).words) for t in self.receive_triggers]


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
    not_verbs: list[list[TriggerWord]] = []
    about_this_sentences: int = 2
    speaker_coordinators: list[str] = []
    quote_joiners: list[str] = [",", "-", "–", "—"]
    colon: list[str] = [":"]

    def verb_patterns(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_norm_trigger(v) for v in self.verbs]

    def not_verb_patterns(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_norm_trigger(v) for v in self.not_verbs]

    def about_patterns(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_norm_trigger(v) for v in self.about_this]



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
    # tense/participle endings after a passive infix (жаса-л-ды, бер-іл-ген): the verb is passive
    passive_endings: list[str] = []
    light_verbs: list[str] = []  # the verbs after a noun trigger (шабуыл жаса-, көмек көрсет-)
    not_negative: list[str] = []  # endings that only look negative (сапар-мен: instrumental, not -ме-)
    # verbs of refusing or denying after the trigger's verb group: the act is negated (көмек
    # беруден бас тартты: refused to help); the last word is a stem, the others whole words
    refusals: list[str] = []


class Modality(Strict):
    obligation: list[str] = []
    possible: list[str] = []
    intended: list[str] = []
    intended_suffixes: list[str] = []
    # a verbal noun before one of these is the topic of an agreement or talk, not an act done
    topic_markers: list[str] = []


class Lexicon(Strict):
    # cg:confidence of a claim, one table: {case_frames: {own_agent: 0.7, ...}, say: {quote: 0.8, ...}, has_role: {...}}
    confidence: dict[str, dict[str, float]] = {}
    # CAMEO coding of predicates made by other stages (say, has_role); null: no event
    cameo: dict[str, Optional[Cameo]] = {}
    default_frame: dict[str, str]
    receive_frame: dict[str, str] = {}
    receive_reach: int = 3
    predicates: dict[str, Predicate]
    postpositions: dict[str, list[str]] = {}
    clause_conjunctions: list[str] = []
    coordinators: list[str] = []
    between_words: list[str] = []
    not_heads: list[str] = []  # words that look possessed but head no name (бүгін, кеше)
    currency_words: list[str] = []  # "АҚШ доллары": a name before these is a currency, no argument
    personal_endings: list[str] = []  # first / second person verb endings: the subject is no name
    pair_coordinators: list[str] = []  # "A мен B" of a symmetric predicate: agent A, recipient B
    verbal_noun_endings: list[str] = []  # a headline closing on a verbal noun (... кездесу) has no finite verb
    complement_endings: list[str] = []
    # verbs whose complement (салуға шақырды, көрсетуді тапсырды) is done by someone else, not the subject
    directive_verbs: list[str] = []
    event_nouns: list[str] = []
    event_verbs: list[str] = []
    speech: Speech
    roles: Roles
    groups: Groups
    polarity: Polarity
    modality: Modality

    _check = field_validator("default_frame")(classmethod(lambda cls, v: _check_frame(v)))

    @field_validator("confidence")
    @classmethod
    def _unit(cls, v):
        for stage, table in v.items():
            for key, value in table.items():
                if not 0.0 <= value <= 1.0:
                    raise ValueError(f"confidence {stage}.{key} = {value} is not within 0..1")
        return v

    def frame(self, predicate: str) -> dict[str, str]:
        merged = {**self.default_frame, **self.predicates[predicate].frame}
        return {case: role for case, role in merged.items() if role}

    def trigger_rules(self) -> list[TriggerRule]:
        """Every trigger (and receive trigger) with its frame, CAMEO code and settings."""
        out = []
        for name, p in self.predicates.items():
            for receive, triggers in ((False, p.triggers), (True, p.receive_triggers)):
                for t in triggers:
                    spec = _spec(t)
                    base = self.receive_frame if receive else {**self.default_frame, **p.frame}
                    frame = {case: role for case, role in {**base, **spec.frame}.items() if role}
                    if p.symmetric:
                        frame = {case: ("recipient" if role == "partner" else role) for case, role in frame.items()}
                    out.append(TriggerRule(
                        predicate=name, pattern=_norm_trigger(spec.words), frame=frame, receive=receive,
                        cameo=spec.cameo or p.cameo, requires=tuple(spec.requires),
                        role_types=tuple((r, tuple(ts)) for r, ts in {**p.role_types, **spec.role_types}.items()),
                        inherit_agent=True if spec.inherit_agent is None else spec.inherit_agent,
                        theme_markers=tuple(w.lower() for w in spec.theme_markers), theme_before=spec.theme_before,
                        exclude=tuple(w.lower() for w in spec.exclude), symmetric=p.symmetric,
                        postposition_roles=tuple((w.lower(), r) for w, r in p.postposition_roles.items())))
        return out

    def cameo_of(self, predicate: str) -> Optional[Cameo]:
        """The CAMEO coding of a predicate (the relation predicates', or the ``cameo:`` table's
        for predicates of other stages such as ``say``)."""
        p = self.predicates.get(predicate)
        return p.cameo if p else self.cameo.get(predicate)

    def cameo_fields(self, predicate: str) -> dict:
        """Claim fields for a predicate's CAMEO coding (empty when it has none)."""
        c = self.cameo_of(predicate)
        return dict(cameo=c.code, quad_class=c.quad_class, goldstein=c.goldstein) if c else {}

    def confidence_of(self, stage: str, key: str) -> float:
        """The confidence a stage gives a construction (``confidence: {stage: {key: value}}``)."""
        try:
            return self.confidence[stage][key]
        except KeyError:
            raise LexiconError(f"relation lexicon: confidence.{stage}.{key} is missing") from None

    def trigger_patterns(self) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
        return [(name, pattern) for name, p in self.predicates.items() for pattern in p.trigger_stems()]

    def receive_patterns(self) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
        return [(name, pattern) for name, p in self.predicates.items() for pattern in p.receive_stems()]


class LexiconError(ValueError):
    pass


M = TypeVar("M", bound=BaseModel)


def read_lexicon(schema: type[M], path: Path) -> M:
    """A YAML lexicon validated against ``schema`` (any language's); every problem is
    one line naming the file and the key."""
    try:
        raw = read_yaml(path)
    except ValueError as err:
        raise LexiconError(str(err)) from None
    try:
        return schema.model_validate(raw)
    except ValidationError as err:
        e = err.errors()[0]
        where = ".".join(str(p) for p in e["loc"])
        msg = "unknown key" if e["type"] == "extra_forbidden" else e["msg"]
        raise LexiconError(f"{path}: {where}: {msg}") from None


@lru_cache(maxsize=8)
def load_lexicon(path: Path) -> Lexicon:
    return read_lexicon(Lexicon, path)
