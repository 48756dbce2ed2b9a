"""Deciding what a trigger says: its clause (the names it may take), the role each
name fills by its case, who the agent is when the clause names none (the sentence's
subject, or the speaker of the reported words it stands in), its polarity and modality.

Everything a document adds (its reported words, their speakers) travels in a
:class:`DocumentFrames` made once per call; the decider keeps no per-document state.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Optional

from ..lexicon import Lexicon
from ..records import AnnotatedDocument, Claim, Mention
from ..spans import SpanIndex
from ..textview import Argument, SentenceView
from .case_frames_args import ArgumentReader
from .case_frames_find import Hit, TriggerFinder

PAIR_REACH = 20  # person mentions looked back at for "екі ел басшысы", at most
PAIR_WINDOW = 5  # words between the start of a pair phrase and the trigger, at most


@dataclass(frozen=True)
class DocumentFrames:
    """What one document gives every trigger in it: its reported words, indexed by offset,
    and the speakers of each (made once per document)."""

    doc: AnnotatedDocument
    speech: SpanIndex
    speakers: dict[tuple, list[str]]
    persons: list[Mention]  # the document's person mentions, in order
    person_starts: list[int]
    first_named: dict[str, int]  # person entity -> where the document first names it
    title_heads: tuple[str, ...] = ()
    titled: dict[tuple[str, str], list[str]] | None = None  # (affiliation, title head) -> its persons

    @classmethod
    def of(cls, doc: AnnotatedDocument, speech_predicate: str, title_heads=()) -> "DocumentFrames":
        said = SpanIndex([c for c in doc.claims if c.predicate == speech_predicate and c.content],
                         span=lambda c: (c.content.start, c.content.end))
        persons = sorted((m for m in doc.mentions if m.label == "PERSON" and m.entity_id), key=lambda m: m.start)
        first: dict[str, int] = {}
        for m in persons:
            first.setdefault(m.entity_id, m.start)
        heads = tuple(sorted(title_heads, key=len, reverse=True))  # the longest head first (вице-президент)
        titled: dict[tuple[str, str], list[str]] = {}
        for e in doc.entities:
            head = _head_of(e.job_title.split()[-1], heads) if e.affiliation and e.job_title else None
            if head and e.id in first:
                titled.setdefault((e.affiliation, head), []).append(e.id)
        return cls(doc, said, _speakers_of(doc.claims), persons, [m.start for m in persons], first, heads, titled)

    def title_holder(self, holder_of: str, title: str, offset: int) -> Optional[str]:
        """The one person the document named before ``offset`` with this title of ``holder_of``
        ("Қазақстан Президенті X ... . Қазақстан Президенті ...": X), else None."""
        head = _head_of(title, self.title_heads)
        found = [p for p in (self.titled or {}).get((holder_of, head), []) if self.first_named[p] < offset]
        return found[0] if len(found) == 1 else None

    def pair_before(self, offset: int) -> list[Mention]:
        """The last two persons named before ``offset`` (their latest mentions), in the order the
        document first names them; fewer when it names fewer (a bounded walk back)."""
        found: dict[str, Mention] = {}
        k = bisect_left(self.person_starts, offset)
        for m in reversed(self.persons[max(0, k - PAIR_REACH):k]):
            found.setdefault(m.entity_id, m)
            if len(found) == 2:
                break
        return sorted(found.values(), key=lambda m: self.first_named[m.entity_id])

    def said_at(self, offset: int) -> Optional[Claim]:
        """The reported words a trigger at ``offset`` stands in, if any."""
        return next(iter(self.speech.overlapping(offset, offset + 1)), None)

    def speakers_of(self, said: Optional[Claim]) -> list[str]:
        return self.speakers.get((said.predicate, said.content), []) if said is not None else []


@dataclass(frozen=True)
class Clause:
    """A trigger with the names of its clause, the sentence's subject (None inside reported
    words), the reported words it stands in, and whether it is nested in a later trigger."""

    view: SentenceView
    hit: Hit
    window: list[Argument]
    subject: Optional[Argument]
    said: Optional[Claim]
    nested: bool


@dataclass
class Decision:
    """Who did what: the agents, the other roles' fillers, how sure, polarity and modality."""

    clause: Clause
    roles: dict[str, list[Argument]]
    agents: list[str]
    own: list[str]  # agents named in the clause itself
    speakers: list[str]
    confidence: float
    polarity: str = "affirmed"
    modality: Optional[str] = None
    passive: bool = False


