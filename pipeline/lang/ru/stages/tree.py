"""Reading the dependency tree for the relation stage: which entities a token stands
for (its mention, apposition, genitive, coordinated ones), the slot of an argument
(nsubj, obj, a case, preposition+case), negation and the chain of governing verbs."""
from __future__ import annotations

from bisect import bisect_left

from ....records import Mention
from ..parse import ParsedSentence, Token


class TreeReader:
    """Mixed into the relation stage; uses its ``lex``."""

    @staticmethod
    def linked_by_start(doc) -> tuple[list[tuple[int, int]], list[int]]:
        """The document's linked mentions as (start, index) in order of start, and the starts
        (made once a document, by the stage's call: each sentence finds its own by bisection)."""
        ordered = sorted((m.start, k) for k, m in enumerate(doc.mentions) if m.entity_id)
        return ordered, [a for a, _ in ordered]

    @staticmethod
    def _mention_index(doc, sent: ParsedSentence, linked: tuple[list[tuple[int, int]], list[int]]) -> dict[int, Mention]:
        """Token index -> the linked mention holding it (the later of two, in the document's order)."""
        ordered, starts = linked
        inside = sorted(k for _, k in ordered[bisect_left(starts, sent.start):bisect_left(starts, sent.end)])
        token_starts = [t.start for t in sent.tokens]
        at = {}
        for k in inside:
            m = doc.mentions[k]
            for t in sent.tokens[bisect_left(token_starts, m.start):]:
                if t.start >= m.end:
                    break
                if t.stop <= m.end:
                    at[t.i] = m
        return at

    def _entity_of(self, sent: ParsedSentence, i: int, at: dict, state: dict, depth: int = 0) -> list[Mention]:
        """The mentions a token stands for: its own, its apposition's, its
        genitive's, and those coordinated with it (Япония и Южная Корея)."""
        tok = sent.tokens[i]
        found: list[Mention] = []
        if i in at:
            found.append(at[i])
        elif tok.lemma in self.lex.speech.pronouns and state.get("last_subject"):
            found.append(_Pseudo(state["last_subject"]))
        elif depth < 2:
            for rels in (("appos", "flat"), ("nmod",), ("amod",)):
                for c in sent.children(i, rels):
                    if rels == ("nmod",) and c.case != "Gen":
                        continue
                    if sent.children(c.i, ("case",)):
                        continue
                    found = self._entity_of(sent, c.i, at, state, depth + 1)
                    if found:
                        break
                if found:
                    break
        if depth == 0:
            for c in sent.children(i, ("conj",)):
                if c.i not in at and not (c.pos in ("PROPN", "NOUN", "PRON")):
                    continue
                for m in self._entity_of(sent, c.i, at, state, 1):
                    if all(m.entity_id != f.entity_id for f in found):
                        found.append(m)
        return found

    def _slot(self, sent: ParsedSentence, tok: Token) -> str | None:
        rel = tok.rel.split(":")[0]
        preps = [c for c in sent.children(tok.i, ("case",))]
        case = (tok.case or "").lower()[:3] or None
        case = {"ins": "ins", "nom": "nom", "gen": "gen", "dat": "dat", "acc": "acc", "loc": "loc"}.get(case or "")
        if preps:
            p = preps[0].lower
            if p in self.lex.blocking_prepositions or sent.tokens[max(0, preps[0].i - 1)].lower in self.lex.blocking_prepositions:
                return None
            return f"{p}+{case}" if case else None
        if rel in ("nsubj",):
            if tok.rel == "nsubj:pass":
                return None
            # the parser may take an object for a subject: the tagger's case decides
            # (a genitive after a numeral is a subject: 26 стран пообещали)
            if case == "gen" and sent.children(tok.i, ("nummod",)):
                return "nsubj"
            return {None: "nsubj", "nom": "nsubj", "acc": "obj", "dat": "dat", "ins": "ins"}.get(case, None)
        if rel == "obj":
            return "obj"
        if rel == "iobj":
            return "iobj"
        if rel in ("obl", "nmod") and case:
            return case
        return None

    def _negated(self, sent: ParsedSentence, idxs: list[int]) -> bool:
        return any(c.lower in self.lex.polarity.negators for i in idxs for c in sent.children(i, ("advmod", "discourse")))

    @staticmethod
    def _own_tokens(sent: ParsedSentence, at: dict, m) -> list[int]:
        """A mention's tokens and the nouns it hangs from up to its conjunct
        (России <- территории), where a negator of that argument attaches."""
        own = [k for k, x in at.items() if x is m]
        if not own:
            return []
        out, k = list(own), own[0]
        while sent.tokens[k].rel.split(":")[0] in ("nmod", "flat", "appos", "amod") and sent.tokens[k].head >= 0:
            k = sent.tokens[k].head
            out.append(k)
        return out

    def _chain(self, sent: ParsedSentence, i: int) -> list[int]:
        """The token and the verbs it is the complement of (может помочь, готов помочь)."""
        out = [i]
        while sent.tokens[out[-1]].rel in ("xcomp", "csubj") and sent.tokens[out[-1]].head >= 0 and len(out) < 4:
            out.append(sent.tokens[out[-1]].head)
        return out


class _Pseudo:
    """A pronoun standing for an entity seen before."""

    def __init__(self, entity_id: str):
        self.entity_id = entity_id
        self.id = f"pronoun:{entity_id}"
