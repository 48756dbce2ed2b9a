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

The work is in three parts: :mod:`.case_frames_find` finds the triggers of a sentence,
:mod:`.case_frames_decide` decides each one's clause, roles, agent, polarity and modality
(with :mod:`.case_frames_args` reading the names), and this module writes the Claim records.

Each trigger is a typed :class:`~pipeline.lexicon.TriggerRule` (its frame, CAMEO coding, the
roles it requires and the entity types that may fill them, whether it names the event from the
recipient's side); claims carry the CAMEO code, quad class and Goldstein weight. Symmetric
predicates read "A мен B" as agent A, recipient B; a heading with no agent (X-пен кездесу) gives
a partner-only claim unless the document gives the same event an agent.
"""
from __future__ import annotations

from dataclasses import replace
from itertools import product
from pathlib import Path
from typing import Optional

from ..lang.dates import not_yet
from ..layers import ENTITIES, LINKED_MENTIONS, MORPHOLOGY, RELATION_CLAIMS, SENTENCES, SPEECH_CLAIMS, TOKENS
from ..lexicon import TriggerRule, load_lexicon
from ..records import AnnotatedDocument, Claim, Evidence
from ..stage import Stage, StageSettings
from ..textview import Argument, SentenceView, sentence_views
from .case_frames_args import ArgumentReader
from .case_frames_decide import Clause, ClauseDecider, Decision, DocumentFrames
from .case_frames_find import TriggerFinder

MAX_CLAIMS_PER_TRIGGER = 8
QUOTES = frozenset("«»“”„\"")


class Settings(StageSettings):
    lexicon: Optional[Path] = None  # the relation lexicon; default: the language's own
    inherit_agent: bool = True  # no agent in the clause: use the sentence subject / the speaker


class CaseFrameExtractor(Stage):
    # reads the reported words, and each word's lemma and features (verb triggers go by lemma)
    requires = (TOKENS, SENTENCES, LINKED_MENTIONS, ENTITIES, SPEECH_CLAIMS, MORPHOLOGY)
    provides = (RELATION_CLAIMS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        lang = context.language_pack  # what it reads of the language first: a language without it says so
        make_reader, self.dates = lang.frame_reader, lang.dates
        self.lex = load_lexicon(context.lexicon(settings.lexicon))
        self.reader = make_reader(self.lex)
        self.reader.layer_case = True  # case frames read Case from the morphology layer they require
        self.finder = TriggerFinder(self.lex, self.reader)
        self.args = ArgumentReader(self.lex, self.reader)
        # titles that name a person without a name (Мемлекет басшысы), as word patterns
        self._referring = [tuple(t.lower().split()) for t in self.lex.speech.referring_titles]
        self._referring_firsts = frozenset(words[0] for words in self._referring)
        confidence = {key: self.lex.confidence_of("case_frames", key)
                      for key in ("own_agent", "inherited_agent", "no_agent", "per_role", "max")}
        self.decider = ClauseDecider(self.lex, self.reader, self.finder, self.args, confidence,
                                     settings.inherit_agent)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        # reported words and their speakers, indexed once for this document's triggers
        frames = DocumentFrames.of(doc, self.lex.speech.predicate, self.lex.roles.title_heads)
        new: list[Claim] = []
        for view in sentence_views(doc):
            new += self._sentence(frames, view)
        return doc.with_layers(claims=list(doc.claims) + self._headline_agents(new))

    def _sentence(self, frames: DocumentFrames, view: SentenceView) -> list[Claim]:
        hits = self.finder.find(view)
        if not hits:
            return []
        args = self._titled_subject(view, self.args.title_subjects(view, self.args.read(view, hits), hits,
                                                                     frames.title_holder))
        subject = next((a for a in args if a.case == "nom"), None)
        firsts = [a.first for a in args]  # args are in order: a clause's are found by bisection
        per_hit: list[list[Claim]] = []
        pending: list[Clause] = []  # complements still looking for a subject
        clause_start = 0
        for n, hit in enumerate(hits):
            said = frames.said_at(view.tokens[hit.first].start)
            nested = n + 1 < len(hits) and hits[n + 1].first == hit.last + 1
            window = self.decider.window(view, args, firsts, hit, clause_start, said)
            own_subject = said is None and not self.finder.qualifies_object(view, hit)
            clause = Clause(view, hit, window, subject if own_subject else None, said, nested)
            claims = self._claims(frames, clause)
            per_hit.append(claims)
            if not claims and self.finder.complement(view, hit.last):
                pending.append(clause)
            elif claims and pending:
                agents = [c.agent for c in claims if c.agent]
                for p in pending:
                    per_hit.append(self._claims(frames, replace(p, nested=True), agents))
                pending = []
            # a reason (қолдағаны үшін) ends no clause: the verb it is the reason of takes the same names
            if not nested and not pending and self.finder.clause_final(view, hit.last) and not self.finder.reason(
                    view, hit.span):
                clause_start = hit.last + 1
        return [c for claims in per_hit for c in claims]

    def _titled_subject(self, view: SentenceView, args: list[Argument]) -> list[Argument]:
        """A referring title not followed by a name (Мемлекет басшысы, Елбасы) is the subject of its
        stretch: a bare name after it in the same stretch is no agent ("Мемлекет басшысы X компаниясының
        директоры Y-пен кездесті": not X), only a possessor."""
        out, title_end = [], None
        firsts = {a.first for a in args}
        for t in view.tokens:
            if t.is_punct and t.text not in QUOTES:  # a quoted name («Bloomberg» компаниясының) is inside it
                title_end = None
            elif title_end is None or t.i > title_end:
                end = self._referring_end(view, t.i) if t.lower in self._referring_firsts else None
                named = view.mention_at(end + 1) if end is not None and end + 1 < len(view) else None
                if end is not None and (named is None or named.label != "PERSON"):  # not "Елбасы X ..."
                    title_end = end
            if t.i in firsts:
                for a in args:
                    if a.first == t.i:
                        out.append(Argument(a.mention, "embedded", a.first, a.last, a.head)
                                   if title_end is not None and a.case == "nom" and a.first > title_end else a)
        return out

    def _referring_end(self, view: SentenceView, k: int) -> Optional[int]:
        """The last word of a referring title (the whole words: not "Елбасының") that starts at ``k``."""
        for words in self._referring:
            end = k + len(words) - 1
            if end < len(view) and tuple(t.lower for t in view.tokens[k:end + 1]) == words:
                return end
        return None

    def _claims(self, frames: DocumentFrames, clause: Clause, agents: list[str] | None = None) -> list[Claim]:
        decision = self.decider.decide(frames, clause, agents)
        return self._records(frames.doc, decision) if decision is not None else []

    def _records(self, doc: AnnotatedDocument, d: Decision) -> list[Claim]:
        """One claim per agent and combination of role fillers (at most MAX_CLAIMS_PER_TRIGGER)."""
        view, rule, trigger, said = d.clause.view, d.clause.hit.rule, d.clause.hit.span, d.clause.said
        used = [a for fillers in d.roles.values() for a in fillers] + [
            a for a in d.clause.window if a.mention.entity_id in d.agents]
        text, dates = self._text_and_date(doc, view, trigger, used)
        role_names = sorted(d.roles)
        theme_text = self._theme_text(view, rule, trigger, used) if "theme" not in d.roles else None
        if theme_text is None and rule.theme_before and "theme" not in d.roles and trigger[0] > 0:
            theme_text = self._word_in_case(view, trigger[0] - 1, rule.theme_before)
        cameo = rule.cameo
        event = dict(cameo=cameo.code, quad_class=cameo.quad_class, goldstein=cameo.goldstein) if cameo else {}
        s = view.sentence
        claims = []
        for agent, fillers in product(d.agents or [None], product(*[d.roles[r] for r in role_names])):
            # "X мен Y серіктес емес": a name whose head is the trigger itself leaves the negator to the
            # trigger's own polarity (counted once, not twice)
            negated_arg = any(self.args.negated(view, a) for a in fillers
                              if a.head is None or not trigger[0] <= a.head <= trigger[1])
            claim_polarity = "negated" if negated_arg or d.polarity == "negated" else "affirmed"
            if negated_arg and d.polarity == "negated":
                claim_polarity = "affirmed"  # "not X ... not" is rare; keep the plain reading
            filled = {r: a.mention.entity_id for r, a in zip(role_names, fillers) if a.mention.entity_id != agent}
            if any(r not in filled for r in rule.requires if r != "agent"):
                continue  # the required partner was the agent itself
            claims.append(Claim(
                id=f"{doc.document.id}-{rule.predicate}-{view.tokens[trigger[0]].start}-{len(claims)}",
                predicate=rule.predicate, agent=agent, polarity=claim_polarity,
                modality=not_yet(d.modality or "asserted", dates[0].date if dates else None, doc.document.date),
                author=(agent if agent in d.speakers and not d.own else said.agent) if said else None, text=text,
                date=dates[0].value if dates else None,
                evidence=Evidence(start=s.start, end=s.end, exact=doc.text[s.start:s.end]), theme_text=theme_text,
                confidence=min(self.decider.confidence["max"],
                               d.confidence + self.decider.confidence["per_role"] * len(filled)),
                **event, **filled,
            ))
            if len(claims) >= MAX_CLAIMS_PER_TRIGGER:
                break
        return claims

    def _text_and_date(self, doc: AnnotatedDocument, view: SentenceView, trigger: tuple[int, int], used):
        """The claim's words (from its first argument to the end of its verb) and its own dates:
        one written inside its clause, else one that opens the sentence."""
        clause_start = min([a.first for a in used] + [trigger[0]])
        verb_end = (self.reader.verb_group(view, trigger[1]) or [trigger[1]])[-1]
        text = view.span_text(clause_start, verb_end)
        dates = self.dates.find(doc.text, doc.document.date, view.tokens[clause_start].start,
                                view.tokens[verb_end].end)
        if not dates and clause_start > 0:
            # a date that opens the sentence scopes over it: "Өткен жылдың қараша айында X ..."
            dates = [d for d in self.dates.find(doc.text, doc.document.date, view.tokens[0].start,
                                                view.tokens[clause_start].start)
                     if d.start == view.tokens[0].start]
        return text, dates

    @staticmethod
    def _headline_agents(claims: list[Claim]) -> list[Claim]:
        """A claim with no agent (a headline: X-пен кездесу) takes the agent that the document
        gives the same event with the same partner (... X-пен кездесті); else it keeps none."""
        agent_of: dict[tuple, str] = {}  # (predicate, recipient, location, theme) -> the first agent given
        for o in claims:
            if o.agent and o.agent not in (o.recipient, o.location):
                agent_of.setdefault((o.predicate, o.recipient, o.location, o.theme), o.agent)
        out = []
        for c in claims:
            if c.agent is None:
                known = agent_of.get((c.predicate, c.recipient, c.location, c.theme))
                if known:
                    c = c.model_copy(update={"agent": known})
            out.append(c)
        return out

    def _theme_text(self, view: SentenceView, rule: TriggerRule, trigger: tuple[int, int], used) -> str | None:
        """The words naming the theme before a marker (X Сенат депутаты болып тағайындалды -> Сенат депутаты)."""
        if not rule.theme_markers:
            return None
        marker = next((k for k in range(trigger[0] - 1, max(-1, trigger[0] - 4), -1)
                       if view.tokens[k].lower in rule.theme_markers), None)
        if marker is None:
            return None
        start = max([a.last + 1 for a in used if a.last < marker and a.case != "title"] + [0])
        start = max(start, marker - self.lex.roles.max_title_words)
        words = [t for t in view.tokens[start:marker] if not t.is_punct]
        return view.span_text(words[0].i, words[-1].i) if words else None

    def _word_in_case(self, view: SentenceView, k: int, case: str) -> str | None:
        """The stem of word ``k`` when it stands in ``case`` (Жарлыққа -> Жарлық), not a name's."""
        tok = view.tokens[k]
        if tok.is_punct or view.mention_at(k):
            return None
        found = [a for a in self.reader.analyser.analyses(tok.lower) if a.case == case and len(a.stem) > 2]
        stems = [a.stem for a in sorted(found, key=lambda a: a.possessive is not None)]
        return tok.text[:len(stems[0])] if stems else None
