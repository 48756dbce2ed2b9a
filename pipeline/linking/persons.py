"""Person coreference within a document: one person, one entity.

A span holding two known persons is two mentions; a name the model tagged as
something else (or missed) where the document names a person by it is that
person; a partial name (Песков) is the full one (Дмитрий Песков).
"""
from __future__ import annotations

import re

from ..ids import entity_id
from ..records import Entity, Mention
from ..spans import Coverage
from .text import contains_run, leading_capitalised, piece, words


class PersonCoreference:
    def __init__(self, normaliser):
        self.normaliser = normaliser

    def split_known_persons(self, text: str, m: Mention, persons, document_words) -> list[Mention]:
        """"Тоқаев Әлиевке алғыс айтты": one span holding the surnames of two persons
        already named in the document is two mentions."""
        if m.label != "PERSON" or not persons:
            return [m]
        ws = list(words(text[m.start:m.end]))
        if len(ws) < 2:
            return [m]
        owner = {}  # name part -> person id (a part two persons share belongs to neither)
        for name, pid in persons:
            for part in name.split():
                owner[part] = pid if owner.get(part, pid) == pid else None
        if " ".join(w.group() for w in ws) in {n for n, _ in persons}:
            return [m]
        parts = frozenset(p for p, pid in owner.items() if pid)
        for cut in range(1, len(ws)):
            left = self.normaliser.lemma(" ".join(w.group() for w in ws[:cut]), known=parts, document_words=document_words)
            right = self.normaliser.lemma(" ".join(w.group() for w in ws[cut:]), known=parts, document_words=document_words)
            a, b = owner.get(left.name), owner.get(right.name)
            if a and b and a != b:
                return [piece(text, m, m.start + ws[0].start(), m.start + ws[cut - 1].end()),
                        piece(text, m, m.start + ws[cut].start(), m.end)]
        return [m]

    def consistency(self, text: str, mentions: list[Mention], entities: dict[str, Entity], document_words):
        """One name, one reading per document: where the model tagged a person's
        name (or part of it) as something else, or missed it, it is the person."""
        names = {e.name: e.id for e in entities.values() if e.type == "Person"}
        parts = {w for n in names for w in n.split() if len(w) > 2}
        if not parts:
            return mentions, entities
        out: list[Mention] = []
        covered = Coverage((m.start, m.end) for m in mentions)
        for m in mentions:
            if m.label == "PERSON" or (m.entity_id or "").startswith(("country:", "group:")):
                out.append(m)
                continue
            run = leading_capitalised(text, m.start, m.end)
            lemma = self.normaliser.lemma(text[run[0]:run[1]], known=frozenset(parts), document_words=document_words)
            if run[1] > run[0] and (lemma.name in names or lemma.name in parts):
                out.append(_as_person(text, run, lemma, names))
            else:
                out.append(m)
        # capitalised words no mention covers
        for w in re.finditer(r"[^\W\d_][\w-]*", text):
            if not w.group()[0].isupper() or covered.touches(w.start(), w.end()):
                continue
            lemma = self.normaliser.lemma(w.group(), known=frozenset(parts), document_words=document_words)
            if lemma.evidence == "known" and lemma.name in parts:
                out.append(_as_person(text, (w.start(), w.end()), lemma, names))
        for m in out:
            if m.label == "PERSON" and m.entity_id not in entities:
                entities[m.entity_id] = Entity(id=m.entity_id, type="Person", name=m.lemma or m.text)
        # entities no mention refers to any more (the model's wrong reading) go
        used = {m.entity_id for m in out}
        entities = {k: e for k, e in entities.items() if k in used}
        for m in out:
            e = entities[m.entity_id]
            if m.text != e.name and m.text not in e.alternate_names and e.type != "Group":
                entities[m.entity_id] = e.model_copy(update={"alternate_names": e.alternate_names + [m.text]})
        return sorted(out, key=lambda m: m.start), entities


def _as_person(text, run, lemma, names) -> Mention:
    eid = names.get(lemma.name) or entity_id("Person", lemma.name)
    return Mention(id=f"m{run[0]}-{run[1]}", start=run[0], end=run[1], text=text[run[0]:run[1]], label="PERSON",
                   entity_id=eid, lemma=lemma.name, case=lemma.case, source="entity_linker.v1")


def merge_partial_persons(mentions: list[Mention], entities: dict[str, Entity]):
    """A person named by part of a longer name in the same document is that person."""
    persons = [e for e in entities.values() if e.type == "Person"]
    full = [e for e in persons if len(e.name.split()) > 1]
    redirect: dict[str, str] = {}
    for e in persons:
        # a word of the longer name (Песков), or a run of its words (Фон дер Ляйен)
        ws = e.name.lower().split()
        owners = [f for f in full if len(f.name.split()) > len(ws) and contains_run(f.name.lower().split(), ws)]
        if len(owners) == 1:
            redirect[e.id] = owners[0].id
    if not redirect:
        return mentions, entities
    out = dict(entities)
    for old in redirect:
        out.pop(old)
    mentions = [m.model_copy(update={"entity_id": redirect[m.entity_id]}) if m.entity_id in redirect else m
                for m in mentions]
    for new in set(redirect.values()):
        target = out[new]
        seen = [m.text for m in mentions if m.entity_id == new]
        alternates = [t for t in dict.fromkeys(target.alternate_names + seen) if t != target.name]
        out[new] = target.model_copy(update={"alternate_names": alternates})
    return mentions, out
