"""Finding the triggers of the relation lexicon in a sentence, and reading the
trigger's own form: where its clause ends, whether it is a participle qualifying a
noun, a complement of a directive verb, a first-person verb, a headline's verbal noun,
or an event noun that is another verb's object.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

from ..lexicon import Lexicon, TriggerRule
from ..spans import keep_longest
from ..textview import SentenceView


class Hit(NamedTuple):
    """A trigger found in a sentence: its rule, its (first, last) words, the stems its last word
    matched (a verb trigger: its lemma) and, for a verb trigger, the reading that matched."""

    rule: TriggerRule
    span: tuple[int, int]
    stems: tuple[str, ...]
    reading: Optional[object] = None  # the language's verb reading (lemma, UD feats)

    @property
    def feats(self) -> dict[str, str]:
        return self.reading.feats if self.reading is not None else {}

    @property
    def first(self) -> int:
        return self.span[0]

    @property
    def last(self) -> int:
        return self.span[1]


class TriggerFinder:
    def __init__(self, lex: Lexicon, reader):
        self.lex = lex
        self.reader = reader
        self.rules: list[TriggerRule] = [r for r in lex.trigger_rules() if not r.lemmas]
        self._first_stems = tuple(s for r in self.rules for s in r.pattern[0])
        # verb triggers by lemma; a word is read as a verb only when it begins with a lemma
        # (less a final letter that alternates: тап- -> табады, қой- -> қоятын)
        self._by_lemma: dict[str, list[TriggerRule]] = {}
        for r in lex.trigger_rules():
            for lemma in r.lemmas:
                self._by_lemma.setdefault(lemma, []).append(r)
        self._lemma_prefixes = tuple(sorted({lm[:-1] if lm[-1] in lex.alternating_finals else lm
                                             for lm in self._by_lemma}))
        self._verbal_noun_endings = tuple(lex.verbal_noun_endings)
        self._postposition_words = {w for words in lex.postpositions.values() for w in words}
        self._event_nouns = frozenset(lex.event_nouns)
        self._event_verbs = tuple(lex.event_verbs)
        mod = lex.modality
        self._modal_words = frozenset(mod.obligation + mod.possible + mod.intended)

    def find(self, view: SentenceView) -> list[Hit]:
        found = []
        # a word inside a name is no trigger (a person called Сапар)
        starts = [t.i for t in view.tokens if t.lower.startswith(self._first_stems) and not view.mention_at(t.i)]
        for rule in self.rules:
            for i in starts:
                last = view.match(rule.pattern, i)
                if last is not None and ((rule.exclude and any(
                        view.tokens[k].lower.startswith(rule.exclude) for k in range(i, last + 1)))
                        or self._after_excluded(view, rule, i)):
                    continue
                if last is not None:
                    found.append(Hit(rule, (i, last), rule.pattern[-1]))
        found += self._verb_hits(view)
        return self._yield(view, self._join_same(view, keep_longest(found, span=lambda h: h.span)))

    @staticmethod
    def _yield(view: SentenceView, hits: list[Hit]) -> list[Hit]:
        """Drop an adverb trigger (бірге) that another trigger follows before the next punctuation:
        the partner it brings belongs to that event (X Y-пен бірге құжатқа қол қойды)."""
        out = []
        for n, h in enumerate(hits):
            nxt = hits[n + 1] if n + 1 < len(hits) else None
            if h.rule.yields and nxt is not None and not any(
                    t.is_punct for t in view.tokens[h.last + 1:nxt.first]):
                continue
            out.append(h)
        return out

    def _verb_hits(self, view: SentenceView) -> list[Hit]:
        """Triggers whose last word is a verb named by lemma, in any inflection that fits their features."""
        found = []
        prefixes = self._lemma_prefixes
        for tok in view.tokens:
            if not prefixes or not tok.lower.startswith(prefixes) or view.mention_at(tok.i):
                continue
            seen = set()
            for reading in self.reader.verb_readings(tok):
                for rule in self._by_lemma.get(reading.lemma, ()):
                    if id(rule) in seen or not rule.reading_fits(reading.feats) or self._auxiliary(view, tok.i, rule,
                                                                                                  reading):
                        continue
                    first = tok.i - len(rule.pattern)  # the words before the verb: a light verb's noun
                    if first < 0 or (rule.pattern and view.match(rule.pattern, first) != tok.i - 1):
                        continue
                    if any(view.mention_at(k) for k in range(first, tok.i)) or (rule.exclude and any(
                            view.tokens[k].lower.startswith(rule.exclude) for k in range(first, tok.i + 1))) \
                            or self._after_excluded(view, rule, first):
                        continue
                    seen.add(id(rule))
                    found.append(Hit(rule, (first, tok.i), (reading.lemma,), reading))
        return found

    @staticmethod
    def _after_excluded(view: SentenceView, rule: TriggerRule, first: int) -> bool:
        """The word right before the trigger makes it another phrase: "шешім қабылдады" (adopted a
        decision) is no reception of a person, "билікке келді" (came to power) no visit."""
        return bool(rule.not_after) and first > 0 and view.tokens[first - 1].lower.startswith(rule.not_after)

    def _auxiliary(self, view: SentenceView, i: int, rule: TriggerRule, reading) -> bool:
        """A verb that is an auxiliary after another verb's converb (көмектесіп келеді: has been
        helping) is no trigger of its own; a light verb after its noun (қол қойды) is the trigger."""
        if not reading.auxiliary or i == 0 or rule.pattern:
            return False
        before = self.reader.verb_readings(view.tokens[i - 1])
        return any(r.feats.get("VerbForm") in ("Conv", "Inf") and r.lemma not in rule.lemmas for r in before[:1])

    @staticmethod
    def _join_same(view: SentenceView, hits: list[Hit]) -> list[Hit]:
        """Two triggers of one predicate side by side are one (сапармен аттанды: a trip noun and a
        verb of going): the later one, a verb, reads the polarity and mood."""
        out: list[Hit] = []
        for h in hits:
            prev = out[-1] if out else None
            if (prev is not None and prev.last + 1 == h.first and prev.rule.predicate == h.rule.predicate
                    and (prev.reading is not None or h.reading is not None)):
                out[-1] = h._replace(span=(prev.first, h.last)) if h.reading is not None else prev._replace(
                    span=(prev.first, h.last))
                continue
            out.append(h)
        return out

    def clause_final(self, view: SentenceView, last: int) -> bool:
        """Does the clause end after this trigger's verb (punctuation or "және" next)?"""
        group = self.reader.verb_group(view, last)
        end = group[-1] if group else last
        if end + 1 >= len(view):
            return True
        nxt = view.tokens[end + 1]
        return nxt.is_punct or nxt.lower in self.lex.clause_conjunctions

    def relative(self, view: SentenceView, last: int) -> bool:
        """A participle trigger before a word or name of its own: a relative clause
        (... қолдаған елдер, ... қолдаған Вьетнамға)."""
        word = view.tokens[last].lower
        nxt = last + 1
        return (word.endswith(tuple(self.lex.roles.participle_endings)) and nxt < len(view)
                and not view.tokens[nxt].is_punct)

    def qualifies_object(self, view: SentenceView, hit: Hit) -> bool:
        """A participle of going before a common noun that is an argument of the main verb
        ("Ташкентке келген делегацияны қабылдады"): that noun is its subject, not the sentence's."""
        rule, nxt = hit.rule, hit.last + 1
        if not self.of_going(rule):
            return False
        if not self.relative(view, hit.last) or view.mention_at(nxt):
            return False
        return self.reader.case_of(view.tokens[nxt]) in ("acc", "dat", "ins", "gen")

    @staticmethod
    def of_going(rule) -> bool:
        """A verb of going: its dative is where to (visit), not whom; a signed or supported thing
        after a participle (қол қойған Жарлықты) is its object, not its doer."""
        return bool(rule.lemmas) and rule.frame.get("dat") == "location"

    def complement(self, view: SentenceView, last: int) -> bool:
        """A verbal-noun complement (беруді, көрсетуге) that waits for a later verb's subject."""
        return view.tokens[last].lower.endswith(tuple(self.lex.complement_endings))

    def reason(self, view: SentenceView, trigger: tuple[int, int]) -> bool:
        """A possessed participle before a reason word (қолдағаны үшін, келгені үшін): the reason of
        another verb (алғыс айтты), done by its object, not by the sentence's subject."""
        last, nxt = view.tokens[trigger[1]].lower, trigger[1] + 1
        return (bool(self.lex.reason_words) and nxt < len(view) and view.tokens[nxt].lower in self.lex.reason_words
                and last.endswith(tuple(self.lex.reason_endings)))

    def directed(self, view: SentenceView, trigger: tuple[int, int]) -> bool:
        """A verbal-noun complement of a directive verb (салуға шақырды, көрсетуді тапсырды)."""
        last = view.tokens[trigger[1]].lower
        if not self.lex.directive_verbs or not last.endswith(tuple(self.lex.complement_endings)):
            return False
        nxt = trigger[1] + 1
        return nxt < len(view) and view.tokens[nxt].lower.startswith(tuple(self.lex.directive_verbs))

    def first_or_second_person(self, view: SentenceView, trigger: tuple[int, int]) -> bool:
        """The finite verb (the trigger's last word or the last of its verb group) is in the 1st/2nd person."""
        endings = tuple(self.lex.personal_endings)
        if not endings:
            return False
        group = self.reader.verb_group(view, trigger[1])
        words = {view.tokens[trigger[1]].lower, view.tokens[group[-1]].lower if group else ""}
        return any(len(w) > 4 and w.endswith(endings) for w in words)

    def headline(self, view: SentenceView, trigger: tuple[int, int]) -> bool:
        """A heading that closes on a verbal noun (... X-пен кездесу): no finite verb."""
        if view.sentence.kind != "heading":
            return False
        rest = [t for t in view.tokens[trigger[1] + 1:] if not t.is_punct]
        return not rest and view.tokens[trigger[1]].lower.endswith(self._verbal_noun_endings)

    def event_noun_as_object(self, view: SentenceView, trigger: tuple[int, int]) -> bool:
        """A one-word trigger that is an event noun in the accusative or genitive, or
        before a postposition (шабуылына қарсы, шабуылдан кейін)."""
        first, last = trigger
        if first != last or not self._event_nouns:
            return False
        analyses = [a for a in self.reader.analyser.analyses(view.tokens[first].lower)
                    if a.stem.lower() in self._event_nouns]
        nxt = view.tokens[last + 1].lower if last + 1 < len(view) else ""
        if any(a.case in ("acc", "gen") for a in analyses):
            # келіссөздерді жүргізді: the subject's; кездесуді жоспарлап отыр: the subject plans it
            return not nxt.startswith(self._event_verbs) and nxt not in self._modal_words
        if nxt and nxt not in self._modal_words and not nxt.startswith(self._event_verbs) and any(
                a.case == "nom" for a in analyses) and any(
                self.reader.analyser.is_possessed(nxt, case) for case in ("acc", "gen")):
            # келіссөздер қорытындысын: the event possesses the next noun (not "келіссөз
            # жүргізетінін", a verb of carrying it out in a reported clause, nor "кездесуі мүмкін")
            return True
        return bool(analyses) and nxt in self._postposition_words
