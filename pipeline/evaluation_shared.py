"""Scoring against the shared claims gold (JSON: documents with their texts).

The rules are those of the shared reference scorer (``score_claims.py`` beside the
gold), applied to the typed records of the claims graph a run builds (persons merged across
documents, each keeping its other forms) instead of a parsed graph.jsonld:

- a predicted claim matches a gold claim when the predicate and polarity agree, the
  gold ``evidence`` lies inside the claim's text or its evidence span (whitespace and
  case folded), the document is the same, every gold agent matches (a joint gold claim
  — a list of agents — also matches one claim per agent) and so do a gold recipient
  and location;
- names match when equal (case-insensitive) or when one is a run of whole words of
  the other, but a one-word gold name never inside a longer prediction; ``"A|B"``
  lists alternatives; a two-letter upper-case name is an ISO country code;
  ``{"group": T, "count": N}`` is a quantified group;
- core recall counts gold claims with ``core``; precision counts every predicted claim
  that matches any gold claim; a gold person is found when any form of a predicted person
  node matches, and person precision counts nodes; countries are sets of codes.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError


class SharedDocument(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    text: str
    date: str | None = None


class SharedClaim(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    doc: str | None = None
    core: bool = False
    ext: bool = False
    predicate: str
    agent: str | dict | list
    recipient: str | dict | None = None
    location: str | dict | None = None
    polarity: str = "affirmed"
    evidence: str


class SharedGold(BaseModel):
    model_config = ConfigDict(extra="ignore")
    documents: list[SharedDocument]
    entities: dict[str, list[str]] = {}
    claims: list[SharedClaim]


def norm(s) -> str:
    return re.sub(r"\s+", " ", str(s)).strip().lower()


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s)


def gold_keys(v) -> list[tuple]:
    if isinstance(v, dict) and "group" in v:
        return [("group", v["count"], v["group"])]
    out = []
    for alt in str(v).split("|"):
        out.append(("country", alt) if re.fullmatch(r"[A-Z]{2}", alt) else ("name", norm(alt)))
    return out


def name_ok(k: tuple, got: list[tuple]) -> bool:
    if k in got:
        return True
    if k[0] != "name":
        return False
    gw = _words(k[1])
    for g in got:
        if g[0] != "name":
            continue
        pw = _words(g[1])
        if len(gw) <= len(pw) and len(gw) < 2:
            continue  # a one-word gold name inside a longer prediction may be another entity
        short, long_ = (gw, pw) if len(gw) <= len(pw) else (pw, gw)
        if short and max(map(len, short)) >= 3 and any(
                long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
            return True
    return False


def entity_keys(entity) -> list[tuple]:
    """What a gold name is compared with: a country's ISO code, a group's count and type, else the
    entity's name and each alternate name (a person merged across documents keeps each form)."""
    if entity is None:
        return [("none",)]
    if entity.type == "Group":
        return [("group", entity.count, entity.member_type)]
    if entity.type == "Country" and entity.identifier:
        return [("country", entity.identifier.upper())]
    return [("name", norm(n)) for n in (entity.name, *entity.alternate_names) if n]


def predicted(graph) -> list[dict]:
    """A graph's claims as the reference scorer sees them."""
    entities = graph.entity_records()
    out = []
    for c in graph.claim_records():
        p = {"doc": c.document or "", "predicate": c.predicate, "polarity": c.polarity, "claim": c}
        for role in ("agent", "recipient", "location"):
            eid = getattr(c, role)
            p[role] = entity_keys(entities.get(eid)) if eid else []
        ev = [c.text or "", c.evidence.exact, str(c.evidence.start), str(c.evidence.end)]
        p["evidence"] = norm(" ".join(ev))
        out.append(p)
    return out


def _agent_ok(a, pc) -> bool:
    ks = gold_keys(a)
    if ks[0][0] == "group":
        return any(x[0] == "group" and x[1] == ks[0][1] for x in pc["agent"])
    return any(name_ok(k, pc["agent"]) for k in ks)


def matches(gc: SharedClaim, pc: dict, agents=None) -> bool:
    if gc.predicate != pc["predicate"] or norm(gc.polarity) != norm(pc["polarity"]):
        return False
    if norm(gc.evidence) not in pc["evidence"]:
        return False
    if gc.doc and not (pc["doc"] == gc.doc or pc["doc"].endswith(gc.doc) or gc.doc in pc["doc"]):
        return False
    if agents is None:
        agents = gc.agent if isinstance(gc.agent, list) else [gc.agent]
    if not all(_agent_ok(a, pc) for a in agents):
        return False
    for role in ("recipient", "location"):
        value = getattr(gc, role)
        if value is not None and not any(name_ok(k, pc[role]) for k in gold_keys(value)):
            return False
    return True


