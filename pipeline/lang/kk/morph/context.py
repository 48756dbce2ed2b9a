"""Choosing a verb reading from its neighbours (a sentence at a time).

The verb analyser reads a word alone; some UD features depend on the next or
previous word: a converb before an auxiliary (жазып жатыр) is VerbForm=Inf and
the auxiliary AUX, a participle closing a clause is the finite predicate. The
rules are data (``context`` in ``data/verbs/lexicon.yaml``).
"""
from __future__ import annotations

from dataclasses import replace

from ..resources import kk_data
from .verbs import VerbAnalyser, VerbAnalysis, _apply, default_verb_analyser


class SentenceVerbs:
    def __init__(self, analyser: VerbAnalyser | None = None, lexicon: str = "verbs/lexicon.yaml"):
        self.analyser = analyser or default_verb_analyser()
        self.rules = list(kk_data(lexicon).get("context", ()))

    def analyse(self, words: list[str], verbs: list[bool] | None = None) -> list[VerbAnalysis | None]:
        """The best verb analysis of each word of a sentence (None: no verb form),
        adjusted by the context rules. ``verbs``: which words a caller has already
        decided are verbs (the others count as no verb form, for their neighbours too)."""
        best = [self.analyser.best(w) if _is_word(w) and (verbs is None or verbs[i]) else None
                for i, w in enumerate(words)]
        out = list(best)
        for i, a in enumerate(best):
            if a is None:
                continue
            nxt = words[i + 1] if i + 1 < len(words) else None
            facts = {
                "last": a.morphs[-1] if a.morphs else "",
                "punct": nxt is None or not _is_word(nxt),
                "next_auxiliary": i + 1 < len(best) and best[i + 1] is not None and best[i + 1].auxiliary,
                "previous_last": best[i - 1].morphs[-1] if i and best[i - 1] and best[i - 1].morphs else "",
                "auxiliary": a.auxiliary,
            }
            for rule in self.rules:
                if _holds(rule, facts):
                    out[i] = _adjust(out[i], rule)
        return out


def _is_word(token: str) -> bool:
    return any(ch.isalpha() for ch in token)


def _holds(rule: dict, facts: dict) -> bool:
    if "last" in rule and facts["last"] not in rule["last"]:
        return False
    if rule.get("next") == "punct" and not facts["punct"]:
        return False
    if rule.get("next") == "auxiliary" and not facts["next_auxiliary"]:
        return False
    if "previous_last" in rule and facts["previous_last"] not in rule["previous_last"]:
        return False
    if "auxiliary" in rule and facts["auxiliary"] != rule["auxiliary"]:
        return False
    return True


def _adjust(a: VerbAnalysis, rule: dict) -> VerbAnalysis:
    feats = a.feats
    if "set" in rule:
        merged = _apply(dict(feats), tuple((str(k), str(v)) for k, v in rule["set"].items()))
        feats = tuple(sorted(merged.items(), key=lambda kv: kv[0].lower()))
    return replace(a, feats=feats, upos=str(rule.get("upos", a.upos)))
