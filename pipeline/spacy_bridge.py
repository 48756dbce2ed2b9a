"""A claimgraph stage inside a spaCy pipeline: the component, and what it mirrors onto the Doc.

The stage runs as it does in :class:`~pipeline.core.Pipeline`, on the typed layers of an
:class:`~pipeline.records.AnnotatedDocument` kept on the Doc (``doc._.claimgraph``); no stage
logic lives here. After each stage the component mirrors what a spaCy user reads:

- sentences -> ``token.is_sent_start`` (``doc.sents``), morphology -> ``token.lemma_``,
  ``token.pos_``, ``token.morph`` (where our token and spaCy's are the same characters);
- linked mentions -> ``doc.ents`` (``label_`` the graph's entity type, ``kb_id_`` its id);
- claims -> ``doc._.claims`` (the records) and ``doc.spans["claims"]`` (their evidence, in the
  same order; a span's ``label_`` is "predicate · agent → target", its ``id_`` the claim's id).

A text may begin with a ``date YYYY-MM-DD`` line, read as ``claimgraph run`` reads a file's: the
document's date, not text. Offsets of the records count from the line after it
(``document.text_offset``); the Doc's spans are shifted back onto the whole text.

The layers travel with the Doc (``Doc.to_bytes``, ``nlp.pipe(n_process=...)``) through srsly's
msgpack encoder registered below (the Russian parse, a backend's own object, stays behind).
"""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import numpy
import srsly
from pydantic import ValidationError
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch, registry

from . import layers as L
from .config import _first_error
from .core import content_id
from .io.text_files import read_date_line
from .records import AnnotatedDocument, Claim, Document
from .resources import CONFIGS_DIR
from .stage import LoadContext, Stage, get_stage_class

CLAIMS_KEY = "claims"  # doc.spans[CLAIMS_KEY]
_STATE = "__claimgraph__"  # the msgpack key of a Doc's layers

# what a spaCy user reads of each layer (for spaCy's requires / assigns and nlp.analyze_pipes)
_MENTION_ATTRS = ("doc.ents",)
LAYER_ATTRS: dict[str, tuple[str, ...]] = {
    L.DOCUMENT: (),
    L.TOKENS: ("doc._.claimgraph",),
    L.RU_PARSE: ("doc._.claimgraph",),
    L.SENTENCES: ("token.is_sent_start",),
    L.MORPHOLOGY: ("token.lemma", "token.pos", "token.morph"),
    **{layer: _MENTION_ATTRS for layer in (L.MENTIONS, L.ENTITIES, L.COUNTRY_MENTIONS, L.ORG_MENTIONS,
                                           L.NER_MENTIONS, L.GROUP_MENTIONS, L.LINKED_MENTIONS,
                                           L.JOB_TITLES, L.PLACE_COORDINATES)},
    **{layer: ("doc._.claims", "doc.spans") for layer in (L.CLAIMS, L.ROLE_CLAIMS, L.SPEECH_CLAIMS,
                                                        L.RELATION_CLAIMS)},
}
assert set(LAYER_ATTRS) == set(L.FIELDS) | set(L.CAPABILITIES), "a layer without its spaCy attributes"
_SENTENCE_LAYERS = {L.SENTENCES}
_MORPHOLOGY_LAYERS = {L.MORPHOLOGY}
_ENTITY_LAYERS = {layer for layer, attrs in LAYER_ATTRS.items() if attrs == _MENTION_ATTRS}
_CLAIM_LAYERS = {layer for layer, attrs in LAYER_ATTRS.items() if "doc._.claims" in attrs}

# displaCy's colour of each entity type (its ent style looks labels up in upper case)
ENTITY_COLORS = {"PERSON": "#aa9cfc", "COUNTRY": "#feca74", "ORGANIZATION": "#7aecec", "PLACE": "#9cc9cc",
                 "CITY": "#9cc9cc", "ADMINISTRATIVEAREA": "#bfe1d9", "GROUP": "#e4e7d2", "EVENT": "#ffeb80"}


def spacy_attrs(layers: Iterable[str]) -> list[str]:
    """The spaCy attributes of some layers (one list, no repeats)."""
    return list(dict.fromkeys(a for layer in layers for a in LAYER_ATTRS[layer]))


def state(doc: Doc) -> AnnotatedDocument | None:
    """The claimgraph layers of a Doc (None before the first claimgraph component)."""
    return doc._.claimgraph


def _claims(doc: Doc) -> tuple[Claim, ...]:
    annotated = doc._.claimgraph
    return annotated.claims if annotated is not None else ()


def _entities(doc: Doc) -> tuple:
    annotated = doc._.claimgraph
    return annotated.entities if annotated is not None else ()