class ClauseDecider:
    def __init__(self, lex: Lexicon, reader, finder: TriggerFinder, args: ArgumentReader, confidence: dict,
                 inherit_agent: bool):
        self.lex, self.reader, self.finder, self.args = lex, reader, finder, args
        self.confidence = confidence
        self.inherit_agent = inherit_agent
        # "Жапония тарапынан көмек көрсетілді": "by X" names the agent, whatever the frame
        self._agent_markers = {m: "agent" for m in lex.speech.agent_markers}
        self._pair_patterns = lex.pair_subject_patterns()

    def window(self, view: SentenceView, args: list[Argument], firsts: list[int], hit: Hit, clause_start: int,
               said: Optional[Claim]) -> list[Argument]:
        """The names a trigger may take: those of its clause before it (``args`` in order,
        ``firsts`` their first words)."""
        first, last = hit.span
        window = [a for a in args[bisect_left(firsts, clause_start):bisect_left(firsts, first)] if a.last < first]
        if said is not None:  # reported words: the arguments are inside them
            window = [a for a in window if a.mention.start >= said.content.start]
        if self.finder.relative(view, last):
            # "..., Қытай қолдаған үйсіндерге": a participle before its noun takes its
            # arguments from its own stretch, after the last comma
            commas = [k for k in range(clause_start, first) if view.tokens[k].text in (",", ";")]
            if commas:
                window = [a for a in window if a.first > commas[-1]]
            # "Жапония қолдаған Вьетнамға": a name the participle qualifies is its object
            rule = hit.rule
            after = bisect_left(firsts, last + 1)  # the names after the participle, by bisection
            head = args[after] if after < len(args) and args[after].first == last + 1 else None
            obj = next((c for c in ("acc", "dat") if rule.frame.get(c) == "recipient"), None)
            if head is not None and obj and not any(rule.frame.get(a.case) == "recipient" for a in window):
                window = window + [Argument(head.mention, obj, head.first, head.last, None)]
            elif self.finder.qualifies_object(view, hit) or (self.finder.of_going(rule) and head is not None and
                                                             self._qualified(view, [head], last) is not None):
                # "Парижге келген X-ті / делегацияны қабылдады": a participle of going qualifies its mover
                # (X, the delegation), not the subject of the main verb
                window = [a for a in window if rule.frame.get(a.case) != "agent"] + (
                    [Argument(head.mention, "nom", head.first, head.last, None)] if head is not None else [])
            elif rule.lemmas and not any(rule.frame.get(a.case) == "agent" for a in window) and (
                    obj is None or any(rule.frame.get(a.case) == "recipient" for a in window)):
                # "Парижге барған министр X", "Y-пен кездескен X": a participle with no object to
                # take qualifies its subject
                head = self._qualified(view, args[after:after + 1], last)
                if head is not None:
                    window = window + [Argument(head.mention, "nom", head.first, head.last, None)]
        return window

    def _qualified(self, view: SentenceView, args: list[Argument], last: int) -> Optional[Argument]:
        """The name a participle qualifies (``args``: the first name after it): right after it, or
        after the title words before the name."""
        reach = last + 1 + self.lex.roles.max_title_words
        for a in args:
            if last < a.first <= reach:
                between = view.tokens[last + 1:a.first]
                possessor = a.head is not None and a.case != "title"  # қол қойған Атлас петициясы: the petition
                return a if not possessor and all(not t.is_punct and t.text[:1].islower() for t in between) else None
        return None

    def decide(self, frames: DocumentFrames, clause: Clause, agents: list[str] | None = None) -> Optional[Decision]:
        """The decision for a clause, or None when it makes no claim. ``agents``: those of a
        later verb whose complement this trigger is."""
        rule, view, trigger = clause.hit.rule, clause.view, clause.hit.span
        subject = clause.subject
        if not rule.inherit_agent:
            subject, agents = None, None
        if self.finder.directed(view, trigger):
            return None  # "X-ті инвестиция салуға шақырды": someone else is to do it
        roles = self._roles(frames.doc, clause)
        if self.finder.reason(view, trigger):
            subject, agents = None, None
            roles = self.args.reason_roles(frames.doc, clause.hit.rule, clause.window, roles)
        read = self._read_form(clause, roles)
        if read is None:
            return None
        roles, keep_subject, passive = read
        if not keep_subject:
            subject, agents = None, None
        roles = {role: self.args.pick(view, role, fillers) for role, fillers in roles.items()}
        if rule.symmetric and "recipient" not in roles and len(roles.get("agent", [])) == 2:
            if self.args.symmetric_pair(view, roles["agent"]):  # "A мен B кездесті": A the agent, B the recipient
                roles["agent"], roles["recipient"] = roles["agent"][:1], roles["agent"][1:]
        pair = self._pair_subject(frames, clause) if rule.symmetric else None
        if pair is not None:
            roles["agent"], roles["recipient"] = pair[:1], pair[1:]
        return self._agents(frames, clause, roles, subject, agents, passive)

    def _pair_subject(self, frames: DocumentFrames, clause: Clause) -> Optional[list[Argument]]:
        """"екі ел басшысы телефон арқылы сөйлесті": a pair phrase just before the trigger stands
        for the last two persons named (agent, recipient), read where the phrase stands."""
        view, first = clause.view, clause.hit.first
        for k in range(max(0, first - PAIR_WINDOW), first):
            end = next((e for e in (view.match(p, k) for p in self._pair_patterns) if e is not None), None)
            if end is not None and end < first:
                pair = frames.pair_before(view.tokens[k].start)
                if len(pair) == 2:
                    return [Argument(m, "nom", k, end, None) for m in pair]
        return None

    def _roles(self, doc, clause: Clause) -> dict[str, list[Argument]]:
        """The role each name of the clause fills, by its case (or the postposition after it)."""
        rule, view = clause.hit.rule, clause.view
        roles: dict[str, list[Argument]] = {}
        post_roles = {**self._agent_markers, **dict(rule.postposition_roles)}
        for a in clause.window:
            role = rule.frame.get(a.case)
            if a.case == "post" and post_roles:
                end = a.head if a.head is not None else a.last
                role = post_roles.get(view.tokens[end + 1].lower) if end + 1 < len(view) else None
            if role and self.args.fits(doc, rule, role, a) and not self.args.through_head(view, clause.hit, role, a):
                roles.setdefault(role, []).append(a)
        return roles

    def _read_form(self, clause: Clause, roles: dict) -> Optional[tuple[dict, bool, bool]]:
        """What the trigger's form says of its agent: (roles, may the subject or a later verb's agent
        stand in, passive), or None when it makes no claim."""
        rule, view, trigger = clause.hit.rule, clause.view, clause.hit.span
        keep_subject = True
        if self.finder.first_or_second_person(view, trigger):
            # "X-тің ұсынысын қолдаймыз": "we" support it; a nominative name is no agent
            roles["agent"] = [a for a in roles.get("agent", []) if a.case != "nom"]
            if not roles["agent"]:
                del roles["agent"]
            keep_subject = False
        if rule.receive:
            # the giver: an ablative close before the trigger (АҚШ-тан кепілдік); the subject receives
            givers = [a for a in roles.get("agent", []) if trigger[0] - a.last <= self.lex.receive_reach]
            if not givers:
                return None
            roles["agent"] = self.args.coordinated_before(view, roles["agent"], givers[-1])
            subject = clause.subject if keep_subject and rule.inherit_agent else None
            if "recipient" not in roles and subject is not None and subject.last < trigger[0]:
                roles["recipient"] = [subject]
            keep_subject = False
        passive = self._passive(view, clause.hit)
        if passive:
            # "... нысанға шабуыл жасалды": a passive names no agent in the nominative or genitive
            roles["agent"] = [a for a in roles.get("agent", []) if a.case not in ("nom", "gen") or a.between]
            if not roles["agent"]:
                del roles["agent"]
            keep_subject = False
        if self.finder.event_noun_as_object(view, trigger):
            # "...Ресейдің Украинаға шабуылын айыптады": the possessor did it, not the subject
            roles["agent"] = [a for a in roles.get("agent", []) if a.case == "gen"]
            if not roles["agent"]:
                return None
            keep_subject = False
        pair = [a for a in roles.get("agent", []) if a.between]
        if pair:  # "Түркия Ресей мен Украина арасында келіссөз ...": the pair negotiates
            roles["agent"] = pair
        return roles, keep_subject, passive

    def _passive(self, view: SentenceView, hit: Hit) -> bool:
        """The trigger's verb in the passive (шабуыл жаса-л-ды, көмек көрсет-іл-ді): its subject did not
        do it; unless the trigger is the passive itself (X болып тағайындалды: the appointee)."""
        if hit.rule.receive or ("Voice", ("Pass",)) in hit.rule.feats:
            return False
        return self.reader.passive(view, hit.span, hit.stems)

    def _agents(self, frames: DocumentFrames, clause: Clause, roles: dict, subject, agents, passive: bool):
        """The agents: named in the clause, else the sentence subject, a later verb's agents or the speaker."""
        rule, view, trigger, said = clause.hit.rule, clause.view, clause.hit.span, clause.said
        confidence = self.confidence["own_agent"]
        inherit = self.inherit_agent and rule.inherit_agent
        if "agent" not in roles and inherit:
            # a converb shares the subject of the verb it leads to: "Анкараға барып, X ... кездесті"
            before = subject is not None and (subject.last < trigger[0] or clause.hit.feats.get("VerbForm") == "Conv")
            if before and subject not in clause.window and self.args.fits(
                    frames.doc, rule, "agent", subject):
                roles["agent"] = [subject]
                confidence = self.confidence["inherited_agent"]
        # in a reported clause (Песков ... көмектесетінін айтты) the speaker is the
        # subject when no other is named; in a quotation or "according to" it is not
        speaker_is_subject = said is not None and said.construction == "reported_clause" and not passive
        own = [a.mention.entity_id for a in roles.pop("agent", [])]
        # "X және Y ... хабарлады": each speaker of the same words is an agent
        speakers = frames.speakers_of(said)
        agents = own or agents or (speakers if speaker_is_subject and inherit else [])
        if any(r not in roles for r in rule.requires if r != "agent") or ("agent" in rule.requires and not agents):
            return None
        if not agents:
            # a headline without a finite verb (X-пен кездесу): the partner only, never an invented agent;
            # the document may name the agent elsewhere (filled in by the stage)
            if not (roles and self.finder.headline(view, trigger)):
                return None  # who did it is the point of a claim
            confidence = self.confidence["no_agent"]
        hit = clause.hit
        conditional = self.reader.clause_modality(view, trigger)
        modality = (("hypothetical" if conditional == "hypothetical" else None)
                    or self.reader.modality(view, trigger, hit.stems) or self.reader.reading_modality(hit.feats)
                    or conditional or ("intended" if clause.nested else None))
        if said is not None:
            modality = modality or "reported"
        # a verb trigger's own word: its reading says (тағайында-л-мақ is no negative -ма-); the
        # auxiliaries, light verbs and refusals after it are read as for a stem trigger
        polarity = "negated" if hit.feats.get("Polarity") == "Neg" else self.reader.polarity(
            view, trigger, () if hit.reading is not None else hit.stems)
        return Decision(clause, roles, agents, own, speakers, confidence,
                        polarity=polarity, modality=modality, passive=passive)


def _speakers_of(claims) -> dict[tuple, list[str]]:
    """(predicate, content) -> the agents of the claims of those words, in order (made once
    per document, by the stage's call)."""
    index: dict[tuple, list[str]] = {}
    for c in claims:
        if c.agent:
            index.setdefault((c.predicate, c.content), []).append(c.agent)
    return index


def _head_of(word: str, heads: tuple[str, ...]) -> Optional[str]:
    low = word.lower()
    return next((h for h in heads if low.startswith(h)), None)
