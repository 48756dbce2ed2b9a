"""Organisations the model missed or cut short, found by their head noun
(министрлігінің баспасөз қызметі, «Алматыгаз» компаниясы, Қытайдың денсаулық сақтау комиссиясы)."""
from __future__ import annotations

import re

from ..records import Mention
from ..spans import SpanIndex
from .data import NameRules
from .text import respan


_QUOTED = re.compile(r"«([^«»\n]{1,60})»")
# a «quoted» name the model called one of these (a facility, an event, a product) acts as a company
_NOT_AN_AGENT_LABELS = frozenset({"FAC", "EVENT", "PRODUCT", "PROJECT", "ART", "MISC"})
_PLACE_LABELS = frozenset({"COUNTRY", "GPE", "LOC"})  # a place inside a quoted company name is part of it


class MissedOrganisations(NameRules):
    def _head_stem(self, word: str) -> str:
        return next((a.stem for a in self.analyser.analyses(word.lower()) if a.possessive == "p3" and a.stem in self.org_heads), "")

    def _org_head(self, word: str) -> bool:
        """министрлігі, басқармасының, компаниясы: an organisation head in the possessive."""
        return bool(self._head_stem(word))

    def quoted_names(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"«Алтынарал» ... әріптесі болғанын": one to three capitalised words in «» that no span
        covers, standing as a name (not before атты / деген, which name a work), are an
        organisation, a company as Kazakh news writes them."""
        out = SpanIndex(mentions)
        for q in _QUOTED.finditer(text):
            a, b = q.start(1), q.end(1)
            words = q.group(1).split()
            if self._named_by_head(text, q, words, out):
                continue
            if not (1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)):
                continue
            nxt = text[q.end():q.end() + 30].split()[:1]
            if nxt and (nxt[0].lower().strip(",.") in self.work_markers or not nxt[0][:1].islower()):
                continue
            if q.group(1) in self.cities:
                continue
            inside = out.overlapping(q.start(), q.end())
            if not inside:
                out.add(_new_org(text, a, b))
            elif len(inside) == 1 and not inside[0].entity_id and inside[0].label in _NOT_AN_AGENT_LABELS \
                    and (inside[0].start, inside[0].end) == (a, b):
                out.discard(inside[0])
                out.add(inside[0].model_copy(update={"label": "ORG"}))
        return sorted(out.items(), key=lambda m: m.start)

    def _named_by_head(self, text: str, q: re.Match, words: list[str], out: SpanIndex) -> bool:
        """"«Қазақстан темір жолы» (ұлттық) компаниясы": a quoted name of a few words before
        an organisation head is one organisation, and a country or place inside it is part of
        the name, not a mention of its own: ``out`` changed, True; False when that is not the case."""
        after = text[q.end():q.end() + 80].split()[:3]  # the head, or one or two lower-case words and it
        head = next((i for i, w in enumerate(after) if self._org_head(w.rstrip(",.:;!?)"))), None)
        if not (2 <= len(words) <= 4 and words[0][:1].isupper() and head is not None
                and all(w.isalpha() and w.islower() for w in after[:head])):
            return False
        a, b = q.start(1), q.end(1)
        inside = out.keyed(q.start(), q.end())
        places = [(k, m) for k, m in inside if m.label in _PLACE_LABELS and a <= m.start and m.end <= b
                  and (m.start, m.end) != (a, b)]
        whole = [(k, m) for k, m in inside if (m.start, m.end) == (a, b) and m.label == "ORG"]  # the model's own
        if not places or len(places) + len(whole) != len(inside):
            return False
        for k, _ in places + whole:
            out.remove(k)
        for m in [m for _, m in whole] or [_new_org(text, a, b)]:
            out.add(m)
        return True

    def organisations_by_head(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A head noun no mention covers closes an organisation name: after a genitive
        organisation (Ішкі істер министрлігінің баспасөз қызметі: the organisation grows),
        after a genitive country (Қытайдың денсаулық сақтау комиссиясы: the words after it),
        after a «quoted» name («Алматыгаз» компаниясы: the name), or from a capitalised
        word a few lower-case words before (Қоғамдық денсаулық сақтау басқармасының)."""
        toks = [(w.start(), w.end(), w.group()) for w in re.finditer(r"[«»\"]|[^\s«»\"]+", text)]
        out = SpanIndex(mentions)
        for j, (hs, he, word) in enumerate(toks):
            core = word.rstrip(",.:;!?)")
            if not core[:1].islower() or not self._org_head(core):
                continue
            if j + 1 < len(toks) and toks[j + 1][2].lower().startswith(self.org_head_idioms.get(self._head_stem(core), ())):
                continue  # "басшысы қызметін атқарған": served as head, no organisation
            he = hs + len(core)
            if out.touches(hs, he):
                continue
            found = self._org_before(text, toks, j, he, out)
            if found is None:
                continue
            old, new = found
            if old is not None:
                out.discard(old)
            out.add(new)
        return sorted(out.items(), key=lambda m: m.start)

    def _org_before(self, text, toks, j, end, mentions: SpanIndex):
        def covering(pos):
            return next(iter(mentions.overlapping(pos, pos + 1)), None)

        k = j - 1
        inner = 0
        if k >= 0 and toks[k][2] == "»":  # «Алматыгаз» компаниясы
            opening = next((i for i in range(k - 1, max(-1, k - 8), -1) if toks[i][2] == "«"), None)
            if opening is not None and opening + 1 < k and toks[opening + 1][2][:1].isupper():
                a, b = toks[opening + 1][0], toks[k - 1][1]
                inside = next((m for m in mentions.overlapping(a - 1, b + 1)
                               if a <= m.start and m.end <= b and not m.entity_id), None)
                return inside, _new_org(text, a, b)  # the model's reading of the quoted name goes
            return None
        chain = None  # a lower-case head in the genitive: полиция департаментінің баспасөз қызметі
        while k >= 0 and inner < self.org_inner:
            w = toks[k][2]
            m = covering(toks[k][0])
            if m is not None or not w.isalpha() or not w[:1].islower() or w.lower() in self.openers:
                break
            lemma = self.normaliser.lemma(w)
            if lemma.case in ("loc", "dat") and lemma.evidence == "phonology":
                return None  # "жағдайда қайырымдылық қоры": a clause, not a name
            if chain is None and lemma.case == "gen" and any(
                    a.case == "gen" and a.stem in self.org_heads for a in self.analyser.analyses(w.lower())):
                chain = k
            inner += 1
            k -= 1
        lower = self._lower_chain(text, toks, chain, end)
        if k < 0:
            return lower
        w, m = toks[k][2], covering(toks[k][0])
        if m is not None:
            if m.end != toks[k][1]:
                return None
            case = m.case or self.normaliser.lemma(m.text).case
            if case != "gen" and not (case == "nom" and m.label in ("LOC", "GPE", "FAC") and not m.entity_id):
                return None
            if m.label == "ORG" and not m.entity_id:
                return m, respan(text, m, m.start, end, origin="repair")
            if m.label in ("LOC", "GPE", "FAC") and not m.entity_id and m.end == toks[k][1] and " " not in m.text:
                # "Энергетика | министрлігі": the model clipped the organisation's first word
                return m, respan(text, m, m.start, end, label="ORG", origin="repair")
            if m.label == "COUNTRY" and inner:
                return None, _new_org(text, toks[k + 1][0], end)
            return None
        if not w[:1].isupper() or not w.replace("-", "").isalpha() or w.lower() in self.openers:
            return lower
        if inner == 0 and any(a.possessive == "p3" and a.stem in self.brand_heads
                              for a in self.analyser.analyses(toks[j][2].lower().rstrip(",.:;!?)"))):
            return None, _new_org(text, toks[k][0], toks[k][1])  # "Moviq кинокомпаниясы": the brand
        return None, _new_org(text, toks[k][0], end)

    def _lower_chain(self, text, toks, chain, end):
        """Two heads, one possessing the other, make an organisation even in lower case
        (полиция департаментінің баспасөз қызметі, қалалық әкімдіктің баспасөз қызметі):
        from the word before the genitive head."""
        if chain is None:
            return None
        start = chain
        w = toks[chain - 1][2] if chain > 0 else ""
        if w.isalpha() and w[:1].islower() and w.lower() not in self.openers:
            lemma = self.normaliser.lemma(w)
            if lemma.case == "nom" or lemma.evidence != "phonology":
                start = chain - 1
        return None, _new_org(text, toks[start][0], end)


def _new_org(text: str, start: int, end: int) -> Mention:
    return Mention(id=f"m{start}-{end}", start=start, end=end, text=text[start:end], label="ORG",
                   source="entity_linker.v1", origin="repair")
