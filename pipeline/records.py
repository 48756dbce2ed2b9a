"""The pipeline's records: plain pydantic models that refer to each other by
stable string ids and to the document text by character offsets.

Every ``start`` / ``end`` indexes ``Document.text`` (Python str indices,
end exclusive). Stages never change another stage's records; each returns an
:class:`AnnotatedDocument` with its own layer added (``with_layers``).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal, Optional, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

# The roles a claim's arguments fill (the case frames map cases onto these), and the
# entity types of the contract: defined here once, read by the lexicon, the graph and ids.
ROLES = ("agent", "recipient", "theme", "location", "partner", "source")
ENTITY_TYPES = ("Person", "Country", "Organization", "Place", "City", "AdministrativeArea", "Event", "Group")
# The grammatical cases a mention may carry (Mention.case) and a lexicon's frame maps onto roles.
CASES = ("nom", "gen", "dat", "acc", "loc", "abl", "ins")
CLAIM_PREFIX = "claim:"  # a claim's id is its IRI in graph.jsonld and its key in documents.jsonl


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Document(Record):
    id: str
    source: str
    text: str
    date: Optional[dt.date] = None
    language: Optional[str] = None  # BCP 47; None: the pipeline sets it (detected or its config's)
    url: Optional[str] = None
    text_offset: Optional[int] = None  # where ``text`` starts in the decoded source (None: extracted text)


@dataclass(frozen=True, slots=True)
class Token:
    """A token as the language's tokenizer gives it. Kazakh's (spaCy) keeps a run of
    whitespace other than one space (a line break) as a token of its own, so that no
    name is read across it; readers of words skip those (``text.isspace()``).
    A frozen dataclass, not a pydantic record: a document has one per word, never
    written out, and a validated model per word cost a run about 1% of its time."""

    start: int
    end: int
    text: str
    # filled by the morphology layer (kazakh_morphology.v1): the dictionary form, the UD part
    # of speech and the UD features ("Case=Gen|Number=Sing")
    lemma: Optional[str] = None
    pos: Optional[str] = None
    morph: Optional[str] = None

    def feature(self, name: str) -> Optional[str]:
        """One UD feature's value from ``morph`` (``Case`` -> ``Dat``), None when absent."""
        for pair in (self.morph or "").split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


class Sentence(Record):
    start: int
    end: int
    kind: Literal["sentence", "heading"] = "sentence"


class Mention(Record):
    """A span of text that names an entity (``Украинаға``, ``Дмитрий Песков``)."""

    id: str
    start: int
    end: int
    text: str
    label: str  # PERSON, COUNTRY, ORG, PLACE, NORP, GROUP, ...
    entity_id: Optional[str] = None
    lemma: Optional[str] = None  # the surface with inflection removed (Украина)
    case: Optional[str] = None  # one of CASES
    source: str = ""  # the stage that found it
    # how the linker derived it from a model span: a piece of a longer span ("split"), the
    # organisation inside a position ("position"), or a name the model missed ("repair")
    origin: Optional[Literal["split", "position", "repair"]] = None


EntityType = Literal["Person", "Country", "Organization", "Place", "City", "AdministrativeArea", "Event", "Group"]
assert set(EntityType.__args__) == set(ENTITY_TYPES)


class Entity(Record):
    id: str
    type: EntityType
    name: str
    identifier: Optional[str] = None  # ISO 3166-1 alpha-2 for countries
    alternate_names: list[str] = Field(default_factory=list)
    job_title: Optional[str] = None
    affiliation: Optional[str] = None  # entity id
    count: Optional[int] = None  # Group
    member_type: Optional[str] = None  # Group
    # places and countries: GeoNames' feature (a country's centroid), from place_resolver.v1
    geonames_id: Optional[int] = None
    latitude: Optional[float] = Field(default=None, ge=-90.0, le=90.0)
    longitude: Optional[float] = Field(default=None, ge=-180.0, le=180.0)


class Evidence(Record):
    start: int
    end: int
    exact: str


_ISO_PERIOD = re.compile(r"^(\d{4})(?:-W(\d{2})|-(\d{2})(?:-(\d{2}))?)?$")


