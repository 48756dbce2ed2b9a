"""The event-data tables of a claims graph: the events table in GDELT 2.0 Event column names
(one row per happening) with PLOVER and provenance columns, the mentions table beside it (as
GDELT's Mentions table), POLECAT-style JSON Lines, and the coded fields of the flat claims table."""
from __future__ import annotations

import json
from typing import Optional

from ..graph import ClaimsGraph
from ..records import Entity
from .actors import ActorCode, actor_code
from .coding import code_claim
from .happenings import Happening, Mention, happenings, mentions_of

EVENT_COLUMNS = (
    "GlobalEventID", "SQLDATE", "MonthYear", "Year", "FractionDate", "DatePrecision",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "SOURCEURL",
    # PLOVER, then provenance: graph ids, the claim and document standing for the event
    "PloverEventType", "PloverMode", "PloverAuxMode", "Predicate", "Polarity", "Modality",
    "Actor1ID", "Actor2ID", "ActionGeoID", "ClaimID", "DocumentID", "Language",
    "EvidenceStart", "EvidenceEnd", "Evidence", "Confidence",
)
MENTION_COLUMNS = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "ActionCharOffset", "InRawText", "Confidence",
    "ClaimID", "DocumentID", "Language", "EvidenceStart", "EvidenceEnd", "Evidence",
)
STRING_COLUMNS = ("EventCode", "EventBaseCode", "EventRootCode")  # "040" stays "040"
# GDELT's ActionGeo_Type: 1 country, 4 world city, 5 world state (ADM1); a place counts as a city
GEO_TYPES = {"Country": 1, "City": 4, "Place": 4, "AdministrativeArea": 5}


def _actor(prefix: str, eid: Optional[str], entities: dict[str, Entity]) -> dict:
    entity = entities.get(eid or "")
    code = actor_code(entity, entities) if entity is not None else ActorCode()
    return {f"{prefix}Code": code.code, f"{prefix}Name": entity.name or None if entity else None,
            f"{prefix}CountryCode": code.country, f"{prefix}Type1Code": code.sector}


def _geo(eid: Optional[str], entities: dict[str, Entity]) -> dict:
    """ActionGeo_* from what the graph has of the place: its name and type, and coordinates and a
    GeoNames id where the place's node carries them."""
    place = entities.get(eid or "")
    if place is None or place.type not in GEO_TYPES:
        return {"ActionGeo_Type": None, "ActionGeo_FullName": None, "ActionGeo_Lat": None, "ActionGeo_Long": None,
                "ActionGeo_FeatureID": None, "ActionGeoID": None}
    extra = place.model_extra or {}
    def attr(name):  # the places stage may add these fields to the entity record
        return getattr(place, name, None) if name in type(place).model_fields else extra.get(name)
    return {"ActionGeo_Type": GEO_TYPES[place.type], "ActionGeo_FullName": place.name,
            "ActionGeo_Lat": attr("latitude"), "ActionGeo_Long": attr("longitude"),
            "ActionGeo_FeatureID": attr("geonames_id"), "ActionGeoID": place.id}


def _date_fields(event: Happening) -> dict:
    date, precision = event.date
    if date is None:
        return {"SQLDATE": None, "MonthYear": None, "Year": None, "FractionDate": None, "DatePrecision": None}
    fraction = round(date.year + (date.timetuple().tm_yday - 1) / 365, 4)
    return {"SQLDATE": date, "MonthYear": date.year * 100 + date.month, "Year": date.year, "FractionDate": fraction,
            "DatePrecision": precision}


def _document_fields(m: Mention) -> dict:
    doc, ev = m.document, m.claim.evidence
    return {"ClaimID": m.claim.id, "DocumentID": m.claim.document, "Language": doc.language if doc else None,
            "EvidenceStart": ev.start, "EvidenceEnd": ev.end, "Evidence": ev.exact}


def _place(event: Happening, entities: dict[str, Entity]) -> Optional[str]:
    """The event's place: the first of its mentions' locations that is a place (a mention in one
    language may name it where another does not)."""
    return next((x.claim.location for x in event.mentions
                 if x.claim.location in entities and entities[x.claim.location].type in GEO_TYPES), None)


def graph_happenings(graph: ClaimsGraph, all_modes: bool = False) -> tuple[list[Happening], dict[str, Entity]]:
    entities = graph.entity_records()
    found = mentions_of(graph.claim_records(), entities, graph.document_records(), all_modes=all_modes)
    return happenings(found, entities), entities


