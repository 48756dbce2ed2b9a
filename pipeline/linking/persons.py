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
        self._owners = _NameOwners([])

    def split_known_persons(self, text: str, m: Mention, persons, document_words) -> list[Mention]:
        """"Тоқаев Әлиевке алғыс айтты": one span holding the surnames of two persons
        already named in the document is two mentions."""
        if m.label != "PERSON" or not persons:
            return [m]
        ws = list(words(text[m.start:m.end]))
        if len(ws) < 2:
            return [m]
        if self._owners.persons is not persons:
            self._owners = _NameOwners(persons)
        owners = self._owners.update()  # the persons named so far (the linker's list only grows)
        owner, parts = owners.owner, owners
        if " ".join(w.group() for w in ws) in owners.names:
            return [m]
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
        known = frozenset(parts)
        for m in mentions:
            if m.label == "PERSON" or (m.entity_id or "").startswith(("country:", "group:")):
                out.append(m)
                continue
            run = leading_capitalised(text, m.start, m.end)
            lemma = self.normaliser.lemma(text[run[0]:run[1]], known=known, document_words=document_words)
            if run[1] > run[0] and (lemma.name in names or lemma.name in parts):
                out.append(_as_person(text, run, lemma, names))
            else:
                out.append(m)
        # capitalised words no mention covers
        for w in re.finditer(r"[^\W\d_][\w-]*", text):
            if not w.group()[0].isupper() or covered.touches(w.start(), w.end()):
                continue
            lemma = self.normaliser.lemma(w.group(), known=known, document_words=document_words)
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


class _NameOwners:
    """Which person each word of the persons' names belongs to (a word two persons share
    belongs to neither), kept up to date as the linker names more persons: the list is read
    once, not again for every mention. ``in`` asks for a word that has an owner."""

    def __init__(self, persons: list[tuple[str, str]]):
        self.persons = persons
        self.owner: dict[str, str | None] = {}
        self.names: set[str] = set()
        self.seen = 0

    def update(self) -> "_NameOwners":
        for name, pid in self.persons[self.seen:]:
            for part in name.split():
                self.owner[part] = pid if self.owner.get(part, pid) == pid else None
            self.names.add(name)
        self.seen = len(self.persons)
        return self

    def __contains__(self, word: str) -> bool:
        return bool(self.owner.get(word))


def _as_person(text, run, lemma, names) -> Mention:
    eid = names.get(lemma.name) or entity_id("Person", lemma.name)
    return Mention(id=f"m{run[0]}-{run[1]}", start=run[0], end=run[1], text=text[run[0]:run[1]], label="PERSON",
                   entity_id=eid, lemma=lemma.name, case=lemma.case, source="entity_linker.v1")


def merge_partial_persons(mentions: list[Mention], entities: dict[str, Entity]):
    """A person named by part of a longer name in the same document is that person."""
    persons = [e for e in entities.values() if e.type == "Person"]
    full = [e for e in persons if len(e.name.split()) > 1]
    by_word: dict[str, list] = {}  # a word -> the full names that hold it (each once, in order)
    for f in full:
        for w in dict.fromkeys(f.name.lower().split()):
            by_word.setdefault(w, []).append(f)
    redirect: dict[str, str] = {}
    for e in persons:
        # a word of the longer name (Песков), or a run of its words (Фон дер Ляйен)
        ws = e.name.lower().split()
        candidates = by_word.get(ws[0], []) if ws else full
        owners = [f for f in candidates if len(f.name.split()) > len(ws) and contains_run(f.name.lower().split(), ws)]
        if len(owners) == 1:
            redirect[e.id] = owners[0].id
    if not redirect:
        return mentions, entities
    out = dict(entities)
    for old in redirect:
        out.pop(old)
    mentions = [m.model_copy(update={"entity_id": redirect[m.entity_id]}) if m.entity_id in redirect else m
                for m in mentions]
    texts: dict[str, list[str]] = {}  # entity id -> its mentions' texts, in order
    for m in mentions:
        texts.setdefault(m.entity_id, []).append(m.text)
    for new in set(redirect.values()):
        target = out[new]
        seen = texts.get(new, [])
        alternates = [t for t in dict.fromkeys(target.alternate_names + seen) if t != target.name]
        out[new] = target.model_copy(update={"alternate_names": alternates})
    return mentions, out