class Claim(Record):
    id: str  # "claim:<document id>-..."; the prefix is added when a stage leaves it out
    predicate: str
    agent: Optional[str] = None
    recipient: Optional[str] = None
    theme: Optional[str] = None  # an entity id ...
    theme_text: Optional[str] = None  # ... or words
    location: Optional[str] = None
    partner: Optional[str] = None
    source: Optional[str] = None  # ablative role
    polarity: Literal["affirmed", "negated"] = "affirmed"
    modality: str = "asserted"
    author: Optional[str] = None
    text: Optional[str] = None
    # the claim's own date, the first day of its period (a week's Monday, a month's 1st, a
    # year's 1 January), and the period; both None where the text gives no date (the
    # document's publication date is the fallback). Given ISO 8601 at its precision
    # (2024, 2024-03, 2024-W11, 2024-03-05), as a date reader's mention writes it.
    date: Optional[str] = None
    date_precision: Optional[Literal["day", "week", "month", "year"]] = None
    evidence: Evidence
    content: Optional[Evidence] = None  # for `say`: where the reported words stand
    construction: Optional[str] = None  # for `say`: quote, according_to or reported_clause
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    # the event in CAMEO (https://parusanalytics.com/eventdata/cameo.dir/): code, GDELT quad class
    # (1 verbal / 2 material cooperation, 3 verbal / 4 material conflict) and Goldstein weight
    cameo: Optional[str] = None
    quad_class: Optional[int] = Field(default=None, ge=1, le=4)
    goldstein: Optional[float] = Field(default=None, ge=-10.0, le=10.0)

    @field_validator("id")
    @classmethod
    def _iri(cls, value: str) -> str:
        return value if value.startswith(CLAIM_PREFIX) else CLAIM_PREFIX + value

    @model_validator(mode="before")
    @classmethod
    def _full_date(cls, data: Any) -> Any:
        """``date="2022-02"`` -> ``date="2022-02-01", date_precision="month"``."""
        value = data.get("date") if isinstance(data, dict) else None
        m = _ISO_PERIOD.match(value) if isinstance(value, str) else None
        if m is None:
            return data
        year, week, month, day = (int(g) if g else None for g in m.groups())
        first = (dt.date.fromisocalendar(year, week, 1) if week else dt.date(year, month or 1, day or 1))
        precision = "week" if week else "day" if day else "month" if month else "year"
        return {**data, "date": first.isoformat(), "date_precision": data.get("date_precision") or precision}

    def role_fillers(self) -> dict[str, str]:
        """Role -> entity id, for the roles this claim fills."""
        return {role: getattr(self, role) for role in ROLES if getattr(self, role)}


class DocumentRecord(Document):
    """One line of ``documents.jsonl``: the document and its layers, as the graph
    and every export read them back (typed, not dicts)."""

    model_config = ConfigDict(extra="ignore", frozen=True)  # other keys are for other readers
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    content_hash: Optional[str] = None


@runtime_checkable
class SentenceParse(Protocol):
    """A backend's parse of a document (tagged, parsed sentences), kept for its own later
    stages; the language defines it, the records name only its shape."""

    sentences: tuple


class AnnotatedDocument(BaseModel):
    """A document and the layers the stages have added to it. Each field is a layer
    named by its constant in :mod:`pipeline.layers`; stages declare which they read
    (``requires``) and fill (``provides``), and the config is checked at load."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    document: Document
    tokens: tuple[Token, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    # the analysis of a backend, for its own later stages (not written out)
    ru_parse: Optional[SentenceParse] = None  # Russian's: pipeline/lang/ru/parse.py RussianParse
    # derived from ``entities`` (entity id -> entity), kept with the layer it was made from
    _entity_index: Optional[tuple[tuple[Entity, ...], dict[str, Entity]]] = PrivateAttr(default=None)

    @property
    def text(self) -> str:
        return self.document.text

    def with_layers(self, **layers: Any) -> "AnnotatedDocument":
        """A copy with some layers replaced (lists become tuples)."""
        unknown = set(layers) - set(type(self).model_fields)
        if unknown:
            raise ValueError(f"no such layer: {', '.join(sorted(unknown))}")
        return self.model_copy(update={k: tuple(v) if isinstance(v, (list, tuple)) else v for k, v in layers.items()})

    def _repr_html_(self) -> str:  # Jupyter shows a result as its entities and claims
        from .notebook import document_html

        return document_html(self)

    def entity(self, entity_id: str) -> Optional[Entity]:
        # an index by id, made once per entity layer: stages ask for every argument of every claim
        kept = self._entity_index
        if kept is None or kept[0] is not self.entities:  # a copy with new entities: index them anew
            index: dict[str, Entity] = {}
            for ent in self.entities:
                index.setdefault(ent.id, ent)
            kept = self._entity_index = (self.entities, index)
        return kept[1].get(entity_id)

    def to_record(self) -> dict:
        """The JSON-able record written to documents.jsonl. Claim ids must be unique
        in a document (they are IRIs); a stage that repeats one fails the document."""
        ids = [c.id for c in self.claims]
        if len(set(ids)) != len(ids):
            repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
            raise ValueError(f"claim ids repeat in document {self.document.id}: {', '.join(repeated)}")
        return {
            "id": self.document.id,
            "source": self.document.source,
            "date": self.document.date.isoformat() if self.document.date else None,
            "language": self.document.language,
            "url": self.document.url,
            "text": self.document.text,
            "sentences": [s.model_dump() for s in self.sentences],
            "mentions": [m.model_dump() for m in self.mentions],
            "entities": [e.model_dump(exclude_none=True) for e in self.entities],
            "claims": [c.model_dump(exclude_none=True) for c in self.claims],
        }
