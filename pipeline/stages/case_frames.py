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

Each trigger is a typed :class:`~pipeline.lexicon.TriggerRule` (its frame, CAMEO coding, the
roles it requires and the entity types that may fill them, whether it names the event from the
recipient's side); claims carry the CAMEO code, quad class and Goldstein weight. Symmetric
predicates read "A мен B" as agent A, recipient B; a heading with no agent (X-пен кездесу) gives
a partner-only claim unless the document gives the same event an agent.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import product
from pathlib import Path
from typing import Optional

from ..lexicon import TriggerRule, load_lexicon
from ..layers import ENTITIES, LINKED_MENTIONS, RELATION_CLAIMS, SENTENCES, SPEECH_CLAIMS, TOKENS
from ..records import AnnotatedDocument, Claim, Evidence
from ..spans import SpanIndex, keep_longest
from ..stage import Stage, StageSettings
from ..textview import Argument, SentenceView, sentence_views

ARGUMENT_LABELS = {"PERSON", "ORG", "COUNTRY", "NORP", "GPE", "LOC", "FAC", "GROUP"}
MAX_CLAIMS_PER_TRIGGER = 8


class Settings(StageSettings):
    lexicon: Optional[Path] = None  # the relation lexicon; default: the language's own
    inherit_agent: bool = True  # no agent in the clause: use the sentence subject / the speaker


class CaseFrameExtractor(Stage):
    requires = (TOKENS, SENTENCES, LINKED_MENTIONS, ENTITIES, SPEECH_CLAIMS)  # reads the reported words
    provides = (RELATION_CLAIMS,)
    Settings = Settings

    def __init__(self, settings: Settings, context):
        super().__init__(settings, context)
        lang = context.language_pack  # what it reads of the language first: a language without it says so
        make_reader, self.dates = lang.frame_reader, lang.dates
        self.lex = load_lexicon(context.lexicon(settings.lexicon))
        self.reader = make_reader(self.lex)
        self.rules: list[TriggerRule] = self.lex.trigger_rules()
        self._first_stems = tuple(s for r in self.rules for s in r.pattern[0])
        self.confidence = {key: self.lex.confidence_of("case_frames", key)
                           for key in ("own_agent", "inherited_agent", "no_agent", "per_role", "max")}
        self._pair_coordinators = set(self.lex.pair_coordinators)
        self._currency = tuple(self.lex.currency_words)
        self._verbal_noun_endings = tuple(self.lex.verbal_noun_endings)
        self.coordinators = set(self.lex.coordinators)
        self._postposition_words = {w for words in self.lex.postpositions.values() for w in words}
        # "Жапония тарапынан көмек көрсетілді": "by X" names the agent, whatever the frame
        self._agent_markers = {m: "agent" for m in self.lex.speech.agent_markers}
        self._event_nouns = frozenset(self.lex.event_nouns)
        self._event_verbs = tuple(self.lex.event_verbs)

    def __call__(self, doc: AnnotatedDocument) -> AnnotatedDocument:
        claims = list(doc.claims)
        # reported words by where they stand: a trigger finds the words it is in by offset
        speech = SpanIndex([c for c in doc.claims if c.predicate == self.lex.speech.predicate and c.content],
                           span=lambda c: (c.content.start, c.content.end))
        # the speakers of each reported words, for this document's triggers (one index a document)
        self._speakers = _speakers_of(doc.claims)
        new: list[Claim] = []
        for view in sentence_views(doc):
            new += self._sentence(doc, view, speech)
        return doc.with_layers(claims=claims + self._headline_agents(new))

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

    def _sentence(self, doc: AnnotatedDocument, view: SentenceView, speech) -> list[Claim]:
        hits = self._find_triggers(view)
        if not hits:
            return []
        trigger_tokens = {k for _, (a, b), _ in hits for k in range(a, b + 1)}
        args = [self.reader.argument(view, m, trigger_tokens) for m in view.mentions
                if m.entity_id and m.label in ARGUMENT_LABELS]
        # "Қытайдың Қазақстандағы елшісі": an attributive locative modifies a noun, not the verb,
        # unless that noun is the event itself ("Қытайдағы кездесу": the meeting's place)
        trigger_starts = {a for _, (a, _), _ in hits}
        args = [a for a in args if not (a.case == "loc" and a.head is None and a.last + 1 not in trigger_starts and any(
            x.attributive for x in self.reader.analyser.analyses(view.tokens[a.last].lower)))]
        # "АҚШ долларына": a country naming a currency is no argument
        args = self._group_inflection(view, [a for a in args if not (
            a.head is not None and view.tokens[a.head].lower.startswith(self._currency))])
        subject = next((a for a in args if a.case == "nom"), None)
        per_hit: list[list[Claim]] = []
        pending: list[tuple] = []  # complements still looking for a subject
        clause_start = 0
        firsts = [a.first for a in args]  # args are in order: a clause's are found by bisection
        for n, (rule, (first, last), stems) in enumerate(hits):
            at = view.tokens[first].start
            said = next(iter(speech.overlapping(at, at + 1)), None)
            window = [a for a in args[bisect_left(firsts, clause_start):bisect_left(firsts, first)] if a.last < first]
            if said is not None:  # reported words: the arguments are inside them
                window = [a for a in window if a.mention.start >= said.content.start]
            if self._relative(view, last):
                # "..., Қытай қолдаған үйсіндерге": a participle before its noun takes its
                # arguments from its own stretch, after the last comma
                commas = [k for k in range(clause_start, first) if view.tokens[k].text in (",", ";")]
                if commas:
                    window = [a for a in window if a.first > commas[-1]]
                # "Жапония қолдаған Вьетнамға": a name the participle qualifies is its object
                head = next((a for a in args if a.first == last + 1), None)
                obj = next((c for c in ("acc", "dat") if rule.frame.get(c) == "recipient"), None)
                if head is not None and obj and not any(rule.frame.get(a.case) == "recipient" for a in window):
                    window = window + [Argument(head.mention, obj, head.first, head.last, None)]
            nested = n + 1 < len(hits) and hits[n + 1][1][0] == last + 1
            hit = (doc, view, rule, (first, last), stems, window, None if said else subject, said, nested)
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
        if nxt and not nxt.startswith(self._event_verbs) and any(a.case == "nom" for a in analyses) and any(
                self.reader.analyser.is_possessed(nxt, case) for case in ("acc", "gen")):
            # келіссөздер қорытындысын: the event possesses the next noun (not "келіссөз
            # жүргізетінін", a verb of carrying it out in a reported clause)
            return True
        return bool(analyses) and nxt in self._postposition_words

    def _group_inflection(self, view: SentenceView, args: list[Argument]) -> list[Argument]:
        """Kazakh inflects a coordination once, on its last member: in
        "Қазақстан мен Қытайға" both are datives."""
        args = sorted(args, key=lambda a: a.first)
        out = list(args)
        for k, a in enumerate(out):
            # "Иван Петров пен сарбазды", "ЕО мен халықаралық қауымдастықта": the last member,
            # a common noun, carries the case
            if not (a.case == "nom" and a.head is None and a.last + 2 < len(view)
                    and view.tokens[a.last + 1].lower in self._pair_coordinators):
                continue
            for nxt in range(a.last + 2, min(len(view), a.last + 5)):
                if view.mention_at(nxt) or view.tokens[nxt].is_punct:
                    break
                case = self.reader.case_of(view.tokens[nxt].text, possessive=False)
                if case in ("acc", "dat", "abl", "loc", "ins"):
                    out[k] = Argument(a.mention, case, a.first, a.last, nxt)
                    break
                if case != "nom":
                    break
        for k in range(len(out) - 2, -1, -1):
            a, b = out[k], out[k + 1]
            between = [t.lower for t in view.tokens[a.last + 1:b.first]]
            if between and set(between) & self.coordinators:  # X және Президент Y-пен: a title between
                between = [w for w in between if w in self.coordinators or not self.reader.is_title(w)]
            if (a.case == "nom" and a.head is None and between and set(between) <= self.coordinators
                    and b.case not in ("nom", "title", "embedded", "post")):
                out[k] = Argument(a.mention, b.case, a.first, a.last, b.head)
            elif (a.case == "nom" and a.head is None and between and set(between) <= self.coordinators
                    and b.case in ("embedded", "title")):
                # "Ресей мен Түркия көшбасшыларының", "Қазақстан мен Қытай басшылары": both possess the head
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
        # a word inside a name is no trigger (a person called Сапар)
        starts = [t.i for t in view.tokens if t.lower.startswith(self._first_stems) and not view.mention_at(t.i)]
        for rule in self.rules:
            for i in starts:
                last = view.match(rule.pattern, i)
                if last is not None and rule.exclude and any(
                        view.tokens[k].lower.startswith(rule.exclude) for k in range(i, last + 1)):
                    continue
                if last is not None:
                    found.append((rule, (i, last), rule.pattern[-1]))
        return keep_longest(found, span=lambda h: h[1])

    def _clause_final(self, view: SentenceView, last: int) -> bool:
        """Does the clause end after this trigger's verb (punctuation or "және" next)?"""
        group = self.reader.verb_group(view, last)
        end = group[-1] if group else last
        if end + 1 >= len(view):
            return True
        nxt = view.tokens[end + 1]
        return nxt.is_punct or nxt.lower in self.lex.clause_conjunctions

    def _fits(self, doc, rule: TriggerRule, role: str, a: Argument) -> bool:
        allowed = rule.allowed_types(role)
        if allowed is None:
            return True
        ent = doc.entity(a.mention.entity_id)
        return ent is not None and ent.type in allowed

    def _claims(self, doc, view, rule: TriggerRule, trigger, stems, window: list[Argument], subject, said, nested,
                agents: list[str] | None = None):
        receive = rule.receive
        predicate = rule.predicate
        frame = rule.frame
        roles: dict[str, list[Argument]] = {}
        post_roles = {**self._agent_markers, **dict(rule.postposition_roles)}
        for a in window:
            role = frame.get(a.case)
            if a.case == "post" and post_roles:
                end = a.head if a.head is not None else a.last
                role = post_roles.get(view.tokens[end + 1].lower) if end + 1 < len(view) else None
            if role and self._fits(doc, rule, role, a):
                roles.setdefault(role, []).append(a)
        if not rule.inherit_agent:
            subject, agents = None, None
        if self._directed(view, trigger):
            return []  # "X-ті инвестиция салуға шақырды": someone else is to do it
        if self._first_or_second_person(view, trigger):
            # "X-тің ұсынысын қолдаймыз": "we" support it; a nominative name is no agent
            roles["agent"] = [a for a in roles.get("agent", []) if a.case != "nom"]
            if not roles["agent"]:
                del roles["agent"]
            subject, agents = None, None
        if receive:
            # the giver: an ablative close before the trigger (АҚШ-тан кепілдік); the subject receives
            givers = [a for a in roles.get("agent", []) if trigger[0] - a.last <= self.lex.receive_reach]
            if not givers:
                return []
            roles["agent"] = self._coordinated_before(view, roles["agent"], givers[-1])
            if "recipient" not in roles and subject is not None and subject.last < trigger[0]:
                roles["recipient"] = [subject]
            subject, agents = None, None
        passive = self.reader.passive(view, trigger, stems) and not receive
        if passive:
            # "... нысанға шабуыл жасалды": a passive names no agent in the nominative or genitive
            roles["agent"] = [a for a in roles.get("agent", []) if a.case not in ("nom", "gen") or a.between]
            if not roles["agent"]:
                del roles["agent"]
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
        if rule.symmetric and "recipient" not in roles and len(roles.get("agent", [])) == 2:
            a, b = roles["agent"]  # "A мен B кездесті": A the agent, B the recipient
            if {t.lower for t in view.tokens[(a.head or a.last) + 1:b.first]} <= self._pair_coordinators:
                roles["agent"], roles["recipient"] = [a], [b]
        confidence = self.confidence["own_agent"]
        if "agent" not in roles and self.settings.inherit_agent and rule.inherit_agent:
            if subject is not None and subject.last < trigger[0] and subject not in window and self._fits(
                    doc, rule, "agent", subject):
                roles["agent"] = [subject]
                confidence = self.confidence["inherited_agent"]
        # in a reported clause (Песков ... көмектесетінін айтты) the speaker is the
        # subject when no other is named; in a quotation or "according to" it is not
        speaker_is_subject = said is not None and said.construction == "reported_clause" and not passive
        own = [a.mention.entity_id for a in roles.pop("agent", [])]
        inherit = self.settings.inherit_agent and rule.inherit_agent
        # "X және Y ... хабарлады": each speaker of the same words is an agent
        speakers = self._speakers.get((said.predicate, said.content), []) if said is not None else []
        agents = own or agents or (speakers if speaker_is_subject and inherit else [])
        if any(r not in roles for r in rule.requires if r != "agent") or ("agent" in rule.requires and not agents):
            return []
        if not agents:
            # a headline without a finite verb (X-пен кездесу): the partner only, never an invented agent;
            # the document may name the agent elsewhere (filled in by _headline_agents)
            if not (roles and self._headline(view, trigger)):
                return []  # who did it is the point of a claim
            confidence = self.confidence["no_agent"]
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
        theme_text = self._theme_text(view, rule, trigger, used) if "theme" not in roles else None
        if theme_text is None and rule.theme_before and "theme" not in roles and trigger[0] > 0:
            theme_text = self._word_in_case(view, trigger[0] - 1, rule.theme_before)
        cameo = rule.cameo
        event = dict(cameo=cameo.code, quad_class=cameo.quad_class, goldstein=cameo.goldstein) if cameo else {}
        claims = []
        for agent, fillers in product(agents or [None], product(*[roles[r] for r in role_names])):
            negated_arg = any(self._negated(view, a) for a in fillers)
            claim_polarity = "negated" if negated_arg or polarity == "negated" else "affirmed"
            if negated_arg and polarity == "negated":
                claim_polarity = "affirmed"  # "not X ... not" is rare; keep the plain reading
            filled = {r: a.mention.entity_id for r, a in zip(role_names, fillers) if a.mention.entity_id != agent}
            if any(r not in filled for r in rule.requires if r != "agent"):
                continue  # the required partner was the agent itself
            claims.append(Claim(
                id=f"{doc.document.id}-{predicate}-{view.tokens[trigger[0]].start}-{len(claims)}",
                predicate=predicate, agent=agent, polarity=claim_polarity, modality=modality or "asserted",
                author=(agent if agent in speakers and not own else said.agent) if said else None, text=text, date=dates[0].value if dates else None,
                evidence=Evidence(start=s.start, end=s.end, exact=doc.text[s.start:s.end]), theme_text=theme_text,
                confidence=min(self.confidence["max"], confidence + self.confidence["per_role"] * len(filled)),
                **event, **filled,
            ))
            if len(claims) >= MAX_CLAIMS_PER_TRIGGER:
                break
        return claims

    def _first_or_second_person(self, view: SentenceView, trigger: tuple[int, int]) -> bool:
        """The finite verb (the trigger's last word or the last of its verb group) is in the 1st/2nd person."""
        endings = tuple(self.lex.personal_endings)
        if not endings:
            return False
        group = self.reader.verb_group(view, trigger[1])
        words = {view.tokens[trigger[1]].lower, view.tokens[group[-1]].lower if group else ""}
        return any(len(w) > 4 and w.endswith(endings) for w in words)

    def _relative(self, view: SentenceView, last: int) -> bool:
        """A participle trigger before a word or name of its own: a relative clause
        (... қолдаған елдер, ... қолдаған Вьетнамға)."""
        word = view.tokens[last].lower
        nxt = last + 1
        return (word.endswith(tuple(self.lex.roles.participle_endings)) and nxt < len(view)
                and not view.tokens[nxt].is_punct)

    def _directed(self, view: SentenceView, trigger: tuple[int, int]) -> bool:
        """A verbal-noun complement of a directive verb (салуға шақырды, көрсетуді тапсырды)."""
        last = view.tokens[trigger[1]].lower
        if not self.lex.directive_verbs or not last.endswith(tuple(self.lex.complement_endings)):
            return False
        nxt = trigger[1] + 1
        return nxt < len(view) and view.tokens[nxt].lower.startswith(tuple(self.lex.directive_verbs))

    def _headline(self, view: SentenceView, trigger: tuple[int, int]) -> bool:
        """A heading that closes on a verbal noun (... X-пен кездесу): no finite verb."""
        if view.sentence.kind != "heading":
            return False
        rest = [t for t in view.tokens[trigger[1] + 1:] if not t.is_punct]
        return not rest and view.tokens[trigger[1]].lower.endswith(self._verbal_noun_endings)

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


def _speakers_of(claims) -> dict[tuple, list[str]]:
    """(predicate, content) -> the agents of the claims of those words, in order (made once
    per document, by the stage's call)."""
    index: dict[tuple, list[str]] = {}
    for c in claims:
        if c.agent:
            index.setdefault((c.predicate, c.content), []).append(c.agent)
    return index