def register_extensions() -> None:
    """``doc._.claimgraph`` (the AnnotatedDocument), ``doc._.claims`` and ``doc._.entities``
    (its records); idempotent, and never replaces another library's attribute."""
    if not Doc.has_extension("claimgraph"):
        Doc.set_extension("claimgraph", default=None)
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", getter=_claims)
    if not Doc.has_extension("entities"):
        Doc.set_extension("entities", getter=_entities)


def document_of(doc: Doc, language: str | None) -> Document:
    """The Document a Doc's text is: an optional first line ``date YYYY-MM-DD`` is its date
    (a bad date is a ValueError naming it), the text starts after it; the id is the hash."""
    date, offset = read_date_line(doc.text)
    return Document(id=content_id(doc.text), source="<spacy>", text=doc.text[offset:], date=date,
                    language=language, text_offset=offset)


def _config_path(config_file: Optional[str]) -> Optional[Path]:
    if config_file is None:
        return None  # a config given as a dict: paths are relative to the working folder
    path = Path(config_file).expanduser()
    return path if path.is_absolute() else CONFIGS_DIR / path


def build_stage(name: str, stage: str, settings: dict, config_file: Optional[str], language: str) -> Stage:
    """A stage from a component's config: its settings checked as a YAML config's are (a
    problem is one ValueError line naming the component and key)."""
    cls = get_stage_class(stage)
    try:
        parsed = cls.Settings.model_validate(dict(settings))
    except ValidationError as err:
        raise ValueError(f"{name}: {_first_error(err, 'settings')}") from None
    try:
        return cls(parsed, LoadContext(language=language, config_path=_config_path(config_file)))
    except (OSError, ValueError) as err:
        raise ValueError(f"{name}: {err}") from None


def make_doc(nlp, text: str, doc_id: str | None = None, date=None, source: str = "<spacy>",
             url: str | None = None) -> Doc:
    """A Doc that carries its document's own id, date, source and url, as ``claimgraph run``
    gives a file's (so that its claims and graph nodes get ``doc:<id>``, not the text's hash):
    ``nlp(make_doc(nlp, text, doc_id="2024-05-02-astana"))``, or many through ``nlp.pipe``.
    ``date`` (a date or ISO string) wins over a first ``date`` line."""
    import datetime as dt

    doc = nlp.make_doc(text)
    document = document_of(doc, language=None)
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    given = {"id": doc_id, "source": source, "url": url, "date": date}
    doc._.claimgraph = AnnotatedDocument(document=document.model_copy(
        update={key: value for key, value in given.items() if value is not None}))
    return doc


class ClaimgraphComponent:
    """One claimgraph stage as a spaCy component (``nlp.add_pipe("claimgraph_<stage>")``)."""

    def __init__(self, name: str, stage: str, settings: dict, config_file: Optional[str], language: str,
                 order_problems: Optional[Callable[[], list[str]]] = None):
        self.name = name
        self.language = language
        self.stage = build_stage(name, stage, settings, config_file, language)
        self._recipe = (name, stage, dict(settings), config_file, language)
        # checks the claimgraph components of the pipeline this one runs in, once, on its first
        # Doc (spaCy may place a component anywhere: add_pipe(before=...), select_pipes)
        self._order_problems = order_problems

    def __reduce__(self):
        # a process started by spawn (macOS, Windows) builds the stage anew from its config: a
        # stage's caches and models need not pickle
        return (type(self), self._recipe)

    def __call__(self, doc: Doc) -> Doc:
        return self._mirror(doc, self.stage(self._state(doc)))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            for doc, annotated in zip(batch, self.stage.pipe([self._state(d) for d in batch])):
                yield self._mirror(doc, annotated)

    def _state(self, doc: Doc) -> AnnotatedDocument:
        if self._order_problems is not None:
            problems, self._order_problems = self._order_problems(), None
            if problems:
                raise ValueError(f"claimgraph components out of order: {'; '.join(problems)}")
        annotated = doc._.claimgraph
        if annotated is None:
            annotated = AnnotatedDocument(document=document_of(doc, self.language))
        elif annotated.document.language is None:  # a Doc of make_doc: the pipeline's language
            annotated = annotated.model_copy(update={"document": annotated.document.model_copy(
                update={"language": self.language})})
        return annotated

    def _mirror(self, doc: Doc, annotated: AnnotatedDocument) -> Doc:
        doc._.claimgraph = annotated
        provides = set(self.stage.provides)
        shift = annotated.document.text_offset or 0
        if provides & _MORPHOLOGY_LAYERS:
            _mirror_morphology(doc, annotated, shift)
        sentences = provides & _SENTENCE_LAYERS and not doc.has_annotation("DEP")  # a parse owns doc.sents
        entities = provides & _ENTITY_LAYERS
        claims = provides & _CLAIM_LAYERS or CLAIMS_KEY not in doc.spans
        if not (sentences or entities or claims):
            return doc
        starts = [t.idx for t in doc]  # token starts, to place spans (only when some are placed)
        if sentences:
            _mirror_sentences(doc, annotated, starts, shift)
        if entities:
            doc.ents = _entity_spans(doc, annotated, starts, shift)
        if claims:
            doc.spans[CLAIMS_KEY] = _claim_spans(doc, annotated, starts, shift)
        return doc


