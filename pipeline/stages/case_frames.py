"""CaseFrameExtractor: relations from trigger words and the cases of the names
around them (lexicon: ``configs/relations_kk.yaml``).

For each trigger (``алғыс айтты``, ``уәде етті``, ``шабуыл``...) the clause is
the text from the previous clause-final trigger (or the sentence start) to the
trigger; each name in it fills the role its effective case maps to in the
predicate's frame (nominative/genitive -> agent, dative -> recipient, accusative
-> theme, locative -> location, ablative -> source, instrumental -> partner).
With no agent in the clause, the sentence's subject is the agent, or, inside
reported speech, the speaker. Inside reported speech the speaker is the claim's
author. ``X емес`` on an argument gives a negated claim for it; negative verb
forms and ``емес``/``жоқ`` negate the whole claim; ``тиіс``, ``мүмкін``, ``-мақ``
set the modality.
"""
from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import Optional

from ..lexicon import load_lexicon
from ..layers import ENTITIES, RELATION_CLAIMS, SENTENCES, SPEECH_CLAIMS
from ..records import AnnotatedDocument, Claim, Evidence
from ..spans import keep_longest
from ..stage import Stage, StageSettings
from ..textview import Argument, SentenceView, sentence_views

RECEIVE = ":receive"  # suffix of a receive trigger's predicate inside this stage
ARGUMENT_LABELS = {"PERSON", "ORG", "COUNTRY", "NORP", "GPE", "LOC", "FAC", "GROUP"}
MAX_CLAIMS_PER_TRIGGER = 8


class Settings(StageSettings):
    lexicon: Optional[Path] = None  # the relation lexicon; default: the language's own
    inherit_agent: bool = True  # no agent in the clause: use the sentence subject / the speaker


