"""One event per happening: claims with the same event code, parties (after identity, across
languages) and date (within the date's precision) in several documents are one event, with its
mentions (document, offsets). Claims are grouped by key, then each group is swept once in date
order (n log n): a claim joins the running event while its date interval overlaps the event's."""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import unicodedata
from typing import Optional
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict

from ..graph_nodes import GraphClaim, GraphDocument
from ..records import Entity
from .coding import EventCoding, code_claim, coding_table

PRECISIONS = ("year", "month", "week", "day")  # coarse to fine
_BY_PARTS = ("year", "month", "day")  # what an ISO date without a precision gives: 2024, 2024-03, 2024-03-01


class Mention(BaseModel):
    """One claim of an event, in one document."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    claim: GraphClaim
    document: Optional[GraphDocument] = None
    coding: EventCoding
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    date: Optional[dt.date] = None
    precision: Optional[str] = None

    @property
    def source(self) -> str:
        return source_of(self.document, self.claim.document)

    def interval(self) -> tuple[dt.date, dt.date] | None:
        if self.date is None:
            return None
        if self.precision == "year":
            return dt.date(self.date.year, 1, 1), dt.date(self.date.year, 12, 31)
        if self.precision == "month":
            last = calendar.monthrange(self.date.year, self.date.month)[1]
            return self.date.replace(day=1), self.date.replace(day=last)
        if self.precision == "week":  # its Monday to its Sunday
            return self.date, self.date + dt.timedelta(days=6)
        return self.date, self.date


def source_of(doc: GraphDocument | None, document_id: str | None) -> str:
    """A mention's source: the host of its URL where one is known, else its document (a source of its own)."""
    host = urlparse(doc.url).hostname if doc is not None and doc.url else None
    return host.removeprefix("www.") if host else (doc.id if doc is not None else document_id or "")


class Happening(BaseModel):
    """One event: its mentions, the first (earliest, then by document) standing for it."""

    mentions: list[Mention]
    mode: Optional[str] = None  # PLOVER mode, the coding's or one read from the mentions
    recipients: list[str] = []  # PLOVER's recipient list (several at a multilateral meeting)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def event_id(self) -> int:
        """GlobalEventID: a stable 53-bit number from the first mention's claim id."""
        return int(hashlib.blake2b(self.first.claim.id.encode("utf-8"), digest_size=8).hexdigest(), 16) >> 11

    @property
    def date(self) -> tuple[Optional[dt.date], Optional[str]]:
        """The event's date and precision: the most precise of its mentions'."""
        dated = [m for m in self.mentions if m.date is not None]
        if not dated:
            return None, None
        best = max(dated, key=lambda m: PRECISIONS.index(m.precision or "day"))
        return best.date, best.precision or "day"


def claim_date(claim: GraphClaim, doc: GraphDocument | None) -> tuple[Optional[dt.date], Optional[str]]:
    """The claim's date (else its document's publication date) and precision: the claim's
    ``date_precision`` where it has one, else what the ISO string gives (2024, 2024-03, 2024-03-01)."""
    text = claim.date or (doc.date_published if doc is not None else None)
    if not text:
        return None, None
    parts = str(text)[:10].split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
        date = dt.date(numbers[0], *(numbers[1:] + [1, 1])[:2])
    except (ValueError, TypeError, IndexError):
        return None, None
    given = getattr(claim, "date_precision", None) if claim.date else None
    precision = given if given in PRECISIONS else _BY_PARTS[min(len(numbers), 3) - 1]
    return date, precision


def _actors(claim: GraphClaim, coding: EventCoding, entities: dict[str, Entity]) -> tuple[Optional[str], Optional[str]]:
    """Actor 1 the agent; actor 2 the recipient, else the partner, else a country that is an
    event's location (X visited a country: CAMEO 042, GDELT's Actor2)."""
    a2 = claim.recipient or claim.partner
    located = entities.get(claim.location or "")
    if not a2 and coding.cameo and located is not None and located.type == "Country":
        a2 = claim.location
    return claim.agent, a2


