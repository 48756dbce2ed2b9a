"""One identity per person across a run: a partial name (a surname alone,
initials and a surname, a name without its patronymic) merges into the one
full-name person of the run it can only mean; where two full names share it,
nothing merges and the case is listed.

Works on JSON-LD entity nodes (``@id``, ``@type``, ``name``, ``alternateName``), so
the run writer, the library's :class:`~pipeline.graph.ClaimsGraph` and any
reader of ``graph.jsonld`` share one rule. Names are compared through their ids'
spelling-independent key (:func:`pipeline.ids.name_key`), so ``Тоқаев`` and
``Токаев`` are one surname.

>>> persons = [{"@id": "person:dmitrii-peskov", "@type": "Person", "name": "Дмитрий Песков"},
...            {"@id": "person:peskov", "@type": "Person", "name": "Песков"},
...            {"@id": "person:d-peskov", "@type": "Person", "name": "Д. Песков"}]
>>> plan = plan_person_merges(persons)
>>> dict(sorted(plan.redirect.items()))
{'person:d-peskov': 'person:dmitrii-peskov', 'person:peskov': 'person:dmitrii-peskov'}
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from .ids import name_key

_INITIAL = re.compile(r"^[^\W\d_]{1,2}\.$")  # "Г.", "Ж." (a one- or two-letter initial with a period)


@dataclass
class MergePlan:
    redirect: dict[str, str] = field(default_factory=dict)  # partial person id -> full person id
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # partial id -> the full ids it could mean

    def target(self, entity_id: str) -> str:
        return self.redirect.get(entity_id, entity_id)

    def summary(self) -> dict:
        return {"merged": dict(sorted(self.redirect.items())),
                "ambiguous": {k: sorted(v) for k, v in sorted(self.ambiguous.items())}}


def _split_name(name: str) -> tuple[list[str], list[str]]:
    """(initials, other words) of a person's name: "Г. Марченко" -> (["г"], ["марченко"])."""
    words = name.replace(".", ". ").split()
    initials = [name_key(w.rstrip("."))[:1] for w in words if _INITIAL.match(w)]
    others = [name_key(w) for w in words if not _INITIAL.match(w)]
    return initials, [w for w in others if w]


def plan_person_merges(entities: Iterable[dict]) -> MergePlan:
    """Which partial person names of a run mean exactly one full-name person."""
    persons = [e for e in entities if e.get("@type") == "Person" and e.get("name")]
    by_surname: dict[str, list[tuple[list[str], str]]] = {}  # surname key -> [(given-name keys, id)]
    by_ends: dict[tuple[str, str], set[str]] = {}  # (first, last) key of a name of 3+ words -> ids
    partial, two_words = [], []
    for e in persons:
        initials, words = _split_name(e["name"])
        if not words:
            continue
        if initials or len(words) == 1:
            partial.append((e["@id"], initials, words))
            continue
        by_surname.setdefault(words[-1], []).append((words[:-1], e["@id"]))
        if len(words) == 2:
            two_words.append((e["@id"], words))
        else:
            by_ends.setdefault((words[0], words[-1]), set()).add(e["@id"])
    plan = MergePlan()
    # a name without its middle (patronymic) word is the one longer name of the run with the
    # same first and last word: "Асқар Оспанов" is "Асқар Ерланұлы Оспанов"
    for pid, words in two_words:
        owners = sorted(by_ends.get((words[0], words[1]), set()) - {pid})
        if len(owners) == 1:
            plan.redirect[pid] = owners[0]
        elif len(owners) > 1:
            plan.ambiguous[pid] = owners
    for pid, initials, words in partial:
        if len(words) != 1:
            continue  # "Г. Марченко Иванов": not a plain partial name
        owners = by_surname.get(words[0], [])
        if initials:
            owners = [(given, fid) for given, fid in owners
                      if len(given) >= len(initials) and all(g[:1] == i for g, i in zip(given, initials))]
        owners = sorted({plan.redirect.get(fid, fid) for _, fid in owners} - {pid})
        if len(owners) == 1:
            plan.redirect[pid] = owners[0]
        elif len(owners) > 1:
            plan.ambiguous[pid] = owners
    return plan


def merged_entity(target: dict, partial: dict) -> dict:
    """``target`` with the partial node's name and surface forms as alternate names."""
    alt = set(target.get("alternateName", [])) | set(partial.get("alternateName", [])) | {partial.get("name")}
    alt.discard(target.get("name"))
    alt.discard(None)
    out = dict(target)
    if alt:
        out["alternateName"] = sorted(alt)
    for key in ("jobTitle", "affiliation"):
        if key in partial and key not in out:
            out[key] = partial[key]
    return out


def merge_persons(entities: dict[str, dict]) -> MergePlan:
    """Plan the merges over ``entities`` (id -> JSON-LD node) and fold each partial
    person into its full-name person, in place; the plan says what moved."""
    plan = plan_person_merges(entities.values())
    for old, new in plan.redirect.items():
        entities[new] = merged_entity(entities[new], entities.pop(old))
    return plan


def redirect_refs(node: dict, plan: MergePlan) -> dict:
    """A node (claim, entity) with every ``{"@id": partial}`` reference moved to its person."""
    if not plan.redirect:
        return node
    out = {}
    for key, value in node.items():
        if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in plan.redirect:
            value = {"@id": plan.redirect[value["@id"]]}
        out[key] = value
    return out
