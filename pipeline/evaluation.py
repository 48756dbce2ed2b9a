"""Scoring claims against gold (``claimgraph evaluate-claims``).

Two gold formats:

- our YAML (``corpora/gold/claims_kk.yaml``): documents (id, date, text) and the
  claims a reader would sign, naming entities by canonical name. A predicted claim
  matches a gold claim when predicate, agent, polarity and all roles (recipient,
  theme, location, source, partner, author) agree; matching is one to one.
- the shared JSON (``{"documents": [{"id", "text"}], "entities": ..., "claims": [...]}``,
  claims with ``evidence``, ``core``/``ext`` flags and ``"A|B"`` name alternatives):
  scored by :mod:`pipeline.evaluation_shared` with the shared reference scorer's rules
  (core recall, claim precision over every predicted claim, persons and countries).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .resources import read_yaml

ROLE_KEYS = ("recipient", "theme", "location", "source", "partner", "author")


class GoldClaim(BaseModel):
    model_config = ConfigDict(extra="forbid")
    predicate: str
    agent: str
    recipient: str | None = None
    theme: str | None = None
    location: str | None = None
    source: str | None = None
    partner: str | None = None
    author: str | None = None
    polarity: str = "affirmed"

    def key(self) -> tuple:
        return (self.predicate, self.agent, self.polarity) + tuple(getattr(self, r) for r in ROLE_KEYS)


class GoldDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    date: dt.date | None = None
    text: str | None = None
    path: str | None = None  # or a file to read the text from (relative to the gold file)
    claims: list[GoldClaim]


class GoldSet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[GoldDocument]


def predicted_keys(result) -> list[tuple]:
    """Claims of an AnnotatedDocument as comparable tuples of names."""
    names = {e.id: e.name for e in result.entities}
    out = []
    for c in result.claims:
        def name(eid):
            return names.get(eid, eid) if eid else None
        theme = name(c.theme) if c.theme else None
        out.append((c.predicate, name(c.agent), c.polarity) + tuple(
            theme if r == "theme" else name(getattr(c, r)) for r in ROLE_KEYS))
    return out


def evaluate_claims(gold_path: Path, nlp) -> dict:
    if gold_path.suffix.lower() == ".json":
        from .evaluation_shared import evaluate_shared

        return evaluate_shared(gold_path, nlp)
    from .io.text_files import read_file

    try:
        gold = GoldSet.model_validate(read_yaml(gold_path))
    except ValidationError as err:
        from .config import _first_error

        raise ValueError(f"{gold_path}: {_first_error(err)}") from None
    tp, fp, fn = Counter(), Counter(), Counter()
    details = []
    for g in gold.documents:
        if g.path:
            doc = read_file((gold_path.parent / g.path).resolve(), g.id)
            if not hasattr(doc, "text"):
                raise ValueError(f"{gold_path}: {g.id}: {doc.reason}")
            result = nlp(doc)
        else:
            result = nlp.process(g.text, date=g.date, doc_id=g.id)
        pred = predicted_keys(result)
        remaining = list(pred)
        for claim in g.claims:
            k = claim.key()
            if k in remaining:
                remaining.remove(k)
                tp[claim.predicate] += 1
            else:
                fn[claim.predicate] += 1
                details.append({"doc": g.id, "missed": _show(k)})
        for k in remaining:
            fp[k[0]] += 1
            details.append({"doc": g.id, "extra": _show(k)})
    preds = sorted(set(tp) | set(fp) | set(fn))

    def prf(t, p, n):
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"p": round(precision, 4), "r": round(recall, 4), "f": round(f, 4), "gold": t + n, "predicted": t + p}

    return {"overall": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
            "per_predicate": {k: prf(tp[k], fp[k], fn[k]) for k in preds}, "errors": details}


def _show(key: tuple) -> str:
    predicate, agent, polarity, *roles = key
    parts = [f"{r}={v}" for r, v in zip(ROLE_KEYS, roles) if v]
    neg = " NOT" if polarity == "negated" else ""
    return f"{predicate}{neg}({agent}; {', '.join(parts)})"
