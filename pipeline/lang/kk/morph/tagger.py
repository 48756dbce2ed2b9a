"""A reading of every word of a Kazakh sentence: lemma, UD part of speech and features.

Order of decisions, per word (settings in ``data/morphology/tagger.yaml``):
1. punctuation, symbols, numbers in digits (by their characters; a number before
   жыл, ғасыр or a month is ordinal); a word with a period is an abbreviation (NOUN);
2. a closed-class word (``data/morphology/closed.yaml``: pronouns, postpositions,
   conjunctions, particles, number words, common adjectives); a demonstrative is DET
   before a word that is no verb; some forms read otherwise inside a sentence (мен);
3. a verb reading (:class:`~.context.SentenceVerbs`) against the nominal one
   (:class:`~.nominal.NominalAnalyser`): the verb wins unless its stem is only
   guessed, or its ending is one that nouns often spell (``weak_verb_endings``: қала
   is no converb of қал-) while the nominal stem stands as a word often enough, or
   the word is capitalised inside the sentence; бол- after a nominal is AUX;
4. a nominal reading: PROPN when capitalised and its lemma is mostly written with
   a capital in unlabelled text (unseen there: not opening the sentence), ADJ for a word
   ending in an adjective suffix with no case ending, else NOUN.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import kk_data
from .context import SentenceVerbs
from .nominal import NominalAnalyser, default_nominal_analyser


@dataclass(frozen=True)
class WordReading:
    lemma: str | None
    upos: str | None
    feats: str | None  # UD feature string sorted by name, None when it has none

    def feature(self, name: str) -> str | None:
        for pair in (self.feats or "").split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


def _ud(feats) -> str | None:
    items = sorted(((k, v) for k, v in feats if v is not None), key=lambda kv: kv[0].lower())
    return "|".join(f"{k}={v}" for k, v in items) or None


class SentenceMorphology:
    def __init__(self, verbs: SentenceVerbs | None = None, nominals: NominalAnalyser | None = None,
                 closed: str = "morphology/closed.yaml", settings: str = "morphology/tagger.yaml"):
        self.verbs = verbs or SentenceVerbs()
        self.nominals = nominals or default_nominal_analyser()
        spec = kk_data(closed)
        self.closed = _readings(spec["words"])
        self.closed_inside = _readings(spec.get("inside_sentence", ""))  # мен: 'and', not 'I'
        self.det_or_pron = frozenset(spec.get("det_or_pron", ()))
        tagger = kk_data(settings)
        self.weak_endings = frozenset(tagger["weak_verb_endings"])
        self.noun_over_weak_verb = int(tagger["noun_over_weak_verb"])
        self.adjective_suffixes = tuple(tagger["adjective_suffixes"])
        self.symbols = frozenset(tagger["symbols"])
        self.name_share = float(tagger["name_share"])
        self.ordinal_before = tuple(tagger["ordinal_before"])
        self.aux_after_nominal = frozenset(tagger["aux_after_nominal"])
        self.nominal_upos = frozenset(tagger["nominal_upos"])
        self.max_word_length = int(tagger["max_word_length"])
        self._alone = lru_cache(maxsize=200_000)(self._alone_uncached)

    def analyse(self, words: list[str]) -> list[WordReading]:
        """One reading per word of a sentence (the words in order, no whitespace)."""
        # first each word alone (closed class, verb or nominal), then the verbs in context
        alone = [self._alone(w, i == 0) for i, w in enumerate(words)]
        verbs = self.verbs.analyse(words, [a is None for a in alone])
        out: list[WordReading] = []
        for i, a in enumerate(alone):
            if a is None:
                v = verbs[i]
                upos = v.upos
                if v.lemma in self.aux_after_nominal and out and out[-1].upos in self.nominal_upos:
                    upos = "AUX"  # мүше болды, дайын болу: a copula after a noun or adjective
                a = WordReading(v.lemma, upos, _ud(v.feats))
            elif a.lemma in self.det_or_pron:
                a = self._closed(a, words, i, verbs)
            elif a.upos == "NUM" and a.lemma.isdigit() and i + 1 < len(words) \
                    and words[i + 1].lower().startswith(self.ordinal_before):
                a = WordReading(a.lemma, "NUM", "NumType=Ord")  # 2014 жылы, 5 наурызда
            out.append(a)
        return out

    def _alone_uncached(self, word: str, first: bool) -> WordReading | None:
        """The reading of a word that is no verb (None: a verb, read in context)."""
        if not any(ch.isalnum() for ch in word):
            return WordReading(word, "SYM" if word in self.symbols else "PUNCT", None)
        if not any(ch.isalpha() for ch in word):
            return WordReading(word.lower(), "NUM", "NumType=Card")
        lower = word.lower()
        if len(word) > self.max_word_length:  # no word: a URL, a run of letters (the analysers would crawl it)
            return WordReading(lower, "X", None)
        closed = (not first and self.closed_inside.get(lower)) or self.closed.get(lower)
        if closed:
            return closed
        if "." in word:  # an abbreviation or an initial (ж., млн., А.)
            return WordReading(lower, "NOUN", None)
        nominal = self.nominals.analyse(word)
        # a capital inside a sentence marks a name, never a verb
        verb = None if word[:1].isupper() and not first else self.verbs.analyser.best(word)
        if verb is not None and not self._nominal_wins(verb, nominal):
            return None
        return self._nominal(word, lower, nominal, first)

    def _nominal(self, word: str, lower: str, nominal, first: bool) -> WordReading:
        if word[:1].isupper() and self._is_name(nominal.lemma, first):
            return WordReading(nominal.lemma, "PROPN", _ud(nominal.feats))
        if not nominal.ending and lower.endswith(self.adjective_suffixes):
            return WordReading(lower, "ADJ", None)
        return WordReading(nominal.lemma, "NOUN", _ud(nominal.feats))

    def _is_name(self, lemma: str, first: bool) -> bool:
        """A capitalised word is a proper noun when its lemma is mostly written with a
        capital in unlabelled text, or, unseen there, when it does not open the sentence."""
        share = self.nominals.name_share(lemma)
        return (not first) if share is None else share >= self.name_share

    def _nominal_wins(self, verb, nominal) -> bool:
        if verb.guessed:
            return nominal.stem_count > 0 or bool(nominal.ending)
        last = verb.morphs[-1] if verb.morphs else ""
        return last in self.weak_endings and nominal.stem_count >= self.noun_over_weak_verb

    def _closed(self, reading: WordReading, words, i, verbs) -> WordReading:
        if reading.lemma in self.det_or_pron and reading.feature("Case") in (None, "Nom"):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if any(ch.isalpha() for ch in nxt) and verbs[i + 1] is None:
                return WordReading(reading.lemma, "DET", "PronType=Dem")
        return reading


def _readings(block: str) -> dict[str, WordReading]:
    """"form lemma UPOS [features]" lines -> form -> reading."""
    out: dict[str, WordReading] = {}
    for line in block.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 3:
            feats = parts[3] if len(parts) > 3 and parts[3] != "_" else None
            out.setdefault(parts[0], WordReading(parts[1], parts[2], feats))
    return out


@lru_cache(maxsize=None)
def default_sentence_morphology() -> SentenceMorphology:
    return SentenceMorphology()