def hits(gc: SharedClaim, preds: list[dict]) -> list[dict]:
    whole = [pc for pc in preds if matches(gc, pc)]
    if whole or not isinstance(gc.agent, list):
        return whole
    per = [[pc for pc in preds if matches(gc, pc, [a])] for a in gc.agent]
    return [pc for ps in per for pc in ps] if all(per) else []


def load_shared(path: Path) -> SharedGold:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: cannot read gold JSON ({err})") from None
    try:
        return SharedGold.model_validate(raw)
    except ValidationError as err:
        e = err.errors()[0]
        raise ValueError(f"{path}: {'.'.join(map(str, e['loc']))}: {e['msg']}") from None


def score(gold: SharedGold, docs) -> dict:
    """Figures for processed documents (AnnotatedDocuments) against ``gold``, read from their
    claims graph as ``claimgraph run`` builds it (persons merged across documents), as the
    reference scorer reads a run's graph.jsonld."""
    from .graph import build_graph

    graph = build_graph(docs)
    preds = predicted(graph)
    entities = graph.entity_records().values()
    person_nodes = [[key[1] for key in entity_keys(e)] for e in entities if e.type == "Person"]
    person_forms = {n for names in person_nodes for n in names}
    countries = {e.identifier.upper() for e in entities if e.type == "Country" and e.identifier}
    gold_persons = [{norm(a) for a in x.split("|")} for x in gold.entities.get("Person", [])]
    gold_countries = set(gold.entities.get("Country", []))
    core = core_hit = ext = ext_hit = 0
    matched: set[int] = set()
    errors = []
    for gc in gold.claims:
        got = hits(gc, preds)
        matched.update(id(p) for p in got)
        core, core_hit = core + gc.core, core_hit + (gc.core and bool(got))
        ext, ext_hit = ext + gc.ext, ext_hit + (gc.ext and bool(got))
        if not got and (gc.core or gc.ext):
            errors.append({"doc": gc.doc or "", "missed": f"{gc.id} {gc.predicate}({gc.agent}) «{gc.evidence}»"})
    for p in preds:
        if id(p) not in matched:
            c = p["claim"]
            errors.append({"doc": p["doc"], "extra": f"{c.predicate} {c.polarity} {p['agent']} «{(c.text or '')[:80]}»"})
    all_gold_persons = set().union(*gold_persons) if gold_persons else set()
    named = [names for names in person_nodes if names]
    pred_hit = sum(1 for p in preds if id(p) in matched)
    summary = {
        "claims_core_recall": round(core_hit / core, 3) if core else 0.0,
        "claims_precision": round(pred_hit / len(preds), 3) if preds else 0.0,
        "claims_predicted": len(preds),
        "claims_ext_recall": round(ext_hit / ext, 3) if ext else None,
        "person_recall": round(sum(1 for alts in gold_persons if alts & person_forms) / max(1, len(gold_persons)), 3),
        # counted over person nodes, not forms, as the reference does
        "person_precision": round(sum(1 for names in named if set(names) & all_gold_persons) / len(named), 3)
        if named else 0.0,
        "country_recall": round(len(gold_countries & countries) / max(1, len(gold_countries)), 3),
        "country_precision": round(len(countries & gold_countries) / len(countries), 3) if countries else 0.0,
    }
    return {"summary": summary, "errors": errors, "core": core, "predicted": len(preds)}


def evaluate_shared(gold_path: Path, nlp) -> dict:
    """Run ``nlp`` on the gold's documents and score them (the dict the CLI prints)."""
    gold = load_shared(gold_path)
    docs = [nlp.process(d.text, date=d.date, doc_id=d.id) for d in gold.documents]
    out = score(gold, docs)
    s = out["summary"]
    p, r = s["claims_precision"], s["claims_core_recall"]
    f = round(2 * p * r / (p + r), 4) if p + r else 0.0
    overall = {"p": p, "r": r, "f": f, "gold": out["core"], "predicted": out["predicted"]}
    return {"overall": overall, "per_predicate": {}, "summary": s, "errors": out["errors"]}
