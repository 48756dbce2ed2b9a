"""One quotation per quote and speaker (as Quotebank has it): the same words said by the same
speaker (after identity), seen in many documents, are one quotation with its occurrences. The
words are compared folded: case, punctuation and spacing aside. Linear: one index by key."""
from __future__ import annotations

import hashlib

from ..graph import ClaimsGraph
from .actors import actor_code
from .happenings import claim_date, quote_key, source_of


def quotation_records(graph: ClaimsGraph, speech_predicate: str = "say") -> list[dict]:
    """Quotebank-style records: quotation, speaker, first date, occurrence counts and the
    occurrences (document, claim, offsets, URL), most occurrences first."""
    entities, documents = graph.entity_records(), graph.document_records()
    groups: dict[tuple[str, str], list] = {}
    for claim in graph.claim_records(predicate=speech_predicate):
        if claim.agent and claim.text and quote_key(claim.text):
            groups.setdefault((claim.agent, quote_key(claim.text)), []).append(claim)
    out = []
    for (speaker, key), claims in groups.items():
        occurrences = []
        for c in claims:
            doc = documents.get(c.document or "")
            date, _ = claim_date(c, doc)
            occurrences.append((date, c, doc))
        occurrences.sort(key=lambda o: (o[0] is None, o[0] or "", o[1].document or "", o[1].evidence.start))
        entity = entities.get(speaker)
        code = actor_code(entity, entities)
        sources = {source_of(doc, c.document) for _, c, doc in occurrences}
        first_date = next((d for d, _, _ in occurrences if d is not None), None)
        out.append({
            "quote_id": hashlib.blake2b(f"{speaker}|{key}".encode("utf-8"), digest_size=8).hexdigest(),
            "quotation": occurrences[0][1].text, "speaker": {"id": speaker, "name": entity.name if entity else None,
                                                             "code": code.code},
            "date_first": first_date.isoformat() if first_date else None, "num_occurrences": len(occurrences),
            "num_articles": len({c.document for _, c, _ in occurrences}), "num_sources": len(sources),
            "occurrences": [{"document": c.document, "claim": c.id, "start": c.evidence.start, "end": c.evidence.end,
                             "url": doc.url if doc else None, "date": d.isoformat() if d else None}
                            for d, c, doc in occurrences],
        })
    out.sort(key=lambda r: (-r["num_occurrences"], r["date_first"] or "", r["quote_id"]))
    return out