class CaseFrameExtractor(Stage):
    requires = (SENTENCES, ENTITIES, SPEECH_CLAIMS)  # reads the reported words
    provides = (RELATION_CLAIMS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        self.lex = load_lexicon(context.lexicon(settings.lexicon))
        self.reader = context.language_pack.frame_reader(self.lex)
        self.dates = context.language_pack.dates
        # receive triggers go by "<predicate>:receive" inside this stage
        self.triggers = self.lex.trigger_patterns() + [
            (f"{name}{RECEIVE}", pattern) for name, pattern in self.lex.receive_patterns()]
        self._first_stems = tuple(s for _, p in self.triggers for s in p[0])
        self.coordinators = set(self.lex.coordinators)
        self._postposition_words = {w for words in self.lex.postpositions.values() for w in words}
        self._event_nouns = frozenset(self.lex.event_nouns)
        self._event_verbs = tuple(self.lex.event_verbs)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        claims = list(doc.claims)
        speech = [c for c in doc.claims if c.predicate == self.lex.speech.predicate and c.content]
        new: list[Claim] = []
        for view in sentence_views(doc):
            new += self._sentence(doc, view, speech)
        return doc.with_layers(claims=claims + new)

    def _sentence(self, doc: AnnotatedDocument, view: SentenceView, speech) -> list[Claim]:
        hits = self._find_triggers(view)
        if not hits:
            return []
        trigger_tokens = {k for _, (a, b), _ in hits for k in range(a, b + 1)}
        args = self._group_inflection(view, [self.reader.argument(view, m, trigger_tokens) for m in view.mentions
                                             if m.entity_id and m.label in ARGUMENT_LABELS])
        subject = next((a for a in args if a.case == "nom"), None)
        per_hit: list[list[Claim]] = []
        pending: list[tuple] = []  # complements still looking for a subject
        clause_start = 0
        for n, (predicate, (first, last), stems) in enumerate(hits):
            said = next((c for c in speech if c.content.start <= view.tokens[first].start < c.content.end), None)
            window = [a for a in args if clause_start <= a.first and a.last < first]
            if said is not None:  # reported words: the arguments are inside them
                window = [a for a in window if a.mention.start >= said.content.start]
            nested = n + 1 < len(hits) and hits[n + 1][1][0] == last + 1
            hit = (doc, view, predicate, (first, last), stems, window, None if said else subject, said, nested)
            claims = self._claims(*hit)
            per_hit.append(claims)
            if not claims and view.tokens[last].lower.endswith(tuple(self.lex.complement_endings)):
                pending.append(hit)
            elif claims and pending:
                agents = [c.agent for c in claims if c.agent]
                for p in pending:
                    per_hit.append(self._claims(*p[:8], True, agents=agents))
                pending = []
            if not nested and not pending and self._clause_final(view, last):
                clause_start = last + 1
        return [c for claims in per_hit for c in claims]

    def _event_noun_as_object(self, view: SentenceView, trigger: tuple[int, int]) -> bool:
        """A one-word trigger that is an event noun in the accusative or genitive, or
        before a postposition (шабуылына қарсы, шабуылдан кейін)."""
        first, last = trigger
        if first != last or not self._event_nouns:
            return False
        analyses = [a for a in self.reader.analyser.analyses(view.tokens[first].lower)
                    if a.stem.lower() in self._event_nouns]
        nxt = view.tokens[last + 1].lower if last + 1 < len(view) else ""
        if any(a.case in ("acc", "gen") for a in analyses):
            return not nxt.startswith(self._event_verbs)  # келіссөздерді жүргізді: the subject's
        return bool(analyses) and nxt in self._postposition_words

    def _group_inflection(self, view: SentenceView, args: list[Argument]) -> list[Argument]:
        """Kazakh inflects a coordination once, on its last member: in
        "Қазақстан мен Қытайға" both are datives."""
        args = sorted(args, key=lambda a: a.first)
        out = list(args)
        for k in range(len(out) - 2, -1, -1):
            a, b = out[k], out[k + 1]
            between = [t.lower for t in view.tokens[a.last + 1:b.first]]
            if (a.case == "nom" and a.head is None and between and set(between) <= self.coordinators
                    and b.case not in ("nom", "title", "embedded", "post")):
                out[k] = Argument(a.mention, b.case, a.first, a.last, b.head)
        # "X мен Y арасындағы": X acts, Y is the partner
        for k in range(len(out) - 1):
            a, b = out[k], out[k + 1]
            between = [t.lower for t in view.tokens[a.last + 1:b.first]]
            after = view.tokens[b.last + 1].lower if b.last + 1 < len(view) else ""
            if between and set(between) <= self.coordinators and after in self.lex.between_words:
                out[k] = Argument(a.mention, "nom", a.first, a.last, None, between=True)
                out[k + 1] = Argument(b.mention, "ins", b.first, b.last, None)
        return out

    def _find_triggers(self, view: SentenceView):
        found = []
        starts = [t.i for t in view.tokens if t.lower.startswith(self._first_stems)]
        for predicate, pattern in self.triggers:
            for i in starts:
                last = view.match(pattern, i)
                if last is not None:
                    found.append((predicate, (i, last), pattern[-1]))
        return keep_longest(found, span=lambda h: h[1])

    def _clause_final(self, view: SentenceView, last: int) -> bool:
        """Does the clause end after this trigger's verb (punctuation or "және" next)?"""
        group = self.reader.verb_group(view, last)
        end = group[-1] if group else last
        if end + 1 >= len(view):
            return True
        nxt = view.tokens[end + 1]
        return nxt.is_punct or nxt.lower in self.lex.clause_conjunctions

    def _claims(self, doc, view, predicate, trigger, stems, window: list[Argument], subject, said, nested,
                agents: list[str] | None = None):
        receive = predicate.endswith(RECEIVE)
        predicate = predicate.removesuffix(RECEIVE)
        frame = self.lex.receive_frame if receive else self.lex.frame(predicate)
        roles: dict[str, list[Argument]] = {}
        for a in window:
            role = frame.get(a.case)
            if role:
                roles.setdefault(role, []).append(a)
        if receive:
            # the giver: an ablative close before the trigger (АҚШ-тан кепілдік); the subject receives
            givers = [a for a in roles.get("agent", []) if trigger[0] - a.last <= self.lex.receive_reach]
            if not givers:
                return []
            roles["agent"] = self._coordinated_before(view, roles["agent"], givers[-1])
            if "recipient" not in roles and subject is not None and subject.last < trigger[0]:
                roles["recipient"] = [subject]
            subject, agents = None, None
        if self._event_noun_as_object(view, trigger):
            # "...Ресейдің Украинаға шабуылын айыптады": the possessor did it, not the subject
            roles["agent"] = [a for a in roles.get("agent", []) if a.case == "gen"]
            if not roles["agent"]:
                return []
            subject, agents = None, None
        pair = [a for a in roles.get("agent", []) if a.between]
        if pair:  # "Түркия Ресей мен Украина арасында келіссөз ...": the pair negotiates
            roles["agent"] = pair
        roles = {role: self._pick(view, role, fillers) for role, fillers in roles.items()}
        confidence = 0.7
        if "agent" not in roles and self.settings.inherit_agent:
            if subject is not None and subject.last < trigger[0] and subject not in window:
                roles["agent"] = [subject]
                confidence = 0.55
        # in a reported clause (Песков ... көмектесетінін айтты) the speaker is the
        # subject when no other is named; in a quotation or "according to" it is not
        speaker_is_subject = said is not None and said.construction == "reported_clause"
        own = [a.mention.entity_id for a in roles.pop("agent", [])]
        agents = own or agents or ([said.agent] if speaker_is_subject and self.settings.inherit_agent else [])
        if not agents:
            return []  # who did it is the point of a claim
        polarity = self.reader.polarity(view, trigger, stems)
        modality = self.reader.modality(view, trigger, stems) or ("intended" if nested else None)
        if said is not None:
            modality = modality or "reported"
        s = view.sentence
        used = [a for fillers in roles.values() for a in fillers] + [
            a for a in window if a.mention.entity_id in agents]
        clause_start = min([a.first for a in used] + [trigger[0]])
        verb_end = (self.reader.verb_group(view, trigger[1]) or [trigger[1]])[-1]
        text = view.span_text(clause_start, verb_end)
        # the claim's own date: one written inside its clause
        dates = self.dates.find(doc.text, doc.document.date, view.tokens[clause_start].start,
                                view.tokens[verb_end].end)
        if not dates and clause_start > 0:
            # a date that opens the sentence scopes over it: "Өткен жылдың қараша айында X ..."
            dates = [d for d in self.dates.find(doc.text, doc.document.date, view.tokens[0].start,
                                                view.tokens[clause_start].start)
                     if d.start == view.tokens[0].start]
        role_names = sorted(roles)
        claims = []
        for agent, fillers in product(agents or [None], product(*[roles[r] for r in role_names])):
            negated_arg = any(self._negated(view, a) for a in fillers)
            claim_polarity = "negated" if negated_arg or polarity == "negated" else "affirmed"
            if negated_arg and polarity == "negated":
                claim_polarity = "affirmed"  # "not X ... not" is rare; keep the plain reading
            filled = {r: a.mention.entity_id for r, a in zip(role_names, fillers) if a.mention.entity_id != agent}
            claims.append(Claim(
                id=f"{doc.document.id}-{predicate}-{view.tokens[trigger[0]].start}-{len(claims)}",
                predicate=predicate, agent=agent, polarity=claim_polarity, modality=modality or "asserted",
                author=said.agent if said else None, text=text, date=dates[0].value if dates else None,
                evidence=Evidence(start=s.start, end=s.end, exact=doc.text[s.start:s.end]),
                confidence=min(0.95, confidence + 0.05 * len(filled)), **filled,
            ))
            if len(claims) >= MAX_CLAIMS_PER_TRIGGER:
                break
        return claims

    def _coordinated_before(self, view: SentenceView, fillers: list[Argument], last: Argument) -> list[Argument]:
        """``last`` and the fillers joined to it by coordinators before it (АҚШ, Ресей және Франциядан)."""
        fillers = sorted(fillers, key=lambda a: a.first)
        chain = [last]
        for a in reversed([f for f in fillers if f.last < last.first]):
            between = {t.lower for t in view.tokens[a.last + 1:chain[0].first]}
            if not between or not between <= self.coordinators:
                break
            chain.insert(0, a)
        return chain

    def _pick(self, view: SentenceView, role: str, fillers: list[Argument]) -> list[Argument]:
        """The filler of a role: the subject comes first in a Kazakh clause, the
        other roles stand nearest the verb; fillers coordinated with it
        (X мен Y, X, Y және Z) come along."""
        fillers = sorted(fillers, key=lambda a: a.first)
        pick = 0 if role == "agent" else len(fillers) - 1
        chosen = [fillers[pick]]
        for step in (-1, 1):
            k = pick
            while 0 <= k + step < len(fillers):
                a, b = sorted((fillers[k], fillers[k + step]), key=lambda x: x.first)
                between = {t.lower for t in view.tokens[(a.head or a.last) + 1:b.first]}
                if not between or not between <= self.coordinators:
                    break
                k += step
                chosen.append(fillers[k])
        seen, out = set(), []
        for a in sorted(chosen, key=lambda x: x.first):
            if a.mention.entity_id not in seen:
                seen.add(a.mention.entity_id)
                out.append(a)
        return out

    def _negated(self, view: SentenceView, a: Argument) -> bool:
        end = a.head if a.head is not None else a.last
        return end + 1 < len(view) and view.tokens[end + 1].lower in self.lex.polarity.negators