def _tokens_of(doc: Doc, starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The tokens that hold characters start..end (at least one token)."""
    first = max(bisect_right(starts, start) - 1, 0)
    last = max(bisect_right(starts, max(end - 1, start)), first + 1)
    return first, min(last, len(doc))


def _mirror_sentences(doc: Doc, annotated: AnnotatedDocument, starts: list[int], shift: int) -> None:
    # one array for the whole Doc: setting token.is_sent_start checks the Doc's parse each time
    # (quadratic on a long text)
    flags = numpy.full((len(doc), 1), -1, dtype="int64")
    for s in annotated.sentences:
        flags[_tokens_of(doc, starts, s.start + shift, s.end + shift)[0], 0] = 1
    if len(doc):
        flags[0, 0] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))  # spaCy's arrays: -1 as uint64


def _mirror_morphology(doc: Doc, annotated: AnnotatedDocument, shift: int) -> None:
    ours = {t.start + shift: t for t in annotated.tokens if t.lemma or t.pos or t.morph}
    for token in doc:
        mine = ours.get(token.idx)
        if mine is None or mine.end + shift != token.idx + len(token):
            continue  # another tokenizer cut here: its token keeps its own attributes
        if mine.lemma:
            token.lemma_ = mine.lemma
        if mine.pos:
            try:
                token.pos_ = mine.pos
            except (KeyError, ValueError):  # not a UD part of speech spaCy knows
                pass
        if mine.morph:
            token.set_morph(mine.morph)


def _entity_spans(doc: Doc, annotated: AnnotatedDocument, starts: list[int], shift: int) -> list[Span]:
    spans = []
    for mention in annotated.mentions:
        entity = annotated.entity(mention.entity_id) if mention.entity_id else None
        if entity is None:
            continue  # not linked (yet): no graph entity to point at
        first, last = _tokens_of(doc, starts, mention.start + shift, mention.end + shift)
        spans.append(Span(doc, first, last, label=entity.type, kb_id=entity.id))
    return filter_spans(spans)  # doc.ents cannot overlap: the longest span wins


def claim_label(claim: Claim, annotated: AnnotatedDocument) -> str:
    """``say · Марат Жақыпов``, ``thank · Жақыпов → Түркия``: the predicate, who, and to whom."""
    def name(entity_id):
        entity = annotated.entity(entity_id) if entity_id else None
        return entity.name if entity else entity_id

    negated = "not " if claim.polarity == "negated" else ""
    label = f"{negated}{claim.predicate} · {name(claim.agent) or '?'}"
    target = claim.recipient or claim.theme or claim.location or claim.partner
    return f"{label} → {name(target)}" if target else label


def _claim_spans(doc: Doc, annotated: AnnotatedDocument, starts: list[int], shift: int) -> list[Span]:
    spans = []
    for claim in annotated.claims:
        first, last = _tokens_of(doc, starts, claim.evidence.start + shift, claim.evidence.end + shift)
        spans.append(Span(doc, first, last, label=claim_label(claim, annotated), span_id=claim.id))
    return spans


# -- the layers in Doc.to_bytes (srsly's msgpack): typed on both sides -------------------------
def _encode(obj, chain=None):
    if isinstance(obj, AnnotatedDocument):
        return {_STATE: obj.model_dump(mode="json", exclude={"ru_parse"})}
    return obj if chain is None else chain(obj)


def _decode(obj, chain=None):
    if isinstance(obj, dict) and _STATE in obj:
        return AnnotatedDocument.model_validate(obj[_STATE])
    return obj if chain is None else chain(obj)


def register() -> None:
    """Extensions, the msgpack codec and displaCy's colours (idempotent)."""
    register_extensions()
    if "claimgraph" not in srsly.msgpack_encoders.get_all():
        srsly.msgpack_encoders.register("claimgraph", func=_encode)
        srsly.msgpack_decoders.register("claimgraph", func=_decode)
    if "claimgraph" not in registry.displacy_colors.get_all():
        registry.displacy_colors.register("claimgraph", func=lambda: ENTITY_COLORS)


register()
