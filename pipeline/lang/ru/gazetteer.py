"""Countries and organisations in Russian text, found by the lemmas of their words.

CLDR's Russian territory names (babel) plus the aliases and demonyms of
``data/countries.yaml``; organisations from ``data/organisations.yaml``, each tied
to the Kazakh canonical name so that both languages give one id. A name is a
sequence of lemmas (pymorphy3), so every case form matches (России, Россией,
Соединенных Штатов Америки); its first word must be written with a capital.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import models


@dataclass(frozen=True)
class NameHit:
    first: int  # token index
    last: int  # inclusive
    key: str  # ISO code or organisation canonical name
    label: str  # COUNTRY, NORP or ORG


def _lemma_seq(name: str) -> tuple[str, ...]:
    return tuple(models.lemma(w) if w[:1].isalpha() else w.lower() for w in re.findall(r"[\w\-’']+", name))


class LemmaIndex:
    """Names as lemma sequences; the longest one wins."""

    def __init__(self, names: list[tuple[str, str]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, name in names:
            seq = _lemma_seq(name)
            if seq:
                self._by_first.setdefault(seq[0], []).append((seq, key))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def find(self, tokens, label: str) -> list[NameHit]:
        hits, j = [], 0
        while j < len(tokens):
            tok = tokens[j]
            hit = None
            if tok.text[:1].isupper():
                for first in _forms(tok):
                    for seq, key in self._by_first.get(first, ()):
                        end = j + len(seq)
                        if end <= len(tokens) and all(seq[k] in _forms(tokens[j + k]) for k in range(1, len(seq))):
                            hit = NameHit(j, end - 1, key, label)
                            break
                    if hit:
                        break
            if hit:
                hits.append(hit)
                j = hit.last + 1
            else:
                j += 1
        return hits


def _forms(tok) -> frozenset[str]:
    low = tok.text.lower().replace("ё", "е")
    if not low[:1].isalpha():
        return frozenset({low})
    # the tagger's lemma, every dictionary form, the word itself (ООН-а -> ООН)
    base = low.split("-")[0] if re.fullmatch(r"[А-ЯЁA-Z]{2,}-\w+", tok.text) else low
    return frozenset({tok.lemma, base}) | models.lemmas(tok.text)


class RussianCountries:
    def __init__(self, data: dict):
        from babel import Locale

        skip = set(data.get("not_countries", ())) | set(data.get("ambiguous", ()))
        cldr = {c: n for c, n in Locale.parse("ru").territories.items() if re.fullmatch(r"[A-Z]{2}", c)
                and c not in skip}
        self.names: dict[str, str] = {**cldr, **data.get("canonical", {})}
        names = list(cldr.items()) + [(c, n) for c, n in data.get("canonical", {}).items()]
        names += [(c, a) for c, al in data.get("aliases", {}).items() for a in al]
        self._index = LemmaIndex(names)
        self._demonyms = {d.replace("ё", "е"): c for c, ds in data.get("demonyms", {}).items() for d in ds}

    def canonical(self, code: str) -> str:
        return self.names[code]

    def find(self, tokens) -> list[NameHit]:
        hits = self._index.find(tokens, "COUNTRY")
        taken = {k for h in hits for k in range(h.first, h.last + 1)}
        for j, tok in enumerate(tokens):
            if j in taken or not tok.text[:1].isalpha():
                continue
            code = next((self._demonyms[f] for f in _forms(tok) if f in self._demonyms), None)
            if code and tok.pos in ("ADJ", "PROPN", "NOUN", "DET", ""):
                hits.append(NameHit(j, j, code, "NORP"))
        return sorted(hits, key=lambda h: h.first)


class RussianOrganisations:
    def __init__(self, data: dict):
        self.same_as: dict[str, str] = {}
        names = []
        for canonical, entry in (data.get("organisations") or {}).items():
            entry = entry or {}
            self.same_as[canonical] = entry.get("same_as") or canonical
            names.append((canonical, canonical))
            names += [(canonical, a) for a in entry.get("aliases", ())]
        self._index = LemmaIndex(names)

    def find(self, tokens) -> list[NameHit]:
        return self._index.find(tokens, "ORG")