def event_table(graph: ClaimsGraph, all_modes: bool = False) -> tuple[list[dict], list[dict]]:
    """(events rows, mentions rows): one event per happening, one mention per claim of it."""
    events, entities = graph_happenings(graph, all_modes)
    rows, mention_rows = [], []
    for event in events:
        m, c = event.first, event.first.coding
        doc = m.document
        rows.append({
            "GlobalEventID": event.event_id, **_date_fields(event),
            **_actor("Actor1", m.actor1, entities), **_actor("Actor2", m.actor2, entities),
            "EventCode": c.cameo, "EventBaseCode": c.base, "EventRootCode": c.root, "QuadClass": c.quad_class,
            "GoldsteinScale": c.goldstein, "NumMentions": len(event.mentions),
            "NumArticles": len({x.claim.document for x in event.mentions}),
            "NumSources": len({x.source for x in event.mentions}), **_geo(_place(event, entities), entities),
            "SOURCEURL": doc.url if doc else None, "PloverEventType": c.plover, "PloverMode": event.mode,
            "PloverAuxMode": c.aux_mode, "Predicate": m.claim.predicate, "Polarity": m.claim.polarity,
            "Modality": m.claim.modality, "Actor1ID": m.actor1, "Actor2ID": m.actor2, **_document_fields(m),
            "Confidence": m.claim.confidence,
        })
        for x in event.mentions:
            xdoc = x.document
            mention_rows.append({
                "GlobalEventID": event.event_id, "EventTimeDate": rows[-1]["SQLDATE"],
                "MentionTimeDate": xdoc.date_published if xdoc else None, "MentionType": 1 if xdoc and xdoc.url else None,
                "MentionSourceName": x.source, "MentionIdentifier": (xdoc.url if xdoc else None) or x.claim.document,
                "ActionCharOffset": x.claim.evidence.start, "InRawText": 1, "Confidence": round(x.claim.confidence * 100),
                **_document_fields(x)})
    return rows, mention_rows


def polecat_records(graph: ClaimsGraph, all_modes: bool = False) -> list[dict]:
    """POLECAT-style records: one per happening that has a PLOVER type (statements have none);
    actors and recipients as lists, as PLOVER gives them."""
    events, entities = graph_happenings(graph, all_modes)

    def actor(eid: str) -> dict:
        entity = entities.get(eid)
        code = actor_code(entity, entities)
        return {"id": eid, "name": entity.name if entity else None, "code": code.code, "country": code.country,
                "sector": code.sector}

    out = []
    for event in events:
        m, c = event.first, event.first.coding
        if not c.plover:
            continue
        date, precision = event.date
        place = _geo(_place(event, entities), entities)
        out.append({
            "event_id": str(event.event_id), "event_date": date.isoformat() if date else None,
            "date_precision": precision, "event_type": c.plover, "event_mode": event.mode, "aux_mode": c.aux_mode,
            "event_intensity": c.goldstein, "quad_code": c.quad_class, "cameo": c.cameo,
            "actor": [actor(m.actor1)] if m.actor1 else [], "recipient": [actor(r) for r in event.recipients],
            "location": {"id": place["ActionGeoID"], "name": place["ActionGeo_FullName"], "lat": place["ActionGeo_Lat"],
                         "lon": place["ActionGeo_Long"], "geonames_id": place["ActionGeo_FeatureID"]}
            if place["ActionGeoID"] else None,
            "num_mentions": len(event.mentions), "num_articles": len({x.claim.document for x in event.mentions}),
            "num_sources": len({x.source for x in event.mentions}),
            "mentions": [{"document": x.claim.document, "claim": x.claim.id, "start": x.claim.evidence.start,
                          "end": x.claim.evidence.end, "text": x.claim.evidence.exact,
                          "url": x.document.url if x.document else None} for x in event.mentions],
        })
    return out


def coded_claim_rows(graph: ClaimsGraph) -> list[dict]:
    """The flat claims table with every coded field: CAMEO codes, PLOVER type, modes and actor codes."""
    entities = graph.entity_records()
    claims = {c.id: c for c in graph.claim_records()}
    rows = graph.claim_rows()
    for row in rows:
        claim = claims[row["claim"]]
        c = code_claim(claim)
        row.update(EventCode=c.cameo, EventBaseCode=c.base, EventRootCode=c.root, QuadClass=c.quad_class,
                   GoldsteinScale=c.goldstein, PloverEventType=c.plover, PloverMode=c.mode, PloverAuxMode=c.aux_mode)
        for prefix, eid in (("Actor1", claim.agent), ("Actor2", claim.recipient or claim.partner)):
            code = actor_code(entities.get(eid or ""), entities) if eid else ActorCode()
            row.update({f"{prefix}Code": code.code, f"{prefix}CountryCode": code.country,
                        f"{prefix}Type1Code": code.sector})
    return rows


def write_table(rows: list[dict], columns: tuple[str, ...], out, parquet: bool = False) -> int:
    """Write rows as CSV or Parquet (codes as strings, SQLDATE as a date); the number of rows."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    for name in columns:
        if name in STRING_COLUMNS:
            frame[name] = frame[name].astype("string")
        elif name in ("SQLDATE", "EventTimeDate"):
            frame[name] = pd.to_datetime(frame[name]).dt.date
        elif name in ("QuadClass", "NumMentions", "NumSources", "NumArticles", "MonthYear", "Year", "ActionGeo_Type",
                      "MentionType", "EvidenceStart", "EvidenceEnd", "ActionCharOffset", "GlobalEventID",
                      "ActionGeo_FeatureID"):
            frame[name] = frame[name].astype("Int64")
        elif name in ("GoldsteinScale", "FractionDate", "ActionGeo_Lat", "ActionGeo_Long"):
            frame[name] = frame[name].astype("Float64")
    if parquet:
        frame.to_parquet(out, index=False)
    else:
        frame.to_csv(out, index=False)
    return len(frame)


def write_jsonl(records: list[dict], out) -> int:
    with open(out, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)
