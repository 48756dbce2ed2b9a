"""The relation lexicon (``configs/relations_kk.yaml``), validated with pydantic.

Every word the relation stages look for comes from this file; an unknown key or
a malformed trigger is a one-line error naming the file and key.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional, TypeVar

from pydantic import BaseModel, ValidationError, field_validator

# the predicates' schema lives in its own module; these names stay importable from here
from .predicates import (QUAD_CLASS_NAMES, Cameo, Predicate, Strict, TriggerRule,  # noqa: F401
                         TriggerWord, _check_frame, _norm_feats, _norm_trigger, _spec)
from .resources import read_yaml


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
    # a verb trigger's UD Mood / Tense -> modality (Cnd: hypothetical, Des/Opt: intended, Fut: intended)
    moods: dict[str, str] = {}
    tenses: dict[str, str] = {}
    # a conditional clause (егер ... жасаса, ... жасаған жағдайда): its events are hypothetical
    conditional_words: list[str] = []
    conditional_phrases: list[str] = []
    concessive: list[str] = []  # after a conditional: "болса да" (although), no condition


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
    # "екі ел басшысы": a pair named by a phrase, the subject of a symmetric predicate (stem words)
    pair_subjects: list[list[TriggerWord]] = []
    # final letters a verb stem changes before an ending (тап- -> табады, қой- -> қоятын): a verb
    # lemma less one of them begins its forms
    alternating_finals: list[str] = []
    event_verbs: list[str] = []
    # "X Y-ке Z-ті қолдағаны үшін алғыс айтты": a possessed participle (reason_endings) before a reason
    # word is the reason of the main verb, done by the one thanked (the dative before it), not the subject
    reason_words: list[str] = []
    reason_endings: list[str] = []
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
                        lemmas=tuple(v.lower() for v in spec.verb), feats=_norm_feats(spec.feats),
                        not_feats=_norm_feats(spec.not_feats),
                        cameo=spec.cameo or p.cameo, requires=tuple(spec.requires),
                        role_types=tuple((r, tuple(ts)) for r, ts in {**p.role_types, **spec.role_types}.items()),
                        inherit_agent=True if spec.inherit_agent is None else spec.inherit_agent,
                        theme_markers=tuple(w.lower() for w in spec.theme_markers), theme_before=spec.theme_before,
                        exclude=tuple(w.lower() for w in spec.exclude), symmetric=p.symmetric,
                        not_after=tuple(w.lower() for w in spec.not_after),
                        excluded_heads=tuple(w.lower() for w in spec.excluded_heads),
                        direct_roles=tuple(spec.direct_roles), yields=spec.yields,
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

    def pair_subject_patterns(self) -> list[tuple[tuple[str, ...], ...]]:
        return [_norm_trigger(p) for p in self.pair_subjects]

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
