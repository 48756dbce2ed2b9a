"""A claim's event coding, from ``configs/event_coding.yaml`` (language-independent, keyed by
predicate): CAMEO event, base and root code, quad class, Goldstein weight, PLOVER type and mode,
and PLOVER's auxiliary mode for a negated, hypothetical or intended claim. A claim that carries
its own CAMEO code (a trigger coded apart in a relation lexicon) keeps it.

>>> from pipeline.records import Claim, Evidence
>>> c = Claim(id="d-1", predicate="call", polarity="negated", evidence=Evidence(start=0, end=1, exact="x"))
>>> e = code_claim(c)
>>> (e.cameo, e.base, e.root, e.quad_class, e.plover, e.mode, e.aux_mode)
('041', '041', '04', 1, 'CONSULT', 'phone', 'negated')
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..records import Claim
from ..resources import CONFIGS_DIR, DataFileError, read_yaml

CODING_PATH = CONFIGS_DIR / "event_coding.yaml"
# PLOVER's event types (the manual's 16, DISAPPROVE and DEMAND folded into ACCUSE and REQUEST)
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PloverType(_Strict):
    plover: Optional[str] = None  # null: no PLOVER type (a statement)
    mode: Optional[str] = None

    @model_validator(mode="after")
    def _known_type(self):
        if self.plover is not None and self.plover not in PLOVER_TYPES:
            raise ValueError(f"{self.plover!r} is not a PLOVER event type ({', '.join(sorted(PLOVER_TYPES))})")
        return self


class PredicateCoding(PloverType):
    cameo: str = Field(pattern=r"^\d{3,4}$")
    base: str = Field(pattern=r"^\d{3}$")
    root: str = Field(pattern=r"^\d{2}$")
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10.0, le=10.0)
    symmetric: bool = False  # A met B = B met A: one happening either way

    @model_validator(mode="after")
    def _codes_agree(self):
        if self.base != self.cameo[:3] or self.root != self.cameo[:2]:
            raise ValueError(f"base {self.base} and root {self.root} are not those of CAMEO {self.cameo}")
        return self


class EventCodingTable(_Strict):
    predicates: dict[str, Optional[PredicateCoding]]
    by_cameo: dict[str, PloverType] = {}
    consult_modes: dict[str, str] = {}
    auxiliary_modes: dict[str, str] = {}
    withdrawn_alpha3: list[str] = []  # ISO 3166-3 codes CLDR still aliases: never an actor's code
    sectors: list[str] = []  # CAMEO actor sector codes a language's sectors.yaml may name


class EventCoding(_Strict):
    """One claim's coding (the CAMEO fields empty where the predicate is no event)."""

    cameo: Optional[str] = None
    base: Optional[str] = None
    root: Optional[str] = None
    quad_class: Optional[int] = None
    goldstein: Optional[float] = None
    plover: Optional[str] = None
    mode: Optional[str] = None
    symmetric: bool = False
    aux_mode: Optional[str] = None  # negated, hypothetical, intended: out of the default table


@lru_cache(maxsize=None)
def coding_table(path: Path = CODING_PATH) -> EventCodingTable:
    """The coding table (read once); DataFileError naming the file when it is malformed."""
    try:
        return EventCodingTable.model_validate(read_yaml(path))
    except (OSError, ValueError) as err:
        first = next(iter(str(err).splitlines()), "")
        raise DataFileError(f"{path}: not an event coding table ({first})") from None


def aux_mode(claim: Claim, table: EventCodingTable | None = None) -> Optional[str]:
    """PLOVER's auxiliary mode of a claim: negated first, else its modality's (asserted and
    reported claims have none)."""
    modes = (table or coding_table()).auxiliary_modes
    if claim.polarity == "negated":
        return modes.get("negated", "negated")
    return modes.get(claim.modality)


def code_claim(claim: Claim, table: EventCodingTable | None = None) -> EventCoding:
    """The claim's coding: its own CAMEO code where it has one, else its predicate's."""
    table = table or coding_table()
    known = table.predicates.get(claim.predicate)
    aux = aux_mode(claim, table)
    if claim.cameo and (known is None or claim.cameo != known.cameo):
        plover = table.by_cameo.get(claim.cameo) or (known or PloverType())
        return EventCoding(cameo=claim.cameo, base=claim.cameo[:3], root=claim.cameo[:2],
                           quad_class=claim.quad_class, goldstein=claim.goldstein, plover=plover.plover,
                           mode=plover.mode, aux_mode=aux)  # a trigger's own code (host 043) has a direction
    if known is None:
        return EventCoding(aux_mode=aux)
    return EventCoding(**known.model_dump(exclude={"cameo", "base", "root"}), cameo=known.cameo, base=known.base,
                       root=known.root, aux_mode=aux)