def mentions_of(claims: list[GraphClaim], entities: dict[str, Entity], documents: dict[str, GraphDocument],
                all_modes: bool = False) -> list[Mention]:
    """The claims that are events: an actor and a CAMEO code, or two actors; negated,
    hypothetical and intended ones only with ``all_modes``."""
    table = coding_table()
    out = []
    for claim in claims:
        coding = code_claim(claim, table)
        a1, a2 = _actors(claim, coding, entities)
        if not (a1 or a2) or not (coding.cameo or (a1 and a2)) or (coding.aux_mode and not all_modes):
            continue
        doc = documents.get(claim.document or "")
        date, precision = claim_date(claim, doc)
        out.append(Mention(claim=claim, document=doc, coding=coding, actor1=a1, actor2=a2, date=date,
                           precision=precision))
    return out


def quote_key(words: str) -> str:
    """Words folded for comparison: lower case, no punctuation, single spaces."""
    kept = "".join(" " if unicodedata.category(ch).startswith(("P", "S")) else ch for ch in words.casefold())
    return " ".join(kept.split())


def _key(m: Mention) -> tuple:
    parties = (m.actor1 or "", m.actor2 or "")
    if m.coding.symmetric:
        parties = tuple(sorted(parties))
    # a statement (CAMEO root 01) is one happening per thing said, not per speaker and day
    said = quote_key(m.claim.text or "") if m.coding.root == "01" else ""
    return (m.coding.cameo or "", m.claim.predicate if not m.coding.cameo else "", parties, m.claim.polarity,
            m.coding.aux_mode or "", said)


def happenings(mentions: list[Mention], entities: dict[str, Entity]) -> list[Happening]:
    """Group mentions into happenings (see the module's docstring), ordered by date, document, offset."""
    groups: dict[tuple, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(_key(m), []).append(m)
    events: list[list[Mention]] = []
    for group in groups.values():
        undated = [m for m in group if m.date is None]
        if undated:
            events.append(undated)
        dated = sorted((m for m in group if m.date is not None), key=lambda m: (m.interval(), m.claim.document or ""))
        lo = hi = None
        for m in dated:
            start, end = m.interval()
            if hi is not None and start <= hi:
                events[-1].append(m)
                lo, hi = max(lo, start), min(hi, end)
            else:
                events.append([m])
                lo, hi = start, end
    trigger_parties = _trigger_parties(mentions)
    out = []
    for members in events:
        members.sort(key=lambda m: (m.date or dt.date.max, m.claim.document or "", m.claim.evidence.start))
        out.append(_with_mode(Happening(mentions=members), trigger_parties, entities))
    out.sort(key=lambda h: (h.first.date or dt.date.max, h.first.claim.document or "", h.first.claim.evidence.start))
    return out


def _trigger_parties(mentions: list[Mention]) -> dict[tuple, set[str]]:
    """(document, trigger offset, predicate) -> every party of the claims made at that trigger."""
    out: dict[tuple, set[str]] = {}
    for m in mentions:
        key = (m.claim.document, m.claim.evidence.start, m.claim.predicate)
        out.setdefault(key, set()).update(p for p in (m.actor1, m.actor2) if p)
    return out


def _country_of(eid: str | None, entities: dict[str, Entity]) -> Optional[str]:
    entity = entities.get(eid or "")
    if entity is not None and entity.type != "Country":
        entity = entities.get(entity.affiliation or "")
    return entity.identifier if entity is not None and entity.type == "Country" else None


def _with_mode(event: Happening, trigger_parties: dict[tuple, set[str]], entities: dict[str, Entity]) -> Happening:
    """CONSULT's mode read from the mentions: multilateral where one trigger has more than two
    parties, third-party where the meeting is in a country neither party is from."""
    first = event.first
    recipients = {first.actor2} - {None}
    mode = first.coding.mode
    modes = coding_table().consult_modes
    if first.coding.plover == "CONSULT" and mode is None:
        parties = set().union(*(trigger_parties.get((m.claim.document, m.claim.evidence.start, m.claim.predicate),
                                                    set()) for m in event.mentions))
        where = _country_of(first.claim.location, entities)
        sides = {_country_of(p, entities) for p in (first.actor1, first.actor2)}
        if len(parties) > 2:
            mode, recipients = modes.get("multilateral"), parties - {first.actor1}
        elif where and None not in sides and where not in sides:
            mode = modes.get("third_party")
    return event.model_copy(update={"mode": mode, "recipients": sorted(recipients)})
